"""The benchmark harness: its baseline is honest and its table never hides a miss.

Timings are never asserted here (the machines are shared and noisy); these tests check
that the code measuring them is right.
"""

from __future__ import annotations

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
