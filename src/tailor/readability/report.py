"""The report types: what a readability check found, shaped for editors and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._pickling import pickled_by_fields
from ..errors import Loc, format_loc
from .scores import Scores

__all__ = ["Finding", "JargonCandidate", "Prose", "ReadabilityReport", "SentenceScore"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """A place where a rendering misses its audience's reading target, or a note about it.

    Shaped like a pydantic error: a stable ``type`` slug, a ``loc`` path to the field an
    editor changes (``sections.2.points.1.rewordings.patient``), a message, and the
    figures in ``ctx``.
    """

    type: str
    loc: Loc
    msg: str
    ctx: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        where = format_loc(self.loc) or "(article)"
        return f"{where}: {self.msg} [type={self.type}]"

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "loc": list(self.loc), "msg": self.msg, "ctx": self.ctx}


@dataclass(frozen=True, slots=True)
class Prose:
    """One piece of prose to score: the lead answer or a point, as one audience reads it.

    ``loc`` is the field an editor would change (the point's ``text``, or its rewording
    for this audience); ``before`` is the point's text before glossary and rewording.
    """

    id: str
    loc: Loc
    text: str
    before: str
    section: str | None = None
    #: The words outside glossary matches, for jargon detection (default: all of ``text``).
    untouched: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SentenceScore:
    """One sentence, its figures, and why it is hard (empty when it is not)."""

    point: str
    loc: Loc
    index: int
    text: str
    scores: Scores
    reasons: tuple[str, ...]

    @property
    def grade(self) -> float:
        return self.scores.sentence_grade


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class JargonCandidate:
    """A word rare in everyday language that no glossary layer covers."""

    word: str
    zipf: float
    count: int
    points: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "zipf": self.zipf,
            "count": self.count,
            "points": list(self.points),
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ReadabilityReport:
    """Scores of one rendering's prose (lead and points only) against its audience's target.

    ``before`` scores the same points before glossary substitution and rewordings, so the
    glossary's effect shows. ``findings`` are the misses (the article's grade, each
    sentence above the target); ``notes`` say where a formula had too little text.
    """

    lang: str
    target: float | None
    article: Scores
    before: Scores
    sections: dict[str, Scores]
    points: dict[str, Scores]
    sentences: tuple[SentenceScore, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Finding, ...] = ()
    jargon: tuple[JargonCandidate, ...] = ()

    @property
    def meets_target(self) -> bool:
        """The whole article's grade is at or below the target (always true without one)."""
        return self.target is None or self.article.grade <= self.target

    @property
    def verdict(self) -> str | None:
        """ "meets" or "above" the target; None without a target."""
        if self.target is None:
            return None
        return "meets" if self.meets_target else "above"

    def grade_line(self) -> str:
        """The article's grade against its target, as every tool shows it:
        "grade 15.9 / target ≤ 8", or "grade 15.9 (no target)"."""
        if self.target is None:
            return f"grade {self.article.grade:g} (no target)"
        return f"grade {self.article.grade:g} / target ≤ {self.target:g}"

    def hardest(self, n: int = 5) -> list[SentenceScore]:
        """The ``n`` sentences with the highest grade, hardest first."""
        return sorted(self.sentences, key=lambda s: -s.grade)[:n]

    def misses(self) -> list[SentenceScore]:
        """Sentences above the target, hardest first (none without a target)."""
        if self.target is None:
            return []
        return [s for s in self.hardest(len(self.sentences)) if s.grade > self.target]

    def as_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "target": self.target,
            "meets_target": self.meets_target,
            "article": self.article.as_dict(whole=True),
            "before_glossary": self.before.as_dict(whole=True),
            "sections": {k: v.as_dict() for k, v in self.sections.items()},
            "points": {k: v.as_dict() for k, v in self.points.items()},
            "findings": [f.as_dict() for f in self.findings],
            "notes": [f.as_dict() for f in self.notes],
            "jargon": [j.as_dict() for j in self.jargon],
        }
