"""Scores: the additive counts of a text and every formula derived from them.

Counts (sentences, words, syllables, words of 3+ syllables) are taken once per text and
add up, so a section's or an article's figures are the sums of its points' counts. The
formulas themselves are each language's (:mod:`tailor.readability.languages`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._pickling import pickled_by_fields
from .languages import language

__all__ = ["SMOG_MIN_SENTENCES", "Scores", "grades"]

#: SMOG (and SOL) were calibrated on samples of 30 sentences; fewer gives a misleading grade.
SMOG_MIN_SENTENCES = 30


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Scores:
    """Counts for one text in one language, and the formulas derived from them.

    Counts add up (``a + b`` scores the two texts as one), so an article's figures are its
    points' sums. Numbers ("2.5 mg", "80%") are not words here: formulas count words of
    letters, and a number's spoken length varies by reader.
    """

    lang: str
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    #: The words of 3+ syllables, in order, repeats kept.
    long_words: tuple[str, ...]

    def __add__(self, other: Scores) -> Scores:
        if other.lang != self.lang:
            raise ValueError(f"cannot add {other.lang!r} scores to {self.lang!r} scores")
        return Scores(
            self.lang,
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.long_words + other.long_words,
        )

    @classmethod
    def empty(cls, lang: str) -> Scores:
        return cls(lang, 0, 0, 0, 0, ())

    @classmethod
    def total(cls, lang: str, parts: Iterable[Scores]) -> Scores:
        """The sum of ``parts`` in one pass: adding one by one would copy ``long_words``
        each time, quadratic in a text of many sentences."""
        sentences = words = syllables = polysyllables = 0
        long_words: list[str] = []
        for part in parts:
            if part.lang != lang:
                raise ValueError(f"cannot add {part.lang!r} scores to {lang!r} scores")
            sentences += part.sentences
            words += part.words
            syllables += part.syllables
            polysyllables += part.polysyllables
            long_words.extend(part.long_words)
        return cls(lang, sentences, words, syllables, polysyllables, tuple(long_words))

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def long_word_share(self) -> float:
        """Share of words with 3 or more syllables."""
        return self.polysyllables / self.words if self.words else 0.0

    @property
    def smog_reliable(self) -> bool:
        """Whether the text has the 30 sentences SMOG (and SOL) were calibrated on."""
        return self.sentences >= SMOG_MIN_SENTENCES

    @property
    def smog(self) -> float:
        """SMOG grade (English); for Spanish, SOL = -2.51 + 0.74 x SMOG (Contreras 1999)."""
        if not self.sentences:
            return 0.0
        raw = 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291
        return round(language(self.lang).smog(raw), 1)

    def _sentence_grade(self, name: str) -> float | None:
        profile = language(self.lang)
        if profile.sentence_grade_name != name:
            return None
        if not self.words:
            return 0.0
        figures = (self.words_per_sentence, self.syllables_per_word, self.sentences, self.words)
        return round(profile.sentence_grade(*figures), 1)

    @property
    def flesch_kincaid_grade(self) -> float | None:
        """Flesch-Kincaid grade; English only (None for other languages)."""
        return self._sentence_grade("flesch_kincaid_grade")

    @property
    def crawford(self) -> float | None:
        """Crawford's grade for Spanish (1984); None for other languages."""
        return self._sentence_grade("crawford")

    @property
    def sentence_grade(self) -> float:
        """The grade formula that needs no minimum length: Flesch-Kincaid, or Crawford."""
        value = self._sentence_grade(language(self.lang).sentence_grade_name)
        return value if value is not None else 0.0

    def _ease(self, name: str) -> float | None:
        profile = language(self.lang)
        formulas = dict(((profile.reading_ease_name, profile.reading_ease), *profile.more_ease))
        formula = formulas.get(name)
        if formula is None:
            return None
        if not self.words:
            return 100.0
        figures = (self.words_per_sentence, self.syllables_per_word, self.sentences, self.words)
        return round(formula(*figures), 1)

    @property
    def flesch_reading_ease(self) -> float:
        """Flesch reading ease (English) or Fernández-Huerta (Spanish): higher is easier."""
        value = self._ease(language(self.lang).reading_ease_name)
        return value if value is not None else 100.0

    @property
    def szigriszt_pazos(self) -> float | None:
        """Szigriszt-Pazos perspicuity (INFLESZ scale) for Spanish; None otherwise."""
        return self._ease("szigriszt_pazos")

    @property
    def grade(self) -> float:
        """The grade tailor compares with a target: the harder of the two grade formulas."""
        return max(self.smog, self.sentence_grade)

    def as_dict(self, *, whole: bool = False) -> dict[str, Any]:
        """Figures as plain data. A part (point, section) shorter than SMOG needs gets no
        SMOG figure, with the reason; the ``whole`` article gets one, marked extrapolated.
        """
        smog: float | None = self.smog
        found: dict[str, Any] = {
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "syllables": self.syllables,
            "polysyllables": self.polysyllables,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "long_word_share": round(self.long_word_share, 3),
        }
        if not self.smog_reliable:
            if whole:
                found["smog_note"] = (
                    f"SMOG needs {SMOG_MIN_SENTENCES} sentences; this text has "
                    f"{self.sentences}, so the figure is extrapolated from all of them"
                )
            else:
                smog = None
                found["smog_note"] = (
                    f"SMOG needs {SMOG_MIN_SENTENCES} sentences, this part has "
                    f"{self.sentences}: see the whole article's figure"
                )
        profile = language(self.lang)
        found[profile.smog_name] = smog
        found[profile.sentence_grade_name] = self.sentence_grade
        found[profile.reading_ease_name] = self.flesch_reading_ease
        for name, _ in profile.more_ease:
            found[name] = self._ease(name)
        found["grade"] = self.grade if smog is not None else self.sentence_grade
        return found


def grades(scores: Scores) -> dict[str, float | None]:
    """The two grade formulas of ``scores``, by their short names, for a finding's figures."""
    profile = language(scores.lang)
    return {
        profile.smog_name: scores.smog,
        profile.sentence_grade_short: getattr(scores, profile.sentence_grade_name),
    }
