"""Plain words right in context (issue 13): every failure the judged sample found, as a rule.

Each test names the failure a careful reader found in tailor's patient rendering of real
NCI PDQ text, and states what tailor does instead. Small glossaries keep each rule visible:
the entry is written next to the sentence it is applied to.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tailor import Glossary, GlossaryEntry
from tailor.glossary import CompiledGlossary
from tailor.pipeline.load import load_article
from tailor.pipeline.transform import rewrite_text

from .conftest import example_tailor


def _glossary(*entries: dict[str, Any]) -> CompiledGlossary:
    return CompiledGlossary(
        [Glossary(name="test", entries=tuple(GlossaryEntry(source="test", **e) for e in entries))]
    )


def _plain(text: str, *entries: dict[str, Any], **kw: Any) -> str:
    return rewrite_text(text, _glossary(*entries), "replace", **kw)[0]


CNS = {"term": "central nervous system", "forms": ("CNS",), "replacement": "brain and spinal cord"}
CONTRACEPTIVE = {
    "term": "contraceptive",
    "pos": "noun",
    "replacement": "birth control",
    "countable": False,
}


# -- grammar: the replacement takes the form of the matched word ------------------------------


def test_an_uncountable_plain_noun_is_never_pluralised():
    text = "No risk reduction was observed for women who used oral contraceptives for 1 year."
    assert "used oral birth control for" in _plain(text, CONTRACEPTIVE)
    assert "birth controls" not in _plain("injectable progestational contraceptives", CONTRACEPTIVE)


def test_a_plural_is_made_on_the_head_noun_not_the_last_word():
    nsaid = {"term": "NSAID", "replacement": "pain reliever like ibuprofen"}
    out = _plain("Avoid NSAIDs before surgery.", nsaid)
    assert out.startswith("Avoid pain relievers like ibuprofen")
    assert "ibuprofens" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intrathecal chemotherapy was administered weekly.", "was given weekly"),
        ("The drug was usually administered at night.", "was usually given at night"),
        ("They administered the drug at night.", "They gave the drug"),
        ("The dose administered orally was low.", "The dose given orally"),
        ("Nurses are administering the drug.", "are giving the drug"),
        ("The nurse administers the drug.", "The nurse gives the drug"),
        ("Doctors administer the drug.", "Doctors give the drug"),
    ],
)
def test_a_verb_replacement_takes_the_tense_of_the_match(text, expected):
    administer = {"term": "administer", "pos": "verb", "replacement": "give"}
    assert expected in _plain(text, administer)


def test_two_verbs_joined_in_a_replacement_share_the_form_of_the_match():
    consume = {"term": "consume", "pos": "verb", "replacement": "eat or drink"}
    assert _plain("It was consumed daily.", consume) == "It was eaten or drunk daily."
    assert _plain("Patients consume it.", consume) == "Patients eat or drink it."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patients who underwent surgery did well.", "Patients who had surgery did well."),
        ("She has undergone surgery twice.", "She has had surgery twice."),
        ("He undergoes a scan each year.", "He has a scan each year."),
        ("Patients undergoing chemotherapy may tire.", "Patients having chemotherapy may tire."),
        ("Children undergo testing before age 5.", "Children have testing before age 5."),
    ],
)
def test_an_irregular_verb_form_listed_in_forms_gives_its_tense_to_the_replacement(text, expected):
    # Compiling matches regular forms only; "underwent" and "undergone" are listed, and
    # the replacement still takes their tense, never "who have surgery" for the past.
    undergo = {
        "term": "undergo",
        "pos": "verb",
        "forms": ("underwent", "undergone", "undergoes"),
        "replacement": "have",
    }
    assert _plain(text, undergo) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nevi were removed.", "Moles were removed."),
        ("Among 20 nevi, 3 were atypical.", "Among 20 moles, 3 were atypical."),
        ("A nevus was seen.", "A mole was seen."),
    ],
)
def test_an_irregular_plural_listed_in_forms_makes_the_replacement_plural(text, expected):
    # The inflection dictionary does not know every Latin plural ("nevi"); a listed form
    # that is the term's classical plural still gets the plural of the plain noun.
    nevus = {"term": "nevus", "pos": "noun", "forms": ("nevi",), "replacement": "mole"}
    assert _plain(text, nevus) == expected


def test_an_adjective_is_never_replaced_by_a_verb_phrase():
    congenital = {"term": "congenital", "pos": "adjective", "replacement": "born with"}
    text = "This syndrome is characterized by congenital polycythemia."
    out = _plain(text, congenital)
    assert "by born with" not in out and out == text


def test_an_adjective_keeps_its_plural_looking_neighbour_apart():
    pediatric = {"term": "pediatric", "pos": "adjective", "replacement": "childhood"}
    assert _plain("pediatric cancers", pediatric) == "childhood cancers"
    # "pediatrics" is the specialty, not a plural of the adjective.
    assert _plain("a department of pediatrics", pediatric) == "a department of pediatrics"


def test_a_countable_noun_put_where_a_bare_noun_stood_gets_its_article():
    perforation = {"term": "perforation", "pos": "noun", "replacement": "hole"}
    out = _plain("Complications such as perforation and bleeding can occur.", perforation)
    assert out == "Complications such as a hole and bleeding can occur."
    # Inside a compound, after a determiner or an adjective, nothing is added.
    assert _plain("The perforation risk is low.", perforation) == "The hole risk is low."
    assert _plain("A small perforation healed.", perforation) == "A small hole healed."


def test_an_uncountable_plain_noun_gets_no_article():
    fatigue = {"term": "asthenia", "pos": "noun", "replacement": "tiredness"}
    out = _plain("Side effects such as asthenia and nausea occur.", fatigue)
    assert out == "Side effects such as tiredness and nausea occur."


def test_a_possessive_replacement_is_not_used_inside_coordinated_modifiers():
    pediatric = {"term": "pediatric", "replacement": "children's"}
    text = "A review compared 94 pediatric and young adult patients with 765 older patients."
    assert "children's and" not in _plain(text, pediatric)
    assert "and children's groups" not in _plain("among adult and pediatric groups", pediatric)


def test_a_phrase_swap_that_swallows_a_shared_head_noun_gives_way_to_a_shorter_entry():
    entries = (
        {"term": "pediatric patient", "replacement": "child", "plural": "children"},
        {"term": "pediatric", "pos": "adjective", "replacement": "child"},
    )
    text = "approval for the treatment of adult and pediatric patients aged 2 years and older"
    out = _plain(text, *entries)
    assert "adult and children aged" not in out
    assert "adult and child patients aged 2 years" in out
    assert _plain("Most pediatric patients recover.", *entries) == "Most children recover."


# -- headings keep their case style -----------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "entry", "expected"),
    [
        (
            "Antibiotics for Acute Otitis Media in Children",
            {"term": "otitis media", "replacement": "middle ear infection"},
            "Antibiotics for Acute Middle Ear Infection in Children",
        ),
        (
            "Neuropathy Basics",
            {"term": "neuropathy", "replacement": "nerve pain"},
            "Nerve Pain Basics",
        ),
        ("Oral Contraceptives", CONTRACEPTIVE, "Oral Birth Control"),
        ("Hormonal contraceptives: Benefits", CONTRACEPTIVE, "Hormonal birth control: Benefits"),
        (
            "Prostatitis",
            {"term": "prostatitis", "replacement": "swollen prostate"},
            "Swollen prostate",
        ),
    ],
)
def test_a_heading_keeps_its_case_style(heading, entry, expected):
    assert _plain(heading, entry, heading=True) == expected


# -- sense: longest term, acronyms once, names untouched, context rules -----------------------


def test_an_acronym_after_its_expansion_is_handled_once():
    text = "Childhood central nervous system (CNS) atypical teratoid/rhabdoid tumor was described."
    out = _plain(text, CNS)
    assert (
        out
        == "Childhood brain and spinal cord (CNS) atypical teratoid/rhabdoid tumor was described."
    )
    # Later, the acronym alone is replaced without showing it again.
    later = _plain(text + " CNS tumors are rare.", CNS)
    assert later.endswith("Brain and spinal cord tumors are rare.")


@pytest.mark.parametrize(
    "text",
    [
        "However, in the Central Nervous System Atypical Teratoid/Rhabdoid Tumor Registry "
        "(AT/RT Registry), 12 of the 42 patients (29%) were older than 36 months.",
        "Central Nervous System Atypical Teratoid/Rhabdoid Tumor Registry data were used.",
    ],
)
def test_a_name_in_title_case_is_never_rewritten(text):
    assert _plain(text, CNS) == text


def test_a_longer_term_wins_so_depression_of_the_brain_is_not_read_as_mood():
    depression = {
        "term": "central nervous system depression",
        "forms": ("CNS depression",),
        "replacement": "slowed brain activity",
    }
    out = _plain("Gabapentin may cause central nervous system depression.", CNS, depression)
    assert out == "Gabapentin may cause slowed brain activity."
    assert "spinal cord depression" not in out


def _article(text: str, **extra: Any):
    return load_article(
        {
            "id": "a",
            "locale": "en",
            "question": "What is it?",
            "title": "About it",
            "lead": {"id": "lead", "text": text},
            "sections": [{"id": "s", "title": "More", "points": [{"id": "s-1", "text": "Ask."}]}],
            "last_updated": "2026-01-01",
            "review_status": "approved",
            **extra,
        }
    )


def test_a_part_of_a_longer_term_never_gets_its_own_definition_anywhere():
    layer = Glossary(
        name="test",
        entries=(
            GlossaryEntry(
                term="proton",
                definition="A particle in the nucleus of an atom with a positive charge.",
                source="test",
            ),
            GlossaryEntry(
                term="proton pump inhibitor",
                replacement="medicine that lowers stomach acid",
                definition="A drug that lowers the amount of acid the stomach makes.",
                source="test",
            ),
        ),
    )
    t = example_tailor(glossaries=[layer])
    article = _article("Proton pump inhibitors may be used.")
    for audience in ("patient", "caregiver", "clinician"):
        out = t.render(article, audience, "html")
        assert "atom" not in out.content, audience  # no hover text, no Words to know entry
        assert all(s.term != "proton" for s in out.substitutions)
        assert all(e.term != "proton" for e in out.explained)
    patient = t.render(article, "patient", "text")
    assert "Medicines that lower stomach acid may be used." in patient.content
    assert [s.term for s in patient.substitutions] == ["proton pump inhibitor"]


def test_context_rules_keep_an_entry_out_of_the_sentences_it_does_not_fit():
    adverse = {
        "term": "adverse event",
        "replacement": "bad reaction",
        "not_in": ("criterion", "trauma*"),
    }
    epidemic = {"term": "epidemic", "replacement": "outbreak", "not_after": ("obesity", "AIDS")}
    criterion = (
        "For the experience of cancer to meet Criterion A, it must entail acute and extreme "
        "adverse events in the context of cancer."
    )
    assert _plain(criterion, adverse) == criterion
    assert _plain("Adverse events were mild.", adverse) == "Bad reactions were mild."
    assert _plain("the obesity epidemic", epidemic) == "the obesity epidemic"
    assert _plain("the HIV and AIDS epidemic", epidemic) == "the HIV and AIDS epidemic"
    assert _plain("a flu epidemic", epidemic) == "a flu outbreak"
    # A rule never looks past its own sentence.
    assert _plain("Trauma is common. Adverse events were mild.", adverse).endswith(
        "Bad reactions were mild."
    )


def test_a_context_word_may_start_with_a_star_to_match_any_beginning():
    # "carcinoma or leiomyosarcoma" -> "cancer or leiomyosarcoma" would say the sarcoma is
    # not a cancer: the swap stands aside where the sentence names another kind of tumor.
    carcinoma = {
        "term": "carcinoma",
        "pos": "noun",
        "replacement": "cancer",
        "not_in": ("*oma", "*omas"),
    }
    assert _plain("Thyroid carcinoma is rare.", carcinoma) == "Thyroid cancer is rare."
    contrast = "It may be a carcinoma or a leiomyosarcoma."
    assert _plain(contrast, carcinoma) == contrast
    assert _plain("carcinomas and melanomas", carcinoma) == "carcinomas and melanomas"
    # the term itself never counts, though it ends in "oma" too
    assert _plain("Carcinomas of the skin.", carcinoma) == "Cancers of the skin."
    with pytest.raises(ValueError, match="start or end in"):
        GlossaryEntry(term="x", source="test", not_in=("*",))


HOWEVER = {"term": "however", "pos": "adverb", "replacement": "but"}
THEREFORE = {"term": "therefore", "pos": "adverb", "replacement": "so"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It helped. However, the study was small.", "It helped. But the study was small."),
        ("Therefore, doses were lowered.", "So doses were lowered."),
        # mid-sentence, or without its comma, the adverb is not a conjunction: left as written
        ("The study, however, was small.", "The study, however, was small."),
        ("It helped; however, it was small.", "It helped; however, it was small."),
        ("However it is given, it helps.", "However it is given, it helps."),
        # "but" said just before does not stop the swap: it opens a new sentence
        ("It helped, but little. However, it is safe.", "It helped, but little. But it is safe."),
    ],
)
def test_a_sentence_adverb_becomes_a_conjunction_only_where_it_opens_a_sentence(text, expected):
    assert _plain(text, HOWEVER, THEREFORE) == expected


def test_a_sentence_adverb_is_never_shown_beside_its_conjunction():
    # An audience that explains terms would read "However (but), ...": the entry is skipped.
    text = "It helped. However, the study was small."
    assert rewrite_text(text, _glossary(HOWEVER), "explain")[0] == text
    assert rewrite_text(text, _glossary(HOWEVER), "keep")[0] == text


# -- explanations ----------------------------------------------------------------------------


def test_a_term_without_a_plain_swap_is_explained_on_first_use_and_listed():
    layer = Glossary(
        name="test",
        entries=(
            GlossaryEntry(
                term="gabapentin", explanation="a medicine for nerve pain", source="test"
            ),
            GlossaryEntry(
                term="cholestyramine",
                explanation="a medicine taken by mouth that binds bile acids in the gut so "
                "the body removes more cholesterol",
                source="test",
            ),
        ),
    )
    t = example_tailor(glossaries=[layer])
    article = _article("Gabapentin helps. Take gabapentin at night. Cholestyramine also helps.")
    patient = t.render(article, "patient", "text")
    assert "Gabapentin (a medicine for nerve pain) helps. Take gabapentin at night." in (
        patient.content
    )
    # A long explanation would swamp the sentence: it goes to Words to know only.
    assert "Cholestyramine also helps." in patient.content
    assert {e.term for e in patient.explained} == {"gabapentin", "cholestyramine"}
    assert "binds bile acids" in patient.content  # in Words to know
    clinician = t.render(article, "clinician", "text")
    assert "nerve pain" not in clinician.content


def test_glossary_lint_says_why_an_adjective_replacement_is_never_used():
    from tailor.tools.glossary_lint import lint

    layer = Glossary(
        name="test",
        entries=(
            GlossaryEntry(term="congenital", pos="adjective", replacement="born with", source="t"),
            GlossaryEntry(term="pediatric", pos="adjective", replacement="childhood", source="t"),
        ),
    )
    found = [f for f in lint([layer]) if f.type == "glossary.not_an_adjective"]
    assert [f.term for f in found] == ["congenital"]
    assert "born with" in found[0].msg


ALLOGENEIC = {"term": "allogeneic", "pos": "adjective", "explanation": "from a donor"}
LESION = {"term": "lesion", "pos": "noun", "explanation": "an area of abnormal tissue"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The explanation follows the term where a phrase ends...
        ("The graft was allogeneic in most cases.", "allogeneic (from a donor) in most"),
        ("Lesions were found.", "Lesions (areas of abnormal tissue) were found."),
        ("One lesion was found.", "One lesion (an area of abnormal tissue) was found."),
        # ...never between a modifier and its noun, inside brackets, or in a heading.
        ("Tests of allogeneic stem cell recipients.", "Tests of allogeneic stem cell recipients."),
        ("Some (allogeneic, mostly) grafts.", "Some (allogeneic, mostly) grafts."),
    ],
)
def test_an_explanation_goes_where_the_sentence_can_take_it(text, expected):
    assert expected in _plain(text, ALLOGENEIC, LESION)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(A) lesion was found.", "(A) lesion (an area of abnormal tissue) was found."),
        ("(x (y)) lesion was found.", "(x (y)) lesion (an area of abnormal tissue) was found."),
        ("Some (one lesion was found) grafts.", "Some (one lesion was found) grafts."),
        ("(x (y) lesion was found) here.", "(x (y) lesion was found) here."),
        (
            "The graft was allogeneic in most cases (one lesion was found).",
            "allogeneic (from a donor) in most cases (one lesion was found).",
        ),
        (
            "(The graft was allogeneic in most cases) and one lesion was found.",
            "(The graft was allogeneic in most cases) and one lesion (an area of abnormal "
            "tissue) was found.",
        ),
    ],
)
def test_whether_a_term_is_inside_brackets_follows_every_bracket_before_it(text, expected):
    """Only a term inside brackets still open at that point goes without its explanation,
    however many brackets and terms came before it."""
    assert expected in _plain(text, ALLOGENEIC, LESION)


def test_a_heading_never_gets_an_explanation_in_brackets():
    assert _plain("Lesions", LESION, heading=True) == "Lesions"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Older groups demonstrated increased incidence.", "Older groups showed increased"),
        ("The results demonstrated that it works.", "The results showed that"),
        ("It was clearly demonstrated in mice.", "was clearly shown in mice"),
        ("The effect demonstrated in mice was small.", "The effect shown in mice"),
        ("The drug has demonstrated efficacy.", "has shown efficacy"),
        # a bracket that closes the subject is followed by its verb, which has an object
        ("A study (of 71 tumors) demonstrated a benefit.", "A study (of 71 tumors) showed a"),
        ("Studies demonstrated before 2001 were small.", "Studies shown before 2001"),
    ],
)
def test_a_past_form_is_read_as_past_tense_or_participle_from_its_neighbours(text, expected):
    demonstrate = {"term": "demonstrate", "pos": "verb", "replacement": "show"}
    assert expected in _plain(text, demonstrate)


def test_a_plural_explanation_agrees_inside_its_relative_clause():
    rct = {
        "term": "randomized trial",
        "pos": "noun",
        "explanation": "a study that puts people into groups by chance and compares them",
    }
    out = _plain("Two randomized trials were done.", rct)
    assert "(studies that put people into groups by chance and compare them)" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ten of 11 adolescent or adult patients responded.", "Ten of 11 teen or adult patients"),
        ("Data on adolescent or adult patients are few.", "Data on teen or adult patients"),
        ("It was followed by resection and chemotherapy.", "followed by removal and"),
    ],
)
def test_no_article_is_added_where_the_noun_phrase_already_has_its_start(text, expected):
    entries = (
        {"term": "adolescent", "pos": "noun", "replacement": "teen"},
        {"term": "resection", "pos": "noun", "replacement": "removal"},
    )
    assert expected in _plain(text, *entries)


def test_a_regular_verb_doubles_its_consonant_as_the_dictionary_says():
    discontinue = {"term": "discontinue", "pos": "verb", "replacement": "stop"}
    assert "women who had stopped use" in _plain("women who had discontinued use", discontinue)


def test_no_explanation_splits_coordinated_modifiers():
    neoadjuvant = {"term": "neoadjuvant", "pos": "adjective", "explanation": "given first"}
    text = "The addition of neoadjuvant or adjuvant chemotherapy helped."
    assert _plain(text, neoadjuvant) == text
    out = _plain("Give it neoadjuvant in most cases.", neoadjuvant)
    assert "neoadjuvant (given first) in" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the breakdown of orally administered amygdalin", "orally given amygdalin"),
        ("Long-term follow-up also demonstrated a superior rate.", "also showed a superior"),
        ("It was also demonstrated in mice.", "was also shown in mice"),
    ],
)
def test_participles_and_adverbs_before_a_noun(text, expected):
    entries = (
        {"term": "administer", "pos": "verb", "replacement": "give"},
        {"term": "demonstrate", "pos": "verb", "replacement": "show"},
        {"term": "orally", "pos": "adverb", "replacement": "by mouth"},
    )
    assert expected in _plain(text, *entries)


def test_a_replacement_never_repeats_the_clause_that_follows_it():
    factor = {"term": "prognostic factor", "replacement": "factor that affects the outlook"}
    text = "Prognostic factors that affect survival are not known."
    assert _plain(text, factor) == text


def test_an_acronym_inside_a_longer_abbreviation_is_left_alone():
    text = "It was classified as a CNS primitive tumor (CNS PNET)."
    out = _plain(text, CNS)
    assert out.endswith("(CNS PNET).")


def test_an_adjective_is_not_swapped_before_a_noun_that_becomes_a_phrase():
    entries = (
        {"term": "pediatric", "pos": "adjective", "replacement": "childhood"},
        {"term": "radiation oncologist", "replacement": "doctor who treats cancer with radiation"},
    )
    out = _plain("Pediatric radiation oncologists.", *entries)
    assert not out.startswith("Childhood doctors")


def test_a_phrase_swap_never_takes_a_head_shared_with_a_latinate_adjective():
    im = {"term": "intramuscular injection", "replacement": "shot into a muscle"}
    text = "Oral use is riskier than intravenous, intraperitoneal, or intramuscular injection."
    assert "or shot into a muscle" not in _plain(text, im)


def test_a_name_spelled_out_before_its_initials_is_left_alone():
    neoplasia = {"term": "neoplasia", "replacement": "abnormal cell growth"}
    heading = "Treatment of Childhood Multiple Endocrine Neoplasia (MEN) Syndromes"
    assert _plain(heading, neoplasia, heading=True) == heading
    assert _plain("Treatment of neoplasia in MEN", neoplasia) == (
        "Treatment of abnormal cell growth in MEN"
    )


def test_a_gerund_swap_is_not_used_as_a_modifier():
    cessation = {"term": "smoking cessation", "replacement": "quitting smoking"}
    assert "smoking cessation drug treatment" in _plain(
        "other smoking cessation drug treatment (e.g., bupropion)", cessation
    )
    assert _plain("Drugs for smoking cessation.", cessation) == "Drugs for quitting smoking."


def test_compound_nouns_keep_their_shape():
    entries = (
        {"term": "incidence rate", "replacement": "rate of new cases"},
        {"term": "oral contraceptive", "pos": "noun", "replacement": "birth control pill"},
        {"term": "onset", "pos": "noun", "replacement": "start"},
    )
    assert "incidence rate ratio" in _plain("an increased incidence rate ratio of 3.5", *entries)
    assert "The rate of new cases was" in _plain("The incidence rate was low.", *entries)
    assert "pill pill" not in _plain("oral contraceptive pill use", *entries)
    assert "mean age of start" in _plain("a late mean age of onset", *entries)


def test_a_plural_explanation_is_made_on_its_head_before_a_participle():
    biomarker = {"term": "biomarker", "pos": "noun", "explanation": "a molecule found in blood"}
    out = _plain("Several biomarkers were tested.", biomarker)
    assert "biomarkers (molecules found in blood) were" in out


def test_what_follows_termed_or_called_is_a_name():
    text = "Tumors without these changes are termed CNS embryonal tumors with rhabdoid features."
    assert _plain(text, CNS) == text
    assert "brain and spinal cord" in _plain("The CNS is affected.", CNS)


def test_a_replacement_is_not_made_next_to_the_same_words():
    endpoint = {"term": "endpoint", "pos": "noun", "replacement": "outcome"}
    text = "the strength of the treatment outcomes (i.e., endpoints) measured"
    assert _plain(text, endpoint) == text


# -- a fresh sample of 200 (seed 2029, issue 13, session 4), judged before these fixes --------


def test_a_capital_the_writer_put_mid_line_is_kept_by_the_plain_words():
    spread = {"term": "distant metastasis", "pos": "noun", "replacement": "distant spread"}
    assert _plain("M1 = Distant metastasis.", spread) == "M1 = Distant spread."
    assert _plain("M0 = no distant metastasis.", spread) == "M0 = no distant spread."
    # an acronym's plain words, and a name's, keep their own case mid-sentence
    assert _plain("It slows CNS activity.", CNS) == "It slows brain and spinal cord (CNS) activity."


def test_a_plain_noun_with_its_own_modifier_after_it_is_not_put_after_a_noun_modifier():
    rate = {"term": "incidence rate", "pos": "noun", "replacement": "rate of new cases"}
    assert "cancer incidence rates ranging" in _plain(
        "Studies reported annual esophageal cancer incidence rates ranging from 0.2% to 1.9%.",
        rate,
    )
    # after an adjective or a determiner the phrase has room for it
    assert _plain("an annual age-adjusted incidence rate of 4%", rate) == (
        "an annual age-adjusted rate of new cases of 4%"
    )
    assert _plain("The incidence rate rose.", rate) == "The rate of new cases rose."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The study randomly assigned women to two groups.",
         "The study randomly assigned women to two groups."),
        ("The trial randomly assigned 500 patients to two groups.",
         "The trial randomly assigned 500 patients to two groups."),
        ("Patients were randomly assigned to receive placebo.",
         "Patients were assigned by chance to receive placebo."),
    ],
)  # fmt: skip
def test_a_phrase_ending_in_its_own_modifier_never_stands_before_an_object(text, expected):
    randomly = {"term": "randomly assigned", "pos": "phrase", "replacement": "assigned by chance"}
    assert _plain(text, randomly) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Screening reduces melanoma mortality.", "Screening reduces the melanoma death rate."),
        ("Since 1975, childhood cancer mortality fell.",
         "Since 1975, the childhood cancer death rate fell."),
        ("Mortality was 5%; 30-day mortality was low.",
         "The death rate was 5%; the 30-day death rate was low."),
        ("Childhood cancer mortality fell.", "The childhood cancer death rate fell."),
        ("It fell. US mortality fell.", "It fell. The US death rate fell."),
        ("Surgery may increase mortality.", "Surgery may increase the death rate."),
        ("It did not reduce lung cancer mortality.",
         "It did not reduce the lung cancer death rate."),
        ("It may increase mortality secondary to heart disease.",
         "It may increase the death rate secondary to heart disease."),
        # a determiner already there, or the term modifying the next noun: nothing to add
        ("The childhood cancer mortality fell.", "The childhood cancer death rate fell."),
        ("a 10-year mortality of 5%", "a 10-year death rate of 5%"),
        ("Their mortality fell.", "Their death rate fell."),
        ("Given that mortality was stable, it is likely.",
         "Given that the death rate was stable, it is likely."),
        ("It showed a mortality benefit.", "It showed a death rate benefit."),
        # a bare pair would be split by "the": the term stays
        ("Incidence and mortality rose.", "Incidence and mortality rose."),
    ],
)  # fmt: skip
def test_a_counted_plain_noun_standing_for_a_mass_noun_gets_the_determiner_it_needs(text, expected):
    mortality = {"term": "mortality", "pos": "noun", "replacement": "death rate"}
    assert _plain(text, mortality) == expected


def test_the_determiner_goes_before_a_kept_term_that_starts_the_noun_phrase():
    mortality = {"term": "mortality", "pos": "noun", "replacement": "death rate"}
    melanoma = {"term": "melanoma", "definition": "A form of skin cancer."}
    assert _plain("Screening reduces melanoma mortality.", mortality, melanoma) == (
        "Screening reduces the melanoma death rate."
    )
    # a kept term keeps its own letters: no "The melanoma" made of "Melanoma"
    assert _plain("Melanoma mortality fell.", mortality, melanoma) == "Melanoma mortality fell."


def test_an_uncountable_plain_noun_may_stand_bare_where_the_mass_term_did():
    supplements = {
        "term": "supplementation",
        "pos": "noun",
        "replacement": "supplements",
        "countable": False,
    }
    assert _plain("Vitamin D supplementation did not help.", supplements) == (
        "Vitamin D supplements did not help."
    )


def test_two_adjectives_with_plain_words_of_several_nouns_are_not_stacked():
    vascular = {"term": "vascular", "pos": "adjective", "replacement": "blood vessel"}
    laryngeal = {"term": "laryngeal", "pos": "adjective", "replacement": "voice box"}
    cardiac = {"term": "cardiac", "pos": "adjective", "replacement": "heart"}
    assert _plain("the most common benign vascular laryngeal tumor", vascular, laryngeal) == (
        "the most common benign vascular voice box tumor"
    )
    assert _plain("a vascular tumor", vascular, laryngeal) == "a blood vessel tumor"
    assert _plain("cardiac laryngeal events", cardiac, laryngeal) == "heart voice box events"


def test_an_explanation_never_goes_inside_a_compound_joined_by_a_dash_or_slash():
    pet = {"term": "positron emission tomography", "explanation": "a scan that shows active cells"}
    ct = {"term": "computed tomography", "explanation": "a detailed x-ray scan"}
    text = "It used positron emission tomography–computed tomography scanning."
    assert _plain(text, pet, ct) == text
    assert _plain("It used computed tomography.", ct) == (
        "It used computed tomography (a detailed x-ray scan)."
    )


def test_what_follows_a_reprint_credit_is_a_cited_source_and_left_as_written():
    renal = {"term": "renal", "pos": "adjective", "replacement": "kidney"}
    credit = "aReprinted with permission from AJCC: Renal pelvis and ureter. In: Amin MB, eds."
    assert _plain(f"Stage: {credit}", renal) == f"Stage: {credit}"
    assert _plain("Adapted from Smith: renal tumors.", renal) == "Adapted from Smith: renal tumors."
    assert _plain("Renal tumors are rare.", renal) == "Kidney tumors are rare."


# -- a fourth fresh sample (seed 2030, session 4), judged before these fixes ----------------


def test_an_expansion_holding_and_is_not_put_inside_a_coordination():
    text = "Rhabdoid tumors may be both CNS and non-CNS tumors."
    assert _plain(text, CNS) == text
    assert _plain("CNS or spinal tumors", CNS) == "CNS or spinal tumors"


def test_a_gerund_swap_is_not_put_after_its_noun_modifier():
    cessation = {"term": "cessation", "pos": "noun", "replacement": "stopping", "countable": False}
    assert _plain("risk reduction with alcohol cessation", cessation) == (
        "risk reduction with alcohol cessation"
    )
    assert _plain("years after cessation", cessation) == "years after stopping"
    scaling = {"term": "desquamation", "pos": "noun", "replacement": "scaling skin"}
    assert _plain("from xerosis to radiation desquamation", scaling) == (
        "from xerosis to radiation desquamation"
    )
    assert _plain("with dry desquamation", scaling) == "with dry scaling skin"
    # nor coordinated with another noun ("cessation or avoidance of alcohol use")
    assert _plain("cessation or avoidance of alcohol use", cessation) == (
        "cessation or avoidance of alcohol use"
    )
    # but a gerund that is a noun in its own right coordinates like any noun
    itching = {"term": "pruritus", "pos": "noun", "replacement": "itching", "countable": False}
    assert _plain("pruritus and rash", itching) == "itching and rash"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It warns against currently offered tests.", "It warns against currently offered tests."),
        ("Tests are currently offered to all.", "Tests are now offered to all."),
        ("It is currently unknown.", "It is now unknown."),
    ],
)  # fmt: skip
def test_a_one_word_adverb_swap_is_not_put_before_a_participle_modifying_a_noun(text, expected):
    currently = {"term": "currently", "pos": "adverb", "replacement": "now"}
    assert _plain(text, currently) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It has the components of inhaled mainstream smoke.",
         "It has the components of inhaled mainstream smoke."),
        ("Smoke inhaled by children harms them.", "Smoke breathed in by children harms them."),
        ("Patients inhaled the drug.", "Patients breathed in the drug."),
    ],
)  # fmt: skip
def test_a_phrasal_verb_is_not_put_where_a_participle_modifies_a_noun(text, expected):
    inhale = {"term": "inhale", "pos": "verb", "replacement": "breathe in"}
    assert _plain(text, inhale) == expected


def test_a_term_between_a_name_and_the_word_index_or_score_is_part_of_the_name():
    comorbidity = {"term": "comorbidity", "pos": "noun", "replacement": "other health problem"}
    text = "They were matched on age and Elixhauser comorbidity index."
    assert _plain(text, comorbidity) == text
    assert _plain("They were matched on comorbidity.", comorbidity) == (
        "They were matched on other health problem."
    )


# -- a fifth fresh sample (seed 2031, session 4), judged before these fixes -----------------


def test_an_acronym_between_title_case_words_in_running_text_is_part_of_a_cited_title():
    text = "See the Treatment of Recurrent Childhood CNS Atypical Teratoid Tumor section."
    assert _plain(text, CNS) == text
    assert _plain("Childhood CNS tumors are rare.", CNS) == (
        "Childhood brain and spinal cord (CNS) tumors are rare."
    )


def test_an_extent_before_a_procedure_is_never_handed_to_the_plain_words_surgery():
    adrenalectomy = {
        "term": "adrenalectomy",
        "pos": "noun",
        "replacement": "surgery to remove an adrenal gland",
    }
    assert _plain("They had laparoscopic partial adrenalectomy.", adrenalectomy) == (
        "They had laparoscopic partial adrenalectomy."
    )
    assert _plain("Laparoscopic adrenalectomy was done.", adrenalectomy) == (
        "Laparoscopic surgery to remove an adrenal gland was done."
    )


def test_plain_words_led_by_their_own_adjective_never_follow_a_word_that_says_what_kind():
    neoplasia = {"term": "neoplasia", "pos": "noun", "replacement": "abnormal cell growth"}
    hypotension = {"term": "hypotension", "pos": "noun", "replacement": "low blood pressure"}
    # "ovarian", "germ cell": what kind of growth; "abnormal" cannot come between
    for text in (
        "Treatment of epithelial ovarian neoplasia is based on stage.",
        "Patients with germ cell neoplasia were studied.",
        "Orthostatic hypotension is common.",
    ):
        assert _plain(text, neoplasia, hypotension) == text
    assert _plain("Neoplasia was found.", neoplasia) == "Abnormal cell growth was found."
    assert _plain("It causes severe hypotension.", hypotension) == (
        "It causes severe low blood pressure."
    )
    # only a describing adjective is held back: a noun before a noun ("side effects") is not,
    # nor is a verb or a participle before the term a modifier of it
    side = {"term": "adverse effect", "pos": "noun", "replacement": "side effect"}
    tg = {"term": "hypertriglyceridemia", "pos": "noun", "replacement": "high triglycerides"}
    assert _plain("Reports of liver adverse effects", side) == "Reports of liver side effects"
    assert _plain("It reported the following adverse effects:", side) == (
        "It reported the following side effects:"
    )
    assert _plain("Retinoids can cause hypertriglyceridemia.", tg) == (
        "Retinoids can cause high triglycerides."
    )
    # a sentence that opens with a verb gives instructions: "Use" is no noun modifier there
    assert _plain("It helps. Use neoplasia for this.", neoplasia) == (
        "It helps. Use abnormal cell growth for this."
    )
    assert _plain("Cancer neoplasia was studied.", neoplasia) == "Cancer neoplasia was studied."
    # a colour of a compound noun classifies too: "fetal red blood cells" reads right
    erythrocyte = {"term": "erythrocyte", "pos": "noun", "replacement": "red blood cell"}
    assert _plain("Fetal erythrocytes were counted.", erythrocyte) == (
        "Fetal red blood cells were counted."
    )


# -- the bundled glossary: data corrections from the independent judge of session 5 ----------


@pytest.fixture(scope="module")
def bundled_plain():
    t = example_tailor()
    glossary = t.glossary_for(t.audience("patient"))
    return lambda text: rewrite_text(text, glossary, "replace")[0]


def test_pediatric_before_the_groups_that_run_studies_is_not_an_age(bundled_plain):
    # cooperative research groups and centres, not age groups of patients
    for text in (
        "The designation of a rare tumor is not uniform among pediatric and adult groups.",
        "Most pediatric cooperative groups enroll these patients.",
        "Pediatric centers treat most of these children.",
    ):
        assert "childhood" not in bundled_plain(text).lower(), text
    assert bundled_plain("Pediatric cancers are rare.") == "Childhood cancers are rare."


def test_pancytopenia_says_all_three_kinds_of_blood_cell_are_low(bundled_plain):
    out = bundled_plain("In patients with RCMD, bicytopenia or pancytopenia is present.")
    assert "pancytopenia (low levels of all three types of blood cells) is present" in out
    assert "or low blood cell count" not in out


def test_cytoreductive_treatment_lowers_the_number_of_cancer_cells(bundled_plain):
    mds = bundled_plain(
        "The role of cytoreductive therapy in reducing the blast percentage before HSCT "
        "remains uncertain."
    )
    assert "treatment to lower the number of cancer cells" in mds
    assert "tumor-shrinking" not in mds
    # a bare "cytoreductive" near a blood cancer is not given the solid-tumor sense
    aml = bundled_plain("Cytoreductive agents are used in myeloproliferative neoplasms.")
    assert "tumor-shrinking" not in aml


def test_validated_stays_a_claim_of_proof_not_of_testing(bundled_plain):
    out = bundled_plain("Several biomarkers have not yet been validated for early detection.")
    assert "have not yet been proven" in out
    assert "tested" not in out


def test_a_sign_named_as_a_treatment_keeps_its_name(bundled_plain):
    treated = (
        "Studies of patients with tuberculosis who were treated with pneumothorax showed "
        "little risk."
    )
    assert "treated with pneumothorax" in bundled_plain(treated)
    assert "abnormally low" not in bundled_plain("Therapeutic hypothermia was used.")
    # the sign itself still gets its lay words
    assert "collapsed lung" in bundled_plain("Complications were pneumothorax and bleeding.")


# -- explanations cut from NCI definitions never stop before the clause that defines ---------


def _builder() -> Any:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_glossary.py"
    spec = importlib.util.spec_from_file_location("build_glossary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder() -> Any:
    return _builder()


def _zipf(phrase: str) -> float:
    from wordfreq import zipf_frequency

    return min(zipf_frequency(w, "en") for w in phrase.lower().split())


@pytest.mark.parametrize(
    ("definition", "never"),
    [
        # NCI's definitions, as the dictionary writes them
        (
            "The length of time during and after the treatment of a disease, such as cancer, "
            "that a patient lives with the disease but it does not get worse.",
            "the length of time during and after the treatment of a disease",
        ),
        (
            "A type of cancer that begins in the cells that line blood vessels or lymph vessels.",
            "a type of cancer",
        ),
        (
            "The process of tying off blood vessels so that blood cannot flow to a part of the "
            "body or to a tumor.",
            "the process of tying off blood vessels so",
        ),
        (
            "Cancer that forms in the peritoneum, and has not spread there from another part "
            "of the body.",
            "cancer that forms in the peritoneum",
        ),
    ],
)
def test_a_definition_is_never_cut_before_its_defining_clause(builder, definition, never):
    assert builder.short_explanation(definition, _zipf) != never


def test_a_hard_word_in_an_explanation_gives_way_to_the_plain_words_nci_gives_it(builder):
    short = builder.short_explanation(
        "Cancer that forms in the epidermis (the outer layer of the skin).", _zipf
    )
    assert short == "cancer that forms in the outer layer of the skin"
    # when NCI's own explanation of the hard word is long, there is no short form at all
    long_gloss = (
        "Cancer that forms in tissues of the larynx (area of the throat that contains the "
        "vocal cords and is used for breathing, swallowing, and talking)."
    )
    assert builder.short_explanation(long_gloss, _zipf) is None
    # an abbreviation in brackets is no explanation and is simply dropped
    assert (
        builder.short_explanation(
            "A protein made by the prostate gland and found in the blood (PSA).", _zipf
        )
        == "a protein made by the prostate gland and found in the blood"
    )


def test_only_a_drug_that_treats_cancer_is_called_a_cancer_drug(builder):
    # NCI's definitions, as the dictionary writes them
    mitotane = (
        "An anticancer drug used in treating adrenocortical cancer and ACTH-producing "
        "pituitary tumors (Cushing disease)."
    )
    assert builder.short_explanation(mitotane, _zipf) == "a cancer drug"
    # a stimulant studied for fatigue in people with cancer is for them, not for the cancer
    modafinil = (
        "A drug that is being studied as a treatment for fatigue in patients with cancer. "
        "It belongs to the family of drugs called stimulants."
    )
    assert builder.short_explanation(modafinil, _zipf) != "a cancer drug"


def test_what_a_cut_leaves_out_only_adds_to_the_definition(builder):
    # a closing list of examples, an alternative, a "which" clause: the rest still defines
    assert (
        builder.short_explanation("A substance found in certain plants, including rhubarb.", _zipf)
        == "a substance found in certain plants"
    )
    assert (
        builder.short_explanation(
            "A slow-growing type of tumor usually found in the gastrointestinal system, and "
            "sometimes in the lungs or other sites.",
            _zipf,
        )
        == "a slow-growing type of tumor usually found in the gastrointestinal system"
    )


_DEFINING_REST = re.compile(
    r"^\s*(?:that|who|whose|where|in which)\b"  # a restrictive clause
    r"|^,\s+(?:such as|including)\s[^,;]+,\s+(?:that|who|whose|where|in which)\b"  # after an aside
    r"|^,\s+(?:and|or)\s+(?:that|which|who|(?:is|are|has|have|does|do|can|may)\s+not)\b"
)


def test_no_bundled_explanation_stops_before_the_clause_that_defines_its_term():
    """An audit of every bundled explanation cut from an NCI definition: what the cut left
    out never starts the defining clause, and no hard word whose plain explanation NCI put
    in brackets is left without it."""
    from wordfreq import zipf_frequency

    from tailor.tailor import BUNDLED_GLOSSARIES

    bundled = Glossary.from_file(BUNDLED_GLOSSARIES / "en-default.yaml")
    cut_before_clause, unexplained = [], []
    for entry in bundled.entries:
        if not (entry.explanation and entry.definition and "NCI" in entry.source):
            continue
        first = re.split(r"(?<=[.!?])\s+", entry.definition, maxsplit=1)[0].rstrip(".")
        flat = re.sub(r"\s*\([^()]*\)", "", first)
        cut = flat.lower().startswith(entry.explanation.lower())
        if cut and _DEFINING_REST.match(flat[len(entry.explanation) :]):
            cut_before_clause.append(entry.term)
        for word in re.findall(r"([A-Za-z][\w-]*)\s*\([a-z][^()]*\)", first):
            hard = zipf_frequency(word, "en") < 3.0
            if hard and re.search(rf"\b{re.escape(word)}\b", entry.explanation, re.IGNORECASE):
                unexplained.append((entry.term, word))
    assert not cut_before_clause
    assert not unexplained


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A dose-response link was observed.", "A dose-response link was seen."),
        ("Case-control studies have observed a modest increase.", "have seen a modest increase"),
        ("The authors observed a dose-related decline.", "The authors saw a dose-related"),
        # watching over time, and the adjective before a noun, are not seeing
        ("Side effects were observed for 24 months.", "were observed for 24 months"),
        ("The observed risk was 1.06.", "The observed risk"),
        ("Despite the increase in observed incidence, deaths fell.", "in observed incidence"),
        # a past tense after a comma is told by its object, never made a participle
        ("A study of 330 cases and 982 controls, observed a drop.", "controls, saw a drop"),
    ],
)
def test_observed_in_a_result_is_seen(bundled_plain, text, expected):
    assert expected in bundled_plain(text)


def test_a_swap_held_back_by_the_sentence_leaves_its_term_listed_in_words_to_know():
    # "pelvic lymphadenopathy" is never "pelvic swollen lymph nodes"; the term stays, and the
    # reader finds it in Words to know instead of meeting it bare: with its sourced definition
    # (NCI's for a hand-written swap, HPO's own for an HPO swap), else with its plain words
    t = example_tailor()
    article = load_article(
        {
            "id": "a",
            "locale": "en",
            "question": "What is it?",
            "title": "About it",
            "lead": {
                "id": "lead",
                "text": "Pelvic lymphadenopathy and peripheral blood leukocytosis were seen in "
                "familial hypercholesterolemia.",
            },
            "sections": [{"id": "s", "title": "More", "points": [{"id": "s-1", "text": "Ask."}]}],
            "last_updated": "2026-01-01",
            "review_status": "approved",
        }
    )
    out = t.render(article, "patient", "text")
    assert "Pelvic lymphadenopathy" in out.content
    assert "blood leukocytosis" in out.content
    kept = {e.term: e.definition for e in out.explained}
    assert kept["lymphadenopathy"] == "Disease or swelling of the lymph nodes."
    assert kept["leukocytosis"]
    # with no sourced definition, the plain words the sentence could not take are listed
    assert "familial hypercholesterolemia" in out.content
    assert "hypercholesterolemia" in kept
    assert "high cholesterol" in out.content.split("familial hypercholesterolemia", 1)[1]


def test_a_superlative_swap_stands_only_where_the_sentence_gives_it_its_determiner():
    optimal = {"term": "optimal", "pos": "adjective", "replacement": "best"}
    assert _plain("The optimal dose is unknown.", optimal) == "The best dose is unknown."
    assert _plain("Their optimal dose varies.", optimal) == "Their best dose varies."
    assert _plain("The patient's optimal dose varies.", optimal) == (
        "The patient's best dose varies."
    )
    # "best" without "the" is not English; "most optimal" would become "most best"
    for text in ("The aim was to define optimal cutoffs.", "The most optimal plan is unclear."):
        assert _plain(text, optimal) == text


@pytest.mark.parametrize(
    "text",
    [
        # the time since stopping, not years spent stopping
        "Risk fell after 10 years of cessation.",
        # a process is gone through, not had
        "Cells undergo the process of apoptosis.",
    ],
)
def test_a_swap_that_would_change_what_the_phrase_says_is_not_made(bundled_plain, text):
    assert bundled_plain(text) == text


# -- a fresh sample of 80 substitutions from the ODD rows (seed 5005, session 5) -------------


def test_an_adjective_whose_plain_words_open_with_a_preposition_never_precedes_its_noun():
    intracranial = {"term": "intracranial", "pos": "adjective", "replacement": "inside the skull"}
    text = "Radiation for intracranial germinomas works."
    assert _plain(text, intracranial) == text
    assert _plain("The tumor was intracranial.", intracranial) == "The tumor was inside the skull."


def test_a_plural_plain_noun_never_takes_the_singular_verb_of_its_term():
    gallstones = {"term": "cholelithiasis", "pos": "noun", "replacement": "gallstones"}
    text = "Cholelithiasis is an associated finding."
    assert _plain(text, gallstones) == text
    assert _plain("Patients with cholelithiasis were seen.", gallstones) == (
        "Patients with gallstones were seen."
    )


def test_coordinated_modifiers_keep_their_shared_head_last():
    symptomatic = {
        "term": "symptomatic patients",
        "pos": "noun",
        "replacement": "patients with symptoms",
    }
    text = "The exam of asymptomatic and symptomatic patients finds early cancers."
    assert _plain(text, symptomatic) == text
    assert _plain("Among symptomatic patients, most had pain.", symptomatic) == (
        "Among patients with symptoms, most had pain."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Risk fell after tubal ligation.", "Risk fell after having the tubes tied."),
        ("Tubal ligation reduces risk.", "Having the tubes tied reduces risk."),
        # after a determiner, an adjective or a verb the -ing phrase cannot stand
        ("It was linked to a history of a tubal ligation.", None),
        ("Women who had tubal ligation had less risk.", None),
    ],
)
def test_a_phrase_led_by_an_ing_form_follows_a_preposition_or_opens_the_sentence(text, expected):
    ligation = {"term": "tubal ligation", "pos": "noun", "replacement": "having the tubes tied"}
    assert _plain(text, ligation) == (expected or text)


def test_a_noun_that_ends_in_ing_is_not_taken_for_a_clause():
    endometrium = {"term": "endometrium", "pos": "noun", "replacement": "lining of the uterus"}
    assert _plain("Evaluation of the endometrium in women is limited.", endometrium) == (
        "Evaluation of the lining of the uterus in women is limited."
    )


def test_plain_words_agree_with_the_verb_the_term_had(bundled_plain):
    out = bundled_plain("Self-reported cognitive impairment was more common.")
    assert out == "Self-reported trouble thinking was more common."


# -- a second fresh ODD sample (100 substitutions, seed 5006, session 5) ---------------------


def test_a_word_inside_a_name_written_out_before_its_initials_is_left_alone():
    hereditary = {"term": "hereditary", "pos": "adjective", "replacement": "inherited"}
    for text in (
        "Hereditary nonpolyposis colorectal cancer (HNPCC) syndrome raises the risk.",
        "Women with hereditary breast and ovarian cancer (HBOC) were studied.",
    ):
        assert _plain(text, hereditary) == text
    assert _plain("Hereditary cancers are rare.", hereditary) == "Inherited cancers are rare."
    # the term that is the whole expansion is the acronym rules' business
    assert _plain("Central nervous system (CNS) tumors are rare.", CNS).startswith(
        "Brain and spinal cord (CNS)"
    )


def test_no_explanation_goes_inside_a_list_of_modifiers_before_their_noun():
    antioxidant = {"term": "antioxidant", "explanation": "a substance that protects cells"}
    for text in (
        "Molecules with antioxidant, anti-inflammatory, or cancer-fighting activity exist.",
        "Each herb has anti-inflammatory, antioxidant, or anticarcinogenic properties.",
    ):
        assert _plain(text, antioxidant) == text
    assert _plain("They took an antioxidant, a vitamin, and a mineral.", antioxidant) == (
        "They took an antioxidant (a substance that protects cells), a vitamin, and a mineral."
    )


def test_antiretroviral_agents_are_hiv_medicines_not_agents_of_hiv(bundled_plain):
    out = bundled_plain("Trials with less myelosuppressive antiretroviral agents are ongoing.")
    assert "HIV medicines" in out
    assert "HIV agents" not in out


# -- a third fresh ODD sample (100 substitutions, seed 5007, session 5) ----------------------


def test_a_participle_before_an_ing_preposition_stays_a_participle():
    conduct = {"term": "conduct", "pos": "verb", "replacement": "do"}
    assert _plain("It refers to studies conducted using the DSM-IV criteria.", conduct) == (
        "It refers to studies done using the DSM-IV criteria."
    )
    assert _plain("They conducted interviews.", conduct) == "They did interviews."


def test_no_explanation_goes_between_a_term_and_the_ing_noun_it_modifies():
    pet = {"term": "positron emission tomography", "explanation": "a scan of active cells"}
    text = "Positron emission tomography scanning was done in 3% of people."
    assert _plain(text, pet) == text
    assert "tomography (a scan of active cells) may" in _plain(
        "Use of positron emission tomography may help.", pet
    )


def test_an_explanation_uses_the_plain_words_the_glossary_gives_its_hard_words(bundled_plain):
    out = bundled_plain("Laryngeal cancers may be referred to as head and neck cancers.")
    assert "(cancer that forms in tissues of the voice box)" in out


# -- a fourth fresh ODD sample (100 substitutions, seed 5008, session 5) ---------------------


def test_a_determiner_before_a_coordination_serves_the_plain_noun_after_and():
    pharynx = {"term": "pharynx", "pos": "noun", "replacement": "throat"}
    assert _plain("It arises in the lining of the nasal cavity and pharynx.", pharynx) == (
        "It arises in the lining of the nasal cavity and throat."
    )
    perforation = {"term": "perforation", "pos": "noun", "replacement": "hole"}
    assert _plain("Complications such as bleeding and perforation occur.", perforation) == (
        "Complications such as bleeding and a hole occur."
    )


def test_a_verb_after_a_comma_is_kept_where_its_tense_cannot_be_told():
    provide = {"term": "provide", "pos": "verb", "replacement": "give"}
    text = "A review of nine studies, with 76 cases observed, provided unclear evidence."
    assert _plain(text, provide) == text
    assert _plain("The data, provided by the registry, were complete.", provide) == (
        "The data, given by the registry, were complete."
    )


def test_in_association_with_is_an_idiom_not_a_link(bundled_plain):
    text = "No excess risk was noted in association with these medicines."
    assert bundled_plain(text) == text
    assert bundled_plain("The association was weak.") == "The link was weak."


# -- a sample of 80 substitutions from the FDA labels' professional sections (session 5) -----


def test_a_phrase_with_its_own_modifier_never_takes_the_of_phrase_of_its_head():
    concomitant = {"term": "concomitant use", "pos": "noun", "replacement": "use at the same time"}
    text = "There is little information about the concomitant use of HUMIRA and other drugs."
    assert _plain(text, concomitant) == text
    assert _plain("Concomitant use is common.", concomitant) == "Use at the same time is common."
    resection = {"term": "surgical resection", "pos": "noun", "replacement": "removal by surgery"}
    text = "Radiation is an alternative to surgical resection of the prostate."
    assert _plain(text, resection) == text


def test_a_classifier_never_ends_up_on_the_wrong_noun_of_the_plain_words():
    neuritis = {"term": "neuritis", "pos": "noun", "replacement": "swelling of a nerve"}
    assert _plain("Optic neuritis was seen.", neuritis) == "Optic neuritis was seen."
    assert _plain("Neuritis was seen.", neuritis) == "Swelling of a nerve was seen."
    # a classifier of the procedure itself stays with it
    lnd = {"term": "lymphadenectomy", "pos": "noun", "replacement": "removal of lymph nodes"}
    assert _plain("The impact of prophylactic lymphadenectomy is unknown.", lnd) == (
        "The impact of prophylactic removal of lymph nodes is unknown."
    )
    # a verb ending like a classifier is not one
    penile = {"term": "penile cancer", "pos": "noun", "replacement": "cancer of the penis"}
    assert _plain("It is used to define penile cancer.", penile) == (
        "It is used to define cancer of the penis."
    )


def test_plain_words_never_repeat_the_word_before_them():
    transaminase = {"term": "transaminase", "pos": "noun", "replacement": "liver enzyme"}
    text = "It may include persistent rises in liver transaminase levels."
    assert _plain(text, transaminase) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Side effects leading to discontinuation of HUMIRA were rare.",
            "leading to stopping HUMIRA",
        ),
        ("The recommended dosage regimen is 40 mg.", "The recommended dose schedule is 40 mg."),
        ("The metabolite undergoes further glucuronidation.", "undergoes further glucuronidation"),
        ("It does not undergo enterohepatic recirculation.", "undergo enterohepatic recirculation"),
        ("Patients underwent surgery.", "Patients had surgery."),
    ],
)
def test_drug_label_prose_reads_right(bundled_plain, text, expected):
    assert expected in bundled_plain(text)


def test_two_swaps_side_by_side_never_repeat_a_word():
    hepatic = {"term": "hepatic", "pos": "adjective", "replacement": "liver"}
    transaminase = {"term": "transaminase", "pos": "noun", "replacement": "liver enzyme"}
    out = _plain("It raises hepatic transaminase levels.", hepatic, transaminase)
    assert "liver liver" not in out
    assert "liver enzyme levels" in out


def test_plain_words_holding_and_are_not_put_inside_a_coordination():
    cardiovascular = {
        "term": "cardiovascular",
        "pos": "adjective",
        "replacement": "heart and blood vessel",
    }
    text = "The effect on coronary and cardiovascular disease is unknown."
    assert _plain(text, cardiovascular) == text
    assert _plain("Cardiovascular disease is common.", cardiovascular) == (
        "Heart and blood vessel disease is common."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("390 patients were randomized to one of three groups.", "were assigned by chance to one"),
        ("Read it before initiation of treatment.", "Read it before starting treatment."),
    ],
)
def test_drug_label_prose_reads_right_too(bundled_plain, text, expected):
    assert expected in bundled_plain(text)
