"""A long-lived Tailor holds a bounded number of bytes, and a dead worker is a clear error.

Issue 11, item 11: 200 distinct articles with a 1 MB point each took a web backend from
38 MB to 2.7 GB, because caches were bounded by count, not size; and a worker process that
died (killed, or the README's ``render_many`` snippet run without an
``if __name__ == "__main__":`` guard) ended the batch in ``BrokenProcessPool``, 0 files.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import tracemalloc
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from tailor import RenderRequest, Tailor
from tailor.errors import BatchError, WorkerError

from .conftest import EXAMPLE, EXAMPLE_DISCLAIMERS, example_tailor
from .hostile import article_data

BUDGET = 1_000_000


def _big_article(t: Tailor, i: int, sentences: int = 800):
    # about 20 KB of varied prose, so nothing is shared between articles
    text = " ".join(f"Dose {i} eases spasticity in week {n}." for n in range(sentences))
    return t.load(article_data(text, f"big-{i}"))


def test_many_large_articles_keep_the_caches_within_their_byte_budget():
    t = example_tailor(cache_bytes=BUDGET)
    for i in range(12):
        t.render(_big_article(t, i), "patient", "html")
    assert t.cache_bytes() <= BUDGET
    assert len(t._prepared) < 12  # the oldest renderings were dropped to stay in budget


def test_the_byte_estimates_are_honest_about_what_the_caches_hold():
    """Measured once: what one article's cached work really holds, against the estimate
    the budget is kept with (an estimate far below the truth would make it meaningless)."""
    t = example_tailor()
    t.render(_big_article(t, -1, 50), "patient", "html")  # warm: dictionaries, templates
    article = _big_article(t, 0, 400)
    before_estimate = t.cache_bytes()
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        t.render(article, "patient", "html")
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    estimate = t.cache_bytes() - before_estimate
    assert held - base <= 2 * estimate


def test_a_value_larger_than_the_whole_budget_is_returned_but_not_kept():
    t = example_tailor(cache_bytes=100_000)
    article = _big_article(t, 0)
    first = t.render(article, "patient", "text")
    assert t.render(article, "patient", "text").content == first.content
    assert t.cache_bytes() <= 100_000


class _DyingPool(ThreadPoolExecutor):
    """An executor whose second chunk's worker dies, as a killed process would."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        if self.calls == 2:
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_dead_worker_fails_only_the_requests_it_held_with_a_clear_error(tailor, baclofen):
    requests = [RenderRequest(baclofen, a, "text") for a in ("clinician", "patient", "caregiver")]
    with _DyingPool() as pool:
        results = tailor.render_many(requests, pool, chunk_size=1, errors="return")
    assert [type(r).__name__ for r in results] == ["Rendering", "WorkerError", "Rendering"]
    message = str(results[1])
    assert "worker process" in message and '__name__ == "__main__"' in message
    with _DyingPool() as pool, pytest.raises(BatchError) as caught:
        tailor.render_many(requests, pool, chunk_size=1)
    assert [i for i, _ in caught.value.failures] == [1]
    assert isinstance(caught.value.failures[0][1], WorkerError)


class _BreakingPool(ThreadPoolExecutor):
    """An executor that breaks while chunks are still being handed to it."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        if self.calls == 2:
            raise BrokenProcessPool("a child process terminated abruptly")
        return super().submit(fn, *args, **kwargs)


def test_a_pool_that_breaks_mid_hand_over_fails_the_requests_it_never_took(tailor, baclofen):
    requests = [RenderRequest(baclofen, a, "text") for a in ("clinician", "patient", "caregiver")]
    with _BreakingPool() as pool:
        results = tailor.render_many(requests, pool, chunk_size=1, errors="return")
    assert [type(r).__name__ for r in results] == ["Rendering", "WorkerError", "WorkerError"]
    assert results[0].content == tailor.render(baclofen, "clinician", "text").content


def test_the_readme_snippet_without_a_main_guard_ends_in_a_clear_error(tmp_path):
    script = tmp_path / "render_all.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from tailor import RenderRequest, Tailor, load_article
            from tailor.errors import BatchError

            t = Tailor(disclaimers={str(EXAMPLE_DISCLAIMERS)!r})
            article = load_article({str(EXAMPLE)!r})
            try:
                t.render_many([RenderRequest(article, "patient", "text")] * 4)
            except BatchError as exc:
                print("BATCH ERROR:", exc)
                sys.exit(3)
            print("RENDERED")
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    # Forked workers need no guard (the batch renders); spawned or forkserver workers
    # re-run the script, die, and the batch says why instead of a BrokenProcessPool.
    if "RENDERED" not in done.stdout:
        assert done.returncode == 3, done.stderr[-2000:]
        assert "worker process" in done.stdout and "__main__" in done.stdout
