"""The compact form of the bundled glossaries: what a Tailor reads instead of the YAML.

Every process that builds a Tailor (each web worker, each batch worker) used to parse the
6,000-entry English glossary as YAML in Python, most of what a Tailor cost (issue 16).
``make glossary`` writes a JSON form beside each bundled file, holding the SHA-256 of the
YAML it was made from. These tests say it is current, that it gives exactly the glossary
the YAML gives, and that a stale or damaged one is never read.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tailor import Glossary, Tailor
from tailor.errors import GlossaryError
from tailor.glossary import COMPACT_FORMAT, CompiledGlossary, compact_path, compact_text
from tailor.tailor import BUNDLED_GLOSSARIES

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_FILES = sorted(BUNDLED_GLOSSARIES.glob("*.y*ml"))
SMALL = """\
name: site
locale: en
entries:
- term: myocardial infarction
  replacement: heart attack
  source: tailor
- term: hypertension
  replacement: high blood pressure
  source: tailor
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A glossary folder holding one small YAML file and its current compact form."""
    path = tmp_path / "site.yaml"
    path.write_text(SMALL, encoding="utf-8")
    compact_path(path).write_text(compact_text(path), encoding="utf-8")
    return tmp_path


def test_there_are_bundled_glossaries_to_compact():
    assert [p.name for p in BUNDLED_FILES] == ["en-default.yaml", "es-default.yaml"]


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_every_bundled_glossary_has_a_current_compact_form(path: Path):
    target = compact_path(path)
    assert target.is_file(), f"{target.name} is missing: run make glossary-compact"
    assert target.read_text(encoding="utf-8") == compact_text(path), (
        f"{target.name} was made from another {path.name}: run make glossary-compact"
    )


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_the_compact_form_gives_the_glossary_the_yaml_gives(path: Path):
    compact = Glossary.from_dirs([path.parent], compact=True)[BUNDLED_FILES.index(path)]
    from_yaml = Glossary.from_file(path)
    assert compact.model_dump() == from_yaml.model_dump()
    assert compact.entries == from_yaml.entries
    assert compact.file == from_yaml.file == str(path)
    # Compiled, the two are the same matcher: every key leads to the same entry and layer.
    assert CompiledGlossary([compact])._table == CompiledGlossary([from_yaml])._table


def test_the_compact_form_keeps_the_lines_of_the_yaml_for_messages():
    path = BUNDLED_GLOSSARIES / "en-default.yaml"
    compact = Glossary.from_dirs([BUNDLED_GLOSSARIES], compact=True)[0]
    from_yaml = Glossary.from_file(path)
    last = len(from_yaml.entries) - 1
    for loc in [("name",), ("entries", 0, "term"), ("entries", last, "source"), ("entries", 7)]:
        assert compact.line_of(loc) == from_yaml.line_of(loc) is not None


def test_a_tailor_reads_the_bundled_glossaries_without_parsing_their_yaml(monkeypatch):
    def refuse(cls: type[Glossary], path: object) -> Glossary:
        raise AssertionError(f"parsed {path} as YAML although its compact form is current")

    monkeypatch.setattr(Glossary, "from_file", classmethod(refuse))
    t = Tailor()
    assert [g.name for g in t.glossaries] == ["default", "es-default"]
    assert len(t.glossaries[0].entries) > 5000


def test_a_site_folder_is_read_as_it_is_even_with_a_compact_form_beside(folder: Path):
    held = json.loads(compact_path(folder / "site.yaml").read_text(encoding="utf-8"))
    held["glossary"]["entries"][0]["replacement"] = "heart damage"
    compact_path(folder / "site.yaml").write_text(json.dumps(held), encoding="utf-8")
    t = Tailor(glossary_dirs=[folder])
    assert t.glossaries[-1].entries[0].replacement == "heart attack"


def test_a_current_compact_form_is_what_is_read(folder: Path):
    # The hash ties the compact form to the YAML's bytes: what it holds is then read.
    held = json.loads(compact_path(folder / "site.yaml").read_text(encoding="utf-8"))
    held["glossary"]["entries"][0]["replacement"] = "heart damage"
    compact_path(folder / "site.yaml").write_text(json.dumps(held), encoding="utf-8")
    (glossary,) = Glossary.from_dirs([folder], compact=True)
    assert glossary.entries[0].replacement == "heart damage"


def test_a_yaml_edited_after_its_compact_form_is_read_as_yaml(folder: Path):
    path = folder / "site.yaml"
    path.write_text(SMALL.replace("heart attack", "attack on the heart"), encoding="utf-8")
    (glossary,) = Glossary.from_dirs([folder], compact=True)
    assert glossary.entries[0].replacement == "attack on the heart"
    assert glossary.line_of(("entries", 1, "term")) == 7


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace(f'"format":{COMPACT_FORMAT}', '"format":999'),
        lambda text: text.replace('"source":"site.yaml"', '"source":"other.yaml"'),
        lambda text: "[]",
    ],
    ids=["truncated", "other-layout", "other-file", "not-a-mapping"],
)
def test_a_damaged_or_foreign_compact_form_is_never_read(folder: Path, damage):
    target = compact_path(folder / "site.yaml")
    target.write_text(damage(target.read_text(encoding="utf-8")), encoding="utf-8")
    (glossary,) = Glossary.from_dirs([folder], compact=True)
    assert [e.replacement for e in glossary.entries] == ["heart attack", "high blood pressure"]


def test_lines_are_not_given_once_the_yaml_has_changed_under_a_glossary(folder: Path):
    path = folder / "site.yaml"
    (glossary,) = Glossary.from_dirs([folder], compact=True)
    path.write_text("# a comment moves every line\n" + SMALL, encoding="utf-8")
    assert glossary.line_of(("entries", 1, "term")) is None  # none, rather than wrong


def test_an_error_in_a_glossary_read_compact_names_the_yaml_and_its_line(folder: Path):
    # An audience replacement for an audience nobody defined is refused when the Tailor
    # is built, with the YAML's line, read only then.
    path = folder / "site.yaml"
    path.write_text(
        SMALL.replace("  source: tailor\n", "  replacements: {nobody: x}\n  source: tailor\n", 1),
        encoding="utf-8",
    )
    compact_path(path).write_text(compact_text(path), encoding="utf-8")
    (glossary,) = Glossary.from_dirs([folder], compact=True)
    assert glossary.line_of(("entries", 0, "replacements", "nobody")) == 6
    with pytest.raises(GlossaryError) as caught:
        Tailor(glossaries=[glossary])
    assert caught.value.source == str(path)
    assert caught.value.details[0].line == 6


def test_only_a_glossary_that_loads_gets_a_compact_form(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL.replace("high blood pressure", "not high blood pressure"), "utf-8")
    with pytest.raises(GlossaryError, match="negation"):
        compact_text(path)


def test_the_script_finds_the_bundled_compact_forms_current():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compact_glossaries.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_script_names_a_stale_compact_form(tmp_path: Path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import compact_glossaries
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for path in BUNDLED_FILES:
        shutil.copy(path, tmp_path / path.name)
        shutil.copy(compact_path(path), compact_path(tmp_path / path.name))
    with (tmp_path / "es-default.yaml").open("a", encoding="utf-8") as f:
        f.write("# edited by hand\n")
    monkeypatch.setattr(compact_glossaries, "FOLDER", tmp_path)
    assert compact_glossaries.main(["--check"]) == 1
    assert compact_glossaries.main([]) == 0
    assert compact_glossaries.main(["--check"]) == 0
