"""The live preview page behind ``tailor serve``: an article as readers see it, for editors.

An ordinary Starlette app (served by uvicorn) around :meth:`Tailor.render`'s ``page``
format, so the preview shows exactly what a site's page template produces, plus a thin bar
of readability badges and a script that swaps audiences without a page load (keeping the
scroll position) and picks up edits to the article file. Nothing here is imported by
``import tailor``: Starlette and uvicorn are the optional ``serve`` extra.

It runs on an editor's laptop over unpublished content, so it trusts nothing it is sent:

- only article files whose real path is under the served folder are listed or read (a
  symlink to a file outside is neither), and pages never show an absolute server path;
- only requests whose ``Host`` is a loopback name it listens on are answered, so a page
  on another site cannot read the previews through DNS rebinding;
- renders run in worker threads, at most :data:`RENDER_SLOTS` at once, and a request
  gets its answer (or a 503 page) within ``render_timeout`` seconds, so one slow article
  never stalls the event loop or the other pages;
- :func:`serve` drops a client that has not sent a whole request within
  ``header_timeout`` seconds (a slowloris client holds no connection for long).
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from ..errors import InputError, TailorError, UnknownAudienceError
from ..model import Article
from ..pipeline.types import Rendering
from ..tailor import Tailor
from ..tools.folder import article_files

__all__ = ["LOOPBACK_HOSTS", "PreviewSite", "create_app", "serve"]

#: The names a browser on this machine uses for the server; any other Host is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
#: Renders running at once; more wait for a slot (and time out like any render).
RENDER_SLOTS = 2
#: Seconds a page may take to render before the request gets a 503 page instead.
RENDER_TIMEOUT = 20.0
#: Seconds a client has to send a whole request before its connection is closed.
HEADER_TIMEOUT = 10.0

STATIC = Path(str(resources.files("tailor") / "preview" / "static"))
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Loaded:
    stamp: str
    article: Article


class PreviewSite:
    """The articles one ``tailor serve`` shows: a single file, or every article in a folder.

    Articles are re-read when their file changes (by modification time and size), so an
    editor saves and the page follows; a file that stops validating shows its error until
    it is fixed. Only files found under the root are served, never an arbitrary path.
    """

    def __init__(self, tailor: Tailor, target: str | Path) -> None:
        self.tailor = tailor
        path = Path(target).resolve()
        self.single = path.is_file()
        self.root = path.parent if self.single else path
        self._only = path if self.single else None
        self._loaded: dict[Path, _Loaded] = {}
        self._lock = threading.Lock()

    def articles(self) -> list[str]:
        """The served articles as paths relative to the root, sorted; a symlink that leads
        out of the root is not one of them."""
        if self._only is not None:
            return [self._only.name]
        return [
            p.relative_to(self.root).as_posix() for p in article_files(self.root) if self._inside(p)
        ]

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve(strict=True).relative_to(self.root)
        except (OSError, ValueError, RuntimeError):
            return False
        return True

    def path_of(self, name: str) -> Path | None:
        """The file for a served name; None for anything that is not one of ours."""
        return self.root / name if name in self.articles() else None

    def public(self, message: str) -> str:
        """``message`` with the server's absolute paths replaced by served names: an error
        page shows ``bad.yaml: ...``, never where the editor keeps their files."""
        for path, shown in self._paths:
            message = message.replace(path, shown)
        return message

    @property
    def _paths(self) -> list[tuple[str, str]]:
        root = str(self.root)
        pairs = [(root + os.sep, ""), (root, ".")]
        cwd = str(Path.cwd())
        if cwd not in (os.sep, root):
            pairs += [(cwd + os.sep, ""), (cwd, ".")]
        home = str(Path.home())
        if home not in (os.sep, root, cwd):
            pairs += [(home + os.sep, "~/"), (home, "~")]
        return pairs

    @staticmethod
    def stamp(path: Path) -> str:
        """Changes whenever the file is saved: what the page polls to know it must refresh."""
        st = path.stat()
        return f"{st.st_mtime_ns}-{st.st_size}"

    def load(self, path: Path) -> Article:
        """The article in ``path``, re-read only when the file changed since last time."""
        stamp = self.stamp(path)
        with self._lock:
            cached = self._loaded.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached.article
        if not self._inside(path):  # replaced by a link out of the root since it was listed
            raise InputError("is not a file under the served folder", source=path.name)
        article = self.tailor.load(path)
        with self._lock:
            self._loaded[path] = _Loaded(stamp, article)
        return article


def _badges(tailor: Tailor, article: Article, shown: Rendering) -> Markup:
    """One badge per audience: its reading grade against its target; the shown one marked."""
    items = []
    for name in tailor.audiences:
        rendering = (
            shown
            if name == shown.audience
            else tailor.render(article, name, "text", locale=shown.locale)
        )
        report = rendering.readability
        label = tailor.audience(name).label
        if report is None:
            text, state = f"{label}: readability off", "off"
        elif report.verdict is None:
            text, state = f"{label}: {report.grade_line()}", "info"
        else:
            text = f"{label}: {report.grade_line()} ({report.verdict})"
            state = "ok" if report.meets_target else "miss"
        current = ' aria-current="true"' if name == shown.audience else ""
        items.append(
            Markup('<li class="tailor-badge tailor-badge-{}" data-audience="{}"{}>{}</li>').format(
                state, name, Markup(current), text
            )
        )
    # Every substitution is highlighted on the page: a replaced word (.tailor-sub) or an
    # explained term (.tailor-explained), so the count matches what the editor sees.
    subs = len(shown.substitutions)
    explained = sum(1 for s in shown.substitutions if s.mode == "explained")
    summary = Markup(
        '<li class="tailor-badge tailor-badge-subs">{} glossary substitution{} highlighted '
        "({} replaced, {} explained; hover or focus a word for the original)</li>"
    ).format(subs, "" if subs == 1 else "s", subs - explained, explained)
    return Markup("").join([*items, summary])


def _bar(version_url: str, stamp: str, badges: Markup, article_name: str) -> Markup:
    return Markup(
        '<aside id="tailor-preview-bar" data-version-url="{}" data-version="{}">'
        '<span class="tailor-preview-name">tailor preview: {}</span>'
        '<ul class="tailor-badges">{}</ul>'
        '<p class="tailor-preview-error" role="alert" hidden></p></aside>'
    ).format(version_url, stamp, article_name, badges)


def _decorate(page: str, bar: Markup) -> str:
    """Add the preview's stylesheet, script and badge bar to a rendered page."""
    head = Markup(
        '<link rel="stylesheet" href="/_tailor/preview.css">'
        '<script src="/_tailor/preview.js" defer></script>'
    )
    page = page.replace("</head>", f"{head}</head>", 1) if "</head>" in page else head + page
    match = _BODY_OPEN.search(page)
    at = match.end() if match else 0
    return f"{page[:at]}{bar}{page[at:]}"


def _error_page(message: str, status: int) -> HTMLResponse:
    body = Markup(
        '<!DOCTYPE html><html lang="en"><head><title>tailor preview: error</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/_tailor/preview.css"></head><body>'
        '<p class="tailor-preview-error" role="alert">{}</p></body></html>'
    ).format(message)
    return HTMLResponse(str(body), status_code=status)


def create_app(
    site: PreviewSite,
    *,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    render_timeout: float = RENDER_TIMEOUT,
) -> Starlette:
    """The preview web app for ``site``; serve it with any ASGI server (or :func:`serve`).

    ``allowed_hosts`` are the host names (without port) requests may name in ``Host``;
    ``render_timeout`` bounds the seconds a page render may take before a 503 page.
    """
    tailor = site.tailor
    default_audience = next(iter(tailor.audiences))
    slots = anyio.CapacityLimiter(RENDER_SLOTS)

    async def in_thread(work: Callable[[], Response]) -> Response:
        """Run a render off the event loop, answering within ``render_timeout`` seconds.

        A render that runs over keeps its thread until it finishes (linear time and the
        output bound keep that finite) and its slot with it; the reader gets a 503 page.
        """
        try:
            with anyio.fail_after(render_timeout):
                return await anyio.to_thread.run_sync(work, limiter=slots, abandon_on_cancel=True)
        except TimeoutError:
            return _error_page(
                f"rendering took more than {render_timeout:g} s; the article may be very "
                "large, or the machine busy",
                503,
            )

    def index(request: Request) -> Response:
        names = site.articles()
        if site.single:
            return RedirectResponse(f"/view/{names[0]}", status_code=307)
        links = Markup("").join(
            Markup('<li><a href="/view/{0}">{0}</a></li>').format(n) for n in names
        )
        body = Markup(
            '<!DOCTYPE html><html lang="en"><head><title>tailor preview</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="/_tailor/preview.css"></head><body>'
            '<main class="tailor-preview-index"><h1>Articles in {}</h1><ul>{}</ul></main>'
            "</body></html>"
        ).format(site.root.name or "/", links or Markup("<li>No article files here.</li>"))
        return HTMLResponse(str(body))

    def page(name: str, path: Path, audience: str, locale: str | None) -> Response:
        try:
            article = site.load(path)
            shown = tailor.render(article, audience, "page", locale=locale)
            badges = _badges(tailor, article, shown)
        except UnknownAudienceError as exc:
            return _error_page(site.public(str(exc)), 404)
        except InputError as exc:
            return _error_page(site.public(str(exc)), 422)
        except TailorError as exc:
            return _error_page(site.public(str(exc)), 500)
        bar = _bar(f"/version/{name}", site.stamp(path), badges, name)
        return HTMLResponse(_decorate(shown.content, bar), headers={"Cache-Control": "no-store"})

    async def view(request: Request) -> Response:
        name = request.path_params["name"]
        path = site.path_of(name)
        if path is None:
            return _error_page(f"no article file {name[:200]!r} here", 404)
        audience = request.query_params.get("audience", default_audience)
        locale = request.query_params.get("locale")
        return await in_thread(lambda: page(name, path, audience, locale))

    def version(request: Request) -> Response:
        name = request.path_params["name"]
        path = site.path_of(name)
        try:
            stamp = site.stamp(path) if path is not None else None
        except OSError:
            stamp = None
        if stamp is None:
            # The page polls this: a deleted or moved file must say so on screen.
            gone = f"{name}: the file was deleted or moved; this page shows its last version"
            return JSONResponse(
                {"error": gone}, status_code=404, headers={"Cache-Control": "no-store"}
            )
        return JSONResponse({"version": stamp}, headers={"Cache-Control": "no-store"})

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/view/{name:path}", view),
            Route("/version/{name:path}", version),
            Mount("/_tailor", StaticFiles(directory=STATIC), name="static"),
        ]
    )
    return _HostCheck(app, frozenset(h.lower() for h in allowed_hosts))  # type: ignore[return-value]


class _HostCheck:
    """Answer only requests whose ``Host`` names this machine's loopback server.

    DNS rebinding points an attacker's name at 127.0.0.1; the browser then sends that
    name as ``Host``, which is refused here, so another site's page cannot read previews.
    """

    def __init__(self, app: Starlette, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.routes = app.routes
        self.state = app.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if _host_name(host) not in self.hosts:
                response = Response(
                    "tailor preview answers only requests for 127.0.0.1 or localhost\n",
                    status_code=421,
                    media_type="text/plain",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without its port ("localhost:8000" -> "localhost")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def server(
    app: Any, *, port: int, header_timeout: float = HEADER_TIMEOUT, host: str = "127.0.0.1"
) -> Any:
    """A uvicorn server for ``app`` on the loopback interface that drops slow clients.

    uvicorn has no header timeout: a client sending its request a byte at a time keeps
    its connection open for ever, and 300 of them exhaust the server. Here a client must
    send a whole request within ``header_timeout`` seconds of connecting (or of its
    previous response), and at most 100 connections are served at once.
    """
    import uvicorn

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=_request_timeout_protocol(header_timeout),
        limit_concurrency=100,
        timeout_keep_alive=5,
    )
    return uvicorn.Server(config)


def serve(app: Any, *, port: int, header_timeout: float = HEADER_TIMEOUT) -> None:
    """Serve ``app`` on 127.0.0.1:``port`` until interrupted (what ``tailor serve`` runs)."""
    server(app, port=port, header_timeout=header_timeout).run()


def _request_timeout_protocol(seconds: float) -> type[Any]:
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request is not complete
    ``seconds`` after the client could start sending it."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class RequestTimeoutProtocol(H11Protocol):
        _request_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._watch()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._watch()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._watch()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_watching()
            super().connection_lost(exc)

        def _watch(self) -> None:
            waiting = self.conn.their_state in (h11.IDLE, h11.SEND_BODY)
            if waiting and self._request_timer is None and not self.transport.is_closing():
                self._request_timer = self.loop.call_later(seconds, self._expire)
            elif not waiting:
                self._stop_watching()

        def _stop_watching(self) -> None:
            if self._request_timer is not None:
                self._request_timer.cancel()
                self._request_timer = None

        def _expire(self) -> None:
            self._request_timer = None
            if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
                self.transport.close()

    return RequestTimeoutProtocol
