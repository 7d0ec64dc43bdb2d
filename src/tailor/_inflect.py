"""English inflection for glossary terms and their plain replacements.

A replacement must take the form of the word it replaces: "administered" -> "given",
"contraceptives" -> "birth control" (uncountable), "NSAIDs" -> "pain relievers like
ibuprofen" (the head noun, not the last word). Irregular forms come from ``lemminflect``,
which ships its tables as package data (nothing is downloaded); it is imported on first
use so ``import tailor`` stays light, and regular rules cover what it does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "VERB_TAGS",
    "can_be_adjective",
    "can_be_noun",
    "gradable",
    "inflect_verb_phrase",
    "inflected_verb",
    "known_word",
    "noun_plurals",
    "participle",
    "pluralise_phrase",
    "regular_plural",
    "regular_verb_forms",
    "verb_forms",
]


def _set(words: str) -> frozenset[str]:
    """A set of words written as one string, for word lists a reader can scan."""
    return frozenset(words.split())


#: The verb forms a match can take: third person, past (-ed), past participle, -ing.
VERB_TAGS = ("VBZ", "VBD", "VBN", "VBG")

#: Words that start what follows a head noun ("pain reliever LIKE ibuprofen", "medicine
#: THAT slows the brain"): the head is the word before the first of them.
_POSTMODIFIER_STARTS = frozenset(
    [
        "of",
        "for",
        "with",
        "like",
        "that",
        "which",
        "who",
        "whose",
        "in",
        "on",
        "to",
        "from",
        "by",
        "such",
        "used",
        "caused",
        "given",
        "called",
        "made",
        "around",
        "inside",
        "outside",
        "into",
        "at",
        "without",
        "than",
        "when",
        "where",
        "after",
        "before",
        "during",
    ]
)
_RELATIVE = frozenset({"that", "which", "who"})
_AGREEMENT = {"is": "are", "was": "were", "has": "have", "does": "do"}


def regular_plural(word: str) -> str:
    """The regular English plural of one word ("cyst" -> "cysts", "diagnosis" -> "diagnoses")."""
    if word.endswith("sis"):
        return word[:-2] + "es"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _lemminflect_all(word: str, upos: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllInflections

    found: dict[str, tuple[str, ...]] = getAllInflections(word, upos=upos)
    return found


@lru_cache(maxsize=8192)
def noun_plurals(word: str) -> tuple[str, ...]:
    """Plurals of a case-folded noun: the dictionary's (irregular ones included) and the
    regular one, so "criterion" matches "criteria" and "cyst" matches "cysts"."""
    found = list(_lemminflect_all(word, "NOUN").get("NNS", ()))
    regular = regular_plural(word)
    if regular not in found:
        found.append(regular)
    return tuple(p for p in found if p != word)


@lru_cache(maxsize=8192)
def gradable(word: str) -> bool:
    """Whether an adjective grades ("low" -> "lower"): a describing word, where a noun used
    as an adjective ("side", "digestive") has no comparative in the dictionary."""
    return bool(_lemminflect_all(word.lower(), "ADJ").get("JJR"))


@lru_cache(maxsize=8192)
def verb_forms(word: str) -> dict[str, tuple[str, ...]]:
    """The inflected forms of a verb in the base form, by Penn tag (VBZ, VBD, VBN, VBG).

    From the dictionary when it knows the verb, else by the regular rules ("titrate" ->
    "titrates", "titrated", "titrating"; "refer" -> "referred" is the dictionary's).
    """
    table = _lemminflect_all(word, "VERB")
    forms: dict[str, tuple[str, ...]] = {}
    for tag in VERB_TAGS:
        # The dictionary may list a regular past only once, as VBD: it is the VBN too.
        known = table.get(tag) or (table.get("VBD") if tag == "VBN" else None)
        forms[tag] = tuple(known) if known else (_regular_verb(word, tag),)
    return forms


def regular_verb_forms(word: str) -> dict[str, str]:
    """The regular -s, -ed and -ing forms of a verb, by tag; "ED" is the -ed form, which is
    both past tense and past participle ("administered")."""
    return {
        "VBZ": _regular_verb(word, "VBZ"),
        "ED": _regular_verb(word, "VBD"),
        "VBG": _regular_verb(word, "VBG"),
    }


def _regular_verb(word: str, tag: str) -> str:
    if tag == "VBZ":
        return regular_plural(word) if not word.endswith("sis") else word + "es"
    stem = word
    if tag == "VBG":
        if word.endswith("ie"):
            return word[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
            stem = word[:-1]
        return stem + "ing"
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


@lru_cache(maxsize=4096)
def _inflect_word(word: str, tag: str) -> str:
    lower = word.lower()
    forms = verb_forms(lower)[tag]
    found = forms[0]
    if word[:1].isupper():
        found = found[:1].upper() + found[1:]
    return found


def inflect_verb_phrase(phrase: str, tag: str) -> str:
    """``phrase`` (a verb in the base form, perhaps with more words) with its first word in
    the form ``tag``: ("give by mouth", "VBN") -> "given by mouth"."""
    first, sep, rest = phrase.partition(" ")
    if not first.isalpha() or tag not in VERB_TAGS:
        return phrase
    joined = re.fullmatch(r"(and|or) ([a-z]+)", rest)
    if joined:
        # "eat or drink" -> "eaten or drunk": two verbs joined share the form.
        return f"{_inflect_word(first, tag)} {joined[1]} {_inflect_word(joined[2], tag)}"
    return _inflect_word(first, tag) + sep + rest


def pluralise_phrase(phrase: str) -> str:
    """The plural of a noun phrase, made on its head noun.

    "pain reliever like ibuprofen" -> "pain relievers like ibuprofen"; "medicine that
    slows the brain" -> "medicines that slow the brain" (a relative clause's verb agrees).
    """
    words = phrase.split(" ")
    head = len(words) - 1
    for i, word in enumerate(words[1:], 1):
        if word.lower() in _POSTMODIFIER_STARTS or participle(word):
            head = i - 1  # "molecule found in blood": the head is before the participle
            break
    word = words[head]
    plural = noun_plurals(word.lower())[0] if word.isalpha() else regular_plural(word)
    if word[:1].isupper():
        plural = plural[:1].upper() + plural[1:]
    words[head] = plural
    after = head + 1
    if after + 1 < len(words) and words[after].lower() in _RELATIVE:
        # The relative clause's verbs agree: "studies that put people into groups and
        # compare them", each verb after "and"/"or" too.
        words[after + 1] = _singular_verb_to_plural(words[after + 1])
        for i in range(after + 2, len(words) - 1):
            if words[i].lower() in ("and", "or") and inflected_verb(words[i + 1]):
                words[i + 1] = _singular_verb_to_plural(words[i + 1])
    return " ".join(words)


def _singular_verb_to_plural(verb: str) -> str:
    """ "slows" -> "slow", "is" -> "are": a verb after "that" agrees with a plural head."""
    lower = verb.lower()
    if lower in _AGREEMENT:
        return _AGREEMENT[lower]
    if not lower.isalpha() or len(lower) < 3 or not lower.endswith("s") or lower.endswith("ss"):
        return verb
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    return verb[:-1]


@lru_cache(maxsize=4096)
def can_be_adjective(word: str) -> bool:
    """Whether the dictionary knows ``word`` as an adjective ("adult", "young", "surgical")."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower(), upos="ADJ"))


@lru_cache(maxsize=4096)
def can_be_noun(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a noun ("cancer", "screening")."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower(), upos="NOUN"))


@lru_cache(maxsize=4096)
def can_be_verb(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a verb ("use", "screen"; not "cancer")."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower(), upos="VERB"))


@lru_cache(maxsize=4096)
def known_word(word: str) -> bool:
    """Whether the dictionary knows ``word`` at all, as any part of speech; a medical
    term or a name it lacks is not ("melanoma" is known, "nasopharyngeal" is not)."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


@lru_cache(maxsize=4096)
def inflected_verb(word: str) -> bool:
    """Whether ``word`` is a verb in an inflected form ("helps", "showed", "took"): after a
    noun it starts the predicate, so the noun phrase has ended there."""
    from lemminflect import getAllLemmas

    lower = word.lower()
    lemmas = getAllLemmas(lower, upos="VERB").get("VERB", ())
    return any(lemma != lower for lemma in lemmas)


@lru_cache(maxsize=4096)
def participle(word: str) -> bool:
    """Whether ``word`` is a verb's past participle ("found", "given", "caused")."""
    from lemminflect import getAllLemmas

    lower = word.lower()
    if not lower.isalpha() or len(lower) < 4:
        return False
    for lemma in getAllLemmas(lower, upos="VERB").get("VERB", ()):
        if lemma != lower and lower in verb_forms(lemma)["VBN"]:
            return True
    return False
