"""Serve articles per audience and locale with FastAPI.

    uvicorn --app-dir examples fastapi_app:app
    curl "localhost:8000/articles/baclofen-muscle-spasms?audience=patient&format=json"

One Tailor and the loaded articles are built at start-up and shared by every request.
The locale is ``?locale=`` if given, else the best match for the Accept-Language header
(tailor's negotiation), else the article's own.
"""

from pathlib import Path

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import Response

from tailor import Tailor, TailorError, UnknownAudienceError

tailor = Tailor()
articles = {a.id: a for a in map(tailor.load, (Path(__file__).parent / "articles").glob("*.yaml"))}
app = FastAPI(title="tailor example")
MEDIA = {"json": "application/json", "markdown": "text/markdown", "text": "text/plain"}


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
    try:
        chosen = locale or tailor.negotiate_locale(accept_language or "", default=found.locale)
        out = tailor.render(found, audience, format, locale=chosen, readability=False)
    except UnknownAudienceError as exc:
        raise HTTPException(404, str(exc)) from None
    except TailorError as exc:
        raise HTTPException(400, str(exc)) from None
    headers = {"Content-Language": out.locale.replace("_", "-"), "Vary": "Accept-Language"}
    return Response(out.content, media_type=MEDIA.get(format, "text/html"), headers=headers)
