"""Real text: the 70 NCI PDQ summary pairs, converted, rendered for every audience, scored.

Needs the corpus beside the clone (``../shared/data/nci-pdq-pairs``, as CI provides it);
without it the figures are reported as skipped, never invented. Reports:

- articles per second: every health-professional summary rendered (HTML, verified) for
  every audience, with readability scored, in one process (worker processes and Dask:
  ``scale_bench``);
- the median reading grade of tailor's patient rendering, of the clinician rendering, and
  of the human-written patient version of the same summaries, all scored by the same
  scorer through the same path (each patient version is converted like the
  health-professional one and rendered for the clinician, whose rendering leaves words as
  they are), and how much of the gap between clinician and human editor tailor closes;
- the jargon candidates found most often in the patient renderings.
"""

from __future__ import annotations

import contextlib
import csv
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .common import Result, corpus_dir

_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")


def _pairs(folder: Path) -> list[tuple[Path, Path]]:
    with (folder / "pairs.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(folder / "hp" / r["hp_file"], folder / "patient" / r["patient_file"]) for r in rows]


def _grade(rendering: Any) -> float | None:
    report = getattr(rendering, "readability", None)
    return None if report is None else float(report.article.grade)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _jargon(
    t: Any, hp: list[Any], patient_renders: list[Any], human: list[Any]
) -> tuple[list[tuple[str, int]], str]:
    """Most frequent jargon candidates, by the number of summaries they occur in.

    Uses the readability report's own candidates when the scorer provides them; otherwise
    the words the patient glossary left untouched that the human-written patient versions
    never use (a corpus-based stand-in, said so in the output).
    """
    found: Counter[str] = Counter()
    reports = [getattr(r, "readability", None) for r in patient_renders]
    if any(getattr(r, "jargon", ()) for r in reports):
        for report in reports:
            found.update({c.word.lower() for c in getattr(report, "jargon", ())})
        return found.most_common(15), "the readability report's jargon candidates"
    human_words = {
        w.lower() for art in human for _, p in art.points() for w in _WORD.findall(p.text)
    }
    glossary = t.glossary_for(t.audience("patient"))
    for art in hp:
        words: set[str] = set()
        for _, point in art.points():
            text = point.text
            spans = [(m.start, m.end) for m in glossary.find(text)]
            for m in _WORD.finditer(text):
                inside = any(s <= m.start() < e for s, e in spans)
                word = m.group().lower()
                if not inside and len(word) > 4 and word not in human_words:
                    words.add(word)
        found.update(words)
    return found.most_common(15), (
        "fallback: words the patient glossary leaves that no human-written patient "
        "version uses (the scorer offers no jargon candidates)"
    )


def run(quick: bool = False, folder: Path | None = None) -> list[Result]:
    """The corpus figures; ``folder`` (a pairs.tsv with hp/ and patient/) for tests."""
    folder = folder or corpus_dir()
    if folder is None:
        return [
            Result(
                "real corpus (NCI PDQ pairs)",
                None,
                "",
                detail="skipped: ../shared/data/nci-pdq-pairs is not beside the clone",
            )
        ]
    from tailor import Tailor
    from tailor.importers.pdq import convert_file

    pairs = _pairs(folder)[: 3 if quick else None]
    start = time.perf_counter()
    hp = [convert_file(h) for h, _ in pairs]
    human = [convert_file(p) for _, p in pairs]
    convert_s = time.perf_counter() - start

    t = Tailor()
    audiences = list(t.audiences)
    failures: list[str] = []
    renders: dict[str, list[Any]] = {a: [] for a in audiences}
    start = time.perf_counter()
    for art in hp:
        for audience in audiences:
            try:
                renders[audience].append(t.render(art, audience, "html"))
            except Exception as exc:  # a corpus failure is a finding, reported below
                failures.append(f"{art.id}/{audience}: {type(exc).__name__}: {exc}"[:200])
    serial_s = time.perf_counter() - start

    fast = Tailor()
    start = time.perf_counter()
    for art in hp:
        for audience in audiences:
            with contextlib.suppress(Exception):  # failures are counted in the pass above
                fast.render(art, audience, "html", readability=False)
    unscored_s = time.perf_counter() - start

    human_grades = [
        g for g in (_grade(Tailor.render(t, a, "clinician", "text")) for a in human) if g
    ]
    grades = {a: [g for g in map(_grade, renders[a]) if g is not None] for a in audiences}
    clinician, patient = _median(grades["clinician"]), _median(grades["patient"])
    human_median = _median(human_grades)
    n = len(hp)
    results = [
        Result(
            "PDQ summaries converted",
            float(n),
            "articles",
            detail=f"{n} health-professional + {len(human)} patient versions in "
            f"{convert_s:.1f} s, from {folder}",
        ),
        Result(
            "corpus renders that failed",
            float(len(failures)),
            "renders",
            target=0.0,
            detail="; ".join(failures[:3]) or f"all {n * len(audiences)} verified",
        ),
        Result(
            "corpus throughput, every audience, readability scored",
            n / serial_s,
            "articles/s",
            detail=f"{n * len(audiences) / serial_s:.1f} renders/s, one process, "
            f"{len(audiences)} audiences each",
        ),
        Result(
            "corpus throughput, every audience, no readability",
            n / unscored_s,
            "articles/s",
            detail=f"{n * len(audiences) / unscored_s:.1f} renders/s, one process",
        ),
    ]
    gap = clinician - human_median
    closed = (clinician - patient) / gap * 100 if gap else float("nan")
    results += [
        Result(
            "median grade, clinician rendering",
            clinician,
            "grade",
            detail=f"{len(grades['clinician'])} summaries, the readability report's article "
            "grade (the harder of its grade formulas)",
        ),
        Result(
            "median grade, tailor's patient rendering",
            patient,
            "grade",
            detail=f"patient audience target: grade {t.audience('patient').reading_grade_max}",
        ),
        Result(
            "median grade, human-written patient version",
            human_median,
            "grade",
            detail=f"{len(human_grades)} NCI patient versions, same scorer, same path",
        ),
        Result(
            "grade gap closed by tailor (clinician -> human editor)",
            closed,
            "%",
            detail=f"{clinician:.1f} -> {patient:.1f}; human editors reach {human_median:.1f}",
        ),
    ]
    if "caregiver" in grades:
        results.append(
            Result(
                "median grade, tailor's caregiver rendering",
                _median(grades["caregiver"]),
                "grade",
                detail="jargon explained in place, so longer sentences",
            )
        )
    top, how = _jargon(t, hp, renders["patient"], human)
    results.append(
        Result(
            "jargon candidates found most often",
            float(len(top)),
            "words",
            detail=f"{how}: " + ", ".join(f"{w} ({c})" for w, c in top),
            extra={"candidates": [{"word": w, "summaries": c} for w, c in top]},
        )
    )
    return results
