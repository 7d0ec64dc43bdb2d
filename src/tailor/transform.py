"""Stage 3, transform: glossary substitution on the text nodes of a selected article.

Works on model text, never on rendered markup, the way a pandoc filter touches only
``Str`` nodes. Numbers with their units, URLs, quoted names and the disclaimer are never
touched; every change is recorded as a :class:`Substitution` so editors can review it.
Editor rewordings are taken as written: an editor has already chosen those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .audience import JargonMode
from .errors import Loc
from .glossary import CompiledGlossary, GlossaryEntry, Match
from .i18n import language_of
from .select import SelectedArticle, SelectedSection, Span, TextNode

if TYPE_CHECKING:
    from .figures import Aside
    from .split import Split

__all__ = [
    "NUMBER_RE",
    "PROTECTED_RE",
    "Substitution",
    "TransformedArticle",
    "at_sentence_start",
    "protected_spans",
    "rewrite_text",
    "transform",
]

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
_CLOSERS = frozenset("'\")]”’»")
_ENDERS = frozenset(".!?:")
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|An?|AN?)(\s+)$")
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w'’-])(?:a|an|the|this|that|any|no|each|every|some|his|her|their|your|its|our|my)"
    r"\s+$",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:a|an)\s+", re.IGNORECASE)


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


def at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence: the text's start, or after ". " and the like.

    Scans backwards over white space and closing quotes instead of searching the whole
    prefix, so it costs the same however long the text is.
    """
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0:
        return True
    if i == start - 1:
        return False  # no space before: inside a word or after an opening bracket
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i >= 0 and text[i] in _ENDERS


def _tail(text: str, size: int = 24) -> tuple[str, str]:
    """The last ``size`` characters of ``text`` and the one before them (or "")."""
    if len(text) <= size:
        return text, ""
    return text[-size:], text[-size - 1]


def _word_char(c: str) -> bool:
    return bool(c) and (c.isalnum() or c in "_-'’")


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
    #: Sentences cut and study figures set aside by :func:`tailor.reshape.reshape`.
    splits: tuple[Split, ...] = ()
    asides: tuple[Aside, ...] = ()

    def nodes(self) -> list[TextNode]:
        """Every text node in reading order."""
        out = [self.question, self.title, self.lead]
        for section in self.sections:
            out.append(section.title)
            out.extend(section.points)
        return out


def _starts_with_vowel_sound(words: str) -> bool:
    w = words.lstrip("\"'(“‘").lower()
    if not w:
        return False
    if w.startswith(("uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once", "ewe")):
        return False
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    first = words.lstrip("\"'(“‘").split(" ", 1)[0]
    if _shouting(first) and len(first) <= 5:
        # An initialism is read letter by letter: "an MRI", "an NSAID", "a UTI".
        return first[0] in "AEFHILMNORSX"
    return w[0] in "aeiou"


def _is_proper_name(original: str, match: Match, sentence_start: bool, heading: bool) -> bool:
    """A capitalised match mid-sentence whose glossary form is lower case names something.

    "the Society for Perioperative Assessment" is an organisation, not jargon to swap; an
    acronym the glossary itself spells in capitals ("CNS") is still a term.
    """
    if sentence_start or heading or match.acronym or original == original.lower():
        return False
    if _shouting(original):
        return False
    entry = match.entry
    return entry.term.islower() and all(f == f.lower() for f in entry.forms)


def _shouting(original: str) -> bool:
    return len(original) > 1 and original.isupper()


def _match_case(source: str, plain: str, sentence_start: bool, acronym: bool) -> str:
    """Give ``plain`` the capitalisation ``source`` had where it says something.

    A sentence-initial capital carries over ("Spasticity" -> "Muscle stiffness"); text in
    capitals that is not an acronym stays in capitals ("SEDATION" -> "SLEEPINESS"); an
    acronym's replacement keeps its own case, which is how the glossary writes it.
    """
    if not acronym and _shouting(source) and len(source) > 3:
        return plain.upper()
    if sentence_start and source[:1].isupper() and plain[:1].islower():
        return plain[0].upper() + plain[1:]
    return plain


def _pluralise(words: str) -> str:
    head, _, last = words.rpartition(" ")
    if last.endswith("sis"):
        last = last[:-2] + "es"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _fix_articles(before: str, shown: str, floor: int = 0) -> tuple[str, str]:
    """Make the words before a replacement agree with it.

    "an intrathecal pump" -> "a spinal pump"; and a replacement that brings its own
    article ("a lower dose") drops it after another determiner, so "the dosage reduction"
    reads "the lower dose", never "the a lower dose".
    """
    window, prev = _tail(before)
    if _LEADING_ARTICLE.match(shown):
        det = _DETERMINER_BEFORE.search(window)
        if det and not (det.start() == 0 and _word_char(prev)):
            shown = _LEADING_ARTICLE.sub("", shown, count=1)
    fixed = _ARTICLE_BEFORE.search(window)
    if fixed is None or (fixed.start() == 0 and _word_char(prev)):
        return before, shown
    article_word = fixed.group(1)
    new_article = "an" if _starts_with_vowel_sound(shown) else "a"
    if article_word.isupper() and len(article_word) > 1:
        new_article = new_article.upper()
    elif article_word[0].isupper():
        new_article = new_article.capitalize()
    cut = len(before) - len(window) + fixed.start(1)
    if cut < floor:
        return before, shown
    return before[:cut] + new_article + fixed.group(2), shown


class _Rewriter:
    """Applies one audience's jargon mode across an article, remembering first uses.

    One rewriter serves one article for one audience: "explain on first use" and
    acronyms shown beside their plain words are first uses across the whole article.
    """

    def __init__(
        self,
        glossary: CompiledGlossary,
        mode: JargonMode,
        after_explain: str,
        audience: str,
        mark_terms: bool,
        english: bool = True,
    ) -> None:
        self.glossary = glossary
        # a/an agreement is English grammar: in Spanish "a" is a preposition ("llevar a").
        self.english = english
        self.mark_terms = mark_terms
        self.mode = mode
        self.after_explain = after_explain
        self.audience = audience
        self.explained: dict[str, GlossaryEntry] = {}
        self.acronyms_shown: set[str] = set()
        self.substitutions: list[Substitution] = []

    def plain_for(self, match: Match) -> str | None:
        plain = match.entry.replacement_for(self.audience)
        if plain is None:
            return None
        if match.plural:
            if match.entry.plural:
                return match.entry.plural
            if plain.endswith(("'s", "’s")):
                # A possessive ("pediatric" -> "children's") has no plural: "pediatrics" is
                # another word (the specialty), so it is left as written.
                return None
            return _pluralise(plain)
        return plain

    def rewrite(self, node: TextNode) -> TextNode:
        if node.reworded or (self.mode is JargonMode.KEEP and not self.mark_terms):
            return node
        heading = node.id in ("question", "title") or node.id.endswith(".title")
        spans = self.rewrite_text(node.id, node.loc, node.text, heading=heading)
        if spans is None:
            return node
        return replace(node, spans=tuple(spans))

    def rewrite_text(
        self, point_id: str, loc: Loc, text: str, *, heading: bool = False
    ) -> list[Span] | None:
        """``text`` as spans for this audience, or None if no glossary term occurs in it."""
        protected = protected_spans(text)
        matches = self.glossary.find(text, protected)
        if not matches:
            return None
        spans: list[Span] = []
        pos = 0
        p = 0
        for match in matches:
            while p < len(protected) and protected[p][1] <= match.start:
                p += 1
            floor = protected[p - 1][1] - pos if p else 0
            before = text[pos : match.start]
            original = text[match.start : match.end]
            sentence_start = at_sentence_start(text, match.start)
            if _is_proper_name(original, match, sentence_start, heading):
                continue
            span, before = self._span_for(
                point_id, loc, match, original, before, sentence_start or heading, floor
            )
            if before:
                spans.append(Span(before))
            spans.append(span)
            pos = match.end + len(match.possessive)
        if pos < len(text):
            spans.append(Span(text[pos:]))
        return _merge_text(spans)

    def _span_for(
        self,
        point_id: str,
        loc: Loc,
        match: Match,
        original: str,
        before: str,
        sentence_start: bool,
        floor: int = 0,
    ) -> tuple[Span, str]:
        entry = match.entry
        plain = self.plain_for(match)
        term_key = entry.term.casefold()
        mode = self.mode
        if mode is JargonMode.EXPLAIN and term_key in self.explained:
            mode = JargonMode.REPLACE if self.after_explain == "replacement" else JargonMode.KEEP
        if plain is None or mode is JargonMode.KEEP:
            if self.mode is JargonMode.EXPLAIN and entry.definition:
                self.explained.setdefault(term_key, entry)
            return Span(original + match.possessive, "term", original, _gloss(match)), before
        if mode is JargonMode.EXPLAIN:
            self.explained[term_key] = entry
            shown = f"{original}{match.possessive} ({plain})"
            kind = "explained"
        else:
            shown = _match_case(original, plain, sentence_start, match.acronym)
            if self.english:
                before, shown = _fix_articles(before, shown, floor)
            if match.acronym and original.casefold() not in self.acronyms_shown:
                # First use: keep the acronym beside its plain words, so a reader who
                # meets it on a label or in a letter still recognises it.
                self.acronyms_shown.add(original.casefold())
                shown = f"{shown}{match.possessive} ({original})"
            else:
                shown += match.possessive
            kind = "replaced"
        self.substitutions.append(
            Substitution(
                point_id=point_id,
                loc=loc,
                original=original + match.possessive,
                replacement=shown,
                mode=kind,
                term=entry.term,
                layer=match.layer,
                source=entry.source,
            )
        )
        return Span(shown, kind, original + match.possessive, entry.definition), before


def _gloss(match: Match) -> str | None:
    """What a kept term's hover text says: its definition, and for an acronym whose
    glossary term is the spelled-out name, that name first ("central nervous system: ...")."""
    entry = match.entry
    if match.acronym and not _shouting(entry.term):
        return f"{entry.term}: {entry.definition}" if entry.definition else entry.term
    return entry.definition


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
        english=language_of(selected.article.locale) == "en",
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


def rewrite_text(
    text: str,
    glossary: CompiledGlossary,
    mode: JargonMode | str = JargonMode.REPLACE,
    *,
    audience: str = "patient",
    after_explain: str = "replacement",
) -> tuple[str, tuple[Substitution, ...]]:
    """Apply ``glossary`` to one piece of text with every rule of :func:`transform`.

    For a CMS field, a notebook or a benchmark: the same matching, protected spans,
    capitalisation, a/an and first-use rules as an article's text nodes get, with the
    trace of what changed.
    """
    rw = _Rewriter(glossary, JargonMode(mode), after_explain, audience, mark_terms=False)
    if rw.mode is JargonMode.KEEP:
        return text, ()
    spans = rw.rewrite_text("text", (), text)
    if spans is None:
        return text, ()
    return "".join(s.text for s in spans), tuple(rw.substitutions)
