"""Sentences: prose cut into the sentences readability formulas count.

Every language tailor scores shares one splitter; what differs (the abbreviations whose
full stop ends no sentence) comes from :mod:`tailor.readability.languages`.
"""

from __future__ import annotations

import re

from ..lexical import URL_IN_TEXT
from .languages import LANGUAGES, language

__all__ = ["as_sentence", "clean_prose", "split_sentences"]

# Abbreviations whose full stop never ends a sentence, whatever follows ("Dr. Smith",
# "e.g. Baclofen", "vs. Placebo", "approx. 80%"), in every language tailor scores: a
# text's language is not known to the splitter. Units ("mg") take no full stop, so a
# full stop after them ends the sentence; "etc." and "Inc." usually end one too.
_ABBREVIATIONS = frozenset(a for lang in LANGUAGES for a in language(lang).abbreviations)
# Abbreviations that only abbreviate before a number ("No. 5"); "No. Ask first." ends one.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "pp", "p", "n", "nº"})
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[¿¡]?[A-Z0-9À-ÝÑ])")
_TAIL_TOKEN = re.compile(r"((?:\b|(?<=\s))[^\s(\[\"'“‘]+)\.$")
#: How far back from a full stop the word before it is looked for. An abbreviation, an
#: initial or a dotted acronym is far shorter; the bound keeps each break's test constant,
#: so 100,000 "Dr." in a row cost linear time rather than quadratic.
_TAIL_WINDOW = 64
#: A citation marker with the white space before it. ``(?<!\s)`` lets the leading ``\s*``
#: start only where a run of white space starts: without it, each of 300,000 spaces would
#: rescan the rest of the run looking for a "[" (quadratic time).
_CITATION = re.compile(r"(?<!\s)\s*\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\]")
_URL = re.compile(URL_IN_TEXT)
#: A lower-case noun that names things by a letter ("vitamin D", "hepatitis B", "type A"):
#: the letter after it is no initial, so its full stop may end the sentence ("... and
#: vitamin D. Multivitamin use ...").
_LETTER_NAMED = re.compile(
    r"\b(?i:vitamins?|hepatitis|types?|groups?|class|grades?|stages?|phases?|arms?|parts?|"
    r"factors?|proteins?|kinases?|receptors?|chromogranin|influenza|cohorts?|levels?|"
    r"schedules?|appendix|tables?|figures?|panels?|zones?|categor(?:y|ies)|subtypes?)"
    r" [A-Z]\.$"
)


def clean_prose(text: str) -> str:
    """The words a reader reads: citation markers ("[1, 2]") and URLs removed, spaces folded.

    Readability formulas count words; a URL is not one, and "[3]" is not read aloud.
    """
    # Most sentences hold neither; the substring tests cost far less than the patterns.
    if "[" in text:
        text = _CITATION.sub("", text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    if "\n" in text:  # line breaks are kept: each line of a list is read on its own
        return "\n".join(folded for line in text.split("\n") if (folded := " ".join(line.split())))
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking on "Dr.", "e.g.", "vs.", "2.5 mg", "approx.".

    A break needs a full stop, "?" or "!" followed by space and a capital or a digit, so
    "2.5 mg" and "Dr.Oracle" never break; the word before the stop must not be an
    abbreviation, an initial ("J. Smith") or a dotted acronym ("U.S"). A line break ends a
    sentence too: the items of a list shown as a list are read one per line.
    """
    if "\n" in text:
        return [s for line in text.split("\n") for s in split_sentences(line)]
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        end = m.end(1)  # closing quotes and brackets stay with their sentence
        if m.start() > start and text[m.start() - 1] == ".":
            # Only the last word matters; a bounded window keeps this constant per break.
            window = text[max(start, m.start() - _TAIL_WINDOW) : m.start()]
            tail = _TAIL_TOKEN.search(window, max(0, window.rfind(" ")))
            raw = tail.group(1) if tail else ""
            token = raw.lower()
            following = text[m.end() : m.end() + 1]
            acronym = len(raw) > 1 and raw.isalpha() and raw.isupper()  # "MS." is not "Ms."
            if (token in _ABBREVIATIONS and not acronym) or re.fullmatch(
                r"(?:[^\W\d_]\.)+[^\W\d_]", token
            ):
                continue
            if token in _NUMBER_ABBREVIATIONS and following.isdigit():
                continue
            if len(token) == 1 and token.isalpha() and not _LETTER_NAMED.search(window):
                continue  # an initial, "J. Smith"; but "vitamin D." ends a sentence
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def as_sentence(text: str) -> str:
    """Bullet points often lack a full stop; each still counts as a sentence."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."
