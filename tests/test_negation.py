"""No glossary entry and no rewording can invert a warning (issue 11, item 2).

A substitution never adds or removes a negation cue: refused when the glossary is compiled
(a file at load, with its line; a glossary built in code or an article's own terms when
compiled or loaded). A rewording of a critical point keeps its negation cues: refused when
the article is loaded, naming the point. One definition of a negation cue,
:mod:`tailor.negation`, serves these checks, ``tailor glossary lint`` and the script that
builds the bundled glossary. The attack inputs are kept here: ``not`` -> "" and
"do not stop" -> "you may stop" used to verify ("You may stop ... abruptly"), and so did an
editor's rewording that kept the numbers but dropped "not".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor import ArticleError, Glossary, GlossaryEntry, GlossaryError, load_article
from tailor.cli import main
from tailor.glossary import CompiledGlossary
from tailor.negation import negation_count, negation_cues
from tailor.pipeline.transform import rewrite_text
from tailor.tools.glossary_lint import lint

from .conftest import EXAMPLE, ROOT, example_tailor

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


# -- what a negation cue is ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("do not stop", 1),
        ("don't stop", 1),
        ("Do NOT stop", 1),
        ("you cannot drive; you can't drink and won't sleep", 3),
        ("never without water, no more, none, nor, nothing, nobody, neither", 8),
        ("you may stop", 0),
        ("notable knowledge of nothingness, nonetheless", 0),
        ("Baclofen is not indicated", 1),
    ],
)
def test_english_cues_are_counted_whatever_their_spelling(text, count):
    assert negation_count(text, "en") == count


def test_do_not_and_dont_are_the_same_cue():
    assert negation_cues("do not stop", "en") == negation_cues("don't stop", "en")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("No deje de tomarlo", 1),
        ("nunca sin agua, ni comida", 3),
        ("nadie, nada, ningún, tampoco, jamás", 5),
        ("puede dejarlo", 0),
        ("Notable nocturno", 0),
    ],
)
def test_spanish_cues(text, count):
    assert negation_count(text, "es") == count


# -- glossaries ----------------------------------------------------------------------------

INVERTING = [
    # term, replacement: each adds or removes a negation
    ("not", ""),
    ("not", "indeed"),
    ("do not stop", "you may stop"),
    ("don't stop", "stop"),
    ("abrupt discontinuation", "not stopping"),
    ("never", "sometimes"),
    ("without", "with"),
    ("contraindicated", "not to be used"),
]


def _site_glossary(tmp: Path, term: str, replacement: str, extra: str = "") -> Path:
    folder = tmp / "glossaries"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(
        "name: site\nlocale: en\nentries:\n"
        f"  - term: {term!r}\n    replacement: {replacement!r}\n{extra}    source: test\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(("term", "replacement"), INVERTING)
def test_a_glossary_file_that_inverts_a_negation_is_refused_naming_file_entry_and_line(
    tmp_path, term, replacement
):
    folder = _site_glossary(tmp_path, term, replacement)
    with pytest.raises(GlossaryError) as info:
        example_tailor(glossary_dirs=[folder])
    (detail,) = info.value.details
    assert detail.type == "glossary.negation_changed"
    assert detail.loc == ("entries", 0, "replacement") and detail.line == 5
    assert str(folder / "site.yaml") in str(info.value)


@pytest.mark.parametrize(("term", "replacement"), INVERTING)
def test_a_glossary_built_in_code_that_inverts_a_negation_is_refused_when_compiled(
    term, replacement
):
    layer = Glossary(
        name="code", entries=(GlossaryEntry(term=term, replacement=replacement, source="t"),)
    )
    with pytest.raises(GlossaryError, match=r"glossary 'code'.*entries\.0\.replacement"):
        CompiledGlossary([layer])
    with pytest.raises(GlossaryError):
        example_tailor(glossaries=[layer])


def test_per_audience_replacements_plurals_and_forms_are_held_to_the_same_rule(tmp_path):
    cases = {
        "replacements": "    replacements:\n      patient: you may stop\n",
        "plural": "    plural: stops\n",
        "forms": "    forms: [stop suddenly]\n",
    }
    for name, extra in cases.items():
        folder = _site_glossary(tmp_path / name, "do not stop", "do not quit", extra)
        with pytest.raises(GlossaryError, match="negation") as info:
            example_tailor(glossary_dirs=[folder])
        assert name in ".".join(map(str, info.value.details[0].loc)) or name == "forms", name


def test_a_replacement_that_keeps_the_negation_is_accepted(tmp_path, glossary_only):
    folder = _site_glossary(tmp_path, "do not discontinue", "don't stop")
    t = example_tailor(glossary_dirs=[folder])
    assert t.glossary_for(t.audience("patient")).entry_for("do not discontinue") is not None


def test_the_reported_attack_cannot_reach_a_reader(tmp_path, glossary_only):
    """'not' -> '' used to render "Baclofen is indicated for ... rheumatic disorders"."""
    folder = _site_glossary(tmp_path, "not", "")
    result = CliRunner().invoke(
        main,
        ["render", str(EXAMPLE), "-a", "patient", "-f", "text", "--glossaries-dir", str(folder)],
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert "negation" in result.stderr and result.stderr.count("\n") == 1


def test_an_article_term_that_inverts_a_negation_is_refused_at_load(article_dict):
    article_dict["terms"] = [{"term": "do not stop", "replacement": "you may stop"}]
    with pytest.raises(ArticleError, match=r"terms\.0\.replacement.*negation"):
        load_article(article_dict)


def test_the_bundled_glossaries_keep_every_negation():
    t = example_tailor()
    for lang in ("en", "es"):
        for entry, _ in t.glossary_for(t.audience("patient"), locale=lang).entries():
            for plain in {entry.replacement, entry.plural, *entry.replacements.values()} - {None}:
                assert negation_count(plain, lang) == negation_count(entry.term, lang), entry


VOCABULARY = ["not", "never", "stop", "take", "baclofen", "do", "you", "may", "abruptly", "no"]
phrase = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(st.tuples(phrase, phrase), min_size=1, max_size=4),
    sentence=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14).map(" ".join),
)
def test_any_glossary_that_compiles_keeps_a_sentences_negations(entries, sentence):
    """The invariant itself: whatever the entries, if the stack compiles, every sentence it
    rewrites says no exactly as often as before."""
    unique = {}
    for term, replacement in entries:
        unique.setdefault(term, replacement)
    layer = Glossary(
        name="generated",
        entries=tuple(GlossaryEntry(term=t, replacement=r, source="t") for t, r in unique.items()),
    )
    try:
        compiled = CompiledGlossary([layer], check_cycles=False)
    except GlossaryError:
        return  # refused: nothing reaches a reader
    out = rewrite_text(sentence, compiled, "replace")[0]
    assert negation_count(out) == negation_count(sentence), (sentence, out)


# -- rewordings of critical points ---------------------------------------------------------

WITHDRAWAL_TEXT = """\
        text: >-
          Significant withdrawal symptoms have been reported following abrupt discontinuation
          of baclofen in patients who take it long-term
"""


def test_a_rewording_of_a_critical_point_that_drops_not_is_refused_naming_the_point(tmp_path):
    """The point now says "do not stop"; the editors' rewordings (written for the old text)
    say nothing of the kind, and must not pass for it."""
    assert WITHDRAWAL_TEXT in EXAMPLE_TEXT
    text = EXAMPLE_TEXT.replace(
        WITHDRAWAL_TEXT,
        "        text: Patients who take baclofen long-term should not stop it abruptly\n",
    )
    path = tmp_path / "article.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_article(path)
    details = [d for d in info.value.details if d.type == "rewording.negation_changed"]
    assert [d.loc for d in details] == [
        ("sections", 4, "points", 0, "rewordings", name) for name in ("patient", "caregiver")
    ]
    lines = text.splitlines()
    start = lines.index("      - id: withdrawal-abrupt")
    for detail, name in zip(details, ("patient", "caregiver"), strict=True):
        assert "'withdrawal-abrupt'" in detail.msg
        assert lines[detail.line - 1].strip() == f"{name}: >-" and detail.line > start
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("text", "rewording"),
    [
        ("Do not stop baclofen abruptly", "You may stop baclofen abruptly"),
        ("Do not stop baclofen abruptly", "Stop baclofen slowly"),
        ("Stop baclofen slowly", "Do not stop baclofen slowly"),
        ("Never give it with alcohol", "Give it with alcohol"),
    ],
)
def test_a_critical_rewording_must_keep_its_negations(article_dict, text, rewording):
    point = article_dict["sections"][4]["points"][0]
    assert point["critical"]
    point["text"] = text
    point["rewordings"] = {"patient": rewording}
    with pytest.raises(ArticleError, match=r"sections\.4\.points\.0\.rewordings\.patient"):
        load_article(article_dict)


def test_a_critical_rewording_may_contract_or_reword_around_its_negation(article_dict):
    point = article_dict["sections"][4]["points"][0]
    point["text"] = "Do not stop baclofen abruptly"
    point["rewordings"] = {
        "patient": "Don't stop this drug all at once",
        "caregiver": "Never stop it at once",
    }
    assert load_article(article_dict).sections[4].points[0].rewordings["patient"]


def test_lint_and_the_glossary_builder_use_the_one_definition():
    found = lint(
        [
            Glossary(
                name="default",
                entries=(GlossaryEntry(term="sleepy", replacement="not alert", source="t"),),
            )
        ]
    )
    added = [f for f in found if f.type == "glossary.negation_added"]
    assert added and added[0].severity == "error"
    script = (ROOT / "scripts" / "build_glossary.py").read_text(encoding="utf-8")
    assert "from tailor.negation import negation_count" in script
    assert "_NEGATION = " not in script
    lint_source = (ROOT / "src" / "tailor" / "tools" / "glossary_lint.py").read_text(
        encoding="utf-8"
    )
    assert "_NEGATION = " not in lint_source and "negation_count" in lint_source
