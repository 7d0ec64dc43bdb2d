"""The canonical article: one reviewed source that every audience's rendering comes from.

The model is immutable so one loaded article can be shared by every request and thread;
stages never edit it, they build new values from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from ._text import check_nonempty_prose, check_text
from .lexical import SAFE_URL_PATTERN

__all__ = [
    "DEFAULT_DISCLAIMER",
    "Article",
    "Point",
    "Reference",
    "ReviewStatus",
    "Section",
    "TermDefinition",
]

#: The professional disclaimer tailor ships: neutral, naming no publisher, so a deployment
#: that configures none does not inherit another organisation's liability wording. A
#: deployment sets its own with ``Tailor(disclaimer=...)``; an article may carry its own
#: (for instance a reviewed translation) only if the deployment accepts it (see
#: ``Tailor(accepted_disclaimers=...)``). It is never shortened or edited.
DEFAULT_DISCLAIMER = (
    "This information is intended for healthcare professionals. Any medical decision-making "
    "should rely on clinical judgment and independently verified information. The content "
    "provided herein does not replace professional discretion and should be considered "
    "supplementary to established clinical guidelines. Healthcare providers should verify all "
    "information against primary literature and current practice standards before application "
    "in patient care."
)

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Identifier = Annotated[str, StringConstraints(pattern=_ID_PATTERN, max_length=100)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


def _ordered(value: Any) -> Any:
    """Refuse a set where a list belongs: a set has no order, so output built from it (the
    order of citations, points, references) would follow the hash seed from run to run."""
    if isinstance(value, set | frozenset):
        raise ValueError(
            "must be a list: a set has no order, so the output would change from run to run"
        )
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """Accept a date or an ISO date string, nothing else: pydantic reads a number as a Unix
    timestamp (``last_updated: 0`` was January 1, 1970) and a date-time as its date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError("must be an ISO date (YYYY-MM-DD), such as 2025-10-22")


#: A list in the file, kept in order; a set is refused (see :func:`_ordered`).
Ordered = BeforeValidator(_ordered)
#: A calendar date written as an ISO date (see :func:`_iso_date`).
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class _Frozen(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


#: Reader-facing text: not empty, and free of invisible characters. Checked per field so
#: an error names the exact field (``sections.2.points.1.text``), not its parent.
CleanText = Annotated[str, StringConstraints(min_length=1), AfterValidator(check_nonempty_prose)]
#: A reader-facing value on one line (a DOI, a URL, a glossary replacement): the text policy
#: without line breaks.
InlineText = Annotated[str, AfterValidator(check_text)]


class ReviewStatus(StrEnum):
    """Where the article is in medical review; anything but approved shows a caution."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"


class Reference(_Frozen):
    """A source the article cites.

    ``listed: false`` records a source the article cites but whose details the original
    does not give ("cited, details unknown"): it keeps the citation honest without
    inventing a title. A listed reference must have a kind, title and source.
    """

    id: Identifier
    listed: bool = True
    kind: Literal["research", "guideline"] | None = None
    title: CleanText | None = None
    source: CleanText | None = None
    year: int | None = Field(default=None, ge=1500, le=2200)
    doi: InlineText | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}$")] | None = None
    #: A link a reader may follow (:data:`tailor.lexical.SAFE_URL_PATTERN`).
    url: (
        Annotated[
            str,
            StringConstraints(pattern=SAFE_URL_PATTERN),
            AfterValidator(check_text),
        ]
        | None
    ) = None
    #: The language of the title ("en"), when it differs from the article's: a Spanish
    #: page citing an English paper tags the title so a screen reader pronounces it right.
    language: (
        Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None
    ) = None

    @model_validator(mode="after")
    def _listed_needs_details(self) -> Reference:
        if self.listed:
            missing = [f for f in ("kind", "title", "source") if getattr(self, f) is None]
            if missing:
                raise ValueError(
                    f"a listed reference needs {', '.join(missing)}; "
                    "if the source does not give them, set listed: false"
                )
        return self


class Point(_Frozen):
    """One statement of the article, with its citations.

    ``audiences`` restricts the point to some audiences (absent: everyone);
    ``rewordings`` holds an editor's plain wording per audience, used instead of the
    glossary-transformed text. A ``critical`` point (withdrawal, overdose,
    contraindications) must reach every audience.
    """

    id: Identifier
    text: CleanText
    citations: Annotated[tuple[Identifier, ...], Ordered] = ()
    critical: bool = False
    audiences: Annotated[tuple[Identifier, ...] | None, Ordered] = None
    rewordings: dict[Identifier, CleanText] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _clean(self) -> Point:
        if self.critical and self.audiences is not None:
            raise ValueError(
                "a critical point must reach every audience; remove its audiences restriction"
            )
        return self


class Section(_Frozen):
    """A titled group of points, shown in order."""

    id: Identifier
    title: CleanText
    points: Annotated[tuple[Point, ...], Ordered] = Field(min_length=1)
    rewordings: dict[Identifier, CleanText] = Field(default_factory=dict)


class TermDefinition(_Frozen):
    """A glossary term an article defines for itself (the innermost glossary layer)."""

    term: Annotated[NonEmpty, AfterValidator(check_text)]
    forms: Annotated[tuple[InlineText, ...], Ordered] = ()
    replacement: InlineText | None = None
    definition: InlineText | None = None


class Article(_Frozen):
    """One canonical article, as reviewed, before any audience is applied.

    ``question_rewordings`` and ``title_rewordings`` hold an editor's wording of the page's
    question and title per audience (a patient page asks "Is baclofen safe for stiff
    muscles?", not the clinical question), used as written, like a point's rewordings.
    """

    id: Identifier
    #: Held to the text policy like every other string (it becomes the page's ``lang``).
    locale: InlineText = "en"
    question: CleanText
    title: CleanText
    question_rewordings: dict[Identifier, CleanText] = Field(default_factory=dict)
    title_rewordings: dict[Identifier, CleanText] = Field(default_factory=dict)
    lead: Point
    sections: Annotated[tuple[Section, ...], Ordered] = Field(min_length=1)
    references: Annotated[tuple[Reference, ...], Ordered] = ()
    last_updated: IsoDate
    review_status: ReviewStatus
    disclaimer: CleanText = DEFAULT_DISCLAIMER
    translation_of: InlineText | None = None
    terms: Annotated[tuple[TermDefinition, ...], Ordered] = ()

    def points(self) -> list[tuple[tuple[str | int, ...], Point]]:
        """Every point with its field path, the lead first, in reading order."""
        found: list[tuple[tuple[str | int, ...], Point]] = [(("lead",), self.lead)]
        for si, section in enumerate(self.sections):
            for pi, point in enumerate(section.points):
                found.append((("sections", si, "points", pi), point))
        return found

    def reference(self, ref_id: str) -> Reference | None:
        """The reference with this id, or None."""
        for ref in self.references:
            if ref.id == ref_id:
                return ref
        return None

    #: The content's fingerprint, computed on first use. A private attribute rather than a
    #: cached property: ``model_copy(update=...)`` copies ``__dict__`` (where a cached
    #: property lives) and applies ``update`` to it, so a copy would report, and a shared
    #: Tailor would serve, the rendering of the article it was copied from.
    _fingerprint: str | None = PrivateAttr(default=None)

    @property
    def version(self) -> str:
        """A fingerprint of the content, so caches can key on "this version of the article".

        It follows the content however the article was built: loaded from a file or a
        dict, ``model_validate``, ``model_construct`` or ``model_copy`` at any depth (a copy
        never inherits the original's fingerprint; see :meth:`__copy__`).
        """
        found = self._fingerprint
        if found is None:
            content = self.model_dump_json().encode("utf-8")
            # Whether the article gives its own disclaimer, not only the text: an article that
            # gives none carries the deployment's (see Tailor(disclaimer=...)), one that gives
            # the default text explicitly is held to the deployment's accepted texts.
            own = b"1" if "disclaimer" in self.model_fields_set else b"0"
            found = hashlib.sha256(content + own).hexdigest()[:20]
            self._fingerprint = found  # a race computes the same value twice: harmless
        return found

    @property
    def fingerprint(self) -> str:
        """The same as :attr:`version`, by the name caches use for it."""
        return self.version

    def __eq__(self, other: object) -> bool:
        # pydantic compares private attributes too: an article whose fingerprint was
        # computed is still equal to the same content whose fingerprint was not.
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def __copy__(self) -> Article:
        copied = super().__copy__()
        copied._fingerprint = None  # model_copy(update=...) edits the copy afterwards
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Article:
        copied = super().__deepcopy__(memo)
        copied._fingerprint = None
        return copied

    def __dask_tokenize__(self) -> tuple[str, str]:
        """What Dask names a task by: the content's fingerprint (issue 16).

        ``Client.submit`` names every task by its arguments; for an object it knows
        nothing of, Dask pickles and unpickles it at least twice to hash it. Rendering a
        corpus through Dask, that was seconds of the client's CPU, taken from the two
        cores the workers render on. The fingerprint names the same content just as
        well, and is worked out once per article.
        """
        return ("tailor.Article", self.version)
