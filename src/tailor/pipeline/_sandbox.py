"""The sandbox site templates render in: bounded in size, time and depth, confined to its folder.

A template from ``template_dirs`` is content a site edits, not code it reviews (README,
"Templates"). Jinja2's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` keeps it away
from Python's internals, but not from the machine's memory and time: ``'x'.ljust(2*10**9)``
allocates two gigabytes, two nested ``range(10**5)`` loops run for hours, ``9**99`` raised
again and again never finishes. A web backend that renders such a template stalls or dies,
so every way a template can grow a value or spin is bounded here:

- **Size.** No string, list or mapping a template builds may exceed
  :attr:`SandboxLimits.max_chars` items. Operations whose result size is known from their
  arguments (repetition, padding, ``indent``, ``replace``, ``join``, ``%`` and ``format``
  widths, ``lipsum``) are refused *before* they allocate; the rest (concatenation, ``~``,
  buffered blocks, filter results) are checked as they are built, and since every input
  is already bounded, no intermediate exceeds a small multiple of the limit. Integers are
  bounded by bit length, so big-integer arithmetic cannot eat the CPU.
- **Output.** The rendering is streamed and refused once it passes
  :attr:`SandboxLimits.max_output`; buffered output (``set`` and ``filter`` blocks, macros)
  once it passes :attr:`SandboxLimits.max_chars`. Both are held compacted, so memory follows
  the characters written, not the number of pieces a loop nest writes before the clock
  stops it.
- **Time.** Every loop iteration, call and output chunk checks a deadline
  (:attr:`SandboxLimits.max_seconds`), so no loop nest runs past it.
- **Depth.** Recursion (a macro calling itself, an ``extends`` chain, 5,000 nested ``if``)
  ends in Python's own limit, which the renderer reports like any template failure.
- **Files.** :class:`ConfinedLoader` reads only regular files inside its folder, of bounded
  size: a symlink to ``/etc/passwd``, ``/dev/zero`` or a FIFO is "not found".

Each refusal raises :class:`jinja2.exceptions.SecurityError`, which the renderer turns into
a :class:`~tailor.errors.TemplateError` naming the template file and line.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import update_wrapper
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from markupsafe import EscapeFormatter, Markup

from .._limits import SandboxLimits as SandboxLimits

__all__ = ["ConfinedLoader", "SandboxLimits", "TemplateSandbox"]


class ConfinedLoader(jinja2.FileSystemLoader):
    """A folder's templates, and nothing a link inside it points to outside it.

    Jinja2's :class:`~jinja2.FileSystemLoader` opens whatever path the template name leads
    to, following symlinks: a link ``evil.j2 -> /etc/passwd`` put the password file into a
    verified rendering. Here the real path must lie inside the folder's real path (links
    within the folder still work), and must be a regular file no larger than the limit, so
    ``/dev/zero``, a FIFO or a 3 GB file is refused before it is read.
    """

    def __init__(self, searchpath: str | Path, max_bytes: int) -> None:
        super().__init__(str(searchpath))
        self._root = Path(searchpath).resolve()
        self._max_bytes = max_bytes

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." and absolute names
        path = self._root.joinpath(*pieces)
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a symlink loop
            raise jinja2.TemplateNotFound(template) from None
        if not real.is_relative_to(self._root):
            raise jinja2.TemplateNotFound(template)
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            raise jinja2.TemplateNotFound(template) from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise jinja2.TemplateNotFound(template)
            if info.st_size > self._max_bytes:
                raise SecurityError(
                    f"template {template!r} is {info.st_size:,} bytes, over the limit of "
                    f"{self._max_bytes:,}"
                )
            data = handle.read(self._max_bytes + 1)
        if len(data) > self._max_bytes:
            raise SecurityError(f"template {template!r} is over {self._max_bytes:,} bytes")
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SecurityError(f"template {template!r} is not UTF-8: {exc.reason}") from None
        return source, str(real), lambda: True

    def list_templates(self) -> list[str]:
        return [
            name
            for name in super().list_templates()
            if self._root.joinpath(*split_template_path(name)).resolve().is_relative_to(self._root)
        ]


# A %-conversion: %(name)s, %-10.3f, %*d. Groups: width, precision.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` as the sandbox runs it, refusing widths over the limit."""

    def __init__(self, env: TemplateSandbox, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self._limits = env.limits

    def format_field(self, value: Any, format_spec: str) -> Any:
        for digits in _DIGITS.findall(format_spec):
            if len(digits) > 12 or int(digits) > self._limits.max_chars:
                raise SecurityError(
                    f"format width {digits[:20]} is over the limit of "
                    f"{self._limits.max_chars:,} for templates"
                )
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    pass


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` so that its result is size-checked like every other value."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja2 name
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")

    def buffer(self, frame: Frame) -> None:
        """Buffered output (``set`` and ``filter`` blocks, macros) goes to a bounded buffer.

        Jinja2 collects such output in a plain list it appends to from generated code, so
        neither :meth:`TemplateSandbox.concat` nor the output stream sees it grow: a loop
        nest in a ``set`` block held millions of pieces (130 MB in 2 s) before the clock
        stopped it.
        """
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.output_buffer()")


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple | dict | set | frozenset) else 0


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with every size, time and depth bounded (module docstring).

    Immutable, because the context a template receives is cached and shared by every
    thread rendering the same article: a template calling ``references.append(...)`` would
    change what later readers see. The deadline lives in a thread-local on the environment
    (environments are shared by threads), set by :meth:`budget` for each rendering.
    """

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args: Any, limits: SandboxLimits | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits or SandboxLimits()
        self._local = threading.local()
        for name, func in list(self.filters.items()):
            self.filters[name] = self._bounded_filter(name, func)
        self.globals["lipsum"] = self._lipsum

    # -- the per-rendering budget ----------------------------------------------------------

    def budget(self) -> _Budget:
        """A context manager that starts this thread's deadline for one rendering."""
        return _Budget(self._local, self.limits.max_seconds)

    def tick(self) -> None:
        """Refuse to go on once this thread's rendering has used up its time."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is not None and time.monotonic() > deadline:
            raise SecurityError(
                f"the template ran for more than {self.limits.max_seconds:g} s, "
                "the limit for one rendering"
            )

    def stream(self, chunks: Iterable[str]) -> str:
        """Join a rendering's output, refusing it once it passes the output limit."""
        limit = self.limits.max_output
        return _Accumulator(
            self,
            limit,
            lambda: SecurityError(
                f"the rendering is over {limit:,} characters, the limit for templates"
            ),
        ).join(chunks)

    def output_buffer(self) -> _BoundedBuffer:
        """A fresh buffer for a block's output (see :meth:`_BoundedCodeGenerator.buffer`)."""
        return _BoundedBuffer(self)

    # -- sizes -----------------------------------------------------------------------------

    def _too_big(self, size: int, what: str) -> SecurityError:
        return SecurityError(
            f"{what} would build {size:,} items, over the limit of "
            f"{self.limits.max_chars:,} for templates"
        )

    def _check_size(self, size: int, what: str) -> None:
        if size > self.limits.max_chars:
            raise self._too_big(size, what)

    def bounded(self, value: Any) -> Any:
        """``value`` if it is within the size limits; raise otherwise."""
        if isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > self.limits.max_int_bits:
                raise SecurityError(
                    f"an integer of {value.bit_length():,} bits is over the limit of "
                    f"{self.limits.max_int_bits:,} for templates"
                )
        else:
            self._check_size(_sized(value), "this value")
        return value

    def concat(self, parts: Iterable[str]) -> str:
        """Buffered output (a macro, a ``set`` or ``filter`` block), size-checked as it grows."""
        limit = self.limits.max_chars
        return _Accumulator(self, limit, lambda: self._too_big(limit + 1, "this block")).join(parts)

    def _check_ints(self, args: Iterable[Any], what: str) -> None:
        for arg in args:
            if (
                isinstance(arg, int)
                and not isinstance(arg, bool)
                and abs(arg) > self.limits.max_chars
            ):
                raise SecurityError(
                    f"{what}: the argument {arg if arg.bit_length() < 64 else 'given'} is "
                    f"over the limit of {self.limits.max_chars:,} for templates"
                )

    def _check_percent(self, fmt: str, args: Any) -> None:
        """``fmt % args`` must not ask for a width or precision over the limit."""
        star = False
        for width, precision in _PERCENT_SPEC.findall(fmt):
            for part in (width, precision):
                if part == "*":
                    star = True
                elif part:
                    self._check_ints([int(part) if len(part) < 20 else 10**20], "a % format")
        if star:
            values = args if isinstance(args, tuple) else (args,)
            self._check_ints(values, "a % format")

    def _check_call(self, obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Refuse a call whose result would be too big, before it allocates."""
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, str) and "%" in arg:
                self._check_percent(arg, ())  # gettext's "%(n)9999999999s" and the like
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str):  # 'x'.ljust(n), .center, .zfill, .replace, .join ...
            name = getattr(obj, "__name__", "")
            self._check_ints((*args, *kwargs.values()), f"str.{name}")
            _estimate_str_method(self, owner, name, args, kwargs)

    # -- what the sandbox intercepts -------------------------------------------------------

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.tick()
        __self._check_call(__obj, args, {k: v for k, v in kwargs.items() if k[0] != "_"})
        return __self.bounded(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limits = self.limits
        if operator == "**":
            if isinstance(right, int) and abs(right) > 100:
                raise SecurityError(f"exponent {right} is over the limit of 100 for templates")
            if isinstance(left, int) and isinstance(right, int) and right > 0:
                bits = max(left.bit_length(), 1) * right
                if bits > limits.max_int_bits:
                    raise SecurityError(
                        f"a power of {bits:,} bits is over the limit of "
                        f"{limits.max_int_bits:,} for templates"
                    )
            return self.bounded(left**right)
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    self._check_size(len(seq) * max(times, 0), "repetition")
            return self.bounded(left * right)
        if operator == "+":
            self._check_size(_sized(left) + _sized(right), "concatenation")
            return self.bounded(left + right)
        if operator == "%" and isinstance(left, str):
            self._check_percent(left, right)
            return self.bounded(left % right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` through a formatter that bounds widths."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        f_self: str = value.__self__
        formatter: _BoundedFormatter = (
            _BoundedEscapeFormatter(self, escape=f_self.escape)
            if isinstance(f_self, Markup)
            else _BoundedFormatter(self)
        )
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one positional argument")
                kwargs, args = args[0], ()
            return type(f_self)(self.bounded(formatter.vformat(f_self, args, kwargs)))

        return update_wrapper(wrapper, value)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then make every ``for`` loop check the deadline on each iteration."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            if not loop.recursive:
                loop.iter = nodes.Call(
                    nodes.EnvironmentAttribute("ticking", lineno=loop.lineno),
                    [loop.iter],
                    [],
                    None,
                    None,
                    lineno=loop.lineno,
                )
        return tree

    def ticking(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """``iterable``, checking the deadline before each item (see :meth:`_parse`)."""
        for item in iterable:
            self.tick()
            yield item

    # -- filters and globals ---------------------------------------------------------------

    def _bounded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        estimate = _FILTER_ESTIMATES.get(name)
        environment = self

        def bounded_filter(*args: Any, **kwargs: Any) -> Any:
            plain = _plain_args(args, kwargs)
            # The filtered value may be any number; its arguments (widths, counts) may not.
            environment._check_ints(plain[1:], f"the filter {name!r}")
            if estimate is not None:
                estimate(environment, plain, kwargs)
            return environment.bounded(func(*args, **kwargs))

        update_wrapper(bounded_filter, func)
        return bounded_filter

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        """Jinja2's ``lipsum``, refused when it would write more than the size limit."""
        if isinstance(n, int) and isinstance(max, int):
            words = n * max if n > 0 and max > 0 else 0
            self._check_size(words * 12, "lipsum")  # about 12 characters a word
        return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _plain_args(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> list[Any]:
    """A filter's own arguments, without the context or environment Jinja2 passes first."""
    rest = [a for a in args if not isinstance(a, jinja2.Environment | jinja2.runtime.Context)]
    rest = [a for a in rest if not isinstance(a, jinja2.nodes.EvalContext)]
    return [*rest, *kwargs.values()]


def _estimate_str_method(
    env: TemplateSandbox, s: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    if name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            env._check_size(len(s) + s.count("\t") * max(size, 0), "expandtabs")
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        _check_replace(env, s, args[0], args[1], count)
    elif name == "join" and args:
        items = args[0]
        if isinstance(items, list | tuple):
            total = sum(len(x) for x in items if isinstance(x, str))
            env._check_size(total + len(s) * max(len(items) - 1, 0), "join")
        else:  # a generator: the sandbox cannot see its size before join runs
            raise SecurityError("str.join in a template takes a list, not a generator")


def _check_replace(env: TemplateSandbox, s: Any, old: Any, new: Any, count: Any) -> None:
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    env._check_size(len(s) + found * len(new), "replace")


def _indent_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    s = args[0] if args else ""
    width = args[1] if len(args) > 1 else kwargs.get("width", 4)
    size = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    lines = str(s).count("\n") + 1
    env._check_size(len(str(s)) + lines * max(size, 0), "indent")


def _replace_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    if len(args) >= 3:
        count = args[3] if len(args) > 3 else kwargs.get("count")
        _check_replace(env, str(args[0]), args[1], args[2], -1 if count is None else count)


def _join_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    value = args[0] if args else ()
    d = args[1] if len(args) > 1 else kwargs.get("d", "")
    if isinstance(value, list | tuple):
        total = sum(len(x) if isinstance(x, str) else 1 for x in value)
        env._check_size(total + len(str(d)) * max(len(value) - 1, 0), "join")


def _wordwrap_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    s = str(args[0]) if args else ""
    width = args[1] if len(args) > 1 else kwargs.get("width", 79)
    wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring") or "\n"
    if isinstance(width, int):
        breaks = len(s) // max(width, 1) + 1
        env._check_size(len(s) + breaks * len(str(wrap)), "wordwrap")


def _format_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    if args and isinstance(args[0], str):
        env._check_percent(args[0], tuple(args[1:]))


def _tojson_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    indent = args[1] if len(args) > 1 else kwargs.get("indent")
    if isinstance(indent, int) and indent > 16:
        raise SecurityError(f"tojson indent {indent} is over the limit of 16 for templates")
    if isinstance(indent, str) and len(indent) > 16:
        raise SecurityError("a tojson indent over 16 characters is refused in templates")


def _center_estimate(env: TemplateSandbox, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    width = args[1] if len(args) > 1 else kwargs.get("width", 80)
    if isinstance(width, int):
        env._check_size(width, "center")


_FILTER_ESTIMATES: dict[str, Callable[[TemplateSandbox, list[Any], Mapping[str, Any]], None]] = {
    "indent": _indent_estimate,
    "replace": _replace_estimate,
    "join": _join_estimate,
    "wordwrap": _wordwrap_estimate,
    "format": _format_estimate,
    "tojson": _tojson_estimate,
    "center": _center_estimate,
}
assert set(_FILTER_ESTIMATES) <= set(FILTERS)


class _BoundedBuffer(list[str]):
    """The list a buffered block writes to: refused past the size limit, compacted as it grows.

    Every :data:`_BATCH` pieces appended since the last compaction are joined into one
    string, so the memory held is about the characters written, however small the pieces,
    and the clock is checked at each compaction.
    """

    __slots__ = ("_env", "_start", "_total")

    def __init__(self, env: TemplateSandbox) -> None:
        super().__init__()
        self._env = env
        self._start = 0
        self._total = 0

    def append(self, piece: str) -> None:
        self._total += len(piece)
        if self._total > self._env.limits.max_chars:
            raise self._env._too_big(self._total, "this block")
        super().append(piece)
        if len(self) - self._start >= _BATCH:
            tail = "".join(self[self._start :])
            del self[self._start :]
            super().append(tail)
            self._start = len(self)
            self._env.tick()

    def extend(self, pieces: Iterable[str]) -> None:
        for piece in pieces:
            self.append(piece)


class _Accumulator:
    """Joins many small pieces with memory bounded by their characters, not their number.

    A time-bounded loop nest writing one character per iteration makes millions of pieces
    before the clock stops it; held as a list of strings, each costs a pointer plus a
    string object (about 60 bytes), so 16 million characters would cost a gigabyte and the
    peak would grow with the machine's speed. Every :data:`_BATCH` pieces are joined into
    one string, so what is held is about the characters written plus one small list, and
    the size limit and the clock are checked as the pieces come, not after.
    """

    __slots__ = ("_env", "_error", "_limit")

    def __init__(self, env: TemplateSandbox, limit: int, error: Callable[[], SecurityError]):
        self._env = env
        self._limit = limit
        self._error = error

    def join(self, pieces: Iterable[str]) -> str:
        blocks: list[str] = []
        batch: list[str] = []
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > self._limit:
                raise self._error()
            batch.append(piece)
            if len(batch) >= _BATCH:
                blocks.append("".join(batch))
                batch.clear()
                self._env.tick()
        if not blocks:
            return "".join(batch)
        blocks.append("".join(batch))
        return "".join(blocks)


#: How many pieces :class:`_Accumulator` holds before joining them into one string.
_BATCH = 1024


class _Budget:
    """Starts a rendering's deadline on entry and clears it on exit (nesting keeps the outer)."""

    def __init__(self, local: threading.local, seconds: float) -> None:
        self._local = local
        self._seconds = seconds
        self._outer: float | None = None

    def __enter__(self) -> None:
        self._outer = getattr(self._local, "deadline", None)
        if self._outer is None:
            self._local.deadline = time.monotonic() + self._seconds

    def __exit__(self, *exc: object) -> None:
        self._local.deadline = self._outer
