"""Sentences a patient can follow: long sentences split where it is safe, study figures
set aside after the point, both behind audience settings and traced for editors."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor import Tailor, load_article
from tailor.errors import Loc
from tailor.pipeline.figures import statistical
from tailor.pipeline.split import define_node, split_node, split_text
from tailor.pipeline.types import Span, TextNode
from tailor.readability import split_sentences

# -- the rules, one by one -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "rule", "expected"),
    [
        (
            "Persistence of the oncogenic HPV strains is more likely in people with weak "
            "immune systems; therefore, the risk of anal cancer is much higher in them.",
            "semicolon",
            [
                "Persistence of the oncogenic HPV strains is more likely in people with weak "
                "immune systems.",
                "Therefore, the risk of anal cancer is much higher in them.",
            ],
        ),
        (
            "Evidence from clinical trials has shown that the herbs lower PSA levels in "
            "humans, but it is not known whether these results were caused by adulterants.",
            "conjunction",
            [
                "Evidence from clinical trials has shown that the herbs lower PSA levels in "
                "humans.",
                "But it is not known whether these results were caused by adulterants.",
            ],
        ),
        (
            "Classic KS is most commonly seen in older men in Europe and North America, and "
            "endemic KS is most commonly seen in Africa.",
            "conjunction",
            [
                "Classic KS is most commonly seen in older men in Europe and North America.",
                "Endemic KS is most commonly seen in Africa.",
            ],
        ),
        (
            "Although radiation therapy has been used for tumors that cannot be removed, its "
            "role in the treatment after surgery has not been defined.",
            "leading_clause",
            [
                "Radiation therapy has been used for tumors that cannot be removed.",
                "But its role in the treatment after surgery has not been defined.",
            ],
        ),
        (
            "Women treated with the extract showed a significant increase in bone-specific "
            "enzyme levels, indicating increases in bone formation.",
            "participle",
            [
                "Women treated with the extract showed a significant increase in "
                "bone-specific enzyme levels.",
                "This indicated increases in bone formation.",
            ],
        ),
        (
            # examples after "such as" read the same one a line, "or" or "and"
            "Patients may join trials that test ways to make radiation therapy work "
            "better, such as heat treatment, new drugs, or cell-killing chemo drugs.",
            "list",
            [
                "Patients may join trials that test ways to make radiation therapy work "
                "better, such as:",
                "• heat treatment",
                "• new drugs",
                "• cell-killing chemo drugs.",
            ],
        ),
        (
            # a PDQ sentence that kept its full stop before the semicolon: no ".."
            "Data from the registry suggest that chemo may lower the risk of recurrence.; "
            "Responses have been reported with drugs like those used for other sarcomas.",
            "semicolon",
            [
                "Data from the registry suggest that chemo may lower the risk of recurrence.",
                "Responses have been reported with drugs like those used for other sarcomas.",
            ],
        ),
        (
            # a connective opening the sentence is no list before ", and"
            "However, longer time in treatment was linked to more problems with thinking, "
            "and longer time since treatment was linked to improvement.",
            "conjunction",
            [
                "However, longer time in treatment was linked to more problems with thinking.",
                "Longer time since treatment was linked to improvement.",
            ],
        ),
        (
            # a relative "that" frames nothing: the cut keeps both facts whole
            "Clinical trials are open for most types of cancer that occur in children and "
            "teens, and most families are offered a place in one.",
            "conjunction",
            [
                "Clinical trials are open for most types of cancer that occur in children and "
                "teens.",
                "Most families are offered a place in one.",
            ],
        ),
        (
            "Stage: IVA; TNM: T4, N0, M0; Description: T4 = Tumor with extension into the "
            "skull or the nerves of the face.",
            "row",
            [
                "Stage: IVA",
                "TNM: T4, N0, M0",
                "Description: T4 = Tumor with extension into the skull or the nerves of the face.",
            ],
        ),
        (
            # a staging row: the codes, then what one of them means
            "T4, Any N, M0; T4 = Tumor of any size that invades adjacent organs or large "
            "blood vessels.",
            "row",
            [
                "T4, Any N, M0",
                "T4 = Tumor of any size that invades adjacent organs or large blood vessels.",
            ],
        ),
        (
            # a field's label opens the sentence: what follows is cut as if alone
            "Size of Effect: Although direct efficacy of the vaccine could not be measured "
            "in this analysis, results showed a decrease in the rate of anal cancer.",
            "leading_clause",
            [
                "Size of Effect: Direct efficacy of the vaccine could not be measured in this "
                "analysis.",
                "But results showed a decrease in the rate of anal cancer.",
            ],
        ),
        (
            # a row of two fields is a row too
            "T Category: T1; T Criteria: Tumor invades the lamina propria or submucosa.",
            "row",
            ["T Category: T1", "T Criteria: Tumor invades the lamina propria or submucosa."],
        ),
        (
            # "persists", "weakens": verbs by their "-s" form, since neither is a noun
            "The drop in risk persists for more than 30 years after use is stopped, but the "
            "degree of reduction weakens over time.",
            "conjunction",
            [
                "The drop in risk persists for more than 30 years after use is stopped.",
                "But the degree of reduction weakens over time.",
            ],
        ),
        (
            "These cancers are hard to study because of the few patients with any one "
            "diagnosis, the small number of teens in trials, and the lack of funding for "
            "research on rare tumors.",
            "list",
            [
                "These cancers are hard to study because of:",
                "• the few patients with any one diagnosis",
                "• the small number of teens in trials",
                "• the lack of funding for research on rare tumors.",
            ],
        ),
        (
            "Patients in the trial received a newer form of the treatment called a "
            "proton pump, which was designed to spare the heart.",
            "which",
            [
                "Patients in the trial received a newer form of the treatment called a "
                "proton pump.",
                "This proton pump was designed to spare the heart.",
            ],
        ),
        (
            # the study and whom it looked at, then what it found, inside that study
            "In a retrospective study of 23 patients with advanced disease, 14 patients "
            "had a lower PSA level after 2 months.",
            "study",
            [
                "A retrospective study looked at 23 patients with advanced disease.",
                "In this study, 14 patients had a lower PSA level after 2 months.",
            ],
        ),
        (
            "In one study that measured hot flashes in 120 women, the extract did not work "
            "better than the placebo.",
            "study",
            [
                "One study measured hot flashes in 120 women.",
                "In this study, the extract did not work better than the placebo.",
            ],
        ),
        (
            # "cancer" ends in "-er" but compares nothing: no "than" to wait for
            "The earliest studies of this drug found a link with prostate cancer, but "
            "better-designed studies have failed to find a link.",
            "conjunction",
            [
                "The earliest studies of this drug found a link with prostate cancer.",
                "But better-designed studies have failed to find a link.",
            ],
        ),
        (
            # a comma inside brackets is no list before ", and"
            "Rates of new cases increased every year from 2012 (average increase, 1.3%), and "
            "death rates increased every year from 2013 (average increase, 5.1%).",
            "conjunction",
            [
                "Rates of new cases increased every year from 2012 (average increase, 1.3%).",
                "Death rates increased every year from 2013 (average increase, 5.1%).",
            ],
        ),
        (
            # however long the study's subject, "This study" says what it found
            "Another study of 182 survivors who were more than 5 years from diagnosis found "
            "that 16% met the criteria for the disorder.",
            "study",
            [
                "Another study looked at 182 survivors who were more than 5 years from diagnosis.",
                "This study found that 16% met the criteria for the disorder.",
            ],
        ),
        (
            # the participle takes the tense and number of the sentence it joins
            "The distribution of heart tumors before birth differs from that in older "
            "patients, with two-thirds of teratomas occurring during this period of life.",
            "with",
            [
                "The distribution of heart tumors before birth differs from that in older "
                "patients.",
                "Two-thirds of teratomas occur during this period of life.",
            ],
        ),
        (
            "Most of the patients were treated with surgery alone, with the other patients "
            "receiving radiation therapy after surgery.",
            "with",
            [
                "Most of the patients were treated with surgery alone.",
                "The other patients received radiation therapy after surgery.",
            ],
        ),
        (
            "Most children have the classical variant of this tumor, while the "
            "dedifferentiated variant is rare in children.",
            "conjunction",
            [
                "Most children have the classical variant of this tumor.",
                "The dedifferentiated variant is rare in children.",
            ],
        ),
        (
            # "While" that grants a point (a negation) reads "But" after it
            "While no specific therapies for this disorder have been developed, treatments "
            "used for other patients can help ease distress.",
            "leading_clause",
            [
                "No specific therapies for this disorder have been developed.",
                "But treatments used for other patients can help ease distress.",
            ],
        ),
        (
            # bracketed examples follow the sentence, naming what they are examples of
            "Researchers have linked other biological factors (e.g., overly reactive "
            "hormone systems and a smaller hippocampus) to the risk of the disorder.",
            "example",
            [
                "Researchers have linked other biological factors to the risk of the disorder.",
                "Examples of biological factors include overly reactive hormone systems and "
                "a smaller hippocampus.",
            ],
        ),
        (
            # a reason after a whole clause, without a comma, is its own sentence
            "Childhood cancer survivors need close monitoring because side effects of "
            "treatment may develop months or years after treatment.",
            "because",
            [
                "Childhood cancer survivors need close monitoring.",
                "This is because side effects of treatment may develop months or years "
                "after treatment.",
            ],
        ),
        (
            # a hedge before "because" stays with the reason
            "Much of this early research was done in survivors of Hodgkin disease, probably "
            "because these patients lived long enough to be studied.",
            "because",
            [
                "Much of this early research was done in survivors of Hodgkin disease.",
                "This is probably because these patients lived long enough to be studied.",
            ],
        ),
        (
            # a closing "with" phrase whose participle is passive: "is/are/was/were" is added
            "Childhood cancer is a rare disease, with about 15,000 cases diagnosed every "
            "year in the United States in people younger than 20 years.",
            "with",
            [
                "Childhood cancer is a rare disease.",
                "About 15,000 cases are diagnosed every year in the United States in people "
                "younger than 20 years.",
            ],
        ),
        (
            "The drug was given for six months, with the dose lowered after the second "
            "month in most of the patients.",
            "with",
            [
                "The drug was given for six months.",
                "The dose was lowered after the second month in most of the patients.",
            ],
        ),
        (
            # "occurred in" is a verb, not a participle: the scope is said again
            "In this review, the median age of patients was 13.3 years, and most tumors "
            "occurred in the second decade of life.",
            "conjunction",
            [
                "In this review, the median age of patients was 13.3 years.",
                "In this review, most tumors occurred in the second decade of life.",
            ],
        ),
        (
            # a relative clause between the subject and its verb: said apart, the subject
            # is named again
            "The largest cluster, which comprised 64% of the samples, had classical "
            "features of olfactory neuroblastoma.",
            "which",
            [
                "The largest cluster comprised 64% of the samples.",
                "This cluster had classical features of olfactory neuroblastoma.",
            ],
        ),
        (
            # a series of clauses, each with its own subject and verb: every one is cut
            "Chest tumors were the primary site in six patients, head and neck tumors were "
            "the primary site in four patients, and one patient had a tumor with an unknown "
            "primary site.",
            "conjunction",
            [
                "Chest tumors were the primary site in six patients.",
                "Head and neck tumors were the primary site in four patients.",
                "One patient had a tumor with an unknown primary site.",
            ],
        ),
        (
            # an abbreviation opening the second half is no title running on
            "In this meta-analysis, HPV-16 was present in about two-thirds of lesions, and "
            "HPV-18 was present in about 5% of lesions.",
            "conjunction",
            [
                "In this meta-analysis, HPV-16 was present in about two-thirds of lesions.",
                "In this meta-analysis, HPV-18 was present in about 5% of lesions.",
            ],
        ),
        (
            # a bracketed explanation in the subject is read past
            "Although the use of positron emission tomography (a scan that shows how "
            "active cells are) may be effective in finding unsuspected sites of spread, its "
            "role as a staging tool is unclear.",
            "leading_clause",
            [
                "The use of positron emission tomography (a scan that shows how active cells "
                "are) may be effective in finding unsuspected sites of spread.",
                "But its role as a staging tool is unclear.",
            ],
        ),
        (
            # "While" before a standing fact ("is a ... tumor") grants a point
            "While nasopharyngeal cancer is a very chemosensitive tumor, high radiation doses "
            "to the nasopharynx and neck are needed for optimal control.",
            "leading_clause",
            [
                "Nasopharyngeal cancer is a very chemosensitive tumor.",
                "But high radiation doses to the nasopharynx and neck are needed for optimal "
                "control.",
            ],
        ),
        (
            # ... and so does a present perfect; "Such patients" is a subject
            "While improved survival rates after screening have been reported, such "
            "observations should be viewed with caution by doctors.",
            "leading_clause",
            [
                "Improved survival rates after screening have been reported.",
                "But such observations should be viewed with caution by doctors.",
            ],
        ),
        (
            # the main clause after a leading clause may have a long subject
            "Although case reports suggested a link between the supplements and liver "
            "damage, no evidence of harm to the liver or of any other form of serious harm "
            "was found in systematic reviews.",
            "leading_clause",
            [
                "Case reports suggested a link between the supplements and liver damage.",
                "But no evidence of harm to the liver or of any other form of serious harm was "
                "found in systematic reviews.",
            ],
        ),
        (
            # a scope said again names the same study: "another study" would be a third
            "In another study, 79% of patients with tumors found before birth had tuberous "
            "sclerosis, while 96% of those found after birth had tuberous sclerosis.",
            "conjunction",
            [
                "In another study, 79% of patients with tumors found before birth had "
                "tuberous sclerosis.",
                "In this study, 96% of those found after birth had tuberous sclerosis.",
            ],
        ),
        (
            # "lasted for" is a verb, not a participle marked by its preposition
            "The patient reported a dramatic and sustained drop in PSA level soon after "
            "starting the tea; this effect lasted for several months.",
            "semicolon",
            [
                "The patient reported a dramatic and sustained drop in PSA level soon after "
                "starting the tea.",
                "This effect lasted for several months.",
            ],
        ),
        (
            # a short phrase opening the second half stays with it
            "About 20% to 30% of adult patients with colorectal cancer have a history of "
            "familial cancer; of these, about 5% have a well-defined genetic syndrome.",
            "semicolon",
            [
                "About 20% to 30% of adult patients with colorectal cancer have a history of "
                "familial cancer.",
                "Of these, about 5% have a well-defined genetic syndrome.",
            ],
        ),
        (
            # "; and" before the last clause of a series
            "Most of the patients had surgery first; and the others were given chemo before "
            "their surgery.",
            "semicolon",
            [
                "Most of the patients had surgery first.",
                "The others were given chemo before their surgery.",
            ],
        ),
        (
            # a subject may open with an adverb of its adjective, or with "only" and a count
            "An increased risk was observed when the comparison group was the general "
            "population, but no statistically significant increased risk was observed in "
            "other women.",
            "conjunction",
            [
                "An increased risk was observed when the comparison group was the general "
                "population.",
                "But no statistically significant increased risk was observed in other women.",
            ],
        ),
        (
            "The study did not find a higher death rate after surgery to remove the ovaries, "
            "but only 3% of women did not use hormone replacement.",
            "conjunction",
            [
                "The study did not find a higher death rate after surgery to remove the ovaries.",
                "But only 3% of women did not use hormone replacement.",
            ],
        ),
        (
            # what a study did and what it found, said apart
            "One German study that checked patients with breast cancer for PTSD concluded "
            "that patients with lifetime PTSD were more likely to have cancer-related PTSD.",
            "study",
            [
                "One German study checked patients with breast cancer for PTSD.",
                "This study concluded that patients with lifetime PTSD were more likely to "
                "have cancer-related PTSD.",
            ],
        ),
        (
            "These studies revealed no cancer-fighting activity in the mouse tumor system "
            "and found lethal toxicity at the highest doses given to test animals.",
            "study",
            [
                "These studies revealed no cancer-fighting activity in the mouse tumor system.",
                "These studies found lethal toxicity at the highest doses given to test animals.",
            ],
        ),
        (
            # "used" before its object is a verb; "OR" is a name, not "or"
            "This trial used the extract from one single lot, but the published study does "
            "not indicate the lot number.",
            "conjunction",
            [
                "This trial used the extract from one single lot.",
                "But the published study does not indicate the lot number.",
            ],
        ),
        (
            "In a case-control study from Sweden, the OR for patients with recurrent reflux "
            "symptoms was 7.7, while the OR for patients with severe symptoms was 43.5.",
            "conjunction",
            [
                "In a case-control study from Sweden, the OR for patients with recurrent reflux "
                "symptoms was 7.7.",
                "In this case-control study from Sweden, the OR for patients with severe "
                "symptoms was 43.5.",
            ],
        ),
        (
            # a plural noun, then a verb's plain form; a list may follow "about"
            "Despite limitations, these results reinforce the need for the discussion about "
            "risks, benefits, and shared decision making.",
            "list",
            [
                "Despite limitations, these results reinforce the need for the discussion about:",
                "• risks",
                "• benefits",
                "• shared decision making.",
            ],
        ),
        (
            # a bare noun after "is/was" is what "which" means
            "The only significant difference in harmful effects between the chemo arms was "
            "transaminitis, which was more common in the mGEMOX arm.",
            "which",
            [
                "The only significant difference in harmful effects between the chemo arms "
                "was transaminitis.",
                "Transaminitis was more common in the mGEMOX arm.",
            ],
        ),
        (
            # a closing list may follow the relative clause's verb
            "The benefits of removing the urethra need to be weighed against the morbidity "
            "factors, which include added operating time, bleeding, and hernia.",
            "which",
            [
                "The benefits of removing the urethra need to be weighed against the morbidity "
                "factors.",
                "These morbidity factors include added operating time, bleeding, and hernia.",
            ],
        ),
        (
            # a subject's examples between commas are no scope before ", but"
            "Also, higher variant rates in repair pathways, such as MSH2 and BRCA2, were more "
            "common in young patients, but the results were not proven by RNA sequencing.",
            "conjunction",
            [
                "Also, higher variant rates in repair pathways, such as MSH2 and BRCA2, were "
                "more common in young patients.",
                "But the results were not proven by RNA sequencing.",
            ],
        ),
        (
            # a scope is said again after "although" too; a count may stand alone as subject
            "In such cases, the tumor often cannot be removed completely by surgery, although "
            "palliative measures may be helpful.",
            "conjunction",
            [
                "In such cases, the tumor often cannot be removed completely by surgery.",
                "But in such cases, palliative measures may be helpful.",
            ],
        ),
        (
            # a closing measure and its value: "The <measure> is <value>", in the tense
            # of the sentence before
            "Cancer of the lining of the uterus is mainly a disease of women past menopause, "
            "with a mean age at diagnosis of 60 years.",
            "with",
            [
                "Cancer of the lining of the uterus is mainly a disease of women past menopause.",
                "The mean age at diagnosis is 60 years.",
            ],
        ),
        (
            "A 71% overall response rate was seen in the patients who took the drug, with a "
            "median response length of 25 months.",
            "with",
            [
                "A 71% overall response rate was seen in the patients who took the drug.",
                "The median response length was 25 months.",
            ],
        ),
        (
            # the subject's other name, said after the sentence with the subject named again
            "Transplant-related KS (also called iatrogenic KS) is diagnosed in patients who "
            "take drugs that weaken the immune system.",
            "aside",
            [
                "Transplant-related KS is diagnosed in patients who take drugs that weaken the "
                "immune system.",
                "Transplant-related KS is also called iatrogenic KS.",
            ],
        ),
        (
            "Human herpesvirus 8 (HHV8), also known as Kaposi sarcoma herpesvirus, was found "
            "in tissue samples from almost all patients with classic KS.",
            "aside",
            [
                "Human herpesvirus 8 (HHV8) was found in tissue samples from almost all "
                "patients with classic KS.",
                "HHV8 is also known as Kaposi sarcoma herpesvirus.",
            ],
        ),
        (
            # after a comma and a hedge, the reason is given for all that came before,
            # relative clause and all
            "Much of this early research, which predates DSM-IV, dealt with survivors of "
            "Hodgkin disease, probably because these patients lived long enough to be studied.",
            "because",
            [
                "Much of this early research, which predates DSM-IV, dealt with survivors "
                "of Hodgkin disease.",
                "This is probably because these patients lived long enough to be studied.",
            ],
        ),
        (
            # examples between the subject and its verb follow the sentence
            "Ablative techniques, such as transurethral resection, electroresection, or laser "
            "vaporization, are used to preserve organ function in superficial tumors.",
            "example",
            [
                "Ablative techniques are used to preserve organ function in superficial tumors.",
                "Examples of ablative techniques include transurethral resection, "
                "electroresection, or laser vaporization.",
            ],
        ),
        (
            # a short phrase opening the half after "but" stays with it
            "The groups were similar at the start, but at 6 and 12 months, treated men were "
            "more likely to have impaired thinking performance.",
            "conjunction",
            [
                "The groups were similar at the start.",
                "But at 6 and 12 months, treated men were more likely to have impaired "
                "thinking performance.",
            ],
        ),
        (
            # a subject that lists its parts is no scope
            "Black patients, Hispanic patients, and those with less schooling are less likely "
            "to have such an exam, perhaps because they lack access to medical care.",
            "because",
            [
                "Black patients, Hispanic patients, and those with less schooling are less "
                "likely to have such an exam.",
                "This is perhaps because they lack access to medical care.",
            ],
        ),
        (
            # a present perfect keeps its consequence in the present, though a participle
            # ("removed") comes first
            "Data from reviews of specimens removed during risk-reducing surgery have shown "
            "a putative precursor in the fimbria of the fallopian tube, suggesting that many "
            "carcinomas previously classified as ovarian are actually tubal primary tumors.",
            "participle",
            [
                "Data from reviews of specimens removed during risk-reducing surgery have "
                "shown a putative precursor in the fimbria of the fallopian tube.",
                "This suggests that many carcinomas previously classified as ovarian are "
                "actually tubal primary tumors.",
            ],
        ),
        (
            # ", which explains" after an adjective phrase points at the whole clause
            "These tumors are fairly slow growing, which explains the late deaths and the "
            "need for prolonged follow-up.",
            "which",
            [
                "These tumors are fairly slow growing.",
                "This explains the late deaths and the need for prolonged follow-up.",
            ],
        ),
        (
            # "originated" takes no object: before "to" it is a verb, not a participle
            "This approach originated to treat people with brain injuries such as stroke or "
            "traumatic brain injury, and it has been adapted for the cancer setting.",
            "conjunction",
            [
                "This approach originated to treat people with brain injuries such as stroke "
                "or traumatic brain injury.",
                "It has been adapted for the cancer setting.",
            ],
        ),
    ],
)
def test_each_rule_cuts_where_an_editor_would(sentence, rule, expected):
    text, splits = split_text(sentence)
    assert [s.rule for s in splits] == [rule]
    assert list(splits[0].sentences) == expected
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a list, not two clauses
        "Side effects included nausea, drowsiness in the first weeks, and the headaches were "
        "mild in most of the patients.",
        # the opening "If" governs both halves
        "If these toxins could be removed from the body, early cancers would be halted, and "
        "general health would be restored for all of the patients.",
        # "Among ..." governs both halves
        "Among men who have sex with men, the prevalence of low-grade lesions was high, and "
        "the prevalence of high-grade lesions was lower.",
        # "but" joins a phrase, not a clause
        "Diagnosis is complicated because cancer is not an acute or discrete event, but an "
        "experience marked by repeated trauma and uncertain length.",
        # "which" after "of": the survival, or the patients?
        "The study measured the survival of the patients in both groups, which was longer "
        "than expected in each group.",
        # too short to be worth cutting
        "It works, but it is slow.",
        # "found that" frames both halves: the second is also what was found
        "The authors found that the pain eased in most of the patients, and the swelling "
        "went down within a week.",
        # long items that do not open alike: where the list ends is unclear
        "The herbal supplements were among the top sellers in the food, drug, and "
        "mass-market channel in the United States in 2019.",
        # "despite" governs the list, not "from"
        "The median time to progression was 0.58 years from diagnosis despite surgery, "
        "chemo, and radiation therapy.",
        # "more often" is no subject: the second half would have none
        "These tumors may be linked to Peutz-Jeghers syndrome in a few of the children, but "
        "more often are a part of the DICER1 tumor spectrum.",
        # a field that holds a list of its own: which ";" ends a field is unclear
        "No. of Patients: Enrolled; Treated; Controlb: 16; 12; None; Outcome: Improved "
        "median survival in most of the patients.",
        # a list whose last item runs on into a comparison
        "Men in the treated group had more loss of libido, decreased semen volume, and "
        "breast growth in men than men in the placebo group.",
        # the second clause is a consequence of the first: "and" carries it
        "Most of these cancers are curable even at advanced stages, and it would be "
        "impractical to show a further decrease in deaths linked to screening.",
        # "suggests that A, while B": B may be part of what the study suggests
        "One study suggests that the drug may lower the risk in most men, while women "
        "were found to have no benefit from it.",
        # "while" says when, not what differs
        "Some proponents have recommended that no other therapy be given, while patients "
        "are being treated with the mixture.",
        # "While" without a negation or "may" may say when: "But" would misread it
        "While the permit was in effect in Canada, the company filed an application with "
        "the U.S. Food and Drug Administration.",
        # "suggest that" frames the closing "with" too: it is also what was suggested
        "Large series suggest that colon tumors are seen in about 30% of cases, with rectal "
        "tumors occurring in about 25% of cases.",
        # two participles share the "with": cut both or neither
        "Ovarian cancer is a rare disease, with carcinomas making up about 90% of tumors "
        "and stromal tumors accounting for the remainder.",
        # the first comma falls inside the study's own description
        "In a study of 70 patients, 37 with early disease and 33 with late disease, the "
        "first group was treated with the herbs only after surgery.",
        # "reported that" belongs to the relative clause: the study's verb is later, and
        # its subject holds a list: where the subject ends is unclear
        "A study of patients, nurses, and doctors who reported that pain was common found "
        "that most of the patients slept less.",
        # the results are the subject, not the meta-analysis: "The results of a
        # meta-analysis looked at ..." would be wrong
        "The results of a meta-analysis of population studies indicated that people with a "
        "family history of lung cancer had about twice the risk.",
        # "Examples of a first-degree relative": examples need a plural
        "About 15% of men with prostate cancer have a first-degree relative (e.g., a "
        "brother or father) with prostate cancer.",
        # after "of", the examples may belong to the larger phrase
        "The most often used clinical preparations of black cohosh (e.g., two brands) are "
        "made from water and alcohol extracts of the root.",
        # "because" inside a relative clause: the reason is the stopping, not the outcome
        "Patients who stopped the treatment because they felt sick had worse outcomes than "
        "the others.",
        # a negation before "because": not stopped, or stopped for another reason?
        "The trial was not stopped early because the drug was harmful to the patients.",
        # "which" after a subject with a preposition in it: the details, or the NDA?
        "Details of the NDA submission, which can be disclosed only by the corporation, "
        "have not been made public.",
        # the opening phrase is a scope, not the subject
        "In another study, which used male nude mice, the mixture was also given by mouth "
        "in suspension.",
        # the relative clause has its own subject: "which patients took" is no verb first
        "The drug, which patients took twice a day, was well tolerated by most of them.",
        # a bare passive before "because": "were chosen." alone says nothing
        "Many of the ingredients in the soup were chosen because past research suggested "
        "they contain molecules that have cancer-fighting activity.",
        # "only because" singles the reason out: "This is because" would lose "only"
        "The new drug was chosen for most of the patients only because it cost less.",
        # "concluded that A because B": the reason may be part of what was concluded
        "This review concluded that the evidence is weak because past studies were not "
        "controlled for vegetable intake.",
        # a cut that would open a sentence with a numeral
        "Because 85% of anal cancers have a squamous cell type, it is probable that removing "
        "the infection would nearly eradicate anal cancer.",
        # "with" holds two phrases, only the first with a participle: "cases are
        # diagnosed ... and an annual incidence of 0.6" would not be a sentence
        "Hypopharyngeal cancers are rare, with about 2,500 new cases diagnosed in the "
        "United States each year and an annual incidence of 0.6 cases per 100,000 persons.",
        # "with patients aged ...": a description, not something done to them
        "The trial enrolled 400 of the patients, with patients aged 40 to 60 years at the "
        "start of the study.",
        # "While" before a place or a passive may say when: "But" would misread it
        "While patients are in the hospital, their blood counts are checked every day by "
        "the nurses.",
        "While patients are treated with the drug, their blood counts are checked every "
        "day by the nurses.",
        # "some cases" said twice may be other cases
        "In some cases, the tumor may make a hormone made in the pituitary gland, and "
        "patients may present with Cushing syndrome at diagnosis.",
        # "because A, but B": the contrast is the reason, not a new fact
        "EBV alone is not a sufficient cause because 90% of adults worldwide are infected "
        "with the virus, but only a small share develop nasopharyngeal cancer.",
        # the relative clause belongs to the studies reviewed, not to the review
        "A meta-analysis of 18 studies that explored the link between melanoma and "
        "sunscreen use illustrated differing study qualities and suggested no link.",
        # a second verb before the finding: whose it is may be unclear
        "One study that checked patients who had surgery found that most of them slept "
        "less in the first weeks.",
        # "commonly used" describes the products: no clause after "and"
        "These studies showed differences between lipophilic extracts, which often had "
        "estrogenic activity, and the extracts in the most commonly used clinical products.",
        # the value runs on: the interval is part of how infection was defined
        "Lasting infection was defined as finding the same HPV type on two or more visits "
        "in a row, with an interval of 6 months between visits.",
        # the value holds a second phrase of the "with"
        "In the second trial, men were at somewhat higher risk than in the first, with a PSA "
        "of 2.5 to 10.0 ng/mL and a prior negative biopsy.",
        # the other name belongs to an object, not to the subject
        "There is no evidence that screening women during estrogen-progestin treatment, also "
        "known as hormone therapy, would lower the death rate.",
        # the examples may belong to "cancers", not to the data: left where they are
        "Data from other HPV-related cancers, including cervical cancer data from whole "
        "populations, have shown similar decreases in the rate of new cases.",
        # ", as A, and B": B may be a second reason for the change
        "Vaccination and screening will probably change the kinds of anal cancer seen in "
        "years to come, as HPV causes only one kind, and finding early lesions is expected "
        "to prevent more of it.",
        # "sex" can be a verb, but here it starts the list's next item: the examples
        # are not cut at it ("Other histological types sex cord tumor ... are rare")
        "Other histological types, such as steroid cell tumor, sex cord tumor with annular "
        "tubules, or thecoma, are exceedingly rare.",
        # "(see Table 2)" points at the whole list, not at its last item
        "It is important to note that these two studies did not include systematic "
        "screening for other genes that have been recently described in paraganglioma and "
        "pheochromocytoma syndromes, such as KIF1B, EGLN1, TMEM127, SDHA, and MAX (see "
        "Table 2).",
        # "yearly blood" is said of every test: bullets would give it to calcium alone
        "The tests for screening are age specific and may include yearly blood calcium, "
        "parathyroid hormone, gastrin, glucagon, secretin, proinsulin, chromogranin A, "
        "prolactin, and IGF-1.",
        # an adjective phrase is no subject: never "Large makes them hard to remove"
        "The printed leaflets were fairly small, which makes the text hard to read for "
        "many of the older readers.",
    ],
)
def test_when_unsure_the_sentence_is_left_alone(sentence):
    assert split_text(sentence) == (sentence, ())


@pytest.mark.parametrize("modal", ["may", "might", "can", "could", "would"])
def test_a_consequence_keeps_the_hedge_of_its_cause(modal):
    # "may enhance ..., creating a cycle" says the cycle may come; "This creates a cycle"
    # would say it does
    sentence = (
        f"But scratching {modal} actually enhance the sensation of itching, creating a "
        "characteristic itch-scratch-itch cycle."
    )
    text, splits = split_text(sentence)
    assert [s.rule for s in splits] == ["participle"]
    assert split_sentences(text) == [
        f"But scratching {modal} actually enhance the sensation of itching.",
        f"This {modal} create a characteristic itch-scratch-itch cycle.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # the consequence follows from both findings: cut between them, it would hang on
        # the second alone
        "No patient had high-risk pathological findings after surgery to remove one or "
        "both testicles, and none had evidence of occult cancer that has spread, "
        "suggesting a role for a limited surveillance strategy.",
        "Few women had the marker in the first study, and few studies of the tubes have "
        "been done in other women, which suggests that the cause is not fully known.",
        "The tumors were small in most of the patients; the nodes were clear in all of "
        "them, indicating that surgery alone may be enough.",
        # a modal inside a relative clause: whether the main clause is hedged is unclear
        "Some trials were in limited populations that may have had extra confounders, "
        "making results hard to extrapolate to other patient groups.",
        # a negated modal: "This cannot ..." or "This can ..." would both misread it
        "The drug may not reach the brain in most of the patients, making it a poor "
        "choice for brain tumors.",
        # a binding modal: "This must require ..." says something else
        "Patients must stop eating 8 hours before the scan, requiring them to plan the day ahead.",
        # the closing "with" cannot keep the hedge where the tense goes
        "The tumor may be rare in adults, with carcinomas making up about 90% of the "
        "tumors in children.",
    ],
)
def test_a_consequence_is_not_cut_from_what_it_follows(sentence):
    assert split_text(sentence) == (sentence, ())


_CLAUSES = st.sampled_from(
    [
        "the dose of 10 mg was not changed for 3 weeks",
        "patients aged 12 years or older did not respond [4]",
        "the risk fell by 30% in the treated group",
        "no side effects were reported in the first 2 days",
        "this medicine is not approved for children under 6",
    ]
)
_JOINS = st.sampled_from([", but ", ", and ", "; ", ", although ", ", whereas "])


@settings(max_examples=60, deadline=None)
@given(_CLAUSES, _JOINS, _CLAUSES)
def test_splitting_keeps_every_number_negation_and_citation(left, join, right):
    sentence = left[0].upper() + left[1:] + join + right + "."
    text, splits = split_text(sentence)
    numbers = re.findall(r"\d+(?:\.\d+)?", sentence)
    assert re.findall(r"\d+(?:\.\d+)?", text) == numbers
    negations = re.compile(r"\b(?:not|no|never)\b", re.IGNORECASE)
    assert len(negations.findall(text)) == len(negations.findall(sentence))
    assert text.count("[4]") == sentence.count("[4]")
    for split in splits:
        for new in split.sentences:
            assert new[0].isupper()
            assert new.endswith(".")


# -- study figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "inside",
    ["P = .04", "HR, 0.31; P = .051", "95% CI, 1.2-2.1", "RR, 1.6", "n = 120", "rate ratio, 1.00"],
)
def test_statistics_are_recognised(inside):
    assert statistical(inside)


@pytest.mark.parametrize("inside", ["75%", "10 mg twice a day", "aged 12 years", "see below"])
def test_what_a_reader_acts_on_is_not_a_statistic(inside):
    assert not statistical(inside)


@pytest.fixture(scope="module")
def study_article(baclofen):
    data = baclofen.model_dump(mode="json")
    data["lead"]["rewordings"] = {}
    for section in data["sections"]:
        for point in section["points"]:
            point["rewordings"] = {}
    data["sections"][0]["points"][0]["text"] = (
        "Baclofen lowered spasm frequency more than placebo (HR, 0.61; 95% CI, 0.45-0.83; "
        "P < .001), and most patients took 10 mg three times a day (75%)."
    )
    return load_article(data)


def test_patients_read_study_figures_after_the_point(tailor: Tailor, study_article):
    out = tailor.render(study_article, "patient", "text").content
    assert "more than placebo, and" not in out  # split too
    assert "Baclofen lowered spasm frequency more than placebo." in out
    assert "Study figures: HR, 0.61; 95% CI, 0.45-0.83; P < .001" in out
    assert "10 mg three times a day (75%)." in out  # numbers a reader needs stay put


def test_clinicians_keep_study_figures_inline(tailor: Tailor, study_article):
    out = tailor.render(study_article, "clinician", "text").content
    assert "more than placebo (HR, 0.61; 95% CI, 0.45-0.83; P < .001), and" in out
    assert "Study figures" not in out


@pytest.mark.parametrize("fmt", ["html", "page", "markdown", "text", "json"])
def test_every_format_shows_the_figures_and_passes_verify(tailor: Tailor, study_article, fmt):
    out = tailor.render(study_article, "patient", fmt).content
    assert "0.45-0.83" in out
    if fmt in ("html", "page"):
        assert '<details class="tailor-figures"><summary>Study figures</summary>' in out
        assert '<span class="tailor-split" data-original=",">.</span>' in out
    if fmt == "json":
        data = json.loads(out)
        point = data["sections"][0]["points"][0]
        assert point["figures"] == ["HR, 0.61; 95% CI, 0.45-0.83; P < .001"]
        assert any(s["rule"] == "conjunction" for s in data["splits"])


def test_the_figures_note_is_localised(tailor: Tailor, study_article):
    out = tailor.render(study_article, "patient", "text", locale="es").content
    assert "Cifras del estudio: HR, 0.61" in out


def test_editors_see_each_split_in_the_trace(tailor: Tailor, study_article):
    rendering = tailor.render(study_article, "patient", "html")
    point = study_article.sections[0].points[0].id
    (split,) = [s for s in rendering.splits if s.point_id == point]
    assert split.rule == "conjunction"
    assert split.original == (
        "Baclofen lowered spasm frequency more than placebo, and most patients took 10 mg "
        "three times a day (75%)."
    )
    assert split.sentences == (
        "Baclofen lowered spasm frequency more than placebo.",
        "Most patients took 10 mg three times a day (75%).",
    )


def test_an_editors_rewording_is_never_split(tailor: Tailor, baclofen):
    reworded = {p.id for _, p in baclofen.points() if "patient" in p.rewordings}
    assert reworded
    rendering = tailor.render(baclofen, "patient", "text")
    assert not {s.point_id for s in rendering.splits} & reworded
    for _, point in baclofen.points():
        if point.id in reworded:
            assert " ".join(point.rewordings["patient"].split()) in " ".join(
                rendering.content.split()
            )


# -- lists shown as lists --------------------------------------------------------------


def test_a_long_closing_list_is_shown_one_item_per_line():
    text, splits = split_text(
        "Common side effects include drowsiness, feeling faint, dizziness, shortness of "
        "breath, sleepiness, and belly pain. Tell your care team about them."
    )
    assert text == (
        "Common side effects include:\n• drowsiness\n• feeling faint\n• dizziness\n"
        "• shortness of breath\n• sleepiness\n• belly pain.\nTell your care team about them."
    )
    assert [s.rule for s in splits] == ["list"]


def test_a_colon_opens_a_list():
    text, splits = split_text(
        "In other studies, the mixture slowed growth in three human prostate cancer cell "
        "lines: LNCaP, PC-3, and DU-145."
    )
    assert text == (
        "In other studies, the mixture slowed growth in three human prostate cancer cell "
        "lines:\n• LNCaP\n• PC-3\n• DU-145."
    )
    assert [s.rule for s in splits] == ["list"]


def test_the_first_item_has_the_shape_of_the_others():
    # "by" or "of"? Most items are "X of Y", so the first one is too: the list starts
    # after "by" ("location of the trial"), not after "of" ("the trial").
    text, _ = split_text(
        "The search can be narrowed by location of the trial, type of treatment, name of "
        "the drug, and other criteria."
    )
    assert text == (
        "The search can be narrowed by:\n• location of the trial\n• type of treatment\n"
        "• name of the drug\n• other criteria."
    )
    # most items are no "X of Y": "surgery of the primary tumor" or "the primary tumor"
    # stays unsure, and the sentence is left alone
    sentence = (
        "Patients were treated with surgery of the primary tumor, RPLND, and chemotherapy "
        "after relapse."
    )
    assert split_text(sentence) == (sentence, ())


def test_a_list_after_about_starts_before_it_when_its_items_say_about_too():
    sentence = (
        "Interpretation of the results is made hard by serious lacks in methodological "
        "detail about the randomization process, allocation concealment, adjustment for "
        "clustering effect, and information about treatment."
    )
    text, _ = split_text(sentence)
    assert "\n• methodological detail about the randomization process" in text
    assert "\n• information about treatment." in text


def _node(*spans: Span) -> TextNode:
    return TextNode("p", (), "".join(sp.text for sp in spans), spans)


def test_a_joining_word_the_glossary_put_there_goes_whole_with_the_cut():
    # "whereas" became "while" in the glossary step; the cut drops it as it would the word
    node = _node(
        Span("The three highest groups of risk accounted for 88% of the drop in deaths, "),
        Span("while", "replaced", "whereas"),
        Span(" the lowest group accounted for only a 1% drop in the death rate."),
    )
    done, splits = split_node(node)
    assert [s.rule for s in splits] == ["conjunction"]
    assert split_sentences(done.text) == [
        "The three highest groups of risk accounted for 88% of the drop in deaths.",
        "The lowest group accounted for only a 1% drop in the death rate.",
    ]


def test_a_glossary_span_is_never_cut_apart():
    # the participle is half of the span "leading to": the cut would tear it
    node = _node(
        Span("But the treated group had greater hearing loss than the placebo group, "),
        Span("leading to", "replaced", "resulting in"),
        Span(" a higher rate of stopping the study drug."),
    )
    assert split_node(node) == (node, ())


def test_what_a_consequence_suggests_keeps_its_contrast():
    # "suggesting that A, while B": B is part of what is suggested, not a new fact
    text, splits = split_text(
        "Only 12% of the men had tumors too small to feel, suggesting that few tumors "
        "were found by screening, while the majority were found in the clinic."
    )
    assert [s.rule for s in splits] == ["participle"]
    assert split_sentences(text)[1] == (
        "This suggested that few tumors were found by screening, while the majority were "
        "found in the clinic."
    )


def test_things_to_do_are_a_list_after_what_they_share():
    text, splits = split_text(
        "Proponents of the tea have further claimed that it can help relieve pain, reduce "
        "side effects, improve quality of life, and reduce tumor size."
    )
    assert [s.rule for s in splits] == ["list"]
    assert text.split("\n") == [
        "Proponents of the tea have further claimed that it can help:",
        "• relieve pain",
        "• reduce side effects",
        "• improve quality of life",
        "• reduce tumor size.",
    ]


def test_things_to_do_that_each_say_to_are_a_list():
    text, _ = split_text(
        "A careful assessment of patients with cancer is critical to find symptoms of "
        "stress, to note their impact on daily life, and to plan care for the worst of them."
    )
    assert text.split("\n") == [
        "A careful assessment of patients with cancer is critical:",
        "• to find symptoms of stress",
        "• to note their impact on daily life",
        "• to plan care for the worst of them.",
    ]


def test_a_list_item_is_as_long_as_its_words_outside_brackets():
    text, _ = split_text(
        "The treatment plan also includes specific diets, vitamin and mineral supplements, "
        "extracts of animal organs, and coffee enemas (the injection of coffee through the "
        "anus into the colon)."
    )
    assert text.split("\n")[-1] == (
        "• coffee enemas (the injection of coffee through the anus into the colon)."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # "such as" inside an item: the examples belong to it, the list starts elsewhere
        "These behaviors and conditions include a history of HPV-related cancers, high-risk "
        "sexual practices such as sex between men, receptive anal intercourse and many "
        "sexual partners, HIV infection, and chronic immunosuppressive states.",
        "Such adulteration can be found by methods such as microscopy, thin-layer "
        "chromatography (a way to separate substances), liquid chromatography, and DNA "
        "barcoding.",
        # a consequence, not an item
        "Recurrent variants have been found in most patients with CMML, leading to altered "
        "signaling molecules (especially NRAS), epigenetic regulators (especially TET2), and "
        "splicing factors (especially SRSF2).",
        # an item opening with "or"
        "Thinking training involves the use of repetitive, increasingly hard tasks (often via "
        "computer) to improve, maintain, or restore thinking in the areas of attention, "
        "memory, and executive function.",
    ],
)
def test_a_list_whose_start_or_items_are_unclear_stays_whole(sentence):
    assert "\n" not in split_text(sentence)[0]


@pytest.mark.parametrize(
    "sentence",
    [
        # verb phrases, not items
        "From 1934 to 1942, the developer operated a cancer clinic in Bracebridge, Ontario, "
        "and dispensed the tea free of charge.",
        "A second group did a reanalysis of the trial data, calculated each patient's risk "
        "of lung cancer, and estimated each patient's death rate.",
        # the items are "X in N%"; the first began before the list's lead
        "The tumors presented in the upper clivus in 59% of the patients, lower clivus in "
        "36%, craniocervical junction in 4%, and nasal cavity in 1%.",
        # the names are listed after an "in" inside an item
        "Six patients had inherited harmful gene changes in other genes, one each in BRCA2, "
        "RET, FANCA, RAD51C, FH, and BAP1.",
        # only the last number has its unit
        "All participants were assigned to usual care or to a first screen and three later "
        "screens at intervals of 1, 2, and 2.5 years.",
        # what follows the last item's brackets is said of every item
        "Another study described the features and outcomes of 918 children (aged <21 "
        "years), 157,577 young adults (aged 22-50 years), and 1,303,655 older adults (aged "
        ">50 years) with colorectal cancer.",
        # a list whose lead sits inside brackets
        "The main risk factors for oral cavity cancers are tobacco (including smokeless "
        "tobacco) use, alcohol use, betel-quid chewing, and HPV infection.",
        # the items are "X of Y": the list starts before "a brief history"
        "The summary gives a brief history of black cohosh research, the results of lab and "
        "clinical trials, and possible side effects of black cohosh use.",
        # a number alone on its line would lose what it counts
        "Patients received bortezomib into a vein on days 1, 8, and 15 of 28-day cycles "
        "in the first year.",
        # "combination" is said of every item
        "The drug was approved for cancer that has progressed after treatment with "
        "combination fluoropyrimidine, oxaliplatin, and irinotecan.",
        # what follows the last item may be said of all of them
        "The tumor typically shows diffuse staining with neuron-specific enolase, "
        "synaptophysin, and chromogranins, with variable cytokeratin expression.",
        # the Humira label (judged by an independent reader): a cross-reference closing
        # the list is said of every item, not of the last one alone
        "Serious infections observed included pneumonia, septic arthritis, prosthetic and "
        "post-surgical infections, erysipelas, cellulitis, diverticulitis, and "
        "pyelonephritis [see Warnings and Precautions (5.1)].",
        # two items of a source list run together: the lead would hold both
        "Start treatment for latent TB before HUMIRA use. • Invasive fungal infections, "
        "including histoplasmosis, coccidioidomycosis, candidiasis, aspergillosis, "
        "blastomycosis, and pneumocystosis.",
    ],
)
def test_phrases_that_are_no_items_of_one_list_stay_whole(sentence):
    assert "\n" not in split_text(sentence)[0]


@pytest.mark.parametrize(
    "sentence",
    [
        # an item holds a clause of its own
        "The plan is meant to detoxify the body, correct imbalances that might lead to poor "
        "health, and support natural immune processes in the body.",
        # no word that all the items share before the first
        "The group has recommended that researchers define end points, use proven tests, "
        "and adopt common criteria for problems with thinking.",
    ],
)
def test_things_to_do_stay_in_their_sentence_when_unsure(sentence):
    assert split_text(sentence) == (sentence, ())


def test_the_list_starts_where_its_items_are_alike():
    text, _ = split_text(
        "Baclofen is safe and effective for treating muscle stiffness resulting from "
        "multiple sclerosis, spinal cord injuries, and other spinal cord diseases."
    )
    assert text.startswith(
        "Baclofen is safe and effective for treating muscle stiffness "
        "resulting from:\n• multiple sclerosis\n"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # "or": the reader must know only one applies, which needs words tailor would add
        "The cancer may have started in the liver, the lungs, the bones, or the brain of "
        "the patient.",
        # the list does not close the sentence
        "Men in the first group had more headaches, rashes, and nausea than the men in the "
        "placebo group.",
        # items that are clauses, not phrases
        "In the trial, the pain was less, patients slept better, and the swelling went down "
        "within a week.",
    ],
)
def test_other_lists_stay_in_their_sentence(sentence):
    assert split_text(sentence) == (sentence, ())


def test_a_line_of_a_list_counts_as_a_sentence_for_readability():
    assert split_sentences("Side effects include:\n• drowsiness\n• belly pain.") == [
        "Side effects include:",
        "• drowsiness",
        "• belly pain.",
    ]


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_every_format_shows_the_list_on_separate_lines(tailor: Tailor, glossary_only, fmt):
    out = tailor.render(glossary_only, "patient", fmt).content
    line = {
        "html": "<br>\n• dizziness",
        "markdown": "  \n  • dizziness",
        "text": "\n    • dizziness",
    }
    assert line[fmt] in out


# -- explanations set after their sentence ---------------------------------------------


def _explained(before: str, term: str, gloss: str, after: str) -> TextNode:
    """A point as the glossary leaves it: ``term (gloss)`` one explained span."""
    spans = (Span(before), Span(f"{term} ({gloss})", "explained", term), Span(after))
    text = "".join(s.text for s in spans)
    loc: Loc = ("sections", 0, "points", 0)
    return TextNode("p1", loc, text, spans)


@pytest.mark.parametrize(
    ("before", "term", "gloss", "after", "expected"),
    [
        (
            "The subjects were tested before and after each cycle of ",
            "adjuvant chemotherapy",
            "chemo after surgery to lower the risk of return",
            " in the first year of the study.",
            "Adjuvant chemotherapy means chemo after surgery to lower the risk of return.",
        ),
        (
            "In one study, 50 adults with chordomas were treated with ",
            "imatinib",
            "a cancer drug",
            " and checked with scans every 3 months.",
            "Imatinib is a cancer drug.",
        ),
        (
            "The review included 21 prospective ",
            "cohort studies",
            "studies that follow a group of people over time",
            " from Europe and North America.",
            "Cohort studies are studies that follow a group of people over time.",
        ),
        (
            "A single retrospective ",
            "cohort study",
            "a study that follows a group of people over time",
            " reported a lower risk of recurrence in 3 of the groups.",
            "Cohort study means a study that follows a group of people over time.",
        ),
        (
            # a comma inside a whole explanation is no sign of an unfinished one
            "There was a significant decrease in the number of polyps found by ",
            "colonoscopy",
            "a look inside the colon with a thin, lighted tube",
            " in the treated group.",
            "Colonoscopy is a look inside the colon with a thin, lighted tube.",
        ),
        (
            # an adjective glossed by a participle reads right after "means"
            "No standard treatment exists that is ",
            "curative",
            "meant to cure",
            " for patients with stage IV penile cancer.",
            "Curative means meant to cure.",
        ),
    ],
)
def test_a_long_explanation_follows_its_sentence(before, term, gloss, after, expected):
    node = _explained(before, term, gloss, after)
    done, (split,) = define_node(node)
    assert split.rule == "definition"
    assert done.text == f"{before}{term}{after} {expected}"
    assert split.sentences == (f"{before}{term}{after}", expected)
    (kept,) = [s for s in done.spans if s.kind == "explained"]
    assert (kept.text, kept.definition) == (term, gloss)  # still marked, its gloss as title


@pytest.mark.parametrize(
    ("before", "term", "gloss", "after"),
    [
        # a short sentence: the explanation in place is the easier read
        ("They had ", "curettage", "removal of tissue with a curette", "."),
        # a short explanation
        ("Patients with long and severe bouts of ", "epistaxis", "nosebleed", " were seen."),
        # a plural term with a singular explanation: "Metastases are spread" reads wrong
        (
            "Doctors checked the 40 patients in the trial for ",
            "metastases",
            "spread of cancer to other parts of the body",
            " every 6 months.",
        ),
        # an explanation that cannot follow "means": a relative clause, a preposition
        (
            "Distant metastases mostly occur in patients whose disease has ",
            "relapsed",
            "that came back after treatment",
            " in the first 2 years.",
        ),
        (
            "Most superficial tumors in the series of 40 patients are likely to be ",
            "well differentiated",
            "with cells that look close to normal",
            ".",
        ),
        # an adjective that the glossary explains as a noun
        (
            "Hairy cell leukemia is an ",
            "indolent",
            "a type of cancer that grows slowly",
            ", low-grade cancer of B cells in 2 of 3 adults.",
        ),
        # an adjective glossed by a noun: "Serous means serum" reads wrong
        (
            "Ovarian cancers consist of several types, with high-grade ",
            "serous",
            "serum, the clear liquid part of blood",
            " being the most common type.",
        ),
        # an explanation that looks unfinished
        (
            "After a clinical exam and interval imaging or ",
            "endoscopy",
            "a look inside the body with a thin",
            ", patients were staged again.",
        ),
        # a point that is only the term: "Xeroderma pigmentosum." would stand alone,
        # with the term named again after it
        (
            "",
            "Xeroderma pigmentosum",
            "a rare inherited disorder marked by an extreme sensitivity to ultraviolet light",
            ".",
        ),
    ],
)
def test_other_explanations_stay_in_place(before, term, gloss, after):
    node = _explained(before, term, gloss, after)
    assert define_node(node) == (node, ())


def test_explanations_follow_their_sentence_in_a_rendering(tailor: Tailor, glossary_only):
    data = glossary_only.model_dump(mode="json")
    data["sections"][0]["points"][0]["text"] = (
        "In one small randomized controlled trial with 40 adults, baclofen was compared "
        "with tizanidine for muscle stiffness after a stroke."
    )
    article = load_article(data)
    rendering = tailor.render(article, "patient", "text")
    definitions = [s for s in rendering.splits if s.rule == "definition"]
    assert definitions, "the trial's explanation moves after its sentence"
    for split in definitions:
        assert " ".join(split.sentences[-1].split()) in " ".join(rendering.content.split())
    for fmt in ("html", "page", "markdown", "json"):
        tailor.render(article, "patient", fmt)  # verify passes in every format


def test_a_level_of_evidence_marker_is_set_aside_with_its_brackets(tailor: Tailor, glossary_only):
    data = glossary_only.model_dump(mode="json")
    data["sections"][0]["points"][0]["text"] = (
        "Baclofen eased spasms in most patients.[Level of evidence C3] Six of them stopped "
        "taking it within a year."
    )
    article = load_article(data)
    for fmt in ("html", "page", "markdown", "text", "json"):
        out = tailor.render(article, "patient", fmt).content  # verify: the marker is kept
        assert "[Level of evidence C3]" in out.replace("\\[", "[").replace("\\]", "]")
    text = tailor.render(article, "patient", "text")
    assert "in most patients. Six of them" in " ".join(text.content.split())
    assert (
        "spasms in most patients.[Level of evidence C3]"
        in tailor.render(article, "clinician", "text").content
    )


# -- the bundled example, as the glossary and the splitting leave it -----------------------


def test_without_its_rewordings_the_patient_page_reads_4_grades_below_the_clinicians(
    tailor: Tailor, glossary_only
):
    clinician = tailor.render(glossary_only, "clinician", "text").readability
    patient = tailor.render(glossary_only, "patient", "text").readability
    assert clinician is not None and patient is not None
    assert patient.article.grade <= clinician.article.grade - 4
    assert patient.article.words_per_sentence < clinician.article.words_per_sentence
