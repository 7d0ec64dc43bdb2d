"""Stage: analyze, the readability of the prose a transformed article gives its audience.

Prose is the lead answer and the points as the audience reads them: not the question,
titles, references, disclaimer, citation markers or URLs. The scoring itself (sentences,
syllables, formulas, per language) is :mod:`tailor.readability`, which knows nothing of
articles; this stage only says which text is prose and where each piece sits, and what an audience's
readability policy makes of a report (:func:`judge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..audience import Audience
from ..errors import ReadabilityError
from ..readability import LANGUAGES, Prose, ReadabilityReport, ReadabilityScorer
from .types import TextNode, TransformedArticle

__all__ = ["analyze", "judge", "prose_of", "unscored"]


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


def judge(report: ReadabilityReport, audience: Audience, article_id: str) -> list[str]:
    """What a rendering says about its readability, by the audience's policy.

    ``readability: strict`` refuses a rendering that misses the target
    (:class:`~tailor.errors.ReadabilityError`, naming every sentence that misses and why);
    ``warn`` returns the same findings as warnings for the editor; ``off`` is never
    scored, so it never reaches here.
    """
    if audience.readability == "strict" and not report.meets_target:
        raise ReadabilityError(
            f"article {article_id!r} misses the reading target of audience "
            f"{audience.name!r} ({report.grade_line()}); {len(report.findings)} misses:\n"
            + "\n".join(f"  {f.describe()}" for f in report.findings),
            report.findings,
        )
    return [f.describe() for f in report.findings]


def unscored(lang: str) -> str:
    """The warning for prose in a language tailor has no formulas for."""
    return (
        f"readability not scored: no formulas for language {lang!r} "
        f"(tailor scores {', '.join(LANGUAGES)})"
    )
