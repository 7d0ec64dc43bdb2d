"""Glossaries as data, layered, and compiled once into a word-level matcher.

A glossary file lists jargon terms with their plain replacement, definition and source.
Several glossaries layer (bundled default, then an organisation's, then terms an article
defines): a later layer overrides an earlier one by term, and every match says which
layer won. Matching works on words, never on markup: see :mod:`tailor.transform`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._source import read_file, validate_model
from .errors import ErrorDetail, GlossaryError

__all__ = [
    "WORD_RE",
    "CompiledGlossary",
    "Glossary",
    "GlossaryEntry",
    "Match",
    "key_of",
]

#: A word: letters or digits, joined by inner hyphens or apostrophes, so "blood-brain" and
#: "baclofen's" are single words and a term never matches inside a hyphenated word.
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$", re.IGNORECASE)


def key_of(words: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its words, case-folded and Unicode-normalised."""
    norm = unicodedata.normalize("NFC", words)
    return tuple(w.casefold() for w in WORD_RE.findall(norm))


class GlossaryEntry(BaseModel):
    """One jargon term and how to say it plainly."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    term: str = Field(min_length=1)
    forms: tuple[str, ...] = Field(
        default=(), description="Other surface forms: plurals, abbreviations, spellings."
    )
    replacement: str | None = Field(default=None, description="Plain words used instead.")
    plural: str | None = Field(
        default=None, description="Plain words for a plural form, when not the replacement + s."
    )
    replacements: dict[str, str] = Field(
        default_factory=dict, description="Per-audience replacement, by audience name."
    )
    definition: str | None = Field(default=None, description='Short gloss for "explain" mode.')
    source: str = Field(min_length=1, description="Where the entry comes from.")

    @field_validator("forms")
    @classmethod
    def _forms_have_words(cls, forms: tuple[str, ...]) -> tuple[str, ...]:
        for form in forms:
            if not key_of(form):
                raise ValueError(f"form {form!r} has no words")
        return forms

    def replacement_for(self, audience: str) -> str | None:
        """The plain words for ``audience``, or None if the entry only defines the term."""
        return self.replacements.get(audience, self.replacement)


class Glossary(BaseModel):
    """A named, ordered list of entries in one locale; one layer of a stack."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    locale: str = "en"
    description: str = ""
    entries: tuple[GlossaryEntry, ...] = ()

    @classmethod
    def from_file(cls, path: str | Path) -> Glossary:
        """Load a glossary file; errors name the file, the entry path and the line."""
        data, lines, source = read_file(path, error=GlossaryError)
        return validate_model(
            cls,
            data,
            source=source,
            lines=lines,
            error=GlossaryError,
            what="glossary",
            checks=[_duplicate_terms],
        )

    @classmethod
    def from_dirs(cls, dirs: Iterable[str | Path], locale: str | None = None) -> list[Glossary]:
        """Every glossary file in ``dirs``, in folder order then file name order."""
        found: list[Glossary] = []
        for d in dirs:
            folder = Path(d)
            if not folder.is_dir():
                raise GlossaryError("glossary folder does not exist", source=str(folder))
            for path in sorted(folder.glob("*.y*ml")):
                glossary = cls.from_file(path)
                if locale is None or glossary.locale == locale:
                    found.append(glossary)
        return found


def _duplicate_terms(glossary: Glossary) -> list[ErrorDetail]:
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for i, entry in enumerate(glossary.entries):
        for form in (entry.term, *entry.forms):
            key = key_of(form)
            if key in seen and seen[key] != i:
                problems.append(
                    ErrorDetail(
                        "glossary.duplicate_term",
                        ("entries", i, "term"),
                        f"{form!r} is already defined by entries.{seen[key]}",
                        ctx={"term": form},
                    )
                )
            seen.setdefault(key, i)
    return problems


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary entry found in a text, by character offsets into that text."""

    start: int
    end: int
    entry: GlossaryEntry
    layer: str
    plural: bool
    possessive: str


@dataclass(frozen=True, slots=True)
class _Target:
    entry: GlossaryEntry
    layer: str
    plural: bool


class CompiledGlossary:
    """Layers merged and indexed for matching; immutable, so safe to share across threads.

    Matching tokenises the text into words once and looks phrases up in a dict keyed by
    case-folded word tuples, longest first. This is exact about word boundaries (no match
    inside "blood-brain" or "antispastic"), handles any Unicode the regex engine calls a
    word, and costs a few dict lookups per word whatever the glossary's size.
    """

    def __init__(self, layers: Sequence[Glossary]) -> None:
        self.layers = tuple(layers)
        table: dict[tuple[str, ...], _Target] = {}
        winners: dict[tuple[str, ...], str] = {}
        for layer in self.layers:
            for entry in layer.entries:
                term_key = key_of(entry.term)
                # A later layer overrides an earlier one by term: drop the old entry's forms.
                if term_key in winners:
                    table = {k: t for k, t in table.items() if key_of(t.entry.term) != term_key}
                winners[term_key] = layer.name
                for form in (entry.term, *entry.forms):
                    table[key_of(form)] = _Target(entry, layer.name, False)
        # Regular plurals of single-word and multi-word terms, unless a form already claims them.
        for key, target in list(table.items()):
            if target.plural:
                continue
            last = key[-1]
            for plural_last in _plurals(last):
                pkey = (*key[:-1], plural_last)
                if pkey not in table:
                    table[pkey] = _Target(target.entry, target.layer, True)
        self._table = table
        self._first_words = {k[0] for k in table}
        self._max_words = max((len(k) for k in table), default=0)
        self.winners: Mapping[tuple[str, ...], str] = winners

    def __len__(self) -> int:
        return len(self.winners)

    def entry_for(self, words: str) -> tuple[GlossaryEntry, str] | None:
        """The entry and winning layer for a term or form, if any layer defines it."""
        target = self._table.get(key_of(words))
        return (target.entry, target.layer) if target else None

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Non-overlapping matches in ``text``, leftmost then longest, skipping ``protected``."""
        tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
        matches: list[Match] = []
        i = 0
        n = len(tokens)
        while i < n:
            start = tokens[i][0]
            first = tokens[i][2].casefold()
            first_stripped = _POSSESSIVE.sub("", first)
            if first not in self._first_words and first_stripped not in self._first_words:
                i += 1
                continue
            found = None
            for length in range(min(self._max_words, n - i), 0, -1):
                words = [t[2].casefold() for t in tokens[i : i + length]]
                end = tokens[i + length - 1][1]
                target = self._table.get(tuple(words))
                possessive = ""
                if target is None:
                    bare = _POSSESSIVE.sub("", words[-1])
                    if bare != words[-1]:
                        target = self._table.get((*words[:-1], bare))
                        if target is not None:
                            possessive = tokens[i + length - 1][2][len(bare) :]
                            end -= len(possessive)
                if target is not None and not _overlaps(start, end, protected):
                    found = Match(start, end, target.entry, target.layer, target.plural, possessive)
                    i += length
                    break
            if found is None:
                i += 1
            else:
                matches.append(found)
        return matches


def _plurals(word: str) -> list[str]:
    if not word.isalpha() or len(word) < 3:
        return []
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
