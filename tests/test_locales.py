"""Locales: audience and language are separate choices, and tailor localises only what it adds.

A Spanish-speaking caregiver is the caregiver audience in locale ``es``: interface words,
labels, the caution and the date come from tailor's catalogs and Babel; the article's own
words, its references and its disclaimer come from the article, never from a translator
tailor made up.
"""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from click.testing import CliRunner

from tailor import (
    DEFAULT_DISCLAIMER,
    CatalogError,
    Glossary,
    GlossaryEntry,
    Tailor,
    UnknownLocaleError,
    load_article,
    negotiate_locale,
)
from tailor.cli import main
from tailor.i18n import compile_catalog, parse_accept_language
from tailor.pipeline.render import Renderer
from tailor.pipeline.verify import reader_text
from tailor.tailor import (
    BUNDLED_AUDIENCES,
    BUNDLED_GLOSSARIES,
    BUNDLED_LOCALES,
    BUNDLED_TEMPLATES,
)

from .conftest import AUDIENCES, EXAMPLE, FORMATS, ROOT, example_tailor

EXAMPLE_ES = ROOT / "examples" / "articles" / "baclofen.es.yaml"
POT = BUNDLED_LOCALES / "tailor.pot"
CATALOGS = {lang: BUNDLED_LOCALES / lang / "LC_MESSAGES" / "tailor.po" for lang in ("en", "es")}
MAKE_CATALOGS = (
    "run `make catalogs`, then translate the new entries in "
    "src/tailor/locale/es/LC_MESSAGES/tailor.po"
)


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


@pytest.fixture(scope="module")
def baclofen_es():
    return load_article(EXAMPLE_ES)


# -- the same article, three locales --------------------------------------------------------

LOCALISED = {
    "en": {
        "date": "October 22, 2025",
        "says": ["Last updated", "References", "Professional Medical Disclaimer"],
        "caution": "Exercise caution: this content is pending human review.",
    },
    "en_GB": {
        "date": "22 October 2025",
        "says": ["Last updated", "References", "Professional Medical Disclaimer"],
        "caution": "Exercise caution: this content is pending human review.",
    },
    "es": {
        "date": "22 de octubre de 2025",
        "says": ["Última actualización", "Referencias", "Aviso médico profesional"],
        "caution": "Precaución: este contenido está pendiente de revisión humana.",
    },
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", sorted(LOCALISED))
def test_the_same_article_renders_its_generated_text_in_each_locale(tailor, baclofen, locale, fmt):
    out = tailor.render(baclofen, "patient", fmt, locale=locale)
    seen = reader_text(out.content, fmt)
    expected = LOCALISED[locale]
    assert out.locale == locale
    assert expected["date"] in seen
    assert expected["caution"] in seen
    if fmt != "json":  # JSON carries data, not interface words
        for words in expected["says"]:
            assert words in seen, words
    # The article's own words are not tailor's to translate.
    assert baclofen.disclaimer in seen
    for ref in baclofen.references:
        if ref.listed:
            assert ref.title in seen


@pytest.mark.parametrize("fmt", ["page", "markdown", "text"])
def test_a_spanish_rendering_has_no_english_interface_text_left(tailor, baclofen, fmt):
    seen = reader_text(tailor.render(baclofen, "caregiver", fmt, locale="es").content, fmt)
    # Reader titles from the audience's heading map are in the article's language (here
    # English), like the article's own words, not in the interface's.
    headings = tailor.audience("caregiver").headings
    article_words = " ".join(
        [baclofen.question, baclofen.title, baclofen.disclaimer]
        + [p.text for _, p in baclofen.points()]
        + [f"{r.title} {r.source}" for r in baclofen.references if r.listed]
        + [*headings, *headings.values()]
    )
    for msgid in _ids(_catalog(POT)):
        english = msgid if isinstance(msgid, str) else msgid[0]
        if english not in article_words:
            # As a word: Spanish "Importante" is not English "Important" left over.
            assert not re.search(rf"\b{re.escape(english)}\b", seen), english


def test_a_spanish_speaking_caregiver_is_the_caregiver_audience_in_locale_es(tailor, baclofen_es):
    out = tailor.render(baclofen_es, "caregiver", "page")
    assert (out.audience, out.locale) == ("caregiver", "es")
    assert '<html lang="es">' in out.content
    assert re.search(r'aria-current="page">Cuidador<', out.content)
    for label in ("Profesional de la salud", "Paciente", "Cuidador"):
        assert f">{label}</a>" in out.content
    assert "¿Cuál le describe mejor?" in out.content
    assert "de la persona que usted cuida" in out.content  # the caregiver's intro, in Spanish


def test_a_regional_locale_uses_its_language_catalog_and_its_own_date_form(tailor, baclofen):
    out = tailor.render(baclofen, "clinician", "text", locale="es-MX")
    assert out.locale == "es_MX"
    assert "Última actualización: 22 de octubre de 2025" in out.content


def test_templates_format_numbers_percentages_and_dates_in_their_locale(tailor, baclofen):
    renderer = Renderer([], BUNDLED_TEMPLATES, tailor.translations, sandboxed=True)
    template = "{{ n | number }} | {{ share | percent }} | {{ day | date }}"
    values = {"n": 12345.5, "share": 0.87, "day": baclofen.last_updated}
    rendered = {
        loc: renderer.environment(loc).from_string(template).render(values)
        for loc in ("en", "en_GB", "es")
    }
    assert rendered["en"] == "12,345.5 | 87% | October 22, 2025"
    assert rendered["en_GB"] == "12,345.5 | 87% | 22 October 2025"
    assert rendered["es"] == "12.345,5 | 87\xa0% | 22 de octubre de 2025"


def test_renderings_in_many_locales_at_once_match_one_at_a_time(baclofen, baclofen_es):
    fresh = example_tailor()  # catalogs compile on first use: race them
    jobs = [
        (article, audience, locale)
        for article in (baclofen, baclofen_es)
        for audience in AUDIENCES
        for locale in ("en", "en_GB", "es", "es_MX")
    ] * 3
    results: list[str | None] = [None] * len(jobs)

    def work(start: int) -> None:
        for i in range(start, len(jobs), 8):
            article, audience, locale = jobs[i]
            results[i] = fresh.render(article, audience, "html", locale=locale).content

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    one_by_one = example_tailor()
    for (article, audience, locale), content in zip(jobs, results, strict=True):
        assert content == one_by_one.render(article, audience, "html", locale=locale).content


# -- unknown locales: an error naming the supported ones, never a silent fallback ------------


@pytest.mark.parametrize("bad", ["fr", "de_DE", "zz", "not a locale", ""])
def test_an_unsupported_locale_is_an_error_naming_the_supported_ones(tailor, baclofen, bad):
    with pytest.raises(UnknownLocaleError) as info:
        tailor.render(baclofen, "patient", "text", locale=bad or "?")
    assert info.value.supported == ("en", "es")
    assert "supported locales: en, es" in str(info.value)


def test_translations_for_an_unsupported_locale_are_refused_too(tailor):
    with pytest.raises(UnknownLocaleError):
        tailor.translations("fr")


def test_the_cli_reports_an_unsupported_locale_in_one_line():
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--locale", "fr"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unsupported locale 'fr'; supported locales: en, es" in result.stderr


def test_the_cli_renders_the_spanish_example_in_its_own_locale():
    result = CliRunner().invoke(main, ["render", str(EXAMPLE_ES), "-a", "caregiver"])
    assert result.exit_code == 0, result.output
    assert "Última actualización: 22 de octubre de 2025" in result.stdout


# -- Accept-Language negotiation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),  # Chrome, Mexican Spanish
        ("en-US,en;q=0.5", "en"),  # Firefox, US English
        ("en-GB", "en"),  # Safari, British English
        ("es-ES", "es"),
        ("ES-mx", "es"),  # tags are case-insensitive
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "en"),  # French first, English acceptable
        ("en;q=0.5, es;q=0.9", "es"),  # weights decide, not order
        ("es;q=0, en", "en"),  # q=0 refuses Spanish
        ("de-CH, *;q=0.1", "en"),  # anything will do: the first supported
        ("garbage;;, q=nonsense, es;q=2, es-419;q=0.3", "es"),  # odd entries skipped
    ],
)
def test_negotiation_on_real_accept_language_headers(tailor, header, expected):
    assert tailor.negotiate_locale(header) == expected
    assert negotiate_locale(header, tailor.locales) == expected


def test_negotiation_can_choose_a_regional_locale_when_the_site_offers_it(tailor, baclofen):
    chosen = tailor.negotiate_locale("en-GB,en;q=0.8", supported=["en", "en_GB", "es"])
    assert chosen == "en_GB"
    out = tailor.render(baclofen, "patient", "text", locale=chosen)
    assert "Last updated: 22 October 2025" in out.content


def test_negotiation_with_nothing_supported_is_an_error_unless_the_caller_gives_a_default(tailor):
    assert negotiate_locale("de-DE,de;q=0.9", tailor.locales) is None
    with pytest.raises(UnknownLocaleError):
        tailor.negotiate_locale("de-DE,de;q=0.9")
    assert tailor.negotiate_locale("de-DE,de;q=0.9", default="en") == "en"
    assert tailor.negotiate_locale("", default="es") == "es"
    with pytest.raises(UnknownLocaleError):
        tailor.negotiate_locale("es", supported=["fr"])


def test_an_enormous_header_is_read_only_as_far_as_any_browser_would_send():
    header = ",".join(f"x{i}" for i in range(100_000)) + ",es"
    assert len(parse_accept_language(header)) <= 32
    assert negotiate_locale(header, ["en", "es"]) is None


# -- the professional disclaimer --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_article_in_another_locale_without_a_translation_keeps_the_english_disclaimer(
    tailor, baclofen_es, fmt
):
    assert baclofen_es.disclaimer == DEFAULT_DISCLAIMER
    content = tailor.render(baclofen_es, "patient", fmt).content
    assert DEFAULT_DISCLAIMER in reader_text(content, fmt)
    if fmt in ("html", "page"):
        assert f'<p lang="en">{DEFAULT_DISCLAIMER}</p>' in content


SPANISH_DISCLAIMER = (
    "Esta información está dirigida a profesionales de la salud. Revisión de la traducción: "
    "equipo editorial de ejemplo (texto de prueba)."
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_article_that_gives_its_reviewed_translation_carries_that_disclaimer(baclofen_es, fmt):
    data = baclofen_es.model_dump(mode="json")
    data["disclaimer"] = SPANISH_DISCLAIMER
    translated = load_article(data)
    # The deployment accepts the translation it reviewed (issue 11, item 6).
    t = Tailor(accepted_disclaimers={"es": [SPANISH_DISCLAIMER]})
    content = t.render(translated, "caregiver", fmt).content
    seen = reader_text(content, fmt)
    assert SPANISH_DISCLAIMER in seen
    assert DEFAULT_DISCLAIMER not in seen
    if fmt in ("html", "page"):
        assert f"<p>{SPANISH_DISCLAIMER}</p>" in content


def test_tailor_never_translates_a_disclaimer_itself(tailor):
    for path in [POT, *CATALOGS.values()]:
        for msgid in _ids(_catalog(path)):
            assert "healthcare professionals" not in str(msgid)
    assert tailor.translations("es").gettext(DEFAULT_DISCLAIMER) == DEFAULT_DISCLAIMER


def test_a_disclaimer_cannot_be_dropped(baclofen_es):
    from tailor import ArticleError

    data = baclofen_es.model_dump(mode="json")
    data["disclaimer"] = "   "
    with pytest.raises(ArticleError, match="disclaimer"):
        load_article(data)


# -- catalogs: extracted by Babel, complete, compiled from source -------------------------------


def test_pybabel_extract_finds_exactly_the_strings_of_the_checked_in_template(tmp_path):
    out = tmp_path / "extracted.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(out), str(ROOT)]
    )
    extracted = _ids(_catalog(out))
    checked_in = _ids(_catalog(POT))
    assert extracted == checked_in, f"tailor.pot is out of date: {MAKE_CATALOGS}"
    for expected in (
        "Last updated",
        "References",
        "Research",
        "Guideline",
        "Which best describes you?",
        "Words to know",
        "Clinician",
        "Patient",
        "Caregiver",
        "Exercise caution: this content is pending human review.",
        ("Source", "Sources"),
    ):
        assert expected in extracted


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_catalog_has_every_message_of_the_template(lang):
    assert _ids(_catalog(CATALOGS[lang])) == _ids(_catalog(POT)), MAKE_CATALOGS


def test_every_spanish_message_is_translated_and_confirmed():
    for message in _catalog(CATALOGS["es"]):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}; {MAKE_CATALOGS}"
        assert not message.fuzzy, f"fuzzy (unconfirmed): {message.id!r}"


def test_no_compiled_catalog_is_checked_in():
    assert not list(BUNDLED_LOCALES.rglob("*.mo")), "catalogs compile from .po at run time"


def test_a_broken_catalog_is_an_error_naming_the_file_and_line(tmp_path):
    po = tmp_path / "tailor.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Last updated"\nmsgtsr "Actualizado"\n', encoding="utf-8"
    )
    with pytest.raises(CatalogError) as info:
        compile_catalog(po)
    assert str(po) in str(info.value)
    assert "line 5: cannot parse 'msgtsr \"Actualizado\"'" in str(info.value)


def test_a_translation_with_a_placeholder_the_original_lacks_fails_babels_checks(tmp_path):
    po = tmp_path / "tailor.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "Updated %(date)s"\nmsgstr "Actualizado el %(fecha)s"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"line 6.*fecha"):
        compile_catalog(po)


# -- templates: no interface text outside gettext -------------------------------------------

#: Words a template may show bare: identifiers of reference databases, not language.
ALLOWED_BARE = {"DOI", "PMID"}
_GETTEXT_CALLS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
_WORDS = re.compile(r"[^\W\d_]{2,}")


class _VisibleText(HTMLParser):
    """Text a reader sees in an HTML template skeleton: data and human-read attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label", "placeholder") and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.found.append(data)


def _bare_words(env: jinja2.Environment, path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    # Literal template text, with every tag and expression reduced to a placeholder.
    skeleton = "".join(value if kind == "data" else " \x00 " for _, kind, value in env.lex(source))
    if ".html" in path.name:
        parser = _VisibleText()
        parser.feed(skeleton)
        texts = parser.found
    else:
        texts = [skeleton]
    words = [w for text in texts for w in _WORDS.findall(text) if w not in ALLOWED_BARE]
    # String constants inside expressions that would print as words ("Sources"), except
    # the arguments of gettext calls and lowercase values that are compared, not shown.
    tree = env.parse(source)
    marked = {
        id(arg)
        for call in tree.find_all(jinja2.nodes.Call)
        if isinstance(call.node, jinja2.nodes.Name) and call.node.name in _GETTEXT_CALLS
        for arg in call.args
    }
    for node in tree.find_all((jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport)):
        marked.add(id(node.template))  # a template's file name
    for const in tree.find_all(jinja2.nodes.Const):
        text = const.value
        if not isinstance(text, str) or id(const) in marked:
            continue
        if _WORDS.search(text) and not re.fullmatch(r"[a-z_]+", text):
            words.append(text)
    return words


@pytest.mark.parametrize("template", sorted(BUNDLED_TEMPLATES.glob("*.j2")), ids=lambda p: p.name)
def test_templates_have_no_interface_text_outside_gettext(template):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    assert _bare_words(env, template) == [], f"mark these with _() in {template.name}"


def test_the_template_check_catches_an_unmarked_word(tmp_path):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    bad = tmp_path / "bad.html.j2"
    bad.write_text(
        '<h3>{{ _("References") }}</h3><p title="Read more">Updated {{ x }}</p>'
        '{{ "Sources" if y else "research" }}',
        encoding="utf-8",
    )
    assert _bare_words(env, bad) == ["Read", "more", "Updated", "Sources"]


# -- glossaries follow the language of the text --------------------------------------------


def test_the_spanish_glossary_is_tailors_own_and_in_locale_es():
    spanish = Glossary.from_file(BUNDLED_GLOSSARIES / "es-default.yaml")
    assert spanish.locale == "es"
    assert spanish.entries and all(e.source == "tailor" for e in spanish.entries)


def test_each_article_gets_only_the_glossary_of_its_language(tailor, glossary_only, baclofen_es):
    spanish_terms = {
        e.term.casefold()
        for e in Glossary.from_file(BUNDLED_GLOSSARIES / "es-default.yaml").entries
    }
    es = tailor.render(baclofen_es, "patient", "text")
    assert es.substitutions
    assert {s.term.casefold() for s in es.substitutions} <= spanish_terms
    assert {s.layer for s in es.substitutions} == {"es-default"}
    assert "la rigidez muscular" in es.content  # "la espasticidad", gender kept
    assert "no está pensado para" in es.content  # the negation kept
    # The English article keeps its English glossary whatever the interface locale (its
    # text as written: the example's rewordings and reader titles hold no glossary term).
    en = tailor.render(glossary_only, "patient", "text", locale="es")
    assert en.substitutions
    assert "es-default" not in {s.layer for s in en.substitutions}
    assert en.substitutions == tailor.render(glossary_only, "patient", "text").substitutions


# -- the Spanish example -----------------------------------------------------------------------


def test_the_spanish_example_is_a_point_by_point_translation_of_the_english_one(
    baclofen, baclofen_es
):
    assert baclofen_es.locale == "es"
    assert baclofen_es.translation_of == baclofen.id
    assert baclofen_es.last_updated == baclofen.last_updated
    assert [s.id for s in baclofen_es.sections] == [s.id for s in baclofen.sections]
    pairs = list(zip(baclofen_es.points(), baclofen.points(), strict=True))
    for (es_path, es_point), (en_path, en_point) in pairs:
        assert es_path == en_path and es_point.id == en_point.id
        assert es_point.citations == en_point.citations, es_point.id
        assert es_point.critical == en_point.critical, es_point.id
        numbers = re.compile(r"\d+(?:[.,]\d+)?")
        assert numbers.findall(es_point.text) == numbers.findall(en_point.text), es_point.id
    # The same sources; the translation also says their titles are English.
    assert [r.model_copy(update={"language": None}) for r in baclofen_es.references] == list(
        baclofen.references
    )
    assert {r.language for r in baclofen_es.references if r.listed} == {"en"}
    # The translation gives no disclaimer of its own: it carries tailor's neutral default,
    # in English, not the seed page's publisher's wording (which belongs to the English file).
    assert baclofen_es.disclaimer == DEFAULT_DISCLAIMER != baclofen.disclaimer


# -- readability follows the language of the prose, not the interface -----------------------


def test_readability_scores_the_spanish_example_with_spanish_formulas(tailor, baclofen_es):
    report = tailor.render(baclofen_es, "patient", "text").readability
    assert report is not None and report.lang == "es"
    assert report.article.szigriszt_pazos is not None  # Spanish: Szigriszt-Pazos, Crawford
    assert report.article.flesch_kincaid_grade is None  # not an English formula on Spanish


def test_the_spanish_glossary_lowers_the_spanish_examples_grade_for_patients(baclofen_es):
    # Issue 13: the Spanish glossary once made the Spanish example harder (13.3 -> 14.2).
    # Its plain words must read easier than the clinical ones they replace.
    with_glossary = example_tailor()
    without = example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])
    assert not without.glossaries
    plain = with_glossary.render(baclofen_es, "patient", "text").readability
    clinical = without.render(baclofen_es, "patient", "text").readability
    assert plain is not None and clinical is not None
    assert plain.article.grade < clinical.article.grade
    assert plain.article.szigriszt_pazos > clinical.article.szigriszt_pazos  # easier


def test_an_english_article_read_in_a_spanish_interface_is_still_scored_as_english(
    tailor, baclofen
):
    in_es = tailor.render(baclofen, "patient", "text", locale="es").readability
    in_en = tailor.render(baclofen, "patient", "text").readability
    assert in_es is not None and in_en is not None
    assert in_es.lang == "en"
    assert in_es.article == in_en.article


def test_english_a_an_agreement_never_touches_spanish_text(baclofen_es):
    # In Spanish "a" is a preposition: "llevar a afectación" must not become "llevar an ...".
    entry = GlossaryEntry(
        term="rabdomiólisis", replacement="afectación muscular grave", source="tailor"
    )
    t = example_tailor(glossaries=[Glossary(name="test-es", locale="es", entries=(entry,))])
    out = t.render(baclofen_es, "patient", "text", readability=False).content
    assert "pueden llevar a afectación muscular grave" in out
    assert " an afectación" not in out
