"""Spanish: SOL (SMOG for Spanish, Contreras 1999) and Crawford (1984) grades,
Fernández-Huerta and Szigriszt-Pazos (INFLESZ) reading ease, syllables by the language's
regular rules (no pronouncing dictionary is needed)."""

from __future__ import annotations

from .profile import Language

__all__ = ["SPANISH", "spanish_syllables"]

_ES_VOWELS = frozenset("aeiouáéíóúü")
_ES_STRONG = frozenset("aeoáéóíú")  # an accented i or u breaks a diphthong: "dí-a", "pa-ís"


def spanish_syllables(word: str) -> int:
    """Spanish syllables by its regular rules: strong+strong is a hiatus, anything with an
    unaccented i or u is one diphthong; "u" is silent in "que", "qui", "gue", "gui"."""
    w = word.lower()
    count = 0
    prev_vowel: str | None = None
    for i, ch in enumerate(w):
        if ch == "u" and i > 0 and w[i - 1] in "qg" and w[i + 1 : i + 2] in ("e", "i", "é", "í"):
            continue  # silent u
        is_vowel = ch in _ES_VOWELS or (ch == "y" and (i == len(w) - 1 or len(w) == 1))
        if not is_vowel:
            prev_vowel = None
            continue
        vowel = "i" if ch == "y" else ch
        if prev_vowel is None or (prev_vowel in _ES_STRONG and vowel in _ES_STRONG):
            count += 1
        prev_vowel = vowel
    return max(1, count)


def _crawford(
    words_per_sentence: float, syllables_per_word: float, sentences: int, words: int
) -> float:
    per100_sentences = 100 * sentences / words
    per100_syllables = 100 * syllables_per_word
    return -0.205 * per100_sentences + 0.049 * per100_syllables - 3.407


def _fernandez_huerta(words_per_sentence: float, syllables_per_word: float, *_: int) -> float:
    return 206.84 - 60.0 * syllables_per_word - 1.02 * words_per_sentence


def _szigriszt_pazos(words_per_sentence: float, syllables_per_word: float, *_: int) -> float:
    return 206.835 - 62.3 * syllables_per_word - words_per_sentence


SPANISH = Language(
    code="es",
    smog_name="sol",
    smog_label="SOL",
    smog=lambda raw: -2.51 + 0.74 * raw,
    sentence_grade_name="crawford",
    sentence_grade_short="crawford",
    sentence_grade=_crawford,
    reading_ease_name="fernandez_huerta",
    reading_ease=_fernandez_huerta,
    more_ease=(("szigriszt_pazos", _szigriszt_pazos),),
    syllables=spanish_syllables,
    pronouncing_dictionary=False,
    abbreviations=frozenset(
        {
            "sra",
            "srta",
            "dra",
            "aprox",
            "ej",
            "p.ej",
            "pág",
            "núm",
            "ud",
            "uds",
        }
    ),
)
