"""The verify stage: each invariant fires, naming itself, the point and the audience.

Most cases break a copy of a bundled template (what a site's template could do); the
ones a template cannot break (selection, protected spans) are checked by handing the
verify stage a transformed article that a faulty stage could have produced.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tailor import ArticleError, Glossary, GlossaryEntry, InvariantError, Tailor, load_article
from tailor.pipeline.render import build_context
from tailor.pipeline.select import select
from tailor.pipeline.transform import transform
from tailor.pipeline.types import SelectedArticle, Span, TransformedArticle
from tailor.pipeline.verify import DeterminismLedger, Expectations, verify
from tailor.tailor import BUNDLED_TEMPLATES

from .conftest import example_tailor

CAUTION = "Exercise caution: this content is pending human review."


def _site_template(tmp_path: Path, name: str, old: str, new: str) -> Tailor:
    """A Tailor whose ``name`` template is the bundled one with ``old`` replaced."""
    source = (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8")
    assert old in source, f"{old!r} not in {name}"
    (tmp_path / name).write_text(source.replace(old, new), encoding="utf-8")
    return example_tailor(template_dirs=[tmp_path])


# -- citations and references, checked on the output -------------------------------------


@pytest.mark.parametrize(
    ("template", "old", "fmt"),
    [
        ("article.html.j2", "{{ point(p, audience) }}{{ cites(p, audience) }}", "html"),
        ("article.txt.j2", '{{ p.text | replace("\\n", "\\n    ") }}{{ cites(p) }}', "text"),
        (
            "article.md.j2",
            '{{ p.text | md | replace("\\n", "  \\n  ") }}{% endif %}{{ cites(p) }}',
            "markdown",
        ),
    ],
)
def test_a_template_that_hides_a_points_citations_names_the_point(
    tmp_path, baclofen, template, old, fmt
):
    new = old.replace("{{ cites(p, audience) }}", "").replace("{{ cites(p) }}", "")
    t = _site_template(tmp_path, template, old, new)
    with pytest.raises(InvariantError) as info:
        t.render(baclofen, "patient", fmt)
    assert info.value.invariant == "citation.shown"
    assert info.value.point_id == "ms-spasticity"  # the first point with a citation
    assert info.value.audience == "patient"
    assert "citation '1'" in str(info.value)


def test_html_citations_must_stand_inside_their_own_point(tmp_path, baclofen):
    # The lead's citation moved out of the lead's paragraph, into the title.
    t = _site_template(
        tmp_path,
        "article.html.j2",
        "{{ point(article.lead, audience) }}{{ cites(article.lead, audience) }}</p>",
        "{{ point(article.lead, audience) }}</p>{{ cites(article.lead, audience) }}",
    )
    with pytest.raises(InvariantError, match=r"citation\.shown") as info:
        t.render(baclofen, "clinician", "html")
    assert info.value.point_id == "lead"


def test_a_citation_link_to_no_reference_entry_is_refused(tmp_path, baclofen):
    t = _site_template(
        tmp_path, "article.html.j2", '<li id="ref-{{ r.id }}"', '<li id="source-{{ r.id }}"'
    )
    with pytest.raises(InvariantError, match=r"reference\.present"):
        t.render(baclofen, "clinician", "html")
    t = _site_template(
        tmp_path,
        "article.html.j2",
        "</article>",
        '<p>See also <a href="#ref-99">99</a></p></article>',
    )
    with pytest.raises(InvariantError, match=r"citation\.resolves") as info:
        t.render(baclofen, "clinician", "html")
    assert "'#ref-99'" in str(info.value)


def test_an_unlisted_reference_still_needs_its_entry_in_text(tmp_path, baclofen):
    # Reference 1 is `listed: false`; dropping the "details not given" entries loses it.
    t = _site_template(
        tmp_path,
        "article.txt.j2",
        '  [{{ r.id }}] {{ _("Cited by the source page; its details are not given there.") }}',
        "",
    )
    with pytest.raises(InvariantError, match=r"reference\.present") as info:
        t.render(baclofen, "caregiver", "text")
    assert "'1'" in str(info.value)


def test_json_citations_must_match_the_points(tmp_path, baclofen):
    (tmp_path / "article.json.j2").write_text(
        "{{ dict(payload, lead=dict(payload.lead, citations=[])) | tojson }}",
        encoding="utf-8",
    )
    with pytest.raises(InvariantError, match=r"citation\.shown") as info:
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "patient", "json")
    assert info.value.point_id == "lead"


def test_every_reference_must_be_cited_when_the_article_loads(article_dict):
    article_dict["references"].append(
        {"id": "9", "kind": "research", "title": "Uncited", "source": "Nowhere", "year": 2001}
    )
    with pytest.raises(ArticleError, match=r"reference\.uncited") as info:
        load_article(article_dict)
    assert info.value.details[0].loc == ("references", 8, "id")


def test_an_unlisted_reference_must_be_cited_too(article_dict):
    article_dict["references"].append({"id": "9", "listed": False})
    with pytest.raises(ArticleError, match=r"reference '9' is not cited"):
        load_article(article_dict)


def test_a_reference_cited_only_by_a_restricted_point_stays_listed_for_everyone(
    tailor, article_dict
):
    # Reference 4 is cited only by the dyskinesia point; restrict that point to clinicians.
    for section in article_dict["sections"]:
        for point in section["points"]:
            if point["citations"] == ["4"]:
                point["audiences"] = ["clinician"]
    article = load_article(article_dict)
    patient = tailor.render(article, "patient", "html").content
    assert "Baclofen-induced dyskinesia." in patient
    assert 'id="ref-4"' in patient


# -- what a faulty stage could produce -----------------------------------------------------


def _prepared(tailor: Tailor, article, audience: str):
    aud = tailor.audience(audience)
    transformed = transform(select(article, aud), tailor.glossary_for(aud, article))
    expect = Expectations(article.disclaimer, "October 22, 2025", CAUTION)
    return transformed, expect


def _render(tailor: Tailor, transformed: TransformedArticle, fmt: str = "text") -> str:
    context = build_context(
        transformed,
        audiences=tailor.audiences,
        locale="en",
        date_text="October 22, 2025",
        caution_text=CAUTION,
    )
    name = transformed.selected.audience.template_for(fmt)
    return tailor._renderer.render(name, "en", context)


def _with_point_text(transformed: TransformedArticle, point_id: str, text: str):
    sections = tuple(
        dataclasses.replace(
            s,
            points=tuple(
                dataclasses.replace(p, spans=(Span(text),)) if p.id == point_id else p
                for p in s.points
            ),
        )
        for s in transformed.sections
    )
    return dataclasses.replace(transformed, sections=sections)


def test_a_replacement_inside_a_number_with_its_unit_is_caught(tailor, glossary_only):
    transformed, expect = _prepared(tailor, glossary_only, "patient")
    changed = _with_point_text(
        transformed,
        "oral-dose",
        "Typical dosing range for oral baclofen is 30-80 milligrams a day, divided into 3-4 doses",
    )
    with pytest.raises(InvariantError) as info:
        verify(_render(tailor, changed), "text", changed, expect)
    assert info.value.invariant == "protected.kept"
    assert info.value.point_id == "oral-dose"
    assert "'30-80 mg/day'" in str(info.value)


def test_a_glossary_aimed_at_protected_spans_leaves_them_alone(glossary_only):
    aimed = Glossary(
        name="aimed",
        entries=(
            GlossaryEntry(term="mg", replacement="milligrams", source="test"),
            GlossaryEntry(term="doses", replacement="portions", source="test"),
            GlossaryEntry(term="80", replacement="eighty", source="test"),
        ),
    )
    t = example_tailor(glossaries=[aimed])
    for audience in ("patient", "caregiver"):
        out = t.render(glossary_only, audience, "text")
        assert "30-80 mg/day, divided into 3-4 doses" in out.content
        assert "80% of patients" in out.content
        assert not [s for s in out.substitutions if s.layer == "aimed"]


def test_a_critical_point_dropped_by_selection_is_caught(tailor, baclofen):
    transformed, expect = _prepared(tailor, baclofen, "patient")
    selected = transformed.selected
    sections = tuple(
        dataclasses.replace(s, points=tuple(p for p in s.points if p.id != "withdrawal-abrupt"))
        for s in selected.sections
    )
    dropped = dataclasses.replace(
        transformed,
        selected=SelectedArticle(**{**_fields(selected), "sections": sections}),
        sections=tuple(
            dataclasses.replace(s, points=tuple(p for p in s.points if p.id != "withdrawal-abrupt"))
            for s in transformed.sections
        ),
    )
    with pytest.raises(InvariantError) as info:
        verify(_render(tailor, dropped), "text", dropped, expect)
    assert info.value.invariant == "critical_point.selected"
    assert (info.value.point_id, info.value.audience) == ("withdrawal-abrupt", "patient")


def test_a_point_shown_to_an_audience_it_is_restricted_from_is_caught(tailor, article_dict):
    article_dict["sections"][2]["points"][0]["audiences"] = ["clinician"]
    restricted = load_article(article_dict)
    clinician_view, _ = _prepared(tailor, restricted, "clinician")
    patient_view, expect = _prepared(tailor, restricted, "patient")
    # A faulty selection that handed the patient the clinician's points.
    leaked = dataclasses.replace(
        clinician_view,
        selected=dataclasses.replace(clinician_view.selected, audience=tailor.audience("patient")),
    )
    with pytest.raises(InvariantError) as info:
        verify(_render(tailor, leaked), "text", leaked, expect)
    assert (info.value.invariant, info.value.point_id) == ("point.restricted", "preoperative")
    verify(_render(tailor, patient_view), "text", patient_view, expect)  # the real one passes


def _fields(value) -> dict:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


# -- determinism ---------------------------------------------------------------------------


def test_a_template_that_renders_differently_each_time_is_caught(tmp_path, baclofen):
    t = _site_template(
        tmp_path,
        "article.txt.j2",
        '{{ _("Professional Medical Disclaimer") }}',
        '{{ _("Professional Medical Disclaimer") }} #{{ range(100000) | random }}',
    )
    with pytest.raises(InvariantError) as info:
        for _ in range(20):
            t.render(baclofen, "patient", "text")
    assert info.value.invariant == "render.deterministic"
    assert info.value.audience == "patient"


def test_the_ledger_remembers_per_key_and_forgets_the_oldest():
    ledger = DeterminismLedger(size=2)

    def fail() -> InvariantError:
        return InvariantError("render.deterministic", "differs", audience="a", format="text")

    ledger.check("k1", "same", fail)
    ledger.check("k1", "same", fail)
    with pytest.raises(InvariantError):
        ledger.check("k1", "other", fail)
    ledger.check("k2", "x", fail)
    ledger.check("k3", "y", fail)
    assert len(ledger) == 2
    ledger.check("k1", "other", fail)  # k1 was forgotten: its new output is the reference
