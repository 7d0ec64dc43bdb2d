"""``tailor render DIR -o OUT``: every article of a folder, for every audience and format.

Renders through :meth:`Tailor.render_many` (a process per core by default, never more
processes than cores or articles). OUT is written whole or not at all: the renderings go
to a staging folder beside OUT, which replaces OUT only when every article loaded and
rendered; one bad article, a full disk or a ``kill -9`` leaves OUT as it was, and every
problem is reported at the end (the command exits 2). Outputs that would collide (``a.yaml``
beside ``a.json``, audiences ``nurse`` and ``nurse.fragment``) and an OUT that overlaps an
input are refused before anything is rendered. Rich draws the progress bar on stderr, so
stdout stays clean for scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..batch import Progress as ProgressCallback
from ..batch import RenderRequest, available_cores, process_pool
from ..errors import TailorError
from ..model import Article
from ..pipeline.types import Rendering
from ..tailor import Tailor
from .output import StagedFolder, check_collisions, shown_path

__all__ = [
    "ARTICLE_SUFFIXES",
    "EXTENSIONS",
    "FolderResult",
    "Job",
    "available_cores",
    "output_path",
    "render_folder",
    "worker_count",
]

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
    return out / _relative_output(folder, job.source, job.audience, job.format)


def _relative_output(folder: Path, source: Path, audience: str, fmt: str) -> Path:
    return source.relative_to(folder).with_suffix("") / f"{audience}.{EXTENSIONS[fmt]}"


def worker_count(requested: int, *, jobs: int) -> int:
    """Processes to render ``jobs`` requests with, for ``-j requested``.

    0 means one per core; any number is capped at the cores there are and at the number
    of requests: ``-j 32`` on two cores started 35 processes and 3.8 GB of memory for 32
    small articles, and more processes than cores only compete for them.
    """
    cap = max(1, min(available_cores(), jobs))
    if requested <= 0:
        return cap
    return min(requested, cap)


def render_jobs(
    tailor: Tailor,
    jobs: Sequence[Job],
    *,
    workers: int,
    progress: ProgressCallback,
    links: Literal["query", "files"] = "files",
) -> list[Rendering | TailorError]:
    """Render ``jobs`` with :meth:`Tailor.render_many`; results (or errors) in job order.

    ``workers`` 0 means one process per core; 1 renders in this process, one request per
    step so the progress bar moves smoothly; more means that many processes, capped by
    :func:`worker_count`.
    """
    # By default the folder is read as files (from disk or a static host): a page's
    # selector links to the sibling <audience>.html written beside it, in the same locale.
    requests = [RenderRequest(j.article, j.audience, j.format, j.locale, links=links) for j in jobs]
    executor: Executor | None = None
    chunk_size = None
    workers = worker_count(workers, jobs=len(jobs))
    if workers == 1:
        executor, chunk_size = ThreadPoolExecutor(max_workers=1), 1
    else:
        executor = process_pool(workers)
    try:
        return tailor.render_many(
            requests, executor, progress=progress, errors="return", chunk_size=chunk_size
        )
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class FolderResult:
    """What a folder render did: the errors met (then nothing was written), or the count."""

    failures: tuple[TailorError, ...]
    written: int
    articles: int


def render_folder(
    tailor: Tailor,
    folder: Path,
    out: Path,
    *,
    audiences: Sequence[str],
    formats: Sequence[str],
    locale: str | None = None,
    workers: int = 0,
    inputs: Sequence[Path] = (),
    links: Literal["query", "files"] = "files",
) -> FolderResult:
    """Render every article in ``folder`` into ``out``, whole or not at all.

    ``inputs`` are further paths ``out`` must not overlap (the configuration folders).
    Problems with ``out`` itself (a collision, a file in the way, a full disk) raise
    :class:`~tailor.errors.OutputError`; bad articles and failed renderings come back in
    the result, and then ``out`` is left as it was.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    for name in audiences:
        tailor.audience(name)  # an unknown audience is a usage error, not 100 failures
    files = article_files(folder)
    check_collisions(
        (out / _relative_output(folder, path, a, f), f"{path.relative_to(folder)} for {a} ({f})")
        for path in files
        for a in audiences
        for f in formats
    )
    with StagedFolder(out, inputs=[folder, *inputs]) as staged:
        failures: list[TailorError] = []
        jobs: list[Job] = []
        for path in files:
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
        failures.extend(r for r in results if isinstance(r, TailorError))
        articles = len({j.source for j in jobs})
        if failures:
            return FolderResult(tuple(failures), 0, articles)
        for job, result in zip(jobs, results, strict=True):
            if isinstance(result, Rendering):
                staged.write(
                    _relative_output(folder, job.source, job.audience, job.format), result.content
                )
        staged.commit()
    console.print(f"tailor: wrote {len(jobs)} files for {articles} articles into {shown_path(out)}")
    return FolderResult((), len(jobs), articles)
