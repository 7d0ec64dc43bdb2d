"""The json format keeps its published contract, src/tailor/schema/rendering.schema.json."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from tailor import load_article
from tailor.schema import SCHEMA_FILE, rendering_schema, schema_text

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.yaml"))


def test_published_file_is_what_the_model_generates():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "rendering.schema.json is stale: run `python -m tailor.schema` and commit it"
    )


def test_schema_is_itself_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(rendering_schema())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_json_rendering_validates(tailor, path):
    article = load_article(path)
    validator = jsonschema.Draft202012Validator(rendering_schema())
    for audience in tailor.audiences:
        for locale in tailor.locales:
            payload = json.loads(tailor.render(article, audience, "json", locale=locale).content)
            errors = [e.message for e in validator.iter_errors(payload)]
            assert errors == [], f"{path.name} for {audience} in {locale}: {errors}"


def _patient_payload(tailor, baclofen) -> dict:
    return json.loads(tailor.render(baclofen, "patient", "json").content)


@pytest.mark.parametrize(
    "break_it",
    [
        lambda p: p.pop("disclaimer"),
        lambda p: p.update(review_status="draft"),
        lambda p: p["lead"].update(citations="1"),
        lambda p: p.update(sections=[]),
        lambda p: p.update(surprise="a field the contract does not name"),
        lambda p: p["substitutions"].append({"point_id": "lead"}),
    ],
    ids=["no-disclaimer", "bad-status", "citations-not-a-list", "no-sections", "extra", "sub"],
)
def test_the_schema_rejects_a_broken_payload(tailor, baclofen, break_it):
    payload = copy.deepcopy(_patient_payload(tailor, baclofen))
    break_it(payload)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, rendering_schema())
