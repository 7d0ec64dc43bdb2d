"""The web backend examples answer per audience and locale through their own test clients.

They are loaded from examples/ by path, exactly as a reader would copy them.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from collections.abc import Callable, Iterator
from types import ModuleType

import jsonschema
import pytest
from fastapi.testclient import TestClient

from tailor.schema import rendering_schema

from .conftest import ROOT

ARTICLE_URL = "/articles/baclofen-muscle-spasms"


def _load(name: str) -> ModuleType:
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"tailor_example_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Answer:
    """The part of a response both frameworks' clients agree on."""

    def __init__(self, status: int, headers: dict[str, str], body: str) -> None:
        self.status, self.headers, self.body = status, headers, body


def _fastapi_get(url: str, headers: dict[str, str]) -> _Answer:
    client = TestClient(_load("fastapi_app").app)
    r = client.get(url, headers=headers)
    return _Answer(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.text)


def _fastapi_head(url: str, headers: dict[str, str]) -> _Answer:
    client = TestClient(_load("fastapi_app").app)
    r = client.head(url, headers=headers)
    return _Answer(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.text)


def _flask_get(url: str, headers: dict[str, str]) -> _Answer:
    client = _load("flask_app").app.test_client()
    r = client.get(url, headers=headers)
    return _Answer(
        r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.get_data(as_text=True)
    )


def _flask_head(url: str, headers: dict[str, str]) -> _Answer:
    client = _load("flask_app").app.test_client()
    r = client.head(url, headers=headers)
    return _Answer(
        r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.get_data(as_text=True)
    )


@pytest.fixture(params=["fastapi", "flask"])
def get(request):
    return {"fastapi": _fastapi_get, "flask": _flask_get}[request.param]


@pytest.fixture(params=["fastapi", "flask"])
def head(request):
    return {"fastapi": _fastapi_head, "flask": _flask_head}[request.param]


def test_each_audience_gets_its_own_words_and_the_disclaimer(get, baclofen):
    clinician = get(f"{ARTICLE_URL}?audience=clinician", {})
    patient = get(f"{ARTICLE_URL}?audience=patient", {})
    assert clinician.status == patient.status == 200
    assert clinician.headers["content-type"].startswith("text/html")
    assert "the pain that comes with them" in patient.body  # the editor's rewording
    assert "the pain that comes with them" not in clinician.body
    for answer in (clinician, patient):
        assert baclofen.disclaimer in answer.body
        assert "Which best describes you?" in answer.body


def test_json_answers_follow_the_published_schema(get, tailor):
    for audience in tailor.audiences:
        answer = get(f"{ARTICLE_URL}?audience={audience}&format=json", {})
        assert answer.status == 200
        assert answer.headers["content-type"].startswith("application/json")
        payload = json.loads(answer.body)
        jsonschema.validate(payload, rendering_schema())
        assert payload["audience"] == audience


def test_locale_is_negotiated_from_accept_language(get):
    answer = get(f"{ARTICLE_URL}?format=json", {"Accept-Language": "es-MX,es;q=0.9,en;q=0.8"})
    assert answer.status == 200
    payload = json.loads(answer.body)
    assert payload["locale"] == "es" and payload["interface_language"] == "es"
    # The words are the English article's: Content-Language says so, not the interface's.
    assert answer.headers["content-language"] == "en" == payload["content_language"]
    assert "de octubre de 2025" in payload["last_updated_text"]
    # A language tailor does not write falls back to the article's own locale, not an error.
    fallback = get(f"{ARTICLE_URL}?format=json", {"Accept-Language": "ja-JP,ja;q=0.9"})
    assert json.loads(fallback.body)["locale"] == "en"
    # No header at all: the article's own locale, so the Spanish article reads in Spanish.
    spanish = get(f"{ARTICLE_URL}-es?format=json", {})
    assert json.loads(spanish.body)["locale"] == "es"


def test_an_explicit_unsupported_locale_is_refused_naming_the_supported(get):
    answer = get(f"{ARTICLE_URL}?locale=xx", {})
    assert answer.status == 400
    assert "en" in answer.body and "xx" in answer.body


def test_unknown_audience_and_article_are_not_found(get):
    assert get(f"{ARTICLE_URL}?audience=doctor", {}).status == 404
    assert "clinician" in get(f"{ARTICLE_URL}?audience=doctor", {}).body
    assert get("/articles/no-such-article", {}).status == 404


def test_head_is_answered_like_get_without_a_body(head, get):
    answer = head(f"{ARTICLE_URL}?audience=patient", {})
    assert answer.status == 200 and answer.body == ""
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-language"] == get(ARTICLE_URL, {}).headers["content-language"]


def test_a_huge_bad_parameter_is_not_echoed_back(get):
    for name in ("audience", "locale", "format"):
        answer = get(f"{ARTICLE_URL}?{name}={'x' * 50_000}", {})
        assert answer.status == 400
        assert len(answer.body) < 2_000, f"{name}: {len(answer.body)} bytes of error body"
        assert "x" * 100 not in answer.body


def test_a_region_babel_does_not_know_is_refused_not_swapped(get):
    answer = get(f"{ARTICLE_URL}?locale=es-ZZ&format=json", {})
    assert answer.status == 400 and "es-ZZ" in answer.body
    mexico = get(f"{ARTICLE_URL}?locale=es-MX&format=json", {})
    assert json.loads(mexico.body)["locale"] == "es_MX"


def test_the_spanish_article_is_tagged_spanish_whatever_the_interface(get):
    answer = get(f"{ARTICLE_URL}-es?locale=en&format=json", {})
    payload = json.loads(answer.body)
    assert answer.headers["content-language"] == "es" == payload["content_language"]
    assert payload["interface_language"] == "en" and payload["locale"] == "en"


def test_the_audience_links_of_a_served_page_keep_the_locale(get):
    page = get(f"{ARTICLE_URL}?audience=clinician&locale=es", {}).body
    assert 'href="?audience=patient&amp;locale=es"' in page
    assert 'href="?audience=caregiver&amp;locale=es"' in page


# -- the examples as a reader's browser meets them (issue 15, items 1, 2 and 8) -----------


def _serve_fastapi(app) -> tuple[str, Callable[[], None]]:
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


def _serve_flask(app) -> tuple[str, Callable[[], None]]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    return f"http://127.0.0.1:{server.server_port}", stop


@pytest.fixture(params=["fastapi", "flask"])
def served_example(request) -> Iterator[str]:
    """The example app on a real 127.0.0.1 port, as `uvicorn` or `flask run` serves it."""
    serve = {"fastapi": _serve_fastapi, "flask": _serve_flask}[request.param]
    base, stop = serve(_load(f"{request.param}_app").app)
    try:
        yield base
    finally:
        stop()


def test_clicking_an_audience_on_a_served_page_keeps_the_readers_language(
    served_example, browser_page
):
    page = browser_page
    # Chosen in the address (?locale=es) on the English article.
    page.goto(f"{served_example}{ARTICLE_URL}?audience=clinician&locale=es")
    for audience in ("patient", "caregiver", "clinician"):
        page.click(f'.tailor-selector a[data-audience="{audience}"]')
        page.wait_for_url(f"**audience={audience}*")
        assert page.get_attribute(".tailor-article", "data-audience") == audience
        assert "de octubre de 2025" in page.inner_text(".tailor-meta")
        assert "¿Cuál le describe mejor?" in page.inner_text(".tailor-selector")
        assert page.get_attribute("html", "lang") == "en"  # the article's words are English
    # Chosen by the browser's language (Accept-Language: es), not in the address.
    page.context.set_extra_http_headers({"Accept-Language": "es-MX,es;q=0.9"})
    page.goto(f"{served_example}{ARTICLE_URL}?audience=clinician")
    page.click('.tailor-selector a[data-audience="patient"]')
    page.wait_for_url("**audience=patient*")
    assert "de octubre de 2025" in page.inner_text(".tailor-meta")
    # The Spanish article with an English interface: still English words after a click.
    page.context.set_extra_http_headers({})
    page.goto(f"{served_example}{ARTICLE_URL}-es?audience=clinician&locale=en")
    page.click('.tailor-selector a[data-audience="caregiver"]')
    page.wait_for_url("**audience=caregiver*")
    assert page.get_attribute("html", "lang") == "es"
    assert "Which best describes you?" in page.inner_text(".tailor-selector")


def test_a_browser_gets_the_content_language_head_and_short_errors(served_example, browser_page):
    page = browser_page
    for url, language in (
        (f"{ARTICLE_URL}?locale=es", "en"),
        (f"{ARTICLE_URL}-es?locale=en", "es"),
    ):
        response = page.goto(served_example + url)
        assert response.status == 200
        assert response.headers["content-language"] == language
        assert page.get_attribute("html", "lang") == language
    answers = page.evaluate(
        """async (url) => {
            const head = await fetch(url + "?audience=patient", { method: "HEAD" });
            const huge = await fetch(url + "?audience=" + "x".repeat(50000));
            const zz = await fetch(url + "?locale=es-ZZ&format=json");
            return [head.status, (await head.text()).length, head.headers.get("content-type"),
                    huge.status, (await huge.text()).length, zz.status, await zz.text()];
        }""",
        served_example + ARTICLE_URL,
    )
    head_status, head_body, head_type, huge_status, huge_body, zz_status, zz_body = answers
    assert (head_status, head_body) == (200, 0) and head_type.startswith("text/html")
    assert huge_status == 400 and huge_body < 2_000
    assert zz_status == 400 and "es-ZZ" in zz_body
