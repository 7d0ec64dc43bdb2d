"""Stage 3, transform: glossary substitution on the text nodes of a selected article.

Works on model text, never on rendered markup, the way a pandoc filter touches only
``Str`` nodes. Numbers with their units, URLs, quoted names and the disclaimer are never
touched; every change is recorded as a :class:`Substitution` so editors can review it.
Editor rewordings are taken as written: an editor has already chosen those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .audience import JargonMode
from .errors import Loc
from .glossary import CompiledGlossary, GlossaryEntry, Match
from .select import SelectedArticle, SelectedSection, Span, TextNode

__all__ = ["PROTECTED_RE", "Substitution", "TransformedArticle", "protected_spans", "transform"]

_UNITS = (
    r"mg/kg/day|mg/kg|mg/day|mg/d|mcg/kg|mcg|µg|μg|mg|g/dL|g|kg|mL/min|mL|ml|L|IU|units?|mmol/L|"
    r"mmHg|mm|cm|m|%|°C|°F|bpm|hours?|hrs?|h|days?|weeks?|months?|years?|times?|doses?"
)
#: Spans no glossary may touch: URLs, quoted words (brand names, titles), and numbers with
#: their units and ranges ("30-80 mg/day", "2.5 mg", "39°C", "5%", "3-4 doses").
PROTECTED_RE = re.compile(
    r"(?:https?://|mailto:|www\.)\S+"
    r"|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”"
    r"|[<>≤≥±~]?\d+(?:[.,]\d+)*(?:\s?(?:-|–|to)\s?\d+(?:[.,]\d+)*)?(?:\s?(?:" + _UNITS + r")\b)?"
    r"(?:\s?(?:%|°[CF]))?",
    re.UNICODE,
)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:]['\")\]]*\s+$")
_ARTICLE_BEFORE = re.compile(r"\b(an?|An?|AN?)(\s+)$")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that substitution must leave exactly as they are."""
    return [m.span() for m in PROTECTED_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Substitution:
    """One change the glossary made, for an editor to review."""

    point_id: str
    loc: Loc
    original: str
    replacement: str
    mode: str
    term: str
    layer: str
    source: str


@dataclass(frozen=True, slots=True)
class TransformedArticle:
    """A selected article after glossary substitution, with the trace of every change."""

    selected: SelectedArticle
    question: TextNode
    title: TextNode
    lead: TextNode
    sections: tuple[SelectedSection, ...]
    substitutions: tuple[Substitution, ...]
    explained: tuple[GlossaryEntry, ...]

    def nodes(self) -> list[TextNode]:
        """Every text node in reading order."""
        out = [self.question, self.title, self.lead]
        for section in self.sections:
            out.append(section.title)
            out.extend(section.points)
        return out


def _starts_with_vowel_sound(words: str) -> bool:
    w = words.lstrip("\"'(“").lower()
    if not w:
        return False
    if w.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ewe")):
        return False
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    return w[0] in "aeiou"


def _is_proper_name(original: str, match: Match, sentence_start: bool, heading: bool) -> bool:
    """A capitalised match mid-sentence whose glossary form is lower case names something.

    "the Society for Perioperative Assessment" is an organisation, not jargon to swap; an
    acronym the glossary itself spells in capitals ("CNS") is still a term.
    """
    if sentence_start or heading or not any(c.isupper() for c in original):
        return False
    return not any(c.isupper() for c in match.entry.term) and not any(
        any(c.isupper() for c in form) for form in match.entry.forms
    )


def _match_case(source: str, plain: str, sentence_start: bool) -> str:
    if sentence_start and source[:1].isupper() and plain[:1].islower():
        return plain[0].upper() + plain[1:]
    return plain


def _pluralise(words: str) -> str:
    head, _, last = words.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


class _Rewriter:
    """Applies one audience's jargon mode across an article, remembering first uses."""

    def __init__(
        self,
        glossary: CompiledGlossary,
        mode: JargonMode,
        after_explain: str,
        audience: str,
        mark_terms: bool,
    ) -> None:
        self.glossary = glossary
        self.mark_terms = mark_terms
        self.mode = mode
        self.after_explain = after_explain
        self.audience = audience
        self.explained: dict[str, GlossaryEntry] = {}
        self.substitutions: list[Substitution] = []

    def plain_for(self, match: Match) -> str | None:
        plain = match.entry.replacement_for(self.audience)
        if plain is None:
            return None
        if match.plural:
            return match.entry.plural or _pluralise(plain)
        return plain

    def rewrite(self, node: TextNode) -> TextNode:
        if node.reworded or (self.mode is JargonMode.KEEP and not self.mark_terms):
            return node
        text = node.text
        matches = self.glossary.find(text, protected_spans(text))
        if not matches:
            return node
        spans: list[Span] = []
        pos = 0
        heading = node.id in ("question", "title") or node.id.endswith(".title")
        for match in matches:
            before = text[pos : match.start]
            original = text[match.start : match.end]
            sentence_start = match.start == 0 or bool(_SENTENCE_END.search(text[: match.start]))
            if _is_proper_name(original, match, sentence_start, heading):
                continue
            span, before = self._span_for(node, match, original, before, sentence_start or heading)
            if before:
                spans.append(Span(before))
            spans.append(span)
            pos = match.end
        if pos < len(text):
            spans.append(Span(text[pos:]))
        return replace(node, spans=tuple(_merge_text(spans)))

    def _span_for(
        self, node: TextNode, match: Match, original: str, before: str, sentence_start: bool
    ) -> tuple[Span, str]:
        entry = match.entry
        plain = self.plain_for(match)
        term_key = entry.term.casefold()
        mode = self.mode
        if mode is JargonMode.EXPLAIN and term_key in self.explained:
            mode = JargonMode.REPLACE if self.after_explain == "replacement" else JargonMode.KEEP
        if plain is None or mode is JargonMode.KEEP:
            if mode is JargonMode.EXPLAIN and entry.definition:
                self.explained.setdefault(term_key, entry)
            return Span(original + match.possessive, "term", original, entry.definition), before
        if mode is JargonMode.EXPLAIN:
            self.explained[term_key] = entry
            shown = f"{original}{match.possessive} ({plain})"
            kind = "explained"
        else:
            shown = _match_case(original, plain, sentence_start) + match.possessive
            kind = "replaced"
            fixed = _ARTICLE_BEFORE.search(before)
            if fixed:
                article_word = fixed.group(1)
                wants_an = _starts_with_vowel_sound(shown)
                new_article = "an" if wants_an else "a"
                if article_word[0].isupper():
                    new_article = new_article.capitalize()
                before = before[: fixed.start(1)] + new_article + fixed.group(2)
        self.substitutions.append(
            Substitution(
                point_id=node.id,
                loc=node.loc,
                original=original + match.possessive,
                replacement=shown,
                mode=kind,
                term=entry.term,
                layer=match.layer,
                source=entry.source,
            )
        )
        return Span(shown, kind, original + match.possessive, entry.definition), before


def _merge_text(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and span.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Span(merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def transform(selected: SelectedArticle, glossary: CompiledGlossary) -> TransformedArticle:
    """Apply ``glossary`` to every text node of ``selected`` as its audience asks."""
    audience = selected.audience
    rw = _Rewriter(
        glossary,
        audience.jargon,
        audience.after_explain,
        audience.name,
        mark_terms=audience.define_terms,
    )
    question = rw.rewrite(selected.question)
    title = rw.rewrite(selected.title)
    lead = rw.rewrite(selected.lead)
    sections = tuple(
        SelectedSection(s.id, s.loc, rw.rewrite(s.title), tuple(rw.rewrite(p) for p in s.points))
        for s in selected.sections
    )
    return TransformedArticle(
        selected=selected,
        question=question,
        title=title,
        lead=lead,
        sections=sections,
        substitutions=tuple(rw.substitutions),
        explained=tuple(rw.explained.values()),
    )
