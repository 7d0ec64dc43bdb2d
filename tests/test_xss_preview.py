"""Hostile content in the live preview (``tailor serve``): the editor's page stays inert too.

The preview wraps the ``page`` format with a badge bar (audience labels, grades) and an
error page that echoes what went wrong, including the audience asked for in the URL; the
payloads of tests/fixtures/xss-payloads.txt go through both, in content and in the query.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
import yaml
from starlette.testclient import TestClient

from tailor.preview import PreviewSite, create_app

from .conftest import EXAMPLE, example_tailor
from .test_xss import HARMLESS, PAYLOADS, WATCH, _dom, hostile_article, hostile_glossary


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> TestClient:
    """A preview of the hostile article, with one hostile audience label per payload."""
    root = tmp_path_factory.mktemp("preview")
    audiences = tmp_path_factory.mktemp("preview-audiences")
    for i, payload in enumerate(PAYLOADS[:20]):
        (audiences / f"x{i}.yaml").write_text(
            yaml.safe_dump({"extends": "patient", "label": payload, "order": 500}),
            encoding="utf-8",
        )
    (root / "hostile.yaml").write_text(yaml.safe_dump(hostile_article()), encoding="utf-8")
    clean = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    clean["references"][1]["url"] = "https://example.org/"  # so linked titles are written too
    (root / "baclofen.yaml").write_text(yaml.safe_dump(clean), encoding="utf-8")
    t = example_tailor(audience_dirs=[audiences], glossaries=[hostile_glossary()])
    return TestClient(create_app(PreviewSite(t, root)), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def harmless_preview(tmp_path_factory) -> TestClient:
    """The hostile preview's shape with harmless text: what the preview itself writes."""
    root = tmp_path_factory.mktemp("harmless-preview")
    audiences = tmp_path_factory.mktemp("harmless-preview-audiences")
    for i, text in enumerate(HARMLESS[:20]):
        (audiences / f"x{i}.yaml").write_text(
            yaml.safe_dump({"extends": "patient", "label": text, "order": 500}),
            encoding="utf-8",
        )
    (root / "harmless.yaml").write_text(yaml.safe_dump(hostile_article(HARMLESS)), "utf-8")
    t = example_tailor(audience_dirs=[audiences], glossaries=[hostile_glossary(HARMLESS)])
    return TestClient(create_app(PreviewSite(t, root)), base_url="http://127.0.0.1")


@pytest.mark.parametrize("audience", ["patient", "caregiver", "x1"])
def test_the_preview_page_of_hostile_content_creates_nothing(preview, harmless_preview, audience):
    hostile = preview.get(f"/view/hostile.yaml?audience={audience}")
    clean = preview.get(f"/view/baclofen.yaml?audience={audience}")
    same_shape = harmless_preview.get(f"/view/harmless.yaml?audience={audience}")
    assert hostile.status_code == clean.status_code == same_shape.status_code == 200
    got, expected = _dom(hostile.text), _dom(clean.text, same_shape.text)
    assert got.tags <= expected.tags, got.tags - expected.tags
    assert got.attributes <= expected.attributes, got.attributes - expected.attributes
    assert not any(name.startswith("on") for _, name in got.attributes)


@pytest.mark.parametrize("payload", PAYLOADS[:40], ids=range(40))
def test_a_payload_in_the_url_is_escaped_on_the_error_page(preview, payload):
    response = preview.get(f"/view/baclofen.yaml?audience={quote(payload, safe='')}")
    assert response.status_code == 404
    dom = _dom(response.text)
    assert dom.tags <= {"html", "head", "title", "meta", "link", "body", "p"}, dom.tags
    assert not any(name.startswith("on") for _, name in dom.attributes)


def test_the_preview_of_hostile_content_runs_nothing_in_a_browser(preview, browser_page, tmp_path):
    page: Any = browser_page
    for url in (
        "/view/hostile.yaml?audience=x1",
        "/view/hostile.yaml?audience=caregiver",
        f"/view/baclofen.yaml?audience={quote(PAYLOADS[0], safe='')}",
        f"/view/baclofen.yaml?audience={quote(PAYLOADS[40], safe='')}",
    ):
        path = tmp_path / "preview.html"
        path.write_text(preview.get(url).text, encoding="utf-8")
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(200)
        seen = page.evaluate(WATCH)
        assert page.tailor_dialogs == [], url
        assert seen["flag"] is None, url
        assert seen["found"]["handlers"] == [], url
        assert seen["found"]["jsUrls"] == [], url
        assert seen["scripts"] <= 1, url  # the preview's own script, nothing more
