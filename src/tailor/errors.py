"""Every error tailor raises, rooted at :class:`TailorError`.

The tree::

    TailorError
    ├── InputError                 bad content or configuration, caught before rendering
    │   ├── ArticleError           an article file or dict that does not validate
    │   ├── AudienceError          an audience file that does not validate
    │   │   └── UnknownAudienceError
    │   ├── GlossaryError          a glossary file that does not validate
    │   ├── ConfigError            a deployment's policy file (the disclaimer policy)
    │   ├── UnknownFormatError
    │   ├── UnknownLocaleError
    │   └── CatalogError           a message catalog (.po) that does not read or check
    ├── TemplateError              a template that fails to load, compile or render
    ├── ReadabilityError           a strict audience whose rendering misses its target
    ├── OutputLimitError           a rendering that would exceed the configured size
    ├── OutputError                an output file or folder that cannot be written
    ├── WorkerError                a worker process that died holding a request
    └── InvariantError             a rendering that would lose what must never be lost

Every message names what it can of: the file, the field path (dotted, as pydantic prints
it: ``sections.2.points.1.citations.0``) and the line. Web backends and the CLI can print
``str(error)`` as it is; programs read the attributes instead of parsing the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ArticleError",
    "AudienceError",
    "BatchError",
    "CatalogError",
    "ConfigError",
    "ErrorDetail",
    "GlossaryError",
    "InputError",
    "InvariantError",
    "OutputError",
    "OutputLimitError",
    "ReadabilityError",
    "TailorError",
    "TemplateError",
    "UnknownAudienceError",
    "UnknownFormatError",
    "UnknownLocaleError",
    "WorkerError",
]

Loc = tuple[str | int, ...]

#: The most characters of one value an error message quotes. Messages travel to logs, web
#: responses and terminals; a megabyte Accept-Language header must not come back whole.
QUOTE_LIMIT = 80
#: The most characters of one problem's message (a catch-all for messages built from
#: several quoted values).
MESSAGE_LIMIT = 600


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``value`` quoted for an error message, as ``repr`` does, cut to ``limit`` characters.

    The one place error messages quote untrusted input (a locale, an audience name, a
    header, a field's value): a long value is cut and says how long it was, so the
    message stays a line a person can read.
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def capped(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A whole message cut to ``limit`` characters, for messages that quote several values."""
    if len(message) <= limit:
        return message
    return f"{message[:limit]}... ({len(message):,} characters)"


def format_loc(loc: Loc) -> str:
    """Dotted field path, the form editors see in every message."""
    return ".".join(str(part) for part in loc)


@dataclass(frozen=True)
class ErrorDetail:
    """One problem found in an input, in the shape of pydantic's error details.

    ``type`` is a stable slug programs can match on; ``loc`` the path to the field;
    ``line`` the 1-based line in the source file when the format tracks lines.
    """

    type: str
    loc: Loc
    msg: str
    line: int | None = None
    ctx: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        where = format_loc(self.loc) or "(top level)"
        line = f", line {self.line}" if self.line is not None else ""
        return f"{capped(where, 200)}{line}: {capped(self.msg)} [type={self.type}]"


class TailorError(Exception):
    """Root of every error tailor raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries in batch rendering (a worker process or a Dask
        # worker sends them back). Exception's default pickling calls ``__init__(*args)``,
        # which fails for subclasses taking keywords; rebuild from the attributes instead.
        return (_rebuild_error, (type(self), self.args, self.__dict__))


def _rebuild_error(
    cls: type[TailorError], args: tuple[Any, ...], state: dict[str, Any]
) -> TailorError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(TailorError):
    """Content or configuration that cannot be used as given.

    Carries the source (a file path, or a label such as ``<dict>``) and every problem
    found, so an editor fixes them all in one pass instead of one per run.
    """

    kind = "input"

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        details: Sequence[ErrorDetail] = (),
    ) -> None:
        self.source = str(source) if source is not None else None
        self.details: tuple[ErrorDetail, ...] = tuple(details)
        self.message = capped(message)
        super().__init__(self._compose())

    def _compose(self) -> str:
        source = capped(self.source, 300) if self.source else None
        head = f"{source}: {self.message}" if source else self.message
        if not self.details:
            return head
        if len(self.details) == 1:
            return f"{head}: {self.details[0].describe()}"
        lines = [f"{head} ({len(self.details)} problems):"]
        lines.extend(f"  {d.describe()}" for d in self.details)
        return "\n".join(lines)

    @property
    def first_line(self) -> str:
        """The whole error on one line, for a CLI or a log record."""
        if not self.details:
            return str(self).splitlines()[0]
        d = self.details[0]
        more = f" (and {len(self.details) - 1} more)" if len(self.details) > 1 else ""
        src = f"{capped(self.source, 300)}: " if self.source else ""
        return f"{src}{self.message}: {d.describe()}{more}"


class ArticleError(InputError):
    """An article that does not load or validate."""


class AudienceError(InputError):
    """An audience definition that does not load or validate."""


class UnknownAudienceError(AudienceError):
    """A requested audience that no loaded audience file defines."""

    def __init__(self, name: str, known: Sequence[str], *, source: str | None = None) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(
            f"unknown audience {quoted(name)}; known audiences: "
            f"{capped(', '.join(self.known), 300)}",
            source=source,
        )


class GlossaryError(InputError):
    """A glossary file that does not load or validate, or glossaries that conflict."""


class ConfigError(InputError):
    """A deployment's configuration file (its disclaimer policy) that does not load or
    validate."""


class UnknownFormatError(InputError):
    """A requested output format tailor does not produce."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(
            f"unknown format {quoted(name)}; known formats: {capped(', '.join(self.known), 300)}"
        )


class UnknownLocaleError(InputError):
    """A locale that is malformed or that tailor has no interface strings for."""

    def __init__(self, name: str, supported: Sequence[str]) -> None:
        self.name = name
        self.supported = tuple(supported)
        super().__init__(
            f"unsupported locale {quoted(name)}; supported locales: "
            f"{capped(', '.join(self.supported), 300)}"
        )


class CatalogError(InputError):
    """A gettext catalog that is missing, malformed, or fails Babel's checks."""


class TemplateError(TailorError):
    """A template that cannot be loaded, compiled or rendered.

    Names the template file and, where Jinja2 reports one, the line.
    """

    def __init__(self, message: str, *, template: str | None = None, line: int | None = None):
        self.template = template
        self.line = line
        where = ""
        if template:
            where = f'File "{capped(template, 300)}"' + (f", line {line}" if line else "") + ": "
        super().__init__(f"{where}{capped(message)}")


class ReadabilityError(TailorError):
    """A rendering for a ``strict`` audience that misses its reading target.

    ``findings`` lists every miss, not just the first.
    """

    def __init__(self, message: str, findings: Sequence[Any] = ()) -> None:
        self.findings = tuple(findings)
        super().__init__(message)


class OutputError(TailorError):
    """An output file or folder that cannot be written, or must not be.

    A target that is also an input, two outputs with one path, a folder tailor did not
    write, a read-only folder, a full disk, a path too long, a file where a folder is
    needed. ``path`` is the target as shown (a very long one is shortened).
    """

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class WorkerError(TailorError):
    """A request whose worker process died before returning it (killed, out of memory,
    or a script started without an ``if __name__ == "__main__":`` guard where worker
    processes are spawned). Only the requests that worker held fail; the rest render."""

    def __init__(self, message: str, *, index: int | None = None) -> None:
        self.index = index
        super().__init__(message)


class OutputLimitError(TailorError):
    """A rendering that would be longer than the :class:`~tailor.Tailor`'s
    ``max_output_chars``: refused as soon as it passes the limit, before it fills memory.

    A 100 KB glossary replacement used 3,000 times makes 300 MB; a web backend rendering
    user content must not hold that. ``limit`` is the configured bound, ``stage`` where it
    was passed (``transform`` for glossary substitution, ``render`` for the template).
    """

    def __init__(
        self,
        limit: int,
        *,
        stage: str,
        audience: str,
        article_id: str | None = None,
        format: str | None = None,
    ) -> None:
        self.limit = limit
        self.stage = stage
        self.audience = audience
        self.article_id = article_id
        self.format = format
        what = f"article {article_id!r}" if article_id else "the article"
        fmt = f" in format {format!r}" if format else ""
        cause = (
            "glossary replacements make its text"
            if stage == "transform"
            else "the template makes its output"
        )
        super().__init__(
            f"the rendering of {what} for audience {audience!r}{fmt} is over the limit of "
            f"{limit:,} characters: {cause} longer than that "
            "(raise Tailor(max_output_chars=...) if such a size is expected)"
        )


class InvariantError(TailorError):
    """A rendering that would drop or alter content that must survive every audience.

    Raised by the verify stage; nothing is returned when it fires.
    """

    def __init__(
        self,
        invariant: str,
        message: str,
        *,
        audience: str,
        format: str,
        point_id: str | None = None,
        article_id: str | None = None,
    ) -> None:
        self.invariant = invariant
        self.audience = audience
        self.format = format
        self.point_id = point_id
        self.article_id = article_id
        where = f"article {quoted(article_id)}, " if article_id else ""
        point = f", point {quoted(point_id)}" if point_id else ""
        super().__init__(
            f"invariant {invariant!r} violated ({where}audience {quoted(audience)}, "
            f"format {quoted(format)}{point}): {capped(message)}"
        )


class BatchError(TailorError):
    """Some requests of a :meth:`~tailor.Tailor.render_many` batch failed.

    Raised once every request has been tried, so one bad article does not hide the
    others: ``failures`` holds ``(index, error)`` for each failed request in request
    order, and ``results`` the whole batch, a :class:`~tailor.Rendering` or the error at
    each index.
    """

    def __init__(self, failures: Sequence[tuple[int, TailorError]], results: Sequence[Any]):
        self.failures = tuple(failures)
        self.results = list(results)
        shown = [f"  request {i}: {' '.join(str(e).split())}" for i, e in self.failures[:10]]
        more = len(self.failures) - len(shown)
        super().__init__(
            f"{len(self.failures)} of {len(self.results)} requests failed:\n"
            + "\n".join(shown)
            + (f"\n  ... and {more} more" if more else "")
        )
