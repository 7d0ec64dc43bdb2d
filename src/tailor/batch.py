"""Rendering many requests at once, on this machine's cores or on any executor.

A content team re-renders a whole library when a glossary changes; one process renders
one request at a time. :func:`render_many` cuts the requests into chunks and hands each
chunk, with the :class:`~tailor.Tailor`, to a :class:`concurrent.futures.Executor`: a
process pool by default, or whatever the caller passes (threads, processes, Dask's
``Client.get_executor()``, Ray). A Tailor pickles as its configuration; a worker process
builds it on the first chunk and reuses it, with everything it compiled and cached, for
every later chunk (:func:`built_tailor`), so chunks can be small enough to keep every
worker busy to the end. Results come back in request order whatever order the chunks
finish in.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import BatchError, TailorError, WorkerError
from .model import Article

if TYPE_CHECKING:  # concurrent.futures loads logging: only batch rendering pays for it
    from concurrent.futures import Executor, Future

    from .pipeline.types import Rendering
    from .tailor import Tailor

__all__ = ["Progress", "RenderRequest", "available_cores", "process_pool", "render_many"]

#: Called as ``progress(done, total)`` in the caller's thread each time a chunk finishes.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """One rendering to produce: the arguments of :meth:`~tailor.Tailor.render`."""

    article: Article
    audience: str
    format: str = "html"
    locale: str | None = None
    readability: bool = True
    #: Where a ``page``'s audience selector points (see :meth:`~tailor.Tailor.render`).
    links: Literal["query", "files"] = "query"

    @classmethod
    def of(
        cls, item: RenderRequest | tuple[Article, str] | tuple[Article, str, str]
    ) -> RenderRequest:
        """A request from itself or from an ``(article, audience[, format])`` tuple."""
        if isinstance(item, RenderRequest):
            return item
        if isinstance(item, tuple) and 2 <= len(item) <= 3 and isinstance(item[0], Article):
            return cls(*item)
        raise TypeError(
            "a render request is a RenderRequest or an (article, audience[, format]) tuple, "
            f"not {type(item).__name__}"
        )


class _Built:
    """The Tailors this process built from pickled configurations, most recent last.

    The one deliberate piece of per-process state in tailor (issue 16: workers reuse what
    they compiled): a worker process that unpickles the same configuration for every
    chunk gets the Tailor it built for the first one, with its compiled glossaries,
    readability dictionaries, Jinja2 environments and caches, instead of spending half a
    second rebuilding them per chunk. At most ``size`` are kept; the oldest goes first.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._tailors: dict[tuple[str, tuple[Any, ...]], Tailor] = {}
        self._building: dict[tuple[str, tuple[Any, ...]], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(
        self, key: tuple[str, tuple[Any, ...]], kind: type[Tailor], config: dict[str, Any]
    ) -> Tailor:
        with self._lock:
            found = self._tailors.get(key)
            if found is not None:
                return found
            building = self._building.setdefault(key, threading.Lock())
        with building:  # two threads of one worker build it once, not twice
            with self._lock:
                found = self._tailors.get(key)
            if found is not None:
                return found
            made = kind(**config)
            with self._lock:
                self._tailors[key] = made
                self._building.pop(key, None)
                while len(self._tailors) > self._size:
                    del self._tailors[next(iter(self._tailors))]
            return made


_BUILT = _Built(size=4)
#: Chunks per worker when the caller does not choose a chunk size.
_CHUNKS_PER_WORKER = 8


def built_tailor(
    kind: type[Tailor], key: str, folders: tuple[Any, ...], config: dict[str, Any]
) -> Tailor:
    """The Tailor for a pickled configuration, built once per process (see :class:`_Built`).

    ``kind`` is the class to build (pickled by reference, so this module never imports
    the facade that imports it).

    ``key`` names the configuration and ``folders`` the state of the site folders it
    reads (:func:`folder_state`): an edited audience or glossary file gives a new key, so
    a long-lived worker builds afresh instead of rendering with stale files.
    """
    return _BUILT.get((key, folders), kind, config)


def folder_state(folders: Sequence[str]) -> tuple[Any, ...]:
    """Each file under ``folders`` with its size and modification time, in a stable order."""
    state: list[tuple[str, int, int]] = []
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            state.append((str(root), -1, -1))
            continue
        for path in sorted(root.rglob("*")):
            try:
                info = path.stat()
            except OSError:
                continue
            state.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(state)


class _Rendered:
    """What a worker sends back for one chunk: its (index, outcome) pairs, as one object.

    Dask serialises a list it is handed item by item, so the five renderings of one
    article for one audience, which share one readability report and the glossary entries
    they cite, were pickled by the worker and unpickled by the client five times over; an
    object Dask does not know is pickled whole, and what its items share is pickled once.
    """

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[int, Rendering | TailorError]]) -> None:
        self.items = items

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Rendered, (self.items,))


def _render_chunk(tailor: Tailor, chunk: Sequence[tuple[int, RenderRequest]]) -> _Rendered:
    """Render one chunk where the executor runs it; tailor's errors travel back as values."""
    out: list[tuple[int, Rendering | TailorError]] = []
    for index, req in chunk:
        try:
            rendering = tailor.render(
                req.article,
                req.audience,
                req.format,
                locale=req.locale,
                readability=req.readability,
                links=req.links,
            )
        except TailorError as exc:
            out.append((index, exc))
        else:
            out.append((index, rendering))
    return _Rendered(out)


def _worker_died(index: int, exc: BaseException) -> WorkerError:
    return WorkerError(
        f"request {index}: the worker process rendering it ended before returning it "
        f"({type(exc).__name__}: killed, out of memory, or, where workers are spawned, a "
        'script calling render_many without an if __name__ == "__main__": guard)',
        index=index,
    )


def _workers(executor: Executor | None) -> int:
    found = getattr(executor, "_max_workers", None)
    return found if isinstance(found, int) and found > 0 else available_cores()


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def process_pool(workers: int) -> Executor:
    """A pool whose workers do not inherit the caller's threads and locks.

    ``fork`` copies a process mid-flight, locks held by other threads included (a web
    backend or a Dask client has many threads); ``forkserver`` starts workers from a
    clean process instead. Where it is missing (Windows, macOS builds without it) the
    platform default is used.
    """
    import multiprocessing  # only batch rendering needs it; keeps ``import tailor`` light
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _weight(article: Article) -> int:
    """About how much work rendering ``article`` is: the characters of its prose."""
    return len(article.lead.text) + sum(len(p.text) for s in article.sections for p in s.points)


def _chunks(
    indexed: Sequence[tuple[int, RenderRequest]], size: int
) -> list[list[tuple[int, RenderRequest]]]:
    """Chunks of about ``size`` requests that keep the formats of one article for one
    audience together.

    Those share their most expensive work (selection, substitution, the readability
    report), which a worker's Tailor caches: split across two workers, both do it. Cut
    every ``size`` requests, a corpus of 15 requests per article on 2 workers had an
    article split at almost every one of its 16 chunk ends. Requests keep their indexes,
    so results come back in request order whatever the chunks are.
    """
    groups: dict[tuple[int, str, str | None], list[tuple[int, RenderRequest]]] = {}
    for item in indexed:
        req = item[1]
        groups.setdefault((id(req.article), req.audience, req.locale), []).append(item)
    # Heaviest first (longest processing time first): the last chunks handed out are the
    # lightest, so the workers finish together. Handed out in corpus order, a long
    # summary near the end kept one of two workers busy 0.7 s after the other was done
    # (corpus figure, 2 workers: now both finish within 0.1 s).
    weights = {id(a): _weight(a) for a in {id(r.article): r.article for _, r in indexed}.values()}
    ordered = sorted(groups.values(), key=lambda g: -len(g) * weights[id(g[0][1].article)])
    chunks: list[list[tuple[int, RenderRequest]]] = []
    current: list[tuple[int, RenderRequest]] = []
    for group in ordered:
        if current and len(current) + len(group) > size:
            chunks.append(current)
            current = []
        for k in range(0, len(group), size):  # a group larger than a chunk is cut
            piece = group[k : k + size]
            if current and len(current) + len(piece) > size:
                chunks.append(current)
                current = []
            current.extend(piece)
    if current:
        chunks.append(current)
    return chunks


def render_many(
    tailor: Tailor,
    requests: Iterable[RenderRequest | tuple[Article, str] | tuple[Article, str, str]],
    executor: Executor | None = None,
    *,
    progress: Progress | None = None,
    errors: Literal["raise", "return"] = "raise",
    chunk_size: int | None = None,
) -> list[Rendering | TailorError]:
    """Render every request; see :meth:`tailor.Tailor.render_many`."""
    from concurrent.futures import BrokenExecutor, as_completed

    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    reqs = [RenderRequest.of(r) for r in requests]
    total = len(reqs)
    if not total:
        return []
    workers = _workers(executor)
    indexed = list(enumerate(reqs))
    if chunk_size is not None:
        chunks = [indexed[k : k + chunk_size] for k in range(0, total, chunk_size)]
    else:
        # Workers reuse their Tailor across chunks, so a chunk costs little more than its
        # requests: eight per worker keep both busy to the end when articles differ in size.
        size = max(1, math.ceil(total / (workers * _CHUNKS_PER_WORKER)))
        chunks = _chunks(indexed, size)
    own = executor is None
    pool: Executor = process_pool(min(workers, len(chunks))) if executor is None else executor
    results: list[Rendering | TailorError | None] = [None] * total
    done = 0
    futures: dict[Future[_Rendered], int] = {}
    try:
        broken: BrokenExecutor | None = None
        try:
            for number, chunk in enumerate(chunks):
                futures[pool.submit(_render_chunk, tailor, chunk)] = number
        except BrokenExecutor as exc:  # the pool broke before every chunk was handed over
            broken = exc
        submitted = len(futures)
        for future in as_completed(futures):
            # Let go of a finished future: a Dask worker keeps a result for as long as the
            # client holds its future, so holding them all to the end kept every worker's
            # share of the batch in its memory.
            number = futures.pop(future)
            try:
                finished = future.result().items
            except BrokenExecutor as exc:
                # A worker died (killed, out of memory, or a script without a __main__
                # guard): the requests of its chunk fail with a clear error; the rest
                # of the batch keeps what it rendered.
                finished = [(index, _worker_died(index, exc)) for index, _ in chunks[number]]
            for index, outcome in finished:
                results[index] = outcome
            done += len(finished)
            if progress is not None:
                progress(done, total)
        if broken is not None:
            for chunk in chunks[submitted:]:
                for index, _ in chunk:
                    results[index] = _worker_died(index, broken)
    finally:
        for future in futures:
            future.cancel()
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    complete: list[Rendering | TailorError] = [r for r in results if r is not None]
    if len(complete) != total:  # pragma: no cover - an executor that lost results
        raise RuntimeError("the executor returned fewer results than requests")
    failures = [(i, r) for i, r in enumerate(complete) if isinstance(r, TailorError)]
    if failures and errors == "raise":
        raise BatchError(failures, complete)
    return complete
