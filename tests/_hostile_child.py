"""Run each resource-attack template of the corpus in this process and report as JSON.

Started by tests/test_template_limits.py in a child process, so that the peak resident
memory (``ru_maxrss``) measured here is the attacks' own and a regression cannot take the
test runner down (the parent caps the child's address space). Prints one JSON object:
``{"results": {name: [outcome, message, seconds]}, "peak_rss_mb": float}``.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tailor import Tailor, TailorError, load_article
from tailor.tailor import BUNDLED_AUDIENCES


def main(corpus: Path, article_path: Path, names: list[str]) -> None:
    article = load_article(article_path)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in names:
            shutil.copyfile(corpus / f"{name}.j2", folder / "article.txt.j2")
            # A fresh environment per attack (templates are compiled once and cached), at the
            # default limits: memory is bounded by the size limits, not by how far the clock
            # lets a loop nest run, so the figure does not depend on the machine's speed.
            tailor = Tailor(
                bundled=False, audience_dirs=[BUNDLED_AUDIENCES], template_dirs=[folder]
            )
            start = time.monotonic()
            try:
                tailor.render(article, "patient", "text", readability=False)
                outcome, message = "rendered", ""
            except TailorError as exc:
                outcome, message = type(exc).__name__, str(exc)
            except BaseException as exc:
                outcome, message = type(exc).__name__, str(exc)[:300]
            results[name] = [outcome, message[:300], round(time.monotonic() - start, 3)]
    print(json.dumps({"results": results, "peak_rss_mb": _peak_rss_mb()}))


def _peak_rss_mb() -> float:
    """This process's own peak resident memory, not the test runner's it was forked from.

    Linux folds the forked copy's peak into ``ru_maxrss`` at exec, so under a full test
    run (a pytest process of ~500 MB) ``ru_maxrss`` read the runner's size, not the
    attacks' (500.8 MB in CI, 72 MB alone). ``VmHWM`` is the peak of this program's own
    address space, which starts fresh at exec.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:  # not Linux: ru_maxrss is the best there is (bytes on macOS)
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM line in /proc/self/status")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
