"""One shared Tailor under 8 threads gives the very bytes it gives one caller at a time.

2,000 requests mix articles, audiences, locales and formats; each Tailor starts cold, so
the threads race to fill the same caches (prepared articles, compiled glossaries, Jinja2
environments per locale, translations) while they render. The thread switch interval is
shortened for the test so that races, if any, get every chance to happen.
"""

from __future__ import annotations

import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tailor import Tailor, load_article

from .conftest import AUDIENCES, FORMATS, example_tailor

REQUESTS = 2_000
THREADS = 8


@pytest.fixture(scope="module")
def articles(request) -> list:
    from .conftest import EXAMPLE

    base = load_article(EXAMPLE)
    approved = base.model_dump(mode="json")
    approved["id"] = "baclofen-approved"
    approved["review_status"] = "approved"
    approved["last_updated"] = "2024-02-29"
    approved["sections"][0]["points"][1]["rewordings"] = {
        "patient": "Baclofen may also help people with spinal cord injuries or other spinal "
        "cord diseases"
    }
    approved["sections"][2]["points"][0]["audiences"] = ["clinician"]
    return [base, load_article(approved)]


def _locales(t: Tailor) -> list[str]:
    """Every locale the Tailor reports, and regional variants that format dates differently."""
    found = list(t.locales)
    for extra in ("en_GB", "en_US", "es_MX"):
        language = extra.split("_")[0]
        if language in t.locales:
            found.append(extra)
    return found


def _requests(articles, locales) -> list[tuple[int, str, str, str, bool]]:
    rng = random.Random(20251022)
    return [
        (
            rng.randrange(len(articles)),
            rng.choice(AUDIENCES),
            rng.choice(locales),
            rng.choice(FORMATS),
            rng.random() < 0.05,  # some requests also score readability
        )
        for _ in range(REQUESTS)
    ]


def _render(t: Tailor, articles, req) -> tuple[str, tuple, tuple[str, ...]]:
    index, audience, locale, fmt, readability = req
    out = t.render(articles[index], audience, fmt, locale=locale, readability=readability)
    return out.content, out.substitutions, out.warnings if readability else ()


def test_eight_threads_render_exactly_what_one_thread_renders(articles):
    serial_tailor = example_tailor()
    requests = _requests(articles, _locales(serial_tailor))
    assert len({r[2] for r in requests}) == len(_locales(serial_tailor))
    serial = [_render(serial_tailor, articles, r) for r in requests]

    shared = example_tailor()  # cold: the threads fill its caches while they race
    start = threading.Barrier(THREADS)
    chunks = [requests[i::THREADS] for i in range(THREADS)]

    def work(chunk_index: int) -> list[tuple[int, tuple]]:
        start.wait()
        chunk = chunks[chunk_index]
        return [
            (chunk_index + THREADS * k, _render(shared, articles, req))
            for k, req in enumerate(chunk)
        ]

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            results = [item for part in pool.map(work, range(THREADS)) for item in part]
    finally:
        sys.setswitchinterval(previous)

    assert len(results) == REQUESTS
    concurrent = dict(results)
    mismatched = [i for i in range(REQUESTS) if concurrent[i] != serial[i]]
    assert not mismatched, [requests[i] for i in mismatched[:5]]
