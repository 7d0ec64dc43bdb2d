"""The values passed between the pipeline's stages, in the order the stages make them.

Every stage imports its inputs' and outputs' types from here, never from the stage that
makes them, so a later stage does not depend on an earlier one's code (the import contract
in pyproject.toml holds this): select makes a :class:`SelectedArticle` of
:class:`TextNode` values made of :class:`Span` runs; transform makes a
:class:`TransformedArticle` with a :class:`Substitution` per change (and reshape a
:class:`Split` per cut sentence, an :class:`Aside` per figure set aside); render and
verify end in a :class:`Rendering`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._pickling import pickled_by_fields
from ..audience import Audience
from ..errors import Loc
from ..glossary import GlossaryEntry
from ..model import Article, Reference
from ..readability import ReadabilityReport

__all__ = [
    "Aside",
    "Rendering",
    "SelectedArticle",
    "SelectedSection",
    "Span",
    "Split",
    "Substitution",
    "TextNode",
    "TransformedArticle",
]

# -- select ------------------------------------------------------------------------------


def _reading_order(
    question: TextNode, title: TextNode, lead: TextNode, sections: tuple[SelectedSection, ...]
) -> list[TextNode]:
    """Every text node in reading order: one definition for the selected and the
    transformed article, which share these fields but not a base class (both are frozen,
    slotted dataclasses; the transformed one adds the trace)."""
    out = [question, title, lead]
    for section in sections:
        out.append(section.title)
        out.extend(section.points)
    return out


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text as the reader will see it.

    ``kind`` is ``"text"`` for untouched words; for glossary terms it says what happened
    (``"replaced"``, ``"explained"`` or ``"term"`` for a kept term) and ``original`` holds
    the words of the source, so HTML can show them on hover and editors can review them.
    """

    text: str
    kind: str = "text"
    original: str | None = None
    definition: str | None = None


@dataclass(frozen=True, slots=True)
class TextNode:
    """One piece of article prose for one audience: a point, the question, a title."""

    id: str
    loc: Loc
    source_text: str
    spans: tuple[Span, ...]
    citations: tuple[str, ...] = ()
    critical: bool = False
    reworded: bool = False
    #: Study statistics set aside for this audience (:mod:`tailor.pipeline.figures`), shown after
    #: the point; part of what the point says, so verify checks them like its text.
    figures: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The reader-facing text, spans joined."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class SelectedSection:
    """A section as one audience sees it."""

    id: str
    loc: Loc
    title: TextNode
    points: tuple[TextNode, ...]


@dataclass(frozen=True, slots=True)
class SelectedArticle:
    """The article narrowed to one audience; what the transform and render stages read."""

    article: Article
    audience: Audience
    question: TextNode
    title: TextNode
    lead: TextNode
    sections: tuple[SelectedSection, ...]
    references: tuple[Reference, ...]
    dropped: tuple[str, ...] = field(default=())

    def nodes(self) -> list[TextNode]:
        """Every text node in reading order."""
        return _reading_order(self.question, self.title, self.lead, self.sections)


# -- transform (and reshape) -------------------------------------------------------------


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Substitution:
    """One change the glossary made, for an editor to review."""

    point_id: str
    loc: Loc
    original: str
    replacement: str
    mode: str
    term: str
    layer: str
    source: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Split:
    """One sentence cut into shorter ones, with the rule that cut it, for editors."""

    point_id: str
    loc: Loc
    rule: str
    original: str
    sentences: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Aside:
    """One statistic moved out of a point, for an editor to review."""

    point_id: str
    figure: str
    sentence: str


@dataclass(frozen=True, slots=True)
class TransformedArticle:
    """A selected article after glossary substitution, with the trace of every change."""

    selected: SelectedArticle
    question: TextNode
    title: TextNode
    lead: TextNode
    sections: tuple[SelectedSection, ...]
    substitutions: tuple[Substitution, ...]
    explained: tuple[GlossaryEntry, ...]
    #: Sentences cut and study figures set aside by :func:`tailor.pipeline.reshape.reshape`.
    splits: tuple[Split, ...] = ()
    asides: tuple[Aside, ...] = ()

    def nodes(self) -> list[TextNode]:
        """Every text node in reading order."""
        return _reading_order(self.question, self.title, self.lead, self.sections)


# -- render and verify -------------------------------------------------------------------


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Rendering:
    """One article rendered for one audience in one format, with what was done to it."""

    content: str
    article_id: str
    audience: str
    format: str
    locale: str
    substitutions: tuple[Substitution, ...]
    readability: ReadabilityReport | None
    warnings: tuple[str, ...] = field(default=())
    explained: tuple[GlossaryEntry, ...] = field(default=())
    #: Each long sentence cut for this audience (:mod:`tailor.pipeline.split`), for review.
    splits: tuple[Split, ...] = field(default=())

    def __str__(self) -> str:
        return self.content

    def _repr_html_(self) -> str:
        if self.format in ("html", "page"):
            return self.content
        from markupsafe import escape

        return f"<pre>{escape(self.content)}</pre>"

    def _repr_markdown_(self) -> str | None:
        return self.content if self.format == "markdown" else None
