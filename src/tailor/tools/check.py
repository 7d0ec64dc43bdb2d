"""``tailor check``: every audience's readability against its target, for editors and CI.

Kept out of the CLI module so a notebook or a content pipeline can call
:func:`check_article` and read the same figures the command prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import format_loc
from ..readability import ReadabilityReport, Scores, SentenceScore

if TYPE_CHECKING:
    from ..model import Article
    from ..tailor import Tailor

__all__ = ["CheckResult", "check_article"]

#: Sentences listed for an audience without a target (the clinician): the hardest few.
HARDEST_WITHOUT_TARGET = 3


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One article's readability report per audience."""

    article_id: str
    lang: str
    reports: dict[str, ReadabilityReport]

    @property
    def all_targets_met(self) -> bool:
        return all(r.meets_target for r in self.reports.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "lang": self.lang,
            "all_targets_met": self.all_targets_met,
            "audiences": {
                name: {
                    **report.as_dict(),
                    "hardest_sentences": [_sentence_dict(s) for s in _listed(report)],
                }
                for name, report in self.reports.items()
            },
        }

    def as_text(self) -> str:
        lines = [f"{self.article_id} ({self.lang}): readability of the prose (lead and points)", ""]
        lines.extend(_table(self.reports))
        for name, report in self.reports.items():
            lines.extend(f"note ({name}): {n.msg}" for n in report.notes)
        for name, report in self.reports.items():
            listed = _listed(report)
            if report.target is not None:
                head = f"{name}: {len(listed)} sentences above grade {report.target:g}"
                if not listed:
                    head += " (none)"
            else:
                head = f"{name}: hardest sentences (no target)"
            lines.extend(["", head])
            for s in listed:
                lines.append(
                    f"  {format_loc(s.loc)} ({s.point}), grade {s.grade:g}: {'; '.join(s.reasons)}"
                )
                lines.append(f"    {s.text}")
            if report.sections and report.target is not None:
                lines.append(
                    "  by section (Flesch-Kincaid or Crawford grade): "
                    + ", ".join(f"{k} {v.sentence_grade:g}" for k, v in report.sections.items())
                )
        lines.extend(["", "jargon candidates (rare words no glossary layer covers):"])
        for name, report in self.reports.items():
            words = ", ".join(f"{j.word} ({j.count}x)" for j in report.jargon)
            lines.append(f"  {name}: {words or 'none'}")
        verdict = "all targets met" if self.all_targets_met else "some targets missed"
        missed = [n for n, r in self.reports.items() if not r.meets_target]
        lines.extend(["", verdict + (f": {', '.join(missed)}" if missed else "")])
        return "\n".join(lines)


def _listed(report: ReadabilityReport) -> list[SentenceScore]:
    if report.target is None:
        return report.hardest(HARDEST_WITHOUT_TARGET)
    return report.misses()


def _sentence_dict(s: SentenceScore) -> dict[str, Any]:
    return {
        "point": s.point,
        "loc": list(s.loc),
        "sentence_index": s.index,
        "sentence": s.text,
        "grade": s.grade,
        "words": s.scores.words,
        "long_words": list(s.scores.long_words),
        "reasons": list(s.reasons),
    }


def _table(reports: dict[str, ReadabilityReport]) -> list[str]:
    english = all(r.lang == "en" for r in reports.values())
    header = (
        "audience",
        "target",
        "grade",
        "SMOG" if english else "SOL",
        "FK" if english else "Crawford",
        "ease" if english else "F-Huerta",
        "words/sent",
        "long words",
        "before glossary",
        "result",
    )
    rows: list[Sequence[str]] = [header]
    for name, r in reports.items():
        a = r.article
        rows.append(
            (
                name,
                f"<= {r.target:g}" if r.target is not None else "none",
                f"{a.grade:g}",
                f"{a.smog:g}",
                f"{a.sentence_grade:g}",
                f"{a.flesch_reading_ease:g}",
                f"{a.words_per_sentence:.1f}",
                f"{a.long_word_share:.0%}",
                _before(r.before),
                "reported" if r.target is None else ("meets" if r.meets_target else "MISSES"),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _before(s: Scores) -> str:
    return f"grade {s.grade:g}"


def check_article(tailor: Tailor, article: Article, audiences: Sequence[str] = ()) -> CheckResult:
    """Score ``article`` for each of ``audiences`` (default: all), whatever their policy."""
    names = list(audiences) or list(tailor.audiences)
    reports = {name: tailor.assess(article, name) for name in names}
    return CheckResult(article.id, tailor.prose_language(article), reports)
