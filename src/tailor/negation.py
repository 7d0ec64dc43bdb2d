"""Negation cues: the one definition of "this text says no" that every check uses.

A warning inverts when a "not" appears or disappears: "do not stop abruptly" and "you may
stop abruptly" differ by one word, and every number and citation survives the change. So
negation is an invariant, checked in three places that must agree on what a negation is:

- compiling a glossary (:mod:`tailor._glossary_checks`): a substitution never adds or
  removes a negation cue, so "not" -> "" or "do not stop" -> "you may stop" is refused;
- loading an article (:mod:`tailor.pipeline.load`): an editor's rewording of a critical point keeps
  the point's negation cues;
- ``tailor glossary lint`` and ``scripts/build_glossary.py``, which judge candidate
  replacements before they become entries.

Cues are words, counted per language: "not", "no", "never", "without", "cannot" and the
"n't" contractions in English ("don't" and "do not" are the same cue, so a rewording may
contract); "no", "nunca", "sin", "ni"... in Spanish. Counting is lexical on purpose: it
is predictable, explainable in an error message, and fails safe (an editor rewords a
sentence the check cannot follow, rather than tailor guessing that "avoid" means "do not").
A term negative by its prefix ("unable", "nonsterile") is a separate, weaker signal
(:func:`negative_by_affix`) that only the lint and the glossary builder use as a hint.
"""

from __future__ import annotations

import re
from collections import Counter

from .lexical import language_of

__all__ = ["NEGATION_CUES", "negation_count", "negation_cues", "negative_by_affix"]

#: Negation cue words per language, case-folded. "n't" contractions are English cues too.
NEGATION_CUES: dict[str, frozenset[str]] = {
    "en": frozenset(
        {
            "not",
            "no",
            "never",
            "none",
            "nor",
            "neither",
            "nobody",
            "nothing",
            "nowhere",
            "without",
            "cannot",
        }
    ),
    "es": frozenset(
        {
            "no",
            "nunca",
            "jamás",
            "ni",
            "sin",
            "tampoco",
            "nada",
            "nadie",
            "ninguno",
            "ninguna",
            "ningún",
            "ningunos",
            "ningunas",
        }
    ),
}

#: A word as negation cues are read: letters joined by apostrophes ("don't"), but split at
#: hyphens, so a cue inside a hyphenated phrase ("a no-treatment group") is still read.
#: Not tailor.lexical's
#: LETTER_WORD_RE on purpose: that one keeps a hyphenated word whole for syllable counts.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Contractions with their own spelling of "not" ("won't", "can't", "shan't", "ain't").
_CONTRACTION = re.compile(r"n['’]t$")


def negation_cues(text: str, lang: str = "en") -> Counter[str]:
    """The negation cues in ``text``, counted, in a normal form: every English "not" in
    any spelling ("not", "n't", "cannot") counts as ``"not"``.

    A language tailor has no cue list for is read with the English and Spanish lists
    together: a glossary or article in it is refused elsewhere, and a wider net is the
    safer reading meanwhile.

    Every article load, render check and glossary compile counts cues (issue 16), so the
    words are cut in one call and compared as plain strings; :func:`_negation_cues_by_word`
    is the word-by-word definition this is tested against.
    """
    language = language_of(lang)
    cues = NEGATION_CUES.get(language) or _ALL_CUES
    english = language == "en" or language not in NEGATION_CUES
    found: Counter[str] = Counter()
    for word in _WORD.findall(text):
        key = word.casefold()
        if english and (key.endswith(_CONTRACTIONS) or key == "cannot"):
            found["not"] += 1
        elif key in cues:
            found[key] += 1
    return found


def _negation_cues_by_word(text: str, lang: str = "en") -> Counter[str]:
    """:func:`negation_cues` as its definition: every word of ``text`` looked at in turn."""
    language = language_of(lang)
    cues = NEGATION_CUES.get(language) or NEGATION_CUES["en"] | NEGATION_CUES["es"]
    english = language == "en" or language not in NEGATION_CUES
    found: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if (english and _CONTRACTION.search(word)) or (word == "cannot" and english):
            found["not"] += 1
        elif word in cues:
            found[word] += 1
    return found


#: Both lists, for a language without its own.
_ALL_CUES = NEGATION_CUES["en"] | NEGATION_CUES["es"]
#: What :data:`_CONTRACTION` finds, as endings a string method checks.
_CONTRACTIONS = ("n't", "n’t")


def negation_count(text: str, lang: str = "en") -> int:
    """How many negation cues ``text`` has (see :func:`negation_cues`)."""
    return sum(negation_cues(text, lang).values())


_NEGATIVE_AFFIX = re.compile(r"^(?:un|in|im|ir|il|non|dis|a|de|anti)\w|absence|without|less\b")


def negative_by_affix(term: str) -> bool:
    """Whether ``term`` may be negative by its form ("unable", "nonsterile", "painless"):
    a hint that a replacement saying "not" may be right, for a person to check. Loose on
    purpose ("intrathecal" matches), so never used to allow a substitution by itself."""
    return bool(_NEGATIVE_AFFIX.search(term.casefold()))
