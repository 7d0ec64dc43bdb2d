"""The benchmark harness: its baseline is honest and its table never hides a miss.

Timings are never asserted here (the machines are shared and noisy); these tests check
that the code measuring them is right.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.__main__ import discover, run_module, table
from benchmarks.common import Result, baseline

from .conftest import AUDIENCES


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_bare_jinja2_baseline_renders_the_same_html_as_tailor(audience):
    base = baseline(audience, "html")
    assert base.render() == base.expected
    assert "tailor" not in type(base.render).__module__


def test_a_figure_over_its_target_is_a_miss_and_is_marked_in_the_table():
    over = Result("warm render", 2.5, "x", target=2.0)
    under = Result("compile", 120.0, "ms", target=200.0)
    rate = Result("articles per second", 3.0, "/s", target=5.0, higher_is_better=True)
    info = Result("construction", 60.0, "ms")
    assert [r.status for r in (over, under, rate, info)] == ["MISS", "PASS", "MISS", "INFO"]
    printed = table([over, under, rate, info])
    assert printed.count("MISS") == 2
    assert "<= 2 x" in printed and ">= 5 /s" in printed


def test_the_runner_finds_every_bench_module_core_first():
    names = discover()
    assert names[0] == "core_bench"
    assert all(n.endswith("_bench") for n in names)


def test_a_module_that_fails_becomes_an_error_row_not_a_crash():
    (row,) = run_module("no_such_bench", quick=True)
    assert row.status == "ERROR"
    assert "no_such_bench" in row.name


def _tiny_corpus(folder: Path) -> Path:
    fixtures = Path(__file__).parent / "fixtures" / "pdq"
    for version in ("hp", "patient"):
        shutil.copytree(fixtures / version, folder / version)
    hp, patient = (next((folder / v).glob("*.md")).name for v in ("hp", "patient"))
    (folder / "pairs.tsv").write_text(
        f"hp_file\tpatient_file\thp_url\tpatient_url\n{hp}\t{patient}\t-\t-\n"
    )
    return folder


def test_the_corpus_figures_are_computed_from_a_tiny_corpus(tmp_path):
    from benchmarks import corpus_bench

    results = {r.name: r for r in corpus_bench.run(quick=True, folder=_tiny_corpus(tmp_path))}
    assert results["PDQ summaries converted"].value == 1
    assert results["corpus renders that failed"].status == "PASS"
    grades = [v for k, v in results.items() if k.startswith("median grade")]
    assert len(grades) == 4 and all(g.value and 5 < g.value < 25 for g in grades)
    assert results["jargon candidates found most often"].extra["candidates"]


def test_without_the_corpus_its_figures_say_they_were_skipped(monkeypatch):
    from benchmarks import corpus_bench

    monkeypatch.setattr(corpus_bench, "corpus_dir", lambda: None)
    (row,) = corpus_bench.run(quick=True)
    assert row.status == "INFO" and "skipped" in row.detail


def test_the_scale_figure_renders_a_tiny_corpus_on_one_and_two_worker_processes(tmp_path):
    from benchmarks import scale_bench

    rows = {r.name: r for r in scale_bench.run(quick=True, folder=_tiny_corpus(tmp_path))}
    one = rows["corpus renders/s, render_many on 1 worker process"]
    two = rows["corpus renders/s, render_many on 2 worker processes"]
    assert "= 6 renders" in one.detail  # 1 summary x 3 audiences x 2 formats
    assert "0 failed" in one.detail and "0 failed" in two.detail
    assert two.detail.count("MB") == 1 and " + " in two.detail  # a peak for each worker
    speedup = rows["corpus speed-up, 1 -> 2 worker processes"]
    assert speedup.target == 1.7 and speedup.higher_is_better and speedup.value
