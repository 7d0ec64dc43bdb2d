"""The judged sample of sentence splits stays in step with what tailor produces.

``tests/fixtures/split_sample.yaml`` holds 150 cuts drawn at random (fixed seed) from the
patient rendering of the EVEN NCI PDQ rows, each judged by a careful reader. When a rule
changes what any drawn sentence becomes, the sample no longer describes tailor and this
test fails: draw it again with ``python -m benchmarks.split_sample`` (verdicts of unchanged
cuts are kept) and judge the new ones. Needs the corpus beside the clone (../shared).
"""

from __future__ import annotations

import pytest
from benchmarks.common import corpus_dir
from benchmarks.split_sample import SIZE, draw, load

#: The share of cuts that must read as grammatical and meaning-preserving.
MIN_OK = 0.95


def test_every_cut_in_the_sample_is_judged_and_95_percent_read_well():
    cuts = load()
    assert len(cuts) == SIZE
    verdicts = [c["verdict"] for c in cuts]
    assert set(verdicts) <= {"ok", "wrong"}, "judge the new cuts: some are 'unjudged'"
    assert all(c.get("note") for c in cuts if c["verdict"] == "wrong")
    assert verdicts.count("ok") / len(verdicts) >= MIN_OK


def test_the_sample_is_what_tailor_produces_today():
    folder = corpus_dir()
    if folder is None:
        pytest.skip("../shared/data/nci-pdq-pairs is not beside the clone")
    drawn = [
        (c["article"], c["point"], c["rule"], c["original"], c["sentences"]) for c in draw(folder)
    ]
    committed = [
        (c["article"], c["point"], c["rule"], c["original"], c["sentences"]) for c in load()
    ]
    assert drawn == committed, (
        "tailor now splits the sampled sentences differently: run "
        "`python -m benchmarks.split_sample` and judge the cuts marked 'unjudged'"
    )
