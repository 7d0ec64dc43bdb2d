"""tailor reads only regular files, and never more of one than its size limit.

Issue 11, item 10: a symlink to ``/dev/zero`` as the article file ended in
``MemoryError``, a FIFO hung the reader, and a 3 GB file was read whole (3.1 GB of
memory, 13 s) before the size check refused it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from tailor import Glossary, load_article
from tailor._source import MAX_FILE_BYTES
from tailor.errors import ArticleError, GlossaryError
from tailor.importers.glossary_csv import glossary_from_csv
from tailor.importers.pdq import convert_file

from .conftest import EXAMPLE

needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _returns_promptly(call, fifo: Path):
    """Run ``call``; if it blocks on the FIFO, unblock it by opening the other end and
    fail, so a regression fails the test instead of hanging the suite."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # handed back to the test
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with fifo.open("wb"):
            pass
        worker.join(10)
        pytest.fail("reading a FIFO blocked until a writer came")
    return outcome[0]


@needs_dev_zero
def test_a_symlink_to_dev_zero_is_refused_as_not_a_regular_file(tmp_path):
    link = tmp_path / "article.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleError, match="not a regular file"):
        load_article(link)


@needs_fifo
def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "article.yaml"
    os.mkfifo(fifo)
    error = _returns_promptly(lambda: load_article(fifo), fifo)
    assert isinstance(error, ArticleError)
    assert "not a regular file (a FIFO)" in str(error)


def test_an_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "article.yaml"
    with big.open("wb") as handle:  # sparse: a gigabyte that takes no disk
        handle.truncate(1 << 30)
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match="over the 2,097,152-byte limit"):
            load_article(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_FILE_BYTES


def test_a_symlink_to_a_regular_file_still_loads(tmp_path):
    link = tmp_path / "article.yaml"
    link.symlink_to(EXAMPLE.resolve())
    assert load_article(link).id == load_article(EXAMPLE).id


def test_a_file_at_the_limit_is_read_whole(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    padded = tmp_path / "article.yaml"
    padding = MAX_FILE_BYTES - len(text.encode()) - 1
    padded.write_text(text + "#" * padding + "\n", encoding="utf-8")
    assert padded.stat().st_size == MAX_FILE_BYTES
    assert load_article(padded).id == load_article(EXAMPLE).id


@needs_dev_zero
def test_glossaries_csv_imports_and_pdq_summaries_are_read_the_same_way(tmp_path):
    for name, read, error in (
        ("glossary.yaml", Glossary.from_file, GlossaryError),
        ("terms.csv", glossary_from_csv, GlossaryError),
        ("summary.md", convert_file, ArticleError),
    ):
        link = tmp_path / name
        link.symlink_to("/dev/zero")
        with pytest.raises(error, match="not a regular file"):
            read(link)


@needs_dev_zero
def test_the_cli_reports_a_device_in_one_line(tmp_path):
    link = tmp_path / "article.yaml"
    link.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "tailor.cli", "render", str(link)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "not a regular file (a character device)" in done.stderr
