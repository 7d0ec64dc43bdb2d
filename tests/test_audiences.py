"""Audiences are data: bundled ones, a site's own, and inheritance with extends."""

from __future__ import annotations

import pytest

from tailor import AudienceError, JargonMode

from .conftest import example_tailor


def test_three_audiences_ship_in_selector_order(tailor):
    assert list(tailor.audiences) == ["clinician", "patient", "caregiver"]
    assert [a.label for a in tailor.audiences.values()] == ["Clinician", "Patient", "Caregiver"]


def test_each_audience_states_how_it_reads(tailor):
    clinician, patient, caregiver = (tailor.audience(n) for n in tailor.audiences)
    assert clinician.jargon is JargonMode.KEEP and clinician.reading_grade_max is None
    assert patient.jargon is JargonMode.REPLACE and patient.reading_grade_max == 8
    assert caregiver.jargon is JargonMode.EXPLAIN
    assert caregiver.voice.subject == "the person you care for"


def test_caregiver_inherits_from_patient(tailor):
    patient, caregiver = tailor.audience("patient"), tailor.audience("caregiver")
    assert caregiver.reading_grade_max == patient.reading_grade_max
    assert caregiver.citations == patient.citations


def test_a_site_adds_an_audience_by_adding_a_file(tmp_path, baclofen):
    (tmp_path / "nurse.yaml").write_text(
        "extends: clinician\nlabel: Nurse\norder: 15\ncitations: superscript\n", encoding="utf-8"
    )
    t = example_tailor(audience_dirs=[tmp_path])
    assert list(t.audiences) == ["clinician", "nurse", "patient", "caregiver"]
    out = t.render(baclofen, "nurse", "html")
    assert '<sup class="tailor-cite">' in out.content


def test_a_site_file_overrides_a_bundled_audience(tmp_path):
    (tmp_path / "patient.yaml").write_text(
        "label: Patient or family\njargon: explain\n", encoding="utf-8"
    )
    t = example_tailor(audience_dirs=[tmp_path])
    assert t.audience("patient").label == "Patient or family"
    assert t.audience("caregiver").jargon is JargonMode.EXPLAIN


def test_extends_cycles_are_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b\nlabel: A\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a\nlabel: B\n", encoding="utf-8")
    with pytest.raises(AudienceError, match="extends cycle"):
        example_tailor(audience_dirs=[tmp_path])


def test_an_audience_with_a_bad_field_names_file_field_and_line(tmp_path):
    path = tmp_path / "kid.yaml"
    path.write_text("label: Kid\njargon: simplify\n", encoding="utf-8")
    with pytest.raises(AudienceError) as info:
        example_tailor(audience_dirs=[tmp_path])
    message = str(info.value)
    assert str(path) in message and "jargon" in message and "line 2" in message
