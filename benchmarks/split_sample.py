"""The judged sample of sentence splits (issue 14): 150 cuts drawn at random from the EVEN
PDQ rows, each judged by a careful reader for grammar and meaning.

``tests/fixtures/split_sample.yaml`` holds the sample with its verdicts. The draw is fixed
(seed :data:`SEED`), so the sample is what tailor produces today: when a rule changes what a
drawn sentence becomes, ``tests/test_split_sample.py`` fails until the sample is drawn again
(``python -m benchmarks.split_sample``, which keeps the verdicts of cuts that did not change
and marks the others ``unjudged``) and the changed cuts are judged.

A verdict is ``ok`` (every new sentence is grammatical, and the cut says what the sentence
said: same facts, same negations and numbers, same subject doing the same thing) or
``wrong``, with a note saying why.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

from .common import ROOT, corpus_dir

SEED = 14
SIZE = 150
SAMPLE = ROOT / "tests" / "fixtures" / "split_sample.yaml"


def draw(folder: Path, size: int = SIZE, seed: int = SEED) -> list[dict[str, Any]]:
    """``size`` cuts drawn at random from the patient rendering of the even PDQ rows."""
    from tailor import Tailor
    from tailor.importers.pdq import convert_file
    from tailor.pipeline.reshape import reshape
    from tailor.pipeline.select import select
    from tailor.pipeline.transform import transform

    from .plain_bench import pdq_rows

    t = Tailor()
    audience = t.audience("patient")
    cuts: list[dict[str, Any]] = []
    for hp, _ in pdq_rows(folder, "even"):
        article = convert_file(hp)
        done = reshape(transform(select(article, audience), t.glossary_for(audience, article)))
        cuts.extend(
            {
                "article": article.id,
                "point": s.point_id,
                "rule": s.rule,
                "original": s.original,
                "sentences": list(s.sentences),
            }
            for s in done.splits
        )
    picked = random.Random(seed).sample(range(len(cuts)), min(size, len(cuts)))
    return [cuts[i] for i in sorted(picked)]


def _key(cut: dict[str, Any]) -> tuple[str, ...]:
    return (cut["article"], cut["point"], cut["original"], *cut["sentences"])


def load(path: Path = SAMPLE) -> list[dict[str, Any]]:
    """The committed sample with its verdicts."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["cuts"])


def write(folder: Path, path: Path = SAMPLE) -> tuple[int, int]:
    """Draw the sample again, keeping the verdicts of unchanged cuts; returns (kept, new).

    The file's comment header, its ``fixed`` record (wrong cuts of earlier rounds, which
    the rules no longer make) and its ``known`` record (wrong cuts still made, outside the
    sample, with why) are kept as they are.
    """
    import yaml

    header, fixed, known = "", [], []
    old: dict[tuple[str, ...], dict[str, Any]] = {}
    if path.exists():
        text = path.read_text(encoding="utf-8")
        header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
        data = yaml.safe_load(text)
        fixed = list(data.get("fixed") or [])
        known = list(data.get("known") or [])
        old = {_key(c): c for c in data["cuts"]}
    cuts = []
    kept = 0
    for cut in draw(folder):
        before = old.get(_key(cut))
        if before is not None:
            kept += 1
            cut["verdict"] = before["verdict"]
            if before.get("note"):
                cut["note"] = before["note"]
        else:
            cut["verdict"] = "unjudged"
        cuts.append(cut)
    body = yaml.safe_dump(
        {"seed": SEED, "size": SIZE, "cuts": cuts, "fixed": fixed}
        | ({"known": known} if known else {}),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    path.write_text(header + body, encoding="utf-8")
    return kept, len(cuts) - kept


def main() -> int:
    folder = corpus_dir()
    if folder is None:
        print("../shared/data/nci-pdq-pairs is not beside the clone", file=sys.stderr)
        return 1
    kept, new = write(folder)
    cuts = load()
    ok = sum(c["verdict"] == "ok" for c in cuts)
    print(f"{len(cuts)} cuts: {kept} verdicts kept, {new} to judge; {ok} judged ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
