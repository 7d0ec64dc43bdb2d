"""tailor check: every audience's readability against its target, usable in a content team's CI.

Exit status 0 when every target is met, 1 when one is missed, 2 on bad input.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from tailor.cli import main

from .conftest import AUDIENCES, EXAMPLE


@pytest.fixture(autouse=True)
def one_tailor(monkeypatch, tailor):
    """Every check here uses the session's Tailor instead of building (and warming) its own."""
    monkeypatch.setattr("tailor.cli._tailor", lambda *dirs: tailor)


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


# -- the bundled example (issue 4's "done when") ----------------------------------------------


@pytest.mark.parametrize("audience", ["patient", "caregiver"])
def test_the_example_meets_grade_8_for_patients_and_caregivers(tailor, baclofen, audience):
    report = tailor.assess(baclofen, audience)
    assert report.target == 8
    assert report.article.smog <= 8
    assert report.article.flesch_kincaid_grade is not None
    assert report.article.flesch_kincaid_grade <= 8
    assert report.meets_target
    # the reviewed text alone is far above: the rewordings and glossary do the work
    assert report.before.grade > 12


def test_caregiver_rewordings_speak_about_the_person_you_care_for(baclofen):
    for _, point in baclofen.points():
        text = point.rewordings.get("caregiver")
        if text is None:
            continue
        rest = text.replace("the person you care for", "")
        assert not re.search(r"\byou(r|rs|rself)?\b", rest, re.IGNORECASE), (point.id, text)


def test_check_shows_every_audience_and_names_sentences_missing_the_patient_target():
    result = run(str(EXAMPLE))
    assert result.exit_code == 0, result.output
    table = result.stdout.split("\n\n")[1]
    for audience in AUDIENCES:
        assert re.search(rf"^{audience}\s", table, re.MULTILINE), audience
    assert re.search(r"^patient\s+<= 8\s.*\bmeets$", table, re.MULTILINE)
    assert re.search(r"^clinician\s+none\s.*\breported$", table, re.MULTILINE)
    missing = re.search(r"^patient: (\d+) sentences above grade 8$", result.stdout, re.MULTILINE)
    assert missing and int(missing.group(1)) > 0
    assert re.search(
        r"^  sections\.\d+\.points\.\d+\.rewordings\.patient \([\w-]+\), grade [\d.]+: ",
        result.stdout,
        re.MULTILINE,
    )
    assert "jargon candidates" in result.stdout
    assert result.stdout.rstrip().endswith("all targets met")


def test_json_format_is_the_same_report_as_data():
    result = run(str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["all_targets_met"] is True
    assert list(data["audiences"]) == list(AUDIENCES)
    patient = data["audiences"]["patient"]
    assert patient["meets_target"] is True and patient["target"] == 8
    assert patient["article"]["smog"] <= 8 and patient["article"]["flesch_kincaid_grade"] <= 8
    assert patient["before_glossary"]["smog"] > patient["article"]["smog"]
    assert set(patient["sections"]) >= {"indications", "withdrawal"}
    hardest = patient["hardest_sentences"]
    assert hardest and all(s["grade"] > 8 and s["reasons"] for s in hardest)
    for finding in patient["findings"]:
        assert set(finding) == {"type", "loc", "msg", "ctx"}
        assert finding["type"].startswith("readability.")
    assert isinstance(patient["jargon"], list)


def test_audience_option_narrows_the_check():
    result = run(str(EXAMPLE), "--audience", "clinician", "-f", "json")
    assert list(json.loads(result.stdout)["audiences"]) == ["clinician"]


def test_a_missed_target_exits_1(glossary_only_file):
    result = run(str(glossary_only_file))
    assert result.exit_code == 1
    assert re.search(r"^patient\s+<= 8\s.*\bMISSES$", result.stdout, re.MULTILINE)
    assert "some targets missed: patient, caregiver" in result.stdout
    # the clinician has no target, so checking only the clinician passes
    assert run(str(glossary_only_file), "-a", "clinician").exit_code == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.yaml", "missing.yaml"),
        (lambda tmp: _write(tmp / "bad.yaml", "id: x\nquestion: [unclosed\n"), "not valid YAML"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, message):
    result = run(str(make(tmp_path)))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_audience_exits_2():
    result = run(str(EXAMPLE), "-a", "doctor")
    assert result.exit_code == 2
    assert "known audiences: caregiver, clinician, patient" in result.stderr


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path
