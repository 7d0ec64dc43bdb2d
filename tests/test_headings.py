"""Headings for readers: an audience maps common clinical section titles to titles in its
reader's words, as data in its file, translated through the message catalogs; a section's
own rewording for the audience wins over the map."""

from __future__ import annotations

import json

import pytest

from tailor import Tailor, load_article

from .conftest import ROOT, example_tailor


@pytest.fixture(scope="module")
def baclofen_es():
    return load_article(ROOT / "examples" / "articles" / "baclofen.es.yaml")


def _titles(tailor: Tailor, article, audience: str) -> list[str]:
    data = json.loads(tailor.render(article, audience, "json").content)
    return [s["title"] for s in data["sections"]]


def test_patients_read_reader_titles_where_clinicians_read_clinical_ones(tailor, baclofen):
    clinician = _titles(tailor, baclofen, "clinician")
    patient = _titles(tailor, baclofen, "patient")
    assert "Administration and Dosing" in clinician
    assert "How to take it" in patient
    assert "What it is used for and how well it works" in patient
    assert "People who need extra care" in patient
    assert "Administration and Dosing" not in patient
    assert len(patient) == len(clinician)


def test_caregivers_inherit_the_patient_map(tailor, baclofen):
    assert "How to take it" in _titles(tailor, baclofen, "caregiver")


def test_a_title_matches_whatever_its_case_and_spacing(tailor, article_dict):
    article_dict["sections"][2]["title"] = "ADMINISTRATION  and dosing:"
    assert "How to take it" in _titles(tailor, load_article(article_dict), "patient")


def test_a_sections_own_rewording_wins_over_the_map(tailor, article_dict):
    article_dict["sections"][2]["rewordings"] = {"patient": "Taking baclofen"}
    titles = _titles(tailor, load_article(article_dict), "patient")
    assert "Taking baclofen" in titles
    assert "How to take it" not in titles


def test_a_title_the_map_does_not_know_stays_as_written(tailor, article_dict):
    article_dict["sections"][2]["title"] = "Administration of Baclofen at Night"
    titles = _titles(tailor, load_article(article_dict), "patient")
    assert "Administration of Baclofen at Night" in titles


def test_the_map_is_translated_into_the_articles_language(tailor, baclofen_es):
    clinician = _titles(tailor, baclofen_es, "clinician")
    patient = _titles(tailor, baclofen_es, "patient")
    assert "Administración y dosis" in clinician
    assert "Cómo tomarlo" in patient
    assert "Personas que necesitan más cuidado" in patient


@pytest.mark.parametrize("fmt", ["html", "page", "markdown", "text", "json"])
def test_every_format_shows_the_reader_title_and_passes_verify(tailor, baclofen, fmt):
    assert "How to take it" in tailor.render(baclofen, "patient", fmt).content


def test_an_audience_file_can_bring_its_own_map(tmp_path, baclofen):
    (tmp_path / "teen.yaml").write_text(
        "extends: patient\nlabel: Teen\nheadings:\n  Administration and Dosing: When and how\n",
        encoding="utf-8",
    )
    tailor = example_tailor(audience_dirs=[tmp_path])
    titles = _titles(tailor, baclofen, "teen")
    assert "When and how" in titles  # its own entry wins over the inherited one
    assert "People who need extra care" in titles  # the rest is inherited


def test_the_patient_page_asks_the_articles_question_in_the_readers_words(tailor, baclofen):
    patient = json.loads(tailor.render(baclofen, "patient", "json").content)
    clinician = json.loads(tailor.render(baclofen, "clinician", "json").content)
    assert patient["question"] == "Is baclofen safe for treating muscle spasms?"
    assert "GABA receptor agonist" in clinician["question"]
    page = tailor.render(baclofen, "patient", "page").content
    assert "<title>Is baclofen safe for treating muscle spasms?</title>" in page
    assert "GABA" not in page.split("</h1>")[0]


def test_a_title_rewording_is_used_as_written(tailor, article_dict):
    article_dict["title_rewordings"] = {"patient": "Baclofen for muscle spasms"}
    article = load_article(article_dict)
    html = tailor.render(article, "patient", "html").content
    assert "Baclofen for muscle spasms" in html
    assert "Baclofen for muscle spasms" not in tailor.render(article, "clinician", "html").content


def test_a_question_rewording_must_name_a_known_audience(article_dict):
    from tailor.errors import ArticleError

    article_dict["question_rewordings"] = {"nurse": "Is it safe?"}
    with pytest.raises(ArticleError, match=r"question_rewordings\.nurse"):
        load_article(article_dict, audiences=["clinician", "patient", "caregiver"])


@pytest.mark.parametrize(
    ("field", "reworded", "problem"),
    [
        ("question_rewordings", "Is baclofen safe?", None),
        ("question_rewordings", "Is baclofen not safe for treating muscle spasms?", "negation"),
        ("title_rewordings", "Baclofen is not for every muscle spasm", "negation"),
    ],
)
def test_a_question_or_title_rewording_keeps_numbers_and_negations(
    article_dict, field, reworded, problem
):
    from tailor.errors import ArticleError

    article_dict[field] = {"patient": reworded}
    if problem is None:
        load_article(article_dict)
        return
    with pytest.raises(ArticleError, match=rf"{field}\.patient"):
        load_article(article_dict)


# -- run-in titles: a title set inline at the start of a point ---------------------------------

# NCI PDQ's evidence summaries grade each finding in run-in titles (from the ovarian cancer
# screening summary, as NCI writes them).
_GRADED = [
    "Study Design: Evidence obtained from one randomized controlled trial.",
    "Internal Validity: Good.",
    "External Validity: Good.",
]


def _points(tailor: Tailor, article, audience: str) -> list[str]:
    data = json.loads(tailor.render(article, audience, "json").content)
    return [p["text"] for s in data["sections"] for p in s["points"]]


def _with_graded_points(article_dict, **extra):
    points = article_dict["sections"][0]["points"]
    for i, text in enumerate(_GRADED):
        points.append({"id": f"graded-{i}", "text": text, **extra})
    return load_article(article_dict)


def test_a_run_in_title_the_map_knows_reads_in_the_readers_words(tailor, article_dict):
    article = _with_graded_points(article_dict)
    patient = _points(tailor, article, "patient")
    assert [p for p in patient if p.startswith("Kind of study: Evidence obtained from one")]
    assert "How well the study was done: Good." in patient
    assert "How well the results apply to others: Good." in patient
    assert "Internal Validity: Good." in _points(tailor, article, "clinician")
    assert "How well the study was done: Good." in _points(tailor, article, "caregiver")


def test_a_run_in_title_is_only_a_known_title_before_a_colon(tailor, article_dict):
    points = article_dict["sections"][0]["points"]
    points.append({"id": "mid", "text": "Results showed internal validity: good in most trials."})
    points.append({"id": "unknown", "text": "Internal Consistency: Good."})
    patient = _points(tailor, load_article(article_dict), "patient")
    assert "Results showed internal validity: good in most trials." in patient
    assert "Internal Consistency: Good." in patient


def test_an_editors_rewording_of_the_point_wins_over_the_map(tailor, article_dict):
    article = _with_graded_points(article_dict, rewordings={"patient": "The trial was well run."})
    patient = _points(tailor, article, "patient")
    assert "The trial was well run." in patient
    assert not [p for p in patient if p.startswith("How well the study was done")]
