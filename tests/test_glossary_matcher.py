"""The matcher finds terms with an Aho-Corasick automaton, and finds exactly what a scan of
every word finds.

The automaton only decides where Python looks: the places where some term's first word
occurs. Looking up every word of the text in the term trie is the obvious, slow
definition of the same thing, so for any text (any Unicode, joined words, possessives,
curly apostrophes, capitals, protected spans) and any glossary the two must agree match
for match.
"""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor import Glossary, GlossaryEntry
from tailor.glossary import WORD_RE, CompiledGlossary
from tailor.lexical import protected_spans

from .test_glossary_properties import entries, glossary_of, texts

UNICODE_WORDS = ["Straße", "strasse", "İbuprofen", "ÉPÉE", "naïve", "Barré", "ǅemal", "ﬁbrosis"]
unicode_texts = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(UNICODE_WORDS), st.text(max_size=6)),
        st.sampled_from([" ", "-", "’", "'", "’s ", ". ", "\u0301 "]),
    ),
    max_size=20,
).map(lambda parts: "".join(w + s for w, s in parts))
unicode_entries = st.builds(
    lambda term: GlossaryEntry(term=term, replacement="plain words", source="test"),
    st.sampled_from([*UNICODE_WORDS, "fibrosis", "straße fibrosis", "naïve barré"]),
)


class WordScan(CompiledGlossary):
    """The definition the automaton must match: every word of the text looked up."""

    def _words(self, lowered: str):  # type: ignore[no-untyped-def]
        return WORD_RE.finditer(lowered)


def agree(compiled: CompiledGlossary, text: str) -> None:
    scan = WordScan(compiled.layers, check_cycles=False, check_entries=False)
    protected = protected_spans(text)
    assert compiled.find(text, protected) == scan.find(text, protected)
    assert compiled.find(text) == scan.find(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, items=st.lists(entries, max_size=8))
def test_the_automaton_finds_what_a_scan_of_every_word_finds(text, items):
    compiled = glossary_of(items)
    if compiled is not None:
        agree(compiled, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(unicode_texts, st.text(max_size=120)),
    items=st.lists(st.one_of(unicode_entries, entries), max_size=6),
)
def test_words_outside_ascii_are_found_as_a_scan_finds_them(text, items):
    compiled = glossary_of(items)
    if compiled is not None:
        agree(compiled, text)


def test_a_folded_word_is_found_though_its_lower_case_differs():
    compiled = glossary_of([GlossaryEntry(term="strasse", replacement="road", source="test")])
    assert compiled is not None
    text = "Turn at the STRASSE, the Straße and the straße."
    assert [text[m.start : m.end] for m in compiled.find(text)] == ["STRASSE", "Straße", "straße"]


def test_a_word_joined_by_a_hyphen_or_apostrophe_is_not_a_match():
    compiled = glossary_of([GlossaryEntry(term="brain", replacement="head", source="test")])
    assert compiled is not None
    text = "blood-brain x'brain brain's ’brain (brain)"
    assert [(m.start, m.possessive) for m in compiled.find(text)] == [
        (text.index("brain's"), "'s"),
        (text.index("’brain") + 1, ""),  # a curly quote before a word opens, never joins
        (text.index("(brain") + 1, ""),
    ]


def test_an_empty_glossary_finds_nothing_and_a_compiled_stack_pickles():
    assert CompiledGlossary([Glossary(name="empty")]).find("any text at all") == []
    compiled = glossary_of([GlossaryEntry(term="pyrexia", replacement="fever", source="test")])
    assert compiled is not None
    copy = pickle.loads(pickle.dumps(compiled))
    assert copy.find("Pyrexia again.") == compiled.find("Pyrexia again.")
