"""tailor preview, tailor diff and tailor render DIR: the editor's tools in a terminal."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rich.text import Text

from tailor.audience import FORMATS
from tailor.cli import main
from tailor.cli.console import STYLES, article_text
from tailor.tools.diff import transformed_for

from .conftest import AUDIENCES, EXAMPLE


@pytest.fixture(autouse=True)
def one_tailor(monkeypatch, tailor):
    """Every command here uses the session's Tailor instead of building (and warming) its own."""
    monkeypatch.setattr("tailor.cli._tailor", lambda *dirs: tailor)


def run(*args: str, width: int = 200):
    return CliRunner(env={"COLUMNS": str(width)}).invoke(main, list(args), catch_exceptions=False)


def test_preview_shows_every_audience_with_its_reading_target(baclofen):
    result = run("preview", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    for label in ("Clinician (clinician)", "Patient (patient)", "Caregiver (caregiver)"):
        assert label in result.stdout
    assert "target ≤ 8: meets" in result.stdout  # the patient target, as the scorer sees it
    assert "(no target)" in result.stdout  # clinicians have none
    assert "glossary substitutions" in result.stdout


def test_preview_audience_option_narrows_and_stacks():
    result = run("preview", str(EXAMPLE), "--audience", "patient", "--layout", "stacked")
    assert result.exit_code == 0
    assert "Patient (patient)" in result.stdout
    assert "Clinician" not in result.stdout and "Caregiver" not in result.stdout
    assert "muscle stiffness" in result.stdout


def test_preview_highlights_exactly_the_substituted_words(tailor, baclofen):
    transformed = transformed_for(tailor, baclofen, "patient")
    text: Text = article_text(transformed, baclofen.disclaimer)
    highlighted = {
        text.plain[span.start : span.end]
        for span in text.spans
        if STYLES["replaced"] in str(span.style)
    }
    assert highlighted == {s.replacement for s in transformed.substitutions}
    assert baclofen.disclaimer in text.plain


def test_preview_unknown_audience_is_one_line_exit_2():
    result = run("preview", str(EXAMPLE), "-a", "doctor")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "known audiences" in result.stderr


def test_diff_shows_what_differs_and_why(glossary_only_file):
    result = run("diff", str(glossary_only_file), "clinician", "patient", width=220)
    assert result.exit_code == 0, result.output
    assert "clinician vs patient" in result.stdout
    assert "jargon" in result.stdout and "replace" in result.stdout
    assert "entry 'spasticity'" in result.stdout


def test_render_folder_writes_every_audience_and_format(tmp_path, baclofen):
    src = tmp_path / "articles"
    (src / "drugs").mkdir(parents=True)
    shutil.copy(EXAMPLE, src / "drugs" / "baclofen.yaml")
    out = tmp_path / "out"
    result = run("render", str(src), "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    written = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")  # .tailor-render marks the folder
    )
    assert len(written) == len(AUDIENCES) * len(FORMATS)
    assert "drugs/baclofen/patient.md" in written
    assert "drugs/baclofen/caregiver.fragment.html" in written
    for path in out.rglob("[!.]*.*"):
        assert baclofen.disclaimer in path.read_text(encoding="utf-8") or path.suffix == ".json"
    payload = json.loads((out / "drugs/baclofen/clinician.json").read_text(encoding="utf-8"))
    assert payload["disclaimer"] == baclofen.disclaimer
    assert f"wrote {len(written)} files for 1 articles" in result.stderr


def test_render_folder_in_worker_processes(tmp_path, baclofen):
    out = tmp_path / "out"
    result = run("render", str(EXAMPLE.parent), "-o", str(out), "-f", "text", "--jobs", "2")
    assert result.exit_code == 0, result.output
    for audience in AUDIENCES:
        text = (out / EXAMPLE.stem / f"{audience}.txt").read_text(encoding="utf-8")
        assert baclofen.disclaimer in text


def test_render_folder_narrowed_by_explicit_options(tmp_path):
    out = tmp_path / "out"
    result = run(
        "render", str(EXAMPLE.parent), "-o", str(out), "-a", "patient", "-f", "text", "-j", "1"
    )
    assert result.exit_code == 0
    written = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert {p.name for p in written} == {"patient.txt"}
    assert len(written) == len(list(EXAMPLE.parent.glob("*.yaml")))  # one per example article


def test_render_folder_reports_bad_files_and_writes_nothing(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    shutil.copy(EXAMPLE, src / "good.yaml")
    (src / "bad.yaml").write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", str(src), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 2
    assert "tailor: error: " in result.stderr and "bad.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()  # -o is written whole or not at all


def test_render_folder_needs_an_output_folder(tmp_path):
    result = CliRunner().invoke(main, ["render", str(EXAMPLE.parent)])
    assert result.exit_code == 2 and "needs -o OUT" in result.stderr
