"""Verification reads what a reader sees: a site template cannot hide, scramble or misplace
the disclaimer, the caution, the date or a point (issue 17).

``fixtures/hostile_templates/hiding.yaml`` holds the attack templates: each is a bundled
template with one change (CSS, ``hidden``, a comment, ``<template>``, ``<noscript>``, an
embedded-content fallback, ``<bdo>``, a script, a Markdown comment or reference
definition, an escape sequence, a JSON key consumers ignore, a point dropped because its
words appear inside another). Before issue 17 every one rendered and passed verification.
Now every one is refused; for the HTML cases that hide something, headless Chromium
confirms the unverified page really hides it (so the corpus tests real attacks), and the
pages tailor does return show a reader everything that must be shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tailor import InvariantError, Tailor, TailorError, load_article
from tailor.pipeline.verify import verify
from tailor.tailor import BUNDLED_AUDIENCES, BUNDLED_TEMPLATES

from .conftest import example_tailor

HERE = Path(__file__).resolve().parent
CORPUS = yaml.safe_load(
    (HERE / "fixtures" / "hostile_templates" / "hiding.yaml").read_text(encoding="utf-8")
)
CASES = {case["name"]: case for case in CORPUS}
ARTICLE = HERE / "fixtures" / "golden" / "article.yaml"
FORMAT = {
    "article.html.j2": "html",
    "page.html.j2": "page",
    "article.md.j2": "markdown",
    "article.txt.j2": "text",
    "article.json.j2": "json",
}
AUDIENCE = "patient"


def _article(kind: str | None):
    data = yaml.safe_load(ARTICLE.read_text(encoding="utf-8"))
    if kind == "substring":
        # One point's words stand inside another's: dropping the first must not pass.
        data["sections"].append(
            {
                "id": "food",
                "title": "With food",
                "points": [
                    {"id": "take-with-food", "text": "Take it with food.", "critical": True},
                    {"id": "or-milk", "text": "Take it with food. Milk works too."},
                ],
            }
        )
    return load_article(data)


def _site(tmp_path: Path, case: dict) -> Tailor:
    name = case["template"]
    source = (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8")
    for old, new in case["replace"]:
        assert old in source, f"{case['name']}: {old!r} is no longer in {name}"
        source = source.replace(old, new)
    (tmp_path / name).write_text(source, encoding="utf-8")
    return example_tailor(
        bundled=False, audience_dirs=[BUNDLED_AUDIENCES], template_dirs=[tmp_path]
    )


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_template_is_refused(tmp_path, name):
    case = CASES[name]
    t = _site(tmp_path, case)
    with pytest.raises(TailorError) as info:
        t.render(_article(case.get("article")), AUDIENCE, FORMAT[case["template"]])
    assert "Traceback" not in str(info.value)


def test_the_corpus_covers_every_attack_of_the_issue():
    assert len(CASES) >= 40
    html = [c for c in CORPUS if FORMAT[c["template"]] in ("html", "page")]
    assert sum(1 for c in html if c.get("hides")) >= 20


def test_an_honest_site_template_still_renders(tmp_path):
    # The bundled templates copied into a site folder: sandboxed, checked as untrusted
    # output (allow-list, reader's view), and byte for byte what the bundled ones write.
    for name in ("article.html.j2", "page.html.j2", "article.md.j2", "article.txt.j2"):
        (tmp_path / name).write_text(
            (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    site = example_tailor(
        bundled=False, audience_dirs=[BUNDLED_AUDIENCES], template_dirs=[tmp_path]
    )
    plain = example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])
    article = _article(None)
    for audience in ("clinician", "patient", "caregiver"):
        for fmt in FORMAT.values():
            assert (
                site.render(article, audience, fmt).content
                == plain.render(article, audience, fmt).content
            )


@pytest.mark.parametrize("fmt", ["html", "page", "markdown", "text", "json"])
@pytest.mark.parametrize("locale", ["en", "es"])
def test_every_bundled_rendering_passes_the_reader_view(fmt, locale):
    # The bundled templates' output is verified by a scanner of tailor's own markup; the
    # reader's-view verification that site templates get accepts it too.
    t = example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])
    article = _article(None)
    for audience in ("clinician", "patient", "caregiver"):
        content = t.render(article, audience, fmt, locale=locale).content
        prepared = t._prepare(article, t.audience(audience), locale, fmt)
        verify(
            content,
            fmt,
            prepared.transformed,
            prepared.expect,
            untrusted=True,
            stylesheets=t._renderer.stylesheets,
        )


def test_a_refusal_names_what_is_wrong(tmp_path):
    t = _site(tmp_path, CASES["comment-with-gt"])
    with pytest.raises(InvariantError, match=r"disclaimer\.verbatim"):
        t.render(_article(None), AUDIENCE, "html")
    t = _site(tmp_path, CASES["hidden-attribute"])
    with pytest.raises(InvariantError, match=r"markup\.allowed.*'hidden'"):
        t.render(_article(None), AUDIENCE, "html")
    t = _site(tmp_path, CASES["undermining-notice"])
    with pytest.raises(InvariantError, match=r"template\.text.*notice"):
        t.render(_article(None), AUDIENCE, "html")
    t = _site(tmp_path, CASES["css-display-none"])
    with pytest.raises(InvariantError, match=r"markup\.allowed.*<style>"):
        t.render(_article(None), AUDIENCE, "html")


# -- in a real browser ----------------------------------------------------------------------

#: What headless Chromium shows a reader, per needle: the needle must stand in the text of
#: rendered, visible text nodes (not display:none, not invisible, not transparent, not
#: 0-size or tiny, not off-screen, not the same colour as its background).
SHOWN_JS = """
(needles) => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT',
                        'VIDEO', 'AUDIO', 'CANVAS', 'TEXTAREA', 'TITLE']);
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const b = getComputedStyle(e).backgroundColor;
      if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') return b;
    }
    return 'rgb(255, 255, 255)';
  }
  function visible(el) {
    for (let e = el; e; e = e.parentElement) if (skip.has(e.tagName)) return false;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (parseFloat(cs.opacity) < 0.1 || parseFloat(cs.fontSize) < 4) return false;
    }
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.bottom <= 0) return false;
    return getComputedStyle(el).color !== background(el);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '', node;
  while ((node = walker.nextNode())) {
    if (node.parentElement && visible(node.parentElement)) text += node.textContent;
  }
  text = text.replace(/\\s+/g, ' ');
  return needles.map((n) => text.includes(n));
}
"""


def _needles(t: Tailor, article, fmt: str) -> dict[str, list[str]]:
    prepared = t._prepare(article, t.audience(AUDIENCE), "en", fmt)
    expect = prepared.expect
    nodes = prepared.transformed.nodes()
    return {
        "disclaimer": [" ".join(expect.disclaimer.split())],
        "caution": [expect.caution_text or ""],
        "date": [expect.date_text],
        "critical": [" ".join(n.text.split()) for n in nodes if n.critical],
    }


def _shown(page, content: str, needles: list[str]) -> list[bool]:
    page.set_content(content, wait_until="load")
    page.wait_for_timeout(50)
    return page.evaluate(SHOWN_JS, needles)


HIDING_HTML = [n for n, c in CASES.items() if c.get("hides") and c["template"].endswith(".html.j2")]


@pytest.mark.parametrize("name", HIDING_HTML)
def test_chromium_confirms_the_attack_hides_it_and_tailor_refuses_it(tmp_path, browser_page, name):
    case = CASES[name]
    fmt = FORMAT[case["template"]]
    t = _site(tmp_path, case)
    article = _article(case.get("article"))
    prepared = t._prepare(article, t.audience(AUDIENCE), "en", fmt)
    unverified = t._renderer.render(t.audience(AUDIENCE).template_for(fmt), "en", prepared.context)
    needles = _needles(t, article, fmt)
    for what in case["hides"]:
        assert not all(_shown(browser_page, unverified, needles[what])), (name, what)
    with pytest.raises(TailorError):
        t.render(article, AUDIENCE, fmt)


@pytest.mark.parametrize("fmt", ["html", "page"])
@pytest.mark.parametrize("audience", ["clinician", "patient", "caregiver"])
def test_chromium_shows_a_reader_everything_a_verified_page_must_show(browser_page, fmt, audience):
    t = example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])
    article = _article(None)
    content = t.render(article, audience, fmt).content
    prepared = t._prepare(article, t.audience(audience), "en", fmt)
    needles = [
        " ".join(prepared.expect.disclaimer.split()),
        prepared.expect.caution_text or "",
        prepared.expect.date_text,
        *(" ".join(n.text.split()) for n in prepared.transformed.nodes() if n.critical),
    ]
    assert all(_shown(browser_page, content, needles))
