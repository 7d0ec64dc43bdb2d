"""``tailor render DIR -o OUT``: every article of a folder, for every audience and format.

Renders through :meth:`Tailor.render_many` (a process per core by default). A bad article
does not stop the batch: its error is collected and reported at the end (and the command
exits 2), while every good article is written, each file whole or not at all. Rich draws
the progress bar on stderr, so stdout stays clean for scripts.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .batch import Progress as ProgressCallback
from .batch import RenderRequest
from .errors import TailorError
from .model import Article
from .tailor import Rendering, Tailor

__all__ = ["ARTICLE_SUFFIXES", "EXTENSIONS", "Job", "output_path", "render_folder"]

ARTICLE_SUFFIXES = (".yaml", ".yml", ".json")
#: File extension per format; the fragment and the full page are both HTML.
EXTENSIONS = {
    "html": "fragment.html",
    "page": "html",
    "markdown": "md",
    "text": "txt",
    "json": "json",
}


@dataclass(frozen=True, slots=True)
class Job:
    """One rendering to make: which article (and its file), for whom, in which format."""

    source: Path
    article: Article
    audience: str
    format: str
    locale: str | None


def article_files(folder: Path) -> list[Path]:
    """Article files under ``folder``, in a stable order; hidden files are skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in ARTICLE_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def output_path(out: Path, folder: Path, job: Job) -> Path:
    """``OUT/<the article file's path without suffix>/<audience>.<ext>``: mirrors the input."""
    relative = job.source.relative_to(folder).with_suffix("")
    return out / relative / f"{job.audience}.{EXTENSIONS[job.format]}"


def render_jobs(
    tailor: Tailor,
    jobs: Sequence[Job],
    *,
    workers: int,
    progress: ProgressCallback,
    links: Literal["query", "files"] = "files",
) -> list[Rendering | TailorError]:
    """Render ``jobs`` with :meth:`Tailor.render_many`; results (or errors) in job order.

    ``workers`` 0 means one process per core (render_many's default pool); 1 renders in
    this process, one request per step so the progress bar moves smoothly; more means
    that many processes.
    """
    # By default the folder is read as files (from disk or a static host): a page's
    # selector links to the sibling <audience>.html written beside it, in the same locale.
    requests = [RenderRequest(j.article, j.audience, j.format, j.locale, links=links) for j in jobs]
    executor: Executor | None = None
    chunk_size = None
    if workers == 1:
        executor, chunk_size = ThreadPoolExecutor(max_workers=1), 1
    elif workers > 1:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        return tailor.render_many(
            requests, executor, progress=progress, errors="return", chunk_size=chunk_size
        )
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def render_folder(
    tailor: Tailor,
    folder: Path,
    out: Path,
    *,
    audiences: Sequence[str],
    formats: Sequence[str],
    locale: str | None = None,
    workers: int = 0,
    links: Literal["query", "files"] = "files",
) -> list[TailorError]:
    """Render every article in ``folder`` into ``out``; returns the errors met on the way."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .cli import write_atomically

    for name in audiences:
        tailor.audience(name)  # an unknown audience is a usage error, not 100 failures
    failures: list[TailorError] = []
    jobs: list[Job] = []
    for path in article_files(folder):
        try:
            article = tailor.load(path)
        except TailorError as exc:
            failures.append(exc)
            continue
        jobs.extend(Job(path, article, a, f, locale) for a in audiences for f in formats)
    console = Console(stderr=True)
    columns = (
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("", total=len(jobs))
        results = render_jobs(
            tailor,
            jobs,
            workers=workers,
            links=links,
            progress=lambda done, total: progress.update(task, completed=done),
        )
    written = 0
    for job, result in zip(jobs, results, strict=True):
        if isinstance(result, TailorError):
            failures.append(result)
        else:
            write_atomically(output_path(out, folder, job), result.content)
            written += 1
    console.print(
        f"tailor: wrote {written} files for {len({j.source for j in jobs})} articles into {out}"
    )
    return failures
