"""The `page` format describes itself to search engines: schema.org MedicalWebPage JSON-LD.

Every type and property the page uses is checked against a pinned copy of schema.org's
published vocabulary (tests/fixtures/schemaorg-vocabulary.json: a whole release, with its
number and date, extracted unedited by scripts/pin_schemaorg.py), so a misspelt property,
one used on the wrong type or one schema.org has superseded fails here, not in a search
console months later.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tailor import Article

from .conftest import AUDIENCES, ROOT

VOCABULARY = json.loads(
    (Path(__file__).parent / "fixtures" / "schemaorg-vocabulary.json").read_text("utf-8")
)
SPANISH = ROOT / "examples" / "articles" / "baclofen.es.yaml"
DATATYPE = {
    "Text": lambda v: isinstance(v, str) and v != "",
    "Language": lambda v: isinstance(v, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", v),
    "URL": lambda v: isinstance(v, str) and re.match(r"https?://", v),
    "Date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v),
    "DateTime": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T.+", v),
}


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def jsonld(page: str) -> dict[str, Any]:
    parser = _JsonLd()
    parser.feed(page)
    assert len(parser.blocks) == 1, "one JSON-LD block per page"
    data: dict[str, Any] = json.loads(parser.blocks[0])
    return data


def _ancestors(type_name: str) -> set[str]:
    seen, todo = set(), [type_name]
    while todo:
        t = todo.pop()
        if t not in seen:
            seen.add(t)
            todo.extend(VOCABULARY["types"].get(t, []))
    return seen


def vocabulary_problems(node: dict[str, Any], where: str = "$") -> list[str]:
    """Every type, property and value in ``node`` that the pinned vocabulary does not allow."""
    problems: list[str] = []
    type_name = node.get("@type")
    if type_name not in VOCABULARY["types"] or type_name in VOCABULARY["datatypes"]:
        return [f"{where}: unknown type {type_name!r}"]
    if type_name in VOCABULARY["superseded"]:
        problems.append(
            f"{where}: {type_name} is superseded by {VOCABULARY['superseded'][type_name]}"
        )
    lineage = _ancestors(type_name)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = VOCABULARY["properties"].get(key)
        if prop is None:
            problems.append(f"{where}.{key}: not a schema.org property")
            continue
        if key in VOCABULARY["superseded"]:
            problems.append(f"{where}.{key}: superseded by {VOCABULARY['superseded'][key]}")
        if not lineage & set(prop["domain"]):
            problems.append(f"{where}.{key}: not a property of {type_name}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            here = f"{where}.{key}[{i}]"
            if isinstance(item, dict):
                if not _ancestors(item.get("@type", "Thing")) & set(prop["range"]):
                    problems.append(f"{here}: a {item.get('@type')} is not a {prop['range']}")
                problems.extend(vocabulary_problems(item, here))
            elif not any(DATATYPE[d](item) for d in prop["range"] if d in DATATYPE):
                problems.append(f"{here}: {item!r} is not a {prop['range']}")
    return problems


def test_the_pinned_vocabulary_is_a_whole_published_release_with_its_date():
    assert re.fullmatch(r"schema\.org \d+\.\d+", VOCABULARY["version"])
    for field in ("released", "pinned"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", VOCABULARY[field]), field
    # The whole vocabulary, not the terms tailor happens to use: a property a template adds
    # later is checked against schema.org's word, not its author's.
    assert len(VOCABULARY["types"]) > 800 and len(VOCABULARY["properties"]) > 1400
    assert {"Text", "URL", "Date", "DateTime"} <= set(VOCABULARY["datatypes"])
    for name, parents in VOCABULARY["types"].items():
        assert all(p in VOCABULARY["types"] for p in parents), name
    for name, prop in VOCABULARY["properties"].items():
        for t in prop["domain"] + prop["range"]:
            known = t in VOCABULARY["types"] or t in VOCABULARY["datatypes"]
            assert known or t in VOCABULARY["unlisted"], (name, t)


def test_the_checker_refuses_what_schema_org_does_not_define():
    page = {"@type": "MedicalWebPage", "lastReviewd": "2025-01-01", "audience": {"@type": "X"}}
    assert len(vocabulary_problems(page)) == 3  # a misspelling; X is no Audience, nor known
    misplaced = {"@type": "MedicalAudience", "lastReviewed": "2025-01-01"}
    assert vocabulary_problems(misplaced) == ["$.lastReviewed: not a property of MedicalAudience"]
    assert vocabulary_problems({"@type": "WebPage", "dateModified": "yesterday"})
    # Superseded terms, enumeration members and data types are no @type or property to use.
    assert vocabulary_problems({"@type": "Service", "serviceAudience": {"@type": "Audience"}}) == [
        "$.serviceAudience: superseded by audience"
    ]
    assert vocabulary_problems({"@type": "Clinician"}) == ["$: unknown type 'Clinician'"]
    assert vocabulary_problems({"@type": "Text"}) == ["$: unknown type 'Text'"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("locale", ["en", "es"])
def test_every_page_is_a_medical_web_page_in_schema_org_terms(tailor, baclofen, audience, locale):
    for article in (baclofen, tailor.load(SPANISH)):
        data = jsonld(tailor.render(article, audience, "page", locale=locale).content)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "MedicalWebPage"
        assert vocabulary_problems(data) == []
        # The content's language, whatever the interface's.
        assert data["inLanguage"] == article.locale.split("_")[0]
        assert data["audience"] == {"@type": "MedicalAudience", "audienceType": audience}
        assert data["dateModified"] == article.last_updated.isoformat()
        listed = [r for r in article.references if r.listed]
        assert [c["name"] for c in data["citation"]] == [r.title for r in listed]


def test_last_reviewed_is_claimed_only_for_an_approved_article(
    tailor, baclofen: Article, article_dict
):
    pending = jsonld(tailor.render(baclofen, "patient", "page").content)
    assert baclofen.review_status.value != "approved" and "lastReviewed" not in pending
    approved = tailor.load({**article_dict, "review_status": "approved"})
    data = jsonld(tailor.render(approved, "patient", "page").content)
    assert data["lastReviewed"] == baclofen.last_updated.isoformat()
    assert vocabulary_problems(data) == []


def test_markup_in_the_article_cannot_leave_the_json_ld_block(tailor, article_dict):
    article_dict["question"] = "Is it safe? </script><script>alert(1)</script>"
    article_dict["question_rewordings"] = {}  # the patient page asks the question itself
    page = tailor.render(tailor.load(article_dict), "patient", "page").content
    assert jsonld(page)["name"] == article_dict["question"]
    assert page.count("<script>alert(1)") == 0
