"""What a glossary entry may say beyond its plain words, and the errors a content team sees.

Part of speech, countability, a short explanation and context rules are data an editor
reads and writes; a mistake in them is reported with the file, the field and the line.
"""

from __future__ import annotations

import pytest

from tailor import GlossaryEntry
from tailor.errors import GlossaryError
from tailor.glossary import Glossary, PartOfSpeech


def _load(tmp_path, body: str) -> Glossary:
    path = tmp_path / "g.yaml"
    path.write_text("name: test\nentries:\n" + body)
    return Glossary.from_file(path)


def test_an_entry_may_say_its_part_of_speech_countability_explanation_and_context(tmp_path):
    glossary = _load(
        tmp_path,
        "  - term: contraceptive\n"
        "    pos: noun\n"
        "    replacement: birth control\n"
        "    countable: false\n"
        "    source: tailor\n"
        "  - term: gabapentin\n"
        "    pos: noun\n"
        "    explanation: a medicine for nerve pain\n"
        "    source: tailor\n"
        "  - term: epidemic\n"
        "    replacement: outbreak\n"
        "    not_after: [obesity, drug use]\n"
        "    not_in: ['trauma*']\n"
        "    source: tailor\n",
    )
    contraceptive, gabapentin, epidemic = glossary.entries
    assert contraceptive.pos is PartOfSpeech.NOUN and not contraceptive.is_countable
    assert gabapentin.is_countable and gabapentin.explanation == "a medicine for nerve pain"
    assert epidemic.not_after == ("obesity", "drug use") and epidemic.context_rules
    assert not contraceptive.context_rules


def test_entries_without_the_new_fields_behave_as_before():
    entry = GlossaryEntry(term="dyspnea", replacement="shortness of breath", source="CDC PLT")
    assert entry.pos is None and entry.is_countable and entry.explanation is None
    assert not entry.context_rules


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ("    pos: pronoun\n", "entries.0.pos", "noun"),
        ("    pos: verb\n    countable: false\n", "entries.0.countable", "for nouns"),
        ("    pos: adjective\n    plural: xs\n", "entries.0.pos", "no plural"),
        ("    countable: false\n    plural: xs\n", "entries.0.countable", "no plural"),
        ("    explanation: a thing.\n", "entries.0.explanation", "drop the final '.'"),
        ("    explanation: " + "word " * 31 + "\n", "entries.0.explanation", "at most 30"),
        ("    not_after: ['(a|b)']\n", "entries.0.not_after", "must be words"),
        ("    not_in: ['a*b']\n", "entries.0.not_in", "must be words"),
    ],
)
def test_a_mistake_in_the_new_fields_names_the_field_and_line(tmp_path, body, field, says):
    with pytest.raises(GlossaryError) as caught:
        _load(tmp_path, "  - term: word\n    source: tailor\n" + body)
    message = str(caught.value)
    assert field in message and says in message and "line" in message
