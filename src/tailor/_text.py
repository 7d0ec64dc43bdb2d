"""One text policy for every string that reaches a reader, whatever file it comes from.

Articles, glossary entries (terms, replacements, definitions), an article's own terms,
audience labels and intros, reference titles, URLs and DOIs all end up in front of a
reader, in a browser or a terminal. A character the reader cannot see can change what
the page says while every check on the visible words passes:

- control characters: ESC starts terminal escape sequences (``ESC[8m`` conceals the rest
  of the page, critical points and disclaimer included), CR and backspace overwrite
  what was printed before them, C1 controls do the same on some terminals;
- bidi controls (U+202E, and the marks U+200E, U+200F, U+061C) reorder text, so
  "5-10 mg" can display as "10-5 mg";
- invisible characters (soft hyphen, zero-width spaces and joiners, invisible operators
  such as U+2061, Hangul fillers U+115F/U+3164, tag characters, variation selectors,
  U+034F, U+180E, line and paragraph separators) hide text or split a word so a check
  or a search no longer sees it.

Policy: all of these are **refused**, never silently removed, with an error naming the
file, the field and the line: content with them was produced by a tool or an attacker,
and an editor should see and fix it rather than have tailor guess. Only a line feed and a
tab are allowed (a tab anywhere, a line feed only where a field may span lines, such as a
point's text); nothing is normalised away. Ordinary Unicode (accents, non-breaking spaces,
"¿", Greek letters, emoji without variation selectors) is untouched.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "check_nonempty_prose",
    "check_prose",
    "check_text",
    "text_problem",
    "without_invisible",
]

#: Invisible characters outside the Unicode "format" category (Cf): default-ignorable
#: or blank-looking letters and marks that render as nothing.
_INVISIBLE_EXTRA = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F),
        *(0x2800, 0x3164, 0xFFA0),
        *range(0xFE00, 0xFE10),  # variation selectors
        *range(0xE0100, 0xE01F0),  # variation selectors supplement
    ]
)
#: Names for the characters an editor most often meets, for the message.
_NAMES = {0x1B: "ESC", 0x0D: "carriage return", 0x08: "backspace", 0x00: "NUL", 0x7F: "DEL"}
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _kind(char: str, *, multiline: bool) -> str | None:
    """Why ``char`` may not reach a reader, or None if it may."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        if char == "\t" or (multiline and char == "\n"):
            return None
        if char == "\n":
            return "a line break"
        return "a control character"
    if code < 0xA0:
        return None  # printable ASCII: the fast path
    if code in _BIDI:
        return "a bidirectional control"
    category = unicodedata.category(char)
    if category in ("Cf", "Zl", "Zp", "Cs", "Co", "Cn") or code in _INVISIBLE_EXTRA:
        if category == "Cn":
            return "an unassigned code point"
        if category == "Co":
            return "a private-use character"
        return "an invisible character"
    return None


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """What is wrong with ``value`` under the text policy, or None if nothing is.

    Tabs are allowed; ``multiline`` allows line feeds too (a point's text may span lines);
    elsewhere a line break is refused too, since it would end the line the text is shown
    on (a glossary replacement is inline text).
    """
    if value.isascii() and value.isprintable():
        return None
    for offset, char in enumerate(value):
        why = _kind(char, multiline=multiline)
        if why is not None:
            code = ord(char)
            name = _NAMES.get(code) or unicodedata.name(char, "")
            named = f" ({name})" if name else ""
            return (
                f"contains {why}, U+{code:04X}{named}, at offset {offset}; control, "
                "zero-width and bidi-control characters, and others a reader cannot see, can "
                "hide or reorder medical text: remove it"
            )
    return None


def without_invisible(value: str) -> str:
    """``value`` without the invisible characters and bidi controls the policy refuses.

    For importers only (another publisher's text, such as NCI's Markdown with its
    zero-width spaces and soft hyphens, where refusing would refuse the source): the same
    set of characters, removed once at import so the article tailor writes passes the
    policy. Control characters are left for the policy to refuse.
    """
    if value.isascii():
        return value
    hidden = ("an invisible character", "a bidirectional control")
    return "".join(c for c in value if _kind(c, multiline=True) not in hidden)


def check_text(value: str) -> str:
    """A pydantic after-validator: ``value`` if it passes the policy (single line)."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def check_prose(value: str) -> str:
    """A pydantic after-validator for text that may span lines (line feeds and tabs)."""
    problem = text_problem(value, multiline=True)
    if problem:
        raise ValueError(problem)
    return value


def check_nonempty_prose(value: str) -> str:
    """A pydantic after-validator for prose a reader must be shown (an article's text, a
    disclaimer): within the policy, lines allowed, and not empty or only white space."""
    check_prose(value)
    if not value.strip():
        raise ValueError("must not be empty")
    return value
