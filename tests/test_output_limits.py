"""Every rendering is bounded in size, and passing the bound is a clear error, early.

Issue 11, item 9: a 100 KB glossary replacement used 3,000 times made 300 MB of output
and 1.5 GB of memory. ``Tailor(max_output_chars=...)`` (16 million by default) bounds a
rendering; glossary substitution and the template stop as soon as they pass it.
"""

from __future__ import annotations

import tracemalloc

import pytest

from tailor import Glossary, GlossaryEntry, OutputLimitError, Tailor
from tailor.tailor import DEFAULT_MAX_OUTPUT_CHARS

from .conftest import example_tailor
from .hostile import article_data

REPLACEMENT = "plain words " * 8_500  # about 100 KB


def _huge_glossary() -> Glossary:
    entry = GlossaryEntry(term="spasticity", replacement=REPLACEMENT.strip(), source="test")
    return Glossary(name="huge", entries=(entry,))


def _article(t: Tailor, uses: int = 3_000):
    return t.load(article_data("Spasticity eases. " + "spasticity " * uses, "repeated"))


def test_a_long_replacement_used_thousands_of_times_is_refused_with_a_clear_error():
    t = example_tailor(glossaries=[_huge_glossary()], max_output_chars=2_000_000)
    with pytest.raises(OutputLimitError) as caught:
        t.render(_article(t), "patient", "html")
    error = caught.value
    assert (error.limit, error.stage, error.audience, error.article_id) == (
        2_000_000,
        "transform",
        "patient",
        "repeated",
    )
    assert "over the limit of 2,000,000 characters" in str(error)
    assert "max_output_chars" in str(error)


def test_the_default_bound_stops_substitution_long_before_300_mb():
    assert DEFAULT_MAX_OUTPUT_CHARS == 16_000_000
    t = example_tailor(glossaries=[_huge_glossary()])
    article = _article(t)
    tracemalloc.start()
    try:
        with pytest.raises(OutputLimitError):
            t.render(article, "patient", "text")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 300 MB unbounded; bounded, a few times the limit at most.
    assert peak < 5 * DEFAULT_MAX_OUTPUT_CHARS


def test_an_audience_that_keeps_the_term_renders_the_same_article():
    t = example_tailor(glossaries=[_huge_glossary()], max_output_chars=2_000_000)
    rendering = t.render(_article(t), "clinician", "text")
    assert REPLACEMENT not in rendering.content


def test_a_template_that_writes_without_end_is_stopped_at_the_bound(tmp_path):
    (tmp_path / "article.html.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}"
        "{{ article.title.text * 2000 }}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    t = example_tailor(template_dirs=[tmp_path], max_output_chars=1_000_000)
    article = t.load(article_data("Baclofen eases spasms.", "looping"))
    with pytest.raises(OutputLimitError) as caught:
        t.render(article, "clinician", "html")
    assert (caught.value.stage, caught.value.format) == ("render", "html")


def test_a_rendering_under_the_bound_is_unchanged(baclofen):
    bounded = example_tailor(max_output_chars=1_000_000)
    unbounded = example_tailor(max_output_chars=None)
    for audience in ("clinician", "patient", "caregiver"):
        for fmt in ("html", "page", "markdown", "text", "json"):
            assert (
                bounded.render(baclofen, audience, fmt).content
                == unbounded.render(baclofen, audience, fmt).content
            )


def test_the_bound_travels_with_a_pickled_tailor():
    import pickle

    t = pickle.loads(pickle.dumps(example_tailor(max_output_chars=123_456)))
    assert t.max_output_chars == 123_456


@pytest.mark.parametrize("bad", [0, -5])
def test_a_bound_that_is_not_positive_is_refused(bad):
    with pytest.raises(ValueError, match="max_output_chars"):
        example_tailor(max_output_chars=bad)
