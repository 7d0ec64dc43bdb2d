"""A real headless Chromium for tests, driven by Playwright (Debian's browser, no download).

Fixtures, shared through conftest.py:

- ``chromium_browser``: one browser for the whole session (starting it costs a second);
- ``browser_page``: a fresh page in its own context for one test, closed afterwards, so
  cookies, storage and dialogs never leak between tests. It records every JavaScript
  dialog it sees in ``page.tailor_dialogs`` (dismissed), for tests that must prove no
  script ran (issue 7's XSS test).

`make test` installs Debian's ``chromium``; Playwright's own browser download is never
used (``playwright install`` is not run), so nothing is fetched at test time.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

#: Where Debian puts it; TAILOR_CHROMIUM overrides for other systems.
CHROMIUM = os.environ.get("TAILOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # tests run as root in CI containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The test run's output folder: screenshots and other things a person may want to look at
#: after a run (gitignored). TAILOR_TEST_ARTIFACTS puts it elsewhere (a CI job's upload
#: folder); the run's closing summary names it and what was written there.
ARTIFACTS = Path(
    os.environ.get("TAILOR_TEST_ARTIFACTS")
    or Path(__file__).resolve().parent.parent / "test-artifacts"
).resolve()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """A headless Chromium shared by the session's browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium package "
            "(or set TAILOR_CHROMIUM to a Chromium binary)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium_browser) -> Iterator[object]:
    """A fresh page (own context, 1000x900 viewport) that records and dismisses dialogs."""
    context = chromium_browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.tailor_dialogs = dialogs

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield page
    finally:
        context.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as <ARTIFACTS>/<name>.png (``name`` may hold folders)."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


#: axe-core, as shipped inside the axe-playwright-python package (a dev dependency from
#: PyPI): nothing is downloaded at test time.
AXE_SCRIPT = Path(str(resources.files("axe_playwright_python") / "axe.min.js"))
#: The rules a WCAG 2.1 A and AA audit runs (axe's own tags for them).
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page; one line per violated rule."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
            return results.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.help} at ` +
                v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
        }""",
        WCAG21_AA,
    )
    return list(found)


def count_color(page, png: bytes, rgb: tuple[int, int, int], tolerance: int = 8) -> int:
    """How many pixels of a PNG screenshot are within ``tolerance`` of the colour ``rgb``.

    Decoded by the browser itself (an image drawn on a canvas), so the tests need no
    imaging library.
    """
    return int(
        page.evaluate(
            """async ([data, rgb, tol]) => {
                const img = new Image();
                img.src = "data:image/png;base64," + data;
                await img.decode();
                const canvas = document.createElement("canvas");
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                const ctx = canvas.getContext("2d");
                ctx.drawImage(img, 0, 0);
                const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < px.length; i += 4) {
                    if (Math.abs(px[i] - rgb[0]) <= tol && Math.abs(px[i + 1] - rgb[1]) <= tol
                        && Math.abs(px[i + 2] - rgb[2]) <= tol) n++;
                }
                return n;
            }""",
            [base64.b64encode(png).decode("ascii"), list(rgb), tolerance],
        )
    )
