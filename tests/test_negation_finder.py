"""Negation cues are counted fast, and exactly as reading every word counts them.

Counting cues runs on every article load, render check and glossary compile, so the words
are cut in one call and compared as plain strings (issue 16). Reading the words one by one
with the contraction pattern is the definition; for any text, in every language, the two
agree cue for cue.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.negation import NEGATION_CUES, _negation_cues_by_word, negation_cues

CUES = sorted(NEGATION_CUES["en"] | NEGATION_CUES["es"])
PIECES = [*CUES, *(c.upper() for c in CUES), "n't", "N’T", "don", "can", "is", "x", "ß", "İ"]
SEPARATORS = [" ", "'", "’", "-", "", "1", "_", ". ", "\n", "é", "\u0301"]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda parts: "".join(p + s for p, s in parts)
)
languages = st.sampled_from(["en", "es", "en_GB", "es-MX", "fr", "de"])


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=80)), lang=languages)
def test_the_fast_count_is_what_reading_every_word_counts(text, lang):
    assert negation_cues(text, lang) == _negation_cues_by_word(text, lang)


def test_contractions_and_cannot_are_not_and_joined_words_are_not_cues():
    text = "Don’t stop; you CANNOT. Isn't it? No-one, nobody's, cannot's, o'no, no'x."
    assert negation_cues(text) == _negation_cues_by_word(text)
    assert dict(negation_cues(text)) == {"not": 3, "no": 1}
    assert dict(negation_cues("Sin duda, no. Ni jamás.", "es")) == {
        "sin": 1,
        "no": 1,
        "ni": 1,
        "jamás": 1,
    }
