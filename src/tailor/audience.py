"""Audiences as data: who a rendering is for and how it should read.

An audience is a YAML file; its name is the file's stem. A site adds one by adding a
file to its own audiences folder, optionally ``extends: patient`` to inherit everything
it does not say. Files in later folders override same-named earlier ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from ._lines import LineMap
from ._source import line_for, read_file, validate_model
from ._text import check_prose, check_text
from .errors import AudienceError, ErrorDetail, UnknownAudienceError, capped, quoted

__all__ = ["Audience", "AudienceSet", "CitationStyle", "JargonMode", "Voice"]

#: Output formats, in the order tools list them.
FORMATS = ("html", "page", "markdown", "text", "json")


class JargonMode(StrEnum):
    """How glossary terms are handled for an audience."""

    KEEP = "keep"  #: leave the term; HTML may still carry its definition on hover
    REPLACE = "replace"  #: swap in the plain words
    EXPLAIN = "explain"  #: "term (plain words)" on first use, then ``after_explain``


class CitationStyle(StrEnum):
    """How a point's citations show; they always show, only the form changes."""

    BRACKETS = "brackets"  #: "... spasticity [1]"
    SUPERSCRIPT = "superscript"  #: a raised number, linked to the reference in HTML
    SOURCES = "sources"  #: "(Sources: 1, 5)" after the point, wording for lay readers


#: Reader-facing audience text, under the one text policy (see :mod:`tailor._text`).
InlineText = Annotated[str, AfterValidator(check_text)]
ProseText = Annotated[str, AfterValidator(check_prose)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


class Voice(_Strict):
    """How generated text addresses the reader.

    ``reader`` is how tailor's own sentences refer to the person reading ("you") and
    ``subject`` to the person the article is about ("you", "the person you care for");
    templates use them, and editors mirror them in their rewordings.
    """

    reader: InlineText = "you"
    subject: InlineText = "you"
    intro: ProseText | None = None


class Audience(_Strict):
    """One resolved audience (after ``extends`` is applied)."""

    name: str
    label: InlineText = Field(
        min_length=1, description='Shown in the "Which best describes you?" selector.'
    )
    description: ProseText = ""
    order: int = 100
    jargon: JargonMode = JargonMode.KEEP
    after_explain: Literal["replacement", "term"] = "replacement"
    define_terms: bool = Field(
        default=False, description="In HTML, wrap kept or explained terms with their definition."
    )
    words_to_know: bool = False
    reading_grade_max: float | None = Field(default=None, gt=0, le=30)
    readability: Literal["off", "warn", "strict"] = "warn"
    # A factory, not ``Voice()``: building an instance here would build the model (and
    # load pydantic's plugin machinery) at import instead of on the first audience read.
    voice: Voice = Field(default_factory=Voice)
    citations: CitationStyle = CitationStyle.BRACKETS
    split_sentences: bool = Field(
        default=False,
        description="Cut long sentences where it is safe (English prose; tailor.pipeline.split).",
    )
    statistics: Literal["inline", "aside"] = Field(
        default="inline",
        description='Study statistics ("(HR, 0.31; P = .05)") in the sentence, or set aside '
        'after the point as "Study figures".',
    )
    headings: dict[InlineText, InlineText] = Field(
        default_factory=dict,
        description="Reader titles for common clinical section titles, as "
        '"Administration and Dosing": "How to take it". A section title matches whatever '
        "its case and spacing; both sides are translated into the article's language "
        "through the message catalogs, so one map serves every language with a catalog. "
        "A section's own rewording for the audience wins over the map. A point that "
        'opens with a run-in title the map knows ("Internal Validity: Good.") reads the '
        "reader title there too, unless the point has its own rewording.",
    )
    disclaimer_note: InlineText | None = Field(
        default=None,
        description="A short line shown before the verbatim disclaimer, in the interface "
        "language: lay readers learn why a disclaimer for professionals is there.",
    )
    templates: dict[str, str] = Field(default_factory=dict)
    glossaries: tuple[str, ...] = Field(
        default=(),
        description="Names of glossaries with `scope: named`, applied for this audience.",
    )

    _file: str | None = PrivateAttr(default=None)
    _lines: dict[Any, int] = PrivateAttr(default_factory=dict)

    @property
    def file(self) -> str | None:
        """The file this audience was read from, for messages; None if built in code."""
        return self._file

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line of field ``loc`` in this audience's own file, if it gives one."""
        return line_for(self._lines, loc)

    def template_for(self, fmt: str) -> str:
        """The template name used for ``fmt``; the bundled default unless the audience names one."""
        return self.templates.get(fmt, _TEMPLATE[fmt])


_TEMPLATE = {
    "html": "article.html.j2",
    "page": "page.html.j2",
    "markdown": "article.md.j2",
    "text": "article.txt.j2",
    "json": "article.json.j2",
}
_RAW_FIELDS = set(Audience.model_fields) | {"extends"}
#: Longest ``extends`` chain: real ones are one or two deep; a chain of thousands is a
#: mistake or an attack, and merging it would cost time quadratic in its length.
MAX_EXTENDS = 32


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class AudienceSet(Mapping[str, Audience]):
    """The audiences a :class:`~tailor.Tailor` knows, resolved once and read-only after."""

    def __init__(self, audiences: Mapping[str, Audience]) -> None:
        self._by_name = dict(sorted(audiences.items(), key=lambda kv: (kv[1].order, kv[0])))

    @classmethod
    def from_dirs(cls, dirs: Iterable[str | Path]) -> AudienceSet:
        """Load every ``*.yaml`` in ``dirs``; a later folder's file overrides an earlier one's."""
        raw: dict[str, tuple[dict[str, Any], LineMap, str]] = {}
        for d in dirs:
            folder = Path(d)
            if not folder.is_dir():
                raise AudienceError("audience folder does not exist", source=str(folder))
            for path in sorted(folder.glob("*.y*ml")):
                data, lines, source = read_file(path, error=AudienceError)
                if not isinstance(data, dict):
                    raise AudienceError(
                        "an audience file must be a mapping of fields", source=source
                    )
                raw[path.stem] = (data, lines, source)
        return cls._resolve(raw)

    @classmethod
    def _resolve(cls, raw: Mapping[str, tuple[dict[str, Any], LineMap, str]]) -> AudienceSet:
        resolved: dict[str, Audience] = {}
        merged_cache: dict[str, dict[str, Any]] = {}

        def check_fields(name: str) -> None:
            data, lines, source = raw[name]
            unknown = sorted(set(data) - _RAW_FIELDS)
            if unknown:
                raise AudienceError(
                    "invalid audience",
                    source=source,
                    details=[
                        ErrorDetail("extra_forbidden", (k,), "unknown field", line=lines.get((k,)))
                        for k in unknown
                    ],
                )

        def extends_problem(name: str, type_: str, msg: str) -> AudienceError:
            _, lines, source = raw[name]
            return AudienceError(
                "invalid audience",
                source=source,
                details=[ErrorDetail(type_, ("extends",), msg, line=lines.get(("extends",)))],
            )

        def merged(name: str) -> dict[str, Any]:
            # Iterative, not recursive: an ``extends`` chain thousands of files deep is an
            # error or a result, never a RecursionError.
            chain: list[str] = []
            on_chain: set[str] = set()
            current: str | None = name
            while current is not None and current not in merged_cache:
                check_fields(current)
                chain.append(current)
                on_chain.add(current)
                parent = raw[current][0].get("extends")
                if parent is None:
                    current = None
                    break
                if not isinstance(parent, str):
                    raise extends_problem(
                        current, "audience.extends", "extends names one audience, as text"
                    )
                if parent in on_chain:
                    cycle = " -> ".join(quoted(n) for n in (*chain, parent))
                    raise extends_problem(
                        current, "audience.extends_cycle", capped(f"extends cycle: {cycle}")
                    )
                if parent not in raw:
                    raise extends_problem(
                        current,
                        "audience.unknown",
                        f"extends unknown audience {quoted(parent)}; known audiences: "
                        f"{capped(', '.join(sorted(raw)), 300)}",
                    )
                if len(chain) >= MAX_EXTENDS:
                    raise extends_problem(
                        name,
                        "audience.extends_depth",
                        f"extends chain deeper than {MAX_EXTENDS} audiences; "
                        "an audience inherits from a few others at most",
                    )
                current = parent
            result = merged_cache[current] if current is not None else {}
            for child in reversed(chain):
                own = {k: v for k, v in raw[child][0].items() if k != "extends"}
                result = _deep_merge(result, own)
                result["name"] = child
                merged_cache[child] = result
            return result

        for name in raw:
            data, lines, source = raw[name]
            declared = data.get("name")
            if declared is not None and declared != name:
                raise AudienceError(
                    "invalid audience",
                    source=source,
                    details=[
                        ErrorDetail(
                            "audience.name_mismatch",
                            ("name",),
                            f"name {declared!r} differs from the file name {name!r}; "
                            "an audience is named by its file",
                            line=lines.get(("name",)),
                        )
                    ],
                )
            audience = validate_model(
                Audience,
                merged(name),
                source=source,
                lines=lines,
                error=AudienceError,
                what="audience",
            )
            audience._file = source
            audience._lines = lines
            resolved[name] = audience
        if not resolved:
            raise AudienceError("no audiences defined")
        return cls(resolved)

    def get_audience(self, name: str) -> Audience:
        """The audience called ``name``; :class:`UnknownAudienceError` lists the known ones."""
        try:
            return self._by_name[name]
        except KeyError:
            raise UnknownAudienceError(name, list(self._by_name)) from None

    def __getitem__(self, name: str) -> Audience:
        return self.get_audience(name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def __repr__(self) -> str:
        return f"AudienceSet({', '.join(self._by_name)})"
