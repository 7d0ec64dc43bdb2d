"""Hostile content: script payloads in every field a content team edits are only ever text.

Each payload of tests/fixtures/xss-payloads.txt (from the OWASP XSS Filter Evasion Cheat
Sheet and PortSwigger's XSS cheat sheet) is put in an article's question, title, lead,
section titles, point texts and editor rewordings; in reference titles, sources and DOIs;
in glossary replacements and definitions (so the glossary itself writes it into the text);
and in audience labels and intros (shown in the page's audience selector). The HTML the
``html`` and ``page`` formats write must show each payload as the text it is: the unit
tests read the markup, and a real headless Chromium loads it and proves that no dialog
opens, no flag is set and no element or attribute the template did not write exists.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markupsafe
import pytest
import yaml
from pydantic import ValidationError

from tailor import Article, Glossary, GlossaryEntry, Reference, Tailor, load_article
from tailor.lexical import safe_url

from .conftest import AUDIENCES, example_tailor

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "xss-payloads.txt"
PAYLOADS = [
    line
    for line in FIXTURE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
HTML_FORMATS = ("html", "page")


def test_the_catalogue_has_at_least_fifty_payloads_of_every_kind():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    lowered = [p.lower() for p in PAYLOADS]
    assert sum("<script" in p for p in lowered) >= 5  # tags
    assert sum("onerror" in p or "onload" in p or "onmouseover" in p for p in lowered) >= 10
    assert sum("javascript:" in p for p in lowered) >= 15  # javascript: URLs
    assert sum("&#" in p or "%3c" in p or "\\u003c" in p for p in lowered) >= 5  # encoded
    assert any(not p.isascii() for p in PAYLOADS)  # Unicode look-alikes


def _term(i: int) -> str:
    """A made-up jargon word, spelt with letters only so it carries no number."""
    return "xterm" + "".join(chr(ord("a") + int(d)) for d in str(i))


#: Harmless text in the payloads' places: the same article, glossary and audiences built
#: from these show every element and attribute the templates themselves write for content
#: of that shape (explained terms, rewordings, critical points...), whatever the bundled
#: glossary happens to explain in the example article.
HARMLESS = [f"plain text {_term(i)[len('xterm') :]}" for i in range(len(PAYLOADS))]


def hostile_article(payloads: list[str] = PAYLOADS) -> dict[str, Any]:
    """One article carrying every payload in every kind of article field."""
    n = len(payloads)
    sections = []
    references = []
    for i, payload in enumerate(payloads):
        ref = f"r{i}"
        sections.append(
            {
                "id": f"s{i}",
                "title": payload,
                "points": [
                    {
                        "id": f"p{i}",
                        "text": f"Readers of {_term(i)} see {payload}",
                        "citations": [ref],
                        "critical": i % 7 == 0,
                        "rewordings": (
                            {"caregiver": f"Caregivers see {payload}"} if i % 2 == 0 else {}
                        ),
                    }
                ],
            }
        )
        references.append(
            {
                "id": ref,
                "kind": "research",
                "title": payload,
                "source": payloads[(i + 1) % n],
                "year": 2020,
                "doi": payloads[(i + 2) % n],
                "url": "https://example.org/article?id=1&q=x",
            }
        )
    return {
        "id": "hostile",
        "locale": "en",
        "question": payloads[0],
        "title": payloads[2],
        "last_updated": "2025-10-22",
        "review_status": "under_review",
        "lead": {"id": "lead", "text": payloads[3], "citations": ["r0"]},
        "sections": sections,
        "references": references,
    }


def hostile_glossary(payloads: list[str] = PAYLOADS) -> Glossary:
    return Glossary(
        name="hostile",
        entries=tuple(
            GlossaryEntry(
                term=_term(i), replacement=payload, definition=payload, source="test payload"
            )
            for i, payload in enumerate(payloads)
        ),
    )


def payload_tailor(
    folder: Path, payloads: list[str] = PAYLOADS, count: int | None = None
) -> Tailor:
    """The bundled audiences plus one audience per payload (label and intro), and the
    payload glossary."""
    for i, payload in enumerate(payloads):
        (folder / f"x{i}.yaml").write_text(
            yaml.safe_dump(
                {"extends": "patient", "label": payload, "voice": {"intro": payload}, "order": 500}
            ),
            encoding="utf-8",
        )
    return example_tailor(audience_dirs=[folder], glossaries=[hostile_glossary(payloads)])


@pytest.fixture(scope="module")
def hostile_tailor(tmp_path_factory) -> Tailor:
    """The bundled audiences plus one audience per payload, label and intro hostile."""
    return payload_tailor(tmp_path_factory.mktemp("hostile-audiences"))


@pytest.fixture(scope="module")
def hostile(hostile_tailor) -> Article:
    return load_article(hostile_article(), audiences=list(hostile_tailor.audiences))


@pytest.fixture(scope="module")
def rendered(hostile_tailor, hostile) -> dict[tuple[str, str], str]:
    """Every bundled audience and one hostile one, in both HTML formats."""
    return {
        (audience, fmt): hostile_tailor.render(hostile, audience, fmt, readability=False).content
        for audience in (*AUDIENCES, "x1")
        for fmt in HTML_FORMATS
    }


class _Dom(HTMLParser):
    """Every element and attribute the markup really creates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in ("href", "src", "action", "formaction", "data") and value:
                self.urls.append(value)


def _dom(*contents: str) -> _Dom:
    """What the markup of one or more documents creates, together."""
    parser = _Dom()
    for content in contents:
        parser.feed(content)
        parser.close()
        parser.reset()
    return parser


@pytest.fixture(scope="module")
def template_dom(baclofen_clean) -> dict[tuple[str, str], _Dom]:
    return baclofen_clean


@pytest.fixture(scope="module")
def baclofen_clean(hostile_tailor, tmp_path_factory) -> dict[tuple[str, str], _Dom]:
    """What the templates themselves write: the example article, and the hostile article's
    shape with harmless text through a harmless Tailor of the same shape."""
    from .conftest import EXAMPLE

    data = load_article(EXAMPLE).model_dump(mode="json")
    data["references"][1]["url"] = "https://example.org/"  # so linked titles are written too
    clean = load_article(data)
    harmless_tailor = payload_tailor(tmp_path_factory.mktemp("harmless-audiences"), HARMLESS)
    harmless = load_article(hostile_article(HARMLESS), audiences=list(harmless_tailor.audiences))
    return {
        (audience, fmt): _dom(
            hostile_tailor.render(clean, audience, fmt).content,
            harmless_tailor.render(harmless, audience, fmt, readability=False).content,
        )
        for audience in (*AUDIENCES, "x1")
        for fmt in HTML_FORMATS
    }


@pytest.mark.parametrize("fmt", HTML_FORMATS)
@pytest.mark.parametrize("audience", [*AUDIENCES, "x1"])
def test_payloads_create_no_element_and_no_attribute(rendered, template_dom, audience, fmt):
    dom = _dom(rendered[(audience, fmt)])
    expected = template_dom[(audience, fmt)]
    assert dom.tags <= expected.tags, dom.tags - expected.tags
    assert dom.attributes <= expected.attributes, dom.attributes - expected.attributes
    assert not any(name.startswith("on") for _, name in dom.attributes)
    for url in dom.urls:
        assert url.startswith(("#", "?audience=", "https://", "http://", "mailto:")), url


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_each_payload_appears_only_escaped(rendered, payload):
    escaped = str(markupsafe.escape(payload))  # as Jinja2's autoescape writes it
    for (audience, fmt), content in rendered.items():
        if "<" in payload or ">" in payload:
            assert payload not in content, (audience, fmt)
        assert escaped in content, (audience, fmt)


def test_payloads_reach_the_reader_as_text_in_every_field(rendered, hostile):
    patient = html.unescape(rendered[("patient", "page")])
    for payload in PAYLOADS:
        assert patient.count(payload) >= 4  # section title, glossary-replaced text, reference
    caregiver = html.unescape(rendered[("caregiver", "html")])
    assert f"Caregivers see {PAYLOADS[4]}" in caregiver  # an editor's rewording
    assert f"{_term(5)} ({PAYLOADS[5]})" in caregiver  # explained on first use


def test_content_is_never_evaluated_as_a_template(rendered):
    patient = rendered[("patient", "html")]
    assert "{{ 7*7 }}" in patient and "49" not in patient.split("{{ 7*7 }}")[0][-20:]
    assert "{% raw %}" in patient


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "//127.0.0.1:9/x.js",
        'https://example.org/" onmouseover="alert(1)',
        "https://example.org/><script>alert(1)</script>",
        "https://example.org/x'onmouseover='alert(1)",
        "https://example.org/`x`",
        "https://exa mple.org/",
        "mailto:a@b.example?body=<script>",
    ],
)
def test_only_plain_http_https_and_mailto_links_are_accepted(url):
    with pytest.raises(ValidationError):
        Reference(id="1", kind="research", title="t", source="s", url=url)
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1&c=2#d", "http://example.org/", "mailto:editor@example.org"]
)
def test_plain_links_are_kept(url):
    assert Reference(id="1", kind="research", title="t", source="s", url=url).url == url
    assert safe_url(url) == url


def test_a_reference_url_is_escaped_in_its_attribute(hostile_tailor, hostile):
    content = hostile_tailor.render(hostile, "clinician", "html").content
    assert 'href="https://example.org/article?id=1&amp;q=x"' in content


# -- in a real browser ---------------------------------------------------------------------

WATCH = """() => {
    const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'data', 'background', 'poster'];
    const found = {tags: [], handlers: [], jsUrls: []};
    for (const el of document.querySelectorAll('*')) {
        found.tags.push(el.tagName.toLowerCase());
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on')) found.handlers.push(el.tagName + ' ' + attr.name);
            const scheme = /^\\s*(javascript|vbscript|data):/i;
            if (URL_ATTRS.includes(attr.name) && scheme.test(attr.value))
                found.jsUrls.push(el.tagName + ' ' + attr.name);
        }
    }
    return {found, flag: window.__xss === undefined ? null : String(window.__xss),
            // The page's JSON-LD block is data, never run: it does not count as a script.
            scripts: [...document.scripts].filter((s) => s.type !== 'application/ld+json').length,
            jsonld: [...document.scripts].filter((s) => s.type === 'application/ld+json')
                .map((s) => {
                    try { JSON.parse(s.text); return 'json'; } catch { return 'broken'; }
                }),
            frames: window.frames.length};
}"""


@pytest.mark.parametrize("fmt", HTML_FORMATS)
@pytest.mark.parametrize("audience", [*AUDIENCES, "x1"])
def test_no_payload_runs_in_a_real_browser(
    browser_page, rendered, template_dom, audience, fmt, tmp_path
):
    page: Any = browser_page
    path = tmp_path / f"{audience}-{fmt}.html"
    path.write_text(rendered[(audience, fmt)], encoding="utf-8")
    page.goto(path.as_uri(), wait_until="load")
    # Give timers, autofocus, animations and media errors time to fire, then hover and
    # focus everything so handlers that need a person would run too.
    page.wait_for_timeout(300)
    page.evaluate(
        """() => { for (const el of document.querySelectorAll('*')) {
            for (const type of ['mouseover', 'focus', 'toggle', 'click'])
                el.dispatchEvent(new Event(type)); } }"""
    )
    page.wait_for_timeout(200)
    seen = page.evaluate(WATCH)
    assert page.tailor_dialogs == []
    assert seen["flag"] is None
    assert seen["scripts"] == 0
    assert seen["jsonld"] == (["json"] if fmt == "page" else [])
    assert seen["frames"] == 0
    assert seen["found"]["handlers"] == []
    assert seen["found"]["jsUrls"] == []
    expected = template_dom[(audience, fmt)].tags | {"html", "head", "body", "tbody"}
    assert set(seen["found"]["tags"]) <= expected, set(seen["found"]["tags"]) - expected


def test_the_browser_would_catch_an_unescaped_payload(browser_page, tmp_path):
    """The browser test can fail: the same payloads, unescaped, do run and do inject."""
    page: Any = browser_page
    raw = "<!DOCTYPE html><html><body>" + "".join(PAYLOADS[:60]) + "</body></html>"
    path = tmp_path / "unescaped.html"
    path.write_text(raw, encoding="utf-8")
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    seen = page.evaluate(WATCH)
    assert page.tailor_dialogs or seen["flag"] is not None
    assert seen["found"]["handlers"]
