"""Checks on a glossary stack: what ``tailor glossary lint`` reports.

A glossary is content a team edits, so its mistakes are content mistakes: two layers that
disagree about a term, a replacement that is itself jargon (a chain, or a cycle back to
where it started), a "plain" word that is harder than the term, a negation that appears
from nowhere, entries no article ever uses. :func:`lint` finds them all in one pass and
returns findings in the shape of tailor's error details, for the CLI or a CI job to print.
(Importing a spreadsheet is :mod:`tailor.importers.glossary_csv`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..glossary import (
    CompiledGlossary,
    Glossary,
    GlossaryEntry,
    PartOfSpeech,
    key_of,
    replacement_cycles,
)
from ..lexical import language_of
from ..negation import negation_count, negative_by_affix
from ..pipeline.transform import adjective_like, short_explanation

__all__ = ["Finding", "difficulty", "lint"]

#: Severity of a finding: an error makes ``tailor glossary lint`` exit 1.
ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True)
class Finding:
    """One problem in a glossary stack: what, where, and how bad."""

    severity: str
    type: str
    term: str
    layer: str
    msg: str
    file: str | None = None
    ctx: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        where = f"{self.file} " if self.file else ""
        return f"{self.severity}: {where}[{self.layer}] {self.term!r}: {self.msg} [{self.type}]"


def difficulty(
    phrase: str, syllables: Callable[[str], int], known: Callable[[str], bool]
) -> tuple[float, float]:
    """(syllables per word, share of words the pronouncing dictionary does not know).

    Both are what readability formulas and readers stumble on: long words, and rare ones.
    """
    words: list[str] = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", phrase)
    if not words:
        return 0.0, 0.0
    per_word = sum(syllables(w) for w in words) / len(words)
    rare = sum(1 for w in words if not known(w)) / len(words)
    return per_word, rare


def lint(
    layers: Sequence[Glossary],
    articles: Iterable[tuple[str, Iterable[str]]] = (),
    *,
    syllables: Callable[[str], int] | None = None,
    known: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """Every finding for ``layers`` (earliest first); ``articles`` are (name, texts) pairs
    whose texts count as uses, for the "never matched" check.

    Layers are linted per language: an English and a Spanish glossary never apply to the
    same article, so a term both define is no conflict, and each language's replacements
    are judged with that language's syllables. ``syllables`` and ``known`` override the
    English measures (tests pass small fakes).
    """
    articles = list(articles)
    by_language: dict[str, list[Glossary]] = {}
    for layer in layers:
        by_language.setdefault(language_of(layer.locale), []).append(layer)
    scorer = None
    findings: list[Finding] = []
    for language, group in by_language.items():
        lang_syllables, lang_known = syllables, known
        if lang_syllables is None or lang_known is None or language != "en":
            from ..readability import ReadabilityScorer

            scorer = scorer or ReadabilityScorer()
            if language == "en":
                lang_syllables = lang_syllables or scorer.syllables
                lang_known = lang_known or partial(_in_dictionary, scorer.dictionary())
            else:
                # No pronouncing dictionary outside English: judge length, not rarity.
                lang_syllables = partial(scorer.syllables, lang=language)
                lang_known = _always_known
        findings += _lint_language(group, articles, lang_syllables, lang_known, language)
    order = {ERROR: 0, WARNING: 1, NOTE: 2}
    return sorted(findings, key=lambda f: (order[f.severity], f.type, f.layer, f.term.casefold()))


def _in_dictionary(table: dict[str, int], word: str) -> bool:
    return word.lower().strip("'’") in table


def _always_known(word: str) -> bool:
    return True


def _lint_language(
    layers: Sequence[Glossary],
    articles: list[tuple[str, Iterable[str]]],
    syllables: Callable[[str], int],
    known: Callable[[str], bool],
    language: str = "en",
) -> list[Finding]:
    compiled = CompiledGlossary(layers, check_cycles=False, check_entries=False)
    files = {layer.name: layer.file for layer in layers}
    findings: list[Finding] = []
    findings += _layer_conflicts(compiled, files)
    findings += _chains(compiled, files)
    for entry, layer in compiled.entries():
        for plain in _replacements(entry):
            findings += _meaning_and_difficulty(
                entry, layer, plain, files, syllables, known, language
            )
            findings += _part_of_speech(entry, layer, plain, files)
        findings += _explanation(entry, layer, files)
    findings += _unused(compiled, files, articles)
    return findings


def _replacements(entry: GlossaryEntry) -> list[str]:
    return sorted({r for r in (entry.replacement, *entry.replacements.values()) if r})


def _layer_conflicts(compiled: CompiledGlossary, files: dict[str, str | None]) -> list[Finding]:
    findings = []
    for defs in compiled.history.values():
        if len(defs) < 2:
            continue
        winner = defs[-1]
        for earlier in defs[:-1]:
            same = _replacements(earlier.entry) == _replacements(winner.entry)
            findings.append(
                Finding(
                    NOTE if same else WARNING,
                    "glossary.duplicate" if same else "glossary.conflict",
                    winner.entry.term,
                    winner.layer,
                    (
                        f"also defined, the same way, by layer {earlier.layer!r}"
                        if same
                        else f"overrides layer {earlier.layer!r}: "
                        f"{_said(earlier.entry)} -> {_said(winner.entry)}"
                    ),
                    files.get(winner.layer),
                    {"overridden": earlier.layer},
                )
            )
    # A form of one entry that is also the term or form of a different entry elsewhere.
    owners: dict[tuple[str, ...], tuple[GlossaryEntry, str]] = {}
    for layer in compiled.layers:
        for entry in layer.entries:
            for form in entry.forms:
                key = key_of(form)
                other = owners.get(key)
                if other is not None and key_of(other[0].term) != key_of(entry.term):
                    findings.append(
                        Finding(
                            WARNING,
                            "glossary.form_conflict",
                            entry.term,
                            layer.name,
                            f"its form {form!r} is already a form of {other[0].term!r} "
                            f"(layer {other[1]!r}); the later layer takes it",
                            files.get(layer.name),
                        )
                    )
                owners[key] = (entry, layer.name)
            owners.setdefault(key_of(entry.term), (entry, layer.name))
    return findings


def _said(entry: GlossaryEntry) -> str:
    plain = _replacements(entry)
    return " / ".join(repr(p) for p in plain) if plain else "(definition only)"


def _chains(compiled: CompiledGlossary, files: dict[str, str | None]) -> list[Finding]:
    """Replacements that contain a glossary term (chains, a warning), and replacements
    that lead back to their own term (cycles, an error: the one definition compiling a
    stack refuses, :func:`tailor.glossary.replacement_cycles`)."""
    names: dict[str, str] = {}
    findings: list[Finding] = []
    for entry, layer in compiled.entries():
        key = entry.term.casefold()
        names[key] = entry.term
        for plain in _replacements(entry):
            for match in compiled.find(plain):
                inner = match.entry
                if not _replacements(inner) or key_of(inner.term) == key_of(entry.term):
                    continue  # "muscle spasm" -> "spasm" of the same entry is caught as a cycle
                findings.append(
                    Finding(
                        WARNING,
                        "glossary.chain",
                        entry.term,
                        layer,
                        f"its replacement {plain!r} contains the glossary term {inner.term!r} "
                        f"({_said(inner)}); substitution is one pass, so a reader sees "
                        f"{plain!r} as written",
                        files.get(layer),
                    )
                )
    for cycle in replacement_cycles(compiled):
        steps = " -> ".join(f"{names.get(t, t)!r}" for t, _, _ in cycle)
        first = cycle[0]
        findings.append(
            Finding(
                ERROR,
                "glossary.cycle",
                names.get(first[0], first[0]),
                first[2],
                f"replacements lead back to the term: {steps} -> {names.get(first[0], first[0])!r}",
                files.get(first[2]),
                {"cycle": [t for t, _, _ in cycle]},
            )
        )
    return findings


def _meaning_and_difficulty(
    entry: GlossaryEntry,
    layer: str,
    plain: str,
    files: dict[str, str | None],
    syllables: Callable[[str], int],
    known: Callable[[str], bool],
    language: str = "en",
) -> list[Finding]:
    findings = []
    lang = language
    term_cues = negation_count(entry.term, lang)
    plain_cues = negation_count(plain, lang)
    # The same rule compiling a glossary enforces (tailor.negation): a substitution never
    # adds or removes a negation cue. Both directions are errors; a term negative by its
    # prefix ("unable") says so, since "not able" may be what the editor meant (reword it
    # without a cue, or keep the term).
    if plain_cues > term_cues:
        hint = (
            " (the term may be negative by its prefix: find plain words without 'not')"
            if negative_by_affix(entry.term)
            else ""
        )
        findings.append(
            Finding(
                ERROR,
                "glossary.negation_added",
                entry.term,
                layer,
                f"its replacement {plain!r} says 'not' where the term does not{hint}; a "
                "substitution may never add a negation, it would invert the sentence",
                files.get(layer),
            )
        )
    if plain_cues < term_cues:
        findings.append(
            Finding(
                ERROR,
                "glossary.negation_lost",
                entry.term,
                layer,
                f"the term is a negation but its replacement {plain!r} is not",
                files.get(layer),
            )
        )
    term_syl, term_rare = difficulty(entry.term, syllables, known)
    plain_syl, plain_rare = difficulty(plain, syllables, known)
    if plain_syl > term_syl or plain_rare > term_rare:
        why = (
            f"{plain_syl:.1f} syllables per word against the term's {term_syl:.1f}"
            if plain_syl > term_syl
            else f"{plain_rare:.0%} rare words against the term's {term_rare:.0%}"
        )
        findings.append(
            Finding(
                WARNING,
                "glossary.harder_replacement",
                entry.term,
                layer,
                f"its replacement {plain!r} is harder than the term ({why})",
                files.get(layer),
                {"term": [term_syl, term_rare], "replacement": [plain_syl, plain_rare]},
            )
        )
    return findings


def _part_of_speech(
    entry: GlossaryEntry, layer: str, plain: str, files: dict[str, str | None]
) -> list[Finding]:
    """An adjective's replacement must stand before a noun: "congenital polycythemia" ->
    "born with polycythemia" breaks "characterized by congenital polycythemia"."""
    if entry.pos is not PartOfSpeech.ADJECTIVE or adjective_like(plain):
        return []
    return [
        Finding(
            WARNING,
            "glossary.not_an_adjective",
            entry.term,
            layer,
            f"the term is an adjective but its replacement {plain!r} ends in a preposition, so "
            "it cannot stand before a noun; tailor never uses it: give an adjective, or an "
            "'explanation' instead",
            files.get(layer),
        )
    ]


def _explanation(entry: GlossaryEntry, layer: str, files: dict[str, str | None]) -> list[Finding]:
    """A long explanation is not read in place: it only reaches Words to know."""
    text = entry.explanation
    if text is None or short_explanation(text):
        return []
    return [
        Finding(
            NOTE,
            "glossary.long_explanation",
            entry.term,
            layer,
            f"its explanation has {len(text.split())} words, so it goes to Words to know "
            "instead of the sentence; a few words read better in place",
            files.get(layer),
        )
    ]


def _unused(
    compiled: CompiledGlossary,
    files: dict[str, str | None],
    articles: list[tuple[str, Iterable[str]]],
) -> list[Finding]:
    if not articles:
        return []
    used: set[tuple[str, ...]] = set()
    for _, texts in articles:
        for text in texts:
            from ..lexical import protected_spans

            for match in compiled.find(text, protected_spans(text)):
                used.add(key_of(match.entry.term))
    names = ", ".join(name for name, _ in articles)
    return [
        Finding(
            NOTE,
            "glossary.unused",
            entry.term,
            layer,
            f"never matched by the example articles ({names})",
            files.get(layer),
        )
        for entry, layer in compiled.entries()
        if key_of(entry.term) not in used
    ]
