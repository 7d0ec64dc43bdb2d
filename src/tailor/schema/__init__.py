"""The published contract of the ``json`` format, as a pydantic model and a JSON Schema file.

Web backends and single-page apps code against ``rendering.schema.json`` rather than
against whatever the template happens to emit, so the template and this model must move
together: the tests validate every json rendering against the committed file and fail when
the file is not what this model generates. After changing the payload, regenerate it with
``python -m tailor.schema``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SCHEMA_FILE", "RenderingPayload", "generate_schema", "rendering_schema", "schema_text"]

SCHEMA_FILE = Path(str(resources.files("tailor") / "schema" / "rendering.schema.json"))
SCHEMA_ID = "https://tailor.invalid/schema/rendering/1"


class _Closed(BaseModel):
    # extra="forbid" becomes additionalProperties: false, so a field added to the template
    # but not to this contract fails the tests instead of reaching consumers undocumented.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Node(_Closed):
    """A point of the article (or its lead) as the audience reads it."""

    id: str
    text: str = Field(min_length=1, description="Reader-facing text after glossary and rewording.")
    citations: list[str] = Field(description="Reference ids this point cites, in order.")
    critical: bool = Field(description="Safety content that reaches every audience.")
    reworded: bool = Field(description="An editor's rewording for this audience was used.")
    figures: list[str] = Field(
        description="Study statistics set aside from the text for this audience, shown after "
        'it as "Study figures"; empty when they stay inline.'
    )


class SectionPayload(_Closed):
    """A titled group of points; sections with no point for this audience are left out."""

    id: str
    title: str
    points: list[Node] = Field(min_length=1)


class ReferencePayload(_Closed):
    """A cited source; ``listed: false`` means cited by the source page, details unknown."""

    id: str
    listed: bool
    kind: Literal["research", "guideline"] | None
    title: str | None
    source: str | None
    year: int | None
    doi: str | None
    pmid: str | None
    url: str | None = Field(description="Only http, https or mailto links; others are dropped.")
    language: str | None = Field(
        description="The title's language when the article gives it (an English paper "
        "cited by a Spanish article): null means the article's language."
    )


class WordToKnow(_Closed):
    """A glossary term explained to this audience."""

    term: str
    definition: str | None


class SubstitutionPayload(_Closed):
    """One change a glossary made, for review and for highlighting in a UI."""

    point_id: str
    original: str
    replacement: str
    mode: Literal["replaced", "explained"]
    term: str
    glossary: str = Field(description="The glossary layer the entry came from.")


class SplitPayload(_Closed):
    """One long sentence cut into shorter ones, for review and for highlighting in a UI."""

    point_id: str
    rule: Literal[
        "semicolon",
        "conjunction",
        "leading_clause",
        "which",
        "participle",
        "aside",
        "list",
        "row",
        "definition",
    ]
    original: str = Field(description="The sentence as it read before the cut.")
    sentences: list[str] = Field(min_length=2, description="The sentences it became.")


class RenderingPayload(_Closed):
    """The ``json`` format: one article for one audience, structured for applications."""

    model_config = ConfigDict(
        title="tailor rendering",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    schema_: Literal["tailor.rendering/1"] = Field(alias="schema")
    article_id: str
    audience: str
    locale: str = Field(description="The interface locale: dates and tailor's own words.")
    content_language: str = Field(
        description="The language of the article's text (question, points, glossary words)."
    )
    interface_language: str = Field(
        description="The language of tailor's own strings (caution, labels, the note)."
    )
    disclaimer_language: str = Field(description="The language the disclaimer is written in.")
    critical_label: str = Field(
        min_length=1,
        description="The interface's word shown before every critical point ('Important').",
    )
    disclaimer_note: str | None = Field(
        description="The audience's short line shown before the disclaimer (lay readers); "
        "null when the audience has none."
    )
    question: str
    title: str
    lead: Node
    sections: list[SectionPayload] = Field(min_length=1)
    references: list[ReferencePayload]
    last_updated: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date of the article's last update."
    )
    last_updated_text: str = Field(description="The same date as the reader's locale writes it.")
    review_status: Literal["submitted", "under_review", "approved"]
    caution: str | None = Field(description="The pending-review caution; null once approved.")
    disclaimer: str = Field(min_length=1, description="The professional disclaimer, verbatim.")
    words_to_know: list[WordToKnow]
    substitutions: list[SubstitutionPayload]
    splits: list[SplitPayload]


def generate_schema() -> dict[str, Any]:
    """The JSON Schema this model describes, as published in ``rendering.schema.json``."""
    schema = RenderingPayload.model_json_schema(by_alias=True)
    return {"$id": SCHEMA_ID, **schema}


def rendering_schema() -> dict[str, Any]:
    """The published schema, read from the file shipped with the package."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def schema_text() -> str:
    """The schema as it is written to disk: sorted, indented, one trailing newline."""
    return json.dumps(generate_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
