"""`tailor serve`: the live preview page, exercised in a real headless Chromium.

The server is the real command in a subprocess on a free 127.0.0.1 port, previewing a
copy of the example article that the tests then edit, as an editor would.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tailor.preview import PreviewSite, create_app

from .browser import axe_violations, screenshot
from .conftest import AUDIENCES, EXAMPLE

SCROLLED_TO = 700
#: The preview answers only requests for its loopback names (DNS rebinding).
LOOPBACK = "http://127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"tailor serve exited early: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"tailor serve did not listen on port {port} within {seconds}s")


@pytest.fixture
def article_file(tmp_path) -> Path:
    copy = tmp_path / "baclofen.yaml"
    shutil.copy(EXAMPLE, copy)
    return copy


@pytest.fixture
def served(article_file) -> Iterator[str]:
    """`tailor serve FILE` running in a subprocess; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tailor.cli", "serve", str(article_file), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _article_text(page) -> str:
    return page.inner_text(".tailor-article")


def test_selector_switches_audience_in_place_keeping_scroll(served, browser_page, baclofen):
    page = browser_page
    page.goto(served + "/")
    page.wait_for_selector(".tailor-selector a[data-audience]")
    page.evaluate("window.__sameDocument = true")  # lost if the browser loads a new page
    page.evaluate(f"window.scrollTo(0, {SCROLLED_TO})")
    previous = _article_text(page)
    first = page.get_attribute(".tailor-article", "data-audience")
    order = [a for a in AUDIENCES if a != first] + [first]
    for audience in order:
        page.click(f'.tailor-selector a[data-audience="{audience}"]')
        page.wait_for_selector(f'.tailor-article[data-audience="{audience}"]')
        text = _article_text(page)
        assert text != previous, f"the text did not change when switching to {audience}"
        assert baclofen.disclaimer in page.inner_text(".tailor-disclaimer")
        assert page.evaluate("window.__sameDocument") is True, "the page reloaded"
        assert abs(page.evaluate("window.scrollY") - SCROLLED_TO) <= 2
        assert (
            page.get_attribute(f'.tailor-selector a[data-audience="{audience}"]', "aria-current")
            == "page"
        )
        assert f"audience={audience}" in page.url
        assert page.locator('#tailor-preview-bar .tailor-badge[aria-current="true"]').count() == 1
        previous = text
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, f"preview-{audience}")
        page.evaluate(f"window.scrollTo(0, {SCROLLED_TO})")
    assert browser_page.tailor_dialogs == []


def test_switching_audience_keeps_the_locale(served, browser_page):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=clinician&locale=es")
    page.click('.tailor-selector a[data-audience="patient"]')
    page.wait_for_selector('.tailor-article[data-audience="patient"]')
    assert "locale=es" in page.url
    assert "de octubre de 2025" in page.inner_text(".tailor-meta")


def test_badges_show_each_audiences_grade_against_its_target(served, browser_page, tailor):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=patient")
    badges = page.locator("#tailor-preview-bar .tailor-badge[data-audience]")
    assert badges.count() == len(tailor.audiences)
    patient = page.inner_text('#tailor-preview-bar .tailor-badge[data-audience="patient"]')
    assert "grade" in patient and "target ≤ 8" in patient
    clinician = page.inner_text('#tailor-preview-bar .tailor-badge[data-audience="clinician"]')
    assert "grade" in clinician
    assert "glossary substitution" in page.inner_text("#tailor-preview-bar")


def test_substitutions_are_highlighted_with_the_original_on_hover(
    served, browser_page, article_file, glossary_only
):
    # The example rewords every patient point; the glossary's own work shows without them.
    article_file.write_text(glossary_only.model_dump_json(), encoding="utf-8")
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=patient")
    sub = page.locator('.tailor-sub[data-original="CNS depressants"]').first
    sub.scroll_into_view_if_needed()
    sub.hover()
    tip = page.locator("#tailor-preview-tip")
    assert tip.is_visible() and tip.inner_text() == "In the original: CNS depressants"
    # One tooltip: the browser's own title tooltip would repeat it.
    assert sub.get_attribute("title") is None
    background = sub.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, "preview-hover", full_page=False)


def test_page_follows_edits_to_the_article_file(served, browser_page, article_file):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=caregiver")
    page.evaluate("window.__sameDocument = true")
    page.evaluate(f"window.scrollTo(0, {SCROLLED_TO})")
    text = article_file.read_text(encoding="utf-8")
    edited = text.replace(
        "title: Baclofen Safety for Muscle Spasms", "title: Baclofen Safety (edited)"
    )
    assert edited != text
    article_file.write_text(edited, encoding="utf-8")
    page.wait_for_function(
        "document.querySelector('.tailor-title').textContent.includes('(edited)')", timeout=30_000
    )
    assert page.evaluate("window.__sameDocument") is True
    assert abs(page.evaluate("window.scrollY") - SCROLLED_TO) <= 2
    # A broken save shows the error and keeps the last good text; fixing it recovers.
    article_file.write_text(edited.replace("review_status:", "review_status: [", 1), "utf-8")
    page.wait_for_selector("#tailor-preview-bar .tailor-preview-error:not([hidden])")
    assert "baclofen.yaml" in page.inner_text("#tailor-preview-bar .tailor-preview-error")
    assert "(edited)" in page.inner_text(".tailor-title")
    article_file.write_text(text, encoding="utf-8")
    page.wait_for_function(
        "!document.querySelector('.tailor-title').textContent.includes('(edited)')",
        timeout=30_000,
    )
    assert page.locator("#tailor-preview-bar .tailor-preview-error:not([hidden])").count() == 0


def test_following_a_citation_neither_refetches_nor_hides_the_target(served, browser_page):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=clinician")
    page.wait_for_selector(".tailor-cite a")
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/view/" in r.url else None)
    page.evaluate("window.__sameDocument = true")
    link = page.locator(".tailor-section .tailor-cite a").nth(3)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("location.hash.length > 1")
    page.wait_for_timeout(1_000)  # longer than a poll: a refetch would have happened
    assert fetched == [], "following a citation refetched the page"
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.scrollY") > 0
    top = page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top")
    below = page.evaluate(
        "document.querySelector('.tailor-selector').getBoundingClientRect().bottom"
    )
    assert top >= below, f"{target} sits under the sticky selector ({top} < {below})"
    # Back goes to where the reader was, still without a refetch.
    page.go_back()
    page.wait_for_timeout(300)
    assert fetched == []


def test_tooltips_stay_on_a_phone_screen_clear_of_the_selector_in_the_pages_language(
    served, browser_page, article_file, glossary_only
):
    article_file.write_text(glossary_only.model_dump_json(), encoding="utf-8")
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(served + "/view/baclofen.yaml?audience=patient&locale=es")
    subs = page.locator(".tailor-sub[data-original]")
    assert subs.count() > 5
    tip = page.locator("#tailor-preview-tip")
    for i in range(min(subs.count(), 12)):
        sub = subs.nth(i)
        sub.scroll_into_view_if_needed()
        sub.hover()
        assert tip.is_visible()
        assert tip.inner_text() == f"En el original: {sub.get_attribute('data-original')}"
        # The label is the Spanish interface's, the words the English article's.
        parts = tip.locator("span").evaluate_all("els => els.map(e => [e.lang, e.textContent])")
        assert parts == [["es", "En el original: "], ["en", sub.get_attribute("data-original")]]
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (i, box)
        selector = page.locator(".tailor-selector").bounding_box()
        assert box["y"] >= selector["y"] + selector["height"], (i, box, selector)
    # Keyboard readers get it too; the word they reach going back up the page (the browser
    # scrolls it just into view) is not hidden under the sticky selector, nor is its tip.
    page.mouse.move(5, 5)  # over the sticky selector: no word is hovered while scrolling
    for i in (2, 1, 0):
        # The word sits just under the selector (in the viewport, so no scroll is needed to
        # "show" it), as it does after reading down and tabbing back.
        subs.nth(i).evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 20)")
        subs.nth(i).focus()
        assert tip.is_visible()
        selector = page.locator(".tailor-selector").bounding_box()
        floor = selector["y"] + selector["height"]
        word = subs.nth(i).bounding_box()
        assert word["y"] >= floor, ("focused word under the selector", i, word, selector)
        assert tip.bounding_box()["y"] >= floor, ("tip over the selector", i)
    screenshot(page, "preview-phone-tooltip", full_page=False)


def test_tabbing_back_up_the_preview_never_hides_the_focus_under_the_selector(served, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(served + "/view/baclofen.yaml?audience=clinician")
    page.wait_for_selector(".tailor-cite a")
    page.locator(".tailor-references").scroll_into_view_if_needed()
    page.locator(".tailor-section .tailor-cite a").last.focus()
    hidden = []
    for _ in range(15):  # Shift+Tab: back through the citation links, up the page
        page.keyboard.press("Shift+Tab")
        box = page.evaluate(
            """() => { const e = document.activeElement;
                if (!e.closest('.tailor-article')) return null;
                const r = e.getBoundingClientRect();
                const s = document.querySelector('.tailor-selector').getBoundingClientRect();
                return [e.outerHTML.slice(0, 60), r.top, s.bottom]; }"""
        )
        if box is not None and box[1] < box[2]:
            hidden.append(box)
    assert hidden == []


def test_the_badge_counts_exactly_the_words_highlighted(
    served, browser_page, article_file, glossary_only
):
    article_file.write_text(glossary_only.model_dump_json(), encoding="utf-8")
    page = browser_page
    for audience in AUDIENCES:
        page.goto(f"{served}/view/baclofen.yaml?audience={audience}")
        badge = page.inner_text("#tailor-preview-bar .tailor-badge-subs")
        claimed = int(badge.split()[0])
        highlighted = page.evaluate(
            """() => [...document.querySelectorAll('.tailor-article *')].filter((e) => {
                const bg = getComputedStyle(e).backgroundColor;
                return bg === 'rgb(255, 243, 176)';
            }).length"""
        )
        assert claimed == highlighted, (audience, badge, highlighted)
    assert claimed > 0  # the caregiver's explained terms count and show


def test_switching_audience_keeps_focus_on_the_choice_and_announces_it(served, browser_page):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=clinician")
    page.focus('.tailor-selector a[data-audience="patient"]')
    page.keyboard.press("Enter")
    page.wait_for_selector('.tailor-article[data-audience="patient"]')
    page.wait_for_function("document.activeElement.dataset.audience === 'patient'")
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "page"
    status = page.locator('#tailor-preview-status[role="status"]')
    assert status.inner_text().startswith("Patient: Is baclofen")


def test_a_deleted_article_file_is_reported_on_the_page(served, browser_page, article_file):
    page = browser_page
    page.goto(served + "/view/baclofen.yaml?audience=caregiver")
    title = page.inner_text(".tailor-title")
    article_file.unlink()
    error = page.locator("#tailor-preview-bar .tailor-preview-error")
    error.wait_for(state="visible", timeout=30_000)
    assert "deleted or moved" in error.inner_text()
    assert page.inner_text(".tailor-title") == title  # the last good version stays


def test_the_preview_passes_axe_wcag21_aa_in_every_audience_and_locale(
    served, browser_page, tailor
):
    page = browser_page
    failures = {}
    for locale in ("en", "es"):
        for audience in tailor.audiences:
            page.goto(f"{served}/view/baclofen.yaml?audience={audience}&locale={locale}")
            found = axe_violations(page)
            if found:
                failures[f"{audience} {locale}"] = found
    assert failures == {}


def test_on_a_phone_the_preview_shows_the_first_line_of_the_answer(served, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    for audience in AUDIENCES:
        page.goto(f"{served}/view/baclofen.yaml?audience={audience}")
        bottom = page.evaluate(
            """() => { const r = document.createRange();
                r.selectNodeContents(document.querySelector('.tailor-lead'));
                return r.getClientRects()[0].bottom; }"""
        )
        assert bottom <= 812, (audience, bottom)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


# -- the app without a browser: routes, folders and what it refuses -----------------------


def test_a_folder_lists_its_articles_and_serves_only_those(tailor, tmp_path):
    (tmp_path / "nested").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "nested" / "one.yaml")
    (tmp_path / "secret.txt").write_text("not an article", encoding="utf-8")
    client = TestClient(create_app(PreviewSite(tailor, tmp_path)), base_url=LOOPBACK)
    index = client.get("/")
    assert index.status_code == 200 and 'href="/view/nested/one.yaml"' in index.text
    assert client.get("/view/nested/one.yaml").status_code == 200
    assert client.get("/view/secret.txt").status_code == 404
    assert client.get("/view/../../etc/passwd").status_code == 404
    assert client.get("/version/secret.txt").status_code == 404


def test_unknown_audience_and_bad_file_are_shown_not_crashed(tailor, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "good.yaml")
    client = TestClient(create_app(PreviewSite(tailor, tmp_path)), base_url=LOOPBACK)
    unknown = client.get("/view/good.yaml?audience=doctor")
    assert unknown.status_code == 404 and "clinician" in unknown.text
    broken = client.get("/view/bad.yaml")
    assert broken.status_code == 422 and "not valid YAML" in broken.text


def test_version_changes_when_the_file_is_saved(tailor, article_file):
    client = TestClient(create_app(PreviewSite(tailor, article_file)), base_url=LOOPBACK)
    before = client.get("/version/baclofen.yaml").json()["version"]
    article_file.write_text(article_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert client.get("/version/baclofen.yaml").json()["version"] != before


def test_the_index_and_error_pages_say_their_language(tailor, tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "one.yaml")
    # the preview answers only the loopback names it was started on
    client = TestClient(create_app(PreviewSite(tailor, tmp_path)), base_url="http://127.0.0.1")
    assert '<html lang="en">' in client.get("/").text
    assert '<html lang="en">' in client.get("/view/nope.yaml").text


def test_serve_reports_a_broken_file_as_one_line(tmp_path):
    from click.testing import CliRunner

    from tailor.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(bad), "--port", "1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("tailor: error: ") and result.stderr.count("\n") == 1
