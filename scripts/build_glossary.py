"""Build tailor's bundled English glossary from public-domain data, with attribution.

    python scripts/build_glossary.py [--data ../shared/data] [--check]

Reads the hand-written entries in ``scripts/glossary/seed-en.yaml`` (the seed article's
jargon; they always win) and ``scripts/glossary/general-en.yaml`` (tailor's general-medicine
vocabulary: drug classes, body-part adjectives, tests and procedures, study words,
qualifiers; written in the full entry schema, each replacement held to the plainness rule
below) and adds

- swaps from the CDC Plain Language Thesaurus for Health Communications (2007), public
  domain: ``cdc-plain-language-thesaurus/cdc_11500_DS1_glossary.json``;
- definitions from the NCI Dictionary of Cancer Terms, public domain, credit to the
  National Cancer Institute: ``nci-dictionaries/cancer_gov_glossary.json``;

- swaps from the Human Phenotype Ontology's technical sign and symptom names to its
  layperson synonyms (``hpo-layperson/hpo-layperson.tsv``), only where the layperson words
  are measurably plainer (:class:`Plainness`: wordfreq Zipf frequency and syllables);
- short explanations cut from NCI definitions for the hard terms that the building text
  (the ODD PDQ rows' professional pages, the FDA labels' professional sections) uses;

then writes ``glossaries/en-default.yaml``. The output is committed: tailor never
reads ``shared/data`` at run or test time. ``--check`` exits 1 if the committed file differs
from what the data would give.

The thesaurus is a list of *suggestions* for writers, not drop-in swaps: many entries are
general English ("utilize"), list several comma-separated alternatives, are definitions
rather than replacements, or would change medical meaning ("indicate" -> "suggest" breaks
"indicated for"; "disease" -> "illness" breaks "Parkinson's disease"). So every rule below
is explicit: an exclusion list with the reason for each group, and a rule for picking the
first alternative that reads as a drop-in replacement.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from tailor.negation import negation_count

if TYPE_CHECKING:
    from tailor.glossary import CompiledGlossary

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scripts" / "glossary" / "seed-en.yaml"
GENERAL = ROOT / "scripts" / "glossary" / "general-en.yaml"
OUTPUT = ROOT / "glossaries" / "en-default.yaml"
DATA_CANDIDATES = (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
CDC_FILE = Path("cdc-plain-language-thesaurus") / "cdc_11500_DS1_glossary.json"
NCI_FILE = Path("nci-dictionaries") / "cancer_gov_glossary.json"
PDQ_DIR = Path("nci-pdq-pairs")

#: NCI definition-only entries: dictionary terms that NCI's own Health Professional pages
#: use at least this often, and at least JARGON_RATIO times as often as the Patient
#: versions of the same summaries do. That is the working definition of jargon here: the
#: words experts write and patient-facing editors avoid.
JARGON_MIN_USES = 12
JARGON_RATIO = 4.0
JARGON_MAX = 160
#: Definitions that say the term names a drug, agent or substance: names, not jargon to gloss.
_AGENT_DEFINITION = re.compile(
    r"^(?:an? )?(?:[\w-]+ ){0,3}?(?:drug|substance|monoclonal antibody|vaccine|protein|enzyme|"
    r"gene|chemical|"
    r"compound|form of|type of (?:drug|monoclonal|vaccine|protein)|mineral|vitamin|hormone|"
    r"herb|plant|combination of)",
    re.IGNORECASE,
)

CDC = "CDC PLT"
NCI = "NCI"

#: Thesaurus terms tailor does not swap, grouped by why. Keys are compared case-folded.
EXCLUDE: dict[str, str] = {}


def _exclude(reason: str, terms: str) -> None:
    for term in terms.split("|"):
        EXCLUDE[term.strip().casefold()] = reason


_exclude(
    "changes medical meaning or loses a precise clinical term",
    "indicate|indication|disease|symptom|condition|multiple sclerosis|anxiety|malignant|benign|"
    "seizure|spasm|side effect|effect|significant|severe|severity|treatment|treat|therapy|"
    "therapeutic|medicine|dose|acute|chronic|relief|relieve|respond|reaction|control|monitor|"
    "manage|mortality|morbidity|incidence|prevalence|risk|exposure|infection|infect|immune|"
    "immunity|vaccine|virus|bacteria|cancer|tumor|surgery|fracture|injection|prescription|"
    "narcotic|steroid|placebo|stress|fatigue|sensitive|stable|terminal|progression|flare|"
    "episode|attack|trigger|factor|carrier|host|strain|isolate|contact|mild|moderate|"
    "physical examination|clinical|clinically ill|cerebral hemorrhage|cerebrovascular disease|"
    "coronary thrombosis|hypertensive heart disease|coronary heart disease|pulmonary cancer|"
    "lower respiratory infection|diabetes|asthma|autism|convulsion|anaphylaxis|anemia|"
    "arthritis|dementia|emphysema|glucose|hormone|diagnosis|diagnose|prophylaxis|prophylactic|"
    "injection|quarantine|syndrome|ambulatory|mutation|mutagen|antigen|antibody|antibiotic|"
    "corticosteroids|cushingoid|radioisotope|radionuclide|airways|lungs|kidney|joint|"
    "physician|cure|regimen|taper|titrate|potency|concentration|hazard|mutation|contagious|"
    "osteoporosis|residual seizure disorder|crohn’s disease|raynaud’s syndrome|"
    "systemic lupus erythematosus|erythematosus|inflammatory bowel disease|transverse myelitis|"
    "optic neuritis|orchitis|tetanus|whooping cough|tuberculosis|reye’s syndrome|"
    "sjogren’s syndrome|hepatitis a|hepatitis b|hepatitis c|hepatitis d|hepatitis e|"
    "hyposensitivity|hypersensitivity|inflammation|inflame|pica|colic|intrauterine device|"
    "platelet|macrophage|lymphocytes|b cells|alopecia|shortness of breath|long-term|"
    "upper respiratory tract|conditioning|pathogen|infectious agent|drowsy|decrease|increase|"
    "reduce|maximum|minimal|minimize|elevate|deficient|deficiency|excessive|insufficient|"
    "dilute|dehydrate|fast|overabundance|portion|mental|supplement|nutrition|nutritious",
)
_exclude(
    "the first clean alternative changes the part of speech or the meaning",
    "allergic|allergy|anti-inflammatory|antiviral|anti-virus medicine|bronchodilator|"
    "arthralgia|bursitis|dilator|immunize|vaccinate|internal organs|microbes|mucus|psoriasis|"
    "rheumatologist|rheumatology|soreness|hives|virulence|virulent|degenerative|deformity|"
    "pharmacist|podiatry|aerobic exercise|anaerobic exercise|attenuated vaccine|anaerobic|"
    "asymptomatic infection|absorption|co-operate|dermatology|genetics|glaucoma|"
    "chronic obstructive pulmonary disease|pulmonary fibrosis|rheumatoid arthritis|"
    "hematocrit test|spirometer|papule|petechiae|guillain-barre syndrome|"
    "haemophilus influenzae type b|cot death|crib death|sudden infant death syndrome|"
    "obstruction|intravenous|localized|topical|systemic|contraindication|deoxygenated|"
    "in vitro|in vivo|metabolism|muscle contraction|perinatal death|peritoneum|"
    "polysaccharide vaccines|recombinant|rotavirus|subclinical infection|thimerosal|vesicular|"
    "carcinogen|cataracts|inhaler|encephalopathy|post-exposure prophylaxis|cessation|aerosol|"
    "aerobic|dilate",
)
_exclude(
    "wrong in common contexts (issue 13): 'obesity epidemic', 'congenital polycythemia' ->"
    " 'born with polycythemia' (an adjective must stay an adjective); the hand-written"
    " vocabulary has context rules or an explanation instead",
    "epidemic|congenital|nsaid|nsaids|non-steroidal anti-inflammatory drug|prostatitis|"
    "adverse event|adverse events",
)
_exclude(
    "units and measures stay as written",
    "mg|ml|cc|kg|mcg|bmi|esr|titer",
)
_exclude(
    "general English with several senses: a swap would often be wrong",
    "ability|abolish|accommodate|accompany|additional|adhere|administer|advise|advocacy|"
    "advocate|aggravate|aggregate|aggressive|alienate|alternate|alternative|amalgamate|amend|"
    "annual|annually|apply|appropriate|approximate|arguably|assess|association|attempt|attire|"
    "authentic|authorize|autonomous|avail|available|avoid|beneficial|beneficiary|benefit|"
    "bilateral|biannual|capacity|characteristic|characterize|circumstance|client|"
    "collaborate|communicate|comparable|compensate|competent|complete|completion|complimentary|"
    "comply|component|comprehensive|comprise|compulsion|conceive|concerning|conclude|conclusive|"
    "concur|conduct|consistent|constitute|construct|consult|consume|contain|contemplate|"
    "contract|contribute|convenient|correspond|criterion|current|currently|decompose|"
    "demonstrate|designate|detect|determine|develop|deviate|diminish|display|distribute|"
    "donate|donation|dust|economical|effective|eliminate|emphasize|environment|equilibrium|"
    "evident|exert|exhibit|experience|expertise|extend|failed to|feasible|finalize|flexible|"
    "frequently|fundamental|highly|identical|illustrate|immediately|immerse|implement|"
    "individual|inform|inherit|inheritance|initial|inquire|instrument|integrate|intention|"
    "interrupt|irritable|irritant|locate|location|maintain|manifest|mentality|migrate|"
    "migration|mobility|modify|nominal|objective|obscure|observation|observe|obtain|obvious|"
    "occupation|occur|occurrence|option|originate|parameter|participate|pending|perform|"
    "periphery|permanent|permit|persevere|persistent|personnel|persuade|pertinent|position|"
    "possess|postpone|precaution|predicament|preliminary|preparedness|prerogative|present|"
    "prevent|prevention|principal|probability|procedure|proceed|proficient|prohibit|"
    "projectile|proliferate|protocol|provide|provoke|purchase|qualified|rampant|rationale|"
    "receive|recipient|recognize|recover|recuperate|recur|redundant|regarding|register|regular|"
    "regulate|regulation|rehabilitate|reimburse|reinforce|reiterate|remission|request|require|"
    "requirements|rescind|resemble|reside|residence|respite|restrain|retain|retrieve|reveal|"
    "review|rupture|sanitary|sanitize|schedule|sector|segment|sensation|shift|similar|"
    "situated|socialize|solicit|species|spontaneous|stamina|state|status|stigma|stimulate|"
    "stringent|submit|subsequent|subsequently|substance|suffice|sufficient|summon|superficial|"
    "supersede|supply|suppress|surveillance|susceptible|synthesize|systematic|temporary|"
    "therefore|time period|transform|transparent|transpire|traumatic|ulterior|ultimate|"
    "unfavorable|unnecessary|vague|validate|validity|variant|vary|vehicle|verbatim|verify|"
    "viable|vicinity|voluntary|whereas|withhold|withstand|witness|accessible|accurate|"
    "accumulate|accelerate|accomplish|adequate|adjacent|aptitude|ascertain|assist|"
    "catastrophe|cease|censure|coerce|cognizant|conscientious|consequently|conspicuous|"
    "continue to|control|deplete|detrimental|difficulties|dimension|diminutive|disclose|"
    "discuss|disguise|distinguish|domicile|dwelling|effect|enhance|equivalent of|escalate|"
    "excess rate|facilitate|fallacy|fluctuate|gradually|homologous|inaccuracy|inadvertently|"
    "inadvisable|inclement|incorrect|indigenous|inexpensive|inherent|inhibit|imperative|"
    "imperceptible|impede|irrefutable|magnitude|miniscule|mitigate|negligent|neutralize|"
    "notification|occasionally|optimal|overabundance|palatable|reaction|recognize|"
    "reassortment|shift|stable|voluminous|bona fide|by means of|by which time|close proximity|"
    "in excess of|in the absence of|in the course of|in the event of|at the present time|"
    "on an empty stomach|state of readiness|appreciate|appellant|applicant|approximate|"
    "contaminate|contaminant|deceased|pollute|puff|mold|mildew|dander|mites|biota|waterfowl|"
    "telework|vary|rampant|sensitive|species|temporal association|causal association",
)
_exclude(
    "public-health programme or flu-planning term, not clinical prose",
    "epizootic|panzootic|pandemic flu|pandemic vaccine|pre-pandemic vaccine|h5n1|hpai|"
    "generation time|surge capacity|countermeasures|isolation of ill people|social distancing|"
    "second- and third-order effects|incident of national significance|illness rate or "
    "clinical attack rate|case fatality ratio|excess rate|serosurvey|viral shedding|"
    "cough etiquette|environmental control|infection control|hand hygiene|"
    "nonpharmaceutical intervention|public health|vaccine adverse event reporting system|"
    "vaccine safety datalink project|centers for disease control and prevention|"
    "rapid diagnostic test|surgical mask|sun protection factor|uva|uvb|clade|"
    "hazardous waste|bioterrorism|absenteeism|mucosal (mucus) membranes|"
    "personal protective equipment (ppe)|dissemination (disseminate)|ova/ovum|"
    "motor vehicle accident|booster shots|investigational vaccine|pulmonary care unit",
)

#: Where the thesaurus lists its alternatives in an order whose first clean one is not the
#: best drop-in for clinical prose, the alternative tailor takes instead (one of CDC's own).
PREFER: dict[str, str] = {
    "abdomen": "belly",
    "conjunctivitis": "pink eye",
    "utilize": "use",
    "medication": "medicine",
    "abrasion": "scrape",
    "perspire": "sweat",
    "urinate": "pee",
    "respiration": "breathing",
    "inhalation": "breathing in",
    "ingestion": "swallowing",
    "contusion": "bruise",
    "laceration": "cut",
    "incision": "cut",
    "sutures": "stitches",
    "ambulate": "walk",
    "hypotension": "low blood pressure",
    "hypertension": "high blood pressure",
    "febrile": "feverish",
    "dermal": "skin",
    "cutaneous": "skin",
    "renal": "kidney",
    "hepatic": "liver",
    "pulmonary": "lung",
    "cardiovascular": "heart and blood vessel",
    "neurological": "brain and nerve",
    "neurologic": "brain and nerve",
}

#: Terms whose NCI definition describes something narrower than the everyday word (NCI
#: defines "medication" as a dosage form), so a reader is better served by the swap alone.
NO_NCI_DEFINITION = {"medication"}

#: Alternatives that read as a definition, an instruction or a different part of speech.
_DEFINITION_START = re.compile(
    r"^(?:someone|something|when|how|what|being|to|see|do|can|may|more|most|number of|"
    r"the|your|you|signs? of|type of|measure of|ways? to|study of|process of|area|"
    r"related to|having to do with)\b",
    re.IGNORECASE,
)


def _clean_term(raw: str) -> tuple[str, list[str]] | None:
    """The term and its abbreviation forms ("intravenous (IV)" -> "intravenous", ["IV"])."""
    term = raw.strip()
    forms: list[str] = []
    paren = re.fullmatch(r"(.+?)\s*\(([A-Z][A-Z0-9]+)\)", term)
    if paren:
        term, forms = paren.group(1).strip(), [paren.group(2)]
    if any(c in term for c in "()/;,"):
        return None
    return term, forms


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-'’]\w+)*", text.casefold())


def _candidates(alternatives: str) -> list[str]:
    """Alternatives in CDC's order: ";" separates groups, "," alternatives in a group."""
    found: list[str] = []
    for group in alternatives.split(";"):
        for part in group.split(","):
            part = " ".join(part.split()).strip(" .")
            if part:
                found.append(part)
    return found


def _acceptable(term: str, plain: str, known_terms: set[str], syllables: Any) -> str | None:
    """Why ``plain`` is not a drop-in replacement for ``term``; None if it is."""
    words = _words(plain)
    if not words:
        return "empty"
    if plain.casefold() == term.casefold() or set(_words(term)) <= set(words):
        return "repeats the term"
    if any(c in plain for c in '()/"“”') or "etc" in words:
        return "qualified or a list"
    if len(words) > 4:
        return "a description, not a replacement"
    if _DEFINITION_START.match(plain):
        return "reads as a definition or instruction"
    if negation_count(plain) != negation_count(term):
        # tailor.negation is the one definition of a negation cue; compiling a glossary
        # refuses a substitution that adds or removes one, so the builder never offers it.
        return "adds or removes a negation"
    if plain.casefold() in known_terms:
        return "is itself a glossary term (a chain)"
    term_words = _words(term)
    per_word = sum(syllables(w) for w in words) / len(words)
    term_per_word = sum(syllables(w) for w in term_words) / len(term_words)
    if per_word > term_per_word:
        return "harder than the term (more syllables per word)"
    return None


def _first_sentences(definition: str, limit: int = 220) -> str:
    """The definition's first sentence, and the next while the whole stays short."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(definition.split()))
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) + 1 + len(sentence) > limit or sentence.startswith("Also called"):
            break
        out += " " + sentence
    return out


def _nci_definitions(path: Path) -> dict[str, tuple[str, str]]:
    """NCI's definitions by case-folded term: (the term as NCI writes it, first sentences)."""
    found: dict[str, tuple[str, str]] = {}
    for item in json.loads(path.read_text(encoding="utf-8")):
        term = item["term"].strip()
        definition = (item.get("plain_alternative") or "").strip()
        if definition and term.casefold() not in found:
            found[term.casefold()] = (term, _first_sentences(definition))
    return found


def odd_pairs(data: Path) -> list[dict[str, str]]:
    """The ODD data rows of ``pairs.tsv`` (1st, 3rd, ...): the only PDQ rows tailor builds
    and tunes on. The even rows are kept for reporting (benchmarks), never read here."""
    import csv

    with (data / PDQ_DIR / "pairs.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return rows[0::2]


def _pdq_texts(folder: Path, names: Iterable[str]) -> str:
    """The prose of the pages ``names`` in ``folder``: front matter, links and markup removed."""
    parts = []
    for path in sorted(folder / name for name in names):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"[#*_>|`]", " ", text)
        parts.append(text)
    return "\n".join(parts)


#: NCI terms the jargon statistic picks that are still general words, names of cancers
#: everyone says plainly, or names of herbs and products rather than jargon.
#: NCI terms whose first clause, cut short, says more than is safe mid-sentence: an
#: inflammatory myofibroblastic tumor is mostly not cancer, though NCI's first words say
#: "a rare type of cancer". Their full definition goes to Words to know instead.
NCI_DEFINITION_ONLY = {"inflammatory myofibroblastic tumor"}

NCI_EXCLUDE = {
    "all",
    "analysis",
    "outcome",
    "response",
    "oral",
    "disorder",
    "assessment",
    "physician",
    "clinician",
    "mass",
    "grade",
    "extract",
    "herbal",
    "cigarette",
    "joint",
    "aggressive",
    "bilateral",
    "rare cancer",
    "rare disease",
    "breast cancer",
    "prostate cancer",
    "thyroid cancer",
    "blood cancer",
    "adolescent",
    "screening",
    "intervention",
    "variant",
    "median",
    "imaging",
    "thyroid",
    "anal",
    "black cohosh",
    "laetrile",
    "pc-spes",
    "dietary supplement",
    "complication",
    "standard therapy",
    "control group",
    "clinical study",
    "levels of evidence",
    "survival rate",
    "response rate",
    "cohort",
    "cohort study",
    "case-control study",
    "population-based study",
    "prospective",
    "retrospective",
    "meta-analysis",
    "overdiagnosis",
    "mutation",
    "concentration",
    "therapeutic",
    "progression",
    "stress",
    "compound",
    "element",
    "toxic",
    "sensitivity",
    "bias",
    "hypothesis",
    "baseline",
    "investigator",
    "avoidance",
    "breastfeeding",
    "smoking cessation",
    "arsenic",
    "botanical",
    "hot flashes",
    "medical history",
    "obesity",
    "psychological",
    "biological",
    "preventive",
    "practitioner",
    "supplementation",
    "relapse",
    "vaccination",
    "nutritionist",
    "specificity",
    "microscopic",
    "small intestine",
    "complete response",
    "partial response",
    "cancer survivor",
    "disease progression",
    "colon cancer",
    "pancreatic cancer",
    "in situ",
    "case report",
    "primary tumor",
    "oncology nurse",
    "odds ratio",
    "hazard ratio",
    "relative risk",
    "median survival",
}


def nci_candidates(
    nci: dict[str, tuple[str, str]],
    covered: set[tuple[str, ...]],
    keep: Callable[[str, str], bool],
) -> CompiledGlossary:
    """The NCI dictionary terms an entry may be built for, as a matcher: one to three words,
    lower case (no acronyms, no names), not excluded, not covered by an entry already, the
    first spelling of each key, and ``keep(term, definition)``."""
    from tailor.glossary import CompiledGlossary, Glossary, GlossaryEntry, key_of

    candidates: list[GlossaryEntry] = []
    keys: set[tuple[str, ...]] = set()
    for folded, (term, definition) in nci.items():
        key = key_of(term)
        if (
            not key
            or len(key) > 3
            or key in keys
            or key in covered
            or folded in EXCLUDE
            or folded in NCI_EXCLUDE
            or not re.fullmatch(r"[a-z][a-z -]*[a-z]", term)  # lower case: no acronyms, names
            or not keep(term, definition)
        ):
            continue
        keys.add(key)
        candidates.append(GlossaryEntry(term=term, definition=definition, source=NCI))
    return CompiledGlossary([Glossary(name="nci", entries=tuple(candidates))])


def _nci_jargon(
    data: Path,
    nci: dict[str, tuple[str, str]],
    blocked: set[str],
    covered: set[tuple[str, ...]],
) -> tuple[list[dict[str, Any]], list[str]]:
    """Definition-only entries for NCI terms that clinicians' pages use and patients' avoid."""
    from tailor.glossary import key_of

    matcher = nci_candidates(
        nci, covered, lambda _, definition: not _AGENT_DEFINITION.match(definition)
    )
    counts: dict[str, list[int]] = {}
    for i, audience in enumerate(("hp", "patient")):
        column = "hp_file" if audience == "hp" else "patient_file"
        names = [row[column] for row in odd_pairs(data)]
        for match in matcher.find(_pdq_texts(data / PDQ_DIR / audience, names)):
            counts.setdefault(match.entry.term, [0, 0])[i] += 1
    chosen = [
        (hp, patient, term)
        for term, (hp, patient) in counts.items()
        if hp >= JARGON_MIN_USES and hp >= JARGON_RATIO * (patient + 1)
    ]
    chosen.sort(key=lambda row: (-row[0], row[2]))
    entries: list[dict[str, Any]] = []
    report: list[str] = []
    for hp, patient, term in chosen:
        words = f" {' '.join(key_of(term))} "
        inner = next((b for b in blocked if f" {b} " in words and b != words.strip()), None)
        if inner is not None:
            report.append(f"skip NCI {term!r}: would hide the swap for {inner!r}")
            continue
        if len(entries) >= JARGON_MAX:
            break
        entries.append({"term": term, "definition": nci[term.casefold()][1], "source": NCI})
        report.append(f"add NCI {term!r}: {hp} uses in HP pages, {patient} in patient pages")
    return entries, report


# --- Human Phenotype Ontology: technical sign/symptom names -> layperson synonyms ---------

HPO_FILE = Path("hpo-layperson") / "hpo-layperson.tsv"
HPO_RELEASE = "2025-01-16"
#: The plainness rule, in numbers. A word rarer than HARD_ZIPF (wordfreq's Zipf scale: 3.0
#: is about once per million words) is one a reader at grade 8 may not know; that is also
#: the definition of "hard" the evaluation counts.
HARD_ZIPF = 3.0
#: A replacement's rarest word must be at least this much more frequent than the term's.
ZIPF_MARGIN = 0.3
#: Frequency "about the same" when a shorter word is the gain; "far more frequent" when a
#: longer one is still plainer; no replacement's rarest word may be rarer than FLOOR_ZIPF.
SAME_ZIPF = 0.5
BIG_ZIPF = 1.0
FLOOR_ZIPF = 2.3
HPO_MAX_WORDS = 4
#: Layperson synonyms HPO curators accept that read as slang or as a different register.
_SLANG = {"clit", "boobs", "butt", "poop", "pee", "tummy", "nuts", "balls", "privates"}
#: HPO names that describe a finding on an exam or scan rather than a word in running text.
_HPO_SKIP_START = re.compile(
    r"^(?:abnormal|abnormality|aplasia|absent|increased|decreased|reduced|elevated|"
    r"morphological|anomaly|hypoplasia|hyperplasia|dysplasia|agenesis)\b",
    re.IGNORECASE,
)
#: HPO swaps that are right for a sign on the skin but wrong in running medical text.
HPO_EXCLUDE = {
    "hemangioma": "a strawberry mark is one kind; hemangiomas also grow in organs",
    "hemangiomas": "a strawberry mark is one kind; hemangiomas also grow in organs",
    "haemangioma": "a strawberry mark is one kind; hemangiomas also grow in organs",
    "hyperactivity": "part of the name 'attention-deficit hyperactivity disorder'",
}
#: Words right before a sign or finding that make it the name of a treatment, which the
#: lay word for the sign does not say: "patients treated with pneumothorax" (air let into
#: the chest on purpose, an old tuberculosis treatment) are not "treated with collapsed
#: lung"; "therapeutic hypothermia" is a cooling treatment, not "abnormally low body
#: temperature". There the term stays as written.
HPO_AS_TREATMENT = (
    "treated with", "treatment with", "therapy with", "induced", "inducing", "induction of",
    "artificial", "therapeutic",
)  # fmt: skip
_NOUN_END = re.compile(r"(?:ity|ness|ion|ism|ia|sis|osis|itis|emia|pathy|algia)$")
_ADJECTIVE_END = re.compile(r"\w+(?:able|ible|ive|ous|al|ic|ful|less|ed)")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "and",
        "or",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "than",
        "that",
        "this",
        "into",
        "under",
        "over",
        "after",
        "before",
        "due",
    ]
)


def _plural(phrase: str) -> bool:
    """Whether a noun phrase reads as plural by its last word (a cheap, English-only rule)."""
    last = phrase.casefold().split(" ")[-1]
    if last.endswith(("ss", "us", "is", "sis", "ous", "ics")):
        return False
    return last.endswith(("s", "ae", "i")) and len(last) > 3


class Plainness:
    """Word frequency and syllables of a phrase: the measurable side of "plainer"."""

    def __init__(self) -> None:
        from wordfreq import zipf_frequency

        from tailor.readability import ReadabilityScorer

        self._zipf = zipf_frequency
        self._syllables = ReadabilityScorer().syllables

    def rarest(self, phrase: str) -> float:
        """The Zipf frequency of the phrase's rarest content word (function words ignored)."""
        words = [w for w in _words(phrase) if w not in _FUNCTION_WORDS] or _words(phrase)
        return min((self._zipf(w, "en") for w in words), default=0.0)

    def syllables_per_word(self, phrase: str) -> float:
        words = _words(phrase)
        return sum(self._syllables(w) for w in words) / max(1, len(words))

    def why_not_plainer(self, term: str, plain: str) -> str | None:
        """Why ``plain`` is not measurably plainer than ``term``; None if it is.

        Plainer means one of: its rarest word is clearly more frequent (by ZIPF_MARGIN) and
        it is no longer per word or in all; or, with no hard word in it and frequency about
        the same (within SAME_ZIPF), it is shorter by at least half a syllable per word, or
        in syllables and words alike ("prior to" -> "before"); or its rarest word is far
        more frequent (BIG_ZIPF), which is worth a syllable more ("germline" ->
        "inherited"). A replacement with a hard word is taken only when it is far plainer
        than the term ("cholelithiasis" -> "gallstones").
        """
        rare_plain, rare_term = self.rarest(plain), self.rarest(term)
        gain = rare_plain - rare_term
        if rare_plain < HARD_ZIPF and (gain < BIG_ZIPF or rare_plain < FLOOR_ZIPF):
            return f"has a hard word itself (Zipf {rare_plain:.2f} < {HARD_ZIPF})"
        words_plain, words_term = _words(plain), _words(term)
        per_plain = self.syllables_per_word(plain)
        per_term = self.syllables_per_word(term)
        all_plain = round(per_plain * len(words_plain))
        all_term = round(per_term * len(words_term))
        if gain >= BIG_ZIPF and per_plain <= per_term + 1:
            return None
        if gain >= ZIPF_MARGIN and (per_plain <= per_term or all_plain <= all_term):
            return None
        if gain >= -SAME_ZIPF and rare_plain >= HARD_ZIPF:
            if per_plain <= per_term - 0.5:
                return None
            if all_plain < all_term and len(words_plain) <= len(words_term):
                return None
        return (
            f"not plainer (Zipf {rare_plain:.2f} vs {rare_term:.2f}, "
            f"{per_plain:.2f} vs {per_term:.2f} syllables per word)"
        )


def _hpo_phrase(text: str) -> str | None:
    """An HPO name or synonym as a glossary phrase: lower-cased unless it has capitals
    inside a word (a name, an acronym); None when it is not a short plain phrase."""
    text = " ".join(text.split())
    if not text or any(c in text for c in '()[],;/:"') or any(c.isdigit() for c in text):
        return None
    words = text.split(" ")
    if len(words) > HPO_MAX_WORDS + 1:
        return None
    if any(any(c.isupper() for c in w[1:]) for w in words):
        return None
    return text[0].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text.lower()


def hpo_entries(
    data: Path, plainness: Plainness, taken: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Swaps from HPO's technical surface forms to its layperson synonyms, when plainer.

    A technical form (the HPO name or an exact synonym) is a candidate when it has a word
    rarer than HARD_ZIPF; its replacement is the layperson synonym (or the HPO name, when
    the name is the plain one) that passes :meth:`Plainness.why_not_plainer` with the most
    frequent rarest word. Forms already in ``taken`` (hand-written or CDC entries) are left
    to those entries.
    """
    import csv

    from tailor.glossary import key_of

    entries: list[dict[str, Any]] = []
    report: list[str] = []
    with (data / HPO_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        abbreviations = {a.casefold() for a in row["abbreviations"].split("|") if a}
        plains = [p for p in (_hpo_phrase(x) for x in row["layperson"].split("|") if x) if p]
        name = _hpo_phrase(row["name"])
        technical = [name] if name else []
        for synonym in row["exact_synonyms"].split("|"):
            if synonym and synonym.casefold() not in abbreviations:
                phrase = _hpo_phrase(synonym)
                if phrase:
                    technical.append(phrase)
        if name:
            plains.append(name)
        plains = [p for p in plains if not (set(_words(p)) & _SLANG)]
        for term in technical:
            if len(term.split()) > HPO_MAX_WORDS or _HPO_SKIP_START.match(term):
                continue
            if term.casefold() in HPO_EXCLUDE:
                report.append(f"skip HPO {term!r}: {HPO_EXCLUDE[term.casefold()]}")
                continue
            key = " ".join(key_of(term))
            if key in taken:
                continue
            if plainness.rarest(term) >= HARD_ZIPF:
                continue  # no hard word: nothing to make plain
            best: tuple[float, int, str] | None = None
            reasons = []
            for plain in plains:
                if plain.casefold() == term.casefold() or len(plain.split()) > HPO_MAX_WORDS + 1:
                    continue
                why = plainness.why_not_plainer(term, plain)
                if why is None and set(_words(term)) <= set(_words(plain)):
                    why = "repeats the term"
                if why is None and _NOUN_END.search(term) and _ADJECTIVE_END.fullmatch(plain):
                    why = "an adjective for a noun"
                if why is None and negation_count(term) != negation_count(plain):
                    why = "adds or removes a negation"
                if why is not None:
                    reasons.append(f"{plain!r} {why}")
                    continue
                # A swap without a preposition also fits where the term is a modifier
                # ("cardiomyopathy tumors"), so it wins over "disease of the heart muscle".
                loose = 0 if _AFTER_HEAD.search(f" {plain} ") is None else -1
                score = (loose, plainness.rarest(plain), -len(plain), plain)
                if best is None or score[:3] > best[:3]:
                    best = score
            if best is None:
                if reasons:
                    report.append(f"skip HPO {term!r} ({row['hpo_id']}): {'; '.join(reasons)}")
                continue
            if _plural(term) != _plural(best[3]):
                report.append(f"skip HPO {term!r}: {best[3]!r} differs in number")
                continue
            taken.add(key)
            entry: dict[str, Any] = {"term": term}
            if not _plural(term):
                entry["pos"] = "noun"  # HPO names signs and findings: noun phrases
            entry["replacement"] = best[3]
            entry["not_after"] = list(HPO_AS_TREATMENT)
            if row.get("definition", "").strip():
                # Where a context rule holds the swap back, the term is kept: HPO's own
                # definition then lists it in Words to know rather than leave it bare.
                entry["definition"] = _first_sentences(row["definition"])
            entry["source"] = f"Human Phenotype Ontology ({HPO_RELEASE}) {row['hpo_id']}"
            entries.append(entry)
    return entries, report


#: The order fields are written in, for a readable diff.
FIELD_ORDER = (
    "term",
    "forms",
    "pos",
    "replacement",
    "plural",
    "countable",
    "replacements",
    "explanation",
    "definition",
    "not_after",
    "not_before",
    "not_in",
    "source",
)


_AFTER_HEAD = re.compile(
    r" (?:of|in|on|at|to|for|with|without|from|that|who|which|like|under|into|by|as) "
)


def _head_plural(phrase: str) -> str | None:
    """The plural of a noun phrase whose head noun is not its last word ("rate of new
    cases" -> "rates of new cases"); None when the last word is the head."""
    found = _AFTER_HEAD.search(phrase)
    if found is None:
        return None
    head, rest = phrase[: found.start()], phrase[found.start() :]
    if " and " in head or " or " in head or head.endswith("s"):
        return None
    from tailor.glossary import plurals_of

    words = head.split(" ")
    plurals = plurals_of(words[-1].lower())
    if not plurals:
        return None
    relative = re.match(r" (that|who|which) (\w+)", rest)
    if relative:
        # The verb of a relative clause agrees with the plural head: "has" -> "have".
        verb = relative.group(2)
        agreed = _AGREE.get(verb) or (
            verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
        )
        rest = f" {relative.group(1)} {agreed}" + rest[relative.end() :]
    return " ".join([*words[:-1], plurals[0]]) + rest


_AGREE = {"has": "have", "is": "are", "was": "were", "does": "do"}
_PLURAL_LAST = {"people", "women", "men", "children", "adults", "teeth", "feet", "data"}


#: Nouns that often follow a term as the head of a compound ("testicular cancer risk",
#: "venous thromboembolism prophylaxis"). A replacement whose head noun is not its last
#: word ("cancer of the testicles") cannot stand before them, so such an entry does not
#: apply there and the text stays as written.
COMPOUND_HEADS = (
    "risk", "risks", "rate", "rates", "factor", "factors", "gene", "genes", "syndrome",
    "syndromes", "patient", "patients", "cell", "cells", "screening", "trial", "trials",
    "study", "studies", "group", "groups", "survivor", "survivors", "death", "deaths",
    "incidence", "mortality", "prevention", "prophylaxis", "treatment", "treatments",
    "therapy", "management", "specimen", "specimens", "sample", "samples", "data", "type",
    "types", "tissue", "tissues", "program", "programs", "registry", "events", "case", "cases",
    "cohort", "cohorts", "survival", "outcome", "outcomes", "care", "research", "subtype",
    "subtypes", "diagnosis", "staging", "stage", "specialist", "specialists", "biology",
)  # fmt: skip


def _guard_compounds(entry: dict[str, Any]) -> dict[str, Any]:
    """Add COMPOUND_HEADS to ``not_before`` of an entry whose replacement is a phrase with
    its head noun first ("rate of new cases", "surgery to remove the uterus")."""
    plain = entry.get("replacement")
    if not plain or entry.get("pos") not in (None, "noun") or not _AFTER_HEAD.search(plain):
        return entry
    before = list(entry.get("not_before", ()))
    before += [w for w in COMPOUND_HEADS if w not in before]
    return {**entry, "not_before": before}


def _explain_hard_words_only(entry: dict[str, Any], plainness: Plainness) -> dict[str, Any]:
    """An explanation read inside the sentence only for a word a reader may not know.

    A single common word ("receptor", "placebo") explained in brackets lengthens every
    sentence it is in for little gain: its explanation goes to the definition (Words to
    know) instead. Phrases keep theirs: "odds ratio" is made of common words and still
    needs one.
    """
    explanation = entry.get("explanation")
    if (
        explanation is None
        or entry.get("replacement")
        or len(_words(entry["term"])) > 1
        or entry["term"].isupper()
        or plainness.rarest(entry["term"]) < HARD_ZIPF
    ):
        return entry
    out = {k: v for k, v in entry.items() if k != "explanation"}
    out.setdefault("definition", explanation[0].upper() + explanation[1:] + ".")
    return out


def _plain_explanations(
    explained: list[dict[str, Any]], entries: list[dict[str, Any]], plainness: Plainness
) -> None:
    """Put the glossary's own plain words for a hard word into the short explanations cut
    from NCI ("cancer that forms in tissues of the larynx" -> "... of the voice box").

    An explanation is read by someone who does not know the term; a hard word in it that
    tailor swaps everywhere else would be the one word of the sentence left unexplained.
    Only one-word terms whose swap holds in every context (no context rules) are used.
    """
    swaps = {
        e["term"].casefold(): e["replacement"]
        for e in entries
        if e.get("replacement")
        and " " not in e["term"]
        and e.get("pos") in (None, "noun", "adjective")
        and not (e.get("not_after") or e.get("not_before") or e.get("not_in"))
    }
    for entry in explained:
        text = entry.get("explanation")
        if not text or not entry.get("source", "").startswith(NCI):
            continue

        def plain(m: re.Match[str]) -> str:
            word = m.group(0)
            found = swaps.get(word.casefold())
            return found if found and plainness.rarest(word) < HARD_ZIPF else word

        entry["explanation"] = re.sub(r"(?<![\w-])[A-Za-z]+(?![\w-])", plain, text)


def _define_swap(entry: dict[str, Any], nci: dict[str, tuple[str, str]]) -> None:
    """Give a hand-written swap NCI's definition of its term, with the source kept.

    A swap is not made everywhere: a context rule or a grammar guard of the engine may hold
    it back ("pelvic lymphadenopathy" never "pelvic swollen lymph nodes"), and there the term
    stays. With a definition it is then listed in Words to know instead of left bare.
    """
    term = entry["term"].casefold()
    if (
        not entry.get("replacement")
        or entry.get("definition")
        or entry.get("explanation")
        or term in NO_NCI_DEFINITION
        or term not in nci
        or entry["source"].startswith("Human Phenotype Ontology")  # one source per HPO entry
    ):
        return
    entry["definition"] = nci[term][1]
    entry["source"] = f"{entry['source']}; {NCI} (definition)"


def _supported_fields() -> set[str]:
    from tailor.glossary import GlossaryEntry

    return set(GlossaryEntry.model_fields)


def _fit(entry: dict[str, Any], supported: set[str]) -> dict[str, Any] | None:
    """``entry`` with only the fields this tailor's GlossaryEntry knows, in FIELD_ORDER.

    The seed files are written for the full schema (part of speech, countability, short
    explanations, context rules). Built against a tailor without some of them, an entry
    keeps what still holds: an entry whose context rules cannot be stated keeps its plain
    words as an explanation beside the term rather than swap where the swap is wrong, and
    an explanation becomes the definition.
    """
    out = dict(entry)
    if "countable" not in supported and out.get("countable") is False and out.get("replacement"):
        out["plural"] = out["replacement"]  # an uncountable noun is never pluralised
    if (
        out.get("replacement")
        and "plural" not in out
        and out.get("pos") == "noun"
        and out.get("countable") is not False
        and not _plural(out["term"])
        and out["term"].split(" ")[-1].lower() not in _PLURAL_LAST
    ):
        plural = _head_plural(out["replacement"])
        if plural:
            out["plural"] = plural
    if any(k not in supported for k in ("not_after", "not_before", "not_in") if k in out):
        plain = out.pop("replacement", None)
        out.pop("plural", None)
        out.pop("countable", None)
        if plain:
            out.setdefault("explanation", plain)  # the plain words, beside the term
        for k in ("not_after", "not_before", "not_in"):
            out.pop(k, None)
    if "explanation" not in supported and "explanation" in out:
        text = out.pop("explanation")
        out.setdefault("definition", text[0].upper() + text[1:] + ".")
    for k in list(out):
        if k not in supported:
            del out[k]
    if not (out.get("replacement") or out.get("definition") or out.get("explanation")):
        return None
    return {k: out[k] for k in FIELD_ORDER if k in out} | {
        k: v for k, v in out.items() if k not in FIELD_ORDER
    }


# --- NCI definitions cut to short explanations, for hard words real text contains --------

FDA_DIR = Path("fda-spl-labels")
#: The professional labels (the patient sections of each file are cut off before reading).
FDA_LABELS = ("humira.xml", "lipitor-orig.xml")
_FDA_PATIENT = re.compile(r"SPL MEDGUIDE SECTION|SPL PATIENT PACKAGE INSERT SECTION")
#: How often a hard term must occur in the building text to earn an entry of its own.
NCI_MIN_USES = 2
_CANCER_WORDS = re.compile(r"\b(?:cancer|tumou?r|lymphoma|leukemia|myeloma|sarcoma|carcinoma)s?\b")
#: Who a drug is for, not what it treats: "a treatment for fatigue in patients with cancer"
#: (modafinil, a stimulant) is no cancer drug.
_FOR_PATIENTS_WITH = re.compile(
    r"\b(?:in|for) (?:patients|people|children|adults|women|men|survivors)"
    r" (?:with|who have|who had|treated for|being treated for) [^,;]*"
)


def building_text(data: Path) -> str:
    """The text tailor builds its vocabulary from: the professional versions of the ODD
    PDQ rows and the professional sections of the FDA labels."""
    import html

    names = [row["hp_file"] for row in odd_pairs(data)]
    parts = [_pdq_texts(data / PDQ_DIR / "hp", names)]
    for name in FDA_LABELS:
        path = data / FDA_DIR / name
        if path.is_file():
            xml = _FDA_PATIENT.split(path.read_text(encoding="utf-8"))[0]
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", xml)))
    return "\n".join(parts)


def short_explanation(
    definition: str, rarest: Callable[[str], float] | None = None
) -> str | None:
    """An NCI definition cut to a short clause a reader takes in mid-sentence, or None.

    "A drug used to reduce the amount of male hormone (testosterone) ..." -> "a drug used
    to reduce the amount of male hormone"; a drug whose first sentence names cancers
    becomes "a cancer drug" (the list of cancers is for a doctor). A cut may drop what
    only adds to a definition (an aside in brackets, a closing list of examples, a
    "which" clause), never the clause that defines: NCI writes "a type of cancer that
    begins in ...", and "a type of cancer" alone says less than the term, or something
    else ("the length of time during and after the treatment of a disease" is not
    progression-free survival). When the defining clause does not fit in a dozen words,
    there is no short explanation, and the full definition goes to Words to know.

    ``rarest`` gives a word's frequency (wordfreq Zipf): a hard word that NCI explains in
    brackets ("the epidermis (the outer layer of the skin)") gives way to its plain
    explanation, or, when that is long, the definition has no short form, since an
    explanation that needs explaining is no help.
    """
    first = re.split(r"(?<=[.!?])\s+", definition.strip(), maxsplit=1)[0].rstrip(".")
    if re.match(r"^(?:An? )?(?:anticancer )?drug\b", first) and _CANCER_WORDS.search(
        _FOR_PATIENTS_WITH.sub("", first)
    ):
        return "a cancer drug"
    first = re.sub(r"^(?:Refers to|Describes|Having to do with)\s+", "", first)
    unglossed = _gloss_hard_words(first, rarest)
    if unglossed is None:
        return None
    first = re.sub(r"\s*\([^()]*\)", "", unglossed)  # asides in brackets: the clause reads on
    # An example between commas inside the defining clause ("a disease, such as cancer,
    # that a patient lives with") is an aside too: the clause goes on after it.
    first = _EXAMPLE_ASIDE.sub("", first)
    end = re.search(r"\s*\(|;|, (?:and |or |which |such as |including )|\. ", first)
    if end and _CONTINUES_CLAUSE.match(first, end.end()) and end.group().strip() in (
        ", and",
        ", or",
    ):
        # "cancer that forms in the peritoneum, and has not spread there": the words after
        # the comma still belong to the defining clause ("primary" is in them).
        return None
    cut = first[: end.start()] if end else first
    cut = re.sub(
        r"\s+(?:alone or with other drugs|under the brand names? [A-Z][\w ,-]*?)(?= to )", "", cut
    )
    words = cut.split()
    if end and end.group().startswith(", ") and "," in cut:
        return None  # cut inside a list: "treatment that adds, blocks" would end mid-list
    if (
        not 3 <= len(words) <= 12
        or len(cut) > 80
        or _VAGUE.fullmatch(cut.strip(" ,"))
        or _VAGUE_START.match(cut)
    ):
        return None
    cut = cut.strip(" ,")
    head = cut.split(" ", 1)[0]
    return cut if any(c.isupper() for c in head[1:]) else cut[0].lower() + cut[1:]


#: ", such as cancer, that ...": one example set off by commas before the clause goes on.
_EXAMPLE_ASIDE = re.compile(
    r",\s+(?:such as|including|for example|e\.g\.)\s+[^,;()]+,(?=\s+(?:that|who|whose|which|"
    r"where|when|in which|but)\s)"
)
#: What, after ", and" or ", or", goes on with the defining clause before it: a relative
#: word ("..., and that stimulates") or a negated verb ("..., and has not spread there").
_CONTINUES_CLAUSE = re.compile(
    r"(?:(?:that|which|who|whose|where)|(?:is|are|was|were|has|have|had|does|do|did|can|may)"
    r"\s+not)\b"
)
#: The longest plain explanation in brackets that may take the place of the hard word.
_GLOSS_MAX_WORDS = 6


def _gloss_hard_words(text: str, rarest: Callable[[str], float] | None) -> str | None:
    """``text`` with each hard word NCI explains in brackets replaced by that explanation
    ("the tissues of the epidermis (the outer layer of the skin)" -> "the tissues of the
    outer layer of the skin"); None when a hard word's explanation is too long to take
    its place. Without ``rarest`` the text is returned as it is."""
    if rarest is None:
        return text
    glossed = re.compile(r"(?:\b(the|an?)\s+)?\b([A-Za-z][\w-]*)\s*\(([^()]*)\)")
    out: list[str] = []
    last = 0
    for m in glossed.finditer(text):
        word, gloss = m.group(2), " ".join(m.group(3).split())
        if rarest(word) >= HARD_ZIPF:
            continue
        gloss_words = _words(gloss)
        if (
            not gloss_words
            or not gloss[:1].islower()
            or re.match(r"(?:also called|also known|such as|e\.g\.|i\.e\.|see|or |and )", gloss)
        ):
            continue  # an abbreviation, a name or a pointer: no explanation of the word
        if (
            len(gloss_words) > _GLOSS_MAX_WORDS
            or any(c.isdigit() for c in gloss)
            or rarest(gloss) < HARD_ZIPF
        ):
            return None
        det = m.group(1)
        starts_with_det = re.match(r"(?:the|an?)\s", gloss) is not None
        if det and not starts_with_det:
            gloss = f"{det} {gloss}"
        out.append(text[last : m.start()] + gloss)
        last = m.end()
    return "".join(out) + text[last:]


_VAGUE_START = re.compile(
    r"(?:any |in |the smaller|an? term used|an? laboratory test result|the part of the|"
    r"refers|a group of|one of|a benign condition)",
    re.IGNORECASE,
)
#: Cut definitions that say nothing a reader can use.
_VAGUE = re.compile(
    r"(?:an? )?(?:type of )?(?:drug|substance|drug or substance|nutrient|hormone|protein|"
    r"chemical|compound|term|mineral)(?: or substance)?",
    re.IGNORECASE,
)


def nci_explanations(
    data: Path,
    nci: dict[str, tuple[str, str]],
    covered: set[tuple[str, ...]],
    plainness: Plainness,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Entries with a short explanation for NCI terms that the building text uses at least
    NCI_MIN_USES times, that have a hard word and no entry yet."""
    matcher = nci_candidates(nci, covered, lambda term, _: plainness.rarest(term) < HARD_ZIPF)
    counts: dict[str, int] = {}
    for match in matcher.find(building_text(data)):
        counts[match.entry.term] = counts.get(match.entry.term, 0) + 1
    entries: list[dict[str, Any]] = []
    report: list[str] = []
    for term, uses in sorted(counts.items()):
        if uses < NCI_MIN_USES:
            continue
        definition = nci[term.casefold()][1]
        explanation = (
            None
            if term in NCI_DEFINITION_ONLY
            else short_explanation(definition, plainness.rarest)
        )
        entry: dict[str, Any] = {"term": term}
        if explanation:
            entry["explanation"] = explanation
        entry["definition"] = definition
        entry["source"] = NCI
        entries.append(entry)
        report.append(f"add NCI {term!r} ({uses} uses): {explanation or 'definition only'}")
    return entries, report


#: The longest NCI term (in words) taken into the dictionary entries.
NCI_DICTIONARY_WORDS = 3


def nci_dictionary(
    nci: dict[str, tuple[str, str]],
    covered: set[tuple[str, ...]],
    blocked: set[tuple[str, ...]],
    plainness: Plainness,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Definition-only entries for every other NCI term with a hard word in it.

    The entries above come from what the building text uses; a page tailor has never seen
    uses other terms ("pterygoid", "sinonasal"), and a lay reader should not meet them bare.
    NCI's patient-level definition is accurate and already written for that reader, so
    every lower-case dictionary term (no acronyms, no brand names; eponyms such as
    "Barrett esophagus" are kept whole) of at most
    NCI_DICTIONARY_WORDS words with a word rarer than HARD_ZIPF gets its definition, shown
    in Words to know: there is no swap to get wrong, and the sentence is left as written.
    A term is left out when a shorter term inside it has plain words of its own
    (``blocked``): the longest term wins, so it would hide that swap.
    """
    from tailor.glossary import key_of

    entries: list[dict[str, Any]] = []
    report: list[str] = []
    keys: set[tuple[str, ...]] = set()
    for folded, (term, definition) in sorted(nci.items()):
        key = key_of(term)
        # "Barrett esophagus", "Ewing sarcoma": a condition named after a person is one
        # term; defined whole, its last words never get a definition of their own.
        eponym = re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?(?: [a-z][a-z-]*){1,2}", term) is not None
        if (
            not key
            or len(key) > NCI_DICTIONARY_WORDS
            or key in keys
            or key in covered
            or folded in EXCLUDE
            or folded in NCI_EXCLUDE
            or not (eponym or re.fullmatch(r"[a-z][a-z -]*[a-z]", term))
            or plainness.rarest(term) >= HARD_ZIPF
        ):
            continue
        inner = (
            None
            if eponym
            else next(
                (
                    key[i:j]
                    for i in range(len(key))
                    for j in range(i + 1, len(key) + 1)
                    if (i, j) != (0, len(key)) and key[i:j] in blocked
                ),
                None,
            )
        )
        if inner is not None:
            report.append(f"skip NCI {term!r}: would hide the plain words for {' '.join(inner)!r}")
            continue
        keys.add(key)
        entries.append({"term": term, "definition": definition, "source": NCI})
    return entries, report


def add_spelling_variants(entries: list[dict[str, Any]], taken: set[tuple[str, ...]]) -> None:
    """English writes a compound open or hyphenated ("beta carotene", "beta-carotene"): a
    two-word NCI term without forms also matches its other spelling, unless that spelling
    is a term or form of another entry (``taken``, which grows as variants are added)."""
    from tailor.glossary import key_of

    for entry in entries:
        term = entry["term"]
        if not entry.get("source", "").startswith(NCI) or entry.get("forms"):
            continue
        other = term.replace(" ", "-") if " " in term else term.replace("-", " ")
        key, other_key = key_of(term), key_of(other)
        if other != term and len(key) + len(other_key) == 3 and other_key not in taken:
            taken.add(other_key)
            entry["forms"] = [other]


def _seed_keys(entries: Iterable[dict[str, Any]]) -> set[str]:
    from tailor.glossary import key_of, plurals_of

    keys: set[str] = set()
    for entry in entries:
        for form in (entry["term"], *entry.get("forms", ())):
            key = key_of(form)
            keys.add(" ".join(key))
            for plural in plurals_of(key[-1]):
                keys.add(" ".join((*key[:-1], plural)))
    return keys


def build(data: Path) -> tuple[dict[str, Any], list[str]]:
    """The glossary document and a report of what was left out and why."""
    from tailor.glossary import key_of, plurals_of
    from tailor.readability import ReadabilityScorer

    syllables = ReadabilityScorer().syllables
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    seed_entries: list[dict[str, Any]] = list(seed["entries"])
    report: list[str] = []
    general = yaml.safe_load(GENERAL.read_text(encoding="utf-8"))
    seed_keys = {" ".join(key_of(e["term"])) for e in seed_entries}
    plainness = Plainness()
    for entry in [*seed_entries, *general["entries"]]:
        unknown = set(entry) - {*FIELD_ORDER, "why"}
        if unknown:
            # An unquoted comma in a flow mapping ("{explanation: a thin, lighted tube}")
            # silently makes a new key and cuts the value: refuse it instead.
            raise SystemExit(f"build_glossary: {entry['term']!r} has unknown fields {unknown}")
    for entry in general["entries"]:
        if " ".join(key_of(entry["term"])) in seed_keys:
            report.append(f"skip general {entry['term']!r}: the seed article's entry wins")
            continue
        entry = {**entry, "source": entry.get("source", general["source"])}
        plain = entry.get("replacement")
        sense = entry.pop("why", None) == "sense"
        why = plainness.why_not_plainer(entry["term"], plain) if plain and not sense else None
        if plain and negation_count(plain) != negation_count(entry["term"]):
            # "insufficient" -> "not enough" keeps the meaning, but a swap may never add or
            # remove a negation cue (tailor.negation): the plain words go beside the term.
            why = "adds or removes a negation cue"
        if plain and why:
            # Not measurably plainer as a swap: the plain words still help, beside the term.
            report.append(f"explain general {entry['term']!r} instead of {plain!r}: {why}")
            del entry["replacement"]
            entry.pop("plural", None)
            entry.pop("countable", None)
            entry.setdefault("explanation", plain)
        seed_entries.append(entry)
    taken = _seed_keys(seed_entries)
    nci = _nci_definitions(data / NCI_FILE)
    for entry in seed_entries[len(seed["entries"]) :]:
        _define_swap(entry, nci)
    cdc = json.loads((data / CDC_FILE).read_text(encoding="utf-8"))

    rows: list[tuple[str, list[str], str]] = []
    seen: set[str] = set()
    for item in cdc:
        raw, alternatives = item["term"], item["plain_alternative"]
        cleaned = _clean_term(raw)
        if raw.strip().casefold() in EXCLUDE:
            report.append(f"skip {raw!r}: {EXCLUDE[raw.strip().casefold()]}")
            continue
        if cleaned is None:
            report.append(f"skip {raw!r}: term is not a plain phrase")
            continue
        term, forms = cleaned
        if term.casefold() in EXCLUDE:
            report.append(f"skip {raw!r}: {EXCLUDE[term.casefold()]}")
            continue
        key = " ".join(key_of(term))
        if key in seen:
            report.append(f"skip {raw!r}: listed twice in the thesaurus, first kept")
            continue
        seen.add(key)
        if key in taken:
            report.append(f"skip {raw!r}: a hand-written entry covers it")
            continue
        rows.append((term, forms, alternatives))
    known = {term.casefold() for term, _, _ in rows} | {e["term"].casefold() for e in seed_entries}

    generated: list[dict[str, Any]] = []
    for term, forms, alternatives in rows:
        candidates = _candidates(alternatives)
        preferred = PREFER.get(term.casefold())
        if preferred is not None:
            assert preferred in candidates or preferred in alternatives, (term, preferred)
            candidates = [preferred]
        plain = None
        reasons = []
        for candidate in candidates:
            why = _acceptable(term, candidate, known, syllables)
            if preferred is not None and why and why.startswith("harder"):
                why = None  # an editor's explicit choice among CDC's own alternatives
            if why is None:
                plain = candidate
                break
            reasons.append(f"{candidate!r} {why}")
        found = nci.get(term.casefold())
        if found is None and term.casefold().endswith("s"):
            found = nci.get(term.casefold()[:-1])
        definition = found[1] if found and term.casefold() not in NO_NCI_DEFINITION else None
        if plain is None:
            description = next(
                (
                    g.strip()
                    for g in alternatives.split(";")
                    if len(_words(g)) >= 4 and not any(c in g for c in '()/"“”')
                ),
                None,
            )
            if definition is None and description is not None:
                definition = description[0].upper() + description[1:].rstrip(".") + "."
            if definition is None:
                report.append(f"skip {term!r}: no drop-in alternative ({'; '.join(reasons)})")
                continue
            report.append(f"define {term!r} only: no drop-in alternative")
            only: dict[str, Any] = {"term": term}
            if forms:
                only["forms"] = forms
            only["definition"] = definition
            only["source"] = f"{NCI}" if term.casefold() in nci else CDC
            generated.append(only)
            continue
        entry: dict[str, Any] = {"term": term}
        if forms:
            entry["forms"] = forms
        entry["replacement"] = plain
        if definition:
            entry["definition"] = definition
        entry["source"] = f"{CDC}; {NCI} (definition)" if definition else CDC
        generated.append(entry)
    generated.sort(key=lambda e: e["term"].casefold())

    # Any remaining clash with a generated plural of another term is resolved for the seed.
    keys_seen: set[str] = set(taken)
    final: list[dict[str, Any]] = []
    for entry in generated:
        key = key_of(entry["term"])
        own = {" ".join(key), *(" ".join((*key[:-1], p)) for p in plurals_of(key[-1]))}
        if " ".join(key) in keys_seen:
            report.append(f"skip {entry['term']!r}: clashes with another entry's plural")
            continue
        keys_seen |= own
        final.append(entry)
    hpo, hpo_report = hpo_entries(data, plainness, set(keys_seen))
    report.extend(hpo_report)
    for entry in hpo:
        key = key_of(entry["term"])
        keys_seen |= {" ".join(key), *(" ".join((*key[:-1], p)) for p in plurals_of(key[-1]))}
    final.extend(hpo)
    blocked = {
        " ".join(key_of(f))
        for e in [*seed_entries, *final]
        if e.get("replacement")
        for f in (e["term"], *e.get("forms", ()))
    }
    covered = {key_of(k) for k in keys_seen}
    jargon, jargon_report = _nci_jargon(data, nci, blocked, covered)
    report.extend(jargon_report)
    for entry in jargon:
        explanation = (
            None
            if entry["term"] in NCI_DEFINITION_ONLY
            else short_explanation(entry["definition"], plainness.rarest)
        )
        if explanation:
            entry["explanation"] = explanation
        covered.add(key_of(entry["term"]))
    explained, explained_report = nci_explanations(data, nci, covered, plainness)
    report.extend(explained_report)
    jargon.extend(explained)
    covered |= {key_of(e["term"]) for e in explained}
    plain_keys = {
        key_of(f)
        for e in [*seed_entries, *final, *jargon]
        if e.get("replacement") or e.get("explanation")
        for f in (e["term"], *e.get("forms", ()))
    }
    dictionary, dictionary_report = nci_dictionary(nci, covered, plain_keys, plainness)
    report.extend(dictionary_report)
    jargon.extend(dictionary)
    add_spelling_variants(
        jargon,
        {
            key_of(f)
            for e in [*seed_entries, *final, *jargon]
            for f in (e["term"], *e.get("forms", ()))
        },
    )
    final = sorted([*final, *jargon], key=lambda e: e["term"].casefold())
    _plain_explanations(jargon, [*seed_entries, *final], plainness)
    supported = _supported_fields()

    def finish(entry: dict[str, Any]) -> dict[str, Any] | None:
        return _fit(_guard_compounds(_explain_hard_words_only(entry, plainness)), supported)

    seed_entries = [f for f in map(finish, seed_entries) if f is not None]
    final = [f for f in map(finish, final) if f is not None]
    document = {
        "name": seed.get("name", "default"),
        "locale": seed.get("locale", "en"),
        "description": seed.get("description", ""),
        "entries": [*seed_entries, *final],
    }
    return document, report


# --- Spanish -------------------------------------------------------------------------------

SEED_ES = ROOT / "scripts" / "glossary" / "seed-es.yaml"
OUTPUT_ES = ROOT / "glossaries" / "es-default.yaml"


class SpanishPlainness:
    """The Spanish side of "plainer": the Spanish grade (SOL) counts words of three or more
    syllables, so a replacement may not have more of them than its term, nor rarer words
    (wordfreq Zipf, Spanish) than the term's rarest."""

    def __init__(self) -> None:
        from wordfreq import zipf_frequency

        from tailor.readability import ReadabilityScorer

        self._zipf = zipf_frequency
        self._syllables = ReadabilityScorer().syllables

    def _long_words(self, phrase: str) -> int:
        return sum(1 for w in _words(phrase) if self._syllables(w, "es") >= 3)

    def _rarest(self, phrase: str) -> float:
        return min((self._zipf(w, "es") for w in _words(phrase)), default=0.0)

    def why_not_plainer(self, term: str, plain: str) -> str | None:
        long_plain, long_term = self._long_words(plain), self._long_words(term)
        if long_plain > long_term:
            return f"more words of 3+ syllables ({long_plain} vs {long_term})"
        if self._rarest(plain) < min(HARD_ZIPF, self._rarest(term) - SAME_ZIPF):
            return f"a rarer word (Zipf {self._rarest(plain):.2f} vs {self._rarest(term):.2f})"
        return None


def build_spanish() -> tuple[dict[str, Any], list[str]]:
    """The Spanish glossary document from its seed, each swap held to the Spanish rule."""
    seed = yaml.safe_load(SEED_ES.read_text(encoding="utf-8"))
    plainness = SpanishPlainness()
    supported = _supported_fields()
    report: list[str] = []
    entries: list[dict[str, Any]] = []
    for raw in seed["entries"]:
        entry = {**raw, "source": raw.get("source", seed["source"])}
        plain = entry.get("replacement")
        why = plainness.why_not_plainer(entry["term"], plain) if plain else None
        if plain and negation_count(plain, "es") != negation_count(entry["term"], "es"):
            why = "adds or removes a negation cue"
        if plain and why:
            # A paraphrase longer in long words makes Spanish prose harder: define instead.
            report.append(f"define es {entry['term']!r} instead of {plain!r}: {why}")
            del entry["replacement"]
            entry.pop("plural", None)
            entry.setdefault("definition", plain[0].upper() + plain[1:] + ".")
        fitted = _fit(entry, supported)
        if fitted is not None:
            entries.append(fitted)
    document = {
        "name": seed["name"],
        "locale": seed["locale"],
        "description": seed.get("description", ""),
        "entries": entries,
    }
    return document, report


HEADER_ES = """\
# tailor's bundled Spanish glossary (the "default" layer for articles in locale es).
# GENERATED: do not edit by hand. Edit scripts/glossary/seed-es.yaml, then run
#   python scripts/build_glossary.py
# The shared public-domain sources are English only, so every entry is a standard lay
# equivalent chosen by tailor's editors: source "tailor". Each replacement agrees with its
# term in gender and number, has no more words of 3+ syllables than the term (the Spanish
# grade counts those) and no rarer words; a negation stays a negation, units stay.
"""


HEADER = """\
# tailor's bundled English glossary (the "default" layer). GENERATED: do not edit by hand.
# Edit scripts/glossary/seed-en.yaml or scripts/build_glossary.py, then run
#   python scripts/build_glossary.py        (reads ../shared/data)
# Sources, kept on every entry:
#   "CDC PLT" = CDC, Plain Language Thesaurus for Health Communications, Draft 3 (2007),
#               https://stacks.cdc.gov/view/cdc/11500, US federal work, public domain;
#   "NCI"     = National Cancer Institute, NCI Dictionary of Cancer Terms (definitions; the
#               definition-only NCI entries are terms NCI's PDQ Health Professional pages
#               use far more often than its Patient pages),
#               https://www.cancer.gov/publications/dictionaries/cancer-terms, public domain,
#               courtesy of the National Cancer Institute;
#   "Human Phenotype Ontology (2025-01-16) HP:nnnnnnn" = HPO release hp/releases/2025-01-16,
#               a layperson synonym of the named term, https://hpo.jax.org (free to use with
#               attribution; this file is not the HPO and does not present itself as it);
#   "tailor"  = a standard lay equivalent chosen by tailor's editors where no source has
#               the term (scripts/glossary/general-en.yaml).
# Replacements keep the meaning: a negation stays a negation, units and doses stay.
"""


def render(document: dict[str, Any], header: str | None = None) -> str:
    body = yaml.safe_dump(
        {"name": document["name"], "locale": document["locale"]},
        sort_keys=False,
        allow_unicode=True,
    )
    body += yaml.safe_dump(
        {"description": document["description"]},
        sort_keys=False,
        allow_unicode=True,
        width=96,
    )
    body += yaml.safe_dump(
        {"entries": document["entries"]}, sort_keys=False, allow_unicode=True, width=96
    )
    return (HEADER if header is None else header) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared/data folder")
    parser.add_argument("--check", action="store_true", help="fail if the output would change")
    parser.add_argument("--report", action="store_true", help="list what was left out and why")
    args = parser.parse_args(argv)
    data = args.data or next((d for d in DATA_CANDIDATES if d.is_dir()), None)
    if data is None or not (data / CDC_FILE).is_file():
        print("build_glossary: no shared/data folder found; pass --data", file=sys.stderr)
        return 2
    document, report = build(data)
    text = render(document)
    document_es, report_es = build_spanish()
    text_es = render(document_es, HEADER_ES)
    report.extend(report_es)
    if args.report:
        print("\n".join(report))
    count = len(document["entries"])
    if args.check:
        for path, wanted in ((OUTPUT, text), (OUTPUT_ES, text_es)):
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != wanted:
                print(f"build_glossary: {path} is out of date; run the script", file=sys.stderr)
                return 1
        print(f"build_glossary: {OUTPUT.name} is up to date ({count} entries)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    OUTPUT_ES.write_text(text_es, encoding="utf-8")
    from tailor.errors import GlossaryError
    from tailor.glossary import CompiledGlossary, Glossary

    for path in (OUTPUT, OUTPUT_ES):
        try:  # the file must load and compile in the tailor it was built for
            CompiledGlossary([Glossary.from_file(path)])
        except GlossaryError as exc:
            print(f"build_glossary: the written file is invalid: {exc}", file=sys.stderr)
            return 1
    print(f"build_glossary: wrote {count} entries to {OUTPUT} ({len(report)} left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
