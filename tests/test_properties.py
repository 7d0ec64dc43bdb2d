"""Invariants over generated articles, glossaries, audiences, locales and formats.

Whatever the content, a rendering keeps the disclaimer verbatim, the date, the caution
unless approved, every critical point and every number, and the same request gives the
same bytes from any Tailor. Whatever the garbage, a library call answers with a
:class:`TailorError` subclass and nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.dates import format_date
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tailor import Glossary, GlossaryEntry, Tailor, TailorError, load_article
from tailor.lexical import NUMBER_RE
from tailor.model import DEFAULT_DISCLAIMER
from tailor.pipeline.verify import reader_text
from tailor.tailor import CAUTION

from .conftest import EXAMPLE, FORMATS, example_tailor

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

JARGON = ["spasticity", "intrathecal", "sedation", "dyskinesia", "CNS depressants", "clonus"]
PLAIN = ["muscle", "the", "patient", "may", "feel", "tired", "and", "should", "not", "stop"]
PROTECTED = ["30-80 mg/day", "2.5 mg", "5%", "3-4 doses", "39°C", '"Lioresal"', "12 years"]
SITE_TERMS = ["flexor", "rigidity", "locomotion", "ataxia"]
SITE_PLAIN = ["bending muscle", "stiffness", "walking", "unsteadiness"]

word = st.one_of(
    st.sampled_from(JARGON + PLAIN + SITE_TERMS),
    st.sampled_from(PROTECTED),
    st.integers(0, 500).map(str),
)
sentence = st.lists(word, min_size=2, max_size=14).map(lambda ws: " ".join(ws).capitalize())
ident = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
AUDIENCE_NAMES = ("clinician", "patient", "caregiver")


@st.composite
def articles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid article: unique ids, every citation resolved, every reference cited."""
    n_refs = draw(st.integers(1, 4))
    ref_ids = [f"r{i}" for i in range(n_refs)]
    used_ids: set[str] = {"lead"}
    sections = []
    for si in range(draw(st.integers(1, 3))):
        points = []
        for _ in range(draw(st.integers(1, 3))):
            pid = draw(ident.filter(lambda x: x not in used_ids))
            used_ids.add(pid)
            text = draw(sentence)
            critical = draw(st.booleans())
            point: dict[str, Any] = {
                "id": pid,
                "text": text,
                "citations": draw(st.lists(st.sampled_from(ref_ids), max_size=2, unique=True)),
                "critical": critical,
            }
            if not critical and draw(st.booleans()):
                point["audiences"] = draw(
                    st.lists(st.sampled_from(AUDIENCE_NAMES), min_size=1, unique=True)
                )
            if draw(st.booleans()):
                reader = draw(st.sampled_from(AUDIENCE_NAMES))
                point["rewordings"] = {reader: f"In plain words: {text}"}
            points.append(point)
        sections.append({"id": f"s{si}", "title": draw(sentence), "points": points})
    lead = {"id": "lead", "text": draw(sentence), "citations": [ref_ids[0]]}
    # Every reference is cited: the lead cites the first, the first points the rest.
    all_points = [p for s in sections for p in s["points"]]
    for i, ref in enumerate(ref_ids[1:]):
        target = all_points[i % len(all_points)]
        if ref not in target["citations"]:
            target["citations"].append(ref)
    references = []
    for ref in ref_ids:
        if draw(st.booleans()):
            references.append({"id": ref, "listed": False})
        else:
            references.append(
                {
                    "id": ref,
                    "kind": draw(st.sampled_from(["research", "guideline"])),
                    "title": draw(sentence),
                    "source": draw(sentence),
                    "year": draw(st.integers(1950, 2025)),
                }
            )
    article: dict[str, Any] = {
        "id": draw(ident),
        "locale": "en",
        "question": draw(sentence) + "?",
        "title": draw(sentence),
        "last_updated": draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))).isoformat(),
        "review_status": draw(st.sampled_from(["submitted", "under_review", "approved"])),
        "lead": lead,
        "sections": sections,
        "references": references,
    }
    if draw(st.booleans()):
        article["disclaimer"] = "For professionals only. " + draw(sentence) + "."
    return article


site_glossaries = st.lists(
    st.sampled_from(range(len(SITE_TERMS))), unique=True, max_size=len(SITE_TERMS)
).map(
    lambda picks: Glossary(
        name="site",
        entries=tuple(
            GlossaryEntry(
                term=SITE_TERMS[i], replacement=SITE_PLAIN[i], definition="Plain.", source="t"
            )
            for i in picks
        ),
    )
)

site_audiences = st.fixed_dictionaries(
    {
        "extends": st.sampled_from(AUDIENCE_NAMES),
        "label": st.sampled_from(["Nurse", "Student", "Pharmacist"]),
        "jargon": st.sampled_from(["keep", "replace", "explain"]),
        "citations": st.sampled_from(["brackets", "superscript", "sources"]),
        "define_terms": st.booleans(),
        "words_to_know": st.booleans(),
    }
)


def _locales(t: Tailor) -> list[str]:
    extra = [v for v in ("en_GB", "en_US", "es_MX") if v.split("_")[0] in t.locales]
    return [*t.locales, *extra]


def _tailor(
    tmp: Path, glossary: Glossary, audience: dict[str, Any], disclaimer: str | None
) -> Tailor:
    """A site's deployment; it accepts the disclaimer the article gives, if any (a
    deployment accepts only the texts it has approved: issue 11, item 6)."""
    folder = tmp / "audiences"
    folder.mkdir(exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(audience), encoding="utf-8")
    accepted = {"en": [disclaimer]} if disclaimer else None
    return Tailor(audience_dirs=[folder], glossaries=[glossary], accepted_disclaimers=accepted)


@SETTINGS
@given(
    data=articles(),
    glossary=site_glossaries,
    audience=site_audiences,
    choice=st.data(),
)
def test_a_rendering_never_loses_what_must_survive(
    tmp_path_factory, data, glossary, audience, choice
):
    tmp = tmp_path_factory.mktemp("prop")
    t = _tailor(tmp, glossary, audience, data.get("disclaimer"))
    article = load_article(data, audiences=list(t.audiences))
    locale = choice.draw(st.sampled_from(_locales(t)))
    fmt = choice.draw(st.sampled_from(FORMATS))
    name = choice.draw(st.sampled_from([*AUDIENCE_NAMES, "site"]))
    out = t.render(article, name, fmt, locale=locale, readability=False)
    seen = reader_text(out.content, fmt)
    assert " ".join(article.disclaimer.split()) in seen
    assert format_date(article.last_updated, format="long", locale=out.locale) in seen
    caution = " ".join(t.translations(out.locale).gettext(CAUTION).split())
    assert (caution in seen) == (article.review_status.value != "approved")
    for _, point in article.points():
        shown = point.audiences is None or name in point.audiences
        if point.critical:
            assert shown
        if not shown:
            continue
        for number in NUMBER_RE.findall(point.text):
            assert number in seen, (point.id, number)
        if fmt in ("html", "page"):
            assert f'id="p-{point.id}"' in out.content
        elif fmt == "json":
            assert f'"id": "{point.id}"' in out.content
    # The same request from another Tailor gives the same bytes.
    again = _tailor(tmp_path_factory.mktemp("again"), glossary, audience, data.get("disclaimer"))
    article_again = load_article(json.loads(json.dumps(data)), audiences=list(again.audiences))
    assert again.render(article_again, name, fmt, locale=locale, readability=False).content == (
        out.content
    )


# -- invalid input is always a TailorError --------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_paths(v, (*prefix, i)))
    return found


def _set(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _set(value[head], tuple(rest), new) if rest else new
    return copy


def _delete(value: Any, path: tuple) -> Any:
    head, *rest = path
    copy = dict(value) if isinstance(value, dict) else list(value)
    if rest:
        copy[head] = _delete(value[head], tuple(rest))
    else:
        del copy[head]
    return copy


EXAMPLE_DATA = load_article(EXAMPLE).model_dump(mode="json")
MUTATIONS = ["replace", "delete", "extra", "invisible", "junk"]


@st.composite
def mutated_articles(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(MUTATIONS))
    if kind == "junk":
        return draw(json_values)
    paths = [p for p in _paths(EXAMPLE_DATA) if p]
    path = draw(st.sampled_from(paths))
    if kind == "replace":
        return _set(EXAMPLE_DATA, path, draw(json_values))
    if kind == "delete":
        return _delete(EXAMPLE_DATA, path)
    if kind == "invisible":
        char = draw(st.sampled_from(["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff"]))
        strings = [p for p in paths if isinstance(_get(EXAMPLE_DATA, p), str)]
        where = draw(st.sampled_from(strings))
        return _set(EXAMPLE_DATA, where, _get(EXAMPLE_DATA, where) + char)
    parent = path[:-1]
    target = _get(EXAMPLE_DATA, parent)
    assume(isinstance(target, dict))
    return _set(EXAMPLE_DATA, (*parent, draw(st.text(min_size=1, max_size=10))), 1)


def _get(value: Any, path: tuple) -> Any:
    for part in path:
        value = value[part]
    return value


@pytest.fixture(scope="module")
def shared_tailor() -> Tailor:
    return example_tailor()


@settings(max_examples=150, deadline=None)
@given(data=mutated_articles(), choice=st.data())
def test_a_broken_article_is_a_tailor_error_or_renders(shared_tailor, data, choice):
    try:
        article = shared_tailor.load(data)
    except TailorError:
        return
    fmt = choice.draw(st.sampled_from(FORMATS))
    with contextlib.suppress(TailorError):
        shared_tailor.render(article, "patient", fmt, readability=False)


@settings(max_examples=100, deadline=None)
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_as_a_content_file_are_a_tailor_error_or_load(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("raw")
    for suffix in (".yaml", ".json"):
        path = folder / f"article{suffix}"
        path.write_bytes(raw)
        with contextlib.suppress(TailorError):
            load_article(path)
        glossary = folder / f"glossary{suffix}"
        glossary.write_bytes(raw)
        with contextlib.suppress(TailorError):
            Glossary.from_file(glossary)


@settings(max_examples=100, deadline=None)
@given(
    audience=st.text(max_size=12),
    fmt=st.text(max_size=8),
    locale=st.one_of(st.none(), st.text(max_size=12)),
)
def test_any_request_is_a_tailor_error_or_a_rendering(shared_tailor, audience, fmt, locale):
    article = load_article(EXAMPLE_DATA)
    try:
        out = shared_tailor.render(article, audience, fmt, locale=locale, readability=False)
    except TailorError:
        return
    assert out.content


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(st.dictionaries(st.text(max_size=10), json_values, max_size=5)))
def test_any_glossary_data_is_a_tailor_error_or_a_glossary(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("gloss")
    (folder / "g.yaml").write_text(
        yaml.safe_dump({"name": "g", "entries": entries}), encoding="utf-8"
    )
    with contextlib.suppress(TailorError):
        example_tailor(glossary_dirs=[folder])


def test_the_default_disclaimer_is_what_generated_articles_fall_back_to():
    assert load_article({**EXAMPLE_DATA, "disclaimer": DEFAULT_DISCLAIMER}).disclaimer == (
        DEFAULT_DISCLAIMER
    )
