"""Readability: how hard the prose an audience reads is, offline, per language, thread-safe.

``sentences`` cuts prose into sentences, ``scores`` holds the additive counts and the
formulas, ``report`` the report types, ``scorer`` the :class:`ReadabilityScorer` (syllables,
jargon, caches), and ``languages/`` one module per language: add a language there.

The analyze stage (:mod:`tailor.pipeline.analyze`) builds the prose and asks a
:class:`ReadabilityScorer` for a :class:`ReadabilityReport`; nothing here knows about
articles, audiences or templates. See :mod:`tailor.readability.scorer` for why tailor
counts words and syllables itself instead of using textstat.
"""

from .languages import LANGUAGES, Language, check_lang, language
from .report import Finding, JargonCandidate, Prose, ReadabilityReport, SentenceScore
from .scorer import JARGON_ZIPF_MAX, LONG_SENTENCE_WORDS, ReadabilityScorer
from .scores import SMOG_MIN_SENTENCES, Scores
from .sentences import clean_prose, split_sentences

__all__ = [
    "JARGON_ZIPF_MAX",
    "LANGUAGES",
    "LONG_SENTENCE_WORDS",
    "SMOG_MIN_SENTENCES",
    "Finding",
    "JargonCandidate",
    "Language",
    "Prose",
    "ReadabilityReport",
    "ReadabilityScorer",
    "Scores",
    "SentenceScore",
    "check_lang",
    "clean_prose",
    "language",
    "split_sentences",
]
