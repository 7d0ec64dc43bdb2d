"""Stage 6, verify: check the rendered output itself for what must never be lost.

The checks read the output, not the model, so a custom template that forgets the
disclaimer, a point or a reference is caught whatever it did. Markup is reduced to the
text a reader sees; then each guarantee is a plain substring test, cheap enough to run on
every render.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InvariantError
from .transform import NUMBER_RE, TransformedArticle

__all__ = ["Expectations", "reader_text", "verify"]

_TAG = re.compile(r"<[^>]*>")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def reader_text(content: str, fmt: str) -> str:
    """What a reader of ``content`` sees, as one whitespace-normalised string."""
    if fmt in ("html", "page"):
        text = html.unescape(_TAG.sub("", _SCRIPT_STYLE.sub(" ", content)))
    elif fmt == "markdown":
        text = html.unescape(_MD_ESCAPE.sub(r"\1", content))
    elif fmt == "json":
        text = " ".join(_json_strings(json.loads(content)))
    else:
        text = content
    return _normalise(text)


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


@dataclass(frozen=True, slots=True)
class Expectations:
    """What the output must contain, worked out once per transformed article."""

    disclaimer: str
    date_text: str
    caution_text: str | None


def verify(content: str, fmt: str, transformed: TransformedArticle, expect: Expectations) -> None:
    """Raise :class:`InvariantError` if ``content`` lost anything that must survive."""
    selected = transformed.selected
    article = selected.article
    audience = selected.audience.name

    def fail(invariant: str, message: str, point_id: str | None = None) -> InvariantError:
        return InvariantError(
            invariant,
            message,
            audience=audience,
            format=fmt,
            point_id=point_id,
            article_id=article.id,
        )

    try:
        seen = reader_text(content, fmt)
    except (ValueError, TypeError) as exc:
        raise fail("output.parseable", f"the {fmt} output cannot be read back: {exc}") from None
    if fmt == "json":
        data = json.loads(content)
        if not isinstance(data, dict) or data.get("disclaimer") != expect.disclaimer:
            raise fail(
                "disclaimer.verbatim",
                "the JSON output has no 'disclaimer' field equal to the article's",
            )
    if _normalise(expect.disclaimer) not in seen:
        raise fail(
            "disclaimer.verbatim", "the professional disclaimer is missing or altered in the output"
        )
    if expect.date_text not in seen:
        raise fail("date.present", f"the last-updated date {expect.date_text!r} is missing")
    if expect.caution_text is not None and _normalise(expect.caution_text) not in seen:
        raise fail(
            "caution.present",
            "the article is not approved but the pending-review caution is missing",
        )
    for node in transformed.nodes():
        text = _normalise(node.text)
        if text not in seen:
            invariant = "critical_point.present" if node.critical else "point.present"
            raise fail(invariant, f"the text of {node.id!r} is missing or altered", node.id)
        shown = set(NUMBER_RE.findall(node.text))
        for number in NUMBER_RE.findall(node.source_text):
            if number not in shown:
                raise fail(
                    "numbers.kept",
                    f"the number {number!r} of the source is missing from this audience's text",
                    node.id,
                )
    for ref in article.references:
        label = ref.title if ref.listed and ref.title else None
        if label is not None and _normalise(label) not in seen:
            raise fail("reference.present", f"reference {ref.id!r} ({label!r}) is missing")
