"""Every failure issue 13 quotes, rendered with the bundled glossary.

The judged sample of an older tailor found these in its patient rendering of NCI PDQ text;
each sentence is rendered here with the glossary tailor ships, and must come out right.
(The rules behind them are specified with small glossaries in test_plain_words.py.)
"""

from __future__ import annotations

import pytest

from tailor.pipeline.transform import rewrite_text

from .conftest import example_tailor


@pytest.fixture(scope="module")
def plain():
    t = example_tailor()
    glossary = t.glossary_for(t.audience("patient"))

    def run(text: str, heading: bool = False) -> str:
        return rewrite_text(text, glossary, "replace", heading=heading)[0]

    return run


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Prostatitis", "Infection"),
        (
            "Several studies suggested a modest increase in the risk of prostate cancer in men "
            "with prostatitis (RR, 1.6).",
            "infection of the prostate",
        ),
        (
            "Intrathecal chemotherapy was administered, alternating intralumbar and "
            "intraventricular routes.",
            "Spinal chemotherapy",
        ),
        ("The epidemic of lung cancer in the 20th century was due to smoking.", "sickness"),
        ("the obesity epidemic", "obesity widespread"),
        ("From that time until the HIV and AIDS epidemic, KS remained a rare tumor.", "sickness"),
        (
            "Although direct efficacy of the HPV vaccine could not be measured in this "
            "population-level analysis, results showed a decrease.",
            "direct effectiveness",
        ),
        (
            "Thus, for the experience of cancer to meet Criterion A, it must entail acute and "
            "extreme adverse events in the context of cancer and/or cancer treatments.",
            "bad reactions",
        ),
        ("Gabapentin may cause central nervous system depression.", "spinal cord depression"),
    ],
)
def test_a_swap_that_was_wrong_in_its_sense_is_not_made(plain, text, wrong):
    assert wrong not in plain(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("No risk reduction was seen in women who used oral contraceptives.", "controls"),
        ("Oral Contraceptives", "controls"),
        ("Hormonal contraceptives: Benefits", "controls"),
        ("Take a pain reliever such as NSAIDs.", "ibuprofens"),
        (
            "Childhood central nervous system (CNS) atypical teratoid/rhabdoid tumor (AT/RT) was "
            "first described as a discrete clinical entity in 1987.",
            "(brain and spinal cord",
        ),
        ("This syndrome is characterized by congenital polycythemia.", "by born with"),
        ("Complications such as perforation and bleeding can occur.", "such as hole"),
        (
            "A single-institution retrospective review compared 94 pediatric and young adult "
            "patients (aged <25 years) with 765 older patients.",
            "children's and young",
        ),
        (
            "The FDA granted approval to selpercatinib for the treatment of adult and pediatric "
            "patients aged 2 years and older.",
            "adult and children aged",
        ),
        (
            "The designation of a rare tumor is not uniform among pediatric and adult groups.",
            "children's and adult",
        ),
    ],
)
def test_a_swap_that_broke_the_grammar_reads_right(plain, text, wrong):
    assert wrong not in plain(text)


def test_a_registry_name_is_never_rewritten(plain):
    text = (
        "However, in the Central Nervous System Atypical Teratoid/Rhabdoid Tumor Registry "
        "(AT/RT Registry), 12 of the 42 patients (29%) were older than 36 months."
    )
    # Only the opening connective becomes plain ("But in the ..."); the name stays as written.
    assert plain(text) == "But" + text.removeprefix("However,")


@pytest.mark.parametrize(
    "heading", ["Antibiotics for Acute Otitis Media in Children", "Neuropathic Pain Basics"]
)
def test_a_title_case_heading_stays_in_title_case(plain, heading):
    out = plain(heading, heading=True)
    small = {"a", "an", "the", "and", "or", "of", "in", "for", "to", "with", "by", "on", "at"}
    words = out.split()
    assert all(w[0].isupper() for w in words[1:] if w.lower() not in small), out


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("8.4 Pediatric Use", "8.4 Use in Children"),
        ("8.5 Geriatric Use", "8.5 Use in Older People"),
    ],
)
def test_a_drug_labels_use_in_a_group_is_said_as_use_in_that_group(plain, heading, expected):
    # the Humira label's section titles: use in children, never "Childhood Use"
    assert plain(heading, heading=True) == expected


# -- failures a careful reader found in the judged sample (tests/fixtures), fixed since ----


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Relatively little breakdown occurs when laetrile is injected.", "Fairly little"),
        ("The enzyme was given concurrently with amygdalin.", "at the same time with"),
        ("Generalized pruritus should be investigated because it matters.", "be studied"),
        ("the therapies described in the previous sections", "past sections"),
        ("Effective treatment requires substantially higher doses.", "greatly higher"),
        ("failed to show hematologic improvement after 3 months", "blood improvement"),
        ("factors that did not segregate for TP53 germline pathogenic variant status",
         "harmful gene change status"),
        ("Potential harms may occur in those with Barrett esophagus who worry.",
         "(the tube from the throat"),
        ("The concentration of the drug is difficult to measure; it is more difficult in "
         "children.", "more hard"),
        ("One melanoma was found per 28 excisions overall.", "28 removal "),
        ("Patients who underwent surgery did well.", "who have surgery"),
        ("the risk is approximately twofold to sixfold for drinkers", "(two times"),
        ("tumors in the parathyroid and anterior pituitary", "front pituitary"),
        ("The formulation given to patients will be identified wherever possible.",
         "found wherever"),
        ("MEN1 = multiple endocrine neoplasia type 1; NF1 = neurofibromatosis type 1.",
         "abnormal cell growth"),
        ("a patient with a markedly elevated serum PTH", "greatly high"),
        ("Cessation of alcohol consumption lowers the risk.", "Stopping of"),
        # a fresh sample of 200 (seed 2027, issue 13, session 3), judged before any fix
        ("HPV-16 is a sufficient, but not necessary, cause of oral cancers.", "an enough"),
        ("Risk is highest in people who consume large amounts of both alcohol and tobacco.",
         "eat or drink"),
        ("Lung cancer mortality risk can be greatly reduced by quitting.", "death rate risk"),
        ("involving either erythrocytes, neutrophils, or platelets", "cell that fights"),
        ("estimated in two nested case-control studies using serum banks", "blood banks"),
        ("the skills of the following pediatric specialists and others", "childhood specialists"),
        ("Pediatric surgeons.", "Childhood surgeons"),
        ("Cervical Lymph Node(s) With Squamous Cell Histology", "Cell Cell"),
        ("Distant metastases are present at diagnosis in 10% of patients.", "spread are"),
        ("For more information on pharmacotherapy, see the summary.", "learn more on"),
        ("Complications may include infections, venous thromboembolism, and death.",
         "infections, blood clot,"),
        # a second fresh sample (seed 2028), judged before these fixes
        ("It supports the development and conduct of a more definite clinical study.",
         "and do of"),
        ("Substantial harm to public health accrues from addiction.", "Large harm"),
        ("It was felt when the vegetables were consumed in the amount specified.",
         "eaten or drink"),
        ("People who use tobacco in any of the commonly available forms.", "often available"),
        ("It needs analysis of the surgically excised specimen.", "cut out specimen"),
        ("an inhibitor of RET and vascular endothelial growth factor receptor", "blood vessel"),
        ("Very few pediatric studies have been reported.", "childhood studies"),
        ("The studies, which include over 47,000 participants, demonstrated that doses matter.",
         "shown that"),
        # a third fresh sample (seed 2029, session 4), judged before these fixes
        ("building up the immune system through diet and supplementation", "extra doses"),
        ("M1 = Distant metastasis.", "= distant"),
        ("Studies have reported annual esophageal cancer incidence rates ranging from 0.2% to "
         "1.9%.", "rates of new cases"),
        ("the most common benign vascular laryngeal tumor", "blood vessel voice box"),
        ("Stage: aReprinted with permission from AJCC: Renal pelvis and ureter. In: Amin MB.",
         "Kidney pelvis"),
        ("The Shizuoka Cohort Study randomly assigned women to either a screening group or a "
         "control group.", "by chance women"),
        ("There was limited evidence that skin cancer screening reduces melanoma mortality.",
         "reduces melanoma death rate"),
        ("Between 1975 and 2020, childhood cancer mortality decreased by more than 50%.",
         ", childhood cancer death rate"),
        ("With the advent of positron emission tomography–computed tomography scanning, less "
         "than 1% are CUP.", "tomography ("),
        ("Oophorectomy may increase mortality.", "may the increase"),
        ("Tumors invade the recurrent laryngeal nerve or trachea.", "voice box nerve"),
        ("Given these conflicting results in observational trials, it is unclear.", "leads to"),
        # a fourth fresh sample (seed 2030, session 4), judged before these fixes
        ("Changing diet to cure or ameliorate the effects of disease is old.", "improve the"),
        ("Although ingestion of the soup was associated with improved survival, it is unclear.",
         "swallowing of"),
        ("The term covers both CNS and non-CNS tumors.", "brain and spinal cord and"),
        ("Data did not support risk reduction with alcohol cessation.", "alcohol stopping"),
        ("Compared with the risk in persistent smokers, risk fell.", "lasting smokers"),
        ("Therapy-related myeloid neoplasms are rare.", "myeloid tumors"),
        ("Therapy-Related Myeloid Neoplasms", "Tumors"),
        ("It recommends against using currently offered screening tests.", "now offered"),
        # seen in that sample's sentences beside the rows drawn
        ("She presented with hypertension and secondary amenorrhea.", "periods stop"),
        ("Studies include single photon emission computed tomography and ultrasound.",
         "x-ray"),
        ("Smoke has the same components as inhaled mainstream smoke.", "breathed in mainstream"),
        ("They were matched on age and Elixhauser comorbidity index.", "health problem index"),
        ("As a result, the use of laetrile has greatly diminished.", "greatly lower"),
        ("It used the tumor proportion score to guide treatment.", "share score"),
        # a fifth fresh sample (seed 2031, session 4), judged before these fixes
        ("See the Treatment of Recurrent Childhood CNS Atypical Teratoid/Rhabdoid Tumor section.",
         "brain and spinal cord"),
        ("The criteria include single individuals with a germline RET variant.", "single people"),
        ("A study reviewed laparoscopic partial adrenalectomy for pheochromocytoma.",
         "partial surgery"),
        ("Each additional pregnancy was associated with an additional approximately 15% risk "
         "reduction.", "extra about"),
        # a sixth fresh sample (seed 2032, session 4), judged before these fixes
        ("Refer to the NCI Dictionary for additional information and definition of terms.",
         "learn more and"),
        ("It includes cancers of the liver, gallbladder, biliary tract, and skin.",
         "bile duct tract"),
        ("It is believed that cessation or avoidance of alcohol use would help.", "stopping or"),
        ("Using tobacco excise taxes to fund interventions.", "cut out taxes"),
        ("Women were identified from administrative registers.", "found from"),
        ("Given that mortality from melanoma had been stable, it is likely.",
         "that death rate"),
        # a split judge's note (session 5): soy's protease inhibitors are no HIV medicine
        ("Soybeans contain protease inhibitors and isoflavones.", "HIV"),
        # swaps added in session 3 stand aside where their sense would change
        ("It may be a carcinoma or a leiomyosarcoma.", "cancer or a leiomyosarcoma"),
        ("Carcinoma in situ was found.", "Cancer in situ"),
        ("Cognitive behavioral therapy helped.", "behavioral treatment"),
        ("A wide variety of cancer types was studied.", "Many cancer types was"),
        ("The study, however, was small.", "but"),
        ("No dose reduction in 10 patients.", "dose drop"),
        # session 6: "the" for a bare "incidence" never lands inside a bracketed aside
        ("There was a 39.2% (95% CI, 16.1–66.9) higher incidence of stage I or II disease.",
         "the higher rate"),
        ("It is associated with increased incidence of colon, ovary, and breast cancers.",
         "increased rate"),
        ("A harmful effect of beta-carotene, which increased lung cancer incidence and total "
         "mortality.", "increased lung cancer rate"),
    ],
)  # fmt: skip
def test_a_swap_the_judged_sample_found_wrong_is_not_made(plain, text, wrong):
    assert wrong not in plain(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It helped. However, the trial was small.", "It helped. But the trial was small."),
        ("Therefore, all pediatric cancers are considered rare.",
         "So all childhood cancers are considered rare."),
        ("Thyroid carcinoma is rare in children.", "Thyroid cancer is rare in children."),
        ("Radiation therapy was given.", "Radiation treatment was given."),
        ("Magnitude of Effect: Large.", "Size of Effect: Large."),
        ("It was tested in laboratory studies.", "It was tested in lab studies."),
        ("Metastasis in three or more regional lymph nodes.",
         "Spread in three or more nearby lymph nodes."),
        ("M0 = No distant metastasis.", "M0 = No distant spread."),
        ("pN1 = two unilateral groin metastases.",
         "pN1 = two unilateral groin metastases (tumors formed where cancer has spread)."),
        ("Staging by TNM (tumor, node, metastasis) classification.",
         "Staging by TNM (tumor, node, metastasis) classification."),
        # session 4: long words of the ODD rows with a short equivalent
        ("The initial treatment resulted in a response.", "The first treatment led to a response."),
        ("It was given to all, resulting in a 22% response rate.",
         "It was given to all, leading to a 22% response rate."),
        ("The proportion who responded was 20%, whereas 10% did not.",
         "The share who responded was 20%, while 10% did not."),
        ("Given these conflicting results in a trial, more work is needed.",
         "Given these conflicting results in a trial, more work is needed."),
        # session 6: incidence is how often a thing occurs, a rate; 'rare incidence' stays
        ("But the overall incidence has slowly increased since 1975.",
         "But the overall rate has slowly increased since 1975."),
        ("Postoperative radiation therapy may decrease incidence of groin recurrences.",
         "Postoperative radiation treatment may decrease the rate of groin recurrences."),
        ("Its rare incidence makes it hard to study.",
         "Its rare incidence makes it hard to study."),
        ("Their descendants born in the United States show a decreased incidence.",
         "Their descendants born in the United States show a decreased rate."),
        # the Lipitor label: before a noun, "elderly" is an adjective, never "older people"
        ("Clinical data suggest a greater degree of LDL-lowering in the elderly patient "
         "population.", "Clinical data suggest a greater degree of LDL-lowering in the older "
         "patient population."),
        # the Humira and Lipitor labels, judged by an independent reader (session 6)
        ("Each pediatric prefilled syringe delivers 0.4 mL (20 mg) of drug product.",
         "Each pediatric prefilled syringe delivers 0.4 mL (20 mg) of drug product."),
        ("An average LDL-C of 121.5 mg/dL at randomization; 76% were on statin therapy.",
         "An average LDL-C of 121.5 mg/dL at randomization; 76% were on statin treatment."),
        ("It is not known whether LIPITOR is excreted in human milk.",
         "It is not known whether LIPITOR is passed into breast milk."),
        ("Lower doses should be considered when taken concomitantly with the aforementioned "
         "drugs.", "Lower doses should be considered when taken along with the aforementioned "
         "drugs."),
        ("Monitor for several months following termination of therapy.",
         "Monitor for several months following termination of treatment."),
        ("5 mg of donepezil once daily for 6 weeks, titrated up to 10 mg once daily.",
         "5 mg of donepezil once daily for 6 weeks, adjusted up to 10 mg once daily."),
        ("PTSD is precipitated by an intensely distressing event.",
         "PTSD is brought on by an intensely distressing event."),
        # neutral sentences (no medical claim) for two phrases of general-medicine pages
        ("Serum electrolytes were measured.", "Blood salts were measured."),
        ("Concomitant use with LIPITOR was studied.", "Use along with LIPITOR was studied."),
    ],
)  # fmt: skip
def test_plain_words_of_study_prose_read_right(plain, text, expected):
    assert plain(text) == expected


def test_explanations_are_never_cut_inside_a_list(plain):
    # "{explanation: a thin, lighted tube}" in a flow mapping once lost "lighted tube".
    out = plain("Direct laryngoscopy, bronchoscopy, and biopsy of any suspicious area.")
    assert "bronchoscopy (a look inside the airways with a thin, lighted tube)," in out
    assert "(treatment that adds, blocks)" not in plain("Hormone therapy was given.")


def test_a_hard_term_the_building_text_never_uses_is_still_listed_in_words_to_know():
    # The NCI dictionary's definitions cover terms beyond the text tailor was built from:
    # an unseen article's "Barrett esophagus" or "Ewing sarcoma" is defined whole.
    from tailor.pipeline.load import load_article

    t = example_tailor()
    article = load_article(
        {
            "id": "a",
            "locale": "en",
            "question": "What is it?",
            "title": "About it",
            "lead": {"id": "lead", "text": "Barrett esophagus can lead to cancer."},
            "sections": [{"id": "s", "title": "More", "points": [{"id": "s-1", "text": "Ask."}]}],
            "last_updated": "2026-01-01",
            "review_status": "approved",
        }
    )
    out = t.render(article, "patient", "text")
    assert [e.term for e in out.explained] == ["Barrett esophagus"]
    assert "lining the lower part of the esophagus" in out.content


def test_the_acronym_of_a_name_left_as_written_is_left_as_written_too(plain):
    heading = "General Information About Childhood Central Nervous System (CNS) Tumors"
    assert plain(heading, heading=True) == heading


def test_a_compound_defined_open_is_found_hyphenated_too(plain):
    t = example_tailor()
    glossary = t.glossary_for(t.audience("patient"))
    assert glossary.entry_for("beta-carotene") == glossary.entry_for("beta carotene")
    assert glossary.entry_for("beta-carotene") is not None
