"""Plain words: how far tailor's patient rendering of professional text moves toward plain.

The evaluation of issue 13 (and, for sentence length, issue 14), on real text:

- the NCI PDQ pairs (``../shared/data/nci-pdq-pairs``), split by their order in
  ``pairs.tsv``: ODD data rows (1st, 3rd, ...) are for building and tuning, EVEN rows only
  for reporting. ``make bench`` reports both, separately; tune with
  ``python -m benchmarks.plain_bench --rows odd``;
- the professional sections of the FDA labels (``../shared/data/fda-spl-labels``).

For the patient rendering of the professional text it reports: the Flesch-Kincaid gap
closed toward NCI's human-written patient version (clinician rendering vs patient
rendering vs human text, all scored by tailor's own scorer, pooled over the articles);
syllables per word; words per sentence; the share of sentences over 20 words; hard words
left unexplained per 1,000 words (rarer than wordfreq Zipf 3.0 in their plain form, not a
name, neither replaced nor explained); and glossary substitutions per 1,000 words of the
professional text.

Everything a figure is computed from is public here, so other steps can add theirs:
:func:`text_figures` scores any list of texts, :class:`Corpus` gives every article's prose
as any audience reads it, and :func:`audience_figures` the figures above for one audience.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tailor.lexical import LETTER_WORD_RE
from tailor.readability.languages import language
from tailor.readability.scorer import LONG_SENTENCE_WORDS

from .common import ROOT, Result, corpus_dir

#: FK gap the words alone should close, and the other issue-13 targets (even rows); the
#: gap the whole patient rendering (words and sentences) should close is issue 14's.
TARGETS = {
    "gap": 30.0,
    "gap_total": 50.0,
    "syllables": 1.80,
    "unexplained": 20.0,
    "words_per_sentence": 14.5,
}
# The scorer's own definitions, so the harness counts exactly what a readability report does.
LONG_SENTENCE = LONG_SENTENCE_WORDS
HARD_ZIPF = 3.0
_WORD = LETTER_WORD_RE

FDA_CANDIDATES = (
    ROOT.parent / "shared" / "data" / "fda-spl-labels",
    ROOT.parent.parent / "shared" / "data" / "fda-spl-labels",
)
#: SPL sections that are not professional prose: patient leaflets, packaging, data.
_NOT_PROFESSIONAL = (
    "SPL MEDGUIDE SECTION",
    "SPL PATIENT PACKAGE INSERT SECTION",
    "PACKAGE LABEL.PRINCIPAL DISPLAY PANEL",
    "SPL PRODUCT DATA ELEMENTS SECTION",
    "REFERENCES SECTION",
    "INSTRUCTIONS FOR USE SECTION",
)
_HL7 = "{urn:hl7-org:v3}"


# -- figures of any text ---------------------------------------------------------------------


@dataclass
class TextFigures:
    """Counts over a body of text that add up, and the ratios derived from them."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    long_sentences: int = 0

    def add(self, other: TextFigures) -> None:
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.long_sentences += other.long_sentences

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def long_share(self) -> float:
        """Share of sentences over :data:`LONG_SENTENCE` words, in percent."""
        return 100 * self.long_sentences / self.sentences if self.sentences else 0.0

    @property
    def fk(self) -> float:
        """Flesch-Kincaid grade of the whole body, pooled (not a mean of per-text grades)."""
        if not self.words:
            return float("nan")
        figures = (self.words_per_sentence, self.syllables_per_word, self.sentences, self.words)
        return language("en").sentence_grade(*figures)  # the scorer's formula, unrounded


def text_figures(texts: Iterable[str], scorer: Any, lang: str = "en") -> TextFigures:
    """Words, sentences, syllables and long sentences of ``texts``, counted by tailor's own
    scorer and sentence splitter, so the figures agree with its readability reports."""
    from tailor.readability import clean_prose, split_sentences

    found = TextFigures()
    for text in texts:
        for sentence in split_sentences(clean_prose(text)):
            words = _WORD.findall(sentence)
            if not words:
                continue
            found.words += len(words)
            found.sentences += 1
            found.syllables += sum(scorer.syllables(w, lang) for w in words)
            found.long_sentences += len(words) > LONG_SENTENCE
    return found


# -- the corpora -------------------------------------------------------------------------------


def pdq_rows(folder: Path, rows: str) -> list[tuple[Path, Path]]:
    """The (professional, patient) file pairs of ``rows``: "odd" (1st, 3rd, ... data row,
    for tuning), "even" (2nd, 4th, ..., for reporting only) or "all"."""
    with (folder / "pairs.tsv").open(encoding="utf-8") as handle:
        data = list(csv.DictReader(handle, delimiter="\t"))
    pairs = [(folder / "hp" / r["hp_file"], folder / "patient" / r["patient_file"]) for r in data]
    if rows == "odd":
        return pairs[0::2]
    if rows == "even":
        return pairs[1::2]
    return pairs


def fda_dir() -> Path | None:
    return next((p for p in FDA_CANDIDATES if p.is_dir()), None)


def spl_article(path: Path) -> Any | None:
    """The professional prose of one SPL label as an article (a section per SPL section with
    paragraphs, a point per paragraph or list item); None for an OTC (consumer) label."""
    from tailor.pipeline.load import load_article

    root = ET.parse(path).getroot()
    code = root.find(f"{_HL7}code")
    if code is None or "PRESCRIPTION" not in (code.get("displayName") or ""):
        return None
    sections: list[dict[str, Any]] = []

    def text_of(el: ET.Element) -> str:
        return " ".join("".join(el.itertext()).split())

    def walk(section: ET.Element) -> None:
        scode = section.find(f"{_HL7}code")
        name = (scode.get("displayName") or "") if scode is not None else ""
        if name in _NOT_PROFESSIONAL:
            return
        title_el = section.find(f"{_HL7}title")
        title = text_of(title_el) if title_el is not None else ""
        body = section.find(f"{_HL7}text")
        points: list[str] = []
        if body is not None:
            for el in body.iter():
                if el.tag in (f"{_HL7}paragraph", f"{_HL7}item"):
                    if el.find(f".//{_HL7}table") is not None:
                        continue
                    words = text_of(el)
                    if len(_WORD.findall(words)) >= 3:
                        points.append(words)
        if points:
            sid = f"s{len(sections) + 1}"
            sections.append(
                {
                    "id": sid,
                    "title": title or name.title() or sid,
                    "points": [{"id": f"{sid}-{i}", "text": p} for i, p in enumerate(points, 1)],
                }
            )
        for comp in section.findall(f"{_HL7}component"):
            for child in comp.findall(f"{_HL7}section"):
                walk(child)

    component = root.find(f"{_HL7}component/{_HL7}structuredBody")
    if component is None:
        return None
    for comp in component.findall(f"{_HL7}component"):
        sec = comp.find(f"{_HL7}section")
        if sec is not None:
            walk(sec)
    if not sections:
        return None
    lead = sections[0]["points"].pop(0)
    if not sections[0]["points"]:
        sections.pop(0)
    data = {
        "id": re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()),
        "locale": "en",
        "question": path.stem,
        "title": path.stem,
        "lead": {"id": "lead", "text": lead["text"]},
        "sections": sections,
        "last_updated": "2011-01-01",
        "review_status": "submitted",
    }
    return load_article(data, label=str(path))


# -- rendering and figures ---------------------------------------------------------------------


@dataclass
class Corpus:
    """Articles and, for each, the prose every audience reads (lead and points).

    Prose comes from tailor's own select and transform stages, the same nodes a render
    scores; ``transformed`` keeps the full result (spans, substitutions, Words to know).
    """

    articles: list[Any]
    tailor: Any = None
    transformed: dict[str, list[Any]] = field(default_factory=dict)
    #: Whether sentences are split and study figures set aside as each audience asks
    #: (tailor.pipeline.reshape); False gives the prose as the glossary alone leaves it.
    reshaped: bool = True

    def __post_init__(self) -> None:
        if self.tailor is None:
            from tailor import Tailor

            self.tailor = Tailor()

    def of(self, audience: str) -> list[Any]:
        """Every article transformed for ``audience`` (computed once)."""
        if audience not in self.transformed:
            from tailor.pipeline.reshape import reshape
            from tailor.pipeline.select import select
            from tailor.pipeline.transform import transform

            t = self.tailor
            aud = t.audience(audience)
            step = reshape if self.reshaped else (lambda ta: ta)
            self.transformed[audience] = [
                step(transform(select(a, aud), t.glossary_for(aud, a))) for a in self.articles
            ]
        return self.transformed[audience]

    def prose(self, audience: str) -> list[list[Any]]:
        """Per article, the prose nodes (lead, then every point) as ``audience`` reads them."""
        return [[ta.lead, *(p for s in ta.sections for p in s.points)] for ta in self.of(audience)]

    def texts(self, audience: str) -> list[str]:
        return [node.text for nodes in self.prose(audience) for node in nodes]


@dataclass
class HardWords:
    """Rare words a reader meets unaided, and how many words were read."""

    unexplained: int = 0
    words: int = 0
    examples: dict[str, int] = field(default_factory=dict)
    #: Words joined to a footnote letter or to a neighbour where the source lost a space
    #: ("aReprinted", "bNumber"): extraction artefacts, counted apart from hard words.
    joined: int = 0
    joined_examples: dict[str, int] = field(default_factory=dict)

    @property
    def per_1000(self) -> float:
        return 1000 * self.unexplained / self.words if self.words else 0.0

    @property
    def joined_per_1000(self) -> float:
        return 1000 * self.joined / self.words if self.words else 0.0


def hard_words(corpus: Corpus, audience: str) -> HardWords:
    """Hard words left unexplained in ``audience``'s prose.

    A word is hard when it is rarer than Zipf :data:`HARD_ZIPF` in its plain form (the
    readability scorer's own test, "eases" as common as "ease"). It is left unexplained
    when it stands in untouched text, or in a kept glossary term that neither gets an
    explanation in place nor is listed in Words to know. Names are not counted: a
    capitalised word that does not start its sentence, or an abbreviation in capitals. The
    term a definition sentence of the sentence splitter names ("X means ...") is explained there.
    """
    from tailor.readability import split_sentences

    scorer = corpus.tailor.scorer
    found = HardWords()
    for ta, nodes in zip(corpus.of(audience), corpus.prose(audience), strict=True):
        # A kept term counts as explained only where the reader sees the explanation: in
        # Words to know, for an audience that has it.
        shown = ta.explained if ta.selected.audience.words_to_know else ()
        listed = {id(e) for e in shown}
        glossary = corpus.tailor.glossary_for(ta.selected.audience, ta.selected.article)
        for node in nodes:
            starts = _sentence_starts(node.text, split_sentences)
            pos = 0
            for span in node.spans:
                here = pos
                pos += len(span.text)
                words = list(_WORD.finditer(span.text))
                found.words += len(words)
                if span.kind in ("replaced", "explained"):
                    continue
                if span.kind == "term" and listed:
                    found_entry = glossary.entry_for(span.original or span.text)
                    if found_entry is not None and id(found_entry[0]) in listed:
                        continue
                defined = _DEFINED.match(span.text) if span.kind == "split" else None
                if defined is not None:
                    # "Mediastinum means the middle of the chest ...": a long explanation
                    # moved after its sentence (issue 14) names the term it explains.
                    words = [m for m in words if m.start() >= defined.end(1)]
                for m in words:
                    word = m.group()
                    if word[:1].isupper() and (here + m.start()) not in starts:
                        continue
                    if len(word) > 1 and word.isupper():
                        continue  # an abbreviation ("TNM: T3, N0") is a name wherever it stands
                    if _joined(word, scorer):
                        found.joined += 1
                        found.joined_examples[word] = found.joined_examples.get(word, 0) + 1
                        continue
                    if _is_hard(word, scorer):
                        found.unexplained += 1
                        key = word.lower()
                        found.examples[key] = found.examples.get(key, 0) + 1
    return found


#: A definition sentence the sentence splitter writes after a long explanation.
_DEFINED = re.compile(r"\s*([^.]+?) (?:means|is|are) ")


def _sentence_starts(text: str, split: Any) -> set[int]:
    """Offsets of the first word of each sentence of ``text``."""
    starts: set[int] = set()
    at = 0
    for sentence in split(text):
        i = text.find(sentence[:20], at)
        if i < 0:
            continue
        first = _WORD.search(text, i)
        if first is not None:
            starts.add(first.start())
        at = i + 1
    first = _WORD.search(text)
    if first is not None:
        starts.add(first.start())
    return starts


#: A lower-case run glued to a capitalised word: "aReprinted", "bNumber", "dConsidered".
_GLUED = re.compile(r"([a-z]+)([A-Z][a-z]+)")


def _joined(word: str, scorer: Any) -> bool:
    """Whether ``word`` is two tokens the text extraction ran together, not a word a reader
    meets: a lower-case start glued to a capitalised word that is itself common ("aReprinted"
    is the table-footnote letter "a" and "Reprinted"), while the whole is unknown to the word
    list. Real words with a capital inside ("mRNA", "qHPV", "pH") have an all-capital or
    short tail, so they never match; the rule needs no list of words.
    """
    glued = _GLUED.fullmatch(word)
    if glued is None:
        return False
    return (
        scorer._base_zipf(word.lower(), "en") == 0
        and scorer._base_zipf(glued.group(2).lower(), "en") >= HARD_ZIPF
    )


def _is_hard(word: str, scorer: Any) -> bool:
    key = re.sub(r"['’]s$", "", word).lower()
    parts = [p for p in key.split("-") if len(p) >= 3]
    if not parts:
        return False
    return min(scorer._base_zipf(p, "en") for p in parts) < HARD_ZIPF


@dataclass
class AudienceFigures:
    """The figures of one audience's rendering of a corpus."""

    audience: str
    text: TextFigures
    hard: HardWords
    substitutions: int


def audience_figures(corpus: Corpus, audience: str) -> AudienceFigures:
    """Text figures, hard words left and substitutions for ``audience`` over ``corpus``."""
    text = text_figures(corpus.texts(audience), corpus.tailor.scorer)
    subs = sum(len(ta.substitutions) for ta in corpus.of(audience))
    return AudienceFigures(audience, text, hard_words(corpus, audience), subs)


@dataclass
class PlainReport:
    """Every figure for one corpus split."""

    label: str
    articles: int
    clinician: AudienceFigures
    patient: AudienceFigures
    human: TextFigures | None
    seconds: float
    #: Per audience, its prose before and after sentence splitting and figures aside.
    sentences: dict[str, tuple[TextFigures, TextFigures]] = field(default_factory=dict)

    @property
    def gap_closed(self) -> float:
        """Percent of the FK gap between clinician rendering and human patient text closed
        by the patient rendering."""
        if self.human is None:
            return float("nan")
        gap = self.clinician.text.fk - self.human.fk
        return 100 * (self.clinician.text.fk - self.patient.text.fk) / gap if gap else math.nan

    @property
    def gap_closed_by_words(self) -> float:
        """The same, for the patient prose as the glossary alone leaves it (before
        sentences are split): what issue 13's plain words achieve on their own."""
        words = self.sentences.get("patient")
        if self.human is None or words is None:
            return float("nan")
        gap = self.clinician.text.fk - self.human.fk
        return 100 * (self.clinician.text.fk - words[0].fk) / gap if gap else math.nan

    def summary(self) -> dict[str, float]:
        p, c = self.patient, self.clinician
        out = {
            "fk_clinician": c.text.fk,
            "fk_patient": p.text.fk,
            "syllables_per_word": p.text.syllables_per_word,
            "words_per_sentence": p.text.words_per_sentence,
            "long_sentence_share": p.text.long_share,
            "unexplained_per_1000": p.hard.per_1000,
            "joined_words_per_1000": p.hard.joined_per_1000,
            "substitutions_per_1000": 1000 * p.substitutions / c.text.words if c.text.words else 0,
        }
        for audience, (before, after) in self.sentences.items():
            out |= {
                f"words_per_sentence_{audience}_unsplit": before.words_per_sentence,
                f"words_per_sentence_{audience}": after.words_per_sentence,
                f"long_sentence_share_{audience}_unsplit": before.long_share,
                f"long_sentence_share_{audience}": after.long_share,
            }
        if self.human is not None:
            out |= {
                "fk_human": self.human.fk,
                "syllables_per_word_human": self.human.syllables_per_word,
                "gap_closed": self.gap_closed,
                "gap_closed_words_alone": self.gap_closed_by_words,
            }
        return out


def measure_pdq(folder: Path, rows: str, limit: int | None = None) -> PlainReport:
    """The figures for the PDQ professional texts of ``rows`` and their patient versions."""
    from tailor.importers.pdq import convert_file

    start = time.perf_counter()
    pairs = pdq_rows(folder, rows)[:limit]
    hp = Corpus([convert_file(h) for h, _ in pairs])
    human = Corpus([convert_file(p) for _, p in pairs], tailor=hp.tailor)
    clinician = audience_figures(hp, "clinician")
    patient = audience_figures(hp, "patient")
    human_text = text_figures(human.texts("clinician"), hp.tailor.scorer)
    sentences = sentence_figures(hp)
    took = time.perf_counter() - start
    return PlainReport(
        f"PDQ {rows} rows", len(pairs), clinician, patient, human_text, took, sentences
    )


def sentence_figures(corpus: Corpus) -> dict[str, tuple[TextFigures, TextFigures]]:
    """Per audience, the figures of its prose before and after sentence splitting (and
    study figures set aside): what issue 14's steps change, apart from the glossary's."""
    t = corpus.tailor
    unsplit = Corpus(corpus.articles, tailor=t, reshaped=False)
    return {
        audience: (
            text_figures(unsplit.texts(audience), t.scorer),
            text_figures(corpus.texts(audience), t.scorer),
        )
        for audience in t.audiences
    }


def measure_fda(folder: Path) -> PlainReport | None:
    """The figures for the professional sections of the FDA prescription labels."""
    start = time.perf_counter()
    articles = [a for a in (spl_article(p) for p in sorted(folder.glob("*.xml"))) if a]
    if not articles:
        return None
    corpus = Corpus(articles)
    clinician = audience_figures(corpus, "clinician")
    patient = audience_figures(corpus, "patient")
    sentences = sentence_figures(corpus)
    took = time.perf_counter() - start
    return PlainReport("FDA labels", len(articles), clinician, patient, None, took, sentences)


def results_for(report: PlainReport, *, targets: bool) -> list[Result]:
    """One report as benchmark rows; ``targets`` marks the split the issue's goals apply to."""
    s = report.summary()
    lab = report.label
    p = report.patient
    top = sorted(p.hard.examples.items(), key=lambda kv: -kv[1])[:12]
    rows = []
    if report.human is not None:
        rows.append(
            Result(
                f"{lab}: FK gap closed by the patient rendering",
                s["gap_closed"],
                "%",
                target=TARGETS["gap_total"] if targets else None,
                higher_is_better=True,
                detail=f"FK clinician {s['fk_clinician']:.1f} -> patient {s['fk_patient']:.1f}; "
                f"NCI patient text {s['fk_human']:.1f} ({report.articles} summaries, pooled)",
            )
        )
        rows.append(
            Result(
                f"{lab}: FK gap closed by plain words alone (before splitting)",
                s["gap_closed_words_alone"],
                "%",
                target=TARGETS["gap"] if targets else None,
                higher_is_better=True,
                detail="the glossary's substitutions and explanations, sentences as written",
            )
        )
    else:
        rows.append(
            Result(
                f"{lab}: FK grade, patient rendering",
                s["fk_patient"],
                "grade",
                detail=f"clinician rendering {s['fk_clinician']:.1f} ({report.articles} labels)",
            )
        )
    human_syl = f"; NCI patient text {s['syllables_per_word_human']:.2f}" if report.human else ""
    rows += [
        Result(
            f"{lab}: syllables per word, patient",
            s["syllables_per_word"],
            "syl/word",
            target=TARGETS["syllables"] if targets else None,
            detail=f"clinician {report.clinician.text.syllables_per_word:.2f}{human_syl}",
        ),
        Result(
            f"{lab}: words per sentence, patient",
            s["words_per_sentence"],
            "words",
            detail=f"clinician {report.clinician.text.words_per_sentence:.1f}"
            + (f"; NCI patient text {report.human.words_per_sentence:.1f}" if report.human else ""),
        ),
        Result(
            f"{lab}: sentences over {LONG_SENTENCE} words, patient",
            s["long_sentence_share"],
            "%",
            detail=f"clinician {report.clinician.text.long_share:.0f}%"
            + (f"; NCI patient text {report.human.long_share:.0f}%" if report.human else ""),
        ),
        *(
            Result(
                f"{lab}: words per sentence, {audience}, before -> after splitting",
                after.words_per_sentence,
                "words",
                target=TARGETS["words_per_sentence"] if targets and audience == "patient" else None,
                detail=f"before {before.words_per_sentence:.1f}; over {LONG_SENTENCE} words: "
                f"{before.long_share:.0f}% -> {after.long_share:.0f}%",
            )
            for audience, (before, after) in report.sentences.items()
        ),
        Result(
            f"{lab}: hard words left unexplained, patient",
            s["unexplained_per_1000"],
            "/1000 words",
            target=TARGETS["unexplained"] if targets else None,
            detail=f"clinician {report.clinician.hard.per_1000:.0f}; most often: "
            + ", ".join(f"{w} ({n})" for w, n in top),
        ),
        Result(
            f"{lab}: words the text extraction ran together, patient (not counted as hard)",
            s["joined_words_per_1000"],
            "/1000 words",
            detail=", ".join(
                f"{w} ({n})"
                for w, n in sorted(p.hard.joined_examples.items(), key=lambda kv: -kv[1])[:8]
            )
            or "none",
        ),
        Result(
            f"{lab}: glossary substitutions, patient",
            s["substitutions_per_1000"],
            "/1000 words",
            detail=f"{p.substitutions} in {report.clinician.text.words:,} words; "
            f"measured in {report.seconds:.1f} s",
        ),
    ]
    return rows


def compile_figure(repeats: int = 5) -> Result:
    """How long the bundled glossary stack takes to compile (median of ``repeats``)."""
    import statistics

    from tailor import Tailor
    from tailor.glossary import CompiledGlossary

    t = Tailor()
    layers = [g for g in t.glossaries if g.locale.startswith("en")]
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        compiled = CompiledGlossary(layers)
        samples.append(time.perf_counter() - start)
    return Result(
        "bundled English glossary compile",
        statistics.median(samples) * 1e3,
        "ms",
        target=100.0,
        detail=f"{len(compiled):,} terms, every compile check run; median of {repeats}",
    )


def run(quick: bool = False) -> list[Result]:
    """Even rows (the issue's targets), odd rows (tuning) and the FDA labels."""
    folder = corpus_dir()
    if folder is None:
        return [
            Result(
                "plain words (NCI PDQ pairs)",
                None,
                "",
                detail="skipped: ../shared/data/nci-pdq-pairs is not beside the clone",
            )
        ]
    limit = 4 if quick else None
    results = [compile_figure(2 if quick else 7)]
    results += results_for(measure_pdq(folder, "even", limit), targets=True)
    results += results_for(measure_pdq(folder, "odd", limit), targets=False)
    fda = fda_dir()
    if fda is not None and not quick:
        report = measure_fda(fda)
        if report is not None:
            results += results_for(report, targets=False)
    if SAMPLE_FILE.exists():
        results.append(sample_figure(read_sample(SAMPLE_FILE)))
    return results


def sample_figure(judged: list[dict[str, str]]) -> Result:
    """The share of the committed sample's substitutions a careful reader judged OK."""
    counts = {v: sum(r["verdict"] == v for r in judged) for v in ("OK", "MEANING", "GRAMMAR")}
    share = 100 * counts["OK"] / len(judged) if judged else 0.0
    return Result(
        "judged sample: substitutions read as correct",
        share,
        "%",
        target=97.0,
        higher_is_better=True,
        detail=f"{len(judged)} drawn from the even rows (tests/fixtures/plain-words-sample.tsv): "
        + ", ".join(f"{n} {v}" for v, n in counts.items()),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plain_bench", description=__doc__)
    parser.add_argument("--rows", choices=("odd", "even", "all"), default="odd")
    parser.add_argument("--limit", type=int, default=None, help="first N pairs of the split")
    parser.add_argument("--fda", action="store_true", help="also the FDA labels")
    args = parser.parse_args(argv)
    folder = corpus_dir()
    if folder is None:
        print("../shared/data/nci-pdq-pairs is not beside the clone", file=sys.stderr)
        return 1
    reports = [measure_pdq(folder, args.rows, args.limit)]
    fda = fda_dir()
    if args.fda and fda is not None:
        found = measure_fda(fda)
        if found is not None:
            reports.append(found)
    for report in reports:
        print(f"== {report.label} ({report.articles} articles, {report.seconds:.1f} s)")
        for key, value in report.summary().items():
            print(f"  {key:28s} {value:8.2f}")
        top = sorted(report.patient.hard.examples.items(), key=lambda kv: -kv[1])[:40]
        print("  hard words left:", ", ".join(f"{w} {n}" for w, n in top))
        joined = sorted(report.patient.hard.joined_examples.items(), key=lambda kv: -kv[1])
        print("  joined by extraction:", ", ".join(f"{w} {n}" for w, n in joined) or "none")
    return 0


# -- the judged sample ---------------------------------------------------------------------

#: The committed sample of substitutions a careful reader judged (issue 13).
SAMPLE_FILE = ROOT / "tests" / "fixtures" / "plain-words-sample.tsv"
SAMPLE_SIZE = 200
SAMPLE_SEED = 13
#: Columns tailor fills in; "verdict" and "note" are the reader's.
SAMPLE_COLUMNS = (
    "index",
    "article",
    "point_id",
    "critical",
    "term",
    "original",
    "replacement",
    "mode",
    "source",
    "before_sentence",
    "after_sentence",
)


def substitution_sample(
    folder: Path, rows: str = "even", size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED
) -> list[dict[str, str]]:
    """``size`` substitutions drawn at random (fixed ``seed``) from every substitution the
    patient rendering of ``rows`` makes, each with the sentence before and after.

    Each substitution gets a random rank from a hash of ``seed`` and where it stands
    (article, point, its place in the point, the words replaced); the ``size`` lowest ranks
    are the sample, in reading order. So the draw is uniform, repeatable, and stable: a
    glossary change redraws only the rows it touches, and their judgements alone are redone.
    """
    import hashlib

    from tailor.importers.pdq import convert_file
    from tailor.readability import split_sentences

    pairs = pdq_rows(folder, rows)
    corpus = Corpus([convert_file(h) for h, _ in pairs], reshaped=False)
    found: list[dict[str, str]] = []
    for ta in corpus.of("patient"):
        nodes = [ta.question, ta.title, ta.lead]
        for section in ta.sections:
            nodes += [section.title, *section.points]
        subs = iter(ta.substitutions)
        for node in nodes:
            at = 0
            place = 0
            for span in node.spans:
                start = at
                at += len(span.text)
                if span.kind not in ("replaced", "explained"):
                    continue
                sub = next(subs)
                place += 1
                after, k = _sentence_at(node.text, start, split_sentences)
                source = node.source_text
                found.append(
                    {
                        "article": ta.selected.article.id,
                        "point_id": node.id,
                        "critical": "yes" if node.critical else "",
                        "term": sub.term,
                        "original": sub.original,
                        "replacement": sub.replacement,
                        "mode": sub.mode,
                        "source": sub.source,
                        "before_sentence": _source_sentence(
                            source, k, sub.original, split_sentences
                        ),
                        "after_sentence": after,
                        "place": str(place),
                    }
                )

    def rank(row: dict[str, str]) -> bytes:
        where = "|".join(
            (str(seed), row["article"], row["point_id"], row["place"], row["original"])
        )
        return hashlib.sha256(where.encode("utf-8")).digest()

    chosen = sorted(sorted(range(len(found)), key=lambda i: rank(found[i]))[:size])
    return [{"index": str(i), **found[i]} for i in chosen]


def _sentence_at(text: str, offset: int, split: Any) -> tuple[str, int]:
    """The sentence of ``text`` holding character ``offset``, and its index."""
    at = 0
    for k, sentence in enumerate(split(text)):
        i = text.find(sentence[:30], at)
        if i < 0:
            continue
        if i <= offset < i + len(sentence):
            return sentence, k
        at = i + 1
    return " ".join(text.split()), -1


def _source_sentence(text: str, k: int, words: str, split: Any) -> str:
    """Sentence ``k`` of the source when it holds ``words``; else the first that does."""
    sentences = split(text)
    if 0 <= k < len(sentences) and words in sentences[k]:
        return str(sentences[k])
    for sentence in sentences:
        if words in sentence:
            return str(sentence)
    return " ".join(text.split())


def write_sample(path: Path, rows: list[dict[str, str]], judged: dict[str, dict[str, str]]) -> None:
    """Write the sample as TSV, keeping the verdict and note of every row judged before
    with the same original and replacement."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow([*SAMPLE_COLUMNS[:8], "verdict", "note", *SAMPLE_COLUMNS[8:]])
        for row in rows:
            old = judged.get(_sample_key(row), {})
            writer.writerow(
                [
                    *(row[c] for c in SAMPLE_COLUMNS[:8]),
                    old.get("verdict", ""),
                    old.get("note", ""),
                    *(row[c] for c in SAMPLE_COLUMNS[8:]),
                ]
            )


def read_sample(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _sample_key(row: dict[str, str]) -> str:
    return "\t".join(
        row[c] for c in ("article", "point_id", "original", "replacement", "after_sentence")
    )


def sample_main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the sample file, keeping the judgements of unchanged rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plain_bench sample")
    parser.add_argument("--out", type=Path, default=SAMPLE_FILE)
    args = parser.parse_args(argv)
    folder = corpus_dir()
    if folder is None:
        print("../shared/data/nci-pdq-pairs is not beside the clone", file=sys.stderr)
        return 1
    judged = {_sample_key(r): r for r in read_sample(args.out)} if args.out.exists() else {}
    rows = substitution_sample(folder)
    write_sample(args.out, rows, judged)
    todo = sum(1 for r in rows if _sample_key(r) not in judged)
    print(f"wrote {len(rows)} rows to {args.out}; {todo} need a (new) judgement")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["sample"]:
        sys.exit(sample_main(sys.argv[2:]))
    sys.exit(main())
