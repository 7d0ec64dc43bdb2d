"""The disclaimer a deployment requires is configured once (issue 11, item 6).

tailor's default disclaimer is neutral: it names no publisher, so a deployment that sets
none inherits nobody's liability text (it used to name the seed page's publisher). The
seed's own wording lives in the bundled example article only. The policy is always on:
a deployment sets its text with ``Tailor(disclaimer=...)`` (tailor's neutral one by
default), and an article may carry only a disclaimer the deployment accepts (its own, or
another wording or a reviewed translation declared in ``accepted_disclaimers``, or in a
``disclaimers`` file, ``--disclaimers`` on the command line); any other text, such as
``disclaimer: OK.``, is an error naming the field and the line. The bundled example is
served by the deployment of ``examples/disclaimers.yaml``, which accepts its wording.
"""

from __future__ import annotations

import html
import json
import pickle

import pytest
from click.testing import CliRunner

from tailor import DEFAULT_DISCLAIMER, ArticleError, InputError, Tailor, load_article
from tailor.cli import main

from .conftest import EXAMPLE, EXAMPLE_DISCLAIMERS, FORMATS

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


@pytest.fixture(scope="module")
def plain() -> Tailor:
    """A deployment that configures nothing: tailor's neutral text, and nothing else."""
    return Tailor()


@pytest.mark.parametrize("text", ["OK.", "disclaimer: OK.", "See a doctor."])
def test_a_plain_tailor_refuses_any_disclaimer_but_the_default(plain, article_dict, text):
    """The safer policy is the default: nobody has to remember to turn it on."""
    article_dict["disclaimer"] = text
    article = load_article(article_dict)
    with pytest.raises(ArticleError, match=r"disclaimer.*not accept") as info:
        plain.render(article, "patient", "html")
    assert info.value.details[0].loc == ("disclaimer",)


def test_a_plain_tailor_shows_the_default_text(plain, article_dict):
    article = load_article(_without_disclaimer(article_dict))
    assert plain.disclaimer_for(article) == (DEFAULT_DISCLAIMER, "en")
    article_dict["disclaimer"] = DEFAULT_DISCLAIMER  # given verbatim: the same text, accepted
    assert plain.disclaimer_for(load_article(article_dict)) == (DEFAULT_DISCLAIMER, "en")
    out = plain.render(load_article(article_dict), "patient", "text").content
    assert DEFAULT_DISCLAIMER in " ".join(out.split())


def test_a_plain_tailor_refuses_the_seed_wording_of_the_example(plain, baclofen, tmp_path):
    with pytest.raises(ArticleError, match="disclaimer"):
        plain.render(baclofen, "patient", "text")
    with pytest.raises(ArticleError) as info:
        plain.load(EXAMPLE)
    line = EXAMPLE.read_text(encoding="utf-8").splitlines().index("disclaimer: >-") + 1
    assert f"disclaimer, line {line}" in str(info.value) and str(EXAMPLE) in str(info.value)


def test_the_example_deployment_accepts_the_seed_wording(baclofen):
    t = Tailor(disclaimers=EXAMPLE_DISCLAIMERS)
    assert baclofen.disclaimer in t.render(baclofen, "patient", "text").content
    assert t.disclaimer == DEFAULT_DISCLAIMER  # an article without one still shows tailor's
    with pytest.raises(ArticleError):
        t.render(baclofen.model_copy(update={"disclaimer": "OK."}), "patient", "text")


def test_the_example_is_accepted_by_the_configuration_that_names_it(baclofen):
    t = Tailor(accepted_disclaimers={"en": baclofen.disclaimer})
    assert baclofen.disclaimer in t.render(baclofen, "patient", "text").content
    with pytest.raises(ArticleError):
        t.render(baclofen.model_copy(update={"disclaimer": "OK."}), "patient", "text")


# -- the policy as a file: --disclaimers, Tailor(disclaimers=...) ------------------------------


def test_a_policy_file_sets_the_text_and_the_accepted_translations(tmp_path, article_dict):
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        f"disclaimer: {DEPLOYMENT}\nlanguage: en\naccepted:\n  es:\n    - {SPANISH}\n",
        encoding="utf-8",
    )
    t = Tailor(disclaimers=policy)
    assert t.disclaimer == DEPLOYMENT
    article_dict["disclaimer"] = SPANISH
    assert t.disclaimer_for(load_article(article_dict)) == (SPANISH, "es")
    article_dict["disclaimer"] = DEFAULT_DISCLAIMER  # tailor's text is not this deployment's
    with pytest.raises(ArticleError):
        t.disclaimer_for(load_article(article_dict))


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('accepted:\n  en:\n    - OK.\n    - "Bad\\u202e text."\n', "accepted.en.1, line 4"),
        ("disclaimer: A text.\ndisclaimer: Another.\n", "line 2"),
        ("accepted:\n  en: [A text.]\nsurprise: 1\n", "surprise, line 3"),
        ("disclaimer: '   '\n", "disclaimer, line 1"),
        ("accepted:\n  en: 3\n", "accepted.en, line 2"),
    ],
)
def test_a_bad_policy_file_is_an_error_naming_file_field_and_line(tmp_path, content, where):
    policy = tmp_path / "policy.yaml"
    policy.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        Tailor(disclaimers=policy)
    assert str(policy) in str(info.value) and where in str(info.value)


def test_a_policy_is_given_in_one_place(tmp_path):
    with pytest.raises(InputError, match="one place"):
        Tailor(disclaimers=EXAMPLE_DISCLAIMERS, disclaimer=DEPLOYMENT)
    with pytest.raises(InputError, match="file not found"):
        Tailor(disclaimers=tmp_path / "missing.yaml")


def _cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def test_the_command_refuses_the_example_without_its_deployments_policy(monkeypatch):
    monkeypatch.delenv("TAILOR_DISCLAIMERS", raising=False)
    result = _cli("render", str(EXAMPLE), "-a", "patient")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{EXAMPLE}: invalid article: disclaimer, line " in result.stderr
    assert "--disclaimers" in result.stderr


def test_the_command_takes_the_policy_as_an_option_or_from_the_environment(monkeypatch, baclofen):
    monkeypatch.delenv("TAILOR_DISCLAIMERS", raising=False)
    result = _cli(
        "render", str(EXAMPLE), "-a", "patient", "--disclaimers", str(EXAMPLE_DISCLAIMERS)
    )
    assert result.exit_code == 0 and baclofen.disclaimer in result.stdout
    result = _cli("render", str(EXAMPLE), env={"TAILOR_DISCLAIMERS": str(EXAMPLE_DISCLAIMERS)})
    assert result.exit_code == 0 and baclofen.disclaimer in result.stdout


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
    from_file = pickle.loads(pickle.dumps(Tailor(disclaimers=EXAMPLE_DISCLAIMERS)))
    assert "Dr.Oracle" in from_file.disclaimer_for(load_article(EXAMPLE))[0]
