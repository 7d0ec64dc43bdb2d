"""What every glossary entry must satisfy before it can change a reader's text.

Run when a glossary file is read (so errors carry the file's lines) and again when a stack
is compiled, for glossaries built in code and an article's own terms: a check that only
``tailor glossary lint`` ran would let a site ship the entry anyway. Each problem names
the entry's field path (``entries.3.replacement``) and, for files, its line.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from ._text import text_problem
from .errors import AudienceError, ErrorDetail, GlossaryError, Loc, capped, format_loc, quoted
from .lexical import key_of
from .negation import negation_count, negation_cues

if TYPE_CHECKING:
    from .audience import AudienceSet
    from .glossary import Glossary, GlossaryEntry

__all__ = [
    "check_configuration",
    "check_layer",
    "duplicate_terms",
    "entry_problems",
    "negation_problems",
]


def negation_problems(
    surfaces: Sequence[tuple[Loc, str]], replacements: Sequence[tuple[Loc, str]], lang: str
) -> list[ErrorDetail]:
    """A replacement whose negation cues differ from a surface form it replaces.

    Substitution swaps the words of a form for the words of a replacement inside a
    sentence, so the sentence's negations are kept exactly when the two have the same
    number of cues: "not" -> "" and "do not stop" -> "you may stop" invert a warning while
    every number survives. Shared by glossary files, glossaries built in code and an
    article's own ``terms``.
    """
    problems: list[ErrorDetail] = []
    counted = [(sloc, surface, negation_count(surface, lang)) for sloc, surface in surfaces]
    for rloc, replacement in replacements:
        cues = negation_cues(replacement, lang)
        have = sum(cues.values())
        for sloc, surface, want in counted:
            if have != want:
                said = ", ".join(sorted(cues)) or "none"
                problems.append(
                    ErrorDetail(
                        "glossary.negation_changed",
                        rloc,
                        f"the replacement {quoted(replacement)} has {have} negation cue(s) "
                        f"({said}) where {format_loc(sloc)} {quoted(surface)} has {want}; a "
                        "substitution must never add or remove a negation (it would invert "
                        "the sentence: 'do not stop' -> 'you may stop')",
                        ctx={"replacement": replacement[:200], "surface": surface[:200]},
                    )
                )
                break
    return problems


def _entry_problems(entry: GlossaryEntry, loc: Loc, lang: str) -> list[ErrorDetail]:
    problems: list[ErrorDetail] = []
    if not key_of(entry.term):
        problems.append(
            ErrorDetail(
                "glossary.term_without_words",
                (*loc, "term"),
                f"the term {quoted(entry.term)} has no words (only symbols or invisible "
                "characters); a glossary term is matched as words",
                ctx={"term": entry.term[:200]},
            )
        )
    for loc_tail, value in _strings(entry):
        problem = text_problem(value)
        if problem:
            problems.append(ErrorDetail("text.hidden_character", (*loc, *loc_tail), problem))
    surfaces = [((*loc, "term"), entry.term)]
    surfaces += [((*loc, "forms", i), form) for i, form in enumerate(entry.forms)]
    replacements = [
        ((*loc, name), value)
        for name in ("replacement", "plural")
        if isinstance(value := getattr(entry, name), str)
    ]
    replacements += [((*loc, "replacements", k), v) for k, v in entry.replacements.items()]
    problems += negation_problems(surfaces, replacements, lang)
    return problems


def _strings(entry: GlossaryEntry) -> list[tuple[Loc, str]]:
    """Every string of an entry with its field path: all of them can reach a reader (the
    replacements in the text, the term and definition in hover text and "Words to know",
    the source in the trace an editor reads). None may break a line: a substitution is
    inline text, and a line break in it could start new Markdown structure (a heading, a
    rule, a list) or split a bold critical point in two."""
    found: list[tuple[Loc, str]] = [(("term",), entry.term), (("source",), entry.source)]
    found += [(("forms", i), form) for i, form in enumerate(entry.forms)]
    for name in ("replacement", "plural", "definition", "explanation"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            found.append(((name,), value))
    found += [(("replacements", k), v) for k, v in entry.replacements.items()]
    return found


def entry_problems(glossary: Glossary) -> list[ErrorDetail]:
    """Every problem of every entry in ``glossary``, with field paths."""
    problems: list[ErrorDetail] = []
    for field in ("name", "description"):
        problem = text_problem(getattr(glossary, field))
        if problem:
            problems.append(ErrorDetail("text.hidden_character", (field,), problem))
    for i, entry in enumerate(glossary.entries):
        problems.extend(_entry_problems(entry, ("entries", i), glossary.locale))
    return problems


def duplicate_terms(glossary: Glossary) -> list[ErrorDetail]:
    """A term (or form) two entries of one glossary define: which one would win is luck."""
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


def check_layer(glossary: Glossary) -> None:
    """Raise :class:`GlossaryError` for the problems of the glossary's entries; the
    glossary runs this once (:meth:`tailor.glossary.Glossary.check`), as it is immutable."""
    problems = entry_problems(glossary)
    if problems:
        raise GlossaryError(
            "invalid glossary",
            source=glossary.file or f"glossary {quoted(glossary.name)}",
            details=[
                ErrorDetail(p.type, p.loc, p.msg, line=glossary.line_of(p.loc), ctx=p.ctx)
                for p in problems
            ],
        )


def check_configuration(
    audiences: AudienceSet, glossaries: Sequence[Glossary], languages: Collection[str]
) -> None:
    """Refuse configuration that would otherwise be ignored without a word.

    A glossary in a language tailor does not write never applies (articles in that
    language are refused); a per-audience replacement for an audience nobody defined is
    never used; an audience that names a glossary no folder provides gets none. Each was
    a silent no-op that an editor took for a working setting.
    """
    from .i18n import language_of

    audience_glossaries = sorted(g.name for g in glossaries if g.scope == "named")
    for glossary in glossaries:
        source = glossary.file or f"glossary {quoted(glossary.name)}"
        if language_of(glossary.locale) not in languages:
            raise GlossaryError(
                "invalid glossary",
                source=source,
                details=[
                    ErrorDetail(
                        "glossary.locale_unknown",
                        ("locale",),
                        f"locale {quoted(glossary.locale)} is not one tailor writes, so this "
                        f"glossary would never apply; supported: {', '.join(sorted(languages))}",
                        line=glossary.line_of(("locale",)),
                    )
                ],
            )
        problems = [
            ErrorDetail(
                "glossary.audience_unknown",
                ("entries", i, "replacements", name),
                f"a replacement for audience {quoted(name)}, which is not defined; known "
                f"audiences: {capped(', '.join(audiences), 300)}",
                line=glossary.line_of(("entries", i, "replacements", name)),
            )
            for i, entry in enumerate(glossary.entries)
            for name in entry.replacements
            if name not in audiences
        ]
        if problems:
            raise GlossaryError("invalid glossary", source=source, details=problems)
    for audience in audiences.values():
        unknown = [
            ErrorDetail(
                "audience.glossary_unknown",
                ("glossaries", i),
                f"names glossary {quoted(name)}, which no glossary folder provides with "
                "'scope: named' (a glossary for everyone applies without being named); "
                "known: "
                f"{capped(', '.join(audience_glossaries) or '(none)', 300)}",
                line=audience.line_of(("glossaries", i)),
            )
            for i, name in enumerate(audience.glossaries)
            if name not in audience_glossaries
        ]
        if unknown:
            raise AudienceError(
                "invalid audience",
                source=audience.file or f"audience {quoted(audience.name)}",
                details=unknown,
            )
