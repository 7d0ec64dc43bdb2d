"""Batch rendering: how a library re-render scales from one worker process to two.

The machine has two cores shared with other work, so the figure is reported rather than
held to a target; perfect scaling would be 2.0x. Pools are started and warmed (tailor
imported in every worker) before timing, as a long re-render amortises that.
"""

from __future__ import annotations

import time
from concurrent.futures import Executor

from .common import EXAMPLE_DISCLAIMERS, Result
from .core_bench import _unseen_articles


def _warm() -> None:
    import tailor  # noqa: F401

    time.sleep(0.05)


def _pool(workers: int) -> Executor:
    from tailor.batch import process_pool

    pool = process_pool(workers)
    for future in [pool.submit(_warm) for _ in range(workers * 2)]:
        future.result()
    return pool


def run(quick: bool = False) -> list[Result]:
    from tailor import RenderRequest, Tailor

    copies = 4 if quick else 100
    audiences = ("clinician", "patient", "caregiver")
    requests = [
        RenderRequest(article, audience, "html", readability=False)
        for article in _unseen_articles(copies)
        for audience in audiences
    ]
    t = Tailor(disclaimers=EXAMPLE_DISCLAIMERS)
    took: dict[int, float] = {}
    for workers in (1, 2):
        pool = _pool(workers)
        try:
            start = time.perf_counter()
            t.render_many(requests, pool, chunk_size=max(1, len(requests) // 4))
            took[workers] = time.perf_counter() - start
        finally:
            pool.shutdown()
    n = len(requests)
    speedup = took[1] / took[2]
    return [
        Result(
            "render_many scaling, 1 -> 2 worker processes",
            speedup,
            "x",
            detail=f"{n} unseen renders: {n / took[1]:.0f}/s with 1 worker, "
            f"{n / took[2]:.0f}/s with 2 (ideal 2.0x on 2 free cores; 4 chunks, each worker "
            "builds its Tailor once)",
        )
    ]
