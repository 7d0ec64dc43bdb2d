"""Glossary matching and writing-back rules, each shown on sentences from the seed page."""

from __future__ import annotations

import pytest

from tailor import Glossary, GlossaryEntry, GlossaryError
from tailor.glossary import CompiledGlossary
from tailor.lexical import protected_spans
from tailor.pipeline.transform import rewrite_text

from .conftest import example_tailor


def entry(term: str, replacement: str | None = None, **kw) -> GlossaryEntry:
    return GlossaryEntry(term=term, replacement=replacement, source="test", **kw)


def compiled(*entries: GlossaryEntry, name: str = "test") -> CompiledGlossary:
    return CompiledGlossary([Glossary(name=name, entries=entries)])


@pytest.fixture(scope="module")
def default() -> CompiledGlossary:
    return example_tailor().glossary_for(example_tailor().audience("patient"))


def plain(text: str, glossary: CompiledGlossary, mode: str = "replace", **kw) -> str:
    return rewrite_text(text, glossary, mode, **kw)[0]


# -- matching ------------------------------------------------------------------------------


def test_whole_words_only():
    g = compiled(entry("spastic", "stiff"), entry("brain", "head"))
    assert plain("antispastic positioning", g) == "antispastic positioning"
    assert plain("bypassing the blood-brain barrier", g) == "bypassing the blood-brain barrier"
    assert plain("spastic muscles", g) == "stiff muscles"


def test_case_insensitive_and_longest_match_first(default):
    text = "For patients with severe spasticity, intrathecal baclofen may be considered"
    assert plain(text, default) == (
        "For patients with severe muscle stiffness, baclofen given into the spinal fluid "
        "may be considered"
    )
    assert plain("INTRATHECAL BACLOFEN", compiled(entry("intrathecal baclofen", "pump baclofen")))


def test_a_plain_phrase_may_start_with_the_word_before_a_comma(default):
    """Only a word straight before the match makes its plain words repeat it ("liver
    liver enzyme"); across a comma the same word is another phrase of the list."""
    text = "For patients who don't respond to oral baclofen, intrathecal baclofen may be considered"
    assert plain(text, default) == (
        "For patients who don't respond to oral baclofen, baclofen given into the spinal "
        "fluid may be considered"
    )


def test_one_pass_a_replacement_is_never_replaced_again():
    g = compiled(entry("sedation", "sleepiness"), entry("sleepiness", "drowsiness"))
    assert plain("dizziness, sedation, shortness of breath", g) == (
        "dizziness, sleepiness, shortness of breath"
    )


def test_plurals_and_possessives(default):
    assert plain("a dose-related increase in ovarian cysts", default) == (
        "a dose-related increase in fluid-filled sacs on the ovaries"
    )
    assert plain("alcohol and other CNS depressants", default) == (
        "alcohol and other medicines and drugs that slow down the brain"
    )
    g = compiled(entry("baclofen", "the medicine"), entry("diagnosis", "finding"))
    assert plain("baclofen's effects", g) == "the medicine's effects"
    assert plain("baclofen’s effects", g) == "the medicine’s effects"
    assert plain("two diagnoses", g) == "two findings"


def test_a_plural_the_replacement_cannot_take_is_left_as_written(default):
    assert plain("pediatric cancers; pediatrics clinics", default) == (
        "childhood cancers; pediatrics clinics"
    )


def test_a_phrase_does_not_run_across_punctuation_or_protected_spans():
    g = compiled(entry("spinal cord", "backbone nerves"))
    assert plain("injuries of the spinal. Cord", g) == "injuries of the spinal. Cord"
    assert plain("the spinal cord", g) == "the backbone nerves"


def test_acronyms_match_only_in_capitals():
    g = compiled(entry("acquired immunodeficiency syndrome", "HIV disease", forms=("AIDS",)))
    assert plain("Hearing aids help; AIDS is treatable", g) == (
        "Hearing aids help; HIV disease (AIDS) is treatable"
    )


def test_unicode_text_is_matched_without_crashes_or_offset_errors():
    g = compiled(
        entry("β-blocker", "heart-slowing medicine"),
        entry("İbuprofen", "a pain reliever"),
        entry("Guillain-Barré syndrome", "a nerve disorder"),
        entry("sedation", "sleepiness"),
    )
    assert plain("a β-blocker or two β-blockers", g) == (
        "a heart-slowing medicine or two heart-slowing medicines"
    )
    assert plain("İbuprofen’s label: sedation", g) == "A pain reliever’s label: sleepiness"
    # Decomposed accents (NFD) match the composed glossary term.
    assert plain("after Guillain-Barre\u0301 syndrome, sedation", g) == (
        "after a nerve disorder, sleepiness"
    )
    assert plain("İİİ ß ﬁ sedation", g) == "İİİ ß ﬁ sleepiness"


# -- writing back --------------------------------------------------------------------------


def test_sentence_initial_capital_carries_over(default):
    assert plain("Spasticity is common. Sedation may occur", default) == (
        "Muscle stiffness is common. Sleepiness may occur"
    )


def test_capitals_stay_capitals_and_acronyms_stay_recognisable(default):
    assert plain("WARNING: SEDATION", default) == "WARNING: SLEEPINESS"
    text = "particularly duloxetine and TCAs; TCAs may cause sedation"
    assert plain(text, default) == (
        "especially duloxetine (an antidepressant) and tricyclic antidepressants (TCAs); "
        "tricyclic antidepressants may cause sleepiness"
    )


def test_a_and_an_agree_with_the_replacement():
    g = compiled(
        entry("intrathecal pump", "spinal pump"),
        entry("spinal pump", "implanted pump"),
        entry("dosage reduction", "a lower dose"),
        entry("magnetic resonance imaging", "MRI scan"),
    )
    assert plain("An intrathecal pump was placed", g) == "A spinal pump was placed"
    assert plain("a spinal pump was placed", g) == "an implanted pump was placed"
    assert plain("necessitating dosage reduction", g) == "necessitating a lower dose"
    assert plain("the dosage reduction", g) == "the lower dose"
    assert plain("a magnetic resonance imaging", g) == "an MRI scan"


def test_numbers_doses_units_are_never_touched():
    g = compiled(
        entry("mg", "milligram"),
        entry("day", "sun"),
        entry("doses", "amounts"),
        entry("c", "see"),
        entry("fever", "high temperature"),
    )
    text = "30-80 mg/day, divided into 3-4 doses; 2.5 mg; a fever of 39°C in 5% of patients"
    out = plain(text, g)
    for kept in ("30-80 mg/day", "3-4 doses", "2.5 mg", "39°C", "5%"):
        assert kept in out
    assert "high temperature" in out


def test_citations_urls_quoted_names_and_trademarks_are_never_touched():
    g = compiled(entry("baclofen", "muscle relaxant"), entry("cit", "quote"))
    text = (
        'baclofen [1] ("Lioresal baclofen") at https://example.org/baclofen, '
        "Lioresal® and “Gablofen baclofen” [[2](#cit/section_1.1)]"
    )
    out = plain(text, g)
    assert out.startswith("muscle relaxant [1] ")
    for kept in (
        '"Lioresal baclofen"',
        "https://example.org/baclofen,",
        "Lioresal®",
        "“Gablofen baclofen”",
        "[[2](#cit/section_1.1)]",
    ):
        assert kept in out
    assert protected_spans("see [2, 5-7] and 12 mg")[0] == (4, 12)


def test_negations_keep_their_meaning(default):
    out = plain(
        "Baclofen is not indicated for treatment of skeletal muscle spasm resulting from "
        "rheumatic disorders",
        default,
    )
    assert out.startswith("Baclofen is not meant for treatment of muscle spasm")


def test_proper_names_mid_sentence_are_not_jargon():
    g = compiled(entry("assessment", "check"))
    text = "the Society for Perioperative Assessment recommends an assessment"
    assert plain(text, g) == "the Society for Perioperative Assessment recommends a check"


# -- modes ---------------------------------------------------------------------------------


def test_explain_on_first_use_then_the_plain_word(default):
    text = "Spasticity is common. Rebound spasticity is serious"
    assert plain(text, default, "explain") == (
        "Spasticity (muscle stiffness) is common. Rebound muscle stiffness is serious"
    )
    assert plain(text, default, "explain", after_explain="term") == (
        "Spasticity (muscle stiffness) is common. Rebound spasticity is serious"
    )


def test_keep_mode_changes_nothing(default):
    text = "intrathecal baclofen"
    assert rewrite_text(text, default, "keep") == (text, ())


def test_per_audience_replacements():
    g = compiled(entry("tachycardia", "fast heartbeat", replacements={"caregiver": "racing heart"}))
    assert plain("fever, tachycardia", g, audience="patient") == "fever, fast heartbeat"
    assert plain("fever, tachycardia", g, audience="caregiver") == "fever, racing heart"


# -- layers and trace ----------------------------------------------------------------------


def test_a_later_layer_overrides_by_term_and_the_trace_names_it():
    base = Glossary(
        name="default",
        entries=(entry("sedation", "sleepiness", forms=("sedated state",)),),
    )
    org = Glossary(name="acme", entries=(entry("sedation", "drowsiness"),))
    g = CompiledGlossary([base, org])
    out, subs = rewrite_text("sedation or a sedated state", g)
    assert out == "drowsiness or a sedated state"
    assert [(s.original, s.replacement, s.layer) for s in subs] == [
        ("sedation", "drowsiness", "acme")
    ]
    assert [d.layer for d in g.history[("sedation",)]] == ["default", "acme"]
    assert g.winners[("sedation",)] == "acme"


def test_article_terms_are_the_innermost_layer(tailor, glossary_only):
    from tailor import load_article

    article_dict = glossary_only.model_dump(mode="json")
    article_dict["terms"] = [{"term": "sedation", "replacement": "feeling very sleepy"}]
    article = load_article(article_dict)
    out = tailor.render(article, "patient", "text")
    subs = [s for s in out.substitutions if s.original == "sedation"]
    assert subs and subs[0].replacement == "feeling very sleepy"
    assert subs[0].layer == f"article:{article.id}"


def test_a_cycle_is_a_clear_glossary_error():
    base = Glossary(name="default", entries=(entry("tremor", "shaking"),))
    org = Glossary(name="acme", entries=(entry("shaking", "tremor"),))
    with pytest.raises(GlossaryError, match=r"glossary cycle: 'shaking' \(acme\) -> 'tremor'"):
        CompiledGlossary([base, org])
    with pytest.raises(GlossaryError, match="glossary cycle"):
        compiled(entry("virus", "virus"))
