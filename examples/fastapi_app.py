"""Serve articles per audience and locale with FastAPI.

    uvicorn --app-dir examples fastapi_app:app
    curl "localhost:8000/articles/baclofen-muscle-spasms?audience=patient&format=json"

One Tailor and the loaded articles are built at start-up and shared by every request.
The locale is ``?locale=`` if given, else the best match for the Accept-Language header
(tailor's negotiation), else the article's own. ``Content-Language`` names the language
the article is written in (the interface strings follow the locale, and the page tags
them itself). Error bodies quote at most a short piece of what was sent.
"""

from pathlib import Path

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import Response

from tailor import Tailor, TailorError, UnknownAudienceError

# This deployment's disclaimer policy: tailor's neutral text, and the wording the bundled
# example carries (a real deployment lists its own approved texts and translations).
tailor = Tailor(disclaimers=Path(__file__).parent / "disclaimers.yaml")
articles = {a.id: a for a in map(tailor.load, (Path(__file__).parent / "articles").glob("*.yaml"))}
app = FastAPI(title="tailor example")
MEDIA = {"json": "application/json", "markdown": "text/markdown", "text": "text/plain"}
#: Longer than any real audience, format or locale name: refused before it is echoed.
MAX_PARAMETER = 64
#: An error message is cut to this many characters, so a bad request cannot make the
#: server send back a large body of its own text.
MAX_ERROR = 300


def _short(message: str) -> str:
    return message if len(message) <= MAX_ERROR else message[: MAX_ERROR - 1] + "…"


@app.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article(
    article_id: str,
    audience: str = "patient",
    format: str = "page",
    locale: str | None = None,
    accept_language: str | None = Header(default=None),
) -> Response:
    params = {"audience": audience, "format": format, "locale": locale or ""}
    for name, value in params.items():
        if len(value) > MAX_PARAMETER:
            raise HTTPException(400, f"parameter {name} is longer than {MAX_PARAMETER} characters")
    if article_id not in articles:
        raise HTTPException(404, _short(f"no article {article_id!r}"))
    found = articles[article_id]
    try:
        chosen = locale or tailor.negotiate_locale(accept_language or "", default=found.locale)
        out = tailor.render(found, audience, format, locale=chosen, readability=False)
    except UnknownAudienceError as exc:
        raise HTTPException(404, _short(str(exc))) from None
    except TailorError as exc:
        raise HTTPException(400, _short(str(exc))) from None
    headers = {"Content-Language": tailor.prose_language(found), "Vary": "Accept-Language"}
    return Response(out.content, media_type=MEDIA.get(format, "text/html"), headers=headers)
