"""Editing a text node's spans by character ranges of its joined text.

Sentence splitting and study figures both work on the text a reader sees (the spans
joined), after glossary substitution. Their edits must never cut into a glossary span:
that would tear a substitution apart and lose its highlight and trace. So an edit is
allowed only inside plain text spans (``kind == "text"``); a case change of one letter
(the first letter of a new sentence) is allowed anywhere, since it keeps the span whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .types import Span

__all__ = ["Edit", "apply_edits", "editable"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``; ``kind`` names the span the new words get.

    ``upper`` instead asks for the letter at ``start`` to become a capital (``end`` is
    ``start + 1`` and ``new`` is empty).
    """

    start: int
    end: int
    new: str = ""
    kind: str = "split"
    upper: bool = False


def _bounds(spans: Sequence[Span]) -> list[tuple[int, int, Span]]:
    out: list[tuple[int, int, Span]] = []
    pos = 0
    for span in spans:
        out.append((pos, pos + len(span.text), span))
        pos += len(span.text)
    return out


def editable(spans: Sequence[Span], start: int, end: int, *, whole: bool = False) -> bool:
    """Whether ``[start, end)`` of the joined text may be replaced.

    It must lie in plain text spans; with ``whole``, glossary spans wholly inside the
    range are allowed too (the range moves elsewhere as one piece, substitutions and all).
    """
    for s, e, span in _bounds(spans):
        if e <= start or s >= end or span.kind == "text":
            continue
        if not (whole and start <= s and e <= end):
            return False
    return True


def apply_edits(spans: Sequence[Span], edits: Sequence[Edit]) -> tuple[Span, ...]:
    """``spans`` with ``edits`` applied (non-overlapping, any order).

    Replacements become spans of their ``kind`` whose ``original`` holds the words they
    replaced, so a template can highlight them and show what was there; a pure deletion
    leaves no span. A glossary span is either kept whole or removed whole; an edit that
    would cut one apart raises ``ValueError`` (callers check :func:`editable` first).
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in pairwise(ordered):
        if b.start < a.end:
            raise ValueError(f"overlapping edits at {a.start}-{a.end} and {b.start}-{b.end}")
    uppers = {e.start for e in ordered if e.upper}
    owner: list[int] = []
    chars: list[str] = []
    for i, span in enumerate(spans):
        owner.extend([i] * len(span.text))
        chars.extend(span.text)
    for at in uppers:
        if at < len(chars):
            chars[at] = chars[at].upper()
    # pieces: (span index, kept text, None) or (-1, replaced text, the edit)
    pieces: list[tuple[int, str, Edit | None]] = []
    pos = 0
    for change in (e for e in ordered if not e.upper):
        if change.start > pos:
            pieces.extend(_runs(owner, chars, pos, change.start))
        pieces.append((-1, "".join(chars[change.start : change.end]), change))
        pos = change.end
    pieces.extend(_runs(owner, chars, pos, len(chars)))
    out: list[Span] = []
    counts: dict[int, int] = {}
    for index, text, _ in pieces:
        if index >= 0:
            counts[index] = counts.get(index, 0) + len(text)
    for index, text, edit in pieces:
        if edit is not None:
            if edit.new:
                out.append(Span(edit.new, edit.kind, text))
            continue
        span = spans[index]
        if span.kind == "text":
            out.append(Span(text))
        elif counts[index] != len(span.text):
            raise ValueError(f"an edit cuts the glossary span {span.text!r} apart")
        else:
            out.append(replace(span, text=text) if text != span.text else span)
    merged: list[Span] = []
    for span in out:
        if merged and span.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Span(merged[-1].text + span.text)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def _runs(owner: list[int], chars: list[str], start: int, end: int) -> list[tuple[int, str, None]]:
    """``chars[start:end]`` grouped into runs of the same owning span."""
    runs: list[tuple[int, str, None]] = []
    i = start
    while i < end:
        j = i
        while j < end and owner[j] == owner[i]:
            j += 1
        runs.append((owner[i], "".join(chars[i:j]), None))
        i = j
    return runs
