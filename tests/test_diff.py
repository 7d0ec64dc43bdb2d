"""diff_audiences: every difference between two audiences comes with its cause."""

from __future__ import annotations

import pytest

from tailor import UnknownAudienceError, load_article
from tailor.tools.diff import diff_audiences


def test_glossary_differences_name_the_entry_and_its_glossary(tailor, glossary_only):
    d = diff_audiences(tailor, glossary_only, "clinician", "patient")
    lead = next(n for n in d.nodes if n.id == "lead")
    assert "spasticity" in lead.a and "muscle stiffness" in lead.b
    assert any(
        "patient: glossary 'default' entry 'spasticity' replaced" in reason
        for reason in lead.reasons
    )
    assert ("jargon", "keep", "replace") in d.settings


def test_an_audience_compared_with_itself_has_no_differences(tailor, baclofen):
    d = diff_audiences(tailor, baclofen, "patient", "patient")
    assert d.nodes == () and d.settings == ()


def test_restrictions_and_rewordings_are_named(tailor, article_dict):
    section = article_dict["sections"][0]
    restricted = section["points"][1]
    restricted["audiences"] = ["clinician"]
    reworded = section["points"][0]
    reworded["rewordings"] = {
        "patient": "Baclofen helps stiff muscles caused by multiple sclerosis."
    }
    article = load_article(article_dict)
    d = diff_audiences(tailor, article, "clinician", "patient")
    by_id = {n.id: n for n in d.nodes}
    gone = by_id[restricted["id"]]
    assert gone.a is not None and gone.b is None
    assert any("restricted to audiences [clinician]" in r for r in gone.reasons)
    changed = by_id[reworded["id"]]
    assert changed.b == "Baclofen helps stiff muscles caused by multiple sclerosis."
    assert any("patient: an editor's rewording" in r for r in changed.reasons)


def test_a_section_left_empty_by_restrictions_is_explained(tailor, article_dict):
    last = article_dict["sections"][-1]
    for point in last["points"]:
        point["audiences"] = ["clinician"]
        point["critical"] = False
    d = diff_audiences(tailor, load_article(article_dict), "clinician", "caregiver")
    title = next(n for n in d.nodes if n.id == f"{last['id']}.title")
    assert title.b is None
    assert any(f"every point of section {last['id']!r}" in r for r in title.reasons)


def test_describe_is_plain_text_with_every_reason(tailor, glossary_only):
    text = diff_audiences(tailor, glossary_only, "clinician", "caregiver").describe()
    assert text.startswith("baclofen-muscle-spasms: clinician vs caregiver")
    assert "why: caregiver: glossary 'default' entry 'spasticity' explained" in text


def test_unknown_audience_is_refused(tailor, baclofen):
    with pytest.raises(UnknownAudienceError):
        diff_audiences(tailor, baclofen, "clinician", "doctor")
