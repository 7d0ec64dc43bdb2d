"""Hostile input gets a one-line error or is shown as written, never a traceback (item 12).

The inputs are the attack run's: Rich markup (``[/bold]``) in an audience label or in
article text crashed ``tailor preview`` and ``tailor diff`` with a MarkupError; a glossary
CSV with a term made only of symbols (``.*``, ``+++``, a zero-width space) was accepted by
``tailor glossary import`` and crashed later with an IndexError; a CSV field over 128 KB
raised ``csv.Error``. (A 5,000-digit year and a 3,000-deep ``extends`` chain are in
:mod:`tests.test_bad_input_round_two`.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor import GlossaryError
from tailor.cli import main
from tailor.importers.glossary_csv import glossary_from_csv

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
MARKUP = ["[/bold]", "[bold red]x[/]", "[/]", "[link=file:///etc/passwd]x[/link]", "[", "[/x"]


def _nurse(tmp: Path, label: str) -> Path:
    folder = tmp / "audiences"
    folder.mkdir(exist_ok=True)
    (folder / "nurse.yaml").write_text(
        f"extends: clinician\nlabel: {label!r}\n".replace("'", '"'), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("markup", MARKUP)
@pytest.mark.parametrize("command", ["preview", "diff"])
def test_rich_markup_in_an_audience_label_is_shown_as_written(tmp_path, markup, command):
    folder = _nurse(tmp_path, f"Nurse {markup}")
    args = [command, str(EXAMPLE), "--audiences-dir", str(folder)]
    args += ["nurse", "patient"] if command == "diff" else ["-a", "nurse", "--layout", "stacked"]
    result = CliRunner().invoke(main, args, catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0, result.output
    if command == "preview":
        assert f"Nurse {markup}" in result.stdout


@pytest.mark.parametrize("markup", MARKUP)
@pytest.mark.parametrize("command", ["preview", "diff"])
def test_rich_markup_in_article_text_is_shown_as_written(tmp_path, markup, command):
    old = "title: Baclofen Safety for Muscle Spasms"
    text = EXAMPLE_TEXT.replace(old, f"title: 'Baclofen {markup} Safety'")
    text = text.replace(
        "          Significant withdrawal symptoms have been reported following abrupt",
        f"          Significant {markup} withdrawal symptoms have been reported following abrupt",
    )
    path = tmp_path / "article.yaml"
    path.write_text(text, encoding="utf-8")
    args = [command, str(path)]
    args += (
        ["clinician", "patient"]
        if command == "diff"
        else ["-a", "clinician", "--layout", "stacked"]
    )
    result = CliRunner().invoke(main, args, catch_exceptions=False, terminal_width=1000)
    assert result.exit_code == 0, result.output
    if command == "preview":  # the diff folds long cells: it must only not crash
        assert f"Significant {markup} withdrawal" in " ".join(result.stdout.split())
    assert "Significant" in result.stdout


# -- glossary import -----------------------------------------------------------------------


@pytest.mark.parametrize("term", [".*", "+++", "\u200b", "!!", "--"])
def test_a_csv_term_without_words_is_refused_by_import(tmp_path, term):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text(f"term,replacement\nataxia,unsteadiness\n{term},anything\n", "utf-8")
    with pytest.raises(GlossaryError) as info:
        glossary_from_csv(csv_path)
    assert info.value.details[0].line == 3
    out = tmp_path / "site.yaml"
    result = CliRunner().invoke(
        main, ["glossary", "import", str(csv_path), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith("tailor: error: ") and result.stderr.count("\n") == 1
    assert "line 3" in result.stderr


def test_a_csv_field_over_128_kb_is_a_one_line_error(tmp_path):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text('term,replacement\nataxia,"' + "x" * 200_000 + '"\n', "utf-8")
    with pytest.raises(GlossaryError, match=r"line 2"):
        glossary_from_csv(csv_path)
    result = CliRunner().invoke(
        main, ["glossary", "import", str(csv_path), "-o", str(tmp_path / "g.yaml")]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 1_000


def test_a_csv_cell_with_a_hidden_character_is_refused(tmp_path):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("ataxia,unsteady\u202egait\n", "utf-8")
    with pytest.raises(GlossaryError, match=r"line 1.*U\+202E"):
        glossary_from_csv(csv_path)


def test_a_csv_that_inverts_a_negation_is_refused(tmp_path):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("do not stop,you may stop\n", "utf-8")
    with pytest.raises(GlossaryError, match="negation"):
        glossary_from_csv(csv_path)
