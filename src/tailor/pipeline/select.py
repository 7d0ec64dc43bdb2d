"""Stage 2, select: the canonical article narrowed to one audience.

Drops points restricted to other audiences and picks each editor rewording written for
this audience. The result is the list of text nodes the later stages work on; the
canonical article itself is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..audience import Audience
from ..errors import Loc
from ..model import Article, Point
from .types import SelectedArticle, SelectedSection, Span, TextNode

__all__ = ["select"]


def _node(
    point_id: str,
    loc: Loc,
    text: str,
    source_text: str,
    *,
    citations: tuple[str, ...] = (),
    critical: bool = False,
    reworded: bool = False,
) -> TextNode:
    return TextNode(point_id, loc, source_text, (Span(text),), citations, critical, reworded)


#: A run-in title opening a point: a few words before a colon ("Internal Validity: Good.").
_RUN_IN = re.compile(r"([A-Z][^\W\d][^:.;!?()\[\]\d]{0,58}?):\s")


def _run_in(text: str, headings: Mapping[str, str]) -> str:
    """``text`` with a run-in title the heading map knows in its reader words: "Internal
    Validity: Good." -> "How well the study was done: Good." A run-in title is a title set
    inline, so it reads as the reader titles of sections do."""
    m = _RUN_IN.match(text)
    reader = headings.get(_fold(m.group(1))) if m else None
    return text if m is None or reader is None else reader + text[m.end(1) :]


def _point(
    point: Point, loc: Loc, audience: str, headings: Mapping[str, str] | None = None
) -> TextNode:
    reworded = audience in point.rewordings
    text = point.rewordings[audience] if reworded else point.text
    if headings and not reworded:
        text = _run_in(text, headings)
    return _node(
        point.id,
        loc,
        text,
        point.text,
        citations=point.citations,
        critical=point.critical,
        reworded=reworded,
    )


def _fold(title: str) -> str:
    """A section title as the heading map compares it: case, spacing and a closing
    colon or full stop do not matter ("ADMINISTRATION  and dosing:")."""
    return " ".join(title.split()).rstrip(":.").casefold()


def _heading_map(audience: Audience, translate: Callable[[str], str]) -> dict[str, str]:
    """The audience's reader titles by folded clinical title, in the article's language
    (``translate``) and as written, so an English map also serves an English article
    whatever the catalog says."""
    out: dict[str, str] = {}
    for clinical, reader in audience.headings.items():
        said = translate(reader)
        out.setdefault(_fold(translate(clinical)), said)
        out.setdefault(_fold(clinical), said)
    return out


def select(
    article: Article, audience: Audience, translate: Callable[[str], str] | None = None
) -> SelectedArticle:
    """Narrow ``article`` to ``audience``: restrictions applied, rewordings chosen.

    A section title the audience's heading map knows becomes its reader title
    (``translate`` puts the map into the article's language; as written without it),
    unless the section has its own rewording for the audience, which wins. The page's
    question and title are the article's rewordings for the audience where it has them.
    """
    name = audience.name
    headings = _heading_map(audience, translate or (lambda text: text)) if audience.headings else {}
    sections: list[SelectedSection] = []
    dropped: list[str] = []
    for si, section in enumerate(article.sections):
        points: list[TextNode] = []
        for pi, point in enumerate(section.points):
            if point.audiences is not None and name not in point.audiences:
                dropped.append(point.id)
                continue
            points.append(_point(point, ("sections", si, "points", pi), name, headings))
        if not points:
            continue
        reader_title = headings.get(_fold(section.title))
        title_text = section.rewordings.get(name, reader_title or section.title)
        title = _node(
            f"{section.id}.title",
            ("sections", si, "title"),
            title_text,
            section.title,
            # a reader title is chosen wording, like an editor's: no glossary in it
            reworded=name in section.rewordings or reader_title is not None,
        )
        sections.append(SelectedSection(section.id, ("sections", si), title, tuple(points)))
    return SelectedArticle(
        article=article,
        audience=audience,
        question=_node(
            "question",
            ("question",),
            article.question_rewordings.get(name, article.question),
            article.question,
            reworded=name in article.question_rewordings,
        ),
        title=_node(
            "title",
            ("title",),
            article.title_rewordings.get(name, article.title),
            article.title,
            reworded=name in article.title_rewordings,
        ),
        lead=_point(article.lead, ("lead",), name),
        sections=tuple(sections),
        references=article.references,
        dropped=tuple(dropped),
    )
