"""Readability: how hard the prose an audience reads is, offline, per language, thread-safe.

The analyze stage (:mod:`tailor.pipeline.analyze`) builds the prose and asks a
:class:`ReadabilityScorer` for a :class:`ReadabilityReport`; nothing here knows about
articles, audiences or templates. See :mod:`tailor.readability.scorer` for why tailor
counts words and syllables itself instead of using textstat.
"""

from .scorer import (
    JARGON_ZIPF_MAX,
    LANGUAGES,
    LONG_SENTENCE_WORDS,
    SMOG_MIN_SENTENCES,
    Finding,
    JargonCandidate,
    Prose,
    ReadabilityReport,
    ReadabilityScorer,
    Scores,
    SentenceScore,
    clean_prose,
    split_sentences,
)

__all__ = [
    "JARGON_ZIPF_MAX",
    "LANGUAGES",
    "LONG_SENTENCE_WORDS",
    "SMOG_MIN_SENTENCES",
    "Finding",
    "JargonCandidate",
    "Prose",
    "ReadabilityReport",
    "ReadabilityScorer",
    "Scores",
    "SentenceScore",
    "clean_prose",
    "split_sentences",
]
