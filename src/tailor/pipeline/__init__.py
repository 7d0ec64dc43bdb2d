"""The pipeline: one canonical article becomes one audience's reading, stage by stage.

:data:`STAGES` is the order the stages run in, as data (markdown-it-py keeps its core
rules the same way): each entry names its module in this package, what it reads and what
it makes. The types passed between stages live in :mod:`tailor.pipeline.types`, so a stage
imports its inputs' types, never the stage that made them. :class:`tailor.Tailor` is the
facade that runs them with its configuration and caches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..audience import Audience
from ..glossary import CompiledGlossary
from ..model import Article
from .reshape import reshape
from .select import select
from .transform import transform
from .types import TransformedArticle

__all__ = ["STAGES", "Stage", "prepare"]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline: its module (in :mod:`tailor.pipeline`), inputs and output."""

    name: str
    module: str
    reads: tuple[str, ...]
    makes: str
    does: str


#: The stages in the order a render runs them. Verify runs in two phases: what the output
#: must contain is worked out from the transformed article before rendering (and cached
#: with it), then the rendered text is checked against it. Analyze scores the transformed
#: prose, after verification, since a page can be served without a score.
STAGES: tuple[Stage, ...] = (
    Stage("load", "load", ("file or mapping",), "Article", "parse and validate the article"),
    Stage(
        "select",
        "select",
        ("Article", "Audience"),
        "SelectedArticle",
        "narrow the article to one audience, picking editor rewordings",
    ),
    Stage(
        "transform",
        "transform",
        ("SelectedArticle", "CompiledGlossary"),
        "TransformedArticle",
        "glossary substitution, traced as Substitution values",
    ),
    Stage(
        "reshape",
        "reshape",
        ("TransformedArticle",),
        "TransformedArticle",
        "statistics set aside and long sentences split, for the audience's reader",
    ),
    Stage(
        "expect",
        "verify",
        ("TransformedArticle",),
        "Expectations",
        "verify, phase one: what the output must say (disclaimer, points, citations)",
    ),
    Stage(
        "render",
        "render",
        ("TransformedArticle", "template"),
        "str",
        "Jinja2 and Babel: the text in one format",
    ),
    Stage(
        "verify",
        "verify",
        ("str", "Expectations"),
        "str",
        "verify, phase two: the rendered text still says all of it",
    ),
    Stage(
        "analyze",
        "analyze",
        ("TransformedArticle",),
        "ReadabilityReport",
        "readability of the prose the audience reads",
    ),
)


def prepare(
    article: Article,
    audience: Audience,
    glossary: CompiledGlossary,
    translate: Callable[[str], str],
    *,
    max_chars: int | None = None,
) -> TransformedArticle:
    """Select, transform and reshape: the article as ``audience`` reads it, before any template.

    The one composition of the first stages: rendering, :meth:`tailor.Tailor.assess` and
    the diff tool all read this, so they can never disagree on what a reader is shown.
    ``translate`` gives section headings in the rendering's language; ``max_chars`` bounds
    what substitution may grow the text to.
    """
    return reshape(transform(select(article, audience, translate), glossary, max_chars=max_chars))
