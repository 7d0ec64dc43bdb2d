"""The layers a newcomer sees are the layers the code has (issue 12).

The import contract itself (tools on top of the facade, the facade on the pipeline, the
pipeline on readability; no stage importing another) is in pyproject.toml and checked by
``make lint``; these tests hold what a contract cannot say: no import cycle anywhere, no
private name reached across modules, and the stage order the README shows is the order
the package declares.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import grimp

from tailor.pipeline import STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "tailor"
README = Path(__file__).resolve().parents[1] / "README.md"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


def test_no_module_imports_itself_through_others():
    # Imports that only a type checker reads are left out: a tool's signature may name
    # the Tailor that calls it without loading it.
    graph = grimp.build_graph("tailor", exclude_type_checking_imports=True)
    # A package imports its own modules to re-export them; that is not a cycle of layers.
    for module in list(graph.modules):
        for child in graph.find_children(module):
            if graph.direct_import_exists(importer=module, imported=child):
                graph.remove_import(importer=module, imported=child)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.c", imported="a.d")
    assert _cycles(graph) == [{"a.b", "a.c"}]


def _private_imports(path: Path) -> list[str]:
    """``from X import _name`` where ``_name`` is not a module of X: a private name used
    outside the module that owns it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - node.level + 1]
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        if not module.startswith("tailor"):
            continue
        for alias in node.names:
            if not alias.name.startswith("_") or alias.name.startswith("__"):
                continue
            target = SRC.parent / Path(*module.split("."), alias.name)
            if target.with_suffix(".py").exists() or (target / "__init__.py").exists():
                continue  # a private module of the same package, imported as a module
            found.append(f"{_module_name(path)}:{node.lineno} {module}.{alias.name}")
    return found


def test_no_private_name_is_imported_from_another_module():
    found = [hit for path in sorted(SRC.rglob("*.py")) for hit in _private_imports(path)]
    assert found == []


def test_every_stage_names_a_module_of_the_pipeline():
    for stage in STAGES:
        module = importlib.import_module(f"tailor.pipeline.{stage.module}")
        assert module.__doc__, stage.module


def test_the_readme_table_lists_the_stages_in_the_order_they_run():
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## How it works") :]
    rows = re.findall(r"^\| (\w+) \| `src/tailor/pipeline/(\w+)\.py` \|", table, re.M)
    assert rows == [(stage.name, stage.module) for stage in STAGES]
