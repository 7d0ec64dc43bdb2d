"""The glossary in whole renderings: HTML markup for terms, "Words to know", the trace."""

from __future__ import annotations

import re

from click.testing import CliRunner

from tailor import Glossary, GlossaryEntry, load_article
from tailor.cli import main

from .conftest import example_tailor


def test_clinicians_keep_terms_and_html_carries_their_definition(tailor, baclofen):
    html = tailor.render(baclofen, "clinician", "html").content
    assert (
        '<abbr class="tailor-term" title="Stiff, tight muscles that are hard to move and may '
        'jerk.">spasticity</abbr>' in html
    )
    assert tailor.render(baclofen, "clinician", "html").substitutions == ()


def test_an_acronyms_hover_text_spells_it_out(tailor, article_dict):
    article_dict["sections"][1]["points"][2]["text"] = (
        "The CNS effects of baclofen may be additive to those of alcohol"
    )
    html = tailor.render(load_article(article_dict), "clinician", "html").content
    assert (
        '<abbr class="tailor-term" title="central nervous system: The brain and spinal cord.">'
        in html
    )


def test_caregivers_see_dfn_on_first_use_and_a_words_to_know_list(tailor, glossary_only):
    html = tailor.render(glossary_only, "caregiver", "html").content
    assert re.search(
        r'<dfn class="tailor-explained" title="Stiff, tight muscles[^"]*">muscle spasticity '
        r"\(muscle stiffness\)</dfn>",
        html,
    )
    words = html[html.index('<section class="tailor-words">') :]
    assert (
        "<dt>spasticity</dt><dd>Stiff, tight muscles that are hard to move and may jerk.</dd>"
        in words
    )
    text = tailor.render(glossary_only, "caregiver", "text").content
    listed = text[text.index("Words to know") : text.index("References")]
    assert "  - tachycardia: Rapid beating of the heart" in listed
    assert listed.count("  - spasticity:") == 1


def test_patients_read_replacements_with_the_original_kept_for_review(tailor, glossary_only):
    html = tailor.render(glossary_only, "patient", "html").content
    assert (
        '<span class="tailor-sub" data-original="tachycardia" '
        'title="In the original: tachycardia">fast heartbeat</span>'
    ) in html


def test_the_patient_rendering_keeps_every_number_and_negation(tailor, glossary_only):
    text = tailor.render(glossary_only, "patient", "text").content
    assert "Typical dosage range for oral baclofen is 30-80 mg/day, divided into 3-4 doses" in text
    assert "in about 80% of patients" in text
    assert "children below the age of 12 years have not been established" in text
    assert "Baclofen is not meant for treatment of muscle spasm" in text
    assert "has not been established and is therefore not recommended" in text
    assert "Lioresal" in text  # the reference titles are never rewritten
    assert "Continuous intrathecal baclofen for severe spasticity." in text


def test_every_substitution_is_traced_with_point_layer_and_source(tailor, glossary_only):
    out = tailor.render(glossary_only, "patient", "json")
    assert out.substitutions
    first = {s.original: s for s in out.substitutions}["tachycardia"]
    assert (first.point_id, first.replacement, first.layer, first.mode) == (
        "withdrawal-symptoms",
        "fast heartbeat",
        "default",
        "replaced",
    )
    assert first.source == "NCI"
    assert first.loc == ("sections", 4, "points", 1)


def test_the_trace_names_an_organisation_layer_that_won(tmp_path, glossary_only_file):
    (tmp_path / "acme.yaml").write_text(
        "name: acme\nentries:\n  - term: tachycardia\n    replacement: racing heart\n"
        "    source: Acme editors\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(glossary_only_file),
            *("-a", "patient", "--trace", "--glossaries-dir", str(tmp_path)),
        ],
        catch_exceptions=False,
    )
    assert "withdrawal-symptoms: 'tachycardia' -> 'racing heart' [replaced, glossary acme]" in (
        result.stderr
    )
    assert "racing heart" in result.stdout


def test_the_matcher_is_compiled_once_per_tailor_and_audience(baclofen):
    t = example_tailor(
        glossaries=[Glossary(name="extra", entries=(GlossaryEntry(term="x", source="t"),))]
    )
    patient = t.audience("patient")
    assert t.glossary_for(patient, baclofen) is t.glossary_for(patient, baclofen)
    t.render(baclofen, "patient", "text")
    assert t.glossary_for(patient, baclofen) is t.glossary_for(patient, baclofen)
