"""Sentence splitting: long sentences cut where a careful editor would cut them.

Plain-language editors shorten sentences more than they change words: NCI's patient
summaries average 14 words a sentence against 17 in the professional text, and the
bundled article's editor rewordings split every long sentence by hand. This step does
the safe part of that work for audiences with ``split_sentences: true``, after glossary
substitution, on the lead and the points (never titles, the question, or an editor's
rewording, which is taken as written).

No parser model can be fetched at run time, so the rules read punctuation, function
words and short word lists kept here. Each rule fires only where the cut is plainly
safe, and leaves the sentence alone otherwise:

``semicolon``
    "A; B" where both halves are clauses with a subject and a verb -> "A. B."
``conjunction``
    ", but" / ", yet" / ", and" / ", so" / ", although" / ", whereas" / ", while" /
    ", because" between two clauses -> "A. But B." ("and" and "while" are dropped;
    "because" reads "This is because"). ", and" is left alone after a list ("A, B, and
    C were ..."), ", while" before something going on ("while patients are being ...").
    A series of three or four clauses ("A had X, B had Y, and C had Z") is cut whole.
``because``
    "A because B" (no comma) -> "A. This is because B." ("probably because" keeps its
    hedge); not after a negation, a condition, a relative clause, a bare passive ("were
    chosen because"), "only/not because", or "concluded that".
``study``
    "In a study of 78 adults treated for X, 20.5% had Y." -> "A study looked at 78
    adults treated for X. In this study, 20.5% had Y." ("In one study that measured A,
    B." -> "One study measured A. In this study, B.")
``leading_clause``
    "Although A, B." -> "A. But B."; "Because A, B." -> "A. Because of this, B.";
    "While A, B." -> "A. But B." only when A grants a point (a negation or "may"):
    otherwise "while" may say when.
``which``
    "..., which is ..." closing the sentence -> "... . This/These <noun> is ...": the
    noun is repeated, so the reader knows what "which" meant; skipped after "of" (the
    survival of patients, which ...) or when the verb's number disagrees with the noun.
``participle``
    "..., suggesting that ..." closing the sentence -> "... . This suggests that ..." (verbs
    that say what a fact shows or brings about, whose subject "This" can be: suggesting,
    indicating, leading, illustrating, warranting ...)
``which`` (mid-sentence)
    "The largest cluster, which comprised 64% of the samples, had X." -> "The largest
    cluster comprised 64% of the samples. This cluster had X.", for a short subject with
    no preposition in it.
``with``
    "..., with carcinomas making up 90% of tumors." -> "... . Carcinomas make up 90% of
    tumors.": the participle becomes a verb in the tense of the first clause; a passive
    one takes "is/are/was/were" ("with about 15,000 cases diagnosed each year" ->
    "About 15,000 cases are diagnosed each year").
``example``
    "Other factors (e.g., A and B) are linked to X." -> "Other factors are linked to X.
    Examples of factors include A and B." (a plural noun phrase before the brackets).
``aside``
    a closing parenthetical that is a sentence of its own -> "... . (It is ...)"
``list``
    "Side effects include A, B, C, and D." -> "Side effects include:" and one line per item;
    items of up to 14 words when every one opens with a determiner or a count ("because
    of the relatively few patients ..., the predominance of ..., and the small number
    of ..."). A colon may open the list ("three cell lines: LNCaP, PC-3, and DU-145");
    of two starts that fit the items' length alike, the one whose first item has the
    "X of Y" shape most items have wins ("narrowed by location of the trial, type of
    treatment, ...").
``row``
    a table row "Stage: IVA; TNM: T4, N0, M0; Description: ..." -> one field a line.
``definition`` (:func:`define_node`, after the rules above)
    a glossary explanation of 3+ words inside a long sentence moves after that sentence
    as a sentence of its own: "... adjuvant chemotherapy (chemo after surgery ...) ..." ->
    "... adjuvant chemotherapy ... . Adjuvant chemotherapy means chemo after surgery ...".

Every new sentence starts with a capital and ends with a full stop; numbers, negations,
citation markers and protected spans (numbers with units, quotations, URLs) are kept
character for character, since the rules only replace the joining words and never cut
inside brackets, quotes or a protected span. Each cut is recorded as a :class:`Split`
for editors (``Rendering.splits``, ``tailor render --trace``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .._inflect import can_be_adjective, can_be_noun
from ..lexical import protected_spans
from ..readability import split_sentences
from ._spans import Edit, apply_edits, editable
from .types import Span, Split, TextNode

__all__ = ["define_node", "split_node", "split_text"]

#: A sentence shorter than this is left alone: splitting it makes choppy prose.
MIN_WORDS = 12
#: Each new sentence has at least this many words.
MIN_PART = 4

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*%?|\S")
_WORDLIKE = re.compile(r"[A-Za-z0-9]")


def _set(words: str) -> frozenset[str]:
    """A word list written as text, one space or line between words."""
    return frozenset(words.split())


_AUX = _set(
    """
    is are was were be been am has have had do does did can could may might will would
    shall should must cannot isn't aren't wasn't weren't doesn't don't didn't hasn't
    haven't hadn't won't can't couldn't shouldn't wouldn't
    """
)
_IRREGULAR_PAST = _set(
    """
    found showed shown made took gave became began grew led met saw got went rose fell
    held kept left lost ran said sent felt told thought brought chose drew knew meant
    spent stood won wrote seemed appeared remained dealt built paid sold bought taught
    sought fought caught struck spoke broke drove bore underwent
    """
)
_PRESENT = _set(
    """
    shows suggests include includes occur occurs increase increases decrease decreases
    reduce reduces cause causes affect affects appear appears seem seems remain remains
    depend depends vary varies differ differs mean means indicate indicates provide
    provides require requires contain contains involve involves lead leads result
    results help helps make makes become becomes tend tends need needs work works
    develop develops grow grows spread spreads happen happens lower lowers raise raises
    last lasts take takes give gives receive receives get gets live lives die dies
    respond responds recur recurs survive survives show suggest report reports recommend
    recommends exist exists begin begins form forms arise arises allow allows
    """
)
_SUBJECT_PRONOUNS = _set(
    """
    it they he she we you there this these those one
    """
)
_DETERMINERS = _set(
    """
    the a an its their his her our your this these those some most many all both each
    every no few several other another such any more fewer one two three four five six
    seven eight nine ten half
    """
)
#: Words that cannot open a clause's subject: prepositions, conjunctions, adverbs,
#: relatives. A clause opening with one is not split off.
_NOT_SUBJECT = _set(
    """
    of in on at by for with without from to into onto about after before during between
    among than as like unlike including such within across over under through per via
    and or but nor so yet if then thus therefore hence also however which who whom whose
    that what where when while whether because although though since until unless not
    only even just still again often usually rarely sometimes either neither both
    further furthermore moreover instead rather especially particularly mainly mostly
    i.e e.g vs
    """
) - {"both"}
_CONTRAST_OPENERS = {"although": ". But ", "though": ". But ", "whereas": ". But "}
_CAUSE_OPENERS = {"because": ". Because of this, "}
_CONJUNCTIONS = {
    "but": ". But ",
    "yet": ". Yet ",
    "and": ". ",
    "so": ". So ",
    "although": ". But ",
    "though": ". But ",
    "whereas": ". But ",
    "while": ". ",
    "because": ". This is because ",
}
_PARTICIPLES = {
    "suggesting": "suggests",
    "indicating": "indicates",
    "showing": "shows",
    "demonstrating": "demonstrates",
    "meaning": "means",
    "making": "makes",
    "leading": "leads",
    "resulting": "results",
    "causing": "causes",
    "creating": "creates",
    "allowing": "allows",
    "highlighting": "highlights",
    "confirming": "confirms",
    "reflecting": "reflects",
    "supporting": "supports",
    "raising": "raises",
    "bypassing": "bypasses",
    "reducing": "reduces",
    "requiring": "requires",
    "producing": "produces",
    "preventing": "prevents",
    "limiting": "limits",
    "implying": "implies",
    "illustrating": "illustrates",
    "underscoring": "underscores",
    "emphasizing": "emphasizes",
    "prompting": "prompts",
    "warranting": "warrants",
    "necessitating": "necessitates",
    "rendering": "renders",
    "explaining": "explains",
}
_SINGULAR_VERBS = _set(
    """
    is was has does
    """
)
_PLURAL_VERBS = _set(
    """
    are were have do
    """
)
_WHICH_THIS = _set(
    """
    suggests suggested means meant indicates indicated implies implied led leads
    resulted results explains explained
    """
)
_WHICH_ADVERBS = _set("also often usually then still further frequently commonly typically")
_NOUN_STOP = _NOT_SUBJECT | _DETERMINERS | _AUX | _SUBJECT_PRONOUNS


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _words(text: str) -> int:
    return sum(1 for t in _TOKEN.findall(text) if _WORDLIKE.match(t))


_PERSONAL = _set("it he she they we you")
_PREPOSITION_AFTER = _set(
    """
    by with in for to from as at on into among
    """
)
#: Past forms of verbs that take no object, so they cannot be a passive participle
#: before a preposition ("most tumors occurred in the second decade" is a clause, where
#: "tumors marked by X" is not).
_INTRANSITIVE_PAST = _set(
    """
    occurred happened died existed emerged relapsed recurred progressed resulted originated
    lasted increased decreased declined accounted contributed responded survived
    consisted ranged participated benefited differed varied persisted
    """
)


def _finite(tok: _Tok, prev: _Tok | None, nxt: _Tok | None = None) -> bool:
    low = tok.low
    if low in _AUX or low in _IRREGULAR_PAST:
        return True
    if prev is not None and prev.low in _PERSONAL and tok.text.isalpha():
        # right after "it" or "they" comes the verb: "it accounts", "they remain"
        plain = low not in _NOT_SUBJECT and low not in _DETERMINERS and not low.endswith("ly")
        return plain and (low.endswith(("s", "ed")) or prev.low in ("they", "we", "you"))
    if low in _PRESENT:
        return prev is None or prev.low not in _DETERMINERS
    if (
        low.endswith("s")
        and prev is not None
        and prev.low not in _DETERMINERS | _NOT_SUBJECT | _AUX
        and _only_verb(low)
    ):
        return True  # "the tumor invades the liver": a verb's "-s" form that is no noun
    if (
        prev is not None
        and prev.text.isalpha()
        and prev.text.islower()
        and _plural(prev.low)
        and prev.low not in _DETERMINERS | _NOT_SUBJECT | _AUX
        and tok.text.islower()
        and _only_verb_base(low)
    ):
        return True  # "immigrants maintain a high rate": a plural noun, then a verb's
        # plain form that is no noun or adjective
    if low == "used":
        # "this trial used PC-SPES", "those with higher rates used the SCID" (but "the
        # most commonly used products", "drugs used to treat X": a participle)
        return (
            prev is not None
            and prev.low not in _DETERMINERS | _NOT_SUBJECT
            and not prev.low.endswith("ly")
            and nxt is not None
            and (nxt.low in _DETERMINERS or nxt.text[:1].isupper())
        )
    return (
        low.endswith("ed")
        and len(low) > 4
        and (
            nxt is None or nxt.low not in _PREPOSITION_AFTER or low in _INTRANSITIVE_PAST
        )  # "marked by": a participle
        and prev is not None
        and (prev.low in _SUBJECT_PRONOUNS or prev.low not in _DETERMINERS | _NOT_SUBJECT)
    )


def _only_verb(low: str) -> bool:
    """Whether ``low`` is a verb's present "-s" form and nothing else ("invades",
    "persists"), unlike "costs" or "states", which are nouns as well."""
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(low)
    verbs = lemmas.get("VERB")
    if not verbs or set(lemmas) - {"VERB"}:
        return False
    return low in getInflection(verbs[0], "VBZ")


def _only_verb_base(low: str) -> bool:
    """Whether ``low`` is a verb's plain form and nothing else ("maintain", "undergo"),
    unlike "rates" or "control", which are nouns as well."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(low)
    verbs = lemmas.get("VERB")
    return bool(verbs) and not set(lemmas) - {"VERB"} and verbs[0] == low


def _has_verb(text: str) -> bool:
    toks = [t for t in _tokens(text) if _WORDLIKE.match(t.text)]
    return any(
        _finite(t, toks[i - 1] if i else None, toks[i + 1] if i + 1 < len(toks) else None)
        for i, t in enumerate(toks)
    )


#: Determiners that stand alone as a subject before a phrase saying which ("those in the
#: chemo arm received ...", "most of the patients had ..."), and the words of that phrase.
_STANDS_ALONE = _set(
    "those these some many most all both each one several half none two three four five six"
    " seven eight nine ten"
)
_PLACES = _set("of in with from on at")


def _clause(text: str, *, window: int = 12) -> bool:
    """Whether ``text`` opens with a subject and a finite verb within ``window`` words,
    with no comma between them (so a list item or a phrase is not taken for a clause).
    A bracketed aside is read past, as a reader does: "the use of PET (a scan that shows
    how active cells are) may be effective" opens with a subject and its verb."""
    toks = _unbracketed(_tokens(text))
    if not toks or not (
        toks[0].text[0].isalpha() or re.fullmatch(r"\d[\d,]*(?:\.\d+%|%)?", toks[0].text)
    ):
        return False  # a clause opens with a word, or a count ("26,722 participants were",
        # "50% had")
    first = toks[0].low
    such = first == "such" and len(toks) > 1 and toks[1].low not in ("as", "that")
    counted = (
        (first == "only" or first in _ABOUT)
        and len(toks) > 2
        and (toks[1].text[0].isdigit() or toks[1].low in ("a", "one", "two", "three", "half"))
    )
    if (first in _NOT_SUBJECT and not (such or counted)) or first in _AUX:
        return False  # ("Such patients may ...", "Only 3% of women did ..." open with
        # their subject)
    adverb = len(toks) > 1 and toks[1].low.endswith("ly")
    if (
        first in _DETERMINERS
        and len(toks) > 1
        and (
            (adverb and (len(toks) < 3 or toks[2].low in _AUX or toks[2].low in _NOT_SUBJECT))
            or (toks[1].low in _NOT_SUBJECT and not toks[1].text.isupper())
        )
        and not (first in _STANDS_ALONE and toks[1].low in _PLACES)
    ):
        return False  # "more frequently are ...", "more often are ...": no subject (but
        # "no statistically significant risk was ..." has one)
    relative = 0  # finite verbs still owed to a relative clause: "patients who had X responded"
    for i, tok in enumerate(toks[1 : window + 1], start=1):
        if tok.text in ",;:()[].":
            return False
        if tok.low in ("which", "whom", "whose"):
            return False
        if tok.low in ("who", "that"):
            if i == 1 or relative:
                return False
            relative = 1
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _finite(tok, toks[i - 1], nxt) and (
            i > 1 or first in _SUBJECT_PRONOUNS or _is_noun(first)
        ):
            if relative:
                relative = 0
                continue
            return True
    return False


def _unbracketed(toks: list[_Tok]) -> list[_Tok]:
    """``toks`` without what round brackets hold (a glossary's explanation, an
    abbreviation, a count); an unclosed bracket is kept, so it still stops a clause."""
    out: list[_Tok] = []
    opened: list[int] = []  # where each open bracket sits in ``out``
    for tok in toks:
        if tok.text == "(":
            opened.append(len(out))
        elif tok.text == ")" and opened:
            del out[opened.pop() :]
            continue
        out.append(tok)
    return out


def _is_noun(word: str) -> bool:
    """A bare first word that can be a whole subject ("Survival was ...", "Patients had")."""
    return word not in _DETERMINERS and word not in _NOT_SUBJECT and not word.endswith("ly")


def _depths(text: str, protected: Sequence[tuple[int, int]]) -> list[int]:
    """Nesting depth per character: inside brackets, quotes or a protected span is > 0."""
    depth = 0
    out = [0] * len(text)
    quote = False
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        elif ch in '"“”':
            quote = not quote if ch == '"' else ch == "“"
        out[i] = depth + (1 if quote else 0)
    for s, e in protected:
        for i in range(s, min(e, len(text))):
            out[i] += 1
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


#: Modal verbs whose hedge a consequence said on its own must keep: "scratching may
#: enhance the itch, creating a cycle" -> "This may create a cycle", not "This creates".
_HEDGES = _set("may might could can would will")
#: Modals a consequence cannot simply repeat ("must fast, requiring ..." is no "This
#: must require ..."), and the negated ones: with them the sentence is left alone.
_BINDING = _set("must should shall cannot ought")
#: Words that open a clause inside another (a relative, a condition, a reason): a modal
#: after one of them hedges that inner clause, not the sentence's own verb.
_SUBORDINATE = _set(
    """
    that which who whom whose if when whenever whether because although though since
    unless once until where while as whereas
    """
)


def _hedge(left: str, depth: list[int]) -> str | None:
    """The modal of the main clause of ``left`` ("may" in "But scratching may enhance the
    itch"), "" when it has none, or None when a modal is there but what it hedges is
    unclear (inside a relative or a reason, negated, binding rather than hedging, or two
    modals): a consequence then cannot be said on its own without changing its hedge."""
    found = ""
    inner = False  # a subordinate clause opened since the last comma at the top
    toks = _tokens(left)
    for k, tok in enumerate(toks):
        if tok.text in ",;" and depth[tok.start] == 0:
            inner = False
            continue
        if tok.low in _SUBORDINATE:
            inner = True
            continue
        if tok.text in _BINDING or tok.low.endswith("n't"):
            if tok.low in _BINDING:
                return None
            continue
        if tok.text not in _HEDGES:
            continue  # "May" mid-sentence is the month, not the modal
        nxt = toks[k + 1].low if k + 1 < len(toks) else ""
        if inner or nxt == "not" or (found and found != tok.text):
            return None
        found = tok.text
    return found


def _coordinated(left: str, depth: list[int]) -> bool:
    """Whether ``left`` joins two clauses at its top ("No patient had A, and none had
    B"): a consequence said after it ("..., suggesting X") follows from both, so it is
    not cut off to hang on the last ("This suggests X" would read as following from B,
    or from A and B only by chance)."""
    stops = [m.start() for m in re.finditer(r"[,;:] ", left) if depth[m.start()] == 0]
    for m in re.finditer(r",? (?:and|but|yet|or|while|whereas) |; ", left):
        if not _at_top(depth, m.start(), m.end()):
            continue
        before = max([k + 2 for k in stops if k + 2 <= m.start()], default=0)
        if _has_verb(left[before : m.start()]) and _clause(left[m.end() :], window=20):
            return True  # a clause on each side: "A had X, and B had Y" (not "By X,
            # stimulation and excitotoxicity may be reduced": nouns joined)
    return False


#: A consequence closing a clause: ", suggesting ...", ", which means ...".
_CONSEQUENCE = re.compile(
    r", (?:" + "|".join(_PARTICIPLES) + r"|which (?:" + "|".join(sorted(_WHICH_THIS)) + r")) "
)


def _consequence_in(sent: str, depth: list[int], start: int) -> bool:
    """Whether ``sent`` after ``start`` holds a consequence at its top (", suggesting
    that ...", ", which means ..."), which follows from all that comes before it: a cut
    before it would leave it hanging on the last clause only."""
    return any(_at_top(depth, m.start(), m.end()) for m in _CONSEQUENCE.finditer(sent, start))


# -- the rules ---------------------------------------------------------------------------
# Each takes a sentence (ending in "."), its depth map and tokens, and returns the rule's
# name and edits relative to the sentence, or None to leave it alone.

Rule = Callable[[str, list[int], list[_Tok]], tuple[str, list[Edit]] | None]


def _at_top(depth: list[int], start: int, end: int) -> bool:
    return all(d == 0 for d in depth[start:end])


def _both_long(left: str, right: str) -> bool:
    return _words(left) >= MIN_PART and _words(right) >= MIN_PART


_SCOPED = _set(
    """
    if when whenever unless once whether while after before until as since in among for
    during at on with without by from of compared among between within across
    """
)


#: Openers that link to the previous sentence and govern nothing in this one.
_CONNECTIVES = frozenset(
    {
        "however",
        "moreover",
        "furthermore",
        "also",
        "therefore",
        "thus",
        "similarly",
        "finally",
        "additionally",
        "nevertheless",
        "consequently",
        "in addition",
        "in contrast",
        "as a result",
        "as previously mentioned",
        "as mentioned above",
        "as noted above",
        "as described above",
        "as discussed above",
        "of note",
        "notably",
    }
)


def _opens_with_scope(left: str, depth: list[int]) -> bool:
    """Whether ``left`` opens with something that governs the whole sentence: "If A, B,
    and C" or "Among women, A, and B". Cut after it, the second half would lose it."""
    toks = _tokens(left)
    first_comma = left.find(", ")
    opener = left[:first_comma].lower() if first_comma > 0 else ""
    if toks and toks[0].low in _SCOPED and opener not in _CONNECTIVES:
        return True
    for i, tok in enumerate(toks):
        if tok.text == "," and depth[tok.start] == 0:
            before = left[: tok.start]
            if before.lower() in _CONNECTIVES:
                continue  # "However, A, and B": a link to the sentence before, not a scope
            if re.match(r"(?:which|who|such as|including) ", left[tok.end + 1 :]):
                return False  # "Ablative techniques, such as A, are used ...": the comma
                # opens an aside of the subject, no scope ends there
            if _listed_subject(left[tok.end + 1 :]):
                return False  # "Black patients, Hispanic patients, and those who ... are
                # less likely ...": the comma parts a subject's list
            return not _has_verb(before)  # "Originally, ..." "In 2001, ..."
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _finite(tok, toks[i - 1] if i else None, nxt):
            return False
    return False


def _listed_subject(rest: str) -> bool:
    """Whether ``rest`` (what follows a sentence's first comma) goes on listing the subject
    up to its verb: ", Hispanic patients, and those who have ... are less likely"."""
    toks = _tokens(rest)
    for k, tok in enumerate(toks):
        if tok.text == "," and k + 1 < len(toks) and toks[k + 1].low in ("and", "or"):
            return k + 2 < len(toks) and not any(
                _finite(t, toks[n - 1] if n else None) for n, t in enumerate(toks[:k])
            )
        if tok.text in ",;:()":
            return False
    return False


#: Prepositions whose opening phrase ("Among women, ...") may be said again before the
#: second half of a cut, so that it keeps governing it. Conditions ("If ...", "When ...")
#: are never repeated: the sentence is left alone.
_REPEATABLE = _set("in among for during at on with without by from after before compared")


def _scope_phrase(left: str, depth: list[int]) -> str | None:
    """The opening phrase of ``left`` up to its first comma, if it is a short prepositional
    phrase that can be repeated ("Among HIV-negative men"); None otherwise."""
    toks = _tokens(left)
    if not toks or toks[0].low not in _REPEATABLE:
        return None
    for tok in toks:
        if tok.text == "," and depth[tok.start] == 0:
            phrase = left[: tok.start]
            if _words(phrase) <= 8 and not _has_verb(phrase):
                return phrase
            return None
    return None


#: Determiners that introduce what a scope names; said again, it is "this" one.
_FIRST_MENTION = _set("a an another one")
#: Determiners of a scope that names no set a reader can find again ("some cases").
_VAGUE_SCOPE = _set("some many several few most certain other")


def _rescoped(scope: str | None, lead: str, left: str = "") -> str | None:
    """``lead`` (". ", ". But ") followed by ``scope`` said again, or None without one (or
    when more than the scope governs the clause: "In X, of the 8 patients, 7 had ...")."""
    if scope is None or "; " in left or not _clause(left[len(scope) + 2 :]):
        return None
    words = scope.split(" ")
    if len(words) > 1 and words[1].lower() in _VAGUE_SCOPE:
        return None  # "In some cases, A, and B": said twice, the cases may differ
    if len(words) > 1 and words[1].lower() in _FIRST_MENTION:
        # "In another study, A, while B" -> "... . In this study, B": said again as
        # "another study" it would read as a third one
        scope = " ".join([words[0], "this", *words[2:]])
    if lead == ". ":
        return f". {scope}, "
    return f"{lead}{scope[:1].lower()}{scope[1:]}, "


#: A short phrase opening a clause: "of these, about 5% have ...", "compared with
#: placebo, women had ...".
_OPENING_PHRASE = re.compile(
    r"(?:of|in|among|for|with|without|at|on|by|from|after|before|during|unlike"
    r"|compared (?:with|to))\b[^,;:()\[\]]*, ",
    re.IGNORECASE,
)


def _unscoped(body: str) -> str:
    """``body`` past a short phrase that opens it ("Of these, about 5% have X" -> "about
    5% have X"): the phrase stays with its clause, so the clause still stands alone."""
    m = _OPENING_PHRASE.match(body)
    if m is None:
        return body
    phrase = body[: m.end() - 2]
    return body[m.end() :] if _words(phrase) <= 8 and not _has_verb(phrase) else body


def _semicolon(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    for m in re.finditer(r"; ", sent):
        i = m.start()
        if not _at_top(depth, i, i + 2):
            continue
        left, right = sent[:i], sent[i + 2 :]
        body = re.sub(
            r"^(?:however|therefore|thus|in addition|moreover|instead|rather|in contrast"
            r"|for example|for instance|in fact|as a result|consequently|nevertheless),\s+",
            "",
            right,
            flags=re.IGNORECASE,
        )
        joined = re.match(r"and ", body)
        if joined:
            body = body[joined.end() :]  # "A; B; and C": a series of clauses
        if not (_both_long(left, right) and _has_verb(left) and _clause(_unscoped(body))):
            continue
        if _consequence_in(sent, depth, i + 2):
            return None  # "A; B, suggesting C": C follows from both halves
        if _opens_with_scope(left, depth):
            return None  # "Of the 14 patients, all ...; however, this number ...": left
            # alone; so is "Before the HIV/AIDS era, A; it was only as ... that B", whose
            # second half is no longer in the opening's time
        # "... recurrence.; Responses ...": the full stop is there, only ";" goes
        stop = " " if left.endswith(".") else ". "
        if joined:
            return "semicolon", [Edit(i, i + 6, stop), Edit(i + 6, i + 7, upper=True)]
        return "semicolon", [Edit(i, i + 2, stop), Edit(i + 2, i + 3, upper=True)]
    return None


#: A comparison whose "than ..." may come only later in the sentence.
_COMPARED = re.compile(r"\b(?:more|less|higher|lower|greater|fewer|better|worse)\s+\w+$")


def _compared(left: str) -> bool:
    """Whether ``left`` ends in a comparison ("more common", "higher") whose "than ..." may
    come only later in the sentence. A word ending in "-er" is a comparison only when it is
    an adjective or adverb's comparative form ("greater"), not a noun ("prostate cancer")."""
    if _COMPARED.search(left):
        return True
    last = re.search(r"([A-Za-z]+er)$", left)
    if last is None:
        return False
    from lemminflect import getAllLemmas

    word = last.group(1).lower()
    lemmas = getAllLemmas(word)
    if lemmas.get("NOUN", ("",))[0] == word and word != "better":
        return False  # "number" (not "numb" + "-er")
    return any(pos in lemmas and lemmas[pos][0] != last.group(1).lower() for pos in ("ADJ", "ADV"))


_CONJ_RE = re.compile(r", (but|yet|and|so|although|though|whereas|while|because) ")


_REPORTING = _set(
    """
    show shows showed shown suggest suggests suggested find finds found report reports
    reported note notes noted estimate estimates estimated indicate indicates indicated
    believe believes believed say says said know known mean means meant conclude
    concluded demonstrate demonstrated hypothesize hypothesized assume assumed thought
    think thinks argue argued state states stated claim claimed observe observed
    recommend recommended confirm confirmed reveal revealed predict predicted possible
    suggesting indicating showing demonstrating meaning implying confirming
    likely unlikely clear unclear true evident so such fact
    """
)


def _says_that(left: str) -> bool:
    """Whether ``left`` holds a "that" opening what is said, shown or estimated ("It is
    estimated that A", "found that A"), after which a cut may lose the frame; a relative
    "that" ("types of cancer that occur in children") is no such frame."""
    toks = _tokens(left)
    for i, tok in enumerate(toks):
        if tok.low != "that":
            continue
        prev = toks[i - 1].low if i else ""
        if i == 0 or prev in _REPORTING or prev in _AUX or prev.endswith("ed") or prev == ",":
            return True
    return False


def _ongoing(clause: str) -> bool:
    """Whether ``clause`` describes something going on ("patients are being treated",
    "they were waiting"): after "while", a time rather than a contrast."""
    toks = _tokens(clause)[:14]
    for k, tok in enumerate(toks[:-1]):
        nxt = toks[k + 1].low
        if tok.low in _AUX and (nxt.endswith("ing") or nxt in ("still", "being")):
            return True
    return any(t.low in ("being", "still", "meanwhile", "simultaneously") for t in toks)


def _conjunction(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    for m in _CONJ_RE.finditer(sent):
        i, j = m.start(), m.end()
        word = m.group(1)
        if not _at_top(depth, i, j):
            continue
        left, right = sent[:i], sent[j:]
        adverb = re.match(r"(?:therefore|thus|also|then),? ", right) if word == "and" else None
        body = right[adverb.end() :] if adverb else right
        if not (_both_long(left, right) and _has_verb(left) and _clause(_unscoped(body))):
            continue
        if word == "so" and right.lower().startswith("that "):
            continue
        if _consequence_in(sent, depth, j):
            continue  # "No patient had A, and none had B, suggesting C": C follows from
            # both findings; cut, it would hang on B alone
        if word == "while" and _ongoing(body):
            continue  # "..., while patients are being treated": a time, not a contrast
        if re.search(r"\.\s+[a-z]", right):
            continue  # a full stop before a small letter: the source text is broken here
        if word == "and" and re.match(r"(?:\S+ ){0,6}?would\b", body):
            continue  # "A are curable, and it would be impractical to ...": a consequence of
            # A, which the "and" carries; alone, it reads as a claim of its own
        if word == "and" and re.search(r": ", left):
            continue  # "three groups were found: one A, another B, and a third C": a list
        if word in ("and", "while", "whereas") and _says_that(left):
            continue  # "It is estimated that A, and B", "one study suggests that A, while
            # B": B may still be what is estimated or suggested
        if word == "and" and re.search(r"\b(?:because|since)\b|, as ", left, re.IGNORECASE):
            continue  # "... because A, and B", "..., as A, and B": B may be a second
            # reason, not a new fact
        if word in ("but", "yet") and re.search(r"\S \b(?:because|since)\b", left):
            continue  # "X is no sufficient cause because 90% are infected, but only a few
            # get cancer": the contrast is the reason, not a new fact
        if _compared(left) and " than " not in left:
            continue  # "A is more common, and B is greater in X than in Y": "than" ends it
        if word == "and":
            tops = [
                c.start() for c in re.finditer(", ", left) if _at_top(depth, c.start(), c.end())
            ]
            last_comma = tops[-1] if tops else -1  # "(average increase, 1.3%)": not a list
            if last_comma >= 0 and not _has_verb(left[last_comma + 2 :]):
                continue  # "A, B, and C were ...": a list, not two clauses
            scope = _scope_phrase(left, depth)
            linked = left[:last_comma].lower() in _CONNECTIVES  # "However, A, and B"
            if not linked and last_comma > len(scope or "") and _clause(left[last_comma + 2 :]):
                # "A had X, B had Y, and C had Z": a series, cut it all or none
                series = _series(sent, depth, tops, i, j)
                return ("conjunction", series) if series is not None else None
        new = _CONJUNCTIONS[word]
        if _opens_with_scope(left, depth):
            # "Among men, A, and B" -> "Among men, A. Among men, B.": the scope is said again
            again = (
                _rescoped(_scope_phrase(left, depth), new, left)
                if word in ("and", "but", "while", "although", "though", "whereas", "yet")
                else None
            )
            first = right.split(" ", 1)[0]
            named = re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*", first) is not None
            if again is None or adverb is not None or (right[:1].isupper() and not named):
                return None  # a capital other than an abbreviation ("HPV-18 was ..."):
                # the right half may be a title or a name running on
            return "conjunction", [Edit(i, j, again)]
        edits = [Edit(i, j, new)]
        if word in ("and", "while"):
            edits.append(Edit(j, j + 1, upper=True))
        return "conjunction", edits
    return None


def _series(sent: str, depth: list[int], commas: list[int], i: int, j: int) -> list[Edit] | None:
    """ "Chest tumors were the primary site in six patients, head and neck tumors were the
    primary site in four, and one patient had a tumor with an unknown primary." -> three
    sentences (rule ``conjunction``), when every part is a clause of its own: its own
    subject and verb, nothing the parts share (a scope opening the first, a "that" frame,
    a comparison). Otherwise left alone, since cutting only the last part would leave
    "A, B." behind."""
    left = sent[:i]
    parts = [left[: commas[0]]]
    parts += [left[a + 2 : b] for a, b in zip(commas, [*commas[1:], i], strict=True)]
    if len(parts) > 4 or _opens_with_scope(left, depth) or _says_that(left):
        return None
    if not (_clause(parts[0]) and all(_clause(p) for p in parts[1:])):
        return None
    if any(_words(p) < MIN_PART or ";" in p or re.search(r"\bthan\b", p) for p in parts):
        return None
    if _words(sent[j:]) < MIN_PART or any(re.match(r"\d", p) for p in parts[1:]):
        return None
    edits: list[Edit] = []
    for c in commas:
        edits += [Edit(c, c + 2, ". "), Edit(c + 2, c + 3, upper=True)]
    return [*edits, Edit(i, j, ". "), Edit(j, j + 1, upper=True)]


_CONCEDING = _set("no not never neither nor may might cannot could")


def _concedes(clause: str) -> bool:
    """Whether a clause opened by "While" grants a point ("While no therapies have been
    developed", "While such patients may have trouble"): a negation or a "may" marks it.
    Without one, "while" may say when ("While the permit was in effect, ..."), which "But"
    would misread."""
    return not _ongoing(clause) and (
        any(t.low in _CONCEDING or t.low.endswith("n't") for t in _tokens(clause))
        or _states(clause)
    )


_STATE_VERBS = _set("is are has have can could might would")
#: Words after "is/are" that place the subject in a time or place ("while patients are
#: in the hospital", "while the permit is in effect"): "while" then says when.
_WHERE_WHEN = _set(
    """
    in on at under inside outside away still being off out with without during under
    receiving taking
    """
)


def _states(clause: str) -> bool:
    """Whether a clause opened by "While" states a standing fact or a finding rather than
    an event in time: its verb is "is/are" before a noun or an adjective ("While NPC is
    a very chemosensitive tumor", "While long-term data are unavailable"), a present
    perfect ("While a decrease has been observed"), or a modal of what can be ("While
    X can cause Y"). "While" then concedes: the point is what follows. A passive ("while
    patients are treated"), "is/are" before a place or time ("are in the hospital") or
    a past tense ("While the permit was in effect") may say when, and is not read so."""
    toks = [t for t in _unbracketed(_tokens(clause)) if _WORDLIKE.match(t.text)]
    for k, tok in enumerate(toks):
        if not _finite(tok, toks[k - 1] if k else None, toks[k + 1] if k + 1 < len(toks) else None):
            continue
        if k == 0 or tok.text not in _STATE_VERBS:
            return False  # the first verb is some other one: read it as a time
        after = toks[k + 1].low if k + 1 < len(toks) else ""
        if tok.low in ("has", "have"):
            nxt = toks[k + 2].low if k + 2 < len(toks) else ""
            perfect = after.endswith("ed") or after in _IRREGULAR_PAST
            return perfect or (after == "been" and (nxt.endswith("ed") or nxt in _IRREGULAR_PAST))
        if tok.low in ("is", "are"):
            return not (
                after in _WHERE_WHEN or after.endswith(("ed", "ing")) or after in _IRREGULAR_PAST
            )
        return True  # can, could, might, would
    return False


#: Adverbs that may stand before a mid-sentence "because" and go with it ("probably
#: because X" -> "This is probably because X"); any other word there ("only because",
#: "not because", "is because") leaves the sentence alone.
_REASON_HEDGES = _set("probably possibly likely perhaps partly mainly largely mostly primarily")
#: Words in a main clause that a "because" after it may depend on: a condition ("if A
#: because B"), a question ("whether"), a negation ("was not stopped because X" may say
#: why it was stopped, or why not), or a relative clause ("patients who stopped because
#: they felt sick had ..."): with any of them the sentence is left alone.
_FOCUS = _set("only simply just solely merely even exactly precisely purely entirely partly")
_BECAUSE_BLOCKERS = _set(
    """
    if whether unless when whenever while although though since until once as
    not no never none nor neither cannot
    who whom whose which that
    """
)


def _because(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Survivors need close monitoring because side effects may appear years later." ->
    "Survivors need close monitoring. This is because side effects may appear years
    later." (rule ``because``). A reason given after a whole clause, without a comma, is
    its own sentence; "This is because" ties it to the clause before. "probably because"
    keeps its hedge ("This is probably because"). Left alone unless both sides are
    clauses, and whenever the first clause holds a word the reason may depend on
    (:data:`_BECAUSE_BLOCKERS`) or reports what someone said ("concluded that A because
    B": the reason may be part of what was concluded)."""
    for m in re.finditer(r"(?<=[^,;:(]) because (?!of\b)", sent):
        i, j = m.start(), m.end()
        if not _at_top(depth, i, j):
            continue
        left, right = sent[:i], sent[j:]
        ltoks = _tokens(left)
        hedge = ""
        cut = i
        aside = False  # "..., probably because X": the reason said after a comma
        if len(ltoks) > 1 and ltoks[-2].low == "in" and ltoks[-1].low == "part":
            hedge = "in part "
            cut = ltoks[-2].start - 1
            if sent[cut - 1 : cut + 1] != ", ":
                return None
            cut -= 1
            aside = True
            left = sent[:cut]
            ltoks = _tokens(left)
        elif ltoks and ltoks[-1].low in _REASON_HEDGES:
            hedge = ltoks[-1].low + " "
            cut = ltoks[-1].start - 1
            if len(ltoks) > 1 and ltoks[-2].low == "most" and ltoks[-1].low == "likely":
                hedge = "most likely "
                cut = ltoks[-2].start - 1
            if sent[cut - 1 : cut + 1] == ", ":
                cut -= 1  # "..., probably because X"
                aside = True
            elif sent[cut] != " ":
                return None
            left = sent[:cut]
            ltoks = _tokens(left)
        if not ltoks or (not ltoks[-1].text[0].isalnum() and ltoks[-1].text not in ")%"):
            return None
        last = ltoks[-1].low
        if last in _AUX or last in _NOT_SUBJECT or last in _FOCUS:
            return None  # "is because", "only because", "not because", "simply because"
        if aside:
            if _opens_with_scope(left, depth[: len(left)]):
                return None  # "Based on fair evidence, A, in part because B": is B too?
        elif any(t.low in _BECAUSE_BLOCKERS or t.low.endswith("n't") for t in ltoks):
            return None  # (after a comma and a hedge, the reason is given for all that
            # came before: "Patients who ... are less likely to have it, perhaps because")
        if len(ltoks) > 1 and ltoks[-2].low in _AUX and _passive_of(ltoks[-1].text):
            return None  # "Many of the ingredients were chosen because X": "were chosen."
            # alone says nothing; the reason is the point
        if not (_both_long(left, right) and _has_verb(left) and _clause(right)):
            return None
        if _says_that(left) or "; " in left or re.search(r"\bbecause\b", right):
            return None
        if re.search(r", but ", right):
            return None  # "because A, but B": B answers the first clause, not the reason
        return "because", [Edit(cut, j, f". This is {hedge}because ")]
    return None


def _leading_clause(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    if not toks:
        return None
    opener = toks[0].low
    if opener == "even" and len(toks) > 1 and toks[1].low == "though":
        cut = toks[1].end + 1
        new = ". But "
    elif opener in _CONTRAST_OPENERS:
        cut, new = toks[0].end + 1, _CONTRAST_OPENERS[opener]
    elif opener in _CAUSE_OPENERS:
        cut, new = toks[0].end + 1, _CAUSE_OPENERS[opener]
    elif opener == "while":
        cut, new = toks[0].end + 1, ". But "
    else:
        return None
    head = sent[cut:]
    if not _clause(head) or re.search(r"\b(?:and|or) (?:because|since|although|as)\b", head):
        return None  # "Because A and because B, C": two reasons, not one clause
    for m in re.finditer(r", ", sent):
        i = m.start()
        if i < cut or not _at_top(depth, i, i + 2):
            continue
        left, right = sent[cut:i], sent[i + 2 :]
        if opener == "while" and not _concedes(left):
            return None  # "While the permit was in effect, ...": a time, not a contrast
        if _both_long(left, right) and _has_verb(left) and _clause(_unscoped(right), window=20):
            # the main clause may have a long subject: "no evidence of hepatotoxicity—or
            # any other form of serious toxicity—was found"
            return "leading_clause", [
                Edit(0, cut, ""),
                Edit(cut, cut + 1, upper=True),
                Edit(i, i + 2, new),
            ]
    return None


def _joined(toks: list[_Tok]) -> list[_Tok]:
    """``toks`` with a name written with digits as one word ("KEYNOTE-164", "G009"): a
    letter word touched by digits (or digits touched by it) and nothing else between."""
    out: list[_Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == tok.start
            and prev.text[0].isalpha()
            and re.fullmatch(r"[\w-]+", tok.text)
        ):
            out[-1] = _Tok(prev.text + tok.text, prev.start, tok.end)
        else:
            out.append(tok)
    return out


_COPULAS = _set("is are was were")


def _noun_before(left: str) -> tuple[str, str] | None:
    """The noun phrase closing ``left`` (up to its determiner) and that determiner."""
    toks = _joined(_tokens(left))
    words: list[_Tok] = []
    for tok in reversed(toks):
        if not tok.text[0].isalpha() or tok.low in _NOUN_STOP or len(words) == 4:
            break
        words.insert(0, tok)
    if not words or (words[0].start > 0 and not left[words[0].start - 1].isspace()):
        return None  # no noun, or half of a compound ("cord–active molecules")
    at = len(toks) - len(words) - 1
    before = toks[at] if at >= 0 else None
    det = before.low if before is not None and before.low in _DETERMINERS else ""
    if det and at > 0:
        before = toks[at - 1]
        verb = toks[at - 2] if at > 1 else None
        after_verb = (
            verb is not None
            and before.low in ("on", "in", "with", "by", "from", "into")
            and (verb.low in _AUX or verb.low.endswith("ed") or verb.low in _IRREGULAR_PAST)
        )
        if before.low in _NOT_SUBJECT and not after_verb:
            return None  # "the survival in the trial, which ...": the trial, or the survival?
            # ("was based on the trial, which ...": only the trial is named there)
        if at > 1 and toks[at - 2].low == "to":
            return None  # "to achieve a good outcome, which involves ...": the achieving
    if before is not None and before.low in ("of", "and", "or", "than", "between", "nor", "to"):
        return None  # "the survival of patients, which ...": which noun is meant?
    if before is not None and not before.text[0].isalpha():
        return None  # "by 2 weeks, which ...": the clause, not the weeks
    at_before = toks.index(before) if before is not None else -1
    if (
        before is not None
        and before.low in ("with", "by", "from", "as", "in")
        and at_before > 0
        and toks[at_before - 1].low.endswith("ed")
    ):
        return None  # "an analysis of patients treated with X, which was compared ..."
    if (
        not det
        and before is not None
        and before.text[0].isalpha()
        and before.low not in _NOT_SUBJECT | _COPULAS
    ):
        return None  # (after "is/are": "the main harm is overdiagnosis, which ...")
    phrase = left[words[0].start : words[-1].end]
    return phrase, det


def _plural(noun: str) -> bool:
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is", "sis"))


#: A subject at the start of a sentence with a relative clause between commas: "The
#: largest cluster, which comprised 64% of the samples, had ...". The subject is a short
#: noun phrase with no preposition in it (so "which" can only mean it) or a name.
_SUBJECT_WHICH = re.compile(
    r"(?P<np>(?P<det>The|This|These|That|Those|Much of this|Each|Its|Their)?"
    r"(?(det) |)(?P<words>[\w’'-]+(?: [\w’'-]+){0,3})), (?P<rel>which|who) "
)


def _verb_form(word: str) -> bool:
    """Whether ``word`` is a finite verb form (an auxiliary, a past or a present tense:
    "was", "comprised", "averages"), where the grammar says a verb must stand (right
    after a subject's "which", or after the comma that closes it)."""
    from lemminflect import getAllLemmas, getInflection

    low = word.lower()
    if low in _AUX:
        return True
    verbs = getAllLemmas(low).get("VERB")
    if not verbs:
        return False
    return any(low in getInflection(verbs[0], tag) for tag in ("VBD", "VBZ", "VBP"))


def _subject_which(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "The largest cluster, which comprised 64% of the samples, had classical features."
    -> "The largest cluster comprised 64% of the samples. This cluster had classical
    features." (rule ``which``). The relative clause says one thing about the subject and
    the sentence another; said apart, the second names the subject again ("This
    <noun>", or a name in full). Left alone unless the subject is a short noun phrase
    with no preposition or second noun a "which" could mean, the relative clause holds
    no comma, and a verb follows the comma that closes it."""
    m = _SUBJECT_WHICH.match(sent)
    if m is None or not _at_top(depth, m.start(), m.end()):
        return None
    words = m["words"].split()
    lows = [w.lower() for w in words]
    if any(w in _NOUN_STOP or w in _AUX for w in lows) or _has_verb(m["np"]):
        return None  # "In another study, which ...", "Details of the NDA, which ...": which?
    det = m["det"]
    if det is None and not (words[0][:1].isupper() and m["rel"] == "which"):
        return None  # a bare noun or a person ("Patients, who ..."): leave it
    close = sent.find(", ", m.end())
    if close < 0 or not _at_top(depth, close, close + 2):
        return None
    clause, rest = sent[m.end() : close], sent[close + 2 :]
    ctoks = _tokens(clause)
    if not ctoks or not _verb_form(ctoks[0].text):
        return None  # "which, in turn, ...", "which patients ...": not a verb first
    if any(ch in clause for ch in "()[];:") or _words(clause) < 3:
        return None
    rtoks = _tokens(rest)
    if not rtoks or not (
        _verb_form(rtoks[0].text)
        or (rtoks[0].low.endswith("ly") and len(rtoks) > 1 and _verb_form(rtoks[1].text))
    ):
        return None  # the comma does not close the clause: "X, which A, B, and C ..."
    if _words(rest) < MIN_PART:
        return None
    head = words[-1]
    if det is None or det == "Much of this":
        again = m["np"] if det is None else "This " + head
    else:
        plural = _plural(head.lower()) or head.lower() in _IRREGULAR_PLURALS
        again = ("These " if plural else "This ") + head
    at = m.end("np")
    return "which", [
        Edit(at, m.end(), " "),  # ", which " -> " "
        Edit(close, close + 2, ". " + again + " "),
    ]


def _which(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    m = re.search(r", which ", sent)
    if m is None or not _at_top(depth, m.start(), m.end()):
        return None
    i, j = m.start(), m.end()
    left, right = sent[:i], sent[j:]
    if not (_both_long(left, right) and _has_verb(left)):
        return None
    rtoks = [t for t in _tokens(right) if t.low not in _WHICH_ADVERBS]
    if not rtoks or not rtoks[0].text.isalpha() or rtoks[0].low in _NOUN_STOP - _AUX:
        return None
    verb = rtoks[0].low
    if verb in _WHICH_THIS and not _closes_early(right, depth[j:]):
        if _coordinated(left, depth[:i]) or _hedge(left, depth[:i]) != "":
            return None  # "A, and B, which suggests C": C follows from both; "A may
            # cause B, which means C": "This means C" would drop the hedge
        return "which", [Edit(i, j, ". This ")]
    if _closes_early(right, depth[j:]) or (
        "," in right and not re.search(r", (?:and|or) [^,]*\.$", right)
    ):
        return None  # "X, which is Y, has Z" or "..., and to avoid ...": mid-sentence
        # (a closing list is fine: "factors, which include A, B, and C")
    if verb in ("would", "could", "might", "may", "can", "will", "should"):
        return None  # "delay therapy by 2 weeks, which would ...": often the whole clause
    if verb in _WHICH_THIS or right.startswith(("is why ", "was why ")):
        if _coordinated(left, depth[:i]) or _hedge(left, depth[:i]) != "":
            return None  # "A, and B, which suggests C": C follows from both; "A may
            # cause B, which means C": "This means C" would drop the hedge
        return "which", [Edit(i, j, ". This ")]
    found = _noun_before(left)
    if found is None:
        return None
    phrase, det = found
    last = phrase.split()[-1].lower()
    plural = _plural(last)
    copula = left[: len(left) - len(phrase)].rstrip().rsplit(" ", 1)[-1].lower() in _COPULAS
    if (
        copula
        and not det
        and (
            can_be_adjective(last)
            or (last.endswith(("ing", "ed")) and not can_be_noun(last))
            or any(w.lower().endswith("ly") for w in phrase.split())
        )
    ):
        return None  # "are fairly slow growing, which ...": an adjective phrase says how
        # the subject is; "which" points at the whole clause, and "Slow growing explains"
        # is no sentence
    if not det and not copula and not (plural and verb in _PLURAL_VERBS):
        return None  # a bare noun after a preposition: "... in adipose tissue, which ..."
        # may mean the tissue or all that came before; "in NADH genes, which are" cannot
    if verb in _SINGULAR_VERBS or (verb not in _AUX and verb.endswith("s") and verb[-2:] != "ss"):
        singular_verb: bool | None = True
    elif verb in _PLURAL_VERBS or (verb not in _AUX and not verb.endswith("ed")):
        singular_verb = False
    else:
        singular_verb = None  # "was", "could", "showed": either number
    if singular_verb is not None and singular_verb == plural:
        return None  # the verb does not agree with the nearest noun: which noun is meant?
    # "the drug, which" -> "This drug"; a bare name is said again as it is: "Prunasin is".
    subject = ("These " if plural else "This ") + phrase if det else _cap(phrase)
    return "which", [Edit(i, j, ". " + subject + " ")]


def _closes_early(right: str, depth: list[int]) -> bool:
    """Whether a relative clause ``right`` ends at a comma before the sentence does ("X,
    which is Y, has Z"): a verb, or an adverb and a verb, follows a comma at its top."""
    toks = _tokens(right)
    for k, tok in enumerate(toks[:-1]):
        if tok.text != "," or depth[tok.start]:
            continue
        nxt = toks[k + 1]
        after = toks[k + 2] if k + 2 < len(toks) else None
        if _finite(nxt, None, after) or (
            nxt.low.endswith("ly") and after is not None and _finite(after, None)
        ):
            return True
    return False


def _after_comma_verb(right: str) -> bool:
    return any(m.group(1).lower() in _AUX for m in re.finditer(r", (\S+)", right))


_PAST = {"leads": "led", "makes": "made", "shows": "showed", "means": "meant"}


def _base(participle: str) -> str:
    """The plain form of a participle's verb, said after a modal ("creating" -> "create")."""
    from lemminflect import getAllLemmas

    verbs = getAllLemmas(participle).get("VERB")
    return verbs[0] if verbs else participle


def _past(clause: str) -> bool:
    """Whether the clause's first finite verb is in the past ("was given", "showed")."""
    if re.search(r"\b(?:has|have) (?!been\b)(?:[a-z]+ly )?[a-z]+(?:ed|en|wn)\b", clause):
        return False  # "Data from specimens removed ... have shown X": a present perfect
        # ("removed" is no finite verb), so "This suggests", never "This suggested"
    toks = _tokens(clause)
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _finite(tok, toks[i - 1] if i else None, nxt):
            low = tok.low
            if low in ("has", "have", "had") and nxt is not None and nxt.low == "been":
                return True
            return (
                low in ("was", "were", "had", "did")
                or low in _IRREGULAR_PAST
                or (low.endswith("ed") and low not in _AUX)
            )
    return False


def _participle(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    for m in re.finditer(r", (" + "|".join(_PARTICIPLES) + r") ", sent):
        i, j = m.start(), m.end()
        if not _at_top(depth, i, j):
            continue
        left, right = sent[:i], sent[j:]
        if not (_both_long(left, right) and _has_verb(left)) or _words(right) < 3:
            continue
        if "; " in left or re.search(r"\b(?:and|or|but|therefore|thus|so|hence)$", left, re.I):
            continue  # "causes X and therefore, preventing X results in ...": not a participle
        if ("," in right and _after_comma_verb(right)) or re.search(r", (?:and|or) |; ", right):
            continue  # "are overdiagnosis, leading to X, and misdiagnosis": a list goes on
        if _coordinated(left, depth[:i]):
            continue  # "A had X, and B had Y, suggesting Z": Z follows from both
        hedge = _hedge(left, depth[:i])
        if hedge is None:
            continue  # a modal whose reach is unclear: the consequence's hedge would be
        verb = _PARTICIPLES[m.group(1)]
        if hedge:
            # "may enhance the itch, creating a cycle" -> "This may create a cycle": the
            # consequence is no surer than its cause
            verb = f"{hedge} {_base(m.group(1))}"
        elif _past(left):
            verb = _PAST.get(verb, verb[:-1] + "d" if verb.endswith("es") else verb[:-1] + "ed")
        return "participle", [Edit(i, j, f". This {verb} ")]
    return None


#: A sentence's subject followed by its other name: "Transplant-related KS (also called
#: iatrogenic KS) is diagnosed ...", "Solid pseudopapillary tumor of the pancreas, also
#: known as Frantz tumor, is the most common ...".
_ALSO_CALLED = re.compile(
    r"(?P<np>[A-Z][^,;:()\[\]]{2,80}?)(?: \((?P<abbr>[A-Z][A-Za-z0-9-]{1,10})\))?"
    r"(?P<aside> \(also (?P<how>called|known as) (?P<alias1>[^()\[\];,]+)\)"
    r"|, also (?P<how2>called|known as) (?P<alias2>[^()\[\];,]+),) (?P<verb>[a-z]+) "
)


def _also_called(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Transplant-related KS (also called iatrogenic KS) is diagnosed in patients who
    take drugs that weaken the immune system." -> "Transplant-related KS is diagnosed in
    patients who take drugs that weaken the immune system. Transplant-related KS is also
    called iatrogenic KS." (rule ``aside``). The other name of the sentence's subject
    interrupts it; said after it, the subject is named again (by its abbreviation when
    it has one), so no pronoun can point at the wrong noun. Only for a short subject with
    no verb, a finite verb right after the aside, and a sentence that ends in a full
    stop."""
    m = _ALSO_CALLED.match(sent)
    if m is None or depth[m.start("aside")] or depth[m.end("aside")]:
        return None  # the aside must open and close at the sentence's top
    np = m["np"]
    first = np.split()[0].lower()
    if _words(np) > 8 or _has_verb(np) or first in _NOT_SUBJECT or first in _SUBJECT_PRONOUNS:
        return None
    verb = m["verb"]
    if not _verb_form(verb) or _words(sent[m.start("verb") :]) < MIN_PART:
        return None
    stop = _STOPPED.search(sent)
    if stop is None:
        return None
    if verb in _SINGULAR_VERBS or (verb.endswith("s") and verb not in _AUX):
        plural = False
    elif verb in _PLURAL_VERBS:
        plural = True
    else:
        plural = _plural(np.split()[-1].lower())
    name = m["abbr"] or np
    alias = m["alias1"] or m["alias2"]
    how = m["how"] or m["how2"]
    said = f". {name} {'are' if plural else 'is'} also {how} {alias.strip()}"
    return "aside", [
        Edit(m.start("aside"), m.end("aside"), ""),
        Edit(stop.start(), stop.start(), said),
    ]


def _aside(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    if not sent.endswith(").") or depth[-2] != 1:
        return None
    close = len(sent) - 2
    level = 0
    open_at = -1
    for k in range(close, -1, -1):
        if sent[k] == ")":
            level += 1
        elif sent[k] == "(":
            level -= 1
            if level == 0:
                open_at = k
                break
    if open_at <= 0 or sent[open_at - 1] != " ":
        return None
    inner = sent[open_at + 1 : close]
    if _words(inner) < 6 or not _clause(inner) or not _has_verb(sent[:open_at]):
        return None
    if _words(sent[:open_at]) < MIN_PART:
        return None
    return "aside", [
        Edit(open_at - 1, open_at + 1, ". ("),
        Edit(open_at + 1, open_at + 2, upper=True),
        Edit(close, close + 2, ".)"),
    ]


#: Words after which a closing list may start, after its clause's verb ("include A, B,
#: and C", "associated with A, B, and C"): the verb itself or the preposition after it.
_LIST_WORDS = (
    r"\b(?:include[sd]?|including|such as|are|were|with|of|from|for|in|on|by|like|as|about"
    r"|regarding|against)\s+"
)
#: What a phrase of a list does not contain: a relative clause, a participle with its
#: agent ("followed by"), or a linking phrase ("in particular", "then").
_NOT_ITEM = re.compile(
    r"\b(?:that|which|who|whom|whose|respectively)\b|\b\w+ed by\b"
    r"|^\w+ed (?:on|by|with|in|to|for|from|as|at)\b"
    r"|^(?:in particular|for example|then|and|for|in|with|of|to|from|by|on|at|as)\b"
    r"|^(?:mostly|primarily|mainly|especially|particularly|usually|often|rarely"
    r"|typically|commonly|frequently|largely|partly|only|nearly|possibly|probably|generally"
    r"|sometimes|also|even)\b",
    re.IGNORECASE,
)
#: A list item is a short phrase: this many words at most ...
_ITEM_WORDS = 8
#: ... or, when every item opens the same way (a determiner or a count: "the relatively
#: few patients ..., the predominance of ..., and the small number of ..."), this many.
_LONG_ITEM_WORDS = 14
_ITEM_OPENERS = _set("the a an one two three four five six seven eight nine ten")
#: The mark that opens each item of a list shown as a list.
BULLET = "\n• "


_ADJECTIVE = re.compile(r"(?:ic|al|ary|ive|ous|ar|ory|ile|oid|-\w+)$")
_HEADS = _set(
    """genes gene proteins variants mutations tumors cancers cells types studies sites
    melanomas carcinomas sarcomas lymphomas diseases lesions disorders therapies treatments"""
)


def _shared_head(items: list[str]) -> bool:
    """Whether the items are words sharing the last item's noun: "parathyroid, pancreatic,
    and pituitary tumors", "the BRAF, NF1, and KIT genes"."""
    bare = [re.sub(r"\s*\([^()]*\)", "", i) for i in items]  # "hereditary (80%)" -> "hereditary"
    middle = bare[1:-1]
    last = bare[-1].split()
    if not middle or len(last) < 2 or any(len(i.split()) != 1 for i in middle):
        return False
    return any(_ADJECTIVE.search(i.lower()) for i in middle) or last[-1].lower() in _HEADS


def _uniform(items: list[str]) -> bool:
    """Whether every item opens with a determiner or a count, the sign of parallel noun
    phrases when they are long enough that their bounds are otherwise unclear."""
    for item in items:
        first = item.split()[0].lower()
        if first not in _ITEM_OPENERS and not re.match(r"\d", first):
            return False
    return True


_OF = re.compile(r"\w \bof\b \w")


def _shaped_lead(
    body: str, costs: list[tuple[float, int]], chosen: list[int], final: int, width: int
) -> tuple[float, int] | None:
    """Of two list starts that fit the items' length about as well, the one whose first
    item has the shape most of the others have: "X of Y" ("narrowed by location of the
    trial, type of treatment, name of the drug, and other criteria": the list starts
    after "by", not after "of"). Only the earlier start is ever chosen this way, so an
    "X of Y" is kept whole; when most items are no "X of Y" the list is left alone
    ("treated with surgery of the primary tumor, RPLND, and chemo")."""
    rest = [body[c + 2 : e] for c, e in zip(chosen, [*chosen[1:], final], strict=True)]
    rest.append(body[final + width :])
    if 2 * sum(bool(_OF.search(i)) for i in rest) <= len(rest):
        return None
    near = [c for c in costs if c[0] - costs[0][0] < 0.75]
    if len(near) != 2:
        return None
    first, second = sorted(near, key=lambda c: c[1])
    if _OF.search(body[first[1] : chosen[0]]) and not _OF.search(body[second[1] : chosen[0]]):
        return first
    return None


_ITEM_PREPOSITIONS = _set("in of for with at on from by among to")


def _preposition_in(item: str) -> bool:
    words = re.sub(r"\([^()]*\)", "", item).lower().split()
    return any(w in _ITEM_PREPOSITIONS for w in words[1:])


#: Words that, opening a list's first item, may be said of every item ("yearly blood
#: calcium, gastrin, and glucagon"): a time, a route or a sample.
_SHARED_MODIFIERS = _set(
    """
    yearly annual annually daily weekly monthly routine regular repeated serial
    serum plasma blood urine urinary oral intravenous topical systemic
    """
)


def _unlike_items(items: list[str]) -> bool:
    """Whether the phrases between the commas are not one list's items, though they read
    as such: a verb phrase ("operated a clinic in Bracebridge, Ontario, and dispensed
    Essiac"), a bracket opened in one item and closed in another, a later start hidden
    in an item ("changes in other genes, one each in BRCA2, RET, and FH"), items shaped
    "X in 4%" after a first that is only "36%", numbers whose unit only the last has ("1,
    2, and 2.5 years"), or words after the last item's brackets that say something of
    every item ("A (aged <21), B (aged 22-50), and C (aged >50) with colorectal cancer")."""
    for item in items:
        words = item.split()
        if item.count("(") != item.count(")") or item.count("[") != item.count("]"):
            return True
        if (
            len(words) > 1
            and (words[0].lower().endswith("ed") or words[0].lower() in _IRREGULAR_PAST)
            and words[1].lower() in _DETERMINERS | _PERSONAL | {"each", "every"}
            and _verb_form(words[0])
        ):
            return True  # "dispensed Essiac ...", "calculated each patient's risk"
    rest = items[1:]
    if re.fullmatch(r"[\d.,]+%?", items[0]) and all(
        re.search(r"\b(?:in|of|for|among) [\d.,]+%?$", i) for i in rest
    ):
        return True  # "lower clivus in 36%, craniocervical junction in 4%, ...": the
        # items are "X in N%", and the first began before the list's lead
    for k in range(1, len(items) - 2):
        later = items[k + 1 :]
        named = re.search(r"\b(?:in|of|for|with) ([A-Z0-9][\w-]*)$", items[k])
        if named and all(re.fullmatch(r"[A-Z0-9][\w-]*", i) for i in later):
            return True  # "changes in other genes, one each in BRCA2, RET, and FH": the
            # names are listed after the "in" inside an item
    bare = [re.fullmatch(r"[\d.,]+%?", i) is not None for i in items]
    if any(bare) and not all(bare):
        return True  # "on days 1, 8, and 15 of 28-day cycles", "at intervals of 1, 2, and
        # 2.5 years": a number alone on its line lost what it counts
    if re.match(r"(?:combination|combined|concurrent|either|both)\b", items[0], re.I):
        return True  # "treatment with combination fluoropyrimidine, oxaliplatin, and
        # irinotecan": the first word says something of every item
    first = items[0].split()
    if (
        len(first) > 1
        and first[0].lower() in _SHARED_MODIFIERS
        and sum(len(i.split()) < len(first) for i in rest) * 2 >= len(rest)
    ):
        return True  # "may include yearly blood calcium, parathyroid hormone, gastrin, and
        # IGF-1": "yearly blood" is said of every test, not of calcium alone
    last = items[-1]
    if re.search(
        r"(?:\((?:see|shown in|listed in)\b[^()]*\)|\[(?:see|shown in|listed in)\b[^\[\]]*\])\W*$",
        last,
        re.I,
    ):
        return True  # "such as KIF1B, EGLN1, and MAX (see Table 2)", "... and pyelonephritis
        # [see Warnings and Precautions (5.1)]": the pointer is said of the whole list; on
        # the last line it would seem to be said of the last item alone
    closed = last.rfind(")")
    return (
        closed > 0
        and _words(last[closed + 1 :]) > 0
        and all(i.rstrip().endswith(")") for i in items[:-1])
    )


def _list(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Side effects include A, B, C, and D." -> "Side effects include:" and one line per
    item. Only a list of three or more short phrases joined by "and" that closes its
    sentence ("or" lists are left: "one of A, B or C" needs words tailor would invent).
    Lists parted by semicolons are left too: their items differ too much for tailor to
    see where the first begins ("was 52% for A; 48% for B; and 19% for C"). An "or" list
    is shown as a list only after "such as" or "including": examples, of which any may
    apply, read the same one a line."""
    return _list_by(sent, depth, ",") or _list_by(sent, depth, ",", "or")


def _list_by(
    sent: str, depth: list[int], mark: str, word: str = "and"
) -> tuple[str, list[Edit]] | None:
    body = sent[:-1]
    if "•" in body:
        return None  # "Start treatment before use. • Invasive fungal infections, including
        # A, B, and C": items the source ran together; a lead made of them reads as neither
    joint = f"{mark} {word} "
    width = len(joint)
    final = body.rfind(joint)
    if final < 0 or not _at_top(depth, final, final + width):
        return None
    commas = [
        m.start()
        for m in re.finditer(re.escape(mark) + " ", body[:final])
        if _at_top(depth, m.start(), m.end())
    ]
    chosen: list[int] = []
    items_start = None
    for k in range(len(commas) - 1, -1, -1):
        seg_start = commas[k - 1] + 2 if k else 0
        seg = body[seg_start : commas[k]]
        chosen.insert(0, commas[k])
        opener = re.match(r"(?:including|such as) ", seg)
        if opener is not None:
            items_start = seg_start + opener.end()
            break
        colon = seg.rfind(": ")
        if colon > 0 and word == "and" and _at_top(depth, seg_start + colon, seg_start + colon + 2):
            # "... in three cell lines: LNCaP, PC-3, and DU-145": the colon opens the list
            items_start = seg_start + colon + 2
            break
        if word == "or" and (k == 0 or _words(seg) > _ITEM_WORDS or _has_verb(seg)):
            return None  # an "or" list needs "such as" or "including" before it
        if _words(seg) <= _LONG_ITEM_WORDS and not _has_verb(seg) and k:
            continue
        seg_toks = _tokens(seg)
        verbs = [
            t
            for i, t in enumerate(seg_toks)
            if _finite(
                t,
                seg_toks[i - 1] if i else None,
                seg_toks[i + 1] if i + 1 < len(seg_toks) else None,
            )
        ]
        if not verbs:
            return None
        after = seg[verbs[-1].start :]
        leads = [
            seg_start + verbs[-1].start + m.end()
            for m in re.finditer(_LIST_WORDS, after, re.IGNORECASE)
        ]
        later = body[chosen[0] :]
        leads = [
            at
            for at in leads
            if not (
                (said := re.search(r"(about|regarding|against)\s+$", body[:at]))
                and re.search(rf"\b{said.group(1)}\b", later)
            )
        ]  # "lacks in detail about A, B, and information about C": the items are "X about
        # Y" themselves, so the list starts before the first "about"
        if not leads:
            return None
        # The first item is like the others: "resulting from A, B, and C" lists after
        # "from", not after "for" in "effective for treating stiffness resulting from A".
        others = [
            _words(body[c + 2 : e]) for c, e in zip(chosen, [*chosen[1:], final], strict=True)
        ]
        others.append(_words(body[final + width :]))
        typical = sum(others) / len(others)
        costs = sorted((abs(_words(body[at : chosen[0]]) - typical), at) for at in leads)
        if len(costs) > 1 and costs[1][0] - costs[0][0] < 0.75:
            shaped = _shaped_lead(body, costs, chosen, final, width)
            if shaped is None:
                return None  # two readings fit about as well, and the items' shape does
                # not tell them apart either
            costs = [shaped]
        best, items_start = costs[0]
        if body[items_start - 3 : items_start].lower() == "of " and any(
            cost - best < 2.5
            and at < items_start
            and re.search(r"\b(?:with|from|by) $", body[:at], re.IGNORECASE)
            for cost, at in costs[1:]
        ):
            return None  # "treated with surgery of the primary tumor, RPLND, and X": the
            # list may start after "with" as well as after "of"
        break
    if items_start is None:
        return None
    bounds = [items_start, *(c + 2 for c in chosen), final + width]
    ends = [*chosen, final, len(body)]
    items = [body[i:j] for i, j in zip(bounds, ends, strict=True)]
    # an item's length leaves out what brackets hold: "coffee enemas (the injection of
    # coffee through ...)" is a two-word item with its explanation
    sizes = [_words(re.sub(r"\s*\([^()]*\)", "", i)) for i in items]
    if len(items) < 3 or any(n == 0 or n > _LONG_ITEM_WORDS for n in sizes):
        return None
    if any(
        re.search(r"\b(?:such as|including)\b", re.sub(r"\([^()]*\)", "", i))
        or re.match(r"(?:and|or) ", i)
        or i.split()[0].lower() in _PARTICIPLES
        for i in items
    ):
        return None  # "found by methods such as A, B, and C": the list starts later;
        # "in most patients, leading to A, B, and C": a consequence, not an item
    if _unlike_items(items):
        return None
    bare_items = [re.sub(r"\s*\([^()]*\)", "", i) for i in items]
    if re.search(r"\b(?:a|an|the)(?: \w+){1,3} of $", body[:items_start]) and (
        2 * sum(bool(_OF.search(i)) for i in bare_items[1:]) > len(items) - 1
        and not _OF.search(bare_items[0])
    ):
        return None  # "a brief history of A, the results of B, and side effects of C":
        # the items are "X of Y" themselves, so the list starts before "a brief history"
    if ", " in bare_items[-1]:
        return None  # "A, B, and C, with variable D": what follows C may be said of all
    if mark == "," and any(n > _ITEM_WORDS for n in sizes) and not _uniform(items):
        return None  # "the food, drug, and mass-market channel in the United States in 2019"
    if " than " in items[-1] or items[-1].startswith("or "):
        return None  # "a higher incidence of A, B, and C than men in ...": "than" ends it
    bare = [re.sub(r"\s*\([^()]*\)", "", i).split() for i in items]  # explanations aside
    rest = [len(i) for i in bare[1:]]
    if len(bare[0]) > 2 * sum(rest) / len(rest) + 1:
        return None  # "the mucosal surfaces lining the oral cavity, oropharynx, ...": the
        # list starts later than any lead word tailor can see
    if any(_has_verb(i) or ";" in i or ":" in i or _NOT_ITEM.search(i) for i in items):
        return None
    if re.search(r"\b(?:despite|after|before|during|following|against|versus|vs)\b", items[0]):
        return None  # "from diagnosis despite surgery, chemo, and radiation": "despite" lists
    if body[:items_start].endswith(" of ") and any(re.match(r"\w+ of\b", i) for i in items[1:]):
        return None  # "different degrees of A, frequencies of B, and C": "degrees" is listed
    if _shared_head(items):
        return None  # "parathyroid, pancreatic, and pituitary tumors": one noun, shared
    if any(len(i.split()) > 1 for i in items) and all(
        w[:1].isupper() for i in items for w in i.split()
    ):
        return None  # "Ovarian Epithelial, Fallopian Tube, and ... Treatment": a title
    intro = body[:items_start].rstrip()
    if _words(intro) < 3:
        return None
    edits = [
        *([] if intro.endswith(":") else [Edit(len(intro), len(intro), ":", "text")]),
        Edit(len(intro), items_start, BULLET, "item"),
    ]
    edits += [Edit(c, c + 2, BULLET, "item") for c in chosen]
    edits.append(Edit(final, final + width, BULLET, "item"))
    return "list", edits


#: Words after which a list of things to do may start: "to", "help" or a modal ("it can
#: help relieve pain, reduce side effects, and improve quality of life").
_DOING_LEAD = re.compile(r"\b(?:to|help|helps|helped|can|could|may|might|will|would)\s")


def _plain_verb(word: str) -> bool:
    """Whether ``word`` is a verb's plain form ("relieve", "reduce", "support")."""
    from lemminflect import getAllLemmas

    verbs = getAllLemmas(word.lower()).get("VERB")
    return bool(verbs) and verbs[0] == word.lower() and word.islower()


def _doing_list(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Proponents claim that it can help relieve pain, reduce side effects, improve
    quality of life, and reduce tumor size." -> "... it can help:" and one line per thing
    it can help do (rule ``list``). A closing list of three or more short verb phrases,
    each opening with a verb's plain form, after "to", "help" or a modal, which all of
    them share. Left alone when an item holds a clause of its own ("imbalances that
    might lead to ...") or is long, or when a phrase before the first item could also
    be one."""
    body = sent[:-1]
    final = body.rfind(", and ")
    if final < 0 or not _at_top(depth, final, final + 6):
        return None
    commas = [
        m.start() for m in re.finditer(r", ", body[:final]) if _at_top(depth, m.start(), m.end())
    ]
    if not commas:
        return None
    each_to = body[final + 6 : final + 9] == "to "
    if each_to:
        # "critical to find A, to note B, and to plan C": every item says "to"; the first
        # item opens at the last "to" before the first comma that opens one
        said = [c for c in commas if body[c + 2 : c + 5] == "to "]
        if not said or any(c > said[0] and c not in said for c in commas):
            return None
        tos = [m.start() for m in re.finditer(r"\bto ", body[: said[0]])]
        if not tos or any(tos[-1] < c < said[0] for c in commas):
            return None
        start = tos[-1]
    else:
        leads = [m.end() for m in _DOING_LEAD.finditer(body, 0, commas[-1])]
        starts = [at for at in leads if at < commas[0]]
        if not starts:
            return None
        start = starts[-1]
    cut = [c for c in commas if c > start]
    if len(cut) < 1:
        return None
    bounds = [start, *(c + 2 for c in cut), final + 6]
    ends = [*cut, final, len(body)]
    items = [body[a:b] for a, b in zip(bounds, ends, strict=True)]
    if len(items) < 3 or _words(body[:start]) < 3:
        return None
    for item in items:
        words = item.split()[1:] if each_to else item.split()
        limit = _LONG_ITEM_WORDS if each_to else _ITEM_WORDS
        if not words or not _plain_verb(words[0]) or _words(item) > limit:
            return None
        item = " ".join(words)
        rest = item[len(words[0]) :]
        if re.search(r"[;:()\[\]]", item) or _NOT_ITEM.search(item) or _has_verb(rest):
            return None  # "correct imbalances that might lead to ...": a clause inside
    intro = body[:start].rstrip()
    return "list", [
        Edit(len(intro), len(intro), ":", "text"),
        Edit(len(intro), start, BULLET, "item"),
        *(Edit(c, c + 2, BULLET, "item") for c in cut),
        Edit(final, final + 6, BULLET, "item"),
    ]


#: "In a study of ..." opening a sentence: the kinds of report it names, singular and plural.
_STUDY_NOUNS = {
    "study": "study",
    "trial": "trial",
    "review": "review",
    "analysis": "analysis",
    "meta-analysis": "meta-analysis",
    "survey": "survey",
    "studies": "studies",
    "trials": "trials",
    "reviews": "reviews",
    "analyses": "analyses",
}
_STUDY = re.compile(
    r"In (?P<det>a|an|one|another|this|a few|two|three|four|five|several)"
    r" (?P<mods>(?:[\w/’'-]+ ){0,4}?)(?P<noun>" + "|".join(_STUDY_NOUNS) + r")"
    r" (?P<link>of|that|involving|including) "
)


def _study(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "In a study of 78 adults treated for X, 20.5% had Y." -> "A study looked at 78
    adults treated for X. In this study, 20.5% had Y." (rule ``study``). The opening
    phrase names the study and whom it looked at, the rest what it found; said as two
    sentences, "In this study" keeps the finding inside the study it came from.
    "In one study that measured A, B." -> "One study measured A. In this study, B."
    """
    m = _STUDY.match(sent)
    if m is None or any(w.lower() in _NOUN_STOP for w in m["mods"].split()):
        return None  # "In the results of a study of X": not the study itself
    link = m["link"]
    for c in re.finditer(r", ", sent[m.end() :]):
        i = m.end() + c.start()
        if not _at_top(depth, i, i + 2):
            continue
        about, right = sent[m.end() : i], sent[i + 2 :]
        # "20.5% met ...": a count may open the finding, after "In this study, "
        counted = re.match(r"\d[\d,.]*%? (?=[a-z])", right)
        finding = "Patients " + right[counted.end() :] if counted else right
        if _words(about) < 2 or not _clause(finding) or _words(right) < MIN_PART:
            return None  # the first comma is inside the opening phrase: "of 70, 37 with ..."
        if link == "that":
            first = _tokens(about)[0].low
            if not (first.endswith("ed") or first in _IRREGULAR_PAST or first in _PRESENT):
                return None  # "that" opens no verb ("a study that the NCI ran"), or an
                # auxiliary ("a study that was done in ..."): left alone
        if _opens_with_scope(right, depth[i + 2 :]):
            return None
        break
    else:
        return None
    noun = m["noun"]
    plural = noun in ("studies", "trials", "reviews", "analyses")
    here = ("In these " if plural else "In this ") + noun + ", "
    verb = {"of": "looked at ", "involving": "included ", "including": "included "}.get(link, "")
    edits = [
        Edit(0, 3, ""),  # "In "
        Edit(3, 4, upper=True),
        # "that" goes: the study does what it said ("One study measured ...")
        Edit(m.start("link"), m.end(), verb),
        Edit(i, i + 2, ". " + here),
    ]
    return "study", edits


#: What a study does with what it found: "found that", "concluded that".
_STUDY_VERBS = _set(
    """
    found showed suggested concluded reported demonstrated indicated revealed noted
    observed estimated confirmed determined
    """
)
_STUDY_SUBJECT = re.compile(
    r"(?P<lead>(?:[A-Z][a-z]+, )?)(?P<det>A|An|One|Another|The|This|a|an|one|another|the|this)"
    r" (?P<mods>(?:[\w/’'-]+ ){0,4}?)(?P<noun>study|trial|review|analysis|meta-analysis"
    r"|survey|studies|trials|reviews|analyses) of "
)
_RELATIVES = _set("who whom whose which that")


def _study_subject(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "A study of 182 survivors treated as teens found that 16% had X." -> "A study looked
    at 182 survivors treated as teens. This study found that 16% had X." (rule ``study``).
    The study's subject, however long, and what it found are said apart; the verb is the
    first "found that" / "showed that" ... outside a relative clause of the subject ("a
    study of patients who reported that ... found that ...": "found")."""
    m = _STUDY_SUBJECT.match(sent)
    if m is None or (m["lead"] and m["lead"][:-2].lower() not in _CONNECTIVES):
        return None
    if any(w.lower() in _NOUN_STOP for w in m["mods"].split()):
        return None  # "The results of a meta-analysis of X": the results are the subject
    for v in re.finditer(r" (\w+) that ", sent[m.end() :]):
        if v.group(1).lower() not in _STUDY_VERBS:
            continue
        at = m.end() + v.start()
        about = sent[m.end() : at]
        if "," in about or ";" in about or "(" in about:
            return None  # "a study of A, B, and C found ...": where the subject ends is unclear
        if not (_at_top(depth, m.end() - 3, m.end()) and _at_top(depth, at, at + 1)):
            return None
        atoks = _tokens(about)
        owed = False  # a relative pronoun still waiting for its verb
        for k, tok in enumerate(atoks):
            if tok.low in _RELATIVES:
                owed = True
            elif owed and _finite(tok, atoks[k - 1] if k else None):
                owed = False
        if owed:
            continue  # "patients who reported that ...": the relative clause's verb
        if _words(about) < 2 or _words(sent[at:]) < MIN_PART:
            return None
        if _has_verb(about) and not any(t.low in _RELATIVES for t in atoks):
            return None  # a verb of the subject's own, outside a relative clause: unsure
        noun = m["noun"]
        plural = noun in ("studies", "trials", "reviews", "analyses")
        det_at = m.start("det")
        of_at = m.end() - 3  # "of "
        return "study", [
            Edit(of_at, m.end(), "looked at "),
            Edit(at, at + 1, ". " + ("These " if plural else "This ") + noun + " "),
        ] + ([Edit(det_at, det_at + 1, upper=True)] if not m["lead"] else [])
    return None


#: What a study did besides finding: the verbs that may follow its relative clause or
#: its first verb ("A meta-analysis that included 35 studies examined the link ...").
_STUDY_DID = _STUDY_VERBS | _set("examined checked compared assessed evaluated described")
_STUDY_CLAUSE = re.compile(
    r"(?P<lead>(?:[A-Z][a-z]+, )?)(?P<det>A|An|One|Another|The|This|These|a|an|one|another"
    r"|the|this|these) (?P<mods>(?:[\w/’'-]+ ){0,4}?)(?P<noun>study|trial|review|analysis"
    r"|meta-analysis|survey|studies|trials|reviews|analyses|group|researchers|authors"
    r"|investigators)(?P<that> that)? (?P<verb>[a-z]+) "
)
_STUDY_PLURALS = _set("studies trials reviews analyses researchers authors investigators")


def _study_clause(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "One German study that checked patients for PTSD concluded that A." -> "One German
    study checked patients for PTSD. This study concluded that A."; "One study compared
    A with B and found that C." -> "One study compared A with B. This study found that
    C." (rule ``study``). What the study did and what it found are said apart, the study
    named again ("This study", "These researchers"). Left alone unless the study's own
    verb comes first, the finding's verb (found, showed, concluded ...) is the next verb
    and nothing but words and brackets lie between them: no comma, no second relative
    clause, no other verb whose subject could be unclear."""
    m = _STUDY_CLAUSE.match(sent)
    if m is None or (m["lead"] and m["lead"][:-2].lower() not in _CONNECTIVES):
        return None
    if any(w.lower() in _NOUN_STOP for w in m["mods"].split()):
        return None  # "The results of a study ...", "A review and meta-analysis ..."
    verb = m["verb"]
    if verb in _AUX or not (
        verb.endswith("ed") or verb in _IRREGULAR_PAST or (verb in _PRESENT and verb[-1] == "s")
    ):
        return None  # "a study that was done ...", "the study group", "a trial in ...": no
        # verb of the study's own right after it
    rest = _unbracketed(_tokens(sent[m.end("verb") :]))
    for k, tok in enumerate(rest):
        if tok.text in ",;:[]" or tok.low in _RELATIVES or tok.low in _SUBORDINATE:
            return None
        prev = rest[k - 1] if k else None
        joined = prev is not None and prev.low == "and"
        if tok.low in _STUDY_DID and (m["that"] or joined) and k > 1:
            at = m.end("verb") + tok.start
            cut = at - (len(" and ") if joined else 1)
            if not (_at_top(depth, cut, at) and _words(sent[at:]) >= MIN_PART):
                return None
            noun = m["noun"]
            again = ("These " if noun in _STUDY_PLURALS else "This ") + noun
            edits = [Edit(cut, at, ". " + again + " ")]
            if m["that"]:
                edits.insert(0, Edit(m.start("that"), m.end("that"), ""))
            return "study", edits
        if _finite(tok, prev, rest[k + 1] if k + 1 < len(rest) else None):
            return None  # another verb first: whose it is may be unclear
    return None


#: Words ending in "-ing" that are nouns or prepositions here, never a participle.
_ING_NOUNS = _set(
    """
    screening staging bleeding swelling setting training finding findings following
    including according regarding during concerning nothing something anything everything
    morning evening spring dosing imaging testing timing ring king thing things
    """
)


def _participle_of(word: str) -> str | None:
    """The verb a participle is made from ("occurring" -> "occur"), or None."""
    from lemminflect import getAllLemmas

    low = word.lower()
    if not low.endswith("ing") or len(low) < 6 or low in _ING_NOUNS:
        return None
    verbs = getAllLemmas(low).get("VERB")
    return verbs[0] if verbs else None


#: Words for "about" before a count in a subject ("with about 15,000 cases diagnosed").
_ABOUT = _set("about nearly almost approximately roughly")
#: Past participles a closing "with" phrase does not turn into a passive verb: they
#: compare or describe rather than say what was done ("with patients aged 5 years").
_NOT_PASSIVE = _set("aged compared based related linked associated called known")


def _passive_of(word: str) -> str | None:
    """The verb whose past participle ``word`` is ("diagnosed" -> "diagnose"), or None:
    "with about 15,000 cases diagnosed every year" says what is done to the cases."""
    from lemminflect import getAllLemmas, getInflection

    low = word.lower()
    if low in _NOT_PASSIVE or low.endswith("ing") or len(low) < 4:
        return None
    lemmas = getAllLemmas(low)
    verbs = lemmas.get("VERB")
    if not verbs or "NOUN" in lemmas or "ADJ" in lemmas:
        return None  # "with 20 cases each year": "cases" is no verb
    return verbs[0] if low in getInflection(verbs[0], "VBN") else None


def _finite_of(verb: str, *, past: bool, plural: bool) -> str | None:
    from lemminflect import getInflection

    if verb == "be":
        if past:
            return "were" if plural else "was"
        return "are" if plural else "is"
    if past:
        forms = getInflection(verb, "VBD")
    elif plural:
        return verb
    else:
        forms = getInflection(verb, "VBZ")
    return forms[0] if forms else None


_PLURAL_FRACTIONS = re.compile(r"(?:thirds|quarters|fifths|halves|tenths)$")
_UNSURE_NUMBER = _set("most many some all half majority proportion part rest none any")


def _np_plural(phrase: list[_Tok]) -> bool | None:
    """Whether a subject noun phrase is plural; None when its number is unclear."""
    words = [t.low for t in phrase]
    if "of" in words:
        words = words[: words.index("of")]
    if not words:
        return None
    head = words[-1]
    if head in _UNSURE_NUMBER:
        return None
    if head in _IRREGULAR_PLURALS or _PLURAL_FRACTIONS.search(head):
        return True
    return _plural(head)


def _with(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Ovarian cancer is rare, with carcinomas making up 90% of tumors." -> "Ovarian
    cancer is rare. Carcinomas make up 90% of tumors." (rule ``with``). A closing
    ", with <someone> <doing something>" adds a fact about the same scene; said as its
    own sentence, its participle becomes a verb in the tense of the first clause. Left
    alone when the first clause reports what someone said or found ("studies suggest
    that A, with B": B may be what they suggest), opens with a scope ("In group two, A,
    with B"), or when another participle is coordinated with it ("with A showing X and
    B showing Y")."""
    for m in re.finditer(r", with ", sent):
        i, j = m.start(), m.end()
        if not _at_top(depth, i, j):
            continue
        left, right = sent[:i], sent[j:]
        if not (_words(left) >= MIN_PART and _has_verb(left)):
            continue
        rtoks = _tokens(right)
        phrase: list[_Tok] = []
        ing: _Tok | None = None
        verb = None
        passive = False
        for k, tok in enumerate(rtoks[:9]):
            counted = re.fullmatch(r"\d[\d,.]*", tok.text) is not None
            if not (tok.text[0].isalpha() or (counted and phrase)):
                break
            verb = _participle_of(tok.text) if phrase and not counted else None
            if verb is None and phrase and not counted and phrase[-1].text[0].isalpha():
                verb = _passive_of(tok.text)
                passive = verb is not None
            if verb is not None:
                ing = tok
                break
            about = k == 0 and tok.low in _ABOUT and len(rtoks) > 1 and rtoks[1].text[0].isdigit()
            if tok.low in _AUX or (tok.low in _NOT_SUBJECT and tok.low != "of" and not about):
                break
            phrase.append(tok)
        if ing is None or verb is None or not phrase:
            continue
        if (phrase[0].low in _NOT_SUBJECT and phrase[0].low not in _ABOUT) or phrase[
            -1
        ].low in _NOUN_STOP:
            continue  # "with or without", "with the ..."
        if not _at_top(depth, i, j) or not _at_top(depth, j + ing.start, j + ing.end):
            continue
        if re.search(r"[()\[\]\"“”]", right[: ing.start]):
            continue  # the subject runs into brackets or a quotation
        rest = right[ing.end :]
        if _words(rest) < 2 or _words(right) < MIN_PART:
            continue
        if re.search(r"\b(?:and|or)\b(?:\s+\S+){0,6}?\s+[a-z]+ing\b", rest):
            continue  # "with A showing X and B showing Y": a pair, cut it all or none
        if passive and re.search(r"\b(?:and|or)\b", rest):
            continue  # "with 2,500 cases diagnosed each year and an incidence of 0.6":
            # the second phrase shares the "with", not the verb
        if _says_that(left) or _opens_with_scope(left, depth[:i]):
            return None
        if _hedge(left, depth[:i]) != "":
            return None  # "X may be rare, with Y making up ...": "Y make up" drops the
            # hedge, and the modal cannot be said again where the tense is
        if _tokens(left)[-1].low in _NOUN_STOP or re.search(r", [A-Za-z]", rest):
            continue  # "evidence suggesting that, with careful monitoring, ...": an
            # opening phrase of a clause that goes on, not a closing one
        plural = _np_plural(phrase)
        past = _past(left)
        if plural is None and (not past or verb == "be"):
            continue
        finite = _finite_of("be" if passive else verb, past=past, plural=bool(plural))
        if finite is None:
            continue
        at = j + ing.start
        return "with", [
            Edit(i, j, ". "),
            Edit(j, j + 1, upper=True),
            Edit(at, at, finite + " ") if passive else Edit(at, j + ing.end, finite),
        ]
    return None


#: A closing ", with a/an <measure> of <value>" ("..., with a median age at diagnosis of
#: 5 years."): the measure, the value (a count, perhaps "about" one) and at most a few
#: words of unit ("per 100,000 person-years").
_WITH_VALUE = re.compile(
    r", with (?:a|an) (?P<measure>[A-Za-z][\w-]*(?: [\w-]+){0,5}) of "
    r"(?P<value>(?:about |nearly |approximately |almost |only )?\d[\d.,]*%?"
    r"(?: [\w,-]+){0,4})\.$"
)
_UNIT_STOPS = _set("to and or with for in among between than who that which vs versus")


def _with_value(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "It is the most common pancreatic tumor of young children, with a median age at
    diagnosis of 5 years." -> "... young children. The median age at diagnosis is 5
    years." (rule ``with``). A closing measure and its value are said as a sentence of
    their own, "The <measure> is/was <value>", in the tense of the sentence before. Left
    alone when the value runs on ("of 6 months between visits", "of 2.5 to 10.0 ng/mL
    and a prior biopsy"), when the sentence opens with a scope or reports what someone
    said, or hedges with a modal."""
    m = _WITH_VALUE.search(sent)
    if m is None or not _at_top(depth, m.start(), m.start("value")):
        return None  # (the value itself may be a protected number with its unit)
    unit = m["value"].split()[1:]
    if any(w.lower().strip(",") in _UNIT_STOPS for w in unit) or "," in m["value"][-2:]:
        return None
    measure = m["measure"]
    words = [w.lower() for w in measure.split()]
    if any(w in _DETERMINERS or w in _AUX or w in _RELATIVES or w in _PERSONAL for w in words):
        return None  # only a plain measure is named again ("median age at diagnosis")
    cut = next((k for k, w in enumerate(words) if k and w in _NOT_SUBJECT), len(words))
    head = words[cut - 1]  # "age" in "median age at diagnosis"
    left = sent[: m.start()]
    if _words(left) < MIN_PART or not _has_verb(left):
        return None
    if _says_that(left) or _opens_with_scope(left, depth) or _hedge(left, depth) != "":
        return None
    if _plural(head) and not head.endswith("ss"):
        return None  # "with a 5-year OS rates of 20%": the number is unclear
    verb = "was" if _past(left) else "is"
    at = m.start()
    start = m.start("measure")
    return "with", [
        Edit(at, start, ". The "),
        Edit(m.end("measure"), m.start("value"), f" {verb} "),
    ]


_EXAMPLES = re.compile(r" \((?:e\.g\.,?|for example,|such as) (?P<items>[^()\[\];:]+)\)")
#: A sentence this long (its examples included) has its bracketed examples moved after it.
EXAMPLE_SENTENCE = 14


def _head(phrase: str) -> str:
    """The head word of a short noun phrase or list item: its last word, or the word
    before its first "of", "in", "as", "such", "with" ("procedures such as ...")."""
    words = [w.strip(",.").lower() for w in phrase.split()]
    for k, w in enumerate(words):
        if k and w in ("of", "in", "as", "such", "with", "for", "from", "that", "to"):
            return words[k - 1]
    return words[-1] if words else ""


def _examples(sent: str, depth: list[int], toks: list[_Tok]) -> tuple[str, list[Edit]] | None:
    """ "Neutral stimuli (e.g., smells and sounds) paired with X evoke fear." -> "Neutral
    stimuli paired with X evoke fear. Examples of neutral stimuli include smells and
    sounds." (rule ``example``). Bracketed examples in the middle of a long sentence
    interrupt it; after it, they are a sentence of their own that names what they are
    examples of: the noun phrase just before the brackets, repeated without its
    determiner. Left alone when that phrase is unclear: after "of", "and" or "or" (the
    examples may belong to a larger phrase), when it is singular but the examples are
    plural ("during treatment (e.g., procedures ...)": examples of something else), or
    when the examples close the sentence (then they read well where they are)."""
    if _words(sent) < EXAMPLE_SENTENCE:
        return None
    for m in _EXAMPLES.finditer(sent):
        i, j = m.start(), m.end()
        if depth[i] != 0 or not _at_top(depth, j, j + 1) or sent[j : j + 1] in (".", ""):
            continue
        if sent[j:].strip() in (".",) or re.match(r"\.(?:\s?\[[^\[\]]*\])*$", sent[j:]):
            continue
        items = m["items"].strip().rstrip(",")
        if _words(items) < 1 or re.search(r"\b(?:etc|and so on)\b", items):
            continue
        before = _tokens(sent[:i])
        phrase: list[_Tok] = []
        for tok in reversed(before[-5:]):
            if not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", tok.text) or tok.low in _NOUN_STOP:
                break
            phrase.insert(0, tok)
        while phrase and re.search(r"(?:ing|ed)$", phrase[0].low):
            phrase.pop(0)  # "by substituting external aids (e.g., ...)": the aids
        if not phrase or (phrase[0].start and sent[phrase[0].start - 1] not in " "):
            continue
        at = len(before) - len(phrase) - 1
        prev = before[at].low if at >= 0 else ""
        if prev in ("of", "and", "or", "than", "nor", "to", "between", "versus", "vs"):
            continue  # "the assessment of patients (e.g., ...)": of which noun?
        if prev and not prev[0].isalpha():
            continue  # "(PSA) levels (e.g., ...)": no plain noun phrase
        name = sent[phrase[0].start : phrase[-1].end]
        head = name.split()[-1].lower()
        heads = [_head(x) for x in re.split(r",\s*(?:and |or )?|\s(?:and|or)\s", items) if x]
        if not _plural(head) and head not in _IRREGULAR_PLURALS:
            continue  # "a first-degree relative (e.g., brother)": "Examples of" needs a
            # plural; "during their treatment (e.g., procedures ...)": not treatment
        if len(heads) > 1 and not re.search(r"\b(?:and|or)\b", items):
            continue  # "(e.g., brother, father)": a list without its joining word
        if name.isupper() or _has_verb(items):
            continue
        end = len(sent) - 1
        stop = _STOPPED.search(sent)
        if stop is not None:
            end = stop.start()
        noun = name if name[:2].isupper() else name[:1].lower() + name[1:]
        return "example", [
            Edit(i, j, ""),
            Edit(end, end, f". Examples of {noun} include {items}"),
        ]
    return None


#: A subject followed by its examples between commas: "Ablative techniques, such as A, B,
#: or C, are used to ...".
_SUBJECT_EXAMPLES = re.compile(r"(?P<np>[A-Z][\w-]*(?: [\w-]+){0,4}), (?:such as|including) ")
_DROPPED_DETERMINERS = _set("the these those")


def _subject_examples(
    sent: str, depth: list[int], toks: list[_Tok]
) -> tuple[str, list[Edit]] | None:
    """ "Ablative techniques, such as transurethral resection or laser vaporization, are
    used to preserve organ function." -> "Ablative techniques are used to preserve organ
    function. Examples of ablative techniques include transurethral resection or laser
    vaporization." (rule ``example``). The examples between the subject and its verb
    keep the reader waiting for the verb; after the sentence they are a sentence of
    their own that names what they are examples of: the whole subject, a short plural
    noun phrase with no preposition or clause in it (so they cannot belong to another
    noun: "Data from other cancers, including X, have ..." stays)."""
    if _words(sent) < EXAMPLE_SENTENCE:
        return None
    m = _SUBJECT_EXAMPLES.match(sent)
    if m is None:
        return None
    close = next(  # the comma after the examples: a verb follows it
        (
            c.start()
            for c in re.finditer(r", ([a-z]+) ", sent[m.end() :])
            if c.group(1) not in ("and", "or")
            and _verb_form(c.group(1))
            # "such as A, sex cord tumor ..., or thecoma, are": a word that can be a verb
            # ("sex") but goes on to ", or"/", and" is the list's next item
            and not re.match(r"[^,;:()]*, (?:and|or) ", sent[m.end() + c.end() :])
        ),
        None,
    )
    if close is None:
        return None
    close += m.end()
    if not _at_top(depth, m.end("np"), close + 2):
        return None
    items = sent[m.end() : close]
    verb = sent[close + 2 :].split(" ", 1)[0]
    words = m["np"].split()
    lows = [w.lower() for w in words]
    if lows[0] in _DROPPED_DETERMINERS:
        words, lows = words[1:], lows[1:]
    if not words or any(w in _NOUN_STOP - _DETERMINERS or w in _AUX for w in lows):
        return None
    if lows[0] in _DETERMINERS - {"other", "some", "many", "several", "most"}:
        return None  # "Each agent, such as ...": examples need a plural set
    head = lows[-1]
    if not (_plural(head) or head in _IRREGULAR_PLURALS) or _has_verb(m["np"]):
        return None
    if _has_verb(items) or re.search(r"[;:()\[\]]|\b(?:etc|and so on)\b", items):
        return None
    if not _verb_form(verb) or _words(sent[close + 2 :]) < MIN_PART:
        return None
    stop = _STOPPED.search(sent)
    if stop is None:
        return None
    name = " ".join(words)
    noun = name if name[:2].isupper() else name[:1].lower() + name[1:]
    return "example", [
        Edit(m.end("np"), close + 2, " "),
        Edit(stop.start(), stop.start(), f". Examples of {noun} include {items}"),
    ]


_RULES: tuple[Rule, ...] = (
    _study,
    _study_subject,
    _study_clause,
    _semicolon,
    _leading_clause,
    _conjunction,
    _because,
    _which,
    _subject_which,
    _participle,
    _with,
    _with_value,
    _examples,
    _subject_examples,
    _also_called,
    _aside,
    _list,
    _doing_list,
)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence of ``text`` (as the readability scorer cuts them)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, pos)
        if at < 0:
            return []  # spacing the scorer folded: leave the text alone
        out.append((at, at + len(sentence)))
        pos = at + len(sentence)
    return out


def _apply_to_string(text: str, edits: Sequence[Edit]) -> str:
    out = []
    pos = 0
    uppers = {e.start for e in edits if e.upper}
    for e in sorted((e for e in edits if not e.upper), key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    joined = list(text)
    del joined
    result = "".join(out)
    if not uppers:
        return result
    # map each upper position through the replacements
    shift = 0
    chars = list(result)
    for e in sorted(edits, key=lambda e: e.start):
        if e.upper:
            at = e.start + shift
            if 0 <= at < len(chars):
                chars[at] = chars[at].upper()
        else:
            shift += len(e.new) - (e.end - e.start)
    return "".join(chars)


#: A sentence that ends with a full stop, perhaps followed by a bracketed note or citation
#: ("... regimens.[Level of evidence C3]").
_STOPPED = re.compile(r"\.(?:\s?\[[^\[\]]*\])*$")


def _keep_space(sent: str, edit: Edit) -> list[Edit]:
    """ ", but " -> ". But " as two edits, "," -> "." and "but " -> "But ", so the space
    between the sentences stays plain text (a later cut may put a line break there)."""
    new, start, end = edit.new, edit.start, edit.end
    if edit.upper or not new.startswith(". ") or sent[start : start + 2] not in (", ", "; "):
        return [edit]
    parts = [Edit(start, start + 1, ".", edit.kind)]
    if end > start + 2 or new[2:]:
        parts.append(Edit(start + 2, end, new[2:], edit.kind))
    return parts


#: A short label opening a sentence, as in an evidence table ("Size of Effect: ",
#: "External Validity: "): the sentence after it is read and cut on its own.
_LABEL = re.compile(r"[A-Z][\w/()-]*(?: [\w/()-]+){0,3}: (?=[A-Z])")
#: A field of a table row: a short label and a colon ("TNM: ", "Trial Design: ").
_FIELD = re.compile(r"; (?=(?:[A-Z][\w.()/-]*)(?: [\w.()/-]+){0,3}: )")


#: A staging row: the stage's codes, then what one of them means ("T2, N0, M0; T2 =
#: Tumor with extension to ...").
_CODE = r"(?:[A-Za-z]{0,2}\d[\w–-]*|Any [A-Z]\w*)"
_CODED = re.compile(rf"{_CODE}(?:, {_CODE})*; (?=[A-Za-z]{{1,3}}\d\w* = )")


def _row(sent: str, depth: list[int]) -> list[Edit] | None:
    """A table row written as "Label: value; Label: value; ..." shown one field a line
    (rule ``row``): "Stage: IVA; TNM: T4, N0, M0; Description: ..." -> three lines. The
    words stay exactly as they are; only the "; " between fields becomes a line break.
    Two fields are a row too ("T Category: T1; T Criteria: Tumor invades ..."): both
    open with a short capitalised label and a colon. So is a staging row whose codes are
    followed by what one of them means ("T2, N0, M0; T2 = Tumor with ...")."""
    coded = _CODED.match(sent)
    if coded is not None and _at_top(depth, coded.end() - 2, coded.end()):
        return [Edit(coded.end() - 2, coded.end(), "\n", "item")]
    if not re.match(r"[A-Z][\w.()/-]*(?: [\w.()/-]+){0,3}: ", sent):
        return None
    cuts = [m.start() for m in _FIELD.finditer(sent) if _at_top(depth, m.start(), m.start() + 2)]
    if not cuts:
        return None
    if sum(_at_top(depth, m.start(), m.end()) for m in re.finditer("; ", sent)) > len(cuts):
        return None  # "No. of Patients: Enrolled; Treated; Control: 16; 12; None": a field
        # holds a list of its own, so which ";" ends a field is unclear
    return [Edit(at, at + 2, "\n", "item") for at in cuts]


def _plan(text: str) -> list[tuple[int, int, str, list[Edit]]]:
    """The cuts one pass makes: (sentence start, end, rule, edits in text positions)."""
    protected = protected_spans(text)
    depth = _depths(text, protected)
    plans: list[tuple[int, int, str, list[Edit]]] = []
    bounds = _sentence_bounds(text)
    for start, end in bounds:
        sent = text[start:end]
        # A point written as a bullet ("Side effects include ...") has no full stop; its
        # new sentences get one, like every sentence tailor makes.
        unstopped = end == bounds[-1][1] and end == len(text.rstrip()) and sent[-1:].isalnum()
        row = _row(sent, depth[start:end])
        if row is not None:
            plans.append(
                (
                    start,
                    end,
                    "row",
                    [replace(e, start=e.start + start, end=e.end + start) for e in row],
                )
            )
            continue
        if unstopped:
            if "; " in sent:
                continue  # a table row ("Gynandroblastoma; Virilization; ...")
            sent += "."
        if not _STOPPED.search(sent) or _words(sent) < MIN_WORDS or sent.count(": ") > 1:
            continue  # unfinished, short, or a table row ("Stage: IVA; TNM: T4, N0, M0")
        sdepth = depth[start:end] + [0] * unstopped
        label = _LABEL.match(sent)
        off = 0  # "Size of Effect: Although A, B.": the field's sentence is cut alone
        if label is not None and not _has_verb(label.group()):
            off = label.end() if _words(sent[label.end() :]) >= MIN_WORDS else -1
        if off < 0:
            continue
        whole, toks, cut = _tokens(sent), _tokens(sent[off:]), off
        for rule in _RULES:
            if unstopped and rule is _aside:
                continue
            # a list or an aside is found in the whole sentence, label and all
            cut = 0 if rule in (_list, _aside) else off
            body = sent[cut:]
            found = rule(body, sdepth[cut:], toks if cut else whole)
            if found is None:
                continue
            name, edits = found
            edits = [
                replace(piece, start=piece.start + cut, end=piece.end + cut)
                for e in edits
                for piece in _keep_space(body, e)
            ]
            if unstopped:
                edits = [*edits, Edit(len(sent) - 1, len(sent) - 1, ".")]
            if name == "list" and text[end : end + 1] == " ":
                edits = [*edits, Edit(len(sent), len(sent) + 1, "\n", "item")]  # next line
            plans.append(
                (
                    start,
                    end,
                    name,
                    [replace(e, start=e.start + start, end=e.end + start) for e in edits],
                )
            )
            break
    return plans


#: Rules whose edits replace only the word that joins two clauses (", while ", ",
#: leading "): that word may be a glossary span, replaced whole.
_JOINING_RULES = frozenset({"conjunction", "participle"})


def split_node(node: TextNode, *, passes: int = 3) -> tuple[TextNode, tuple[Split, ...]]:
    """``node`` with its long sentences split, and the trace of each cut.

    Runs up to ``passes`` times, since a half of a split sentence may itself be long.
    Editor rewordings are returned unchanged.
    """
    if node.reworded:
        return node, ()
    splits: list[Split] = []
    for _ in range(passes):
        text = node.text
        plans = []
        for start, end, rule, own in _plan(text):
            # The line break after a list may fall in an earlier cut's ". But ": the next
            # sentence then follows the last item on its line, which is still correct.
            own = [e for e in own if e.new != "\n" or editable(node.spans, e.start, e.end)]
            # A joining word the glossary put there ("whereas" -> "while", "resulting" ->
            # "leading") may go or take its verb form with the cut, if it goes whole.
            whole = rule in _JOINING_RULES
            if all(e.upper or editable(node.spans, e.start, e.end, whole=whole) for e in own):
                plans.append((start, end, rule, own))
        if not plans:
            break
        edits: list[Edit] = []
        for start, end, rule, own in plans:
            local = [replace(e, start=e.start - start, end=e.end - start) for e in own]
            result = tuple(split_sentences(_apply_to_string(text[start:end], local)))
            if len(result) < 2:
                continue  # the scorer would read it as one sentence still: not a cut
            if any(re.match(r"\d", later) for later in result[1:]) or (
                re.match(r"\d", result[0]) and not re.match(r"\d", text[start:end])
            ):
                continue  # "... . 52 removals were needed": a sentence opens with a capital
            splits.append(Split(node.id, node.loc, rule, text[start:end], result))
            edits.extend(own)
        if not edits:
            break
        node = replace(node, spans=apply_edits(node.spans, edits))
    return node, tuple(splits)


#: A glossary explanation this many words long or longer ...
DEFINE_WORDS = 3
#: ... in a sentence this long (explanation included) moves after its sentence.
DEFINE_SENTENCE = 14
_EXPLAINED = re.compile(r"(?P<term>[^()]+?) \((?P<gloss>[^()]+)\)", re.S)
_GLOSS_ARTICLES = _set("a an the one")
_NOT_PLURAL_HEAD = _set("was has is does its this his")


_IRREGULAR_PLURALS = _set("men women people children teeth feet mice data")
#: Words that end an unfinished explanation ("a look inside the body with a thin").
_DANGLING = _set("a an the of with to for and or in on by as at from than thin")


#: First words of an explanation that cannot follow "means": a relative clause, or a
#: counted noun that needs an article the glossary did not write ("number of cells").
_NOT_GLOSS_START = _set(
    """
    that which who whose where when with without within of in by from for at on into
    number type kind form part group measure test sign
    piece layer tube lump growth substance protein cell gene scan
    """
)
#: A term whose last word is at least this common (Zipf) is a counted noun ("trial",
#: "tumor", "test"), never a name: it needs "a", so tailor says "means" instead of "is".
_COMMON_ZIPF = 3.3


def _rare(word: str) -> bool:
    """Whether ``word`` is rare enough in everyday English to be a name or a technical
    mass noun ("imatinib", "mesylate", "cadmium"), not a counted common noun ("trial")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < _COMMON_ZIPF


def _named(before: str) -> bool:
    """Whether a term read after ``before`` is used as a name (no determiner in its noun
    phrase: "treated with imatinib", "Pembrolizumab has"), so "Imatinib is a cancer
    drug." is right, where a counted noun ("the randomized trial") would need "A ...".
    """
    for tok in reversed(_tokens(before)[-4:]):
        if not tok.text[0].isalpha():
            return True
        if tok.low in _DETERMINERS:
            return False
        if tok.low in _NOUN_STOP or tok.text[0].isupper():
            return True
    return True


def _definition(term: str, gloss: str, before: str) -> str | None:
    """The sentence that says what ``term`` means, or None where its grammar is unsure.

    A term used as a name (no determiner before it, its last word rare in everyday
    English), with an explanation that opens with "a" or "an", says "is": "Imatinib
    mesylate is a cancer drug." Any other singular term is named as a word: "Curettage
    means removal of tissue with a curette.", which reads right for counted nouns,
    adjectives and participles alike ("Resected means removed by surgery."), where "is"
    would need an article ("A cohort study is ..."). A plural term with a plural
    explanation says "are": "Cohort studies are studies that ..."; a plural term with
    any other explanation stays where it is ("Metastases (spread of cancer ...)"), and so
    does an explanation that looks unfinished ("a look inside the body with a thin").
    """
    words = gloss.split()
    if words and words[0].lower() in _NOT_GLOSS_START:
        return None  # "Relapsed means that came back", "means number of cells": no
    if not words or not re.fullmatch(r"[\w\s,'’-]+", gloss) or not term[:1].isalnum():
        return None
    if words[-1].lower() in _DANGLING or re.search(r",\s*$|,\s*,", gloss):
        return None  # (a comma inside is fine: "a look inside the colon with a thin,
        # lighted tube", "destroying tissue with heat, cold or other means")
    last = term.split()[-1]
    if last.lower() in _IRREGULAR_PLURALS:
        plural = True
    elif last[:-1].islower() or len(last) < 2:
        plural = _plural(last.lower())
    else:
        plural = last.endswith("s")  # "SSRIs"
    first = words[0].lower()
    participle = first.endswith(("ing", "ed")) or first in ("of", "meant", "like")
    adjective = " " not in term and _ADJECTIVE.search(term.lower()) is not None
    if adjective and not participle and first not in _GLOSS_ARTICLES:
        return None  # "serous (serum, the clear liquid part of blood)": an adjective
        # glossed by a noun would read "Serous means serum" (but "Curative means meant
        # to cure", "Accrual means signing people up")
    if first in _GLOSS_ARTICLES and " " not in term and re.search(r"(?<!m)ent$", term.lower()):
        return None  # "indolent (a type of cancer ...)": an adjective glossed as a noun
    if first in _GLOSS_ARTICLES and " " not in term and _ADJECTIVE.search(term.lower()):
        return None  # "gynecologic (the female reproductive tract)"
    if plural:
        heads = [w.lower().strip(",") for w in words[:2]]
        if first in _GLOSS_ARTICLES or not any(
            (_plural(h) or h in _IRREGULAR_PLURALS) and h not in _NOT_PLURAL_HEAD for h in heads
        ):
            return None  # "Metastases (spread of cancer ...)": "are spread" reads wrong
        return f"{_cap(term)} are {gloss}."
    if first in ("a", "an") and _named(before) and _rare(term.split()[-1]):
        return f"{_cap(term)} is {gloss}."
    return f"{_cap(term)} means {gloss}."


def define_node(node: TextNode) -> tuple[TextNode, tuple[Split, ...]]:
    """``node`` with each long glossary explanation of a long sentence moved after that
    sentence as a sentence of its own, "Term means explanation." (rule ``definition``).

    "Patients who had adjuvant chemotherapy (chemo after surgery to lower the risk of
    return) lived longer." becomes "Patients who had adjuvant chemotherapy lived longer.
    Adjuvant chemotherapy means chemo after surgery to lower the risk of return." The term
    stays where it was, still marked as explained (its explanation as its title), and the
    explanation follows the sentence it belongs to, whole. Short explanations
    ("nosebleed") and short sentences are left as they are: there an inline explanation is
    the easier read.
    """
    if node.reworded:
        return node, ()
    text = node.text
    bounds = _sentence_bounds(text)
    if not bounds:
        return node, ()
    starts = [s for s, _ in bounds]
    # For each sentence: the explained spans to move out of it, with their definitions.
    moves: dict[int, list[tuple[int, str, str]]] = {}
    pos = 0
    for index, span in enumerate(node.spans):
        start, pos = pos, pos + len(span.text)
        if span.kind != "explained":
            continue
        m = _EXPLAINED.fullmatch(span.text)
        if m is None or _words(m["gloss"]) < DEFINE_WORDS:
            continue
        which = bisect_right(starts, start) - 1  # the sentence the span starts in
        if which < 0 or pos > bounds[which][1]:
            continue  # before the first sentence, or across two
        s, e = bounds[which]
        sentence = text[s:e]
        if (
            _words(sentence) < DEFINE_SENTENCE
            or not _STOPPED.search(sentence)
            or sentence.startswith(BULLET.strip())
            or _words(sentence) - _words(span.text) < MIN_PART
        ):
            continue  # "Xeroderma pigmentosum (a rare inherited disorder ...)." alone: the
            # term would stand as a sentence of its own and be named again after it
        said = _definition(m["term"], m["gloss"], text[s:start])
        if said is not None:
            moves.setdefault(which, []).append((index, m["term"], said))
    if not moves:
        return node, ()
    moved = {index: term for found in moves.values() for index, term, _ in found}
    after = {bounds[k][1]: [said for _, _, said in found] for k, found in moves.items()}
    points = sorted(after)  # where definitions go: each at the end of its sentence
    spans: list[Span] = []
    pos = 0
    k = 0
    for index, span in enumerate(node.spans):
        start, end = pos, pos + len(span.text)
        pos = end
        if index in moved:
            gloss = _EXPLAINED.fullmatch(span.text)
            assert gloss is not None
            span = replace(span, text=moved[index], definition=gloss["gloss"])
        at_prev = start
        while k < len(points) and points[k] <= end:
            at = points[k]
            if at < end and (span.kind != "text" or index in moved):
                return node, ()  # a sentence ending inside a glossary span: leave it
            spans.append(replace(span, text=span.text[at_prev - start : at - start]))
            for said in after[at]:
                spans += [Span(" "), Span(said, "split", "")]
            at_prev = at
            k += 1
        spans.append(replace(span, text=span.text[at_prev - start :]))
    new = replace(node, spans=_merged(spans))
    splits = [
        Split(
            node.id,
            node.loc,
            "definition",
            text[s:e],
            (_strip_glosses(text[s:e], [t for _, t, _ in found]), *(d for _, _, d in found)),
        )
        for k, found in sorted(moves.items())
        for s, e in [bounds[k]]
    ]
    return new, tuple(splits)


def _strip_glosses(sentence: str, terms: Sequence[str]) -> str:
    """``sentence`` with the explanation after each of ``terms`` taken out (for the trace)."""
    for term in terms:
        m = re.search(re.escape(term) + r" \([^()]+\)", sentence)
        if m is not None:
            sentence = sentence[: m.start()] + term + sentence[m.end() :]
    return sentence


def _merged(spans: Sequence[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and span.kind == "text" and out[-1].kind == "text":
            out[-1] = Span(out[-1].text + span.text)
        else:
            out.append(span)
    return tuple(out)


def split_text(text: str) -> tuple[str, tuple[Split, ...]]:
    """Split the long sentences of one piece of English text with every rule of
    :func:`split_node`, for a CMS field, a notebook or a benchmark."""
    node = TextNode("text", (), text, (Span(text),))
    done, splits = split_node(node)
    return done.text, splits
