"""Loading an article: what validates, and what every error says (file, field path, line)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tailor import ArticleError, ReviewStatus, load_article
from tailor.model import DEFAULT_DISCLAIMER

from .conftest import EXAMPLE, example_tailor

SEED = Path(__file__).resolve().parent / "fixtures" / "baclofen-page.txt"  # copy of the seed


def test_the_example_encodes_the_seed_page(baclofen):
    assert baclofen.last_updated.isoformat() == "2025-10-22"
    assert baclofen.review_status is not ReviewStatus.APPROVED
    # The seed's own wording, verbatim: it belongs to this example, not to tailor's default.
    assert " ".join(baclofen.disclaimer.split()) in " ".join(SEED.read_text("utf-8").split())
    assert baclofen.disclaimer != DEFAULT_DISCLAIMER
    assert [s.title for s in baclofen.sections] == [
        "Indications and Efficacy",
        "Safety Considerations and Side Effects",
        "Administration and Dosing",
        "Special Populations",
        "Withdrawal Considerations",
        "Treatment Alternatives",
    ]
    assert sum(len(s.points) for s in baclofen.sections) == 25
    listed = [r for r in baclofen.references if r.listed]
    assert len(listed) == 6
    assert {r.id for r in baclofen.references if not r.listed} == {"1", "7"}
    assert {r.kind for r in listed} == {"research", "guideline"}


def test_every_bullet_of_the_seed_is_in_the_example_with_its_citations(baclofen):
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    for _, point in baclofen.points():
        cites = ", ".join(point.citations)
        assert f"{point.text} {cites}" in seed, point.id


def test_loads_from_a_dict_like_a_web_backend(article_dict):
    article = load_article(article_dict)
    assert article.id == "baclofen-muscle-spasms"


def test_loads_json_files(tmp_path, article_dict):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(article_dict), encoding="utf-8")
    assert load_article(path).title == "Baclofen Safety for Muscle Spasms"


def test_the_model_is_immutable(baclofen):
    with pytest.raises(ValueError):
        baclofen.title = "changed"  # type: ignore[misc]


def test_the_disclaimer_defaults_to_the_standard_text(article_dict):
    del article_dict["disclaimer"]
    assert load_article(article_dict).disclaimer == DEFAULT_DISCLAIMER


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "article.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_citation_to_a_missing_reference_names_path_and_line(tmp_path):
    path = _broken_copy(tmp_path, 'citations: ["4"]', 'citations: ["99"]')
    with pytest.raises(ArticleError) as info:
        load_article(path)
    detail = info.value.details[0]
    assert detail.type == "citation.unresolved"
    assert detail.loc == ("sections", 1, "points", 5, "citations", 0)
    assert detail.line == _line_of(path, '"99"')
    message = str(info.value)
    assert str(path) in message
    assert "sections.1.points.5.citations.0" in message
    assert f"line {detail.line}" in message


def test_duplicate_point_ids_are_rejected(tmp_path):
    path = _broken_copy(tmp_path, "id: spinal-cord", "id: ms-spasticity")
    with pytest.raises(ArticleError, match=r"already used at sections\.0\.points\.0") as info:
        load_article(path)
    assert info.value.details[0].loc == ("sections", 0, "points", 1, "id")


def test_wrong_types_and_unknown_fields_are_all_reported_at_once(tmp_path):
    path = _broken_copy(
        tmp_path, "review_status: under_review", "review_status: maybe\ncolour: red"
    )
    with pytest.raises(ArticleError) as info:
        load_article(path)
    types = {d.type for d in info.value.details}
    assert {"enum", "extra_forbidden"} <= types
    assert {d.line for d in info.value.details} == {
        _line_of(path, "review_status"),
        _line_of(path, "colour"),
    }


def test_an_empty_section_is_rejected(article_dict):
    article_dict["sections"][0]["points"] = []
    with pytest.raises(ArticleError, match=r"sections\.0\.points"):
        load_article(article_dict)


def test_a_critical_point_cannot_be_restricted_away(article_dict):
    point = article_dict["sections"][4]["points"][0]
    assert point["critical"]
    point["audiences"] = ["clinician"]
    with pytest.raises(ArticleError, match="must reach every audience"):
        load_article(article_dict)


def test_an_override_must_name_a_known_audience(article_dict):
    article_dict["lead"]["rewordings"] = {"nurse": "Some words."}
    # Structure is fine on its own; the Tailor knows which audiences exist.
    article = load_article(article_dict)
    with pytest.raises(ArticleError, match="'nurse', which is not defined; known audiences"):
        example_tailor().render(article, "patient")
    with pytest.raises(ArticleError, match=r"lead\.rewordings\.nurse"):
        load_article(article_dict, audiences=["clinician", "patient", "caregiver"])


def test_a_rewording_must_keep_the_numbers_of_its_point(article_dict):
    point = article_dict["sections"][2]["points"][1]
    point["rewordings"] = {"patient": "The usual dose is split over the day."}
    with pytest.raises(ArticleError, match="rewording drops '30', '80', '3', '4'"):
        load_article(article_dict)


def test_a_listed_reference_needs_its_details(article_dict):
    article_dict["references"][1] = {"id": "2", "kind": "research"}
    with pytest.raises(ArticleError, match="needs title, source"):
        load_article(article_dict)


def test_an_empty_disclaimer_is_rejected(article_dict):
    article_dict["disclaimer"] = "   "
    with pytest.raises(ArticleError, match="disclaimer"):
        load_article(article_dict)


def test_yaml_syntax_errors_name_the_line(tmp_path):
    path = _write(
        tmp_path,
        """\
        id: x
        question: "unclosed
        title: t
        """,
    )
    with pytest.raises(ArticleError, match="not valid YAML") as info:
        load_article(path)
    assert info.value.details[0].line is not None


def test_a_missing_file_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="file not found"):
        load_article(tmp_path / "nope.yaml")
