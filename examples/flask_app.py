"""Serve articles per audience and locale with Flask.

    flask --app examples/flask_app.py run
    curl "localhost:5000/articles/baclofen-muscle-spasms?audience=caregiver"

One Tailor and the loaded articles are built at start-up and shared by every request.
The locale is ``?locale=`` if given, else the best match for the Accept-Language header
(tailor's negotiation), else the article's own. ``Content-Language`` names the language
the article is written in (the interface strings follow the locale, and the page tags
them itself). Error bodies quote at most a short piece of what was sent.
"""

from pathlib import Path

from flask import Flask, Response, abort, request

from tailor import Tailor, TailorError, UnknownAudienceError

# This deployment's disclaimer policy: tailor's neutral text, and the wording the bundled
# example carries (a real deployment lists its own approved texts and translations).
tailor = Tailor(disclaimers=Path(__file__).parent / "disclaimers.yaml")
articles = {a.id: a for a in map(tailor.load, (Path(__file__).parent / "articles").glob("*.yaml"))}
app = Flask(__name__)
MEDIA = {"json": "application/json", "markdown": "text/markdown", "text": "text/plain"}
#: Longer than any real audience, format or locale name: refused before it is echoed.
MAX_PARAMETER = 64
#: An error message is cut to this many characters, so a bad request cannot make the
#: server send back a large body of its own text.
MAX_ERROR = 300


def _short(message: str) -> str:
    return message if len(message) <= MAX_ERROR else message[: MAX_ERROR - 1] + "…"


@app.get("/articles/<article_id>")  # Flask answers HEAD for every GET route
def article(article_id: str) -> Response:
    for name in ("audience", "format", "locale"):
        if len(request.args.get(name, "")) > MAX_PARAMETER:
            abort(400, f"parameter {name} is longer than {MAX_PARAMETER} characters")
    found = articles.get(article_id) or abort(404, _short(f"no article {article_id!r}"))
    fmt = request.args.get("format", "page")
    try:
        header = request.headers.get("Accept-Language", "")
        locale = request.args.get("locale") or tailor.negotiate_locale(header, default=found.locale)
        out = tailor.render(
            found, request.args.get("audience", "patient"), fmt, locale=locale, readability=False
        )
    except UnknownAudienceError as exc:
        abort(404, _short(str(exc)))
    except TailorError as exc:
        abort(400, _short(str(exc)))
    headers = {"Content-Language": tailor.prose_language(found), "Vary": "Accept-Language"}
    return Response(out.content, mimetype=MEDIA.get(fmt, "text/html"), headers=headers)
