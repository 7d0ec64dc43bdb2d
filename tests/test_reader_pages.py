"""The reader's page in a real headless Chromium: anywhere it is opened, printed or read.

Issue 15. The pages are the ones `tailor render DIR -o OUT` writes (the example articles,
every audience, English and Spanish interface), opened from ``file://`` and from a static
server, as a reader meets them. One browser page is reused by the whole module (the
machine is small); screenshots of phone, desktop and print of every page (each audience,
both articles, both interface languages) are written to ``test-artifacts/reader/`` (the
run's output folder, see tests/browser.py), with an index.html showing them side by side.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tailor.tools.folder import render_folder

from .browser import ARTIFACTS, axe_violations, count_color, screenshot
from .conftest import AUDIENCES, ROOT, example_tailor

ARTICLES = ROOT / "examples" / "articles"
#: (article folder as render DIR writes it, the article's language)
ARTICLE_DIRS = (("baclofen", "en"), ("baclofen.es", "es"))
LOCALES = ("en", "es")
IMPORTANT = {"en": "Important:", "es": "Importante:"}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1000, "height": 900}
#: A sheet of A4 in CSS pixels (96 per inch), the size a printed page is laid out at.
A4 = {"width": 794, "height": 1123}
#: The screenshots taken of every page: ARTIFACTS/reader/<locale>/<article>/<audience>-<view>.png
VIEWS = ("phone", "desktop", "print")
#: The selected audience's pill on screen (#0b5cad): gone from a printed page.
PILL_BLUE = (0x0B, 0x5C, 0xAD)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`tailor render examples/articles -o OUT/<locale>` for both interface locales."""
    out = tmp_path_factory.mktemp("site")
    tailor = example_tailor()
    for locale in LOCALES:
        done = render_folder(
            tailor,
            ARTICLES,
            out / locale,
            audiences=AUDIENCES,
            formats=("page", "html"),
            locale=locale,
            workers=1,
        )
        assert done.failures == ()
    return out


@pytest.fixture(scope="module")
def reader(chromium_browser) -> Iterator[object]:
    """One page for the module, back at the desktop size after each test that resizes."""
    context = chromium_browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(reader) -> Iterator[object]:
    reader.set_viewport_size(DESKTOP)
    reader.emulate_media(media="screen")
    yield reader
    reader.set_viewport_size(DESKTOP)
    reader.emulate_media(media="screen")


@pytest.fixture(scope="module")
def static_server(site: Path) -> Iterator[str]:
    """The rendered folder on a plain static file server (127.0.0.1, a free port)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _cases() -> list[tuple[str, str, str, str]]:
    return [
        (folder, content, locale, audience)
        for folder, content in ARTICLE_DIRS
        for locale in LOCALES
        for audience in AUDIENCES
    ]


def _open(page, site: Path, locale: str, folder: str, audience: str) -> None:
    page.goto((site / locale / folder / f"{audience}.html").as_uri())


# -- the audience selector without a server ----------------------------------------------


@pytest.mark.parametrize("where", ["file", "static server"])
def test_the_selector_opens_the_sibling_page_and_keeps_the_locale(page, site, static_server, where):
    start = (
        (site / "es" / "baclofen" / "clinician.html").as_uri()
        if where == "file"
        else f"{static_server}/es/baclofen/clinician.html"
    )
    page.goto(start)
    assert page.get_attribute(".tailor-article", "data-audience") == "clinician"
    for audience in ("patient", "caregiver", "clinician"):
        page.click(f'.tailor-selector a[data-audience="{audience}"]')
        page.wait_for_url(f"**/es/baclofen/{audience}.html")
        assert page.get_attribute(".tailor-article", "data-audience") == audience
        assert (
            page.get_attribute(f'.tailor-selector a[data-audience="{audience}"]', "aria-current")
            == "page"
        )
        # Still the Spanish interface: the date and the selector's words.
        assert "de octubre de 2025" in page.inner_text(".tailor-meta")
        assert "¿Cuál le describe mejor?" in page.inner_text(".tailor-selector")


# -- language tags -----------------------------------------------------------------------


def test_content_carries_the_articles_language_and_interface_words_the_locales(page, site):
    # The English article read with a Spanish interface.
    _open(page, site, "es", "baclofen", "patient")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute(".tailor-article", "lang") == "en"
    for interface in (".tailor-selector", ".tailor-meta", ".tailor-caution", ".tailor-intro"):
        assert page.get_attribute(interface, "lang") == "es", interface
    cites = page.locator(".tailor-cite").evaluate_all(
        "els => els.map(e => e.closest('[lang]').lang)"
    )
    assert cites and set(cites) == {"es"}  # "(Fuente: 1)"
    label = page.locator(".tailor-critical-label").first
    assert label.get_attribute("lang") == "es" and label.inner_text() == "Importante:"
    # The question, title and points are the article's own words: no interface tag on them.
    for content in (".tailor-question", ".tailor-title", ".tailor-lead", ".tailor-section li"):
        assert page.locator(content).first.evaluate("e => e.closest('[lang]').lang") == "en"
    # The Spanish article read with an English interface; its English references say so.
    _open(page, site, "en", "baclofen.es", "clinician")
    assert page.get_attribute("html", "lang") == "es"
    assert page.get_attribute(".tailor-meta", "lang") == "en"
    titles = page.locator(".tailor-references cite")
    assert titles.count() > 0
    for i in range(titles.count()):
        assert titles.nth(i).get_attribute("lang") == "en"
    # The English disclaimer inside the Spanish article is tagged English.
    assert page.locator(".tailor-disclaimer p").last.get_attribute("lang") == "en"


#: Every piece of text a reader meets (text nodes, then titles and accessible names), in
#: document order, with the language its closest lang attribute gives it.
TEXTS = """() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const text = n.textContent.trim();
        if (text) out.push([text, n.parentElement.closest('[lang]').lang]);
    }
    for (const e of document.querySelectorAll('[title], [aria-label]')) {
        // A tooltip on replaced words ("In the original: ...") quotes the article: a title
        // attribute cannot tag part of its value, so it is left out here.
        if (e.hasAttribute('aria-label')) out.push([e.getAttribute('aria-label'), e.lang]);
        if (e.title && !e.classList.contains('tailor-sub'))
            out.push([e.title, e.closest('[lang]').lang]);
    }
    return out;
}"""


def test_every_interface_word_is_tagged_with_the_interface_language(page, site):
    # Whatever differs between the English- and the Spanish-interface renderings of one
    # article is tailor's own words: where they are not in the article's language, they
    # say so (a screen reader switches voice, a translator skips them).
    for folder, content in ARTICLE_DIRS:
        other = "es" if content == "en" else "en"
        for audience in AUDIENCES:
            _open(page, site, content, folder, audience)
            same = page.evaluate(TEXTS)
            _open(page, site, other, folder, audience)
            mixed = page.evaluate(TEXTS)
            pairs = zip(mixed, same, strict=True)  # one template: the same pieces in order
            interface = [(text, lang) for (text, lang), (was, _) in pairs if text != was]
            assert len(interface) > 20, (folder, audience)
            untagged = [text for text, lang in interface if lang != other]
            assert untagged == [], (folder, other, audience)


# -- safety that stands out ----------------------------------------------------------------


def test_critical_points_are_marked_in_the_markup_and_the_accessibility_tree(page, site):
    for folder, _content, locale, audience in _cases():
        _open(page, site, locale, folder, audience)
        critical = page.locator(".tailor-critical")
        assert critical.count() > 0
        for i in range(critical.count()):
            item = critical.nth(i)
            # <strong> is HTML's "importance": the label and the words, without any CSS.
            assert item.locator("strong.tailor-critical-label").inner_text() == IMPORTANT[locale]
            assert item.locator("strong.tailor-critical-text").count() == 1
            assert item.aria_snapshot().count(IMPORTANT[locale]) == 1
        # The label shows on screen (not hidden, not the same colour as the page).
        label = critical.first.locator(".tailor-critical-label")
        assert label.is_visible()


def test_the_bare_fragment_marks_critical_points_too(page, site):
    fragment = (site / "en" / "baclofen" / "patient.fragment.html").read_text(encoding="utf-8")
    page.set_content(f"<!DOCTYPE html><title>t</title><main>{fragment}</main>")
    assert page.locator(".tailor-critical strong.tailor-critical-label").count() > 0
    assert page.locator(".tailor-critical").first.inner_text().startswith("Important:")
    # Without tailor's CSS (a site's own page), the browser's own style makes it stand out.
    weights = page.locator(".tailor-critical strong").evaluate_all(
        "els => els.map(e => Number(getComputedStyle(e).fontWeight))"
    )
    assert weights and min(weights) >= 700


def test_lay_readers_are_told_why_a_professional_disclaimer_is_there(page, site, baclofen):
    for locale, line in (
        ("en", "adapted from information written for health professionals"),
        ("es", "se adaptó a partir de información escrita para profesionales de la salud"),
    ):
        for audience in ("patient", "caregiver"):
            _open(page, site, locale, "baclofen", audience)
            footer = page.locator(".tailor-disclaimer")
            note = footer.locator(".tailor-disclaimer-note")
            assert line in note.inner_text() and note.get_attribute("lang") in (None, locale)
            text = footer.inner_text()
            assert text.index(line) < text.index(baclofen.disclaimer)  # before, and verbatim
        _open(page, site, locale, "baclofen", "clinician")
        assert page.locator(".tailor-disclaimer-note").count() == 0


def test_replaced_words_explain_themselves_in_the_readers_language(page, site):
    for locale, prefix in (("en", "In the original: "), ("es", "En el original: ")):
        _open(page, site, locale, "baclofen.es", "patient")
        subs = page.locator(".tailor-sub")
        assert subs.count() > 10
        titles = subs.evaluate_all("els => els.map(e => [e.title, e.dataset.original])")
        assert all(title == prefix + original for title, original in titles), titles[:3]


#: Elements drawn with a dotted underline (a border or a text decoration), as the reader
#: sees them: a dotted underline promises a tooltip.
DOTTED = """() => [...document.querySelectorAll('body *')].filter(e => {
    const s = getComputedStyle(e);
    return s.borderBottomStyle === 'dotted' && parseFloat(s.borderBottomWidth) > 0
        || s.textDecorationLine.includes('underline') && s.textDecorationStyle === 'dotted';
}).map(e => [e.outerHTML.slice(0, 90), e.title])"""


def test_a_dotted_underline_always_has_a_tooltip_and_never_prints(page, site):
    # Item 9: .tailor-sub was underlined with nothing to show (49 times on the Spanish
    # patient page). On paper no tooltip can show, so nothing is underlined there.
    seen = 0
    for folder, _content, locale, audience in _cases():
        _open(page, site, locale, folder, audience)
        dotted = page.evaluate(DOTTED)
        assert [html for html, title in dotted if not title.strip()] == [], (folder, locale)
        seen += len(dotted)
        page.emulate_media(media="print")
        assert page.evaluate(DOTTED) == [], ("printed", folder, locale, audience)
        page.emulate_media(media="screen")
    assert seen > 50  # the pages do use them: the check is not vacuous


def test_a_touch_screen_draws_no_dotted_underline_it_cannot_explain(chromium_browser, site):
    # A phone shows no title tooltip, whatever the reader taps: the underline would promise
    # what it cannot give (the words stay, and Words to know keeps the definitions).
    context = chromium_browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        assert phone.evaluate("matchMedia('(hover: none)').matches")
        for folder, _content, locale, audience in _cases():
            _open(phone, site, locale, folder, audience)
            assert phone.evaluate(DOTTED) == [], (folder, locale, audience)
    finally:
        context.close()


# -- accessibility -----------------------------------------------------------------------


def test_every_page_passes_axe_wcag21_aa(page, site):
    failures = {}
    for folder, _content, locale, audience in _cases():
        _open(page, site, locale, folder, audience)
        found = axe_violations(page)
        if found:
            failures[f"{folder} {locale} {audience}"] = found
    assert failures == {}


def test_every_fragment_in_a_minimal_page_passes_axe_wcag21_aa(page, site, tmp_path):
    failures = {}
    for folder, content, locale, audience in _cases():
        fragment = (site / locale / folder / f"{audience}.fragment.html").read_text("utf-8")
        host = tmp_path / f"{folder}-{locale}-{audience}.html"
        host.write_text(
            f'<!DOCTYPE html><html lang="{content}"><head><meta charset="utf-8">'
            f"<title>{folder}</title></head><body><main>{fragment}</main></body></html>",
            encoding="utf-8",
        )
        page.goto(host.as_uri())
        found = axe_violations(page)
        if found:
            failures[host.name] = found
    assert failures == {}


# -- phone, desktop and print --------------------------------------------------------------


@pytest.fixture(scope="module")
def shots() -> Iterator[Path]:
    """The folder of this run's reader screenshots, emptied first (a picture left from an
    earlier run is never taken for this one's); an index.html shows them side by side."""
    folder = ARTIFACTS / "reader"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder
    rows = []
    for folder_name, _content, locale, audience in _cases():
        cells = "".join(
            f'<td><a href="{href}"><img src="{href}" alt="{view}" width="240"></a></td>'
            if (folder / (href := f"{locale}/{folder_name}/{audience}-{view}.png")).exists()
            else "<td>(not taken)</td>"
            for view in VIEWS
        )
        rows.append(f"<tr><th>{locale} interface, {folder_name}, {audience}</th>{cells}</tr>")
    head = "".join(f"<th>{view}</th>" for view in VIEWS)
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Reader pages</title>'
        f"<table><tr><th>page</th>{head}</tr>{''.join(rows)}</table></html>\n",
        encoding="utf-8",
    )


def _shot(page, locale: str, folder: str, audience: str, view: str, **kw: bool) -> Path:
    return screenshot(page, f"reader/{locale}/{folder}/{audience}-{view}", **kw)


def test_on_a_phone_the_first_line_of_the_answer_is_above_the_fold(page, site, shots):
    page.set_viewport_size(PHONE)
    for folder, _content, locale, audience in _cases():
        _open(page, site, locale, folder, audience)
        first_line_bottom = page.evaluate(
            """() => {
                const lead = document.querySelector('.tailor-lead');
                const range = document.createRange();
                range.selectNodeContents(lead);
                return range.getClientRects()[0].bottom;
            }"""
        )
        assert first_line_bottom <= PHONE["height"], (folder, locale, audience)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _shot(page, locale, folder, audience, "phone", full_page=False)


def test_desktop_screenshots(page, site, shots):
    for folder, _content, locale, audience in _cases():
        _open(page, site, locale, folder, audience)
        path = _shot(page, locale, folder, audience, "desktop")
        assert path.stat().st_size > 10_000


def test_printed_pages_hide_the_selector_and_keep_citations_readable(page, site, shots):
    for folder, _content, locale, audience in _cases():
        case = (folder, locale, audience)
        _open(page, site, locale, folder, audience)
        on_screen = page.screenshot(full_page=False)
        assert count_color(page, on_screen, PILL_BLUE) > 50  # the selected pill, on screen
        # A sheet of A4 (CSS pixels at 96 dpi), printed.
        page.set_viewport_size(A4)
        page.emulate_media(media="print")
        printed = _shot(page, locale, folder, audience, "print").read_bytes()
        assert not page.locator(".tailor-selector").is_visible(), case
        assert count_color(page, printed, PILL_BLUE) == 0, ("the selector printed", case)
        # Citations: black, at least 9pt, and a superscript keeps its brackets.
        cites = page.evaluate(
            """() => [...document.querySelectorAll('.tailor-cite')].map(e => {
                const s = getComputedStyle(e);
                return [s.color, parseFloat(s.fontSize), getComputedStyle(e, '::before').content,
                        e.tagName];
            })"""
        )
        assert cites, case
        for color, size, before, tag in cites:
            assert color == "rgb(0, 0, 0)" and size >= 12, (case, color, size)
            if tag == "SUP":
                assert before == '"["'
        # The caution keeps a frame, and critical points a rule and their label, in black.
        caution = page.evaluate(
            "() => getComputedStyle(document.querySelector('.tailor-caution')).borderTopWidth"
        )
        assert caution != "0px", case
        label = page.locator(".tailor-critical-label").first
        assert label.is_visible() and label.inner_text() == IMPORTANT[locale], case
        assert label.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)", case
        page.emulate_media(media="screen")
        page.set_viewport_size(DESKTOP)


def test_printed_references_show_where_their_links_go(page, tailor, baclofen, tmp_path):
    data = baclofen.model_dump(mode="json")
    listed = next(r for r in data["references"] if r["listed"])
    listed["url"] = "https://example.org/baclofen-review"
    article = tailor.load(data)
    html = tmp_path / "page.html"
    html.write_text(tailor.render(article, "patient", "page").content, encoding="utf-8")
    page.goto(html.as_uri())
    link = page.locator('.tailor-references a[href="https://example.org/baclofen-review"]')
    assert "example.org" not in link.evaluate("a => getComputedStyle(a, '::after').content")
    page.emulate_media(media="print")
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/baclofen-review" in shown
