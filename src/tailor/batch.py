"""Rendering many requests at once, on this machine's cores or on any executor.

A content team re-renders a whole library when a glossary changes; one process renders
one request at a time. :func:`render_many` cuts the requests into chunks and hands each
chunk, with the :class:`~tailor.Tailor`, to a :class:`concurrent.futures.Executor`: a
process pool by default, or whatever the caller passes (threads, processes, Dask's
``Client.get_executor()``, Ray). A Tailor pickles as its configuration and is rebuilt
on the other side, once per chunk, so chunks are few and large; results come back in
request order whatever order the chunks finish in.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .errors import BatchError, TailorError, WorkerError
from .model import Article

if TYPE_CHECKING:  # concurrent.futures loads logging: only batch rendering pays for it
    from concurrent.futures import Executor, Future

    from .tailor import Rendering, Tailor

__all__ = ["Progress", "RenderRequest", "render_many"]

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


def _render_chunk(
    tailor: Tailor, chunk: Sequence[tuple[int, RenderRequest]]
) -> list[tuple[int, Rendering | TailorError]]:
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
    return out


def _worker_died(index: int, exc: BaseException) -> WorkerError:
    return WorkerError(
        f"request {index}: the worker process rendering it ended before returning it "
        f"({type(exc).__name__}: killed, out of memory, or, where workers are spawned, a "
        'script calling render_many without an if __name__ == "__main__": guard)',
        index=index,
    )


def _workers(executor: Executor | None) -> int:
    found = getattr(executor, "_max_workers", None)
    return found if isinstance(found, int) and found > 0 else (os.cpu_count() or 1)


def _process_pool(workers: int) -> Executor:
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
    size = chunk_size or max(1, math.ceil(total / (workers * 2)))
    indexed = list(enumerate(reqs))
    chunks = [indexed[k : k + size] for k in range(0, total, size)]
    own = executor is None
    pool: Executor = _process_pool(min(workers, len(chunks))) if executor is None else executor
    results: list[Rendering | TailorError | None] = [None] * total
    done = 0
    futures: dict[Future[list[tuple[int, Rendering | TailorError]]], int] = {}
    try:
        broken: BrokenExecutor | None = None
        try:
            for number, chunk in enumerate(chunks):
                futures[pool.submit(_render_chunk, tailor, chunk)] = number
        except BrokenExecutor as exc:  # the pool broke before every chunk was handed over
            broken = exc
        for future in as_completed(futures):
            try:
                finished = future.result()
            except BrokenExecutor as exc:
                # A worker died (killed, out of memory, or a script without a __main__
                # guard): the requests of its chunk fail with a clear error; the rest
                # of the batch keeps what it rendered.
                finished = [
                    (index, _worker_died(index, exc)) for index, _ in chunks[futures[future]]
                ]
            for index, outcome in finished:
                results[index] = outcome
            done += len(finished)
            if progress is not None:
                progress(done, total)
        if broken is not None:
            for chunk in chunks[len(futures) :]:
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
