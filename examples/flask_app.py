"""Serve articles per audience and locale with Flask.

    flask --app examples/flask_app.py run
    curl "localhost:5000/articles/baclofen-muscle-spasms?audience=caregiver"

One Tailor and the loaded articles are built at start-up and shared by every request.
The locale is ``?locale=`` if given, else the best match for the Accept-Language header
(tailor's negotiation), else the article's own.
"""

from pathlib import Path

from flask import Flask, Response, abort, request

from tailor import Tailor, TailorError, UnknownAudienceError

tailor = Tailor()
articles = {a.id: a for a in map(tailor.load, (Path(__file__).parent / "articles").glob("*.yaml"))}
app = Flask(__name__)
MEDIA = {"json": "application/json", "markdown": "text/markdown", "text": "text/plain"}


@app.get("/articles/<article_id>")
def article(article_id: str) -> Response:
    found = articles.get(article_id) or abort(404, f"no article {article_id!r}")
    fmt = request.args.get("format", "page")
    try:
        header = request.headers.get("Accept-Language", "")
        locale = request.args.get("locale") or tailor.negotiate_locale(header, default=found.locale)
        out = tailor.render(
            found, request.args.get("audience", "patient"), fmt, locale=locale, readability=False
        )
    except UnknownAudienceError as exc:
        abort(404, str(exc))
    except TailorError as exc:
        abort(400, str(exc))
    headers = {"Content-Language": out.locale.replace("_", "-"), "Vary": "Accept-Language"}
    return Response(out.content, mimetype=MEDIA.get(fmt, "text/html"), headers=headers)
