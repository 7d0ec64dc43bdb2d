"""The glossary benchmark compares like with like: every subject replaces the same terms."""

from __future__ import annotations

import re

from benchmarks.glossary_bench import (
    _aho_subject,
    _alternation,
    _flashtext_subject,
    _regex_subject,
    _tailor_subject,
    make_glossary,
    make_text,
)


def test_every_subject_replaces_a_plain_occurrence_of_each_term():
    pairs = make_glossary(200)
    text = " and ".join(term for term, _ in pairs[:50]) + "."
    _, _, tailor_run = _tailor_subject(pairs)
    outputs = {"tailor": tailor_run(text)[0]}
    for name, make in (("flashtext", _flashtext_subject), ("regex", _regex_subject),
                       ("aho", _aho_subject)):  # fmt: skip
        _, run = make(pairs)
        outputs[name] = run(text)
    for name, out in outputs.items():
        for term, plain in pairs[:50]:
            assert plain in out, (name, term)
            assert not re.search(rf"\b{re.escape(term)}\b", out), (name, term)


def test_the_factored_alternation_prefers_the_longest_term():
    pattern = re.compile(r"\b" + _alternation(["bac", "bacl", "baclo fen"]) + r"\b")
    assert [m.group() for m in pattern.finditer("bac bacl baclo fen")] == [
        "bac",
        "bacl",
        "baclo fen",
    ]


def test_the_generated_text_has_terms_numbers_and_the_requested_size():
    pairs = make_glossary(100)
    text = make_text(pairs, 20_000)
    assert 20_000 <= len(text) < 21_000
    assert "mg" in text and any(term in text.lower() for term, _ in pairs)
