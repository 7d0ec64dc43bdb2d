"""YAML reading for :mod:`tailor._source`, in its own module so that PyYAML loads with the
first file read instead of with ``import tailor`` (issue 16: every web worker and every
CLI command pays the import).
"""

from __future__ import annotations

from typing import Any

import yaml

from ._lines import LONG_NUMBER, MAX_DEPTH, MAX_DIGITS, LineMap, NodeProblemError
from .errors import ErrorDetail, InputError, Loc, quoted


class _Mark:
    """Where a composed node starts: the line and column of a :class:`yaml.Mark`, with the
    same attributes, and no copy of the document."""

    __slots__ = ("column", "line")
    name = "<file>"
    index = 0
    buffer = None
    pointer = 0

    def __init__(self, mark: Any) -> None:
        self.line: int = mark.line
        self.column: int = mark.column

    def get_snippet(self, indent: int = 4, max_length: int = 75) -> None:
        return None

    def __str__(self) -> str:
        return f'  in "{self.name}", line {self.line + 1}, column {self.column + 1}'


class NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases and tracks nesting depth."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                "while composing",
                None,
                "YAML aliases (*name) are not allowed in tailor files",
                event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                "while composing",
                None,
                "YAML anchors (&name) are not allowed in tailor files",
                event.start_mark,
            )
        depth = getattr(self, "_tailor_depth", 0)
        if depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                "while composing",
                None,
                f"nesting deeper than {MAX_DEPTH} levels",
                event.start_mark,
            )
        self._tailor_depth = depth + 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._tailor_depth = depth
        # The node's line is all tailor reads of its marks: a small mark in place of the
        # parser's two (each a dict of six fields) keeps the composed tree of the bundled
        # 6,000-entry glossary 6 MB smaller while it is read, which is what a process's
        # resident memory keeps.
        if node is not None:
            node.start_mark = node.end_mark = _Mark(node.start_mark)
        return node

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date YAML recognises but the calendar does not (2025-13-45), with its line."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r}: {exc}", node.start_mark
            ) from None

    def construct_yaml_set(self, node: yaml.Node) -> Any:
        """A ``!!set`` has no order, so output built from one would follow the hash seed."""
        raise yaml.constructor.ConstructorError(
            None,
            None,
            "a YAML !!set has no order (output would change from run to run); write a list",
            node.start_mark,
        )


NoAliasLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    NoAliasLoader.construct_yaml_timestamp,
)
NoAliasLoader.add_constructor("tag:yaml.org,2002:set", NoAliasLoader.construct_yaml_set)


def _fast_loader() -> type[NoAliasLoader] | None:
    """The same loader reading its events from libyaml, when PyYAML was built with it.

    Scanning and parsing are most of the time YAML takes in pure Python (about 2 s for the
    bundled 3,000-entry glossary, against 0.5 s here); composing stays in Python, so the
    alias, anchor and depth checks of :class:`NoAliasLoader` hold unchanged. Only the
    events come from C.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML without libyaml: the pure-Python loader does it all
        return None

    class _CEventLoader(CParser, NoAliasLoader):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def get_single_node(self) -> Any:
            return yaml.composer.Composer.get_single_node(self)

    return _CEventLoader


#: Built once at import (a class, not state): ``None`` where libyaml is missing.
FAST_LOADER = _fast_loader()


def check_nodes(root: yaml.Node) -> None:
    """Refuse what a parser would silently resolve: duplicate keys (the last value used to
    win, so ``critical: true`` then ``false`` made a point not critical), merge keys (which
    let one mapping override another's keys) and numbers too long to convert.

    Runs on the composed nodes, before any value is built, so every problem has its line.
    """
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise NodeProblemError(
                        "syntax.merge_key",
                        loc,
                        "YAML merge keys (<<) are not allowed in tailor files: they let one "
                        "mapping override another's keys; write the keys out",
                        line,
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    stack.append((value_node, loc))
                    continue
                key = key_node.value
                if key in first:
                    raise NodeProblemError(
                        "syntax.duplicate_key",
                        (*loc, key),
                        f"duplicate key {quoted(key)} (first given on line {first[key]}); "
                        "a key may appear once, since only one of the values could be used",
                        line,
                    )
                first[key] = line
                stack.append((value_node, (*loc, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, i)) for i, item in enumerate(node.value))
        elif (
            isinstance(node, yaml.ScalarNode)
            and node.style is None
            and LONG_NUMBER.fullmatch(node.value)
        ):
            raise NodeProblemError(
                "syntax.number_too_long",
                loc,
                f"a number with too many digits ({len(node.value):,}; at most {MAX_DIGITS})",
                node.start_mark.line + 1,
            )


def line_map(node: yaml.Node, loc: Loc = (), out: LineMap | None = None) -> LineMap:
    out = {} if out is None else out
    out[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*loc, key)] = key_node.start_mark.line + 1
            line_map(value_node, (*loc, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            line_map(item, (*loc, i), out)
    return out


def parse_yaml(
    text: str, source: str, error: type[InputError], loader_class: type[NoAliasLoader]
) -> tuple[Any, LineMap]:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _unreadable(exc, text, source, error) from None
    try:
        node = loader.get_single_node()
        if node is not None:
            check_nodes(node)
        data = loader.construct_document(node) if node is not None else None
    except NodeProblemError as found:
        raise error("file is not valid YAML", source=source, details=[found.detail]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "YAML syntax error"
        raise error(
            "file is not valid YAML",
            source=source,
            details=[ErrorDetail("syntax.yaml", (), problem, line=line)],
        ) from None
    except yaml.reader.ReaderError as exc:
        raise _unreadable(exc, text, source, error) from None
    except yaml.YAMLError as exc:
        raise error(
            f"file is not valid YAML: {' '.join(str(exc).split())}", source=source
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a constructor's own complaint
        raise error(f"file is not valid YAML: {exc}", source=source) from None
    except RecursionError:
        raise error(f"nesting deeper than {MAX_DEPTH} levels", source=source) from None
    finally:
        loader.dispose()
    return data, (line_map(node) if node is not None else {})


def _unreadable(
    exc: yaml.reader.ReaderError, text: str, source: str, error: type[InputError]
) -> InputError:
    """A character YAML refuses (a NUL, a control character), with its line."""
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return error(
        "file is not valid YAML",
        source=source,
        details=[
            ErrorDetail(
                "syntax.yaml",
                (),
                f"the control character U+{char:04X} is not allowed in YAML files",
                line=text[: exc.position].count("\n") + 1,
            )
        ],
    )


def json_lines(text: str, *, check: bool) -> LineMap:
    """The line of every field of a JSON document, read as the YAML it also is.

    ``check`` also runs :func:`check_nodes`, to place the problem of a document the JSON
    parser refused (a duplicate key, an overlong number) at its field path and line.
    An unreadable document gives no lines.
    """
    try:
        node = (FAST_LOADER or NoAliasLoader)(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return {}
    if node is None:
        return {}
    if check:
        check_nodes(node)
    try:
        return line_map(node)
    except RecursionError:
        return {}
