"""The live preview page behind ``tailor serve``: an article as readers see it, for editors.

An ordinary Starlette app (served by uvicorn) around :meth:`Tailor.render`'s ``page``
format, so the preview shows exactly what a site's page template produces, plus a thin bar
of readability badges and a script that swaps audiences without a page load (keeping the
scroll position) and picks up edits to the article file. Nothing here is imported by
``import tailor``: Starlette and uvicorn are the optional ``serve`` extra.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .._batch import article_files
from ..errors import InputError, TailorError, UnknownAudienceError
from ..model import Article
from ..tailor import Rendering, Tailor

__all__ = ["PreviewSite", "create_app"]

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
        """The served articles as paths relative to the root, sorted."""
        if self._only is not None:
            return [self._only.name]
        return [p.relative_to(self.root).as_posix() for p in article_files(self.root)]

    def path_of(self, name: str) -> Path | None:
        """The file for a served name; None for anything that is not one of ours."""
        return self.root / name if name in self.articles() else None

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
        elif report.target is None:
            text, state = f"{label}: grade {report.article.grade:g} (no target)", "info"
        else:
            mark = "meets" if report.meets_target else "above"
            text = f"{label}: grade {report.article.grade:g} / target ≤ {report.target:g} ({mark})"
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


def create_app(site: PreviewSite) -> Starlette:
    """The preview web app for ``site``; serve it with any ASGI server."""
    tailor = site.tailor
    default_audience = next(iter(tailor.audiences))

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
        ).format(site.root, links or Markup("<li>No article files here.</li>"))
        return HTMLResponse(str(body))

    def view(request: Request) -> Response:
        name = request.path_params["name"]
        path = site.path_of(name)
        if path is None:
            return _error_page(f"no article file {name!r} under {site.root}", 404)
        audience = request.query_params.get("audience", default_audience)
        locale = request.query_params.get("locale")
        try:
            article = site.load(path)
            shown = tailor.render(article, audience, "page", locale=locale)
            badges = _badges(tailor, article, shown)
        except UnknownAudienceError as exc:
            return _error_page(str(exc), 404)
        except InputError as exc:
            return _error_page(str(exc), 422)
        except TailorError as exc:
            return _error_page(str(exc), 500)
        bar = _bar(f"/version/{name}", site.stamp(path), badges, name)
        return HTMLResponse(_decorate(shown.content, bar), headers={"Cache-Control": "no-store"})

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

    return Starlette(
        routes=[
            Route("/", index),
            Route("/view/{name:path}", view),
            Route("/version/{name:path}", version),
            Mount("/_tailor", StaticFiles(directory=STATIC), name="static"),
        ]
    )
