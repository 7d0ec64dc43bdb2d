"""Stage 6, verify: check the rendered output itself for what must never be lost.

The checks read the output, not the model, so a custom template that forgets the
disclaimer, a point, a citation or a reference is caught whatever it did. Markup is reduced
to the text a reader sees; then most guarantees are plain substring tests, cheap enough to
run on every render. The invariants, by the name an :class:`InvariantError` carries:

``disclaimer.verbatim``, ``date.present``, ``caution.present``
    The professional disclaimer word for word, the last-updated date, and the
    pending-review caution unless the article is approved.
``point.selected``, ``critical_point.selected``, ``point.restricted``
    Selection kept every point this audience may see (a critical point reaches everyone)
    and dropped only those restricted to other audiences.
``point.present``, ``critical_point.present``
    The text of every selected point, title and question is in the output.
``numbers.kept``, ``protected.kept``
    Every number of the source is in the audience's text, and every protected span of the
    source (a number with its unit or range, a URL, a quotation) is there character for
    character: the glossary never replaced anything inside one. An editor's rewording is
    exempt from the span test (it is the editor's wording) but not from the number test.
``figures.shown``
    Study figures set aside from a point (``statistics: aside``) are in the output; their
    numbers count as the point's for ``numbers.kept`` and ``protected.kept``.
``citation.shown``, ``citation.resolves``
    Every citation of a shown point is shown with that point, and every citation shown
    leads to an entry of the reference list.
``reference.present``, ``reference.cited``
    Every reference of the article has its entry in the output (a listed one with its
    title), and every reference is cited by at least one point.
``render.deterministic``
    The same article, audience, locale and format always give the same bytes
    (:class:`DeterminismLedger`).

What "cited" means. The reference list is the article's, the same for every audience, so
"every reference is cited" is judged on the canonical article: a reference cited only by a
point restricted away from this audience is still cited, and still listed for this
audience. A ``listed: false`` reference (a source the original cites without giving its
details) is shown as an entry that says so; citations of it resolve to that entry, and it
too must be cited by some point, since recording an uncited unknown source says nothing.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InvariantError
from .select import TextNode
from .transform import NUMBER_RE, TransformedArticle, protected_spans

__all__ = [
    "DeterminismLedger",
    "Expectations",
    "check_model",
    "prepare_expectations",
    "reader_text",
    "verify",
]

_TAG = re.compile(r"<[^>]*>")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# One pass over Markdown: a backslash escape gives its character literally, and only an
# unescaped character reference is decoded ("\\&lt;" shows "&lt;", "&lt;" shows "<").
_MD_INLINE = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);"
)


def _md_unescape(match: re.Match[str]) -> str:
    escaped = match.group(1)
    return escaped if escaped is not None else html.unescape(match.group(0))


def _normalise(text: str) -> str:
    # The same as collapsing r"\s+" to one space and stripping (both use str.isspace),
    # at a sixth of the cost: this runs over the whole output on every render.
    return " ".join(text.split())


def reader_text(content: str, fmt: str) -> str:
    """What a reader of ``content`` sees, as one whitespace-normalised string."""
    if fmt in ("html", "page"):
        text = html.unescape(_TAG.sub("", _SCRIPT_STYLE.sub(" ", content)))
    elif fmt == "markdown":
        text = _MD_INLINE.sub(_md_unescape, content)
    elif fmt == "json":
        text = " ".join(_json_strings(json.loads(content)))
    else:
        text = content
    return _normalise(text)


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def _json_dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _json_dicts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_dicts(v)


_ID_RE = re.compile(r"""\sid=["']([^"']*)["']""")
_ID_AT = re.compile(r' id="([^"]*)"')
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_HREF_RE = re.compile(r"""<a\s[^>]*?href=["'](#[^"']*)["']""")


@dataclass(frozen=True, slots=True)
class _Links:
    """Element ids and in-page links of escaped HTML output, found by plain scanning.

    A point's citations are links inside the element that carries the point's id
    (``id="p-<point>"`` in the bundled templates), so the check can tell that *this*
    point shows *its* citations, not merely that some point somewhere shows them. The
    output is escaped markup tailor's templates wrote, so scanning for attributes and the
    element's end tag is exact enough, and costs far less than parsing the whole page.
    """

    content: str
    ids: frozenset[str]
    hrefs: frozenset[str]
    #: Where each `` id="..."`` first occurs: one scan instead of one search per point.
    first_id_at: dict[str, int]

    @classmethod
    def scan(cls, content: str) -> _Links:
        ids = frozenset(html.unescape(m) for m in _ID_RE.findall(content))
        hrefs = frozenset(html.unescape(m) for m in _HREF_RE.findall(content))
        first: dict[str, int] = {}
        for m in _ID_AT.finditer(content):
            first.setdefault(m.group(1), m.start())
        return cls(content, ids, hrefs, first)

    def within(self, element_id: str) -> set[str] | None:
        """In-page links inside the element with ``element_id``; None if there is none."""
        at = self.first_id_at.get(element_id, -1)  # = content.find(f' id="{element_id}"')
        if at < 0:
            return None
        opened = self.content.rfind("<", 0, at)
        tag = _TAG_NAME.match(self.content, opened)
        if tag is None:
            return None
        end = self.content.find(f"</{tag.group(1)}>", at)
        inside = self.content[at : end if end >= 0 else len(self.content)]
        return {html.unescape(m) for m in _HREF_RE.findall(inside)}


@dataclass(frozen=True, slots=True)
class Expectations:
    """What the output must contain, worked out once per transformed article.

    ``texts`` holds each node's whitespace-normalised text, in :meth:`nodes` order, when
    :func:`prepare_expectations` built it (it also ran the checks that do not depend on
    the output, so each render only reads its output).
    """

    disclaimer: str
    date_text: str
    caution_text: str | None
    texts: tuple[str, ...] = ()


Fail = Callable[..., InvariantError]


def _failer(transformed: TransformedArticle, fmt: str) -> Fail:
    article = transformed.selected.article
    audience = transformed.selected.audience.name

    def fail(invariant: str, message: str, point_id: str | None = None) -> InvariantError:
        return InvariantError(
            invariant,
            message,
            audience=audience,
            format=fmt,
            point_id=point_id,
            article_id=article.id,
        )

    return fail


def check_model(transformed: TransformedArticle, fmt: str) -> None:
    """The invariants that hold or fail before any template runs.

    Selection, numbers, protected spans and citedness depend only on the transformed
    article, so a :class:`~tailor.Tailor` checks them once per prepared article instead
    of on every render; ``fmt`` only names the request that first met the problem.
    """
    fail = _failer(transformed, fmt)
    _check_selection(transformed, fail)
    for node in transformed.nodes():
        shown = set(NUMBER_RE.findall(_said(node)))
        for number in NUMBER_RE.findall(node.source_text):
            if number not in shown:
                raise fail(
                    "numbers.kept",
                    f"the number {number!r} of the source is missing from this audience's text",
                    node.id,
                )
        _check_protected(node, fail)
    _check_cited(transformed, fail)


def prepare_expectations(
    transformed: TransformedArticle,
    disclaimer: str,
    date_text: str,
    caution_text: str | None,
    *,
    fmt: str = "any",
) -> Expectations:
    """Run :func:`check_model` and precompute what each render's output must contain."""
    check_model(transformed, fmt)
    texts = tuple(_normalise(node.text) for node in transformed.nodes())
    return Expectations(disclaimer, date_text, caution_text, texts)


def verify(content: str, fmt: str, transformed: TransformedArticle, expect: Expectations) -> None:
    """Raise :class:`InvariantError` if ``content`` lost anything that must survive.

    With ``expect`` from :func:`prepare_expectations` the model checks already ran; with
    a bare :class:`Expectations` they run here too, so a caller never gets fewer checks.
    """
    article = transformed.selected.article
    fail = _failer(transformed, fmt)
    if not expect.texts:
        check_model(transformed, fmt)
        expect = prepare_expectations(
            transformed, expect.disclaimer, expect.date_text, expect.caution_text, fmt=fmt
        )
    try:
        seen = reader_text(content, fmt)
    except (ValueError, TypeError) as exc:
        raise fail("output.parseable", f"the {fmt} output cannot be read back: {exc}") from None
    data: Any = None
    if fmt == "json":
        data = json.loads(content)
        if not isinstance(data, dict) or data.get("disclaimer") != expect.disclaimer:
            raise fail(
                "disclaimer.verbatim",
                "the JSON output has no 'disclaimer' field equal to the article's",
            )
    if _normalise(expect.disclaimer) not in seen:
        raise fail(
            "disclaimer.verbatim", "the professional disclaimer is missing or altered in the output"
        )
    if expect.date_text not in seen:
        raise fail("date.present", f"the last-updated date {expect.date_text!r} is missing")
    if expect.caution_text is not None and _normalise(expect.caution_text) not in seen:
        raise fail(
            "caution.present",
            "the article is not approved but the pending-review caution is missing",
        )
    nodes = transformed.nodes()
    for node, text in zip(nodes, expect.texts, strict=True):
        if text not in seen:
            invariant = "critical_point.present" if node.critical else "point.present"
            raise fail(invariant, f"the text of {node.id!r} is missing or altered", node.id)
        for figure in node.figures:
            if _normalise(figure) not in seen:
                raise fail(
                    "figures.shown",
                    f"the study figures {figure!r} set aside from {node.id!r} are not shown",
                    node.id,
                )
    for ref in article.references:
        label = ref.title if ref.listed and ref.title else None
        if label is not None and _normalise(label) not in seen:
            raise fail("reference.present", f"reference {ref.id!r} ({label!r}) is missing")
    if fmt in ("html", "page"):
        _check_html_citations(content, nodes, transformed, fail)
    elif fmt == "json":
        _check_json_citations(data, nodes, transformed, fail)
    else:
        _check_text_citations(content, fmt, nodes, expect.texts, _ref_ids(transformed), fail)


def _check_selection(transformed: TransformedArticle, fail: Fail) -> None:
    """Every point this audience may see was selected, and none restricted away was."""
    audience = transformed.selected.audience.name
    shown = {node.id for node in transformed.nodes()}
    for _, point in transformed.selected.article.points():
        allowed = point.audiences is None or audience in point.audiences
        if allowed and point.id not in shown:
            invariant = "critical_point.selected" if point.critical else "point.selected"
            raise fail(invariant, "the point was dropped for an audience it is meant for", point.id)
        if not allowed and point.id in shown:
            raise fail(
                "point.restricted",
                f"the point is restricted to {', '.join(point.audiences or ())} but was shown",
                point.id,
            )


def _said(node: TextNode) -> str:
    """Everything a node tells the reader: its text and any study figures set aside."""
    return " ".join((node.text, *node.figures)) if node.figures else node.text


def _check_protected(node: TextNode, fail: Fail) -> None:
    """Numbers with units, URLs and quotations of the source reach the reader unchanged."""
    if node.reworded:
        return
    said = _said(node)
    for start, end in protected_spans(node.source_text):
        span = node.source_text[start:end].strip()
        if span and span not in said:
            raise fail(
                "protected.kept",
                f"the protected span {span!r} (a number, unit, URL or quotation) was changed; "
                "no glossary replacement may touch one",
                node.id,
            )


def _check_cited(transformed: TransformedArticle, fail: Fail) -> None:
    article = transformed.selected.article
    cited = {c for _, point in article.points() for c in point.citations}
    for ref in article.references:
        if ref.id not in cited:
            raise fail(
                "reference.cited",
                f"reference {ref.id!r} is listed but no point of the article cites it",
            )


def _ref_ids(transformed: TransformedArticle) -> set[str]:
    return {ref.id for ref in transformed.selected.article.references}


def _check_html_citations(
    content: str, nodes: list[TextNode], transformed: TransformedArticle, fail: Fail
) -> None:
    parser = _Links.scan(content)
    for ref_id in sorted(_ref_ids(transformed)):
        if f"ref-{ref_id}" not in parser.ids:
            raise fail(
                "reference.present",
                f"reference {ref_id!r} has no entry (an element with id 'ref-{ref_id}')",
            )
    for href in sorted(parser.hrefs):
        if href.startswith("#ref-") and href[1:] not in parser.ids:
            raise fail(
                "citation.resolves", f"the citation link {href!r} leads to no reference entry"
            )
    for node in nodes:
        if not node.citations:
            continue
        links = parser.within(f"p-{node.id}")
        if links is None:
            links = set(parser.hrefs)
        for cited in node.citations:
            if f"#ref-{cited}" not in links:
                raise fail(
                    "citation.shown",
                    f"citation {cited!r} is not shown (no link to '#ref-{cited}') with the point",
                    node.id,
                )


def _check_json_citations(
    data: Any, nodes: list[TextNode], transformed: TransformedArticle, fail: Fail
) -> None:
    listed: set[str] = set()
    by_id: dict[str, list[Any]] = {}
    for item in _json_dicts(data):
        if "citations" in item and isinstance(item.get("id"), str):
            by_id[item["id"]] = list(item["citations"] or [])
    references = data.get("references") if isinstance(data, dict) else None
    if isinstance(references, list):
        listed = {r["id"] for r in references if isinstance(r, dict) and "id" in r}
    for ref_id in sorted(_ref_ids(transformed)):
        if ref_id not in listed:
            raise fail("reference.present", f"reference {ref_id!r} is not in 'references'")
    for point_id, citations in by_id.items():
        for cited in citations:
            if cited not in listed:
                raise fail(
                    "citation.resolves",
                    f"citation {cited!r} leads to no entry of 'references'",
                    point_id,
                )
    for node in nodes:
        if node.citations and by_id.get(node.id) != list(node.citations):
            raise fail(
                "citation.shown",
                f"the point's citations {list(node.citations)} are not shown with it",
                node.id,
            )


def _has_token(text: str, token: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(token)}(?![\w-])", text) is not None


def _check_text_citations(
    content: str,
    fmt: str,
    nodes: list[TextNode],
    texts: tuple[str, ...],
    ref_ids: set[str],
    fail: Fail,
) -> None:
    """Plain text and Markdown: ``[id]`` entries, and each point's ids on its own line.

    The check is structural, not a distance: a point's citations stand after its text on
    the line where that text ends (every bundled format writes them so), however many
    there are. The lines are read as the reader sees them (Markdown escapes resolved,
    whitespace collapsed) and joined with single spaces, which gives exactly the
    normalised reader text the other checks search; each line's end is remembered.
    """
    lines = [_normalise(line) for line in content.splitlines()]
    if fmt == "markdown":
        lines = [_MD_INLINE.sub(_md_unescape, line) for line in lines]
    lines = [line for line in lines if line]
    seen = " ".join(lines)
    ends: list[int] = []
    at = -1
    for line in lines:
        at += 1 + len(line)
        ends.append(at)
    for ref_id in sorted(ref_ids):
        if f"[{ref_id}]" not in seen:
            raise fail("reference.present", f"reference {ref_id!r} has no '[{ref_id}]' entry")
    pos = 0
    for i, node in enumerate(nodes):
        start = seen.find(texts[i], pos)
        if start < 0:
            start = seen.find(texts[i])
        end = start + len(texts[i])
        pos = end
        if not node.citations:
            continue
        line_end = ends[bisect.bisect_left(ends, end)] if end <= ends[-1] else end
        window = seen[end:line_end]
        for cited in node.citations:
            if not _has_token(window, cited):
                raise fail(
                    "citation.shown",
                    f"citation {cited!r} is not shown on the line where the point's text ends",
                    node.id,
                )


class DeterminismLedger:
    """Remembers a digest of each rendering, so a later one that differs is caught.

    Rendering is a pure function of the article version, audience, locale and format for
    a configured :class:`~tailor.Tailor`; a template that reads a clock, a random number
    or an unordered set breaks that, and readers would see pages that change between two
    loads. Comparing a SHA-256 against the first rendering of the same key costs a hash
    per render, so the check runs on every render rather than only in tests. The ledger is
    bounded (least recently used keys are forgotten) and guarded by a lock.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._digests: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, key: Hashable, content: str, fail: Callable[[], InvariantError]) -> None:
        """Record ``content`` for ``key``; raise ``fail()`` if ``key`` rendered differently."""
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        with self._lock:
            earlier = self._digests.get(key)
            if earlier is None:
                self._digests[key] = digest
                while len(self._digests) > self._size:
                    self._digests.popitem(last=False)
            else:
                self._digests.move_to_end(key)
        if earlier is not None and earlier != digest:
            raise fail()

    def __len__(self) -> int:
        return len(self._digests)
