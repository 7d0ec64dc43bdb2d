"""Stage 3, transform: glossary substitution on the text nodes of a selected article.

Works on model text, never on rendered markup, the way a pandoc filter touches only
``Str`` nodes. Numbers with their units, URLs, quoted names and the disclaimer are never
touched; every change is recorded as a :class:`Substitution` so editors can review it.
Editor rewordings are taken as written: an editor has already chosen those words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .._inflect import (
    can_be_adjective,
    can_be_noun,
    can_be_verb,
    gradable,
    inflect_verb_phrase,
    inflected_verb,
    known_word,
    noun_plurals,
    pluralise_phrase,
    regular_plural,
    verb_forms,
)
from ..audience import JargonMode
from ..errors import Loc, OutputLimitError
from ..glossary import (
    EXPLANATION_INLINE_CHARS,
    EXPLANATION_INLINE_WORDS,
    WORD_RE,
    CompiledGlossary,
    GlossaryEntry,
    Match,
    PartOfSpeech,
)
from ..i18n import language_of
from ..lexical import key_of, protected_spans
from .types import (
    SelectedArticle,
    SelectedSection,
    Span,
    Substitution,
    TextNode,
    TransformedArticle,
)

__all__ = [
    "at_sentence_start",
    "rewrite_text",
    "transform",
]

_CLOSERS = frozenset("'\")]”’»")
_ENDERS = frozenset(".!?:")
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|An?|AN?)(\s+)$")
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w'’-])(?:a|an|the|this|that|any|no|each|every|some|his|her|their|your|its|our|my)"
    r"\s+$",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:a|an)\s+", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s/-]+([^\W\d_][\w'’-]*)")
_CAPITALS_AFTER = re.compile(r"[ /-][A-Z][A-Z0-9]+(?![\w'’])")
_CAPITALS_BEFORE = re.compile(r"(?<![\w'’])[A-Z][A-Z0-9]+[ /-]$")


def at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence: the text's start, or after ". " and the like.

    Scans backwards over white space and closing quotes instead of searching the whole
    prefix, so it costs the same however long the text is.
    """
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0:
        return True
    if i == start - 1:
        return False  # no space before: inside a word or after an opening bracket
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i >= 0 and text[i] in _ENDERS


def _tail(text: str, size: int = 24) -> tuple[str, str]:
    """The last ``size`` characters of ``text`` and the one before them (or "")."""
    if len(text) <= size:
        return text, ""
    return text[-size:], text[-size - 1]


class _Brackets:
    """Whether a position is outside brackets, counted once along the text as the matches
    advance: counting from the start for every match made a long text quadratic."""

    __slots__ = ("at", "closes", "opens", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.opens = 0
        self.closes = 0

    def outside(self, pos: int) -> bool:
        """As many ")" as "(" before ``pos`` (positions asked in increasing order)."""
        if pos < self.at:  # never happens in one pass; counted afresh if it does
            self.at = self.opens = self.closes = 0
        self.opens += self.text.count("(", self.at, pos)
        self.closes += self.text.count(")", self.at, pos)
        self.at = pos
        return self.opens <= self.closes


def _said_before(words: list[str], plain: str, before: str) -> bool:
    """Whether ``plain`` occurs in ``before``, not straight after a word character or "-".

    A string search, not a regex built per entry: with thousands of entries the regex
    cache overflowed and every match compiled a pattern (the glossary benchmark spent
    half its time in ``re.compile``).
    """
    if words and words[0] not in before:
        return False
    at = before.find(plain)
    while at >= 0:
        c = before[at - 1] if at else ""
        if not (c == "-" or (c and (c.isalnum() or c == "_"))):
            return True
        at = before.find(plain, at + 1)
    return False


def _word_char(c: str) -> bool:
    return bool(c) and (c.isalnum() or c in "_-'’")


def _starts_with_vowel_sound(words: str) -> bool:
    w = words.lstrip("\"'(“‘").lower()
    if not w:
        return False
    if w.startswith(("uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once", "ewe")):
        return False
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    first = words.lstrip("\"'(“‘").split(" ", 1)[0]
    if _shouting(first) and len(first) <= 5:
        # An initialism is read letter by letter: "an MRI", "an NSAID", "a UTI".
        return first[0] in "AEFHILMNORSX"
    return w[0] in "aeiou"


#: A credit that starts a citation: "Reprinted with permission from AJCC: Renal pelvis and
#: ureter. In: ..." (a table footnote may glue its letter on: "aReprinted").
_CITATION = re.compile(
    r"(?:(?<![^\W\d_])|(?<=\b[a-z]))(?:Reprinted|Adapted|Reproduced|reprinted|reproduced)"
    r"\s+(?:with\s+permission\s+)?from\s"
)


def _with_citations(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``protected`` and, when ``text`` holds a reprint credit, everything from it on.

    What follows "Reprinted with permission from" is a cited source: chapter and book
    titles ("Renal pelvis and ureter"), authors, editions. A title is a name and is never
    rewritten; the credit runs to the end of its footnote, so the rest is left as written.
    """
    found = _CITATION.search(text)
    if found is None:
        return protected
    start = found.start()
    return [(s, e) for s, e in protected if e <= start] + [(start, len(text))]


def _is_proper_name(text: str, match: Match, sentence_start: bool, heading: bool) -> bool:
    """A match in capitals inside sentence-case text is part of a name, never rewritten.

    "the Central Nervous System Atypical Teratoid/Rhabdoid Tumor Registry" is a registry,
    "the Society for Perioperative Assessment" an organisation: a Title-Case run mid-
    sentence, or one that starts a sentence and goes on past the match. An acronym the
    glossary spells in capitals ("CNS") is still a term, and so is a term the glossary
    itself writes with a capital.
    """
    if match.acronym:
        # "(CNS PNET)", "AT/RT CNS": an acronym next to another is part of a longer one;
        # "the Treatment of Recurrent Childhood CNS Atypical Teratoid ... section": one
        # between Title-Case words in running text is part of a cited title.
        end = match.end + len(match.possessive)
        return bool(
            _CAPITALS_AFTER.match(text, end)
            or _CAPITALS_BEFORE.search(text, 0, match.start)
            or (
                not heading
                and not sentence_start
                and _TITLE_BEFORE.search(text, max(0, match.start - 40), match.start)
                and _TITLE_AFTER.match(text, end)
            )
        )
    if _named_by_initials(text, match) or _inside_expansion(text, match):
        return True
    if _named_scale(text, match, sentence_start):
        return True
    if heading:
        return False
    original = text[match.start : match.end]
    if original == original.lower() or _shouting(original):
        return False
    term = match.entry.term
    if term[:1].isupper():
        return False
    if not _capitalised(original):
        return False
    if not sentence_start:
        return True
    nxt = _NEXT_WORD.match(text, match.end + len(match.possessive))
    return nxt is not None and nxt.group(1)[:1].isupper()


#: Words that end the name of a scale, index or instrument ("Elixhauser comorbidity index").
_NAME_HEADS = (
    r"index|indices|score|scores|scale|scales|criteria|classification|questionnaire|"
    r"inventory|checklist|staging system"
)
_NAMED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z][\w'’-]*)\s+$")
_NAME_HEAD_AFTER = re.compile(r"\s+(?:" + _NAME_HEADS + r")(?![\w'’-])", re.IGNORECASE)


def _named_scale(text: str, match: Match, sentence_start: bool) -> bool:
    """ "the Elixhauser comorbidity index", "the Charlson comorbidity score": a capitalised
    name right before the term and a word that heads a named instrument right after it make
    the three one name, left as written (a scale's name is not a plain-words matter)."""
    if sentence_start:
        return False
    before = _NAMED_BEFORE.search(text, max(0, match.start - 40), match.start)
    if before is None:
        return False
    return _NAME_HEAD_AFTER.match(text, match.end + len(match.possessive)) is not None


_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")
#: A capitalised word (not in capitals) right before or after a match: a Title-Case run.
_TITLE_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*\s+$")
_TITLE_AFTER = re.compile(r"\s+[A-Z][a-z][\w'’-]*")
_INITIALS_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
#: Matched in place (``pattern.match(text, pos)``): slicing ``text[end:]`` per match made
#: a long text with many capitalised terms quadratic.
_CAPITALISED_NEXT = re.compile(r"\s+([A-Z][\w'’-]*)(?=[\s(])")


def _named_by_initials(text: str, match: Match) -> bool:
    """ "Multiple Endocrine Neoplasia (MEN)": capitalised words followed by their own
    initials in brackets are a name, in a heading or not."""
    original = text[match.start : match.end]
    if not original[:1].isupper() or _shouting(original):
        return False
    # The run of capitalised words around the match, and what follows it.
    start = match.start
    while True:
        m = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
        if m is None:
            break
        start -= len(m.group(0))
    end = match.end
    while True:
        m = _CAPITALISED_NEXT.match(text, end)
        if m is None or m.group(1).isupper():
            break
        end = m.end()
    acronym = _INITIALS_AFTER.match(text, end)
    if acronym is None:
        return False
    initials = "".join(w[0] for w in _TITLE_WORD.findall(text[start:end]))
    letters = acronym.group(1).upper()
    return len(letters) >= 2 and initials.upper().endswith(letters)


#: Initials in brackets after an expansion: "(HNPCC)", "(FAP)".
_EXPANSION_INITIALS = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,7}s?)\)")
_EXPANSION_WORD = re.compile(r"[A-Za-z][\w'’]*")
#: Words an expansion skips in its initials ("hereditary breast and ovarian cancer", HBOC).
_EXPANSION_SKIPS = frozenset(["and", "or", "of", "the", "in", "for", "with", "to", "a", "an"])


def _inside_expansion(text: str, match: Match) -> bool:
    """ "hereditary nonpolyposis colorectal cancer (HNPCC)": a part of a longer name written
    out before its initials is part of that name; rewritten, the reader can no longer match
    the name to its initials ("inherited nonpolyposis ... (HNPCC)"). The term being the
    whole expansion ("central nervous system (CNS)") is left to the acronym rules."""
    tail = re.match(r"[^.;:!?()\[\]]{0,80}?(?=\s*\([A-Z])", text[match.end : match.end + 90])
    if tail is None:
        return False
    initials_at = match.end + tail.end()
    found = _EXPANSION_INITIALS.match(text, initials_at)
    if found is None:
        return False
    letters = found.group(1).rstrip("s").lower()
    after = _EXPANSION_WORD.findall(tail.group(0))
    head = text[max(0, match.start - 60) : match.start]
    before = _EXPANSION_WORD.findall(head)[-4:]
    own = _EXPANSION_WORD.findall(text[match.start : match.end])
    for back in range(len(before) + 1):
        words = [*before[len(before) - back :], *own, *after]
        if back == 0 and not after:
            return False  # the match is the whole expansion
        initials = [w[0].lower() for w in words if w.lower() not in _EXPANSION_SKIPS]
        if (
            len(initials) >= 2
            and initials[0] == letters[0]
            and initials[-1] == letters[-1]
            and _subsequence(initials, letters)
        ):
            return True
    return False


def _subsequence(short: list[str], long: str) -> bool:
    """Whether the letters of ``short`` appear in ``long`` in order."""
    it = iter(long)
    return all(c in it for c in short)


def _shouting(original: str) -> bool:
    return len(original) > 1 and original.isupper()


def _match_case(
    source: str, plain: str, sentence_start: bool, acronym: bool, named: bool = False
) -> str:
    """Give ``plain`` the capitalisation ``source`` had where it says something.

    A sentence-initial capital carries over ("Spasticity" -> "Muscle stiffness"), and so
    does a capital the writer put mid-line to start an item ("M1 = Distant metastasis" ->
    "M1 = Distant spread": a capitalised name there was left as written before this; a
    term the glossary itself writes with a capital, ``named``, is a name's own); text
    in capitals that is not an acronym stays in capitals ("SEDATION" -> "SLEEPINESS"); an
    acronym's replacement keeps its own case, which is how the glossary writes it.
    """
    if not acronym and _shouting(source) and len(source) > 3:
        return plain.upper()
    if (sentence_start or not (acronym or named)) and source[:1].isupper() and plain[:1].islower():
        return plain[0].upper() + plain[1:]
    return plain


def _pluralise(words: str) -> str:
    """The phrase with its last word in the regular plural: for text that is not English,
    where tailor has no dictionary of forms (Spanish plurals too end in -s or -es)."""
    head, _, last = words.rpartition(" ")
    last = regular_plural(last)
    return f"{head} {last}" if head else last


def _fix_articles(before: str, shown: str, floor: int = 0) -> tuple[str, str]:
    """Make the words before a replacement agree with it.

    "an intrathecal pump" -> "a spinal pump"; and a replacement that brings its own
    article ("a lower dose") drops it after another determiner, so "the dosage reduction"
    reads "the lower dose", never "the a lower dose".
    """
    window, prev = _tail(before)
    if _LEADING_ARTICLE.match(shown):
        det = _DETERMINER_BEFORE.search(window)
        if det and not (det.start() == 0 and _word_char(prev)):
            shown = _LEADING_ARTICLE.sub("", shown, count=1)
    fixed = _ARTICLE_BEFORE.search(window)
    if fixed is None or (fixed.start() == 0 and _word_char(prev)):
        return before, shown
    article_word = fixed.group(1)
    new_article = "an" if _starts_with_vowel_sound(shown) else "a"
    if article_word.isupper() and len(article_word) > 1:
        new_article = new_article.upper()
    elif article_word[0].isupper():
        new_article = new_article.capitalize()
    cut = len(before) - len(window) + fixed.start(1)
    if cut < floor:
        return before, shown
    return before[:cut] + new_article + fixed.group(2), shown


class _Rewriter:
    """Applies one audience's jargon mode across an article, remembering first uses.

    One rewriter serves one article for one audience: "explain on first use" and
    acronyms shown beside their plain words are first uses across the whole article.
    """

    def __init__(
        self,
        glossary: CompiledGlossary,
        mode: JargonMode,
        after_explain: str,
        audience: str,
        mark_terms: bool,
        english: bool = True,
        max_chars: int | None = None,
        article_id: str | None = None,
    ) -> None:
        self.glossary = glossary
        # The text written so far, against the rendering's size limit: a long replacement
        # used thousands of times is refused as it passes the limit, not after filling memory.
        self.max_chars = max_chars
        self.written = 0
        self.article_id = article_id
        # a/an agreement is English grammar: in Spanish "a" is a preposition ("llevar a").
        self.english = english
        self.mark_terms = mark_terms
        self.mode = mode
        self.after_explain = after_explain
        self.audience = audience
        self.explained: dict[str, GlossaryEntry] = {}
        self.acronyms_shown: set[str] = set()
        self.substitutions: list[Substitution] = []

    def plain_for(
        self, match: Match, before: str = "", after: str = "", original: str = ""
    ) -> str | None:
        """The plain words for ``match`` in the form the matched word has, or None when
        the entry has none that fits here.

        A plural match gets the plural of the replacement's head noun, unless the plain
        noun is uncountable ("contraceptives" -> "birth control"); a verb gets the tense
        of the match ("administered" -> "given"); an adjective whose replacement cannot
        stand before a noun ("born with") is not used at all.
        """
        entry = match.entry
        plain = entry.replacement_for(self.audience)
        if plain is None:
            return None
        if entry.pos is PartOfSpeech.ADJECTIVE and not adjective_like(plain):
            return None
        if entry.pos is PartOfSpeech.ADJECTIVE and _superlative(plain) and not _definite(before):
            return None  # "define optimal cutoffs" never "define best cutoffs": "best" wants "the"
        following = _word_after(after)
        first = plain.split(" ", 1)[0].lower()
        if (
            entry.pos is PartOfSpeech.ADJECTIVE
            and " " in plain
            and first in _PLACE_PREPOSITIONS
            and after[:1].isspace()
            and following
            and following not in _NP_ENDERS
            and not inflected_verb(following)
        ):
            return None  # "intracranial germinomas" never "inside the skull germinomas"
        if (
            not match.form
            and entry.pos in (None, PartOfSpeech.NOUN)
            and _plural_words(plain)
            and not _plural_words(original or entry.term)
            and following in _SINGULAR_VERBS
        ):
            return None  # "Cholelithiasis is ..." never "Gallstones is ..."
        if (
            entry.pos in (None, PartOfSpeech.NOUN)
            and _gerund(plain.lower().split())
            and not can_be_noun(plain.split(" ", 1)[0].lower())  # "lining of the uterus"
            and _DETERMINERS.union(_PREPOSITIONS).intersection(plain.lower().split()[1:])
            and before[-1:].isspace()
            and before.rstrip()[-1:].isalpha()
            and _words_before(before, 1)[-1:] not in ([w] for w in _BEFORE_A_GERUND)
        ):
            # A phrase led by a verb's -ing form with its own object ("having the tubes
            # tied"; "scaling skin", "lining of the uterus" are not) is a clause: it
            # follows a preposition or opens the sentence, never a determiner, an adjective
            # or a verb ("a history of a tubal ligation", "women who had tubal ligation")
            return None
        following = _word_after(after)
        if (
            entry.pos is PartOfSpeech.ADVERB
            and " " in plain
            and after[:1].isspace()
            and (following.endswith("ed") or can_be_adjective(following))
        ):
            return None  # "orally administered" never becomes "by mouth administered"
        if (
            entry.pos is PartOfSpeech.ADVERB
            and after[:1].isspace()
            and following.endswith("ed")
            and not (_words_before(before, 1) and _words_before(before, 1)[-1] in _AUXILIARIES)
        ):
            return None  # "currently offered tests" never "now offered tests"
        words = plain.lower().split()
        if not _is_joiner(entry, self.audience) and _said_before(
            words, plain.lower(), before[-50:].lower()
        ):
            return None  # "treatment outcomes (i.e., endpoints)" never "(i.e., outcomes)"
        if _NAMING.search(before[-60:]):
            return None  # "are termed CNS embryonal tumors": what follows is a name
        if following and following in (words[-1], words[-1] + "s"):
            return None  # "oral contraceptive pill" never "birth control pill pill"
        if (
            _words_before(before, 1) == words[:1]
            and before[-1:].isspace()
            # "oral baclofen, baclofen given into the spinal fluid": a comma ends the
            # word before, so the plain words do not repeat it
            and before.rstrip()[-1:].isalnum()
            and words[0] not in _AUXILIARIES  # "who had had surgery" is English
        ):
            return None  # "liver transaminase levels" never "liver liver enzyme levels"
        if (
            entry.pos is not PartOfSpeech.ADVERB
            and _postmodified(plain)
            and words[-1] not in _PREPOSITIONS
            and after[:1].isspace()
            and (
                after.lstrip()[:1].isdigit()
                # "concomitant use of X" never "use at the same time of X"
                or (following == "of" and "of" not in words)
                or (following and following not in _NP_ENDERS and not inflected_verb(following))
            )
        ):
            # "incidence rate ratio" never "rate of new cases ratio"; "randomly assigned
            # women to" never "assigned by chance women to": a phrase that ends in its own
            # modifier cannot stand before a word that continues it (a noun, an object).
            return None
        if (
            entry.pos in (None, PartOfSpeech.NOUN)
            and _postmodified(plain)
            and _words_before(before, 1)[-1:] in ([w] for w in _EXTENT)
        ):
            # "partial adrenalectomy" never "partial surgery to remove an adrenal gland":
            # the extent is the removal's, and the plain words would give it to the surgery
            return None
        if (
            entry.pos in (None, PartOfSpeech.NOUN)
            and _gerund(words)
            and not can_be_noun(words[0])
            and following in ("and", "or")
            and after[:1].isspace()
        ):
            # "cessation or avoidance of alcohol" never "stopping or avoidance of": a verb's
            # -ing form wants its own object. A gerund that is a noun in its own right
            # coordinates like any noun ("pruritus and rash" -> "itching and rash").
            return None
        if (
            entry.pos in (None, PartOfSpeech.NOUN)
            and (_postmodified(plain) or _gerund(words))
            and words[-1] not in _PREPOSITIONS
            and (
                _after_noun_modifier(before)
                or (
                    _after_classifier(before)
                    and {"of", "in"}.intersection(words[1:])
                    and words[0] not in _PROCEDURE_HEADS  # "prophylactic removal of ..."
                )
            )
        ):
            # "esophageal cancer incidence rates" never "cancer rates of new cases"; "optic
            # neuritis" never "optic swelling of a nerve";
            # "with alcohol cessation" never "with alcohol stopping", "radiation
            # desquamation" never "radiation scaling skin"
            return None
        if (
            entry.pos in (None, PartOfSpeech.NOUN)
            and _qualified(words)
            and (_after_classifier(before) or _after_modifying_noun(before))
        ):
            # "epithelial ovarian neoplasia" never "epithelial ovarian abnormal cell growth":
            # a word that says what kind ("ovarian", "germ cell") stands next to its noun,
            # and a plain phrase that brings its own describing adjective cannot go after it
            return None
        if (following in _RELATIVE_WORDS or following.endswith("ed")) and _RELATIVE_WORDS & set(
            words
        ):
            return None  # "factors that affect the outlook that affect survival"
        if (
            len(words) > 1
            and words[0].endswith("ing")
            and not (  # "resulting in" -> "leading to": a verb phrase for a verb phrase
                entry.pos in (PartOfSpeech.PHRASE, PartOfSpeech.VERB)
                and entry.term.split(" ", 1)[0].lower().endswith("ing")
            )
            and after[:1].isspace()
            and following
            and following not in _NP_ENDERS
            and not inflected_verb(following)
        ):
            return None  # "smoking cessation drugs" never "quitting smoking drugs"
        form = match.form
        if not form and original and self.english:
            if entry.pos is PartOfSpeech.VERB:
                form = _irregular_form(entry.term, original)
            elif entry.pos in (None, PartOfSpeech.NOUN) and _irregular_plural(entry, original):
                form = "NNS"
        if form == "NNS":
            if entry.plural:
                return entry.plural
            if not entry.is_countable:
                return plain
            if plain.endswith(("'s", "’s")):
                # A possessive ("pediatric" -> "children's") has no plural: "pediatrics" is
                # another word (the specialty), so it is left as written.
                return None
            return pluralise_phrase(plain) if self.english else _pluralise(plain)
        if form and self.english:
            tag = _past_or_participle(before, after) if form == "ED" else form
            if (
                form == "ED"
                and before.rstrip()[-1:] == ","
                and following not in _PREPOSITIONS
                and following not in _AFTER_PARTICIPLE
                and inflect_verb_phrase(plain, "VBD") != inflect_verb_phrase(plain, "VBN")
            ):
                # "Results of a review ..., with 76 cases observed, provided unclear
                # evidence": after a comma a past tense and a participle look alike, and
                # "gave" and "given" say different things; the word is kept
                return None
            if (
                (tag == "VBN" or form == "ED")
                and len(words) > 1
                and after[:1].isspace()
                and following
                and following not in _NP_ENDERS
                and following not in _OBJECT_STARTS
                and not (_words_before(before, 1) and _words_before(before, 1)[-1] in _AUXILIARIES)
            ):
                # "as inhaled mainstream smoke" never "as breathed in mainstream smoke": a
                # phrasal verb cannot stand as a participle before its noun
                return None
            return inflect_verb_phrase(plain, tag)
        return plain

    def rewrite(self, node: TextNode) -> TextNode:
        if node.reworded or (self.mode is JargonMode.KEEP and not self.mark_terms):
            return node
        heading = node.id in ("question", "title") or node.id.endswith(".title")
        spans = self.rewrite_text(node.id, node.loc, node.text, heading=heading)
        if spans is None:
            return node
        return replace(node, spans=tuple(spans))

    def rewrite_text(
        self, point_id: str, loc: Loc, text: str, *, heading: bool = False
    ) -> list[Span] | None:
        """``text`` as spans for this audience, or None if no glossary term occurs in it."""
        protected = _with_citations(text, protected_spans(text))
        matches = self.glossary.find(text, protected)
        if not matches:
            return None
        title_case = heading and self.english and _title_case(text)
        depth = _Brackets(text)
        spans: list[Span] = []
        pos = 0
        p = 0
        i = 0
        while i < len(matches):
            match = matches[i]
            i += 1
            if match.start < pos:
                continue
            while p < len(protected) and protected[p][1] <= match.start:
                p += 1
            floor = protected[p - 1][1] - pos if p else 0
            before = text[pos : match.start]
            sentence_start = at_sentence_start(text, match.start)
            if _is_proper_name(text, match, sentence_start, heading):
                # "Childhood Central Nervous System (CNS) Tumors": the acronym after a name
                # left as written belongs to it, and is left as written too.
                acr = _ACRONYM_AFTER.match(text, match.end + len(match.possessive))
                if (
                    acr
                    and i < len(matches)
                    and matches[i].start == acr.start(1)
                    and matches[i].entry is match.entry
                ):
                    i += 1
                continue
            joiner = _is_joiner(match.entry, self.audience)
            if joiner and not (
                self.english
                and self.mode is JargonMode.REPLACE
                and sentence_start
                and not heading
                and text.startswith(", ", match.end)
            ):
                # "However, ..." -> "But ...": a sentence adverb becomes a conjunction only
                # where it opens a sentence; "the study, however, was small" is left.
                continue
            if (
                i < len(matches)
                and not text[match.end : matches[i].start].strip()
                and _repeats(
                    self.plain_for(match),
                    self.plain_for(matches[i], text[: matches[i].start][-80:]),
                )
            ):
                continue  # "hepatic transaminase" never "liver liver enzyme"
            if (
                match.entry.pos is PartOfSpeech.ADJECTIVE
                and i < len(matches)
                and not text[match.end : matches[i].start].strip()
                and _stacked(
                    self.plain_for(match),
                    self.plain_for(matches[i], text[: matches[i].start][-80:]),
                )
            ):
                # "Pediatric radiation oncologists" -> never "Childhood doctors who treat
                # cancer with radiation": the adjective would now modify the wrong words;
                # "vascular laryngeal tumor" -> never "blood vessel voice box tumor".
                continue
            if self.english and _shares_its_head(text, match, self.plain_for(match)):
                # "adult and pediatric patients": a swap that swallows the head noun would
                # leave "adult" without it; a shorter entry ("pediatric") may serve.
                shorter = self.glossary.match_at(
                    text, match.start, _last_word_start(text, match) - 1, protected
                )
                if shorter is None:
                    continue
                match = shorter
            original = text[match.start : match.end]
            written = pos

            def the_before(at: int, written: int = written) -> bool:
                return self._the_before(text, spans, written, written + at)

            span, before = self._span_for(
                point_id,
                loc,
                match,
                original,
                before,
                sentence_start or heading,
                floor,
                the_before=the_before,
                after=text[match.end + len(match.possessive) : match.end + 60],
                title=title_case and _capitalised(original),
                left=text[max(0, match.start - _LEFT_CHARS) : match.start],
                heading=heading,
                aside=not heading and depth.outside(match.start),
            )
            if before:
                spans.append(Span(before))
            spans.append(span)
            self._spend(len(before) + len(span.text))
            pos = match.end + len(match.possessive)
            if joiner and span.kind == "replaced":
                pos += 1  # "But the study ...", never "But, the study ..."
            if span.kind != "term" and i < len(matches):
                # "central nervous system (CNS)": the acronym after its own expansion is
                # left as written beside the plain words, never replaced a second time.
                nxt = matches[i]
                acr = _ACRONYM_AFTER.match(text, pos)
                if acr and nxt.start == acr.start(1) and nxt.entry is match.entry:
                    self.acronyms_shown.add(text[nxt.start : nxt.end].casefold())
                    i += 1
        if pos < len(text):
            spans.append(Span(text[pos:]))
            self._spend(len(text) - pos)
        return _merge_text(spans)

    def _the_before(self, text: str, spans: list[Span], written: int, at: int) -> bool:
        """Put "the" at offset ``at`` of ``text``, inside what ``spans`` already hold (they
        end at offset ``written``), if they still show those words as written: "reduces
        melanoma mortality", where "melanoma" is a kept term, becomes "reduces the melanoma
        death rate". False, with nothing changed, when they do not."""
        end = written
        i = len(spans)
        while i > 0:
            i -= 1
            start = end - len(spans[i].text)
            if start < 0 or text[start:end] != spans[i].text:
                return False
            if start <= at:
                break
            end = start
        else:
            return False
        span = spans[i]
        k = at - start
        word = span.text[k:]
        the = "the "
        if at_sentence_start(text, at):
            the = "The "
            if word[:1].isupper() and not _shouting(word.split(" ", 1)[0]):
                if span.kind != "text":
                    return False  # a kept term keeps its own letters
                word = word[0].lower() + word[1:]
        if span.kind == "text":
            spans[i] = Span(span.text[:k] + the + word)
        elif k == 0:
            spans.insert(i, Span(the))
        else:
            return False
        self._spend(len(the))
        return True

    def _spend(self, chars: int) -> None:
        self.written += chars
        if self.max_chars is not None and self.written > self.max_chars:
            raise OutputLimitError(
                self.max_chars,
                stage="transform",
                audience=self.audience,
                article_id=self.article_id,
            )

    def _span_for(
        self,
        point_id: str,
        loc: Loc,
        match: Match,
        original: str,
        before: str,
        sentence_start: bool,
        floor: int = 0,
        *,
        after: str = "",
        title: bool = False,
        aside: bool = True,
        left: str = "",
        heading: bool = False,
        the_before: Callable[[int], bool] | None = None,
    ) -> tuple[Span, str]:
        """The span shown for ``match`` and the text before it (its article may change,
        or a noun phrase get the "the" its plain noun needs).

        ``aside`` says an explanation in brackets may follow here: not in a heading, and
        not inside brackets already. ``the_before`` puts "the" into text already written
        (see :meth:`_the_before`; its offset counts from the start of ``before``, so it is
        negative), where the noun phrase of the match starts before it.
        """
        entry = match.entry
        plain = self.plain_for(match, left, after, original)
        if (
            plain is not None
            and " and " in f" {plain.lower()} "
            and " and " not in f" {entry.term.lower()} "  # the term's own "and" is not new
            and entry.pos is not PartOfSpeech.PHRASE
            and _coordinated(left, after)
        ):
            plain = (
                None  # "coronary and cardiovascular" never "coronary and heart and blood vessel"
            )
        if plain is not None and plain.endswith(("'s", "’s")) and _coordinated(left, after):
            plain = None  # "pediatric and adult groups" -> never "children's and adult groups"
        if (
            plain is not None
            and match.acronym
            and re.search(r"\b(?:and|or)\b", plain)
            and _coordinated(left, after)
        ):
            plain = None  # "both CNS and non-CNS tumors" -> never "both brain and spinal cord and"
        term_key = entry.term.casefold()
        mode = self.mode
        first_use = term_key not in self.explained
        if mode is JargonMode.EXPLAIN and not first_use:
            mode = JargonMode.REPLACE if self.after_explain == "replacement" else JargonMode.KEEP
        explanation = entry.explanation if self.mode is not JargonMode.KEEP else None
        the_at: int | None = None
        if plain is not None and self.english and mode is JargonMode.REPLACE and not heading:
            found = _bare_start(entry, plain, left, after) if not match.form else None
            if found is not None:
                at = len(before) - len(left) + found
                if found == _UNSEEN:
                    plain = None  # where the phrase starts cannot be seen: keep the term
                elif at >= max(floor, 0) or (at >= 0 and before[at : at + 1].isdigit()):
                    the_at = at  # "; 30-day mortality" -> "; the 30-day death rate"
                elif at >= 0 or the_before is None or not the_before(at):
                    plain = None  # the phrase starts in words this swap may not change
        inline = None
        if (
            explanation
            and aside
            and left[-1:] not in _COMPOUND_JOINS  # "PET–computed tomography scanning"
            and short_explanation(explanation)
            and _ends_phrase(after, entry.pos is not PartOfSpeech.ADJECTIVE)
            and not (
                not match.form
                and _modifier_shaped(original.rsplit(" ", 1)[-1])
                and _in_modifier_list(after)
            )
        ):
            inline = _explanation_for(explanation, match)
        if plain is None or mode is JargonMode.KEEP:
            held_back = entry.replacement_for(self.audience) is not None
            if self.mode is not JargonMode.KEEP and (entry.definition or explanation or held_back):
                # A lay reader never meets a bare hard word: the term is explained in place
                # on first use when its explanation is short, and listed in Words to know,
                # where a swap the sentence could not take ("pelvic lymphadenopathy") still
                # gives its plain words ("swollen lymph nodes").
                self.explained.setdefault(term_key, entry)
                if inline and first_use:
                    shown = f"{original}{match.possessive} ({inline})"
                    self._trace(point_id, loc, match, original, shown, "explained")
                    return Span(
                        shown, "explained", original + match.possessive, entry.definition
                    ), before
            return Span(original + match.possessive, "term", original, _gloss(match)), before
        if mode is JargonMode.EXPLAIN:
            self.explained[term_key] = entry
            shown = f"{original}{match.possessive} ({plain})"
            kind = "explained"
        else:
            shown = _match_case(
                original, plain, sentence_start, match.acronym, entry.term[:1].isupper()
            )
            if title:
                shown = _title(shown)
            if self.english:
                before, shown = _fix_articles(before, shown, floor)
                if _needs_article(match, plain, left, after):
                    shown = ("an " if _starts_with_vowel_sound(shown) else "a ") + shown
            if the_at is not None:
                before, shown = _with_the(before, shown, the_at, original, left)
            if match.acronym and original.casefold() not in self.acronyms_shown:
                # First use: keep the acronym beside its plain words, so a reader who
                # meets it on a label or in a letter still recognises it.
                self.acronyms_shown.add(original.casefold())
                shown = f"{shown}{match.possessive} ({original})"
            else:
                shown += match.possessive
            if inline and first_use:
                # The swap alone is not enough: say a few words more, once.
                self.explained[term_key] = entry
                shown = f"{shown} ({inline})"
            kind = "replaced"
        self._trace(point_id, loc, match, original, shown, kind)
        return Span(shown, kind, original + match.possessive, entry.definition), before

    def _trace(
        self, point_id: str, loc: Loc, match: Match, original: str, shown: str, kind: str
    ) -> None:
        entry = match.entry
        self.substitutions.append(
            Substitution(
                point_id=point_id,
                loc=loc,
                original=original + match.possessive,
                replacement=shown,
                mode=kind,
                term=entry.term,
                layer=match.layer,
                source=entry.source,
            )
        )


def _set(words: str) -> frozenset[str]:
    """A set of words written as one string, for word lists a reader can scan."""
    return frozenset(words.split())


#: "(CNS)" right after a match: an acronym in brackets.
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9-]*[A-Z0-9]s?)\s*\)")
#: Words that stay lower case inside a Title Case heading.
_RELATIVE_WORDS = _set("that which who whose")
#: Words after which a name follows, up to the next punctuation: "termed", "known as".
_NAMING = re.compile(
    r"\b(?:termed|called|named|designated|known as|referred to as|dubbed)\s+[^,;:.()]*$",
    re.IGNORECASE,
)
_SMALL_WORDS = _set("a an the and but or nor for of in on at to by with as from per via vs versus")
_PREPOSITIONS = _set("with of to for by in on at from into about without than like as")
#: Conjunctions that join a sentence to the one before it ("But ...", "So ...").
_JOINERS = _set("but so yet")
#: Forms of "be", "have" and "get" before a past participle: "was given", "has been given".
_AUXILIARIES = _set("is are was were be been being has have had having get gets got gotten getting")
#: Adverbs that may stand between an auxiliary and its participle ("was not given").
_MIDDLE_ADVERBS = _set("not also often usually then first never always still since already")
#: Words after which an "-ed" word modifies a noun: "the administered dose", "of treated".
_BEFORE_MODIFIER = _set("a an the this that these those of in with for by from to and or")
#: Words that follow a participle rather than a past tense: "given during", "shown here".
_AFTER_PARTICIPLE = _set(
    "during over under via through within among between per until upon against across "
    "before after here there alone together daily weekly monthly once twice "
    # -ing words that work as prepositions: "studies conducted using the DSM-IV criteria"
    "using including involving following comparing regarding concerning"
)
#: Words that start a direct object: "administered the drug" is active, past tense.
_OBJECT_STARTS = _set(
    "the a an this that these those it them him her their his its our your each both all "
    "some any no one two three several many"
)
#: Words before a bare noun phrase ("such as perforation", "risk of perforation").
_BARE_BEFORE = _set(
    "as with without and or nor like include includes including included cause causes caused "
    "causing prevent prevents plus"
)
#: Words after a noun phrase that has ended ("perforation and", "perforation may").
_PHRASE_ENDS = _set(
    "and or in of with is was may can could might will would has had that which who are "
    "were occurs occurred occur after during at on to from by for than should must"
)
#: Words that cannot continue a compound noun: the noun phrase has ended before them.
_NP_ENDERS = (
    _PHRASE_ENDS
    | _PREPOSITIONS
    | _AFTER_PARTICIPLE
    | _set("before after until because if but so when while although since not also")
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\W*$")
#: The last word of a text and what follows it: "melanoma" and " " in "reduces melanoma ";
#: words joined by a hyphen or an en dash are one ("lung cancer–specific").
_LAST_WORD = re.compile(r"([\w][\w'’–-]*)(\W*)$")
_DETERMINERS = _set(
    "a an the this that these those its their his her our your my each every any no some "
    "which whose what such another either neither both all other more most many few several "
    "much less least"
)
#: Characters that join two words into one compound ("PET–CT scanning", "and/or").
_COMPOUND_JOINS = ("-", "–", "/")
#: Adjectives of extent that belong to what a procedure removes ("partial adrenalectomy").
_EXTENT = _set("partial subtotal total near-total complete radical bilateral unilateral extended")
#: Words after which a verb comes in its base form: "may increase mortality", "to reduce".
_VERB_BEFORE = _set("may might can could will would shall should must to not do does did never")
#: Words that open a clause: a noun phrase after them starts afresh ("while mortality").
_CLAUSE_STARTS = _set("while whereas although though because since if when where whether")
#: Words that join phrases: a noun phrase after them starts afresh.
_JOINS = _set("and or nor but than versus vs")
_WORD_AFTER = re.compile(r"^\W*?([A-Za-z][\w'’-]*)")


def _is_joiner(entry: GlossaryEntry, audience: str) -> bool:
    """Whether ``entry`` turns a sentence adverb into a conjunction for ``audience``
    ("however" -> "but", "therefore" -> "so"). Such a swap needs the sentence start and
    drops the comma after it, so it is made only where words are replaced, never shown as
    "However (but), ..." or left as a term to explain."""
    plain = entry.replacement_for(audience)
    return entry.pos is PartOfSpeech.ADVERB and plain is not None and plain in _JOINERS


def _words_before(before: str, n: int) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", before[-60:])[-n:]]


def _word_after(after: str) -> str:
    m = _WORD_AFTER.match(after)
    return m.group(1).lower() if m else ""


def _irregular_form(term: str, original: str) -> str:
    """The tense of a verb's listed irregular form ("underwent" of "undergo": "VBD";
    "undergone": "VBN"; "ED" when the past and the participle are one word), or "" when
    ``original`` is the base form. Compiling matches only regular forms; a listed form is
    matched as written, so its tense is read here, where the replacement is inflected."""
    first, _, _ = term.casefold().partition(" ")
    word = original.casefold().split(" ", 1)[0]
    if word == first:
        return ""
    tags = [tag for tag, forms in verb_forms(first).items() if word in forms]
    if "VBD" in tags and "VBN" in tags:
        return "ED"
    return tags[0] if tags else ""


def _irregular_plural(entry: GlossaryEntry, original: str) -> bool:
    """Whether ``original`` is a listed irregular plural of a noun term ("nevi" of "nevus",
    "criteria" of "criterion"), so the replacement is made plural too ("moles")."""
    term = entry.term.casefold().rsplit(" ", 1)
    word = original.casefold().rsplit(" ", 1)
    if len(term) != len(word) or term[-1] == word[-1] or not term[-1].isalpha():
        return False
    return word[-1] in noun_plurals(term[-1]) or word[-1] in _classical_plurals(term[-1])


#: Latin and Greek plural endings of medical nouns the inflection dictionary may lack.
_CLASSICAL = (("us", "i"), ("um", "a"), ("on", "a"), ("is", "es"), ("a", "ae"), ("ex", "ices"),
              ("ix", "ices"), ("ma", "mata"))  # fmt: skip


def _classical_plurals(word: str) -> set[str]:
    return {word[: -len(end)] + plural for end, plural in _CLASSICAL if word.endswith(end)}


def _past_or_participle(before: str, after: str) -> str:
    """Whether an "-ed" word is a past tense ("the group demonstrated increased risk") or a
    past participle ("was administered", "orally administered amygdalin", "treated with").

    A form of "be", "have" or "get" before it (an adverb may stand between) makes a
    participle; so do a determiner or preposition before it, or an "-ly" adverb with no
    object after it; so does a preposition, an adverb or the end of the phrase after it (a
    passive or a reduced relative clause). Otherwise it has an object or a clause after it
    and is a past tense.
    """
    tail = before.rstrip()
    prev = _words_before(before, 2)
    last = prev[-1] if prev else ""
    if last in _AUXILIARIES:
        return "VBN"
    if (
        len(prev) == 2
        and prev[0] in _AUXILIARIES
        and (last in _MIDDLE_ADVERBS or last.endswith("ly"))
    ):
        return "VBN"
    following = _word_after(after)
    if tail and tail[-1] == ")" and following in _OBJECT_STARTS:
        return "VBD"  # "A study (of 71 tumors) provided a description": the bracket ends a subject
    if tail and tail[-1] == "," and following == "that":
        return "VBD"  # "the studies, which include 47,000 people, demonstrated that ..."
    if tail and tail[-1] in ",;:()":
        return "VBN"  # "..., administered every week": a participle phrase
    if following in _OBJECT_STARTS:
        return "VBD"
    if tail and tail.split()[-1].lower() in _BEFORE_MODIFIER:
        return "VBN"
    if last.endswith("ly"):
        return "VBN"  # "orally administered amygdalin"
    rest = after.lstrip()
    if not rest or not rest[0].isalnum():
        return "VBN"
    if following in _PREPOSITIONS or following in _AFTER_PARTICIPLE or following.endswith("ly"):
        return "VBN"
    return "VBD"


def adjective_like(plain: str) -> bool:
    """Whether a replacement can stand where an adjective stood, before its noun:
    "childhood" can, "born with" (a verb and a preposition waiting for its object) cannot."""
    last = plain.rsplit(" ", 1)[-1].lower()
    return last not in _PREPOSITIONS


#: Prepositions of place that open an adjective's plain words ("inside the skull"): such a
#: phrase follows its noun, it never stands before it.
_PLACE_PREPOSITIONS = _set(
    "in inside outside within under above below near around behind between beside beneath "
    "on at of from into"
)
#: Words after which a phrase led by an -ing form may stand ("after having the tubes tied").
_BEFORE_A_GERUND = _set(
    "of after before since following with without by from for about in on and or than "
    "including like despite"
)
#: Verbs that agree with a singular subject only.
_SINGULAR_VERBS = _set("is was has does")


def _plural_words(words: str) -> bool:
    """Whether plain words are a plural noun phrase by their head ("gallstones", "swollen
    lymph nodes"; "rate of new cases" is singular: its head is "rate")."""
    split = words.lower().split()
    cut = next((i for i, w in enumerate(split) if i and w in _POSTMODIFIERS), len(split))
    last = split[cut - 1] if split else ""
    if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "us", "is", "ics")):
        return False
    return can_be_noun(last[:-1]) or can_be_noun(last[:-2])


def _superlative(plain: str) -> bool:
    """Whether plain words start with a superlative ("best", "most common", "largest")."""
    first = plain.split(" ", 1)[0].lower()
    return first in _SUPERLATIVES or (first.endswith("est") and gradable(first[:-3]))


_SUPERLATIVES = _set("best worst most least")
#: Words after which a superlative has the determiner it needs ("the best dose").
_DEFINITE = _set("the its their his her our your my whose this that these those")


def _definite(before: str) -> bool:
    """Whether the word right before a match gives a superlative its determiner."""
    if re.search(r"['’]s\s+$", before):
        return True  # "the patient's optimal dose"
    prev = _words_before(before, 1)
    return bool(prev) and prev[-1] in _DEFINITE


def _coordinated(before: str, after: str) -> bool:
    """Whether the match is joined to another modifier by "and"/"or"."""
    prev = _words_before(before, 1)
    return (bool(prev) and prev[-1] in ("and", "or")) or _word_after(after) in ("and", "or")


_ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ary", "ar", "ile", "ed")


def _adjective_shaped(word: str) -> bool:
    """An adjective by the dictionary, or by a Latinate adjective ending the dictionary may
    not know ("intraperitoneal", "subcutaneous")."""
    return can_be_adjective(word) or (len(word) > 5 and word.lower().endswith(_ADJECTIVE_ENDINGS))


_COORDINATED_BEFORE = re.compile(r"(?<![\w'’-])([a-z][a-z-]+),?\s+(?:and|or)\s+$")


def _shares_its_head(text: str, match: Match, plain: str | None) -> bool:
    """ "adult and pediatric patients": the matched phrase's last word is also the head of
    the adjective coordinated before it, and the plain words do not keep that head."""
    if plain is None or match.start == 0:
        return False
    words = WORD_RE.findall(text, match.start, match.end)
    if len(words) < 2:
        return False
    m = _COORDINATED_BEFORE.search(text, max(0, match.start - 40), match.start)
    if m is None or not _adjective_shaped(m.group(1)):
        return False
    head = words[-1].lower()
    # The shared head must stay the last word: "asymptomatic and symptomatic patients" never
    # "asymptomatic and patients with symptoms"
    return not plain.lower().rstrip().endswith((head, head.rstrip("s")))


def _repeats(plain: str | None, next_plain: str | None) -> bool:
    """Whether plain words end with the word the next term's plain words start with."""
    return bool(plain and next_plain) and (
        str(plain).lower().split()[-1:] == str(next_plain).lower().split()[:1]
    )


def _stacked(plain: str | None, next_plain: str | None) -> bool:
    """Whether an adjective's plain words cannot stand before the next term's: the next
    carries a phrase after its head, or both are nouns of several words, which read as
    one long run of nouns ("benign blood vessel voice box tumor")."""
    if _postmodified(next_plain):
        return True
    return (
        bool(plain and next_plain) and " " in str(plain).strip() and " " in str(next_plain).strip()
    )


def _postmodified(plain: str | None) -> bool:
    """Whether plain words carry a phrase after their head ("doctors who treat cancer")."""
    if plain is None:
        return False
    return any(w in _POSTMODIFIERS for w in plain.lower().split()[1:])


_POSTMODIFIERS = _set("who that which with of for from in by to like such at on without during")


def _last_word_start(text: str, match: Match) -> int:
    starts = [m.start() for m in WORD_RE.finditer(text, match.start, match.end)]
    return starts[-1] if starts else match.end


#: Determiners that only ever open a noun phrase ("which" and "that" may open a clause).
_ARTICLES = _set("a an the this these those its their his her our your my each every")
#: A determiner starting the noun phrase just before "and"/"or" ("the nasal cavity and").
_DETERMINED_BEFORE = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(sorted(_ARTICLES - {"our", "your", "my"}))
    + r")(?:\s+[\w'’-]+){1,3}\s*$",
    re.IGNORECASE,
)


def _needs_article(match: Match, plain: str, before: str, after: str) -> bool:
    """Whether a countable plain noun, put where the term stood bare, needs "a"/"an".

    "Complications such as perforation and bleeding" -> "such as a hole and bleeding":
    only for nouns the glossary says are nouns, singular, countable, standing where a
    bare noun phrase starts and ends (never inside a compound such as "perforation risk"),
    and only when the plain noun is one people count (its plural is in common use).
    """
    entry = match.entry
    if entry.pos is not PartOfSpeech.NOUN or match.form or not entry.is_countable:
        return False
    if match.possessive or _LEADING_ARTICLE.match(plain) or " " in plain.strip():
        return False
    tail = before.rstrip()
    prev = tail.rsplit(None, 1)[-1].lower() if tail else ""
    if prev not in _BARE_BEFORE:
        return False  # after a number, a determiner, an adjective: the phrase has its start
    if prev in ("and", "or") and _DETERMINED_BEFORE.search(tail[: -len(prev)]):
        return False  # "the nasal cavity and pharynx": "the" serves both, never "and a throat"
    nxt = after.lstrip()
    following = _word_after(after)
    if nxt and nxt[0].isalnum() and following not in _PHRASE_ENDS:
        return False
    if following in ("and", "or"):
        m = re.match(r"\W*\w+\W+([A-Za-z][\w'’-]*)", after)
        if m and can_be_adjective(m.group(1)):
            return False  # "adolescent or adult patients": coordinated modifiers
    return _counted(plain.lower())


def _gerund(words: list[str]) -> bool:
    """Whether plain words start with a gerund ("stopping", "scaling skin"); a compound
    adjective such as "heart-slowing" is not one."""
    return bool(words) and words[0].endswith("ing") and "-" not in words[0]


def _after_noun_modifier(before: str) -> bool:
    """Whether the word right before a match is a noun modifying it ("esophageal cancer
    incidence rates"): a word the dictionary knows as a noun, not as an adjective and not
    a determiner or preposition. A plain noun with its own modifier after it ("rate of new
    cases") cannot take that one too."""
    tail = before.rstrip()
    if not before[-1:].isspace() or not tail[-1:].isalpha():
        return False
    prev = _words_before(tail, 1)
    if not prev:
        return False
    word = prev[-1]
    if word in _DETERMINERS or word in _PREPOSITIONS or word in _AUXILIARIES or word in _JOINS:
        return False
    if _IMPERATIVE_START.search(tail) and can_be_verb(word):
        return False  # "Use hypotension ..." opens with a verb, as instructions do
    return can_be_noun(word) and not _adjective_shaped(word)


#: A capitalised word that opens its sentence (text start, or after a full stop, colon or
#: semicolon), right before a match.
_IMPERATIVE_START = re.compile(r"(?:^|[.!?:;]\s+)[A-Z][a-z]+$")


#: Endings of the adjectives that say what kind of thing a noun is ("ovarian", "hepatic",
#: "epithelial", "pulmonary", "cutaneous"): in English they stand next to their noun,
#: after any adjective that describes it ("a large ovarian tumor", never "an ovarian large
#: tumor").
_CLASSIFIER_ENDINGS = ("al", "ic", "ar", "ary", "ian", "eal", "ous", "ine")
#: Adjectives with those endings that describe rather than classify.
_DESCRIBING = _set(
    "chronic abnormal normal typical atypical critical total partial minimal marked general "
    "several similar regular irregular particular familiar usual unusual various numerous "
    "serious previous initial essential substantial potential additional original "
    "annual primary"
)
#: Heads of plain words for a procedure, which a classifier before the term describes
#: ("prophylactic removal of lymph nodes", "laparoscopic surgery to remove ...").
_PROCEDURE_HEADS = _set("removal surgery treatment repair use test exam")
#: Colour words of compound nouns ("red blood cell"), which classify too.
_COLOURS = _set("red white black blue yellow green grey gray brown")


def _classifier(word: str) -> bool:
    """Whether a word is an adjective that says what kind ("ovarian", "hepatic")."""
    w = word.lower()
    return (
        len(w) > 4
        and w.endswith(_CLASSIFIER_ENDINGS)
        and w not in _DESCRIBING
        and (can_be_adjective(w) or not known_word(w))  # never "define", "medicine"
    )


def _after_classifier(before: str) -> bool:
    """Whether the word right before a match is a classifying adjective ("ovarian")."""
    if not before[-1:].isspace():
        return False
    prev = _words_before(before.rstrip(), 1)
    return bool(prev) and _classifier(prev[-1])


def _after_modifying_noun(before: str) -> bool:
    """Whether the word right before a match is a noun modifying it ("germ cell neoplasia",
    "liver adverse effects"), not a verb that takes it as object ("and cause
    hypertriglyceridemia") nor a participle ("the following")."""
    if not _after_noun_modifier(before):
        return False
    prev = _words_before(before.rstrip(), 2)
    if prev[-1].endswith(("ing", "ed")):
        return False
    return len(prev) < 2 or prev[0] not in _BEFORE_A_VERB


#: Words after which a word that may be a noun or a verb is the verb ("and cause").
_BEFORE_A_VERB = _set(
    "and or to not also can may might will would could should must does do did often "
    "usually rarely who which that they we"
)


def _qualified(words: list[str]) -> bool:
    """Whether plain words of several are led by their own describing adjective ("abnormal
    cell growth", "low blood pressure"): a word that is only an adjective, or one that
    grades ("lower") or describes by its sense. A compound ("cancer-causing substances"), a
    classifier ("spinal fluid"), a noun before a noun ("side effects") or a colour of a
    compound noun ("red blood cell") is not."""
    if len(words) < 2 or "-" in words[0]:
        return False
    first = words[0]
    if not can_be_adjective(first) or _classifier(first) or first in _COLOURS:
        return False
    return not can_be_noun(first) or first in _DESCRIBING or gradable(first)


#: Nouns of measure, which take "the" before their modifiers where the mass noun they stand
#: for stood bare ("melanoma mortality" -> "the melanoma death rate"). Other counted nouns
#: would want "a" or a plural there ("had blood clot" -> "had a blood clot"), which a swap
#: cannot choose, so only these get a determiner.
_MEASURES = _set("rate ratio proportion percentage share number")
#: How much text before a match the rules of a match look at.
_LEFT_CHARS = 80


def _with_the(before: str, shown: str, at: int, original: str, left: str) -> tuple[str, str]:
    """``before`` and ``shown`` with "the" put where the noun phrase starts (offset ``at``
    of ``before``; ``len(before)`` is the match itself), taking over its capital when it
    opens the sentence: "Childhood cancer mortality fell" -> "The childhood cancer death
    rate fell"."""
    if at >= len(before):
        if shown[:1].isupper() and original[:1].isupper() and not _shouting(original):
            return before, "The " + shown[0].lower() + shown[1:]
        return before, "the " + shown
    word = before[at:]
    in_left = len(left) - (len(before) - at)
    opens = in_left >= 0 and (in_left > 0 or len(left) < _LEFT_CHARS)
    first = word.split(" ", 1)[0]
    if opens and at_sentence_start(left, in_left):
        if first[:1].isupper() and not _shouting(first):
            word = word[0].lower() + word[1:]
        return before[:at] + "The " + word, shown
    return before[:at] + "the " + word, shown


#: What :func:`_bare_start` says when a noun phrase is too long to see where it starts.
_UNSEEN = -1


def _bare_start(entry: GlossaryEntry, plain: str, left: str, after: str) -> int | None:
    """Where "the" must go so that a countable plain noun can stand for a mass noun
    ("reduces melanoma mortality" -> "reduces the melanoma death rate"): an offset into
    ``left`` (the text before the match; ``len(left)`` is the match itself), None when the
    swap needs nothing, or :data:`_UNSEEN` when the phrase's start cannot be seen.

    A term people seldom count ("mortality", "incidence": plurals far rarer than they, see
    :func:`_counted`) may stand bare; a plain noun
    of measure people count ("rate": its plural about as common, see :data:`_MEASURES`)
    needs a determiner. None is needed
    where one already starts the noun phrase a few modifiers back ("the childhood cancer
    mortality"), or where the term itself modifies the next noun ("a mortality benefit").
    A number is a modifier: "30-day mortality was low" needs "the" as much.
    """
    if entry.pos is not PartOfSpeech.NOUN or not entry.is_countable:
        return None
    head = plain.lower().split()[-1] if plain.strip() else ""
    term_head = key_of(entry.term)[-1:]
    if _LEADING_ARTICLE.match(plain) or not head.isalpha() or not term_head:
        return None
    if head not in _MEASURES or not _count_noun(head):
        return None
    if not term_head[0].isalpha() or _counted(term_head[0]):
        return None
    following = _word_after(after)
    if (
        after[:1].isspace()
        and after.lstrip()[:1].isalpha()
        and following not in _NP_ENDERS
        and not inflected_verb(following)
        and can_be_noun(following)
        and not _adjective_shaped(following)
    ):
        return None  # "a mortality benefit": a modifier of the next noun
    passed = [len(left)]  # where the phrase starts if it starts at each word passed
    cur = len(left)
    for _ in range(4):
        m = _LAST_WORD.search(left, 0, cur)
        if m is None:
            return passed[-1] if len(left) < _LEFT_CHARS else _UNSEEN
        word = m.group(1).lower()
        if m.group(2).strip()[-1:] in (")", "]"):
            return _UNSEEN  # "a 39.2% (95% CI, ...) higher incidence": an aside within it
        if m.group(2).strip():
            return passed[-1]  # punctuation before the phrase: it starts after it
        if word == "that":
            return passed[-1]  # "given that mortality ...": a clause starts after "that"
        if word in _DETERMINERS or word.endswith(("'s", "’s")):
            return None
        if word in _JOINS:
            return _UNSEEN  # "incidence and mortality": a bare pair; "the" would split it
        if word in _VERB_BEFORE and len(passed) > 1:
            return passed[-2]  # "may increase mortality": the word after "may" is a verb
        if word in _PREPOSITIONS or word in _AUXILIARIES or word in _CLAUSE_STARTS:
            return passed[-1]
        compound = word[:1].isdigit() or any(j in word for j in _COMPOUND_JOINS)
        if not compound and word.endswith("ed"):
            prior = _LAST_WORD.search(left, 0, m.start(1))
            if prior and not prior.group(2).strip() and prior.group(1).lower() in _ARTICLES:
                return None  # "a decreased incidence": the phrase has its determiner
            return _UNSEEN  # "reduced mortality": a participle wants "a", not "the"
        if not compound and (inflected_verb(word) or not _modifier_like(word)):
            return passed[-1]  # "reduces melanoma mortality": a verb before the phrase
        passed.append(m.start(1))
        cur = m.start(1)
    return _UNSEEN


def _modifier_like(word: str) -> bool:
    """Whether ``word`` can modify a noun from before it: a noun or adjective by the
    dictionary or by its ending, or a word the dictionary does not know (a name, a term)."""
    return can_be_noun(word) or _adjective_shaped(word) or not known_word(word)


def _count_noun(noun: str) -> bool:
    """A noun nearly always counted: its plural is about as common as it ("rates")."""
    import wordfreq

    plural = noun_plurals(noun)[0]
    return wordfreq.zipf_frequency(plural, "en") >= wordfreq.zipf_frequency(noun, "en") - 0.6


def _counted(noun: str) -> bool:
    """A noun people count: its plural is nearly as common as it is ("holes" vs "hole"),
    unlike a mass noun's ("tirednesses")."""
    import wordfreq  # shipped data: frequency lists are files inside the package

    plural = noun_plurals(noun)[0] if noun.isalpha() else noun + "s"
    return wordfreq.zipf_frequency(plural, "en") >= max(
        3.0, wordfreq.zipf_frequency(noun, "en") - 1.0
    )


def _ends_phrase(after: str, noun: bool = True) -> bool:
    """Whether a bracketed explanation can follow here without cutting a phrase in two.

    "curative (meant to cure) in children" reads; "allogeneic (taken from ...) stem cell
    transplant" and "tyrosine kinase inhibitor (...) (TKI)" do not: there the term is a
    modifier of what follows, or is followed by its acronym, and goes to Words to know.
    """
    if after[:1] in _COMPOUND_JOINS and after[1:2].isalnum():
        return False  # "positron emission tomography–computed tomography": one compound
    rest = after.lstrip()
    if not rest:
        return True
    if rest[0] == "(":
        return False
    if not rest[0].isalnum():
        return True
    if rest[0].isdigit():
        return False
    following = _word_after(after)
    if following == "of":
        return False  # "biopsy of skin lesions": the noun phrase goes on
    if following.endswith("ing") and can_be_noun(following):
        return False  # "positron emission tomography scanning": the compound's head follows
    if following in ("and", "or") and not noun:
        return False  # "neoadjuvant or adjuvant chemotherapy": modifiers in a row
    return following in _PHRASE_ENDS or (noun and inflected_verb(following))


def _in_modifier_list(after: str) -> bool:
    """ "antioxidant, anti-inflammatory, or cancer-fighting activity": a word shaped like an
    adjective followed by a comma and another such word is one modifier of a list before
    its noun; an explanation of it as a noun would read as an item of the list."""
    listed = re.match(r"\s*,\s+(?:(?:and|or)\s+)?([A-Za-z][\w-]*)", after)
    return listed is not None and _modifier_shaped(listed.group(1))


def _modifier_shaped(word: str) -> bool:
    """Whether a word (its last part, when hyphenated) is shaped like an adjective
    ("anti-inflammatory", "anticarcinogenic", "cancer-fighting")."""
    last = word.rsplit("-", 1)[-1].lower()
    if "-" in word and last.endswith("ing"):
        return True
    return _adjective_shaped(last) or (len(last) > 5 and last.endswith(("ory", "ant")))


def _explanation_for(explanation: str, match: Match) -> str:
    """The explanation in the number of the match: "lesions (areas of abnormal tissue)",
    never "lesions (an area of abnormal tissue)"."""
    if match.plural:
        found = _LEADING_ARTICLE.match(explanation)
        if found is not None:
            return pluralise_phrase(explanation[found.end() :])
    return explanation


def short_explanation(explanation: str) -> bool:
    """Whether an explanation is short enough to read inside the sentence."""
    return (
        len(explanation) <= EXPLANATION_INLINE_CHARS
        and len(explanation.split()) <= EXPLANATION_INLINE_WORDS
    )


def _title_case(text: str) -> bool:
    """Whether a heading is in Title Case: every word after the first that is not a
    small word ("of", "in") starts with a capital."""
    words = [w for w in WORD_RE.findall(text)[1:] if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() for w in words if w[:1].isalpha())


def _capitalised(original: str) -> bool:
    return all(w[:1].isupper() for w in WORD_RE.findall(original) if w.lower() not in _SMALL_WORDS)


def _title(words: str) -> str:
    """ "nerve pain" -> "Nerve Pain", "ear infection in children" -> "Ear Infection in Children"."""
    out = []
    for i, word in enumerate(words.split(" ")):
        if i and word.lower() in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _gloss(match: Match) -> str | None:
    """What a kept term's hover text says: its definition, and for an acronym whose
    glossary term is the spelled-out name, that name first ("central nervous system: ...")."""
    entry = match.entry
    if match.acronym and not _shouting(entry.term):
        return f"{entry.term}: {entry.definition}" if entry.definition else entry.term
    return entry.definition


def _merge_text(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and span.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Span(merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def transform(
    selected: SelectedArticle, glossary: CompiledGlossary, *, max_chars: int | None = None
) -> TransformedArticle:
    """Apply ``glossary`` to every text node of ``selected`` as its audience asks.

    ``max_chars`` bounds the text glossary substitution may write (an
    :class:`~tailor.errors.OutputLimitError` past it).
    """
    audience = selected.audience
    rw = _Rewriter(
        glossary,
        audience.jargon,
        audience.after_explain,
        audience.name,
        mark_terms=audience.define_terms,
        english=language_of(selected.article.locale) == "en",
        max_chars=max_chars,
        article_id=selected.article.id,
    )
    question = rw.rewrite(selected.question)
    title = rw.rewrite(selected.title)
    lead = rw.rewrite(selected.lead)
    sections = tuple(
        SelectedSection(s.id, s.loc, rw.rewrite(s.title), tuple(rw.rewrite(p) for p in s.points))
        for s in selected.sections
    )
    return TransformedArticle(
        selected=selected,
        question=question,
        title=title,
        lead=lead,
        sections=sections,
        substitutions=tuple(rw.substitutions),
        explained=tuple(rw.explained.values()),
    )


def rewrite_text(
    text: str,
    glossary: CompiledGlossary,
    mode: JargonMode | str = JargonMode.REPLACE,
    *,
    audience: str = "patient",
    after_explain: str = "replacement",
    heading: bool = False,
    english: bool = True,
) -> tuple[str, tuple[Substitution, ...]]:
    """Apply ``glossary`` to one piece of text with every rule of :func:`transform`.

    For a CMS field, a notebook or a benchmark: the same matching, protected spans,
    capitalisation, a/an and first-use rules as an article's text nodes get, with the
    trace of what changed. ``heading`` treats the text as a heading (its case style is
    kept); ``english`` applies English grammar (articles, inflection).
    """
    rw = _Rewriter(
        glossary, JargonMode(mode), after_explain, audience, mark_terms=False, english=english
    )
    if rw.mode is JargonMode.KEEP:
        return text, ()
    spans = rw.rewrite_text("text", (), text, heading=heading)
    if spans is None:
        return text, ()
    return "".join(s.text for s in spans), tuple(rw.substitutions)
