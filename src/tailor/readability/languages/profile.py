"""What a language module of :mod:`tailor.readability.languages` declares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Formula", "Language"]

#: A grade formula of the figures it reads: words per sentence, syllables per word,
#: sentences and words.
Formula = Callable[[float, float, int, int], float]


@dataclass(frozen=True, slots=True)
class Language:
    """What scoring prose in one language needs."""

    code: str
    #: The SMOG-family grade (needs 30 sentences): its name in reports, its label in
    #: messages, and its value from the English SMOG figure.
    smog_name: str
    smog_label: str
    smog: Callable[[float], float]
    #: The grade formula that needs no minimum length: the :class:`Scores` attribute and
    #: report key that hold it, and its short name in a finding's figures.
    sentence_grade_name: str
    sentence_grade_short: str
    sentence_grade: Formula
    #: The reading-ease formula (higher is easier): its report key and the formula, then
    #: any further ease formulas reported beside it.
    reading_ease_name: str
    reading_ease: Formula
    more_ease: tuple[tuple[str, Formula], ...]
    #: Syllables of a lower-case word by rule; with ``pronouncing_dictionary`` the CMU
    #: dictionary is asked first and the rule only counts the words it lacks.
    syllables: Callable[[str], int]
    pronouncing_dictionary: bool
    #: Abbreviations whose full stop never ends a sentence ("Dr.", "p.ej.").
    abbreviations: frozenset[str]
    #: Suffix, then endings to try on the stem: the plain form a frequency list counts
    #: apart from its inflections ("eases" -> "ease").
    inflections: tuple[tuple[str, tuple[str, ...]], ...] = ()
