"""What issue 15 asks of every format, without a browser: safety labels, the lay line,
language fields and the selector's links (the browser tests in test_reader_pages.py see
the same pages as a reader does)."""

from __future__ import annotations

import json

import pytest

from tailor.errors import InputError

from .conftest import AUDIENCES, FORMATS, ROOT, example_tailor

SPANISH = ROOT / "examples" / "articles" / "baclofen.es.yaml"
LABEL = {"en": "Important", "es": "Importante"}
NOTE = {
    "en": "This page was adapted from information written for health professionals.",
    "es": "Esta página se adaptó a partir de información escrita para profesionales de la salud.",
}


def _critical(article):
    return [p for _, p in article.points() if p.critical]


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_format_labels_every_critical_point(tailor, baclofen, audience, locale):
    label = LABEL[locale]
    count = len(_critical(baclofen))
    assert count > 0
    out = {f: tailor.render(baclofen, audience, f, locale=locale).content for f in FORMATS}
    for fmt in ("html", "page"):
        assert out[fmt].count('<strong class="tailor-critical-label"') == count, fmt
        assert out[fmt].count(f'>{label}:</strong> <strong class="tailor-critical-text">') == count
    assert out["markdown"].count(f"- **{label}:** **") == count
    assert out["text"].count(f"  ! {label}: ") == count
    payload = json.loads(out["json"])
    assert payload["critical_label"] == label
    flagged = [p for s in payload["sections"] for p in s["points"] if p["critical"]]
    assert len(flagged) + payload["lead"]["critical"] == count


def test_a_critical_lead_is_labelled_too(tailor, article_dict):
    article_dict["lead"]["critical"] = True
    article_dict["lead"]["rewordings"] = {}  # a critical point's rewording keeps its negations
    article = tailor.load(article_dict)
    html = tailor.render(article, "patient", "html").content
    lead = html[html.index('<p class="tailor-lead') : html.index("</p>", html.index("tailor-lead"))]
    assert 'class="tailor-lead tailor-critical"' in lead
    assert '<strong class="tailor-critical-label">Important:</strong>' in lead
    assert "**Important:** **" in tailor.render(article, "patient", "markdown").content
    text = tailor.render(article, "clinician", "text").content
    assert f"\nImportant: {article.lead.text}" in text


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_lay_readers_get_a_short_line_before_the_verbatim_disclaimer(tailor, baclofen, fmt, locale):
    for audience in ("patient", "caregiver"):
        content = tailor.render(baclofen, audience, fmt, locale=locale).content
        if fmt == "json":
            payload = json.loads(content)
            assert payload["disclaimer_note"] == NOTE[locale]
            assert payload["disclaimer"] == baclofen.disclaimer
        else:
            assert content.index(NOTE[locale]) < content.index(baclofen.disclaimer[:40])
    clinician = tailor.render(baclofen, "clinician", fmt, locale=locale).content
    assert NOTE[locale] not in clinician


def test_the_note_is_audience_data_a_site_can_change(tmp_path, baclofen):
    (tmp_path / "patient.yaml").write_text(
        "label: Patient\njargon: replace\ndisclaimer_note: Adapted for you by our editors.\n",
        encoding="utf-8",
    )
    site = example_tailor(audience_dirs=[tmp_path])
    text = site.render(baclofen, "patient", "text").content
    assert "Adapted for you by our editors." in text


def test_json_says_which_language_each_part_is_in(tailor, baclofen):
    english_in_spanish = json.loads(tailor.render(baclofen, "patient", "json", locale="es").content)
    assert english_in_spanish["content_language"] == "en"
    assert english_in_spanish["interface_language"] == "es"
    assert english_in_spanish["disclaimer_language"] == "en"
    spanish = tailor.load(SPANISH)
    payload = json.loads(tailor.render(spanish, "patient", "json", locale="en").content)
    assert (payload["content_language"], payload["interface_language"]) == ("es", "en")
    assert {r["language"] for r in payload["references"] if r["listed"]} == {"en"}


def test_the_page_selector_links_to_a_server_or_to_sibling_files(tailor, baclofen):
    served = tailor.render(baclofen, "clinician", "page", locale="es").content
    for audience in AUDIENCES:
        assert f'href="?audience={audience}&amp;locale=es"' in served
    files = tailor.render(baclofen, "clinician", "page", locale="es", links="files").content
    for audience in AUDIENCES:
        assert f'href="{audience}.html" data-audience="{audience}"' in files
    with pytest.raises(InputError, match="links"):
        tailor.render(baclofen, "clinician", "page", links="cdn")  # type: ignore[arg-type]


def test_render_dir_writes_pages_that_link_to_each_other(tmp_path):
    from click.testing import CliRunner

    from tailor.cli import main

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "baclofen.yaml").write_text(
        (ROOT / "examples" / "articles" / "baclofen.yaml").read_text("utf-8"), "utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(articles), "-o", str(out), "-f", "page", "-l", "es", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    for audience in AUDIENCES:
        page = (out / "baclofen" / f"{audience}.html").read_text("utf-8")
        for other in AUDIENCES:
            assert f'href="{other}.html"' in page
            assert (out / "baclofen" / f"{other}.html").exists()
        assert '<nav class="tailor-selector" aria-label="¿Cuál le describe mejor?"' in page


def test_a_sites_own_templates_pass_verification_with_labels_and_json_ld(tmp_path, article_dict):
    # A site with a template folder renders in the sandbox, where verification reads the
    # output as a browser would: the bundled labels and the inert JSON-LD block pass.
    site = example_tailor(template_dirs=[tmp_path])
    article_dict["lead"]["critical"] = True
    article_dict["lead"]["rewordings"] = {}
    for article in (site.load(article_dict), site.load(SPANISH)):
        for audience in AUDIENCES:
            for locale in ("en", "es"):
                for fmt in FORMATS:
                    site.render(article, audience, fmt, locale=locale)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A label on a point that is not critical is text the article does not have.
        (
            "{% else %}{{ node(n, audience) }}{% endif %}",
            "{% else %}<strong>{{ critical_label }}:</strong> {{ node(n, audience) }}{% endif %}",
        ),
        # A script that could run is still refused.
        ("</main>", '<script type="module">1</script></main>'),
    ],
)
def test_the_sandbox_still_refuses_what_the_labels_and_json_ld_do_not_need(
    tmp_path, baclofen, old, new
):
    from tailor.errors import InvariantError
    from tailor.tailor import BUNDLED_TEMPLATES

    for name in ("_macros.html.j2", "page.html.j2"):
        source = (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8")
        if old in source:
            (tmp_path / name).write_text(source.replace(old, new), encoding="utf-8")
    site = example_tailor(template_dirs=[tmp_path])
    with pytest.raises(InvariantError):
        site.render(baclofen, "patient", "page")
