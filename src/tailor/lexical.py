"""Lexical rules every layer shares: what a word, a number and a protected span are.

One definition each, used by transform, verify, load and the readability scorer alike, so
what substitution leaves alone is exactly what verification checks survived.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "LETTER_WORD_RE",
    "NUMBER_RE",
    "PROTECTED_RE",
    "SAFE_URL_PATTERN",
    "URL_IN_TEXT",
    "WORD_CHAR_PATTERN",
    "WORD_PATTERN",
    "WORD_RE",
    "fold",
    "key_of",
    "language_of",
    "posix_tag",
    "protected_spans",
    "safe_url",
]

# -- words -------------------------------------------------------------------------------

#: A word: letters or digits, joined by inner hyphens or apostrophes, so "blood-brain" and
#: "baclofen's" are single words and a term never matches inside a hyphenated word.
#: A word character: what the regex engine calls a word character, plus combining marks,
#: so a decomposed "é" (e + U+0301) stays inside its word.
WORD_CHAR_PATTERN = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
WORD_PATTERN = WORD_CHAR_PATTERN + r"+(?:[-'’]" + WORD_CHAR_PATTERN + r"+)*"
WORD_RE = re.compile(WORD_PATTERN)
#: A word as readability formulas count it: letters only (a number's spoken length varies
#: by reader, so "2.5" is no word), inner hyphens and apostrophes joining its parts. The
#: matcher's :data:`WORD_RE` keeps digits, since a glossary term may hold one ("COVID-19").
LETTER_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def fold(word: str) -> str:
    """A word as the matcher compares it: NFC-normalised, case-folded, one apostrophe.

    For ASCII this is ``str.lower``, which the matcher uses directly as the fast path.
    """
    return unicodedata.normalize("NFC", word).casefold().replace("’", "'")


_PLAIN_PHRASE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*(?: [a-z0-9]+(?:[-'][a-z0-9]+)*)*")


def key_of(words: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its words, case-folded and Unicode-normalised."""
    if words.isascii():
        lowered = words.lower()
        if _PLAIN_PHRASE.fullmatch(lowered):
            return tuple(lowered.split(" "))
    return tuple(fold(w) for w in WORD_RE.findall(unicodedata.normalize("NFC", words)))


# -- language tags -----------------------------------------------------------------------


def posix_tag(tag: str) -> str:
    """A locale tag as Babel and gettext write it: "es-MX" -> "es_MX"."""
    return tag.replace("-", "_")


def language_of(tag: str) -> str:
    """The language part of a locale tag: "es_MX" and "es-mx" -> "es"."""
    return posix_tag(tag).split("_", 1)[0].lower()


# -- links -------------------------------------------------------------------------------

#: A link a reader may follow: http, https or mailto only, and none of the characters that
#: could carry markup out of a link (quotes, angle brackets, backticks, backslashes, white
#: space). The article model refuses any other ``url``; rendering drops any other link.
SAFE_URL_PATTERN = r"^(?i:https?://|mailto:)[^\s<>\"'`\\]+$"
_SAFE_URL = re.compile(SAFE_URL_PATTERN)
#: A URL written in running text: left alone by substitution, not words to readability.
URL_IN_TEXT = r"(?:https?://|mailto:|www\.)\S+"


def safe_url(url: str | None) -> str | None:
    """``url`` without surrounding space if it is a link a reader may follow, else None."""
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


# -- numbers and protected spans ---------------------------------------------------------


_UNITS = (
    r"mg/kg/day|mg/kg/d|mg/kg|mg/day|mg/d|mg/m2|mg/mL|mcg/kg|mcg|µg|μg|mg|ng/mL|g/dL|g/L|g|kg|"
    r"mL/min|mL/h|mL|ml|L|IU|units?|mmol/L|mEq/L|mmHg|mm|cm|m|%|°C|°F|bpm|hours?|hrs?|h|days?|"
    r"weeks?|months?|years?|times?|doses?|tablets?|capsules?"
)


#: Spans no glossary may touch: URLs, quoted words (brand names, titles), citation markers
#: ("[1]", "[2, 5-7]"), trademarked names ("Lioresal®"), and numbers with their units and
#: ranges ("30-80 mg/day", "2.5 mg", "39°C", "5%", "3-4 doses", "≥ 12 years").
PROTECTED_RE = re.compile(
    URL_IN_TEXT + r"|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’(?!\w)"
    r"|\[[^\[\]\n]{0,40}\d[^\[\]\n]{0,40}\](?:\([^()\s]{1,80}\))?"
    r"|(?:[<>≤≥±~]\s?)?\d+(?:[.,]\d+)*(?:\s?(?:-|–|to)\s?\d+(?:[.,]\d+)*)?"
    r"(?:\s?(?:" + _UNITS + r")(?![\w/]))?(?:\s?(?:%|°[CF]))?",
    re.UNICODE,
)


NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


#: A trademarked name ("Lioresal®"). Kept apart from PROTECTED_RE so that every branch of
#: that pattern starts with a known character, which lets the regex engine skip ahead.
_TRADEMARK_RE = re.compile(r"\b\w+[®™]")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping character ranges of ``text`` that substitution must leave
    exactly as they are."""
    spans = [m.span() for m in PROTECTED_RE.finditer(text)]
    if "®" in text or "™" in text:
        spans = _merge_spans([*spans, *(m.span() for m in _TRADEMARK_RE.finditer(text))])
    return spans


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
