"""Rendering: every audience x format keeps what must never be lost, and reads differently."""

from __future__ import annotations

import html
import json
import re

import pytest

from tailor import (
    InvariantError,
    TemplateError,
    UnknownAudienceError,
    UnknownFormatError,
    load_article,
)
from tailor.pipeline.verify import reader_text

from .conftest import AUDIENCES, FORMATS, example_tailor

CAUTION = "Exercise caution: this content is pending human review."


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_rendering_keeps_disclaimer_date_caution_points_and_references(
    tailor, baclofen, audience, fmt
):
    out = tailor.render(baclofen, audience, fmt)
    seen = reader_text(out.content, fmt)
    assert baclofen.disclaimer in seen
    assert "October 22, 2025" in seen
    assert CAUTION in seen
    for _, point in baclofen.points():
        if audience in point.rewordings:
            continue  # the editor's wording stands in for it; checked below
        # Glossary words may differ; every citation and number survives.
        for number in re.findall(r"\d+(?:[.,]\d+)*", point.text):
            assert number in seen, (point.id, number)
    for ref in baclofen.references:
        if ref.listed:
            assert ref.title in seen
            assert ref.source in seen
        assert f"[{ref.id}]" in seen or f"{ref.id}" in seen


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_clinician_reads_every_point_verbatim(tailor, baclofen, fmt):
    seen = reader_text(tailor.render(baclofen, "clinician", fmt).content, fmt)
    for _, point in baclofen.points():
        assert point.text in seen, point.id


def test_the_disclaimer_is_verbatim_in_the_raw_output_too(tailor, baclofen):
    for audience in AUDIENCES:
        assert baclofen.disclaimer in tailor.render(baclofen, audience, "text").content
        assert baclofen.disclaimer in tailor.render(baclofen, audience, "markdown").content
        assert (
            html.escape(baclofen.disclaimer, quote=False)
            in tailor.render(baclofen, audience, "html").content
        )
        assert (
            json.loads(tailor.render(baclofen, audience, "json").content)["disclaimer"]
            == baclofen.disclaimer
        )


def test_editor_rewordings_replace_the_point_for_their_audience(tailor, article_dict):
    article_dict["sections"][0]["points"][1]["rewordings"] = {
        "patient": "Baclofen may also help people with spinal cord injuries or other spinal "
        "cord diseases"
    }
    article = load_article(article_dict)
    patient = tailor.render(article, "patient", "text").content
    assert "Baclofen may also help people with spinal cord injuries" in patient
    clinician = tailor.render(article, "clinician", "text").content
    assert "may also be of value in patients with spinal cord injuries" in clinician


def test_a_point_restricted_to_clinicians_is_not_shown_to_patients(tailor, article_dict):
    article_dict["sections"][2]["points"][0]["audiences"] = ["clinician"]
    article = load_article(article_dict)
    assert "SPAQI" in tailor.render(article, "clinician", "text").content
    assert "SPAQI" not in tailor.render(article, "patient", "text").content


def test_an_approved_article_shows_no_caution(tailor, article_dict):
    article_dict["review_status"] = "approved"
    out = tailor.render(load_article(article_dict), "patient", "text").content
    assert CAUTION not in out


@pytest.mark.parametrize(
    ("jargon", "plain"),
    [
        ("spasticity", "muscle stiffness"),
        ("intrathecal", "spinal fluid"),
        ("cerebrospinal fluid", "spinal fluid"),
        ("dyskinesia", "uncontrolled muscle movements"),
        ("CNS depressants", "medicines and drugs that slow down the brain"),
        ("sedation", "sleepiness"),
    ],
)
def test_the_patient_reads_plain_words_for_the_seeds_main_jargon(
    tailor, glossary_only, jargon, plain
):
    clinician = tailor.render(glossary_only, "clinician", "text").content
    patient = tailor.render(glossary_only, "patient", "text").content
    body = patient.split("References")[0]
    assert jargon in clinician
    assert plain in body
    assert not re.search(rf"\b{re.escape(jargon)}\b", body, re.IGNORECASE), jargon


def test_the_caregiver_sees_terms_explained_on_first_use(tailor, glossary_only):
    text = tailor.render(glossary_only, "caregiver", "text").content
    assert "spasticity (muscle stiffness)" in text
    first = text.index("spasticity (muscle stiffness)")
    assert "spasticity (muscle stiffness)" not in text[first + 1 :]


def test_substitutions_are_traced_with_point_and_layer(tailor, glossary_only):
    out = tailor.render(glossary_only, "patient", "html")
    subs = {(s.point_id, s.original, s.replacement) for s in out.substitutions}
    assert (
        "cns-depressants",
        "CNS depressants",
        "medicines and drugs that slow down the brain",
    ) in subs
    assert all(s.layer == "default" for s in out.substitutions)


def test_html_output_escapes_and_links_citations(tailor, baclofen):
    content = tailor.render(baclofen, "clinician", "html").content
    assert 'href="#ref-5"' in content
    assert "Dr.Oracle Medical Advisory Board &amp; Editors" in content


def test_the_page_has_the_audience_selector(tailor, baclofen):
    page = tailor.render(baclofen, "caregiver", "page").content
    assert page.startswith("<!DOCTYPE html>")
    assert "Which best describes you?" in page
    for label in ("Clinician", "Patient", "Caregiver"):
        assert label in page
    assert 'data-audience="caregiver" aria-current="page"' in page


def test_json_is_structured_for_web_backends(tailor, baclofen):
    data = json.loads(tailor.render(baclofen, "patient", "json").content)
    assert data["audience"] == "patient"
    assert data["last_updated"] == "2025-10-22"
    assert data["caution"] == CAUTION
    assert len(data["sections"]) == 6
    assert data["sections"][1]["points"][2]["critical"] is True


def test_rendering_is_deterministic(baclofen):
    a, b = example_tailor(), example_tailor()
    for fmt in FORMATS:
        assert (
            a.render(baclofen, "patient", fmt).content == b.render(baclofen, "patient", fmt).content
        )


def test_unknown_audience_lists_the_known_ones(tailor, baclofen):
    with pytest.raises(
        UnknownAudienceError, match="known audiences: caregiver, clinician, patient"
    ):
        tailor.render(baclofen, "doctor")


def test_unknown_format_lists_the_known_ones(tailor, baclofen):
    with pytest.raises(UnknownFormatError, match="known formats: html, page"):
        tailor.render(baclofen, "patient", "pdf")


def test_a_template_that_drops_the_disclaimer_makes_render_raise(tmp_path, baclofen):
    bundled = (example_tailor().render(baclofen, "patient", "text"), None)[0]
    assert bundled  # the bundled template passes
    source = (__import__("tailor").tailor.BUNDLED_TEMPLATES / "article.txt.j2").read_text(
        encoding="utf-8"
    )
    (tmp_path / "article.txt.j2").write_text(
        source.replace("{{ article.disclaimer }}", ""), encoding="utf-8"
    )
    t = example_tailor(template_dirs=[tmp_path])
    with pytest.raises(InvariantError, match=r"disclaimer\.verbatim") as info:
        t.render(baclofen, "patient", "text")
    assert info.value.audience == "patient"


def test_a_template_that_drops_a_critical_point_names_it(tmp_path, baclofen):
    (tmp_path / "article.md.j2").write_text(
        # The disclaimer, date and caution each in a paragraph of its own, as verify asks.
        "{{ article.disclaimer }}\n\n{{ article.last_updated_text }}\n\n{{ caution_text }}\n\n"
        "{% for r in references %}{{ r.title }} {% endfor %}",
        encoding="utf-8",
    )
    with pytest.raises(InvariantError, match=r"point\.present") as info:
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "patient", "markdown")
    assert info.value.invariant in ("point.present", "critical_point.present")


def test_template_errors_name_the_file_and_line(tmp_path, baclofen):
    (tmp_path / "article.txt.j2").write_text("line one\n{{ article.nope }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"article.txt.j2\", line 2"):
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "patient", "text")


def test_a_site_template_cannot_reach_python_internals(tmp_path, baclofen):
    (tmp_path / "article.txt.j2").write_text(
        "{{ article.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    with pytest.raises(TemplateError):
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "patient", "text")
