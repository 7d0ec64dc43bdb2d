"""Study figures aside: statistical annotations moved out of the sentence, never dropped.

"(hazard ratio [HR], 0.31; P = .051)", "(95% CI, 1.2-2.1)", "(RR, 1.6)", "(n = 120)",
"[Level of evidence C3]" (a summary's grade of the study behind a sentence): a
clinician reads them in passing, but a patient stumbles over them, and NCI's own patient
summaries leave most of them out. tailor may not leave anything out (every number reaches
every reader), so for an audience with ``statistics: aside`` a parenthetical whose content
is a study statistic moves into the point's ``figures`` and is shown after the point
("Study figures: ..."). The verify stage counts a point's figures as part of its text.

Numbers a reader acts on stay where they are: a parenthetical that holds a dose, an age
or a duration ("(10 mg)", "(aged 12 years)", "(for 5 days)") is never moved, and neither is
one without a statistical keyword ("(75%)" is a share of patients, which a reader needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..lexical import protected_spans
from ._spans import Edit, apply_edits, editable
from .types import Aside, TextNode

__all__ = ["set_aside", "statistical"]

#: Words and symbols that mark a parenthetical as a study statistic.
_STATISTIC = re.compile(
    r"(?<![\w-])(?:"
    r"[Pp]\s*(?:[=<>≤≥]|value)"
    r"|P\s*(?:for\s+)?(?:trend|interaction|heterogeneity)"
    r"|(?:a|adjusted\s+)?(?:HR|OR|RR|IRR|SIR|SMR|aHR|aOR|aRR|HRs|ORs|RRs|CI|CIs|IQR|SD|SE|SEM)"
    r"|(?:hazard|odds|rate|risk|incidence(?:\s+rate)?|standardi[sz]ed\s+incidence|"
    r"standardi[sz]ed\s+mortality|likelihood|relative)\s+ratios?"
    r"|relative\s+risks?|confidence\s+intervals?|credible\s+intervals?|interquartile\s+range"
    r"|standard\s+(?:deviation|error)|range\s*[,:=]|[nN]\s*=|κ\s*=|r\s*=|I2\s*="
    r"|[Ll]evel\s+of\s+evidence"
    r")(?![\w-])"
)
#: Things a reader acts on: a parenthetical holding one stays in the sentence.
_ACTIONABLE = re.compile(
    r"(?<![\w-])(?:mg|mcg|µg|μg|g|mL|ml|IU|units?|tablets?|capsules?|doses?|"
    r"years?|yrs?|months?|weeks?|days?|hours?|age[sd]?|old)(?![\w-])",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_EVIDENCE = re.compile(r"[Ll]evel\s+of\s+evidence\b")
_OPEN = {"(": ")", "[": "]"}


def statistical(content: str) -> bool:
    """Whether the inside of a parenthetical is a study statistic a patient may skip.

    It needs a number and a statistical keyword (P value, ratio, interval, range, n =),
    and holds nothing a reader acts on (a dose, an age, a duration).
    """
    if _EVIDENCE.match(content):
        return True  # "Level of evidence: IV", a grade with no digit in it
    return (
        _DIGIT.search(content) is not None
        and _STATISTIC.search(content) is not None
        and _ACTIONABLE.search(content) is None
    )


def _groups(text: str) -> Iterator[tuple[int, int]]:
    """Top-level "( ... )" and "[ ... ]" groups of ``text``, brackets nested inside kept."""
    stack: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if not stack:
                start = i
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                yield start, i + 1
        elif ch in ")]":
            stack.clear()  # unbalanced: start afresh rather than guess


def set_aside(node: TextNode) -> tuple[TextNode, tuple[Aside, ...]]:
    """``node`` with its statistical parentheticals moved into ``figures``.

    Editor rewordings are left as written. A group that would cut a glossary
    substitution apart stays (it moves whole with any substitution inside it).
    """
    if node.reworded:
        return node, ()
    text = node.text
    edits: list[Edit] = []
    found: list[str] = []
    # A group the glossary may not touch ("[Level of evidence C3]", a marker kept as
    # written) moves with its brackets, so the reader and verify see it unchanged.
    markers = {(s, e) for s, e in protected_spans(text)}
    for start, end in _groups(text):
        content = text[start + 1 : end - 1].strip()
        if not statistical(content):
            continue
        cut = start
        while cut > 0 and text[cut - 1] == " ":
            cut -= 1
        if cut == 0 or not editable(node.spans, cut, end, whole=True):
            continue  # a group that opens the text is its subject, not an annotation
        edits.append(Edit(cut, end, "", "aside"))
        found.append(text[start:end] if (start, end) in markers else content)
    if not edits:
        return node, ()
    spans = apply_edits(node.spans, edits)
    moved = replace(node, spans=spans, figures=(*node.figures, *found))
    return moved, tuple(Aside(node.id, f, text) for f in found)
