"""A rendering always shows the article it was given, however that article was built.

A shared :class:`Tailor` caches per article version, so the version must follow the
content: an article edited through ``model_copy(update=...)`` at any depth, rebuilt with
``model_construct``, re-validated from a dict or read from a file renders its own words,
never a cached rendering of the article it was copied from.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor import Article, Point, Reference, ReviewStatus, Section, load_article

from .conftest import AUDIENCES, example_tailor

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: How an edited article can come into being.
BUILDS = ("model_copy", "model_construct", "model_validate", "dict", "file")

#: A word no glossary knows, so the edit reaches the page as written.
MARKERS = st.from_regex(r"Zq[a-z]{6}", fullmatch=True)


def _edited_point(point: Point, text: str, build: str) -> Point:
    if build == "model_construct":
        return Point.model_construct(**{**dict(point), "text": text})
    return point.model_copy(update={"text": text})


def _edit(article: Article, where: tuple[Any, ...], value: Any, build: str) -> Article:
    """``article`` with the field at ``where`` set to ``value``, built the way ``build`` says."""
    if build in ("model_validate", "dict", "file"):
        data = article.model_dump(mode="json")
        node: Any = data
        for part in where[:-1]:
            node = node[part]
        node[where[-1]] = value.isoformat() if isinstance(value, dt.date) else value
        if build == "model_validate":
            return Article.model_validate(data)
        if build == "dict":
            return load_article(data)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "edited.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            return load_article(path)
    construct = build == "model_construct"

    def rebuilt(model: Any, **changes: Any) -> Any:
        if construct:
            return type(model).model_construct(**{**dict(model), **changes})
        return model.model_copy(update=changes)

    match where:
        case ("sections", si, "points", pi, "text"):
            section = article.sections[si]
            points = list(section.points)
            points[pi] = _edited_point(points[pi], value, build)
            sections = list(article.sections)
            sections[si] = rebuilt(section, points=tuple(points))
            return rebuilt(article, sections=tuple(sections))
        case ("sections", si, "title"):
            sections = list(article.sections)
            sections[si] = rebuilt(sections[si], title=value)
            return rebuilt(article, sections=tuple(sections))
        case ("lead", "text"):
            return rebuilt(article, lead=_edited_point(article.lead, value, build))
        case ("references", ri, field):
            refs = list(article.references)
            refs[ri] = rebuilt(refs[ri], **{field: value})
            return rebuilt(article, references=tuple(refs))
        case (field,):
            return rebuilt(article, **{field: value})
    raise AssertionError(where)


@st.composite
def edits(draw: st.DrawFn, article: Article) -> tuple[tuple[Any, ...], Any, str]:
    """A field of the example, a new value for it, and what the clinician page must show."""
    marker = draw(MARKERS)
    kind = draw(st.sampled_from(["point", "lead", "section", "question", "title", "ref", "date"]))
    if kind == "point":
        si = draw(st.integers(0, len(article.sections) - 1))
        pi = draw(st.integers(0, len(article.sections[si].points) - 1))
        old = article.sections[si].points[pi].text
        return ("sections", si, "points", pi, "text"), f"{old} {marker}", marker
    if kind == "lead":
        return ("lead", "text"), f"{article.lead.text} {marker}", marker
    if kind == "section":
        si = draw(st.integers(0, len(article.sections) - 1))
        return ("sections", si, "title"), f"{marker} {article.sections[si].title}", marker
    if kind in ("question", "title"):
        old = getattr(article, kind)
        return (kind,), f"{marker} {old}", marker
    if kind == "ref":
        listed = [i for i, r in enumerate(article.references) if r.listed]
        ri = draw(st.sampled_from(listed))
        return ("references", ri, "title"), f"{marker} {article.references[ri].title}", marker
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)))
    day = day if day != article.last_updated else day + dt.timedelta(days=1)
    return ("last_updated",), day, day.isoformat()


@SETTINGS
@given(data=st.data(), build=st.sampled_from(BUILDS), fmt=st.sampled_from(["text", "json"]))
def test_an_edited_article_renders_its_edit_after_the_original_was_rendered(
    tailor, baclofen, data, build, fmt
):
    before = tailor.render(baclofen, "clinician", fmt, readability=False).content
    where, value, shown = data.draw(edits(baclofen))
    edited = _edit(baclofen, where, value, build)
    after = tailor.render(edited, "clinician", fmt, readability=False).content
    if where == ("last_updated",):
        assert after != before and edited.version != baclofen.version
        assert tailor.render(edited, "clinician", "json").content.count(shown) == 1
    else:
        assert shown not in before
        assert shown in after


def test_a_dose_changed_by_model_copy_at_every_level_shows_in_every_rendering(tailor, baclofen):
    """The reported case: 30-80 became 10-20 through model_copy; every page showed 30-80."""
    si, pi = next(
        (si, pi)
        for si, s in enumerate(baclofen.sections)
        for pi, p in enumerate(s.points)
        if "30-80" in p.text
    )
    for audience in tailor.audiences:
        tailor.render(baclofen, audience, "text", readability=False)
    point = baclofen.sections[si].points[pi]
    section = baclofen.sections[si]
    new_point = point.model_copy(
        update={
            "text": point.text.replace("30-80", "10-20"),
            "rewordings": {k: v.replace("30-80", "10-20") for k, v in point.rewordings.items()},
        }
    )
    sections = list(baclofen.sections)
    sections[si] = section.model_copy(
        update={"points": (*section.points[:pi], new_point, *section.points[pi + 1 :])}
    )
    edited = baclofen.model_copy(update={"sections": tuple(sections)})
    for audience in tailor.audiences:
        for fmt in ("html", "page", "markdown", "text", "json"):
            content = tailor.render(edited, audience, fmt, readability=False).content
            assert "10-20" in content and "30-80" not in content, (audience, fmt)


def test_a_changed_question_shows(tailor, baclofen):
    tailor.render(baclofen, "patient", "html", readability=False)
    edited = baclofen.model_copy(
        update={"question": "Zqunique question about baclofen?", "question_rewordings": {}}
    )
    assert "Zqunique question" in tailor.render(edited, "patient", "html").content


def test_copies_and_constructed_articles_have_their_own_version(baclofen):
    assert baclofen.version  # computed, so a careless copy would inherit it
    copied = baclofen.model_copy(update={"title": "Another title"})
    deep = baclofen.model_copy(update={"title": "Another title"}, deep=True)
    constructed = Article.model_construct(**{**dict(baclofen), "title": "Another title"})
    assert copied.version == deep.version == constructed.version != baclofen.version
    # An update cannot smuggle in a version either.
    forged = baclofen.model_copy(update={"title": "Forged", "version": baclofen.version})
    assert forged.version != baclofen.version
    # Equal content, equal version, however built.
    assert baclofen.model_copy().version == baclofen.version
    assert Article.model_validate(baclofen.model_dump()).version == baclofen.version


def test_editing_a_reference_or_a_section_changes_the_version(baclofen):
    ref = next(r for r in baclofen.references if r.listed)
    new_ref = Reference.model_construct(**{**dict(ref), "year": 1999})
    refs = tuple(new_ref if r is ref else r for r in baclofen.references)
    assert baclofen.model_copy(update={"references": refs}).version != baclofen.version
    section = Section.model_construct(**{**dict(baclofen.sections[0]), "title": "Other"})
    sections = (section, *baclofen.sections[1:])
    assert baclofen.model_copy(update={"sections": sections}).version != baclofen.version


# -- any field, edited at any depth by model_copy ---------------------------------------------

#: Fields holding text a reader may see: a leaf under one of these keys is edited.
_TEXT_FIELDS = frozenset(
    {"question", "title", "text", "source", "replacement", "definition", "translation_of"}
)


def _editable(key: str, value: Any) -> bool:
    if key in _TEXT_FIELDS:
        return isinstance(value, str)
    return key in ("critical", "listed", "review_status") or (key == "year" and value is not None)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every editable leaf of an article's data: text fields, rewordings, flags, years."""
    found: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "rewordings" and isinstance(value, dict):
                found.extend(((*path, key, k), v) for k, v in value.items())
            elif isinstance(value, dict | list):
                found.extend(_leaves(value, (*path, key)))
            elif _editable(key, value):
                found.append(((*path, key), value))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_leaves(value, (*path, i)))
    return found


def _copied_with(model: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``model`` with the leaf at ``path`` replaced, through ``model_copy(update=...)`` at
    every level (tuples and dicts rebuilt on the way): the reported way of editing."""
    head, rest = path[0], path[1:]
    if isinstance(model, tuple):
        items = list(model)
        items[head] = _copied_with(items[head], rest, value) if rest else value
        return tuple(items)
    if isinstance(model, dict):
        return {**model, head: _copied_with(model[head], rest, value) if rest else value}
    inner = _copied_with(getattr(model, head), rest, value) if rest else value
    return model.model_copy(update={head: inner})


def _outcome(tailor: Any, article: Article, audience: str, fmt: str) -> str:
    try:
        return tailor.render(article, audience, fmt, readability=False).content
    except Exception as exc:  # an edit may make an article invalid: then both refuse alike
        return f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="module")
def fresh() -> Any:
    """A second deployment like ``tailor`` that never renders the unedited example."""
    return example_tailor()


@SETTINGS
@given(
    data=st.data(),
    audience=st.sampled_from(AUDIENCES),
    fmt=st.sampled_from(("html", "markdown", "text", "json")),
)
def test_any_field_edited_by_model_copy_renders_as_a_tailor_that_never_saw_the_original(
    tailor, fresh, baclofen, data, audience, fmt
):
    """Issue 11, item 1, for every field: a shared Tailor that rendered the original gives
    for the edited copy exactly what a Tailor that never saw the original gives."""
    leaves = _leaves(baclofen.model_dump(mode="json"))
    path, old = data.draw(st.sampled_from(leaves), label="field")
    if isinstance(old, bool):
        new: Any = not old
    elif isinstance(old, int):
        new = old - 1
    elif path[-1] == "review_status":
        new = ReviewStatus.UNDER_REVIEW if old == "approved" else ReviewStatus.APPROVED
    else:
        new = f"{old} {data.draw(MARKERS, label='marker')}"
    edited = _copied_with(baclofen, path, new)
    assert edited.version != baclofen.version, path
    _outcome(tailor, baclofen, audience, fmt)  # the original, cached first
    assert _outcome(tailor, edited, audience, fmt) == _outcome(fresh, edited, audience, fmt)
