"""The tailor command: output on stdout or a file, one-line errors with exit status 2."""

from __future__ import annotations

from click.testing import CliRunner

from tailor.cli import main

from .conftest import EXAMPLE


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_render_prints_the_rendering(baclofen):
    result = run("render", str(EXAMPLE), "--audience", "patient", "--format", "markdown")
    assert result.exit_code == 0
    assert baclofen.disclaimer in result.stdout
    assert "muscle stiffness" in result.stdout


def test_render_writes_to_a_file(tmp_path):
    out = tmp_path / "out" / "patient.html"
    result = run("render", str(EXAMPLE), "-a", "patient", "-f", "html", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<article")


def test_trace_lists_substitutions(glossary_only_file):
    result = run("render", str(glossary_only_file), "-a", "patient", "--trace")
    assert "cns-depressants: 'CNS depressants' -> " in result.stderr


def test_audiences_lists_labels_and_targets():
    result = run("audiences")
    assert result.exit_code == 0
    assert "patient" in result.stdout and "grade <= 8" in result.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out.html"
    result = run("render", str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"tailor: error: {bad}: file is not valid YAML")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unknown_audience_exit_2_lists_known():
    result = run("render", str(EXAMPLE), "-a", "doctor")
    assert result.exit_code == 2
    assert "known audiences: caregiver, clinician, patient" in result.stderr
