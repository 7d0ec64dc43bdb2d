"""Reading YAML through libyaml's events changes the speed, never the result.

tailor reads every YAML file with events from libyaml when PyYAML has it (the bundled
3,000-entry glossary would otherwise take seconds to read), composing the nodes in Python
so that the alias, anchor, depth and duplicate-key checks stay one implementation. These
tests pin that both readers agree: same data, same line of every field, same refusals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor import _source, _yaml
from tailor.errors import ArticleError

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(
    [
        *ROOT.glob("audiences/*.yaml"),
        *ROOT.glob("glossaries/*.yaml"),
        *ROOT.glob("examples/articles/*.yaml"),
    ]
)

pytestmark = pytest.mark.skipif(
    _yaml.FAST_LOADER is None, reason="PyYAML was built without libyaml"
)


def _read(text: str, loader: type[_yaml.NoAliasLoader]) -> tuple[object, _source.LineMap]:
    return _yaml.parse_yaml(text, "t.yaml", ArticleError, loader)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_both_readers_give_the_same_data_and_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _yaml.FAST_LOADER is not None
    assert _read(text, _yaml.FAST_LOADER) == _read(text, _yaml.NoAliasLoader)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a: 1\nb: *x\n", "aliases"),
        ("a: &x 1\n", "anchors"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: " + "[" * 100 + "]" * 100 + "\n", "nesting deeper"),
        ("a: b: c\n", "not valid YAML"),
        ("a: '\x07'\n", "U+0007"),
    ],
)
def test_the_fast_reader_refuses_what_the_python_reader_refuses(text: str, says: str) -> None:
    with pytest.raises(ArticleError) as python_error:
        _read(text, _yaml.NoAliasLoader)
    assert _yaml.FAST_LOADER is not None
    with pytest.raises(ArticleError):
        _read(text, _yaml.FAST_LOADER)
    # and what callers see is the Python reader's message, line included
    with pytest.raises(ArticleError) as seen:
        _source.parse_text(text, "t.yaml", fmt="yaml", error=ArticleError)
    assert str(seen.value) == str(python_error.value)
    assert says in str(seen.value)
