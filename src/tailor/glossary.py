"""Glossaries as data, layered, and compiled once into a word-level matcher.

A glossary file lists jargon terms with their plain replacement, definition and source.
Several glossaries layer (bundled default, then an organisation's, then terms an article
defines): a later layer overrides an earlier one by term, and every match says which
layer won. Matching works on words, never on markup: see :mod:`tailor.pipeline.transform`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
import zlib
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
)

from ._glossary_checks import check_layer, duplicate_terms, entry_problems
from ._inflect import regular_plural, regular_verb_forms
from ._source import (
    decode_text,
    parse_text,
    read_file_text,
    read_regular_file,
    validate_model,
)
from .errors import ErrorDetail, GlossaryError
from .lexical import WORD_CHAR_PATTERN, WORD_PATTERN, WORD_RE, fold, key_of

__all__ = [
    "COMPACT_FORMAT",
    "WORD_RE",
    "CompiledGlossary",
    "CycleStep",
    "Definition",
    "Glossary",
    "GlossaryEntry",
    "Match",
    "PartOfSpeech",
    "compact_path",
    "compact_text",
    "fold",
    "key_of",
    "plurals_of",
    "replacement_cycles",
]

#: The next word after the current one, if only white space separates them: a phrase
#: never runs across punctuation ("spinal. Cord" is not "spinal cord").
_NEXT_WORD = re.compile(r"\s+(" + WORD_PATTERN + ")")


class PartOfSpeech(StrEnum):
    """What kind of word a term is, which decides how its replacement is inflected."""

    NOUN = "noun"  #: term and replacement in the singular; plurals follow the match
    ADJECTIVE = "adjective"  #: the replacement must also stand before a noun
    VERB = "verb"  #: term and replacement in the base form; tense and -ing follow the match
    ADVERB = "adverb"  #: never inflected
    PHRASE = "phrase"  #: never inflected; other surface forms go in ``forms``


#: A context rule item: words, matched whole and case-insensitively; a word may end in "*"
#: to match any ending ("trauma*" matches "trauma" and "traumatic"), or start with "*" to
#: match any beginning ("*sarcoma" matches "sarcoma" and "osteosarcoma").
_CONTEXT_ITEM = re.compile(r"\*?[^\W_]+(?:[-'’][^\W_]+)*\*?(?:\s+\*?[^\W_]+(?:[-'’][^\W_]+)*\*?)*")
#: An inline explanation longer than this goes to "Words to know" instead of the sentence.
EXPLANATION_INLINE_WORDS = 12
EXPLANATION_INLINE_CHARS = 80
_EXPLANATION_MAX_WORDS = 30
_NO_PLURAL = frozenset({PartOfSpeech.ADJECTIVE, PartOfSpeech.VERB, PartOfSpeech.ADVERB})


def _a(pos: PartOfSpeech | None) -> str:
    return "an " + pos if pos in (PartOfSpeech.ADJECTIVE, PartOfSpeech.ADVERB) else f"a {pos}"


class GlossaryEntry(BaseModel):
    """One jargon term and how to say it plainly.

    Beyond the plain words, an entry may say what kind of word it is (``pos``, so the
    replacement takes the form of the matched word), whether its plain noun is
    ``countable`` (so "birth control" is never made "birth controls"), a short lay
    ``explanation`` for a term that has no plain swap, and where it does not apply
    (``not_after``, ``not_before``, ``not_in``): a content team reads and edits these as
    data, so they are words, not regular expressions.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )

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
    pos: PartOfSpeech | None = Field(
        default=None,
        description="Part of speech: noun, adjective, verb, adverb or phrase. Verbs give term "
        "and replacement in the base form and are inflected like the matched word.",
    )
    countable: bool | None = Field(
        default=None,
        description="Nouns only: whether the plain replacement is countable (default true). "
        "An uncountable one is never pluralised and never given 'a' or 'an'.",
    )
    explanation: str | None = Field(
        default=None,
        min_length=1,
        description="A short lay explanation (a few words, no final full stop) shown after the "
        "term or its replacement on first use for lay audiences; a long one goes to "
        "'Words to know' instead.",
    )
    not_after: tuple[str, ...] = Field(
        default=(), description="Words right before the term where the entry does not apply."
    )
    not_before: tuple[str, ...] = Field(
        default=(), description="Words right after the term where the entry does not apply."
    )
    not_in: tuple[str, ...] = Field(
        default=(), description="Words anywhere in the sentence where the entry does not apply."
    )

    @field_validator("forms")
    @classmethod
    def _forms_have_words(cls, forms: tuple[str, ...]) -> tuple[str, ...]:
        for form in forms:
            if not key_of(form):
                raise ValueError(f"form {form!r} has no words")
        return forms

    @field_validator("not_after", "not_before", "not_in")
    @classmethod
    def _context_items_are_words(cls, items: tuple[str, ...]) -> tuple[str, ...]:
        for item in items:
            if not _CONTEXT_ITEM.fullmatch(item.strip()):
                raise ValueError(
                    f"context rule {item!r} must be words (a word may start or end in '*'), "
                    "without punctuation or regular-expression syntax"
                )
        # Interned: the same rule words recur on thousands of entries (the HPO signs named
        # as treatments, the compound heads a phrase swap stands aside before), and one copy
        # of each keeps a Tailor with a large glossary small.
        return tuple(sys.intern(" ".join(item.split())) for item in items)

    @field_validator("explanation")
    @classmethod
    def _explanation_is_short(cls, explanation: str | None) -> str | None:
        if explanation is None:
            return None
        if explanation.endswith("."):
            raise ValueError(
                "an explanation is read inside the sentence, in brackets: drop the final '.'"
            )
        if len(explanation.split()) > _EXPLANATION_MAX_WORDS:
            raise ValueError(
                f"an explanation has at most {_EXPLANATION_MAX_WORDS} words; "
                "put a longer text in 'definition'"
            )
        return explanation

    @field_validator("pos")
    @classmethod
    def _plural_fits_the_part_of_speech(
        cls, pos: PartOfSpeech | None, info: ValidationInfo
    ) -> PartOfSpeech | None:
        if info.data.get("plural") is not None and pos in _NO_PLURAL:
            raise ValueError(f"'plural' is for nouns; {_a(pos)} has no plural")
        return pos

    @field_validator("countable")
    @classmethod
    def _countable_is_for_nouns(cls, countable: bool | None, info: ValidationInfo) -> bool | None:
        pos = info.data.get("pos")
        if countable is not None and pos not in (None, PartOfSpeech.NOUN):
            raise ValueError(f"'countable' is for nouns; this entry is {_a(pos)}")
        if countable is False and info.data.get("plural") is not None:
            raise ValueError("an uncountable replacement has no plural: drop 'plural'")
        return countable

    @property
    def is_countable(self) -> bool:
        """Whether the plain replacement takes a plural and "a"/"an" (default: yes)."""
        return self.countable is not False

    @property
    def context_rules(self) -> bool:
        """Whether the entry says where it does not apply."""
        return bool(self.not_after or self.not_before or self.not_in)

    def replacement_for(self, audience: str) -> str | None:
        """The plain words for ``audience``, or None if the entry only defines the term."""
        return self.replacements.get(audience, self.replacement)


class Glossary(BaseModel):
    """A named, ordered list of entries in one locale; one layer of a stack."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )

    name: str = Field(min_length=1)
    locale: str = "en"
    description: str = ""
    scope: Literal["everyone", "named"] = Field(
        default="everyone",
        description="Which audiences the layer applies to: 'everyone', or 'named': only "
        "the audiences that list this glossary's name in their `glossaries`.",
    )
    entries: tuple[GlossaryEntry, ...] = ()
    _file: str | None = PrivateAttr(default=None)
    _lines: Mapping[Any, int] = PrivateAttr(default_factory=dict)
    _checked: bool = PrivateAttr(default=False)

    @property
    def file(self) -> str | None:
        """The file this glossary was read from, for messages; None if built in code."""
        return self._file

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line of field ``loc`` in the file this glossary was read from, if known."""
        from ._source import line_for

        return line_for(self._lines, loc)

    def check(self) -> None:
        """Refuse entries a file would be refused for (hidden characters, a term without
        words, a replacement that adds or drops a negation); checked once, since a glossary
        is immutable. A glossary read from a file was checked as it was read."""
        if not self._checked:
            check_layer(self)
            self._checked = True

    @classmethod
    def from_file(cls, path: str | Path) -> Glossary:
        """Load a glossary file; errors name the file, the entry path and the line."""
        data, lines, source, text = read_file_text(path, error=GlossaryError)
        glossary = validate_model(
            cls,
            data,
            source=source,
            lines=lines,
            error=GlossaryError,
            what="glossary",
            checks=[duplicate_terms, entry_problems],
        )
        glossary._file = source
        glossary._lines = lines if len(lines) <= _PACK_LINES_OVER else _PackedLines(text, source)
        glossary._checked = True
        return glossary

    @classmethod
    def from_dirs(
        cls, dirs: Iterable[str | Path], locale: str | None = None, *, compact: bool = False
    ) -> list[Glossary]:
        """Every glossary file in ``dirs``, in folder order then file name order.

        ``compact`` reads a file from its compact form (:func:`compact_text`) where one
        made from the file as it is now lies beside it: for tailor's own bundled folder,
        whose 6,000-entry glossary every process (every web worker, every batch worker)
        would otherwise parse as YAML in Python, most of what building a Tailor costs.
        """
        found: list[Glossary] = []
        for d in dirs:
            folder = Path(d)
            if not folder.is_dir():
                raise GlossaryError("glossary folder does not exist", source=str(folder))
            for path in sorted(folder.glob("*.y*ml")):
                glossary = (cls._from_compact(path) if compact else None) or cls.from_file(path)
                if locale is None or glossary.locale == locale:
                    found.append(glossary)
        return found

    @classmethod
    def _from_compact(cls, path: Path) -> Glossary | None:
        """The glossary of ``path`` read from its compact form, or None when there is none,
        or it was made from other text (the YAML was edited since: read the YAML itself).

        The data is exactly what the YAML parses to and goes through the same validation,
        so the glossary is the one :meth:`from_file` gives (tests/test_glossary_compact.py
        proves it for the bundled files). The entry checks of :meth:`from_file` are not run
        again: a compact form is only made from a file that passed them. Lines for messages
        come from the YAML itself, read when one is first asked for.
        """
        compact = compact_path(path)
        if not compact.is_file():
            return None
        raw = read_regular_file(path, error=GlossaryError)
        digest = hashlib.sha256(raw).hexdigest()
        try:
            held = json.loads(read_regular_file(compact, error=GlossaryError))
        except ValueError:  # not JSON: a damaged file, read the YAML instead
            return None
        if not (
            isinstance(held, dict)
            and held.get("format") == COMPACT_FORMAT
            and held.get("source") == path.name
            and held.get("sha256") == digest
        ):
            return None
        source = str(path)
        lines = _FileLines(path, digest)
        glossary = validate_model(
            cls,
            held.get("glossary"),
            source=source,
            lines=lines,
            error=GlossaryError,
            what="glossary",
        )
        glossary._file = source
        glossary._lines = lines
        glossary._checked = True
        return glossary


#: The layout of a compact file (:func:`compact_text`): a file of another layout is not
#: read (the YAML is), so a change of layout never misreads an old file.
COMPACT_FORMAT = 1
#: ``en-default.yaml`` -> ``en-default.compact.json``, beside it.
COMPACT_SUFFIX = ".compact.json"


def compact_path(path: str | Path) -> Path:
    """Where the compact form of glossary file ``path`` lies: beside it."""
    p = Path(path)
    return p.with_name(p.stem + COMPACT_SUFFIX)


def compact_text(path: str | Path) -> str:
    """The compact form of glossary file ``path``: the data it parses to, as JSON, with the
    SHA-256 of the file's bytes, so a reader can tell it was made from the file as it is.

    JSON because Python's parser is in C: the bundled English glossary reads in a few
    milliseconds instead of about half a second of YAML composed in Python, which every
    process that builds a :class:`~tailor.Tailor` pays. Written by ``make glossary``
    (scripts/compact_glossaries.py); the file must load as a glossary first, so a compact
    form is only ever made from one that passed every check.
    """
    p = Path(path)
    Glossary.from_file(p)
    raw = read_regular_file(p, error=GlossaryError)
    data, _ = parse_text(
        decode_text(raw, str(p), GlossaryError), str(p), fmt="yaml", error=GlossaryError
    )
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GlossaryError("a glossary with entries has a compact form", source=str(p))
    head = {
        "format": COMPACT_FORMAT,
        "source": p.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "glossary": {k: v for k, v in data.items() if k != "entries"},
    }
    # One entry a line, so that a rebuilt glossary's change reads as a diff of entries.
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-2]
    entries = ",\n".join(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in data["entries"]
    )
    return f'{opening},"entries":[\n{entries}\n]}}}}\n'


#: A glossary file with more fields than this keeps its line map packed (see _PackedLines).
_PACK_LINES_OVER = 2_000


class _LazyLines(Mapping[Any, int]):
    """A large glossary file's line map, worked out from the file's text when a line is
    first asked for.

    Lines are read only for error messages, and a file that loaded has passed its checks,
    so that is rare; but the map of the bundled 6,000-entry glossary is 56,000 field paths,
    about 9 MB of tuples that every Tailor (every web worker) held for nothing.
    """

    __slots__ = ("_found", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._found: Mapping[Any, int] | None = None

    def _text(self) -> str | None:
        """The text the glossary was read from, or None if it is gone."""
        raise NotImplementedError

    def _map(self) -> Mapping[Any, int]:
        found = self._found
        if found is None:  # two threads may both work it out: the same map either way
            text = self._text()
            if text is None:
                found = {}
            else:
                fmt = "json" if self._source.lower().endswith(".json") else "yaml"
                _, found = parse_text(text, self._source, fmt=fmt, error=GlossaryError)
            self._found = found
        return found

    def __getitem__(self, loc: Any) -> int:
        return self._map()[loc]

    def __contains__(self, loc: object) -> bool:
        return loc in self._map()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


class _PackedLines(_LazyLines):
    """The line map of a large file read as it is, kept as its compressed text (about a
    fifth of a megabyte for the bundled glossary's 1.3 MB)."""

    __slots__ = ("_packed",)

    def __init__(self, text: str, source: str) -> None:
        super().__init__(source)
        self._packed = zlib.compress(text.encode("utf-8"), 1)

    def _text(self) -> str | None:
        return zlib.decompress(self._packed).decode("utf-8")


class _FileLines(_LazyLines):
    """The line map of a bundled glossary read from its compact form: worked out from the
    YAML file itself when a message first needs a line (nothing is held until then). If
    the file has changed since it was read, its lines would point at other text: none are
    given rather than wrong ones."""

    __slots__ = ("_digest", "_path")

    def __init__(self, path: Path, digest: str) -> None:
        super().__init__(str(path))
        self._path = path
        self._digest = digest

    def _text(self) -> str | None:
        try:
            raw = read_regular_file(self._path, error=GlossaryError)
        except GlossaryError:
            return None
        if hashlib.sha256(raw).hexdigest() != self._digest:
            return None
        return decode_text(raw, self._source, GlossaryError)


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary entry found in a text, by character offsets into that text.

    ``end`` excludes a possessive ending, which is kept in ``possessive`` so the writer
    can put it back after the replacement ("CNS's" -> "brain and spinal cord's").
    ``acronym`` says the text matched an all-capitals form such as "TCA". ``form`` says
    which inflection of the term the text has, so the replacement can take the same:
    "" (as written), "NNS" (plural), or for verbs "VBZ" (-s), "VBG" (-ing), "VBD" (past),
    "VBN" (past participle) and "ED" (a form that is both, like "administered").
    """

    start: int
    end: int
    entry: GlossaryEntry
    layer: str
    plural: bool
    possessive: str
    acronym: bool = False
    form: str = ""


#: What a form key leads to: (entry, layer name, inflection tag, is an acronym); the tag is
#: "" for the term or a listed form as written (see :attr:`Match.form`). A plain tuple, not
#: a NamedTuple: building 20,000 of them is a third of a compile.
_Target = tuple[GlossaryEntry, str, str, bool]


class Definition(NamedTuple):
    """One layer's entry for a term, in a term's history across the layer stack."""

    layer: str
    entry: GlossaryEntry


#: A trie node: next word -> child node; the key "" holds the target of a phrase ending here.
_Node = dict[str, Any]


def _is_acronym(form: str) -> bool:
    """An all-capitals form ("CNS", "TCA", "H5N1") names an abbreviation, not a word.

    Such forms match only text in capitals, so the acronym "AIDS" never matches the verb
    "aids" and "ALL" (a leukaemia) never matches "all".
    """
    return form.isupper() and sum(c.isalpha() for c in form) >= 2


_Index = tuple[
    dict[tuple[str, ...], _Target],
    dict[tuple[str, ...], tuple[str, GlossaryEntry]],
    dict[tuple[str, ...], list[tuple[str, GlossaryEntry]]],
    dict[tuple[str, ...], tuple[str, ...]],
    dict[tuple[str, ...], list[tuple[str, ...]]],
]


def _index_layers(layers: Sequence[Glossary]) -> _Index:
    """Every term and listed form of the winning entries, by key; the winner per term and
    the entries it overrode, earliest first; which term owns each form key, and the form
    keys of each term (what a layer laid on top later needs, see :meth:`_Layered.build`)."""
    table: dict[tuple[str, ...], _Target] = {}
    owner: dict[tuple[str, ...], tuple[str, ...]] = {}  # form key -> term key that owns it
    forms_of: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    latest: dict[tuple[str, ...], tuple[str, GlossaryEntry]] = {}
    earlier: dict[tuple[str, ...], list[tuple[str, GlossaryEntry]]] = {}
    for layer in layers:
        name = layer.name
        for entry in layer.entries:
            term = entry.term
            term_key = key_of(term)
            previous = latest.get(term_key)
            if previous is not None:
                # A later layer overrides an earlier one by term: drop the old forms.
                earlier.setdefault(term_key, []).append(previous)
                for old in forms_of.pop(term_key, ()):
                    if owner.get(old) == term_key:
                        del table[old]
                        del owner[old]
            latest[term_key] = (name, entry)
            if owner and term_key in owner:
                del owner[term_key]  # this term now owns the key another entry's form had
            table[term_key] = (entry, name, "", term.isupper() and _is_acronym(term))
            forms = entry.forms
            if forms:
                keys = []
                for form in forms:
                    key = key_of(form)
                    table[key] = (entry, name, "", form.isupper() and _is_acronym(form))
                    owner[key] = term_key
                    keys.append(key)
                forms_of[term_key] = keys
    return table, latest, earlier, owner, forms_of


def _inflections(table: Mapping[tuple[str, ...], _Target]) -> dict[tuple[str, ...], _Target]:
    """The inflected keys of every term and form, unless a listed form already claims them.

    Nouns (and entries that do not say their part of speech) get their regular plurals on
    their last word ("cysts", "diagnoses"); verbs their regular -s, -ed and -ing forms on
    their first word ("administered", "ruled out"). Irregular forms of a term ("criteria",
    "underwent") are listed in its ``forms``: compiling never loads the inflection tables,
    so a stack of thousands of terms compiles in milliseconds. Adjectives, adverbs and
    phrases are matched only as written, so "pediatric" never matches "pediatrics".
    """
    # The rules of :func:`_generated`, inlined (this loop is a third of a compile): a later
    # noun's plural wins a key, a verb form only takes a key nothing made before.
    found: dict[tuple[str, ...], _Target] = {}
    for key, target in table.items():
        entry, layer, _, acronym = target
        pos = entry.pos
        if pos is None or pos is PartOfSpeech.NOUN:
            for plural_last in plurals_of(key[-1]):
                found[(*key[:-1], plural_last)] = (entry, layer, "NNS", acronym)
        elif pos is PartOfSpeech.VERB:
            first = key[0]
            if len(first) >= 3 and first.isalpha():
                for tag, word in regular_verb_forms(first).items():
                    found.setdefault((word, *key[1:]), (entry, layer, tag, acronym))
    return {k: v for k, v in found.items() if k not in table}


def _generated(key: tuple[str, ...], pos: PartOfSpeech | None) -> list[tuple[tuple[str, ...], str]]:
    """The inflected keys of ``key`` for an entry of part of speech ``pos``, with their tag
    ("NNS" for a plural, else a verb form's): see :func:`_inflections`."""
    if pos is None or pos is PartOfSpeech.NOUN:
        return [((*key[:-1], plural_last), "NNS") for plural_last in plurals_of(key[-1])]
    if pos is PartOfSpeech.VERB:
        first = key[0]
        if len(first) >= 3 and first.isalpha():
            return [((word, *key[1:]), tag) for tag, word in regular_verb_forms(first).items()]
    return []


def _inflected(generators: Iterable[_Target], tags: Iterable[str]) -> _Target | None:
    """What :func:`_inflections` makes of one inflected key from its generators, in table
    order: the last noun's, or else the first verb's."""
    chosen: _Target | None = None
    for (entry, layer, _, acronym), tag in zip(generators, tags, strict=True):
        if tag == "NNS" or chosen is None:
            chosen = (entry, layer, tag, acronym)
    return chosen


def _trie_of(table: Mapping[tuple[str, ...], _Target]) -> _Node:
    """Next word -> child node; where a phrase ends, the child holds its target under "".

    A child that only ends a phrase (most of them: single-word terms) is its target tuple
    itself rather than a one-entry dict, which would cost ~200 bytes per term: a
    10,000-term stack's trie is half the size (issue 16 added an automaton beside it).
    """
    trie: _Node = {}
    for key, target in table.items():
        if not key:  # no words: never matched, kept where the old trie kept it
            trie[""] = target
            continue
        node = trie
        for word in key[:-1]:
            child = node.get(word)
            if child is None:
                child = node[word] = {}
            elif type(child) is tuple:  # a phrase ended here; now a longer one continues
                child = node[word] = {"": child}
            node = child
        last = key[-1]
        child = node.get(last)
        if child is None:
            node[last] = target
        else:  # a longer phrase made this node first ("" never clashes: a word is not empty)
            child[""] = target
    return trie


def _end_of(child: Any) -> _Target | None:
    """The target of a phrase ending at trie node ``child`` (a dict, or a bare target)."""
    return child if type(child) is tuple else child.get("")


def _automaton_of(trie: _Node) -> Any:
    """An Aho-Corasick automaton of the words a glossary phrase can start with (and the
    length of each), or None for an empty glossary."""
    import ahocorasick  # a C extension: loaded with the first compiled glossary

    firsts = [word for word in trie if word]
    if not firsts:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)  # a word's value: its length
    for word in firsts:
        automaton.add_word(word)
    automaton.make_automaton()
    return automaton


class _Unbuilt(Enum):
    """Marks an automaton not built yet (None is an empty glossary's); an enum member, so
    a pickled stack keeps the mark (an ``object()`` would come back as another object)."""

    UNBUILT = 0


_UNBUILT = _Unbuilt.UNBUILT
_W_CHAR = re.compile(WORD_CHAR_PATTERN)
_JOINERS = "-'’"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _starts_word(text: str, start: int) -> bool:
    """Whether a :data:`WORD_RE` word starts at ``start``: not after a word character, nor
    after a hyphen or apostrophe that joins it to one ("brain" in "blood-brain")."""
    if start <= 0:
        return start == 0
    if _W_CHAR.match(text, start - 1):
        return False
    joined = text[start - 1] in _JOINERS and start >= 2 and _W_CHAR.match(text, start - 2)
    return not joined


def _non_ascii_word_starts(text: str) -> set[int]:
    """The start of every word holding a character outside ASCII."""
    starts: set[int] = set()
    last = -1
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        if i < last or not _W_CHAR.match(text, i):
            continue
        while i > 0 and not _starts_word(text, i):
            i -= 1
        starts.add(i)
        word = WORD_RE.match(text, i)
        last = word.end() if word is not None else i + 1
    return starts


class _Context:
    """An entry's context rules, compiled: where in a text the entry does not apply."""

    __slots__ = ("after", "before", "within")

    def __init__(self, entry: GlossaryEntry, memo: dict[tuple[object, ...], Any]) -> None:
        # Many entries share one list (the compound heads a phrase swap stands aside
        # before), so each distinct rule is compiled once per stack, not once per entry.
        self.after = _rule(entry.not_after, r"(?<![\w'’-])(?:{})\W*$", memo)
        self.before = _rule(entry.not_before, r"^\W*(?:{})(?![\w'’-])", memo)
        self.within = _rule(entry.not_in, r"(?<![\w'’-])(?:{})(?![\w'’-])", memo)

    def excludes(self, text: str, start: int, end: int) -> bool:
        """Whether a match at ``text[start:end]`` stands where the entry does not apply."""
        if self.after is not None and self.after.search(text, max(0, start - 80), start):
            return True
        if self.before is not None and self.before.match(text[end : end + 80]):
            return True
        if self.within is not None:
            s, e = _sentence_around(text, start, end)
            outside = text[s:start] + " \x00 " + text[end:e]  # the term itself never counts
            return self.within.search(outside) is not None
        return False


def _rule(
    items: tuple[str, ...], frame: str, memo: dict[tuple[object, ...], Any]
) -> re.Pattern[str] | None:
    if not items:
        return None
    key = (frame, items)
    if key in memo:
        found: re.Pattern[str] = memo[key]
        return found
    alternatives = []
    for item in items:
        words = [
            (r"[\w'’-]*" if w.startswith("*") else "")
            + re.escape(w.strip("*"))
            + (r"[\w'’-]*" if w.endswith("*") else "")
            for w in item.split()
        ]
        alternatives.append(r"\s+".join(words))
    compiled = memo[key] = re.compile(frame.format("|".join(alternatives)), re.IGNORECASE)
    return compiled


_SENTENCE_END = re.compile(r"[.!?;](?=\s)")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]`` (a stop and a space end one)."""
    # The last stop before ``start``, looked for in a window that grows until one is found:
    # scanning from the start of the text every time made a long text quadratic.
    before = 0
    width = 256
    while True:
        low = max(0, start - width)
        last = None
        for found in _SENTENCE_END.finditer(text, low, start):
            last = found
        if last is not None:
            before = last.end()
            break
        if low == 0:
            break
        width *= 4
    after = _SENTENCE_END.search(text, end)
    return before, after.start() if after else len(text)


#: A delta trie's target for a key the layer removed (the form of an entry it overrode).
_GONE = None


def _target_of(top: _Node | None, base: Any) -> _Target | None:
    """The target where a phrase ends at these nodes: the delta's (a removal is None),
    else the base's (a compact node: a dict, or a bare target, see :func:`_trie_of`)."""
    if top is not None and "" in top:
        found: _Target | None = top[""]
        return found
    if base is not None:
        return _end_of(base)
    return None


def _continues(top: _Node | None, base: Any) -> bool:
    """Whether a longer phrase goes on from these nodes of a delta trie and its base's."""
    if top is not None and len(top) > ("" in top):
        return True
    return type(base) is dict and len(base) > ("" in base)


class _Over(Mapping[Any, Any]):
    """A mapping read through ``top`` first (where None means removed), then ``base``.

    Iteration follows ``base``'s order with ``top``'s values in place, then ``top``'s new
    keys in their order, as a dict updated in place would; ``base`` is shared, not copied.
    """

    __slots__ = ("_base", "_new", "_top")

    def __init__(self, top: Mapping[Any, Any], base: Mapping[Any, Any]) -> None:
        self._top = top
        self._base = base
        self._new = [k for k in top if k not in base]

    def __getitem__(self, key: Any) -> Any:
        if key in self._top:
            value = self._top[key]
            if value is None:
                raise KeyError(key)
            return value
        return self._base[key]

    def get(self, key: Any, default: Any = None) -> Any:
        top = self._top
        if key in top:
            value = top[key]
            return default if value is None else value
        return self._base.get(key, default)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[Any]:
        top = self._top
        for key in self._base:
            if key not in top or top[key] is not None:
                yield key
        for key in self._new:
            if top[key] is not None:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True, slots=True)
class _Layered:
    """What one layer laid on a compiled stack changes: every key whose target differs
    from the stack's (None where the key is gone), as a small trie, and the winners and
    histories of the terms the layer defines."""

    base: CompiledGlossary
    delta: dict[tuple[str, ...], _Target | None]
    trie: _Node
    latest: dict[tuple[str, ...], tuple[str, GlossaryEntry]]
    earlier: dict[tuple[str, ...], list[tuple[str, GlossaryEntry]]]

    @classmethod
    def build(cls, base: CompiledGlossary, layer: Glossary) -> _Layered:
        """Replay :func:`_index_layers` for ``layer`` over ``base``'s state, then redo the
        inflections of every key that changed, in the order a whole compile gives them."""
        name = layer.name
        index: dict[tuple[str, ...], _Target | None] = {}  # term and form keys that change
        latest: dict[tuple[str, ...], tuple[str, GlossaryEntry]] = {}
        earlier: dict[tuple[str, ...], list[tuple[str, GlossaryEntry]]] = {}
        owner: dict[tuple[str, ...], tuple[str, ...] | None] = {}
        forms_of: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        added: dict[tuple[str, ...], int] = {}  # keys put at the end of the table, in order
        counter = itertools.count()

        def owner_of(key: tuple[str, ...]) -> tuple[str, ...] | None:
            return owner[key] if key in owner else base._owner.get(key)

        def in_table(key: tuple[str, ...]) -> bool:
            if key in index:
                return index[key] is not None
            target = base._table.get(key)
            return target is not None and not target[2]

        def put(key: tuple[str, ...], target: _Target) -> None:
            if not in_table(key):  # a new key, or one removed and put back: at the end
                added[key] = next(counter)
            index[key] = target

        for entry in layer.entries:
            term = entry.term
            term_key = key_of(term)
            previous = latest.get(term_key) or base._latest.get(term_key)
            if previous is not None:
                earlier[term_key] = [
                    *earlier.get(term_key, base._earlier.get(term_key, ())),
                    previous,
                ]
                old_forms = (
                    forms_of.pop(term_key)
                    if term_key in forms_of
                    else base._forms_of.get(term_key, ())
                )
                forms_of[term_key] = []
                for old in old_forms:
                    if owner_of(old) == term_key:
                        index[old] = _GONE
                        owner[old] = None
                        added.pop(old, None)
            latest[term_key] = (name, entry)
            if owner_of(term_key) is not None:
                owner[term_key] = None
            put(term_key, (entry, name, "", term.isupper() and _is_acronym(term)))
            keys = []
            for form in entry.forms:
                key = key_of(form)
                put(key, (entry, name, "", form.isupper() and _is_acronym(form)))
                owner[key] = term_key
                keys.append(key)
            if keys:
                forms_of[term_key] = keys

        delta: dict[tuple[str, ...], _Target | None] = dict(index)
        makers, order = base._generators()

        def position(key: tuple[str, ...]) -> tuple[int, int]:
            if key in added:
                return (1, added[key])
            return (0, order[key])

        # Inflected keys whose makers changed: those of the changed keys, as the stack had
        # them and as they are now, and the removed keys themselves (no longer a form, such
        # a key may now be another term's inflection).
        now_made: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        touched: set[tuple[str, ...]] = set()
        for key, target in index.items():
            if target is not None:
                for form_key, _ in _generated(key, target[0].pos):
                    now_made.setdefault(form_key, []).append(key)
                    touched.add(form_key)
            else:
                touched.add(key)
            was = base._table.get(key)
            if was is not None and not was[2]:
                touched.update(form_key for form_key, _ in _generated(key, was[0].pos))
        for form_key in touched:
            if in_table(form_key):
                continue  # a term or form: the index says what it is
            makers_now = [k for k in makers.get(form_key, ()) if k not in index]
            makers_now.extend(now_made.get(form_key, ()))
            makers_now.sort(key=position)
            targets = [index.get(k) or base._table[k] for k in makers_now]
            tags = [
                next(tag for made, tag in _generated(k, t[0].pos) if made == form_key)
                for k, t in zip(makers_now, targets, strict=True)
            ]
            result = _inflected(targets, tags)
            if not _same(result, base._table.get(form_key)):
                delta[form_key] = result

        trie: _Node = {}
        for key, target in delta.items():
            node = trie
            for word in key:
                node = node.setdefault(word, {})
            node[""] = target
        return cls(base, delta, trie, latest, earlier)


def _same(a: _Target | None, b: _Target | None) -> bool:
    if a is None or b is None:
        return a is b
    return a[0] is b[0] and a[1:] == b[1:]


class CompiledGlossary:
    """Layers merged and indexed for matching; immutable, so safe to share across threads.

    Matching walks the words of a text once. Each word is case-folded and looked up in a
    trie of case-folded glossary words, so a phrase is found by following the words that
    actually follow it (longest match first) at the cost of a few dict lookups per word,
    whatever the glossary's size. This is exact about word boundaries (no match inside
    "blood-brain" or "antispastic"), works for any Unicode the regex engine calls a word
    ("İ", Greek letters, accents) and reports offsets into the text as given.
    """

    def __init__(
        self, layers: Sequence[Glossary], *, check_cycles: bool = True, check_entries: bool = True
    ) -> None:
        self.layers = tuple(layers)
        if check_entries:  # off only for ``glossary lint``, which reports the same as findings
            for layer in self.layers:
                layer.check()  # entries built in code get the checks files get at load
        # Compilation is a sequence of steps over plain data: index the layers (later
        # layers override earlier ones by term), add inflected forms, build the trie,
        # compile context rules, then run the checks that refuse a bad stack.
        table, latest, earlier, owner, forms_of = _index_layers(self.layers)
        table.update(_inflections(table))
        self._table: Mapping[tuple[str, ...], _Target] = table
        self._trie = _trie_of(table)
        # Built on the first find(): a stack used only to look terms up (the readability
        # report's jargon check) never needs it, and it costs ~0.4 KB per term.
        self._starts: Any = _UNBUILT
        self._latest: Mapping[tuple[str, ...], tuple[str, GlossaryEntry]] = latest
        self._earlier: Mapping[tuple[str, ...], Sequence[tuple[str, GlossaryEntry]]] = earlier
        self._owner = owner
        self._forms_of = forms_of
        #: The stack this one lays a layer on (see :meth:`with_layer`), or None.
        self._layered: _Layered | None = None
        #: Built when a layer is first laid on this stack (see :meth:`_generators`).
        self._reverse: (
            tuple[dict[tuple[str, ...], list[tuple[str, ...]]], dict[tuple[str, ...], int]] | None
        ) = None
        memo: dict[tuple[object, ...], Any] = {}
        self._contexts: Mapping[int, _Context] = {
            id(entry): _Context(entry, memo)
            for _, entry in latest.values()
            if entry.not_after or entry.not_before or entry.not_in
        }
        if check_cycles:
            for check in COMPILE_CHECKS:
                check(self)

    def __len__(self) -> int:
        return len(self._latest)

    @property
    def base(self) -> CompiledGlossary | None:
        """The compiled stack this one lays its last layer on, or None if compiled whole."""
        return self._layered.base if self._layered is not None else None

    @property
    def own_keys(self) -> int:
        """How many keys this object holds itself (a layered one shares its base's): what
        its memory grows with."""
        return len(self._layered.delta) if self._layered is not None else len(self._table)

    def with_layer(self, layer: Glossary) -> CompiledGlossary:
        """This stack with ``layer`` on top, meaning exactly what compiling every layer
        whole would mean: the layer's terms win, with their forms and inflections.

        Only the layer is compiled; the stack is shared, not copied, so each article's own
        ``terms:`` cost what they are, not what a 20,000-term site glossary is (issue 11,
        item 11: 80 articles took a web backend from 82 to 789 MB). Raises
        :class:`~tailor.errors.GlossaryError` for a bad layer, or one that closes a cycle of
        replacements with the stack.
        """
        if self._layered is not None:  # a layer on a layer: compiled whole, never chained
            return CompiledGlossary([*self.layers, layer])
        check_layer(layer)
        over: CompiledGlossary = object.__new__(CompiledGlossary)
        over.layers = (*self.layers, layer)
        layered = _Layered.build(self, layer)
        over._layered = layered
        over._table = _Over(layered.delta, self._table)
        over._trie = self._trie  # read through _children, which applies the delta
        over._latest = _Over(layered.latest, self._latest)
        over._earlier = _Over(layered.earlier, self._earlier)
        over._owner = {}
        over._forms_of = {}
        over._reverse = None
        over._starts = _UNBUILT  # the automaton of first words only the layer adds
        memo: dict[tuple[object, ...], Any] = {}
        own = {
            id(entry): _Context(entry, memo)
            for entry in layer.entries
            if entry.not_after or entry.not_before or entry.not_in
        }
        # Read only, never written through: the stack's rules are shared, not copied.
        shared = cast("MutableMapping[int, _Context]", self._contexts)
        over._contexts = ChainMap(own, shared) if own else self._contexts
        changed = {id(t[0]) for t in layered.delta.values() if t is not None}
        # When every key the layer changed now leads to one of its entries (or nowhere), a
        # new cycle must pass through one of them: the search starts there only.
        near = changed <= {id(e) for e in layer.entries}
        for check in COMPILE_CHECKS:
            if check is _check_cycles and near:
                _check_cycles(over, roots=[(e, layer.name) for e in layer.entries])
            else:
                check(over)
        return over

    @staticmethod
    def _children(top: _Node | None, base: Any, word: str) -> tuple[_Node | None, Any]:
        """The child ``word`` of a node in the delta trie and in the base's (either may be
        None; a base node that only ends a phrase is its bare target, with no children). A
        key the layer removed is still a path in the base's trie; its target in the delta
        (None) says it is gone, so walking on finds nothing there."""
        return (
            top.get(word) if top is not None else None,
            base.get(word) if type(base) is dict else None,
        )

    def _begins(self, word: str) -> bool:
        """Whether some term or form starts with the case-folded ``word``."""
        if self._layered is None:
            return word in self._trie
        t, b = self._children(self._layered.trie, self._trie, word)
        return t is not None or b is not None

    def _generators(
        self,
    ) -> tuple[dict[tuple[str, ...], list[tuple[str, ...]]], dict[tuple[str, ...], int]]:
        """For each inflected key, the term and form keys that make it, in table order, and
        the position of every term and form key: what a layer laid on top needs to redo
        the inflections its keys touch. Built on first use (only a stack that gets a layer
        pays for it); a race builds it twice, the same."""
        if self._reverse is None:
            makers: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
            order: dict[tuple[str, ...], int] = {}
            for key, (entry, _, tag, _) in self._table.items():
                if tag:
                    continue  # an inflection, not a term or form
                order[key] = len(order)
                for form_key, _ in _generated(key, entry.pos):
                    makers.setdefault(form_key, []).append(key)
            self._reverse = (makers, order)
        return self._reverse

    @property
    def winners(self) -> Mapping[tuple[str, ...], str]:
        """The layer whose entry won, for each term key."""
        return {key: name for key, (name, _) in self._latest.items()}

    def entries(self) -> list[tuple[GlossaryEntry, str]]:
        """Every winning entry with its layer, in layer then file order."""
        return [(entry, name) for name, entry in self._latest.values()]

    @property
    def history(self) -> Mapping[tuple[str, ...], tuple[Definition, ...]]:
        """Every layer's entry for each term, earliest first; the last one won."""
        return {
            key: tuple(Definition(*d) for d in (*self._earlier.get(key, ()), last))
            for key, last in self._latest.items()
        }

    def entry_for(self, words: str) -> tuple[GlossaryEntry, str] | None:
        """The entry and winning layer for a term or form, if any layer defines it."""
        target = self._table.get(key_of(words))
        return (target[0], target[1]) if target else None

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Non-overlapping matches in ``text``, leftmost then longest, skipping ``protected``.

        ``protected`` are sorted, non-overlapping character ranges no match may touch; a
        phrase never runs across one, nor across punctuation between its words.
        """
        matches: list[Match] = []
        trie = self._trie
        layered = self._layered
        spans = protected
        n_spans = len(spans)
        p = 0  # first protected span that ends after the current word
        skip_until = 0
        lowered = _lowered(text)
        for m in self._words(lowered):
            key = m.group()
            if not key.isascii():
                key = fold(text[m.start() : m.end()])
            if (key not in trie) if layered is None else not self._begins(key):
                if "'" not in key:
                    continue
                bare = _strip_possessive(key)
                if bare is None or not self._begins(bare):
                    continue
            start, end = m.span()
            if start < skip_until:
                continue
            while p < n_spans and spans[p][1] <= start:
                p += 1
            if p < n_spans and spans[p][0] < end:
                continue
            limit = spans[p][0] if p < n_spans else len(text)
            found = self._longest(text, lowered, start, end, key, limit)
            if found is not None:
                matches.append(found)
                skip_until = found.end + len(found.possessive)
        return matches

    def _words(self, lowered: str) -> Iterable[re.Match[str]]:
        """The words of ``lowered`` that may start a match, in text order.

        An Aho-Corasick automaton (pyahocorasick, in C) of every first word of a term
        finds where one occurs, so Python looks only at those places instead of at every
        word of the text; each place must start a word (:func:`_starts_word`) and its whole
        word is read with :data:`WORD_RE`, exactly as a scan of every word would. A word
        with characters outside ASCII is folded before lookup (its folded form may differ
        from its lower case, "Straße" -> "strasse"), so those words are always offered.
        """
        automata = [a for a in self._automata() if a is not None]
        if not automata:
            return
        text = lowered.replace("’", "'") if "’" in lowered else lowered
        starts = {
            end - length + 1
            for automaton in automata
            for end, length in automaton.iter(text)
            if _starts_word(text, end - length + 1)
        }
        if not text.isascii():
            starts.update(_non_ascii_word_starts(text))
        for start in sorted(starts):
            m = WORD_RE.match(lowered, start)
            if m is not None:
                yield m

    def _automata(self) -> tuple[Any, ...]:
        """The automata whose hits are the places a match may start: this stack's, or for
        a layer laid on a stack, the stack's (shared) and one of the first words only the
        layer adds (usually none: an article's terms mostly start with words it has)."""
        automaton = self._starts
        layered = self._layered
        if automaton is _UNBUILT:
            # Two threads may both build it: the same automaton either way, one is kept.
            if layered is None:
                automaton = _automaton_of(self._trie)
            else:
                automaton = _automaton_of(
                    {w: n for w, n in layered.trie.items() if w not in self._trie}
                )
            self._starts = automaton
        if layered is None:
            return (automaton,)
        return (*layered.base._automata(), automaton)

    def _longest(
        self, text: str, lowered: str, start: int, end: int, key: str, limit: int
    ) -> Match | None:
        """The longest valid match starting with the word ``text[start:end]``.

        ``lowered`` is ``text`` lower-cased character for character (same offsets), and no
        word of the phrase may end after ``limit``, where the next protected span starts.
        One walk serves a plain stack and a layered one: a plain stack walks its own trie
        with no delta (``top`` None); a layered one walks the delta trie and the base's
        together, a delta target (or removal) in place of the base's.
        """
        layered = self._layered
        top: _Node | None = layered.trie if layered is not None else None
        base: Any = self._trie
        candidates: list[tuple[int, _Target, str]] = []  # (end, target, possessive), shortest first
        while True:
            t, b = self._children(top, base, key)
            if t is None and b is None:
                bare = _strip_possessive(key)
                if bare is not None:
                    target = _target_of(*self._children(top, base, bare))
                    if target is not None:
                        candidates.append((end - 2, target, text[end - 2 : end]))
                break
            top, base = t, b
            target = _target_of(top, base)
            if target is not None:
                candidates.append((end, target, ""))
            if not _continues(top, base):
                break  # no longer phrase continues from here
            m = _NEXT_WORD.match(lowered, end)
            if m is None or m.end(1) > limit:
                break
            end = m.end(1)
            key = m.group(1)
            if not key.isascii():
                key = fold(text[m.start(1) : end])
        return self._pick(text, start, candidates)

    def _pick(
        self, text: str, start: int, candidates: list[tuple[int, _Target, str]]
    ) -> Match | None:
        """The longest candidate whose capitals and context rules allow it here."""
        for cut, target, possessive in reversed(candidates):
            entry, layer, form, acronym = target
            plural = form == "NNS"
            if acronym and not _capitals(text[start:cut], plural):
                continue
            context = self._contexts.get(id(entry)) if self._contexts else None
            if context is not None and context.excludes(text, start, cut):
                continue  # the entry says it does not apply here; a shorter one may
            return Match(start, cut, entry, layer, plural, possessive, acronym, form)
        return None

    def match_at(
        self, text: str, start: int, limit: int, protected: Sequence[tuple[int, int]] = ()
    ) -> Match | None:
        """The longest match that starts at ``start`` and whose words end by ``limit``.

        For the writer, when the longest match cannot be used where it stands ("adult and
        pediatric patients": "pediatric patients" -> "children" would leave "adult" without
        its noun) and a shorter entry ("pediatric") may serve instead.
        """
        m = WORD_RE.match(text, start)
        if m is None or m.end() > limit:
            return None
        for s, e in protected:
            if s < limit and e > start:
                limit = min(limit, s)
        lowered = _lowered(text)
        key = lowered[m.start() : m.end()]
        if not key.isascii():
            key = fold(text[m.start() : m.end()])
        return self._longest(text, lowered, m.start(), m.end(), key, limit)


def _lowered(text: str) -> str:
    """``text`` lower-cased with the same offsets: a character whose lower case is longer
    ("İ" -> "i̇") is left as it is, and its word is folded from the original instead."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def plurals_of(word: str) -> list[str]:
    """Regular English plurals of a case-folded word ("cyst" -> "cysts", "diagnosis" ->
    "diagnoses"); none for short words, numbers and words with inner punctuation."""
    if len(word) < 3 or not word.replace("-", "").isalpha():
        return []
    return [regular_plural(word)]


def _strip_possessive(key: str) -> str | None:
    """ "baclofen's" -> "baclofen"; None if ``key`` has no possessive ending."""
    if len(key) > 2 and key.endswith("'s"):
        return key[:-2]
    return None


def _capitals(original: str, plural: bool) -> bool:
    core = original
    if plural:
        core = core.removesuffix("es") if core.endswith("es") and not core.endswith("ES") else core
        core = core.removesuffix("s")
    letters = [c for c in core if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


#: One step of a replacement cycle: the term, its replacement, the layer it comes from.
CycleStep = tuple[str, str, str]


def replacement_cycles(
    glossary: CompiledGlossary, roots: Iterable[tuple[GlossaryEntry, str]] | None = None
) -> list[tuple[CycleStep, ...]]:
    """Every cycle of replacements in a stack, each once: "A" replaced by "B" where "B" is
    itself a term (or a form of one) whose replacement leads on, back to "A".

    The one definition of a glossary cycle: compiling a stack refuses one
    (:func:`_check_cycles`) and ``tailor glossary lint`` reports each as an error. A
    replacement that only *contains* another term ("sudden cramp") is a chain, not a step
    of a cycle: substitution is one pass, so the reader sees it as written (lint warns).
    ``roots`` limits the search to what can be reached from those entries (a layer laid
    on a checked stack); by default every entry is a root.
    """
    names: dict[str, str] = {}
    table = glossary._table
    edges: dict[str, list[tuple[str, str, str]]] = {}
    entry_of: dict[str, tuple[GlossaryEntry, str]] = {}

    def edges_from(entry: GlossaryEntry, layer: str) -> list[tuple[str, str, str]]:
        """Where the replacements of ``entry`` lead: (next term, replacement, layer)."""
        if entry.replacements:
            plain = sorted(
                r for r in {entry.replacement, *entry.replacements.values()} if r is not None
            )
        elif entry.replacement is not None:
            plain = [entry.replacement]
        else:
            return []
        out: list[tuple[str, str, str]] = []
        for replacement in plain:
            first = WORD_RE.search(replacement)
            if first is None or not glossary._begins(fold(first.group())):
                continue  # cheap test first: no term starts with its first word
            target = table.get(key_of(replacement))
            if target is not None:
                nxt = target[0].term.casefold()
                names[entry.term.casefold()] = entry.term
                names.setdefault(nxt, target[0].term)
                entry_of.setdefault(nxt, (target[0], target[1]))
                out.append((nxt, replacement, layer))
        return out

    if roots is None:
        # The whole stack: every edge up front (a compile pays this; most entries have none).
        for entry, layer in glossary.entries():
            out = edges_from(entry, layer)
            if out:
                edges.setdefault(entry.term.casefold(), []).extend(out)
        starts = sorted(edges)

        def edges_of(term: str) -> Sequence[tuple[str, str, str]]:
            return edges.get(term, ())

    else:
        # From the roots only: a term's edges are worked out when the search reaches it.
        for entry, layer in roots:
            entry_of.setdefault(entry.term.casefold(), (entry, layer))
        starts = sorted(entry_of)

        def edges_of(term: str) -> Sequence[tuple[str, str, str]]:
            known = edges.get(term)
            if known is None:
                known = edges[term] = edges_from(*entry_of[term])
            return known

    found: list[tuple[CycleStep, ...]] = []
    seen: set[frozenset[str]] = set()
    done: set[str] = set()

    def visit(term: str, path: list[tuple[str, str, str]], on_path: set[str]) -> None:
        for nxt, replacement, layer in edges_of(term):
            steps = [*path, (term, replacement, layer)]
            if nxt in on_path:
                cycle = steps[next(i for i, s in enumerate(steps) if s[0] == nxt) :]
                members = frozenset(s[0] for s in cycle)
                if members not in seen:
                    seen.add(members)
                    found.append(tuple((names.get(t, t), r, lay) for t, r, lay in cycle))
            elif nxt not in done:
                visit(nxt, steps, on_path | {nxt})
        done.add(term)

    for term in starts:
        if term not in done:
            visit(term, [], {term})
    return found


def _check_cycles(
    glossary: CompiledGlossary, roots: Iterable[tuple[GlossaryEntry, str]] | None = None
) -> None:
    """Refuse a stack in which replacements lead back to where they started.

    Substitution is one pass, so a cycle never loops at run time; but "A -> B" next to
    "B -> A" means two layers disagree about which word is the plain one, and a reader
    would get whichever the text happened to use. That is a content error to fix, so it
    is raised as one, naming every step and the layer it comes from (the first cycle
    :func:`replacement_cycles` finds from ``roots``).
    """
    cycles = replacement_cycles(glossary, roots)
    if not cycles:
        return
    cycle = cycles[0]
    shown = " -> ".join(f"{t!r} ({lay})" for t, _, lay in cycle)
    raise GlossaryError(
        f"glossary cycle: {shown} -> {cycle[0][0]!r}; a replacement must not lead back "
        "to its own term",
        details=[
            ErrorDetail(
                "glossary.cycle",
                ("entries",),
                f"{t!r} is replaced by {r!r} in layer {lay!r}",
                ctx={"term": t, "replacement": r, "layer": lay},
            )
            for t, r, lay in cycle
        ],
    )


#: The checks every compiled stack passes, in order; each raises a GlossaryError naming the
#: entries at fault. A new invariant of the whole stack is one more function here.
COMPILE_CHECKS: tuple[Callable[[CompiledGlossary], None], ...] = (_check_cycles,)
