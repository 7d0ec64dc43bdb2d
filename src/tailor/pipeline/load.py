"""Stage 1, load: an article file or dict becomes a validated :class:`~tailor.model.Article`.

Structural errors come from pydantic; the checks here are the ones a schema cannot state
(unique ids, citations that resolve, audiences that exist). Every problem is reported at
once, each with its field path and, for files, its line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._glossary_checks import negation_problems
from .._source import read_file, validate_model
from ..errors import ArticleError, ErrorDetail, Loc, quoted
from ..lexical import NUMBER_RE, posix_tag
from ..model import Article, Point
from ..negation import negation_cues

__all__ = ["article_problems", "audience_problems", "load_article"]


def article_problems(article: Article) -> list[ErrorDetail]:
    """Problems no schema can express: duplicate ids and citations that resolve to nothing."""
    problems: list[ErrorDetail] = []
    ref_ids: set[str] = set()
    for i, ref in enumerate(article.references):
        if ref.id in ref_ids:
            problems.append(
                ErrorDetail(
                    "value.duplicate_id",
                    ("references", i, "id"),
                    f"reference id {ref.id!r} is used more than once",
                    ctx={"id": ref.id},
                )
            )
        ref_ids.add(ref.id)
    seen_points: dict[str, Loc] = {}
    seen_sections: set[str] = set()
    for si, section in enumerate(article.sections):
        if section.id in seen_sections:
            problems.append(
                ErrorDetail(
                    "value.duplicate_id",
                    ("sections", si, "id"),
                    f"section id {section.id!r} is used more than once",
                    ctx={"id": section.id},
                )
            )
        seen_sections.add(section.id)
    for loc, point in article.points():
        if point.id in seen_points:
            first = ".".join(map(str, seen_points[point.id]))
            problems.append(
                ErrorDetail(
                    "value.duplicate_id",
                    (*loc, "id"),
                    f"point id {point.id!r} is already used at {first}",
                    ctx={"id": point.id},
                )
            )
        else:
            seen_points[point.id] = loc
        if point.critical:
            problems += _negation_kept(point, loc, article.locale)
        source_numbers = NUMBER_RE.findall(point.text)
        for name, text in point.rewordings.items():
            kept = set(NUMBER_RE.findall(text))
            lost = [n for n in source_numbers if n not in kept]
            if lost:
                problems.append(
                    ErrorDetail(
                        "rewording.numbers_lost",
                        (*loc, "rewordings", name),
                        f"the rewording drops {', '.join(map(repr, lost))} from the point's text; "
                        "a rewording restates the point and keeps every number",
                        ctx={"numbers": lost},
                    )
                )
        for ci, cited in enumerate(point.citations):
            if cited not in ref_ids:
                problems.append(
                    ErrorDetail(
                        "citation.unresolved",
                        (*loc, "citations", ci),
                        f"cites reference {cited!r}, which the references list does not have; "
                        "add it (with listed: false if its details are unknown)",
                        ctx={"citation": cited},
                    )
                )
    for field, source, rewordings in (
        ("question_rewordings", article.question, article.question_rewordings),
        ("title_rewordings", article.title, article.title_rewordings),
    ):
        problems += _heading_rewording_problems(field, source, rewordings, article.locale)
    for i, term in enumerate(article.terms):
        surfaces: list[tuple[Loc, str]] = [(("terms", i, "term"), term.term)]
        surfaces += [(("terms", i, "forms", j), form) for j, form in enumerate(term.forms)]
        if term.replacement is not None:
            problems += negation_problems(
                surfaces, [(("terms", i, "replacement"), term.replacement)], article.locale
            )
    cited_ids = {c for _, point in article.points() for c in point.citations}
    for i, ref in enumerate(article.references):
        if ref.id not in cited_ids:
            problems.append(
                ErrorDetail(
                    "reference.uncited",
                    ("references", i, "id"),
                    f"reference {ref.id!r} is not cited by any point; cite it or remove it "
                    "(every reference a reader sees must be cited)",
                    ctx={"id": ref.id},
                )
            )
    return problems


def _heading_rewording_problems(
    field: str, source: str, rewordings: dict[str, str], lang: str
) -> list[ErrorDetail]:
    """The page's question or title, reworded for an audience, keeps its numbers and says
    no as often ("Is it safe when not ...?" must not lose its "not"), like a point's."""
    problems: list[ErrorDetail] = []
    numbers = NUMBER_RE.findall(source)
    want = sum(negation_cues(source, lang).values())
    for name, text in rewordings.items():
        kept = set(NUMBER_RE.findall(text))
        lost = [n for n in numbers if n not in kept]
        if lost:
            problems.append(
                ErrorDetail(
                    "rewording.numbers_lost",
                    (field, name),
                    f"the rewording drops {', '.join(map(repr, lost))} from the article's "
                    f"{field.split('_')[0]}; a rewording restates it and keeps every number",
                    ctx={"numbers": lost},
                )
            )
        have = sum(negation_cues(text, lang).values())
        if have != want:
            problems.append(
                ErrorDetail(
                    "rewording.negation_changed",
                    (field, name),
                    f"the rewording has {have} negation cue(s) where the article's "
                    f"{field.split('_')[0]} has {want}; a rewording keeps its negations",
                    ctx={"field": field},
                )
            )
    return problems


def _negation_kept(point: Point, loc: Loc, lang: str) -> list[ErrorDetail]:
    """A rewording of a critical point says no exactly as often as the point does.

    A rewording that keeps every number but drops a "not" (or adds one) inverts a safety
    warning and would pass every other check. Cues are counted, not matched word for word,
    so "do not" may become "don't"; see :mod:`tailor.negation`.
    """
    problems: list[ErrorDetail] = []
    want = negation_cues(point.text, lang)
    for name, text in point.rewordings.items():
        have = negation_cues(text, lang)
        if sum(have.values()) != sum(want.values()):
            problems.append(
                ErrorDetail(
                    "rewording.negation_changed",
                    (*loc, "rewordings", name),
                    f"the rewording of critical point {quoted(point.id)} has "
                    f"{sum(have.values())} negation cue(s) ({', '.join(sorted(have)) or 'none'}) "
                    f"where the point has {sum(want.values())} "
                    f"({', '.join(sorted(want)) or 'none'}); a rewording of a critical point "
                    "keeps its negations, or it may invert the warning",
                    ctx={"point": point.id},
                )
            )
    return problems


def audience_problems(article: Article, known: Collection[str]) -> list[ErrorDetail]:
    """Restrictions and rewordings that name audiences nobody defined."""
    problems: list[ErrorDetail] = []
    known_list = ", ".join(sorted(known))

    def unknown(loc: Loc, name: str) -> ErrorDetail:
        return ErrorDetail(
            "audience.unknown",
            loc,
            f"names audience {quoted(name)}, which is not defined; known audiences: {known_list}",
            ctx={"audience": name},
        )

    for loc, point in article.points():
        for i, name in enumerate(point.audiences or ()):
            if name not in known:
                problems.append(unknown((*loc, "audiences", i), name))
        for name in point.rewordings:
            if name not in known:
                problems.append(unknown((*loc, "rewordings", name), name))
    for si, section in enumerate(article.sections):
        for name in section.rewordings:
            if name not in known:
                problems.append(unknown(("sections", si, "rewordings", name), name))
    for field, rewordings in (
        ("question_rewordings", article.question_rewordings),
        ("title_rewordings", article.title_rewordings),
    ):
        for name in rewordings:
            if name not in known:
                problems.append(unknown((field, name), name))
    return problems


def locale_problems(article: Article, languages: Collection[str]) -> list[ErrorDetail]:
    """An article locale that is malformed or in a language tailor has no interface for."""
    import babel

    try:
        language = babel.Locale.parse(posix_tag(article.locale)).language
    except (ValueError, TypeError, babel.UnknownLocaleError):
        language = None
    if language in languages:
        return []
    return [
        ErrorDetail(
            "locale.unknown",
            ("locale",),
            f"locale {quoted(article.locale)} is not one tailor can write; supported locales: "
            f"{', '.join(sorted(languages))}",
            ctx={"locale": article.locale[:200]},
        )
    ]


def load_article(
    source: str | Path | Mapping[str, Any],
    *,
    audiences: Collection[str] | None = None,
    locales: Collection[str] | None = None,
    label: str | None = None,
    checks: Sequence[Callable[[Article], list[ErrorDetail]]] = (),
) -> Article:
    """Load and validate an article from a ``.yaml``/``.json`` file or a dict.

    ``audiences``, if given, are the audience names the article may mention in
    restrictions and rewordings (a :class:`~tailor.Tailor` checks this again at render
    time); ``locales``, if given, the languages its ``locale`` may be in. ``label`` names a
    dict's origin in errors, e.g. a CMS record id.

    Raises :class:`~tailor.errors.ArticleError` listing every problem found.
    """
    if isinstance(source, Mapping):
        data: Any = dict(source)
        lines: dict[Loc, int] = {}
        origin = label or "<dict>"
    elif isinstance(source, str | Path):
        data, lines, origin = read_file(source, error=ArticleError)
    else:
        kind = "nothing" if source is None else type(source).__name__
        raise ArticleError(
            f"an article is a file path or a mapping of fields, got {kind}",
            source=label or "<argument>",
        )
    run: list[Callable[[Article], list[ErrorDetail]]] = [article_problems]
    if audiences is not None:
        known = frozenset(audiences)
        run.append(lambda art: audience_problems(art, known))
    if locales is not None:
        languages = frozenset(locales)
        run.append(lambda art: locale_problems(art, languages))
    run.extend(checks)
    return validate_model(
        Article,
        data,
        source=origin,
        lines=lines,
        error=ArticleError,
        what="article",
        checks=run,
    )
