"""The disclaimer a deployment requires is configured once (issue 11, item 6).

tailor's default disclaimer is neutral: it names no publisher, so a deployment that sets
none inherits nobody's liability text (it used to name the seed page's publisher). The
seed's own wording lives in the bundled example article only. A deployment sets its text
with ``Tailor(disclaimer=...)``; an article may then carry only a disclaimer the deployment
accepts (its own, or a reviewed translation declared in ``accepted_disclaimers``); any
other text, such as ``disclaimer: OK.``, is an error naming the field and the line.
"""

from __future__ import annotations

import html
import json
import pickle

import pytest

from tailor import DEFAULT_DISCLAIMER, ArticleError, InputError, Tailor, load_article

from .conftest import EXAMPLE, FORMATS

DEPLOYMENT = (
    "For healthcare professionals. The editors of Acme Health reviewed this summary; it does not "
    "replace clinical judgment."
)
SPANISH = (
    "Para profesionales de la salud. Los editores de Acme Health revisaron este resumen; no "
    "sustituye el juicio clínico."
)


@pytest.fixture(scope="module")
def acme() -> Tailor:
    return Tailor(disclaimer=DEPLOYMENT, accepted_disclaimers={"es": [SPANISH]})


def _without_disclaimer(article_dict: dict) -> dict:
    article_dict.pop("disclaimer", None)
    return article_dict


def test_the_default_disclaimer_names_no_publisher():
    assert "Dr.Oracle" not in DEFAULT_DISCLAIMER and "Oracle" not in DEFAULT_DISCLAIMER
    assert DEFAULT_DISCLAIMER.startswith("This information is intended for healthcare")


def test_the_seed_wording_belongs_to_the_bundled_example_only(baclofen, article_dict):
    assert "Dr.Oracle" in baclofen.disclaimer  # the example keeps its own text
    assert load_article(_without_disclaimer(article_dict)).disclaimer == DEFAULT_DISCLAIMER


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_article_without_a_disclaimer_carries_the_deployments(acme, article_dict, fmt):
    article = load_article(_without_disclaimer(article_dict))
    out = acme.render(article, "patient", fmt, readability=False).content
    if fmt == "json":
        assert json.loads(out)["disclaimer"] == DEPLOYMENT
    else:
        assert html.escape(DEPLOYMENT, quote=False) in out or DEPLOYMENT in out
    assert DEFAULT_DISCLAIMER not in out and "Dr.Oracle assumes" not in out


@pytest.mark.parametrize(
    "text", ["OK.", "disclaimer: OK.", DEFAULT_DISCLAIMER, DEPLOYMENT + " Or not."]
)
def test_any_other_disclaimer_is_refused(acme, article_dict, text):
    article_dict["disclaimer"] = text
    article = load_article(article_dict)  # a valid article in itself
    with pytest.raises(ArticleError, match=r"disclaimer.*not accept") as info:
        acme.render(article, "patient", "html")
    assert info.value.details[0].loc == ("disclaimer",)
    with pytest.raises(ArticleError):
        acme.disclaimer_for(article)


def test_a_refused_disclaimer_in_a_file_names_the_file_and_line(acme, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("disclaimer: >-")
    path = tmp_path / "article.yaml"
    path.write_text(text[:start] + "disclaimer: OK.\n", encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        acme.load(path)
    line = path.read_text().splitlines().index("disclaimer: OK.") + 1
    assert f"disclaimer, line {line}" in str(info.value) and str(path) in str(info.value)


def test_the_deployments_own_text_and_its_declared_translation_are_accepted(acme, article_dict):
    article_dict["disclaimer"] = " ".join(DEPLOYMENT.split())
    assert acme.disclaimer_for(load_article(article_dict)) == (DEPLOYMENT, "en")
    article_dict["disclaimer"] = SPANISH
    article = load_article(article_dict)
    assert acme.disclaimer_for(article) == (SPANISH, "es")
    page = acme.render(article, "clinician", "html", readability=False).content
    assert f'<p lang="es">{html.escape(SPANISH, quote=False)}</p>' in page


def test_a_deployment_that_sets_nothing_keeps_each_articles_own(tailor, baclofen):
    """Tailor() as before: the article's own text (the example's seed wording) is shown."""
    assert tailor.disclaimer_for(baclofen) == (baclofen.disclaimer, "en")


def test_the_example_is_accepted_by_the_configuration_that_names_it(baclofen):
    t = Tailor(accepted_disclaimers={"en": baclofen.disclaimer})
    assert baclofen.disclaimer in t.render(baclofen, "patient", "text").content
    with pytest.raises(ArticleError):
        t.render(baclofen.model_copy(update={"disclaimer": "OK."}), "patient", "text")


def test_an_accepted_disclaimer_must_itself_be_clean_text():
    with pytest.raises(InputError, match="U\\+202E"):
        Tailor(accepted_disclaimers={"es": ["Para profesionales\u202e."]})
    with pytest.raises(InputError):
        Tailor(disclaimer="   ")


def test_the_policy_travels_with_the_tailor(acme, article_dict):
    """render_many rebuilds a Tailor from its configuration in each worker."""
    copy = pickle.loads(pickle.dumps(acme))
    article_dict["disclaimer"] = "OK."
    with pytest.raises(ArticleError):
        copy.render(load_article(article_dict), "patient", "html")
    assert copy.disclaimer == DEPLOYMENT
