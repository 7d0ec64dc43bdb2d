"""Lexical rules every layer shares: what a word, a number and a protected span are.

One definition each, used by transform, verify, load and the readability scorer alike, so
what substitution leaves alone is exactly what verification checks survived.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_RE", "PROTECTED_RE", "protected_spans"]

_UNITS = (
    r"mg/kg/day|mg/kg/d|mg/kg|mg/day|mg/d|mg/m2|mg/mL|mcg/kg|mcg|µg|μg|mg|ng/mL|g/dL|g/L|g|kg|"
    r"mL/min|mL/h|mL|ml|L|IU|units?|mmol/L|mEq/L|mmHg|mm|cm|m|%|°C|°F|bpm|hours?|hrs?|h|days?|"
    r"weeks?|months?|years?|times?|doses?|tablets?|capsules?"
)


#: Spans no glossary may touch: URLs, quoted words (brand names, titles), citation markers
#: ("[1]", "[2, 5-7]"), trademarked names ("Lioresal®"), and numbers with their units and
#: ranges ("30-80 mg/day", "2.5 mg", "39°C", "5%", "3-4 doses", "≥ 12 years").
PROTECTED_RE = re.compile(
    r"(?:https?://|mailto:|www\.)\S+"
    r"|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’(?!\w)"
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
