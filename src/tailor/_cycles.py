"""Glossary cycles: plain words that lead back to the jargon they replace.

Entry A *leads to* entry B when A's plain words (its replacement, plural or a
per-audience replacement) contain B's term. Substitution is a single pass, so a cycle
cannot loop at render time, but it means the glossary contradicts itself: "A is said as
B, B is said as A", and which word a reader gets depends on which one the author wrote.
A content team fixes that in the files, so a :class:`~tailor.Tailor` refuses glossaries
with a cycle when it is built. An entry whose plain words repeat its own term ("edema" as
"swelling (edema)") is a style question for ``tailor glossary lint``, not a cycle here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ._source import line_for, read_file
from .errors import ErrorDetail, GlossaryError
from .glossary import CompiledGlossary, Glossary, GlossaryEntry, key_of

__all__ = ["check_no_cycles", "find_cycle"]


def _plain_words(entry: GlossaryEntry) -> list[str]:
    words = [entry.replacement, entry.plural, *entry.replacements.values()]
    return [w for w in words if w]


def find_cycle(layers: Sequence[Glossary]) -> list[tuple[GlossaryEntry, str]] | None:
    """The first cycle among the winning entries of ``layers``, as (entry, layer) pairs."""
    compiled = CompiledGlossary(layers)
    nodes: dict[tuple[str, ...], tuple[GlossaryEntry, str]] = {}
    for layer in layers:
        for entry in layer.entries:
            if compiled.winners.get(key_of(entry.term)) == layer.name:
                nodes[key_of(entry.term)] = (entry, layer.name)
    edges: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key, (entry, _) in nodes.items():
        targets: list[tuple[str, ...]] = []
        for text in _plain_words(entry):
            for match in compiled.find(text):
                target = key_of(match.entry.term)
                if target != key and target in nodes and target not in targets:
                    targets.append(target)
        edges[key] = targets
    # Iterative depth-first search with colours; the grey path is the current chain.
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(nodes, white)
    for root in nodes:
        if colour[root] != white:
            continue
        path = [root]
        stack = [iter(edges[root])]
        colour[root] = grey
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                colour[path.pop()] = black
                stack.pop()
                continue
            if colour[nxt] == grey:
                cycle = path[path.index(nxt) :]
                return [nodes[k] for k in cycle]
            if colour[nxt] == white:
                colour[nxt] = grey
                path.append(nxt)
                stack.append(iter(edges[nxt]))
    return None


def _file_of(
    layer: str, dirs: Iterable[str | Path], loc: tuple[str | int, ...]
) -> tuple[str, int | None]:
    """The file defining glossary ``layer`` and the line of ``loc`` in it (error path only)."""
    for d in dirs:
        for path in sorted(Path(d).glob("*.y*ml")):
            data, lines, source = read_file(path, error=GlossaryError)
            if isinstance(data, dict) and data.get("name") == layer:
                return source, line_for(lines, loc)
    return f"glossary {layer!r}", None


def check_no_cycles(layers: Sequence[Glossary], dirs: Iterable[str | Path] = ()) -> None:
    """Raise :class:`GlossaryError` naming every entry of the first cycle found.

    ``dirs`` are the folders the layers came from; they are read again only when a cycle
    is found, to name the file and line of its first entry.
    """
    cycle = find_cycle(layers)
    if cycle is None:
        return
    chain = " -> ".join(f"{entry.term!r} (glossary {layer!r})" for entry, layer in cycle)
    first, first_layer = cycle[0]
    index = next(
        i
        for layer in layers
        if layer.name == first_layer
        for i, e in enumerate(layer.entries)
        if e is first
    )
    loc: tuple[str | int, ...] = ("entries", index, "replacement")
    source, line = _file_of(first_layer, dirs, loc)
    raise GlossaryError(
        "glossary cycle",
        source=source,
        details=[
            ErrorDetail(
                "glossary.cycle",
                loc,
                f"plain words lead back to the term they replace: {chain} -> "
                f"{cycle[0][0].term!r}; reword one of them so the chain ends in plain words",
                line=line,
                ctx={"terms": [entry.term for entry, _ in cycle]},
            )
        ],
    )
