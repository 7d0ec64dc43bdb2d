"""A glossary layer says which audiences it is for: everyone, or the audiences that name it.

The scope is a field of the glossary (``scope: named``), not a convention of its name:
an audience lists the named glossaries it wants in its ``glossaries``, and naming one
that no folder provides with that scope is an error, not a silent no-op.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor import AudienceError, Glossary, GlossaryEntry
from tailor.resources import bundled

from .conftest import example_tailor

NURSE = "name: nurse\nextends: patient\nlabel: Nurse\nglossaries: [ward-words]\n"


def _entry() -> GlossaryEntry:
    return GlossaryEntry(term="frobnication", replacement="fiddling", source="test")


def _audiences(tmp_path: Path, text: str = NURSE) -> Path:
    folder = tmp_path / "audiences"
    folder.mkdir()
    (folder / "nurse.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_named_glossary_applies_only_to_the_audiences_that_name_it(tmp_path):
    ward = Glossary(name="ward-words", scope="named", entries=(_entry(),))
    t = example_tailor(
        audience_dirs=[bundled("audiences"), _audiences(tmp_path)], glossaries=[ward]
    )
    assert t.glossary_for(t.audience("nurse")).entry_for("frobnication") is not None
    assert t.glossary_for(t.audience("patient")).entry_for("frobnication") is None


def test_a_glossary_for_everyone_applies_whatever_its_name(tmp_path):
    # A name like the old convention's means nothing: the scope field decides.
    site = Glossary(name="audience:nurse", entries=(_entry(),))
    t = example_tailor(glossaries=[site])
    assert t.glossary_for(t.audience("patient")).entry_for("frobnication") is not None


def test_an_audience_naming_a_glossary_for_everyone_is_refused(tmp_path):
    ward = Glossary(name="ward-words", entries=(_entry(),))  # scope: everyone
    with pytest.raises(AudienceError) as caught:
        example_tailor(
            audience_dirs=[bundled("audiences"), _audiences(tmp_path)], glossaries=[ward]
        )
    assert "'ward-words'" in str(caught.value) and "scope: named" in str(caught.value)


def test_the_scope_is_read_from_a_glossary_file(tmp_path):
    path = tmp_path / "ward.yaml"
    path.write_text(
        "name: ward-words\nscope: named\nentries:\n"
        "  - term: ataxia\n    replacement: wobbliness\n    source: test\n",
        encoding="utf-8",
    )
    assert Glossary.from_file(path).scope == "named"
