"""The Tailor is a facade: each policy it applies lives with the data it is about.

Locales are resolved by the catalogs (:class:`tailor.i18n.Catalogs`), glossary layers are
stacked by :class:`tailor.stacks.GlossaryStacks`, and the readability policy of an audience
is :func:`tailor.pipeline.analyze.judge`. Each works, and is tested, without a Tailor; the
Tailor's methods of the same names answer exactly as they do.
"""

from __future__ import annotations

import threading

import pytest

from tailor import Audience, Glossary, GlossaryEntry, ReadabilityError, UnknownLocaleError
from tailor.i18n import Catalogs
from tailor.model import TermDefinition
from tailor.pipeline import prepare
from tailor.pipeline.analyze import analyze, judge, unscored
from tailor.readability import ReadabilityScorer
from tailor.resources import bundled
from tailor.stacks import GlossaryStacks

from .conftest import example_tailor

# -- locales ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs(bundled("locale"))


def test_the_catalogs_know_english_and_each_language_with_a_catalog(catalogs):
    assert catalogs.languages == ("en", "es")


@pytest.mark.parametrize(
    ("asked", "resolved"), [("es-MX", "es_MX"), ("en", "en"), ("en-GB", "en_GB"), ("ES", "es")]
)
def test_a_locale_resolves_to_its_posix_spelling(catalogs, asked, resolved):
    assert catalogs.resolve(asked) == resolved


@pytest.mark.parametrize("asked", ["fr", "es-ZZ", "not a locale", ""])
def test_a_locale_tailor_cannot_write_is_refused_by_name(catalogs, asked):
    with pytest.raises(UnknownLocaleError) as caught:
        catalogs.resolve(asked)
    assert "supported locales: en, es" in str(caught.value)


def test_negotiation_picks_the_best_supported_locale_or_the_default(catalogs):
    assert catalogs.negotiate("es-MX,es;q=0.9,en;q=0.8") == "es"
    assert catalogs.negotiate("en-GB", supported=["en", "en_GB"]) == "en_GB"
    assert catalogs.negotiate("de", default="en") == "en"
    with pytest.raises(UnknownLocaleError):
        catalogs.negotiate("de")


def test_translations_are_compiled_once_however_many_threads_ask(catalogs):
    fresh = Catalogs(bundled("locale"))
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(fresh.translations("es"))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(g) for g in got}) == 1
    assert got[0].gettext("Important") != "Important"  # the Spanish catalog, not English


def test_heading_maps_read_through_the_catalog_of_the_text_language(catalogs):
    assert catalogs.heading_translator("en_US")("Side effects") == "Side effects"
    spanish = catalogs.heading_translator("es")
    assert spanish is not catalogs.heading_translator("en")
    assert catalogs.heading_translator("fr")("Side effects") == "Side effects"  # no catalog


def test_the_tailor_answers_as_its_catalogs_do(catalogs):
    t = example_tailor()
    for asked in ("es-MX", "en-GB", "es"):
        assert t.resolve_locale(asked) == catalogs.resolve(asked)
    assert t.locales == catalogs.languages
    header = "es-MX,es;q=0.9,en;q=0.8"
    assert t.negotiate_locale(header) == catalogs.negotiate(header)


# -- glossary stacks -------------------------------------------------------------------------


def _layer(name: str, term: str, *, locale: str = "en", scope: str = "everyone") -> Glossary:
    entry = GlossaryEntry(term=term, replacement=f"plain {term}", source="test")
    return Glossary(name=name, locale=locale, scope=scope, entries=(entry,))  # type: ignore[arg-type]


def _audience(name: str, glossaries: tuple[str, ...] = ()) -> Audience:
    return Audience(name=name, label=name.title(), glossaries=glossaries)


def test_audiences_with_the_same_layers_share_one_compiled_stack():
    stacks = GlossaryStacks([_layer("site", "frobnication")], max_bytes=1 << 24)
    assert stacks.for_audience(_audience("a"), "en") is stacks.for_audience(_audience("b"), "en")


def test_a_named_layer_joins_only_the_stack_of_an_audience_that_names_it():
    stacks = GlossaryStacks(
        [_layer("site", "frobnication"), _layer("ward", "wibble", scope="named")],
        max_bytes=1 << 24,
    )
    nurse = stacks.for_audience(_audience("nurse", ("ward",)), "en")
    other = stacks.for_audience(_audience("patient"), "en")
    assert nurse.entry_for("wibble") is not None and other.entry_for("wibble") is None
    assert nurse.entry_for("frobnication") is not None


def test_only_layers_in_the_language_of_the_text_apply():
    stacks = GlossaryStacks(
        [_layer("en", "frobnication"), _layer("es", "frobnicación", locale="es")],
        max_bytes=1 << 24,
    )
    english = stacks.for_audience(_audience("a"), "en")
    spanish = stacks.for_audience(_audience("a"), "es")
    assert (
        english.entry_for("frobnication") is not None and english.entry_for("frobnicación") is None
    )
    assert (
        spanish.entry_for("frobnicación") is not None and spanish.entry_for("frobnication") is None
    )


def test_every_layer_covers_named_layers_too_but_only_in_its_language():
    stacks = GlossaryStacks(
        [_layer("ward", "wibble", scope="named"), _layer("es", "frobnicación", locale="es")],
        max_bytes=1 << 24,
    )
    every = stacks.every_layer("en")
    assert every.entry_for("wibble") is not None and every.entry_for("frobnicación") is None


def test_an_articles_own_terms_win_on_top_of_the_shared_stack(baclofen):
    t = example_tailor()
    stacks = GlossaryStacks(t.glossaries, max_bytes=1 << 26)
    own_terms = (TermDefinition(term="spasticity", replacement="stiff muscles"),)
    article = baclofen.model_copy(update={"terms": own_terms})
    patient = t.audience("patient")
    base = stacks.for_audience(patient, "en")
    own = stacks.for_audience(patient, "en", article)
    assert own.base is base
    found = own.entry_for("spasticity")
    assert found is not None
    entry, layer = found
    assert layer == f"article:{article.id}" and entry.replacement == "stiff muscles"
    assert stacks.for_audience(patient, "en", article) is own  # compiled once


def test_the_stacks_are_bounded_by_bytes():
    layers = [_layer(f"l{i}", f"frobnication{i}", scope="named") for i in range(40)]
    stacks = GlossaryStacks(layers, max_bytes=200_000)
    for i in range(40):
        stacks.for_audience(_audience("a", (f"l{i}",)), "en")
    assert 0 < stacks.bytes <= 200_000


# -- readability policy ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def patient_report(baclofen):
    """The patient's report of the example against a target no prose meets (grade 1)."""
    t = example_tailor()
    patient = t.audience("patient")
    scorer = ReadabilityScorer()
    out = {}
    for policy in ("warn", "strict"):
        audience = patient.model_copy(update={"reading_grade_max": 1.0, "readability": policy})
        transformed = prepare(baclofen, audience, t.glossary_for(audience, baclofen), str)
        out[policy] = (audience, analyze(transformed, scorer, lang="en", covered=lambda w: False))
    return out


def test_a_warn_audience_gets_every_miss_as_a_warning(patient_report):
    audience, report = patient_report["warn"]
    assert not report.meets_target
    assert judge(report, audience, "baclofen") == [f.describe() for f in report.findings]


def test_a_strict_audience_refuses_a_rendering_that_misses_its_target(patient_report):
    audience, report = patient_report["strict"]
    with pytest.raises(ReadabilityError) as caught:
        judge(report, audience, "baclofen")
    assert "'baclofen'" in str(caught.value) and f"{audience.name!r}" in str(caught.value)
    assert caught.value.findings == report.findings


def test_prose_in_a_language_without_formulas_is_named_in_a_warning():
    assert (
        unscored("fr")
        == "readability not scored: no formulas for language 'fr' (tailor scores en, es)"
    )
