"""The bundled English glossary: big enough, attributed, consistent, and reproducible."""

from __future__ import annotations

import re
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
    assert all(e.replacement or e.definition or e.explanation for e in bundled.entries)


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


# --- issue 13: a general-medicine vocabulary ---------------------------------------------

HPO_SOURCE = re.compile(r"Human Phenotype Ontology \(2025-01-16\) HP:\d{7}")


def _entry(bundled: Glossary, term: str):
    found = [e for e in bundled.entries if key_of(e.term) == key_of(term)]
    assert found, f"no entry for {term!r}"
    return found[0]


def test_it_is_a_general_medicine_vocabulary_of_3000_entries_from_four_sources(bundled):
    assert len(bundled.entries) >= 3000
    sources = [e.source for e in bundled.entries]
    assert sum(1 for s in sources if s.startswith("Human Phenotype Ontology")) >= 1000
    assert sum(1 for s in sources if s.startswith("tailor")) >= 500
    assert sum(1 for s in sources if s.startswith("NCI")) >= 200
    assert any(s.startswith("CDC PLT") for s in sources)


def test_every_hpo_entry_names_its_release_and_term_id(bundled):
    for entry in bundled.entries:
        if "Phenotype" in entry.source:
            assert HPO_SOURCE.fullmatch(entry.source), entry.source


@pytest.mark.parametrize(
    "term",
    [
        # drug classes and drug words
        "beta blocker", "corticosteroid", "diuretic", "statin", "anticoagulant",
        "proton pump inhibitor", "calcium channel blocker", "ACE inhibitor",
        # anatomy and body-function adjectives
        "cardiac", "hepatic", "renal", "pulmonary", "cutaneous", "gastrointestinal",
        # research and statistics words
        "incidence", "prevalence", "mortality", "morbidity", "regimen", "metastatic",
        "randomized", "cohort", "placebo",
        # qualifiers of clinical prose
        "subsequently", "approximately", "concomitant",
        # signs and symptoms
        "pruritus", "dyspnea", "edema",
    ],
)  # fmt: skip
def test_the_words_a_general_medicine_page_is_made_of_are_covered(bundled, term):
    entry = _entry(bundled, term)
    assert entry.replacement or entry.definition or getattr(entry, "explanation", None)


def test_prostatitis_is_inflammation_not_infection(bundled):
    entry = _entry(bundled, "prostatitis")
    assert "inflammation" in (entry.replacement or "") + (entry.definition or "")
    assert "infection" not in (entry.replacement or "")


def test_swaps_the_issue_found_wrong_in_context_are_gone(bundled):
    swaps = {key_of(e.term): e.replacement for e in bundled.entries if e.replacement}
    assert key_of("epidemic") not in swaps  # "the obesity epidemic"
    assert key_of("efficacy") not in swaps  # efficacy in trials is not effectiveness
    assert swaps.get(key_of("congenital")) is None  # never the verb phrase "born with"
    assert swaps.get(key_of("intrathecal")) is None  # brain AND spinal cord, not "spinal"
    assert swaps[key_of("pediatric")] == "childhood"  # an adjective for an adjective
    assert swaps[key_of("central nervous system depression")] == "slowed brain activity"


def test_multi_word_drug_classes_have_entries_of_their_own(bundled):
    for term in ("proton pump inhibitor", "calcium channel blocker", "beta blocker"):
        assert _entry(bundled, term).term.casefold() == term
