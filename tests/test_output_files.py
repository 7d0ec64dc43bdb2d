"""What the CLI writes: never over an input, whole or not at all, readable, one-line errors.

Issue 11, items 18 to 21: ``tailor render a.yaml -o a.yaml`` replaced the article with its
rendering; outputs that collide overwrote each other; ``render DIR -o OUT`` wrote the good
articles when one was bad, refused a second run and left a partial folder after
``kill -9``; files were created 0600; a read-only folder, a full disk, a long path or a
file in the way ended in a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli import main
from tailor.tools import folder as _batch
from tailor.tools.output import MARKER

from .conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line_error(result, *fragments: str) -> None:
    """Exit status 2 and one error line (a folder render's progress bar may precede it)."""
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("tailor: error: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def articles(tmp_path: Path, *names: str) -> Path:
    src = tmp_path / "articles"
    src.mkdir(exist_ok=True)
    for name in names:
        (src / name).write_text(TEXT, encoding="utf-8")
    return src


def listing(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- item 18: never over an input, no collisions ---------------------------------------------


def test_rendering_an_article_onto_itself_is_refused_and_leaves_it_intact(tmp_path):
    article = tmp_path / "a.yaml"
    article.write_text(TEXT, encoding="utf-8")
    one_line_error(run("render", str(article), "-o", str(article)), "is also an input")
    assert article.read_text(encoding="utf-8") == TEXT
    link = tmp_path / "link.yaml"
    link.symlink_to(article)
    one_line_error(run("render", str(article), "-o", str(link)), "is also an input")
    assert article.read_text(encoding="utf-8") == TEXT


def test_two_articles_with_one_stem_would_collide_and_are_refused(tmp_path):
    src = articles(tmp_path, "a.yaml")
    (src / "a.json").write_text(
        __import__("json").dumps(__import__("yaml").safe_load(TEXT), default=str),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    one_line_error(run("render", str(src), "-o", str(out), "-j", "1"), "a.yaml", "a.json")
    assert not out.exists()


def test_audiences_whose_files_would_collide_are_refused(tmp_path):
    audiences = tmp_path / "audiences"
    audiences.mkdir()
    (audiences / "nurse.yaml").write_text("extends: clinician\nlabel: Nurse\n", encoding="utf-8")
    (audiences / "nurse.fragment.yaml").write_text(
        "extends: clinician\nlabel: Nurse F\n", encoding="utf-8"
    )
    src = articles(tmp_path, "a.yaml")
    out = tmp_path / "out"
    result = run("render", str(src), "-o", str(out), "-j", "1", "--audiences-dir", str(audiences))
    one_line_error(result, "nurse.fragment.html")
    assert not out.exists()


def test_an_output_folder_inside_the_input_folder_is_refused(tmp_path):
    src = articles(tmp_path, "a.yaml")
    one_line_error(run("render", str(src), "-o", str(src / "out"), "-j", "1"), "overlaps")
    one_line_error(run("render", str(src), "-o", str(src), "-j", "1"))
    assert sorted(p.name for p in src.iterdir()) == ["a.yaml"]


def test_convert_pdq_refuses_two_summaries_that_slug_to_one_id(tmp_path):
    fixture = next((Path(__file__).parent / "fixtures" / "pdq" / "hp").glob("*.md"))
    src = tmp_path / "pdq"
    src.mkdir()
    shutil.copy(fixture, src / "Same Name.md")
    shutil.copy(fixture, src / "same-name.md")
    out = tmp_path / "out"
    one_line_error(run("convert-pdq", str(src), "-o", str(out)), "same-name.yaml")
    assert not out.exists() or not any(out.iterdir())


def test_glossary_import_never_writes_over_its_csv(tmp_path):
    csv = tmp_path / "terms.csv"
    csv.write_text("term,replacement\nspasticity,muscle stiffness\n", encoding="utf-8")
    one_line_error(run("glossary", "import", str(csv), "-o", str(csv)), "is also an input")
    assert "spasticity" in csv.read_text(encoding="utf-8")


# -- item 19: a folder render is all or nothing, and re-runnable ------------------------------


def test_one_bad_article_writes_nothing_and_keeps_the_previous_output(tmp_path):
    src = articles(tmp_path, "good.yaml")
    out = tmp_path / "out"
    assert run("render", str(src), "-o", str(out), "-f", "text", "-j", "1").exit_code == 0
    before = listing(out)
    assert "good/patient.txt" in before and MARKER in before
    (src / "bad.yaml").write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    result = run("render", str(src), "-o", str(out), "-j", "1")
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr and "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr
    assert listing(out) == before
    assert [p.name for p in tmp_path.iterdir() if "tailor-partial" in p.name] == []


def test_a_second_run_into_the_same_folder_replaces_it_whole(tmp_path):
    src = articles(tmp_path, "one.yaml", "two.yaml")
    out = tmp_path / "out"
    assert run("render", str(src), "-o", str(out), "-f", "text", "-j", "1").exit_code == 0
    (src / "two.yaml").unlink()
    result = run("render", str(src), "-o", str(out), "-f", "text", "-j", "1")
    assert result.exit_code == 0, result.output
    assert {Path(p).parts[0] for p in listing(out) if p != MARKER} == {"one"}


def test_a_folder_tailor_did_not_write_is_never_replaced(tmp_path):
    src = articles(tmp_path, "a.yaml")
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work", encoding="utf-8")
    one_line_error(run("render", str(src), "-o", str(out), "-j", "1"), "did not write")
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_kill_9_mid_run_leaves_the_previous_output_as_it_was(tmp_path):
    # Enough articles that the run is still writing when the first file is staged: with
    # 40, a fast machine staged and committed them all between two polls.
    src = articles(tmp_path, *(f"a{i}.yaml" for i in range(200)))
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text("earlier run\n", encoding="utf-8")
    (out / "old.txt").write_text("the previous output\n", encoding="utf-8")
    before = listing(out)
    child = subprocess.Popen(
        [sys.executable, "-m", "tailor.cli", "render", str(src), "-o", str(out), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        staged: list[Path] = []
        while time.monotonic() < deadline and child.poll() is None:
            staged = [p for p in tmp_path.iterdir() if "tailor-partial" in p.name]
            if staged and any(staged[0].rglob("*.txt")):
                break
            time.sleep(0.01)
        assert child.poll() is None, "the render finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert listing(out) == before


# -- item 20: permissions -------------------------------------------------------------------


def test_new_files_honour_the_umask_and_rewritten_files_keep_their_mode(tmp_path):
    target = tmp_path / "page.html"
    old = os.umask(0o022)
    try:
        assert run("render", str(EXAMPLE), "-f", "page", "-o", str(target)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    assert run("render", str(EXAMPLE), "-f", "page", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_rendered_folder_is_readable_by_others_under_the_usual_umask(tmp_path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        result = run("render", str(EXAMPLE.parent), "-o", str(out), "-f", "text", "-j", "1")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    for path in out.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644)


# -- item 21: one-line errors -----------------------------------------------------------------


def _fail_writes(monkeypatch, code: int) -> None:
    real = os.open

    def failing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr("tailor.tools.output.os.open", failing)


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.EACCES, "Permission denied"), (errno.ENOSPC, "No space left on device")],
)
def test_a_read_only_folder_or_a_full_disk_is_one_line(tmp_path, monkeypatch, code, reason):
    _fail_writes(monkeypatch, code)
    one_line_error(run("render", str(EXAMPLE), "-o", str(tmp_path / "x.txt")), reason)
    src = articles(tmp_path, "a.yaml")
    out = tmp_path / "out"
    one_line_error(run("render", str(src), "-o", str(out), "-j", "1"), reason)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "tailor-partial" in p.name] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        one_line_error(run("render", str(EXAMPLE), "-o", str(folder / "x.txt")), "Permission")
    finally:
        folder.chmod(0o700)


def test_a_path_of_5000_characters_is_one_short_line(tmp_path):
    long = tmp_path / ("x" * 5000) / "out.txt"
    result = run("render", str(EXAMPLE), "-o", str(long))
    one_line_error(result, "File name too long")
    assert len(result.stderr) < 400


def test_a_file_where_a_folder_is_needed_is_one_line(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    one_line_error(run("render", str(EXAMPLE), "-o", str(blocker / "x.txt")), "folder is needed")
    src = articles(tmp_path, "a.yaml")
    one_line_error(run("render", str(src), "-o", str(blocker), "-j", "1"), "is a file")
    one_line_error(
        run("render", str(src), "-o", str(blocker / "out"), "-j", "1"), "folder is needed"
    )
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_convert_pdq_on_invalid_utf8_is_one_line(tmp_path):
    bad = tmp_path / "summary.md"
    bad.write_bytes(b"---\ntitle: x\n---\n# Heading \xff\xfe\n")
    one_line_error(run("convert-pdq", str(bad), "-o", str(tmp_path / "out")), "not valid UTF-8")


def test_a_missing_templates_folder_is_an_error(tmp_path):
    one_line_error(
        run("render", str(EXAMPLE), "--templates-dir", str(tmp_path / "nowhere")), "nowhere"
    )


def test_a_closed_stdout_is_a_failure_not_silence():
    done = subprocess.run(
        [sys.executable, "-m", "tailor.cli", "render", str(EXAMPLE)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
        timeout=120,
    )
    assert done.returncode != 0
    assert "standard output" in done.stderr and "Traceback" not in done.stderr


def test_a_reader_that_goes_away_is_a_failure_without_a_traceback():
    child = subprocess.Popen(
        [sys.executable, "-m", "tailor.cli", "render", str(EXAMPLE), "-f", "page"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.close()
    _, err = child.communicate(timeout=120)
    assert child.returncode != 0
    assert "Traceback" not in err


def test_jobs_are_capped_at_the_cores_there_are():
    cores = _batch.available_cores()
    assert _batch.worker_count(32, jobs=1_000) == min(32, cores)
    assert _batch.worker_count(32, jobs=3) <= 3
    assert _batch.worker_count(0, jobs=1_000) == cores
    assert _batch.worker_count(1, jobs=1_000) == 1


def test_a_folder_render_with_j_32_starts_no_more_processes_than_cores(tmp_path, monkeypatch):
    """The reported run: ``-j 32`` for 32 small articles on two cores started 35 processes.
    The pool the command makes is asked for no more workers than there are cores (a
    thread pool stands in for it here, so the test starts no processes)."""
    from concurrent.futures import ThreadPoolExecutor

    asked: list[int] = []

    def recorded(workers: int) -> ThreadPoolExecutor:
        asked.append(workers)
        return ThreadPoolExecutor(max_workers=workers)

    monkeypatch.setattr(_batch, "process_pool", recorded)
    src = articles(tmp_path, *(f"a{i}.yaml" for i in range(32)))
    out = tmp_path / "out"
    result = run("render", str(src), "-o", str(out), "-a", "patient", "-f", "text", "-j", "32")
    assert result.exit_code == 0, result.output
    assert len(list(out.rglob("*.txt"))) == 32
    assert asked == [min(32, _batch.available_cores())] or (
        asked == [] and _batch.available_cores() == 1
    )


def test_a_site_template_failing_for_one_audience_is_that_requests_error(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "broken.txt.j2").write_text("{{ 1 // 0 }}", encoding="utf-8")
    audiences = tmp_path / "audiences"
    audiences.mkdir()
    (audiences / "nurse.yaml").write_text(
        "extends: clinician\nlabel: Nurse\ntemplates:\n  text: broken.txt.j2\n", encoding="utf-8"
    )
    src = articles(tmp_path, "a.yaml")
    out = tmp_path / "out"
    result = run(
        "render",
        str(src),
        "-o",
        str(out),
        "-f",
        "text",
        "-j",
        "1",
        "--templates-dir",
        str(templates),
        "--audiences-dir",
        str(audiences),
    )
    assert result.exit_code == 2
    assert "broken.txt.j2" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
