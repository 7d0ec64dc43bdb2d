"""Stage: analyze, the readability of the prose a transformed article gives its audience.

Prose is the lead answer and the points as the audience reads them: not the question,
titles, references, disclaimer, citation markers or URLs. The scoring itself (sentences,
syllables, formulas, per language) is :mod:`tailor.readability`, which knows nothing of
articles; this stage only says which text is prose and where each piece sits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..readability import Prose, ReadabilityReport, ReadabilityScorer
from .types import TextNode, TransformedArticle

__all__ = ["analyze", "prose_of"]


def prose_of(transformed: TransformedArticle) -> list[Prose]:
    """The lead and every point as the scorer reads them, each with its field path."""
    audience = transformed.selected.audience
    return [
        Prose(
            node.id,
            (*node.loc, *(("rewordings", audience.name) if node.reworded else ("text",))),
            node.text,
            node.source_text,
            section,
            " ".join(span.text for span in node.spans if span.kind == "text"),
        )
        for node, section in _prose_nodes(transformed)
    ]


def analyze(
    transformed: TransformedArticle,
    scorer: ReadabilityScorer,
    *,
    lang: str,
    covered: Callable[[str], bool],
) -> ReadabilityReport:
    """Score ``transformed``'s prose in ``lang`` against its audience's reading target.

    ``covered(word)`` says whether some glossary covers a word, so it is not reported as
    a jargon candidate.
    """
    target = transformed.selected.audience.reading_grade_max
    return scorer.report(prose_of(transformed), target, lang=lang, covered=covered)


def _prose_nodes(transformed: TransformedArticle) -> Iterable[tuple[TextNode, str | None]]:
    """The lead and every point, each with its section id (None for the lead)."""
    yield transformed.lead, None
    for section in transformed.sections:
        for point in section.points:
            yield point, section.id
