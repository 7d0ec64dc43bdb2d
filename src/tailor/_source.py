"""Reading YAML and JSON content files safely, keeping the line of every field.

Shared by articles, audiences and glossaries so that all of them report errors the same
way (file, dotted field path, line) and all refuse the same hostile inputs: invalid
UTF-8, oversized files, YAML aliases (the "billion laughs" bomb) and runaway nesting.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._lines import MAX_DEPTH, MAX_DIGITS, LineMap, NodeProblemError
from .errors import ErrorDetail, InputError, Loc, quoted

#: Largest content file tailor reads. Real articles are a few kilobytes; a limit stops a
#: runaway export or a hostile upload from exhausting memory in a web backend.
MAX_FILE_BYTES = 2 * 1024 * 1024
M = TypeVar("M", bound=BaseModel)


def line_for(lines: Mapping[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc`` or of its nearest ancestor that the file records."""
    probe = tuple(loc)
    while True:
        if probe in lines:
            return lines[probe]
        if not probe:
            return None
        probe = probe[:-1]


def decode_text(raw: bytes, source: str, error: type[InputError]) -> str:
    """UTF-8 text with one kind of line ending; invalid UTF-8 is an error naming the line."""
    if len(raw) > MAX_FILE_BYTES:
        raise error(
            f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one file",
            source=source,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            "file is not valid UTF-8",
            source=source,
            details=[
                ErrorDetail(
                    "encoding.invalid_utf8",
                    (),
                    f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not valid UTF-8; "
                    "save the file as UTF-8",
                    line=line,
                )
            ],
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, source: str, *, fmt: str, error: type[InputError]) -> tuple[Any, LineMap]:
    """Parse YAML or JSON text into plain data and a field-path to line map.

    PyYAML is imported here, on the first file read, not with tailor (issue 16).
    """
    from . import _yaml
    from ._yaml import json_lines

    if fmt == "json":
        refused: _JSONRefusalError | None = None
        try:
            data = json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
        except json.JSONDecodeError as exc:
            raise error(
                "file is not valid JSON",
                source=source,
                details=[ErrorDetail("syntax.json", (), exc.msg, line=exc.lineno)],
            ) from None
        except RecursionError:
            raise error(f"nesting deeper than {MAX_DEPTH} levels", source=source) from None
        except _JSONRefusalError as exc:
            refused = exc
        try:
            lines = json_lines(text, check=refused is not None)
        except NodeProblemError as found:
            raise error("file is not valid JSON", source=source, details=[found.detail]) from None
        if refused is not None:  # the line map could not place it: say it without a line
            raise error(
                "file is not valid JSON",
                source=source,
                details=[ErrorDetail(refused.type, (), str(refused))],
            ) from None
        _check_depth(data, source, error)
        return data, lines
    if _yaml.FAST_LOADER is not None:
        try:
            return _yaml.parse_yaml(text, source, error, _yaml.FAST_LOADER)
        except InputError:
            pass  # refused: read again in pure Python, whose messages and lines are pinned
    return _yaml.parse_yaml(text, source, error, _yaml.NoAliasLoader)


class _JSONRefusalError(ValueError):
    """A JSON document the standard parser would read silently wrong."""

    def __init__(self, type_: str, msg: str) -> None:
        super().__init__(msg)
        self.type = type_


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _JSONRefusalError(
                "syntax.duplicate_key",
                f"duplicate key {quoted(key)}; a key may appear once, since only one of the "
                "values could be used",
            )
        found[key] = value
    return found


def _json_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS:
        raise _JSONRefusalError(
            "syntax.number_too_long",
            f"a number with too many digits ({len(digits):,}; at most {MAX_DIGITS})",
        )
    return int(digits)


def _check_depth(data: Any, source: str, error: type[InputError]) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise error(f"nesting deeper than {MAX_DEPTH} levels", source=source)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def read_regular_file(
    path: str | Path, *, error: type[InputError], limit: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Anything else is refused before it is read: a FIFO (``open`` is non-blocking, so a
    pipe with no writer cannot hang the reader), a device such as ``/dev/zero`` reached
    through a symlink (endless bytes), a directory or a socket. The size is checked on
    the open file, and reading stops at ``limit + 1`` bytes in case the file grows
    meanwhile, so a 3 GB file costs no more memory than the limit.
    """
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error("file not found", source=source) from None
    except IsADirectoryError:
        raise error("is a directory, not a file", source=source) from None
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", source=source) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error("is a directory, not a file", source=source)
        if not stat.S_ISREG(info.st_mode):
            raise error(
                f"is not a regular file (a {_file_kind(info.st_mode)}); tailor reads only "
                "regular files",
                source=source,
            )
        if info.st_size > limit:
            raise error(_too_big(info.st_size, limit), source=source)
        chunks: list[bytes] = []
        read = 0
        while read <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - read))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", source=source) from None
    finally:
        os.close(fd)
    if read > limit:
        raise error(_too_big(read, limit, growing=True), source=source)
    return b"".join(chunks)


def _too_big(size: int, limit: int, *, growing: bool = False) -> str:
    if growing:
        return f"file grew past the {limit:,}-byte limit for one file while it was read"
    return f"file is {size:,} bytes, over the {limit:,}-byte limit for one file"


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def read_file(path: str | Path, *, error: type[InputError]) -> tuple[Any, LineMap, str]:
    """Read and parse a ``.yaml``/``.yml``/``.json`` file; returns data, lines, source label."""
    data, lines, source, _ = read_file_text(path, error=error)
    return data, lines, source


def read_file_text(path: str | Path, *, error: type[InputError]) -> tuple[Any, LineMap, str, str]:
    """:func:`read_file`, and the decoded text it parsed (to work the lines out again)."""
    p = Path(path)
    source = str(p)
    suffix = p.suffix.lower()
    if suffix not in {".yaml", ".yml", ".json"}:
        raise error(
            f"unsupported file type {suffix or '(none)'!r}; use .yaml, .yml or .json", source=source
        )
    raw = read_regular_file(p, error=error)
    text = decode_text(raw, source, error)
    data, lines = parse_text(text, source, fmt="json" if suffix == ".json" else "yaml", error=error)
    return data, lines, source, text


def details_from_validation(exc: ValidationError, lines: Mapping[Loc, int]) -> list[ErrorDetail]:
    """pydantic's errors as tailor's, with each field's line added."""
    out = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        ctx = {k: v for k, v in (err.get("ctx") or {}).items() if k != "error"}
        msg = err["msg"].removeprefix("Value error, ")
        out.append(ErrorDetail(err["type"], loc, msg, line=line_for(lines, loc), ctx=ctx))
    return out


def validate_model(
    model: type[M],
    data: Any,
    *,
    source: str,
    lines: Mapping[Loc, int],
    error: type[InputError],
    what: str,
    checks: Sequence[Callable[[M], list[ErrorDetail]]] = (),
) -> M:
    """Validate ``data`` as ``model`` and run semantic ``checks``; every problem in one error."""
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else type(data).__name__
        article = "an" if what[:1] in "aeiou" else "a"
        raise error(f"{article} {what} must be a mapping of fields, got {kind}", source=source)
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        raise error(
            f"invalid {what}", source=source, details=details_from_validation(exc, lines)
        ) from None
    problems: list[ErrorDetail] = []
    for check in checks:
        problems.extend(check(value))
    if problems:
        problems = [
            ErrorDetail(p.type, p.loc, p.msg, line=p.line or line_for(lines, p.loc), ctx=p.ctx)
            for p in problems
        ]
        raise error(f"invalid {what}", source=source, details=problems)
    return value
