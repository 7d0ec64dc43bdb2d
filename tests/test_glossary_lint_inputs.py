"""`tailor glossary lint` reads what it is told to and nothing else (issue 12).

It used to read ``examples/articles`` whenever the folder it ran in had one, so the same
command gave different answers in different folders. Example articles are now only the
files and folders given with ``--examples``, read the way every tool reads a folder of
articles (:func:`tailor.tools.folder.article_files`).
"""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from tailor.cli import main

from .conftest import EXAMPLE


def _lint(*args: str):
    return CliRunner().invoke(main, ["glossary", "lint", *args])


def test_an_examples_folder_where_it_runs_is_not_read_unless_named(tmp_path, monkeypatch):
    articles = tmp_path / "examples" / "articles"
    articles.mkdir(parents=True)
    (articles / "broken.yaml").write_text("id: [not an article\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _lint()
    assert result.exit_code == 0, result.output
    assert "no --examples given" in result.output
    assert "never matched" not in result.output


def test_a_folder_given_with_examples_is_read_with_its_subfolders(tmp_path):
    nested = tmp_path / "articles" / "drugs"
    nested.mkdir(parents=True)
    shutil.copy(EXAMPLE, nested / EXAMPLE.name)
    result = _lint("--examples", str(tmp_path / "articles"))
    assert result.exit_code == 0, result.output
    assert "never matched by the 1 example article(s)" in result.output
