"""`tailor serve` on an editor's laptop: it shows only what it serves, to whom it should.

Issue 11, items 15 to 17: a symlink inside the served folder to a file outside was listed
and parsed (its keys shown in the error page), absolute server paths appeared in pages, any
Host header got a 200 (DNS rebinding), one slow article stalled every request, and a client
sending its request slowly held its connection for ever.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from starlette.testclient import TestClient

from tailor.preview import PreviewSite, create_app, server

from .conftest import EXAMPLE

LOCAL = "http://127.0.0.1"


def client(site: PreviewSite, **options) -> TestClient:
    return TestClient(create_app(site, **options), base_url=LOCAL)


@pytest.fixture
def folder(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(EXAMPLE, served / "good.yaml")
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "secrets.yaml"
    secret.write_text("aws_secret_access_key: hunter2\ndatabase_password: swordfish\n")
    (served / "linked.yaml").symlink_to(secret)
    (served / "linked-dir").symlink_to(outside, target_is_directory=True)
    return served


# -- item 15: nothing outside the folder, no absolute paths ---------------------------------


def test_a_symlink_to_a_file_outside_is_neither_listed_nor_read(tailor, folder):
    site = PreviewSite(tailor, folder)
    assert site.articles() == ["good.yaml"]
    web = client(site)
    index = web.get("/")
    assert "linked" not in index.text
    for name in ("linked.yaml", "linked-dir/secrets.yaml"):
        page = web.get(f"/view/{name}")
        assert page.status_code == 404
        assert "aws_secret_access_key" not in page.text and "hunter2" not in page.text


def test_pages_never_show_the_servers_absolute_paths(tailor, folder):
    (folder / "bad.yaml").write_text("id: x\nquestion: [unclosed\n", encoding="utf-8")
    web = client(PreviewSite(tailor, folder))
    for url in ("/", "/view/bad.yaml", "/view/nothing.yaml", "/view/good.yaml?audience=x"):
        page = web.get(url)
        assert str(folder) not in page.text, url
        assert str(folder.parent) not in page.text, url
    assert "bad.yaml" in web.get("/view/bad.yaml").text


# -- item 16: Host check ----------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_request_for_another_host_is_refused(tailor, folder, host):
    web = client(PreviewSite(tailor, folder))
    page = web.get("/view/good.yaml", headers={"Host": host})
    assert page.status_code == 421
    assert "Baclofen" not in page.text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST"])
def test_the_loopback_names_are_answered(tailor, folder, host):
    web = client(PreviewSite(tailor, folder))
    assert web.get("/view/good.yaml", headers={"Host": host}).status_code == 200


# -- item 17: renders off the event loop, bounded; slow clients dropped -----------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def running(tailor, folder, monkeypatch) -> Iterator[str]:
    """The preview on a real loopback port, with one article that renders for 30 s."""
    slow_id = tailor.load(EXAMPLE).id
    real_render = tailor.render
    release = threading.Event()

    def render(article, *args, **kwargs):
        if article.id == slow_id and kwargs.get("locale") == "en":
            release.wait(30)  # a pathologically slow render
        return real_render(article, *args, **kwargs)

    monkeypatch.setattr(tailor, "render", render)
    port = _free_port()
    app = create_app(PreviewSite(tailor, folder), render_timeout=1.0)
    uv = server(app, port=port, header_timeout=1.0)
    thread = threading.Thread(target=lambda: asyncio.run(uv.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"{LOCAL}:{port}"
    finally:
        release.set()
        uv.should_exit = True
        thread.join(30)


def test_a_slow_render_neither_stalls_other_requests_nor_runs_unbounded(running):
    results: dict[str, httpx.Response] = {}

    def slow() -> None:
        results["slow"] = httpx.get(f"{running}/view/good.yaml?locale=en", timeout=60)

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.2)
    started = time.monotonic()
    other = httpx.get(f"{running}/view/good.yaml?locale=es", timeout=60)
    version = httpx.get(f"{running}/version/good.yaml", timeout=60)
    answered_in = time.monotonic() - started
    worker.join(60)
    assert other.status_code in (200, 422) and version.status_code == 200
    assert answered_in < 25  # the slow render holds its own thread, not the server
    assert results["slow"].status_code == 503
    assert "took more than 1 s" in results["slow"].text


def test_a_client_that_sends_its_request_slowly_is_dropped(running):
    port = int(running.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        sock.settimeout(10)
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < 8
