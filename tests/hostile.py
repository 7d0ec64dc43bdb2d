"""Hostile inputs that once made a stage super-linear, kept so they cannot come back.

Each entry builds ``size`` characters of one attack. The linearity tests render them at
two sizes and compare the growth (``tests/test_linearity.py``); the benchmark renders
them at 1, 2, 4 and 8 MB (``benchmarks/linearity_bench.py``). The first four are the
inputs of issue 11, item 8, which each ran past 115 s; the rest probe every regular
expression and loop a point's text meets (protected spans, citations, sentence breaks,
glossary matching, escaping), and the quadratic ones found on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _repeat(unit: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return unit * max(1, size // len(unit))

    return make


#: name -> builder of ``size`` characters of hostile point text.
HOSTILE: dict[str, Callable[[int], str]] = {
    # issue 11, item 8: regex backtracking in readability, and the sentence splitter
    "spaces": lambda size: "Start" + " " * size + "end.",
    "a-dot pairs": _repeat("a."),
    "Dr. abbreviations": _repeat("Dr. "),
    "one glossary term": _repeat("spasticity "),
    # found while fixing it: initials and acronyms take the same path as "Dr."
    "initials": _repeat("A. "),
    "acronym term": _repeat("CNS "),
    "long sentences of long words": _repeat("Spasticity worsens. "),
    "phrase prefixes": _repeat("intrathecal "),
    # A bundled term with a "not_in" rule, whose sentence is read around every match: it
    # was found by scanning from the start of the text each time (quadratic).
    "context-rule term": _repeat("A baseline. "),
    "spaces between citations": lambda size: ("[1]" + " " * 997) * max(1, size // 1000),
    "open brackets": _repeat("["),
    "unclosed citations": _repeat("[1 "),
    "digit runs with dashes": _repeat("1-"),
    "numbers and units": _repeat("1 mg "),
    "open quotes": _repeat('"a '),
    "open curly quotes": _repeat("“a "),
    "url prefixes": _repeat("http://"),
    "trademarks": _repeat("a®"),
    "newlines": _repeat("a\n"),
    "markup characters": _repeat("<&*_#` "),
}

#: The four inputs of item 8 by name, for tests that name them.
ISSUE_8 = ("spaces", "a-dot pairs", "Dr. abbreviations", "one glossary term")


def article_data(text: str, article_id: str = "hostile") -> dict[str, Any]:
    """A small valid article whose one point is ``text``: the rest stays constant, so the
    cost of a rendering grows with the point only."""
    return {
        "id": article_id,
        "locale": "en",
        "question": "Is baclofen safe for muscle spasms?",
        "title": "Baclofen safety",
        "last_updated": "2025-01-01",
        "review_status": "approved",
        "lead": {
            "id": "lead",
            "text": "Baclofen eases muscle stiffness in many people.",
            "citations": ["1"],
        },
        "sections": [
            {
                "id": "hostile",
                "title": "Hostile text",
                "points": [{"id": "attack", "text": text, "citations": ["1"]}],
            }
        ],
        "references": [{"id": "1", "kind": "research", "title": "A study", "source": "J Med"}],
    }
