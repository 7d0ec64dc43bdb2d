"""The bundled English glossary: big enough, attributed, consistent, and reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tailor import Glossary
from tailor.glossary import CompiledGlossary, key_of
from tailor.tailor import BUNDLED_GLOSSARIES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scripts" / "glossary" / "seed-en.yaml"
BUNDLED = BUNDLED_GLOSSARIES / "en-default.yaml"
DATA = next(
    (d for d in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
     if (d / "cdc-plain-language-thesaurus").is_dir()),
    None,
)  # fmt: skip


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return Glossary.from_file(BUNDLED)


def test_it_has_at_least_300_entries_each_with_its_source(bundled):
    assert len(bundled.entries) >= 300
    sources = {e.source for e in bundled.entries}
    assert all(e.source for e in bundled.entries)
    assert any(s.startswith("CDC PLT") for s in sources)
    assert any("NCI" in s for s in sources)
    assert any(s.startswith("tailor") for s in sources)
    assert all(e.replacement or e.definition for e in bundled.entries)


def test_every_hand_written_seed_entry_is_kept_as_written(bundled):
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))["entries"]
    by_term = {e.term: e for e in bundled.entries}
    for raw in seed:
        entry = by_term[raw["term"]]
        assert entry.replacement == raw.get("replacement")
        assert entry.source == raw["source"]


def test_it_compiles_without_cycles_and_units_are_not_terms(bundled):
    compiled = CompiledGlossary([bundled])
    for unit in ("mg", "ml", "kg", "mcg", "dose", "doses"):
        assert compiled.entry_for(unit) is None, unit
    assert len(compiled) == len(bundled.entries)


def test_swaps_that_would_change_medical_meaning_are_not_in_it(bundled):
    terms = {key_of(e.term) for e in bundled.entries if e.replacement}
    risky = "indicate|indication|disease|symptom|multiple sclerosis|side effect|respond|severe"
    for term in (*risky.split("|"), "significant", "anxiety", "spasm"):
        assert key_of(term) not in terms, term


@pytest.mark.skipif(DATA is None, reason="the shared data folder is not beside the clone")
def test_the_committed_file_is_what_the_script_builds_from_the_data():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_glossary.py"), "--data", str(DATA),
         "--check"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
