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
from pathlib import Path
from typing import Any

from ..errors import InvariantError
from ..lexical import NUMBER_RE, protected_spans
from ..model import Article
from ._reader import (
    HtmlView,
    TextView,
    bullet_length,
    control_character,
    markdown_lines,
    markdown_problem,
)
from .types import TextNode, TransformedArticle

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


def _scanned_text(content: str, fmt: str) -> str:
    """The text of the bundled templates' output, by scanning tailor's own markup."""
    if fmt in ("html", "page"):
        text = html.unescape(_TAG.sub("", _SCRIPT_STYLE.sub(" ", content)))
    elif fmt == "markdown":
        text = _MD_INLINE.sub(_md_unescape, content)
    elif fmt == "json":
        text = " ".join(_json_strings(json.loads(content)))
    else:
        text = content
    return _normalise(text)


def reader_text(content: str, fmt: str) -> str:
    """What a reader of ``content`` sees, as one whitespace-normalised string."""
    if fmt in ("html", "page"):
        return HtmlView.parse(content).seen
    if fmt == "markdown":
        return " ".join(line for line in markdown_lines(content) if line)
    if fmt == "json":
        return _normalise(" ".join(_json_strings(json.loads(content))))
    return _normalise(content)


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
    #: Every word a site template may show (lower case): the article's, its audience's
    #: and the interface catalog's. Empty: not checked (the bundled templates' output).
    vocabulary: frozenset[str] = frozenset()
    #: The interface's label for a critical point ("Important"): a critical point's node
    #: may start with it and a colon before its text (issue 15).
    critical_label: str | None = None


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
    vocabulary: frozenset[str] = frozenset(),
    critical_label: str | None = None,
) -> Expectations:
    """Run :func:`check_model` and precompute what each render's output must contain."""
    check_model(transformed, fmt)
    texts = tuple(_normalise(node.text) for node in transformed.nodes())
    label = _normalise(critical_label) if critical_label else None
    return Expectations(disclaimer, date_text, caution_text, texts, vocabulary, label)


#: Runs of letters, hyphenated words taken apart: a template's words are compared one by
#: one with the vocabulary, so "self-care" must be known as "self" and "care". Not
#: tailor.lexical's word rules on purpose: those keep a hyphenated word whole.
_WORDS = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> frozenset[str]:
    """The words of ``text``, lower case: what :attr:`Expectations.vocabulary` holds."""
    return frozenset(_WORDS.findall(text.lower()))


def _verify_trusted(
    content: str, fmt: str, transformed: TransformedArticle, expect: Expectations, fail: Fail
) -> None:
    """The bundled templates' output: reviewed markup, read by tailor's own scanner."""
    article = transformed.selected.article
    try:
        seen = _scanned_text(content, fmt)
    except (ValueError, TypeError, RecursionError) as exc:
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
    _check_references(article, seen, fail)
    if fmt in ("html", "page"):
        _check_html_citations(content, nodes, transformed, fail)
    elif fmt == "json":
        _check_json_citations(data, nodes, transformed, fail)
    else:
        _check_text_citations(content, fmt, nodes, expect.texts, _ref_ids(transformed), fail)


def verify(
    content: str,
    fmt: str,
    transformed: TransformedArticle,
    expect: Expectations,
    *,
    untrusted: bool = False,
    stylesheets: frozenset[str] = frozenset(),
) -> None:
    """Raise :class:`InvariantError` if a reader of ``content`` would miss what must survive.

    The output is read as the reader's software shows it (:mod:`tailor.pipeline._reader`): the
    disclaimer and the caution each in one node of their own, the date ending one node,
    every point in its own node (in HTML, the element ``id="p-<point id>"``) holding its
    text and nothing else but its citations, in the article's order, after the caution.
    ``untrusted`` output (a site's templates wrote it) must also pass the HTML allow-list:
    nothing that restyles or scripts the page, except the bundled ``stylesheets``.

    With ``expect`` from :func:`prepare_expectations` the model checks already ran; with
    a bare :class:`Expectations` they run here too, so a caller never gets fewer checks.
    """
    fail = _failer(transformed, fmt)
    if not expect.texts:
        check_model(transformed, fmt)
        expect = prepare_expectations(
            transformed, expect.disclaimer, expect.date_text, expect.caution_text, fmt=fmt
        )
    if not untrusted:
        control = control_character(content)
        if control is not None:
            raise _control_failure(fail, control)
        _verify_trusted(content, fmt, transformed, expect, fail)
        return
    view: HtmlView | TextView
    data: Any = None
    if fmt == "json":
        data = _read_json(content, transformed, expect, fail)
        control = control_character("".join(_json_strings(data)))
    else:
        control = control_character(content)
    if control is not None:
        raise _control_failure(fail, control)
    if fmt == "json":
        _check_json_citations(data, transformed.nodes(), transformed, fail)
        return
    if fmt in ("html", "page"):
        view = HtmlView.parse(content, stylesheets if untrusted else None)
        if view.problem is not None:
            raise fail(
                "markup.allowed",
                f"a site template wrote {view.problem}; site templates may not restyle or "
                "script the page, so that nothing verified here can be hidden",
            )
    elif fmt == "markdown":
        problem = markdown_problem(content)
        if problem is not None:
            raise fail("markup.allowed", f"the Markdown holds {problem}")
        view = TextView.parse(content, markdown_lines(content))
    else:
        view = TextView.parse(content)
    _check_view(view, fmt, transformed, expect, fail)
    if expect.vocabulary:
        # Text nodes apart: adjacent block elements ("<dt>term</dt><dd>Meaning") are
        # shown apart, though their text runs together in ``seen``.
        shown = " ".join(view.nodes) if isinstance(view, HtmlView) else view.seen
        foreign = words_of(shown) - expect.vocabulary
        if foreign:
            raise fail(
                "template.text",
                "a site template shows words that come from neither the article, its "
                "audience nor the interface catalog (it could undermine what is verified, "
                f"as in 'the notice below does not apply'): {', '.join(sorted(foreign)[:8])}",
            )


def _control_failure(fail: Fail, control: str) -> InvariantError:
    return fail(
        "output.control",
        f"the output holds the control character {control}, which can hide or reorder "
        "what a terminal or browser shows",
    )


def _once(view: HtmlView | TextView, text: str, *, ending: bool = False) -> int:
    return view.ending_count(text) if ending else view.own_count(text)


def _check_view(
    view: HtmlView | TextView,
    fmt: str,
    transformed: TransformedArticle,
    expect: Expectations,
    fail: Fail,
) -> None:
    article = transformed.selected.article
    seen = view.seen
    disclaimer = _normalise(expect.disclaimer)
    found = _once(view, disclaimer)
    if found != 1:
        raise fail(
            "disclaimer.verbatim",
            "the professional disclaimer is missing or altered, or not a node of its own"
            if found == 0
            else f"the professional disclaimer is shown {found} times; it must be shown once",
        )
    found = _once(view, expect.date_text, ending=True)
    if found != 1:
        raise fail(
            "date.present",
            f"the last-updated date {expect.date_text!r} is missing or not at the end of a "
            "node of its own"
            if found == 0
            else f"the last-updated date {expect.date_text!r} is shown {found} times",
        )
    if expect.caution_text is not None:
        caution = _normalise(expect.caution_text)
        found = _once(view, caution)
        if found != 1:
            raise fail(
                "caution.present",
                "the article is not approved but the pending-review caution is missing or "
                "not a node of its own"
                if found == 0
                else f"the pending-review caution is shown {found} times",
            )
    nodes = transformed.nodes()
    points = {id(n) for n in _point_nodes(transformed)}
    disclosed = view.disclosed if isinstance(view, HtmlView) else []
    pos = 0
    for node, text in zip(nodes, expect.texts, strict=True):
        invariant = "critical_point.present" if node.critical else "point.present"
        at = seen.find(text, pos)
        if at < 0:
            where = "is out of the article's order" if text in seen else "is missing or altered"
            raise fail(invariant, f"the text of {node.id!r} {where}", node.id)
        for figure in node.figures:
            figure_text = _normalise(figure)
            if figure_text not in seen and not any(figure_text in d for d in disclosed):
                raise fail(
                    "figures.shown",
                    f"the study figures {figure!r} set aside from {node.id!r} are not shown",
                    node.id,
                )
        if id(node) not in points:
            pos = at + len(text)
            continue
        mark = f"{expect.critical_label}: " if node.critical and expect.critical_label else ""
        rest, at = _point_rest(view, node, text, at, mark)
        if rest is None:
            raise fail(
                invariant,
                f"the text of {node.id!r} is not a node of its own (in HTML, the element "
                f"id='p-{node.id}'), or is hidden",
                node.id,
            )
        pos = at + len(text)
        tokens = set(_TOKEN.findall(rest)) if rest else set()
        for cited in node.citations:
            if cited not in tokens:
                raise fail(
                    "citation.shown",
                    f"citation {cited!r} is not shown with the point (in its node, after its text)",
                    node.id,
                )
        words = [t for t in tokens.difference(node.citations) if _LETTER.search(t)]
        if len(words) > 1:  # one label word ("Sources:") is a citation style, more is text
            raise fail(
                invariant,
                f"the node of {node.id!r} holds more than its text and citations: "
                f"{rest.strip()[:80]!r}",
                node.id,
            )
    _check_references(article, seen, fail)
    if isinstance(view, HtmlView):
        _check_visible_citations(view, transformed, fail)
    else:
        for ref_id in sorted(_ref_ids(transformed)):
            if f"[{ref_id}]" not in seen:
                raise fail("reference.present", f"reference {ref_id!r} has no '[{ref_id}]' entry")


#: A citation id as it stands in text: identifier characters, without a trailing dot
#: ("[1]", "(Sources: ref-2, 3.1)", "^1,2^"), the same tokens ``_has_token`` accepts.
_TOKEN = re.compile(r"[A-Za-z0-9_](?:[\w.-]*[\w-])?")
_LETTER = re.compile(r"[^\W\d_]")


def _point_rest(
    view: HtmlView | TextView, node: TextNode, text: str, at: int, label: str = ""
) -> tuple[str | None, int]:
    """What follows a point's text in its own node (its citations; None if the point has
    no node of its own), and where in the reader text the point was found.

    HTML: the visible element ``p-<id>``, shown once, starting with the text. Plain text
    and Markdown: an occurrence at the start of a line (after a bullet), the node ending
    with the line where the text ends. A critical point's node may start with ``label``
    ("Important: "), the interface's mark for safety content.
    """
    if isinstance(view, HtmlView):
        if view.id_counts.get(f"p-{node.id}", 0) != 1:
            return None, at
        shown = view.element_text(f"p-{node.id}") or ""
        if label and shown.startswith(label):
            shown = shown[len(label) :]
        if not shown.startswith(text):
            return None, at
        return shown[len(text) :], at
    seen = view.seen
    while at >= 0:
        line = bisect.bisect_right(view.starts, at) - 1
        start = view.starts[line]
        lead = bullet_length(view.lines[line])
        if label and seen.startswith(label, start + lead) and at - start == lead + len(label):
            lead += len(label)
        if at - start == lead:
            end = at + len(text)
            end_line = bisect.bisect_left(view.ends, end)
            if end_line < len(view.ends):
                return seen[end : view.ends[end_line]], at
        at = seen.find(text, at + 1)
    return None, at


def _point_nodes(transformed: TransformedArticle) -> list[TextNode]:
    return [transformed.lead, *(p for s in transformed.sections for p in s.points)]


def _read_json(
    content: str, transformed: TransformedArticle, expect: Expectations, fail: Fail
) -> Any:
    """The JSON rendering, parsed and checked against the rendering schema's shape.

    Every object has only the keys the schema names (a point moved to a key consumers
    ignore is refused), the disclaimer, date and caution are the expected ones, and the
    lead and sections hold every point, in order, with its text and criticality.
    """
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise fail("output.parseable", f"the json output cannot be read back: {message}") from None
    problem = _json_shape(data)
    if problem is not None:
        raise fail("output.schema", f"the JSON output does not follow its schema: {problem}")
    if data.get("disclaimer") != expect.disclaimer:
        raise fail(
            "disclaimer.verbatim",
            "the JSON output has no 'disclaimer' field equal to the article's",
        )
    if data.get("last_updated_text") != expect.date_text:
        raise fail("date.present", f"'last_updated_text' is not {expect.date_text!r}")
    if expect.caution_text is not None and data.get("caution") != expect.caution_text:
        raise fail("caution.present", "the article is not approved but 'caution' is not set")
    shown: list[Any] = [data.get("lead")]
    for section in data.get("sections") or ():
        shown.extend(section.get("points") or ())
    expected = _point_nodes(transformed)
    by_id = {p.get("id"): p for p in shown if isinstance(p, dict)}
    for node in expected:
        invariant = "critical_point.present" if node.critical else "point.present"
        item = by_id.get(node.id)
        if item is None or _normalise(str(item.get("text"))) != _normalise(node.text):
            raise fail(invariant, f"the text of {node.id!r} is missing or altered", node.id)
        if item.get("critical") is not node.critical:
            raise fail(invariant, f"{node.id!r} is not marked critical as it is", node.id)
    if [p.get("id") for p in shown if isinstance(p, dict)] != [n.id for n in expected]:
        raise fail("point.present", "the points are not in the article's order, or repeated")
    return data


def _json_shape(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "it is not an object"
    problem = _keys(data, _JSON_TOP, "the top level")
    if problem:
        return problem
    for name in ("lead",):
        problem = _keys(data.get(name), _JSON_NODE, f"'{name}'")
        if problem:
            return problem
    for section in _listed(data.get("sections")):
        problem = _keys(section, _JSON_SECTION, "a section")
        if problem:
            return problem
        for point in _listed(section.get("points")):
            problem = _keys(point, _JSON_NODE, "a point")
            if problem:
                return problem
    for key, allowed in (
        ("references", _JSON_REFERENCE),
        ("words_to_know", _JSON_WORD),
        ("substitutions", _JSON_SUBSTITUTION),
    ):
        for item in _listed(data.get(key)):
            problem = _keys(item, allowed, f"an item of '{key}'")
            if problem:
                return problem
    return None


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _keys(value: Any, allowed: frozenset[str], where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where} is not an object"
    extra = set(value) - allowed
    if extra:
        return f"{where} has keys the schema does not name: {', '.join(sorted(extra))}"
    return None


def _schema_keys() -> dict[str, frozenset[str]]:
    schema = json.loads(
        (Path(__file__).parent.parent / "schema" / "rendering.schema.json").read_text(
            encoding="utf-8"
        )
    )
    defs = schema.get("$defs", {})
    keys = {name: frozenset(d.get("properties", {})) for name, d in defs.items()}
    keys["top"] = frozenset(schema.get("properties", {}))
    return keys


_SCHEMA_KEYS = _schema_keys()
_JSON_TOP = _SCHEMA_KEYS["top"]
_JSON_NODE = _SCHEMA_KEYS["Node"]
_JSON_SECTION = _SCHEMA_KEYS["SectionPayload"]
_JSON_REFERENCE = _SCHEMA_KEYS["ReferencePayload"]
_JSON_WORD = _SCHEMA_KEYS["WordToKnow"]
_JSON_SUBSTITUTION = _SCHEMA_KEYS["SubstitutionPayload"]


def _check_references(article: Article, seen: str, fail: Fail) -> None:
    """Every listed reference's title is in the output: the same check for trusted
    templates (read as text) and site templates (read as a parsed view)."""
    for ref in article.references:
        label = ref.title if ref.listed and ref.title else None
        if label is not None and _normalise(label) not in seen:
            raise fail("reference.present", f"reference {ref.id!r} ({label!r}) is missing")


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


def _check_visible_citations(view: HtmlView, transformed: TransformedArticle, fail: Fail) -> None:
    """Every reference has a visible entry ``id="ref-<id>"``; every citation link leads to one.

    That each point shows its own citations was checked with the point, on the visible
    text of its element.
    """
    for ref_id in sorted(_ref_ids(transformed)):
        if f"ref-{ref_id}" not in view.by_id:
            raise fail(
                "reference.present",
                f"reference {ref_id!r} has no entry (an element with id 'ref-{ref_id}')",
            )
    for href in sorted(view.hrefs()):
        if href.startswith("#ref-") and href[1:] not in view.by_id:
            raise fail(
                "citation.resolves", f"the citation link {href!r} leads to no reference entry"
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

    @staticmethod
    def digest(content: str) -> str:
        """The digest the ledger keeps for ``content``."""
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    def verified(self, key: Hashable, digest: str) -> bool:
        """Whether ``key`` already rendered to exactly these bytes, which then passed
        verification (only verified renderings are recorded): verifying them again would
        read the same bytes against the same expectations."""
        with self._lock:
            return self._digests.get(key) == digest

    def check(
        self,
        key: Hashable,
        content: str,
        fail: Callable[[], InvariantError],
        *,
        digest: str | None = None,
    ) -> None:
        """Record ``content`` for ``key``; raise ``fail()`` if ``key`` rendered differently."""
        digest = digest or self.digest(content)
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
