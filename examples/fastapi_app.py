"""Serve articles per audience and locale with FastAPI.

    uvicorn --app-dir examples fastapi_app:app
    curl "localhost:8000/articles/baclofen-muscle-spasms?audience=patient&format=json"

One Tailor and the loaded articles are built at start-up and shared by every request.
The locale is ``?locale=`` if given, else the best match for the Accept-Language header.
"""

from pathlib import Path

from babel import negotiate_locale
from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import Response

from tailor import Tailor, TailorError, UnknownAudienceError

tailor = Tailor()
articles = {a.id: a for a in map(tailor.load, (Path(__file__).parent / "articles").glob("*.yaml"))}
app = FastAPI(title="tailor example")
MEDIA = {"json": "application/json", "markdown": "text/markdown", "text": "text/plain"}


def best_locale(accept_language: str | None, available: tuple[str, ...]) -> str | None:
    """The best of ``available`` for an Accept-Language header, by q-value; None if none fits."""
    ranked = []
    for part in (accept_language or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            ranked.append((-float(q or 1), tag.strip().replace("-", "_")))
        except ValueError:  # a malformed q-value: ignore that language, not the request
            continue
    preferred = [tag for _, tag in sorted(ranked, key=lambda r: r[0]) if tag not in ("", "*")]
    return negotiate_locale(preferred, list(available), sep="_")


@app.get("/articles/{article_id}")
def article(
    article_id: str,
    audience: str = "patient",
    format: str = "page",
    locale: str | None = None,
    accept_language: str | None = Header(default=None),
) -> Response:
    if article_id not in articles:
        raise HTTPException(404, f"no article {article_id!r}")
    found = articles[article_id]
    chosen = locale or best_locale(accept_language, tailor.locales) or found.locale
    try:
        out = tailor.render(found, audience, format, locale=chosen, readability=False)
    except UnknownAudienceError as exc:
        raise HTTPException(404, str(exc)) from None
    except TailorError as exc:
        raise HTTPException(400, str(exc)) from None
    headers = {"Content-Language": out.locale.replace("_", "-"), "Vary": "Accept-Language"}
    return Response(out.content, media_type=MEDIA.get(format, "text/html"), headers=headers)
