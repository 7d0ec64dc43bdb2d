"""`tailor glossary import` and `tailor glossary lint`, and the lint checks behind them."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from click.testing import CliRunner

from tailor import Glossary, GlossaryEntry, GlossaryError
from tailor.cli import main
from tailor.tools.glossary_lint import lint

from .conftest import EXAMPLE


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def entry(term: str, replacement: str | None = None, **kw) -> GlossaryEntry:
    return GlossaryEntry(term=term, replacement=replacement, source="test", **kw)


def layer(name: str, *entries: GlossaryEntry) -> Glossary:
    return Glossary(name=name, entries=entries)


def types(findings) -> set[tuple[str, str]]:
    return {(f.type, f.term) for f in findings}


# -- import --------------------------------------------------------------------------------


def test_import_turns_a_two_column_csv_into_a_glossary(tmp_path):
    sheet = tmp_path / "acme-terms.csv"
    sheet.write_text(
        "term,replacement\ntachycardia,fast heartbeat\n\n“dyspnoea”,shortness of breath\n",
        encoding="utf-8",
    )
    out = tmp_path / "glossaries" / "acme.yaml"
    result = run("glossary", "import", str(sheet), "-o", str(out), "--source", "Acme editors")
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["name"] == "acme-terms"
    assert data["entries"][0] == {
        "term": "tachycardia",
        "replacement": "fast heartbeat",
        "source": "Acme editors",
    }
    loaded = Glossary.from_file(out)  # the output is a valid glossary file
    assert len(loaded.entries) == 2


def test_import_to_stdout_without_a_header(tmp_path):
    sheet = tmp_path / "t.csv"
    sheet.write_text("sedation,sleepiness\n", encoding="utf-8")
    result = run("glossary", "import", str(sheet))
    assert result.exit_code == 0
    assert "term: sedation" in result.stdout
    assert "source: imported from t.csv" in result.stdout


def test_a_bad_csv_row_is_one_line_naming_the_file_and_row(tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("term,replacement\nsedation,sleepiness\ntremor\n", encoding="utf-8")
    result = run("glossary", "import", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert str(sheet) in result.stderr and "rows.3, line 3" in result.stderr


def test_duplicate_terms_in_a_csv_are_refused(tmp_path):
    sheet = tmp_path / "dup.csv"
    sheet.write_text("Sedation,sleepiness\nsedation,drowsiness\n", encoding="utf-8")
    result = run("glossary", "import", str(sheet))
    assert result.exit_code == 2
    assert "already defined by entries.0" in result.stderr


# -- lint ----------------------------------------------------------------------------------


def test_conflicts_and_duplicates_across_layers():
    found = lint(
        [
            layer("default", entry("sedation", "sleepiness"), entry("tremor", "shaking")),
            layer("acme", entry("sedation", "drowsiness"), entry("tremor", "shaking")),
        ]
    )
    by_type = {f.type: f for f in found}
    assert "overrides layer 'default'" in by_type["glossary.conflict"].msg
    assert by_type["glossary.conflict"].severity == "warning"
    assert by_type["glossary.duplicate"].severity == "note"


def test_chains_and_cycles_through_replacements():
    found = lint(
        [
            layer(
                "default",
                entry("abdominal pain", "belly pain"),
                entry("belly", "stomach area"),
                entry("emesis", "being sick"),
                entry("being sick", "emesis"),
            )
        ]
    )
    assert ("glossary.chain", "abdominal pain") in types(found)
    cycles = [f for f in found if f.type == "glossary.cycle"]
    assert len(cycles) == 1 and cycles[0].severity == "error"
    assert (
        "'being sick' -> 'emesis'" in cycles[0].msg or "'emesis' -> 'being sick'" in cycles[0].msg
    )


def test_lint_and_compiling_a_stack_agree_on_what_a_cycle_is():
    # One definition (issue 12): a replacement that IS another term leads on; one that
    # only contains a term is a chain, shown as written, since substitution is one pass.
    from tailor.glossary import CompiledGlossary

    loop = [layer("a", entry("spasm", "cramp")), layer("b", entry("cramp", "spasm"))]
    chains = [
        layer("a", entry("spasm", "sudden cramp")),
        layer("b", entry("cramp", "muscle spasm")),
    ]
    assert [f.type for f in lint(loop) if f.severity == "error"] == ["glossary.cycle"]
    with pytest.raises(GlossaryError, match="glossary cycle"):
        CompiledGlossary(loop)
    found = lint(chains)
    assert not [f for f in found if f.type == "glossary.cycle"]
    assert {("glossary.chain", "spasm"), ("glossary.chain", "cramp")} <= types(found)
    CompiledGlossary(chains)  # accepted at run time too


def test_harder_replacements_and_changed_negations():
    found = lint(
        [
            layer(
                "default",
                entry("belly pain", "abdominal discomfort"),
                entry("sleepy", "not alert"),
                entry("not indicated", "recommended"),
            )
        ]
    )
    assert ("glossary.harder_replacement", "belly pain") in types(found)
    assert ("glossary.negation_added", "sleepy") in types(found)
    lost = [f for f in found if f.type == "glossary.negation_lost"]
    assert lost and lost[0].severity == "error"


def test_entries_never_matched_by_the_examples():
    found = lint(
        [layer("default", entry("sedation", "sleepiness"), entry("tachycardia", "fast heartbeat"))],
        [("a.yaml", ["Common adverse effects include sedation"])],
    )
    unused = [f.term for f in found if f.type == "glossary.unused"]
    assert unused == ["tachycardia"]


def test_the_cli_lints_the_bundled_glossary_against_the_example():
    result = run("glossary", "lint", "--examples", str(EXAMPLE))
    assert result.exit_code == 0, result.stdout
    assert "0 errors" in result.stdout
    assert "never matched by the 1 example article(s)" in result.stdout


def test_the_cli_exits_1_on_a_cycle_between_layers(tmp_path):
    (tmp_path / "org.yaml").write_text(
        textwrap.dedent(
            """\
            name: acme
            entries:
              - term: shaking
                replacement: tremor
                source: Acme editors
            """
        ),
        encoding="utf-8",
    )
    result = run("glossary", "lint", "--glossaries-dir", str(tmp_path), "--examples", str(EXAMPLE))
    assert result.exit_code == 1
    assert "glossary.cycle" in result.stdout and "acme" in result.stdout


def test_a_cycle_is_a_one_line_error_when_rendering(tmp_path):
    (tmp_path / "org.yaml").write_text(
        "name: acme\nentries:\n  - term: shaking\n    replacement: tremor\n    source: Acme\n",
        encoding="utf-8",
    )
    result = run("render", str(EXAMPLE), "-a", "patient", "--glossaries-dir", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("tailor: error: glossary cycle: ")
    assert "'shaking' (acme) -> 'tremor' (default)" in result.stderr


def test_lint_judges_each_language_on_its_own():
    """English and Spanish glossaries never apply to one article: a term both define
    (clonus, EEG) is no conflict, and Spanish words are not counted with English rules."""
    from tailor.glossary import Glossary
    from tailor.tailor import BUNDLED_GLOSSARIES
    from tailor.tools.glossary_lint import lint

    layers = Glossary.from_dirs([BUNDLED_GLOSSARIES])
    assert {g.locale.split("_")[0] for g in layers} == {"en", "es"}
    findings = lint(layers)
    assert not [f for f in findings if f.type in ("glossary.conflict", "glossary.form_conflict")]
    # The same layers linted as one stack, as before, do clash: the grouping is what helps.
    en, es = ([g for g in layers if g.locale.startswith(lang)] for lang in ("en", "es"))
    mixed = [Glossary(name=g.name, locale="en", entries=g.entries) for g in es]
    clashes = lint([*en, *mixed])
    assert [f for f in clashes if f.type in ("glossary.conflict", "glossary.form_conflict")]
