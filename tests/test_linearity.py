"""Every stage is linear in its input: hostile text cannot stall a web backend.

Issue 11, item 8: a point of 300,000 spaces, 1,000,000 characters of "a." pairs,
100,000 "Dr." and 200,000 repeats of a glossary term each ran past 115 s (regex
backtracking in readability and the sentence splitter). These tests render each input of
``tests/hostile.py`` at two sizes, eight times apart, and compare the CPU time: linear
work grows about 8x, quadratic work 64x. The bound (24x) is generous so load on a shared
machine cannot fail it, and no test asserts a duration. Figures at 1 to 8 MB are in
``benchmarks/linearity_bench.py``.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable

import pytest

from tailor import Tailor
from tailor.pipeline.transform import rewrite_text
from tailor.readability import ReadabilityScorer, Scores, clean_prose, split_sentences

from .hostile import HOSTILE, ISSUE_8, article_data

SMALL = 3_000
GROWTH = 8
#: Linear work grows GROWTH times; quadratic GROWTH**2 = 64. Three times the linear
#: figure leaves room for noise and still fails any quadratic stage.
BOUND = GROWTH * 3


def cpu_seconds(run: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` calls: other processes' load does not count."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def growth(make: Callable[[int], Callable[[], object]], small: int = SMALL) -> float:
    """How much the cost grows from ``small`` to ``GROWTH * small`` characters."""
    make(small)()  # warm: imports, dictionaries, compiled templates
    return cpu_seconds(make(small * GROWTH)) / cpu_seconds(make(small))


@pytest.fixture(scope="module")
def tailor() -> Tailor:
    return Tailor()


_ids = itertools.count()


@pytest.mark.parametrize("attack", list(HOSTILE))
def test_rendering_hostile_text_takes_time_linear_in_its_size(tailor, attack):
    def make(size: int) -> Callable[[], object]:
        text = HOSTILE[attack](size)

        def run() -> None:
            # a new id each time: nothing is served from a cache
            article = tailor.load(article_data(text, f"hostile-{next(_ids)}"))
            for audience, fmt in (("patient", "html"), ("caregiver", "text")):
                tailor.render(article, audience, fmt)

        return run

    assert growth(make) < BOUND


def test_the_four_inputs_of_the_issue_are_in_the_corpus():
    assert set(ISSUE_8) <= set(HOSTILE)


@pytest.mark.parametrize("attack", ISSUE_8)
def test_the_sentence_splitter_and_prose_cleaner_are_linear(attack):
    def make(size: int) -> Callable[[], object]:
        text = HOSTILE[attack](size)
        return lambda: split_sentences(clean_prose(text))

    assert growth(make, 20_000) < BOUND


@pytest.mark.parametrize(
    "attack", ["one glossary term", "acronym term", "phrase prefixes", "context-rule term"]
)
def test_substituting_a_repeated_glossary_term_is_linear(tailor, attack):
    """The render test above is too small to see it: at hundreds of thousands of
    characters, a substitution that rescans the text before each match (to know whether it
    sits inside brackets) turns 200,000 repeats of a term into minutes."""
    glossary = tailor.glossary_for(tailor.audience("patient"))

    def make(size: int) -> Callable[[], object]:
        text = HOSTILE[attack](size)
        return lambda: rewrite_text(text, glossary)

    assert growth(make, 40_000) < BOUND


def test_a_sentence_break_after_an_abbreviation_is_still_not_a_break():
    # The bounded look-back must keep the splitter's rules.
    assert split_sentences("Ask Dr. Smith today. Then rest.") == [
        "Ask Dr. Smith today.",
        "Then rest.",
    ]
    assert split_sentences("See J. Smith. Then rest.") == ["See J. Smith.", "Then rest."]
    long_word = "x" * 200
    assert split_sentences(f"A {long_word}. Then rest.") == [f"A {long_word}.", "Then rest."]


def test_citations_after_long_white_space_are_still_removed():
    assert clean_prose("Effective" + " " * 5_000 + "[3]. Ask.") == "Effective. Ask."


def test_summing_the_scores_of_many_sentences_is_linear():
    scorer = ReadabilityScorer()
    one = scorer.score("Spasticity worsens.", "en")

    def make(size: int) -> Callable[[], object]:
        parts = [one] * size
        return lambda: Scores.total("en", parts)

    assert growth(make, 2_000) < BOUND
    assert Scores.total("en", [one, one]).long_words == one.long_words * 2


# -- convert-pdq (issue 11, item 21): a heading or a citation group then a run of spaces ----

_FRONT = "---\ntitle: Hostile - NCI\nlastReviewed: 2024-01-01\n---\n## Section\nLead text here.\n\n"

PDQ_HOSTILE: dict[str, Callable[[int], str]] = {
    "heading then spaces": lambda n: "## Title" + " " * n + "x\n\nText.\n",
    "citation group then spaces": lambda n: "Text [[1](#cit/section_1.1)" + " " * n + "x\n",
    "version suffix then spaces": lambda n: "# Title" + " " * n + "x\n\nText.\n",
    "unpaired italic stars": lambda n: "Text " + "*a " * (n // 3) + "\n",
    "one paragraph of many lines": lambda n: "Text\n" + "a\n" * (n // 2),
    "many references": lambda n: (
        "Text [[1](#cit/section_1.1)]\n###### References\n"
        + "".join(f"{i}. Author A: Title. J 2000.\n" for i in range(1, max(2, n // 30)))
    ),
}


@pytest.mark.parametrize("attack", list(PDQ_HOSTILE))
def test_converting_hostile_pdq_markdown_takes_linear_time(attack):
    from tailor.errors import TailorError
    from tailor.importers.pdq import convert_text

    def make(size: int) -> Callable[[], object]:
        text = _FRONT + PDQ_HOSTILE[attack](size)

        def run() -> None:
            with contextlib.suppress(TailorError):  # refusing is fine; hanging is not
                convert_text(text, article_id="hostile")

        return run

    assert growth(make, 4_000) < BOUND


def test_pdq_italics_headings_and_citations_convert_as_before():
    from tailor.importers.pdq import _blocks, _citations, _clean, _unitalic

    assert _unitalic("a *b* c *d e* f") == "a b c d e f"
    assert _unitalic("2 * 3 * 4") == "2 * 3 * 4"
    assert _unitalic("*open only") == "*open only"
    assert _clean("The *Lancet* **study** [site](http://x)") == "The Lancet study site"
    (heading,) = _blocks(["## Stage IV ##  "])
    assert (heading.kind, heading.text, heading.level) == ("heading", "Stage IV", 2)
    _, cited = _citations("Text [[1](#cit/section_2.1) , [3](#cit/section_2.3)] more")
    assert cited == ["2.1", "2.3"]
