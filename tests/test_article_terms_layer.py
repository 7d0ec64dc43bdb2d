"""An article's own ``terms:`` layer on the compiled stack (issue 11, item 11).

With a 20,000-term site glossary, each article that defines terms of its own used to
recompile the whole stack: 80 articles took a web backend from 82 to 789 MB. The article's
terms are now compiled alone and laid over the stack its audience already has, which is
shared by every article. The meaning is unchanged: the stack plus the article's layer
finds exactly what a stack compiled whole with the article's layer last would find, and
the article's terms win. The property test below checks that on generated glossaries.
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor import Glossary, GlossaryEntry, GlossaryError, Tailor, load_article
from tailor.glossary import CompiledGlossary
from tailor.pipeline.transform import rewrite_text

from .hostile import article_data

# -- the same meaning as compiling the stack whole ------------------------------------------

# Words whose inflections collide ("diagnosis" and "diagnose" both make "diagnoses"), so
# which entry an inflected word leads to depends on the order of the whole stack.
WORDS = ("cyst", "lesion", "diagnosis", "diagnose", "spasm", "stop", "taper", "dose", "doses")
ACRONYMS = ("CNS", "ALL")
PLAIN = ("lump", "sore", "tight", "end", "slow", "amount", "device", "brain", "cramp")
TEXT_WORDS = (
    *WORDS,
    *ACRONYMS,
    "cysts",
    "lesions",
    "diagnoses",
    "diagnosed",
    "diagnosing",
    "dosed",
    "spasms",
    "stops",
    "stopped",
    "stopping",
    "tapered",
    "doses",
    "pumps",
    "all",
    "CNS's",
    "cyst's",
    "(",
    ")",
    ",",
    ".",
    "the",
    "not",
)

phrase = st.lists(st.sampled_from((*WORDS, *ACRONYMS)), min_size=1, max_size=3).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> dict:
    term = draw(phrase)
    forms = draw(st.lists(phrase, max_size=2, unique=True))
    forms = [f for f in forms if f.casefold() != term.casefold()]
    entry: dict = {"term": term, "source": "test"}
    if forms:
        entry["forms"] = forms
    entry["pos"] = draw(st.sampled_from((None, "noun", "verb", "adjective")))
    if entry["pos"] is None:
        del entry["pos"]
    # Sometimes a replacement that is itself a term: stacks with cycles must be refused
    # by both ways of compiling.
    entry["replacement"] = draw(st.sampled_from((*PLAIN, *WORDS)))
    return entry


def layer(name: str, items: list[dict]) -> Glossary:
    unique: dict[str, dict] = {}
    for item in items:
        unique.setdefault(item["term"].casefold(), item)
    return Glossary(
        name=name,
        entries=tuple(GlossaryEntry.model_validate(i) for i in unique.values()),
    )


def compiled(layers: list[Glossary]) -> CompiledGlossary | GlossaryError:
    try:
        return CompiledGlossary(layers)
    except GlossaryError as exc:
        return exc


def layered(base: list[Glossary], top: Glossary) -> CompiledGlossary | GlossaryError | None:
    stack = compiled(base)
    if isinstance(stack, GlossaryError):
        return None  # the stack itself is refused: nothing to lay a layer on
    try:
        return stack.with_layer(top)
    except GlossaryError as exc:
        return exc


def seen(glossary: CompiledGlossary, text: str) -> list[tuple]:
    return [
        (m.start, m.end, m.entry.term, m.layer, m.plural, m.possessive, m.acronym, m.form)
        for m in glossary.find(text)
    ]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.lists(st.lists(entries(), min_size=1, max_size=6), min_size=1, max_size=3),
    top=st.lists(entries(), min_size=1, max_size=4),
    texts=st.lists(st.lists(st.sampled_from(TEXT_WORDS), max_size=14).map(" ".join), max_size=4),
)
def test_a_layer_on_a_compiled_stack_means_what_the_whole_stack_means(base, top, texts):
    base_layers = [layer(f"site{i}", items) for i, items in enumerate(base)]
    article = layer("article:a", top)
    whole = compiled([*base_layers, article])
    over = layered(base_layers, article)
    if over is None:
        return
    if isinstance(whole, GlossaryError):
        assert isinstance(over, GlossaryError), "the whole stack is refused; so is the layer"
        return
    assert isinstance(over, CompiledGlossary), f"refused only when layered: {over}"
    for text in [*texts, " ".join(TEXT_WORDS)]:
        assert seen(over, text) == seen(whole, text)
    for word in TEXT_WORDS:
        found, expected = over.entry_for(word), whole.entry_for(word)
        assert (found and (found[0].term, found[1])) == (
            expected and (expected[0].term, expected[1])
        )
    assert len(over) == len(whole)
    assert over.winners == whole.winners
    assert [(e.term, n) for e, n in over.entries()] == [(e.term, n) for e, n in whole.entries()]
    assert over.history == whole.history


def test_the_article_layer_wins_and_the_stack_is_shared():
    site = layer("site", [{"term": "lesion", "replacement": "sore", "source": "test"}])
    stack = CompiledGlossary([site])
    own = stack.with_layer(
        layer("article:a", [{"term": "lesion", "replacement": "lump", "source": "a"}])
    )
    assert own.base is stack and stack.base is None
    assert rewrite_text("One lesion.", own)[0] == "One lump."
    assert rewrite_text("One lesion.", stack)[0] == "One sore."


# -- a Tailor lays each article's terms over the stack its audience already has ------------


def _word(i: int) -> str:
    """A made-up word of letters for ``i`` ("zqab"): tailor leaves words with digits as
    written (codes, names), so a test term needs none."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += chr(ord("a") + r)
        if not i:
            return "zq" + letters


@pytest.fixture(scope="module")
def site() -> Tailor:
    big = Glossary(
        name="site",
        entries=tuple(
            GlossaryEntry(term=_word(i), replacement=f"plain {_word(i)}", source="test")
            for i in range(2_000)
        ),
    )
    return Tailor(glossaries=[big])


def _with_terms(i: int, terms: list[dict]) -> dict:
    data = article_data(f"Use {_word(1)} for spasticity, case {i}.", f"terms-{i}")
    data["terms"] = terms
    return data


def test_each_articles_terms_lay_over_the_audiences_shared_stack(site):
    patient = site.audience("patient")
    stack = site.glossary_for(patient)
    first = load_article(_with_terms(1, [{"term": "spasticity", "replacement": "tight muscles"}]))
    second = load_article(_with_terms(2, [{"term": _word(1), "replacement": "own words"}]))
    for article in (first, second):
        assert site.glossary_for(patient, article).base is stack
    assert "own words" in site.render(second, "patient", "text").content
    assert "tight muscles" in site.render(first, "patient", "text").content
    assert f"plain {_word(1)}" in site.render(first, "patient", "text").content  # the site's
    # The readability check's view of every layer is shared the same way.
    assert site._all_layers(second, "en").base is site._all_layers(first, "en").base


def test_a_layer_that_closes_a_cycle_with_the_stack_is_refused(site):
    article = load_article(_with_terms(3, [{"term": f"plain {_word(5)}", "replacement": _word(5)}]))
    with pytest.raises(GlossaryError, match="cycle"):
        site.render(article, "patient", "text")


def test_many_threads_asking_for_one_articles_glossary_get_the_same_one(site):
    article = load_article(_with_terms(4, [{"term": "spasticity", "replacement": "stiffness"}]))
    patient = site.audience("patient")
    got: list[CompiledGlossary] = []

    def ask() -> None:
        got.append(site.glossary_for(patient, article))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 and all(g.base is site.glossary_for(patient) for g in got)
    assert all(rewrite_text("spasticity", g)[0] == "stiffness" for g in got)
