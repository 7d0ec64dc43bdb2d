"""What a reader of each format sees: the views verification checks (issue 17).

A regex that strips ``<[^>]*>`` reads text a browser never shows: inside ``<template>``,
``<noscript>``, a comment, a ``hidden`` element, a closed ``<details>``, an ``<iframe>``'s
fallback. Each view here parses its format as the reader's software does and keeps only
what is shown, in document order:

- HTML is parsed by an HTML5 parser (lexbor, through selectolax: a C parser, so reading
  the page costs less than the regexes it replaces); subtrees a browser does not render
  are removed before any text is read. Output of a site's templates must also pass an
  allow-list of elements and attributes (:func:`untrusted_markup`): no ``<style>``,
  ``style`` attribute, ``<script>``, event handler, ``<bdo>``/``dir``, embedded content or
  foreign class, so no CSS or script can hide what the parser saw.
- Markdown is read as CommonMark shows it (escapes, character references, block and
  emphasis markers resolved, line by line); what would hide text from its reader is
  refused: raw HTML (a comment, a ``hidden`` element), a link reference definition
  (``[//]: # (...)``), an image, a code span. tailor's Markdown never writes these (its
  ``md`` filter escapes them), so a strict reader of tailor's own output is exact, and
  costs a fraction of a full Markdown parser.
- Plain text is read line by line; terminal control sequences (ESC[8m conceals the rest of
  a page) are refused in every format by :func:`control_character`.

Each view offers the same questions: the visible text, how many nodes consist of exactly
a given text, and the text of a point's own node.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded on first use: only site templates' output is parsed
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = [
    "HtmlView",
    "TextView",
    "control_character",
    "markdown_lines",
    "markdown_problem",
    "normalise",
    "untrusted_markup",
]

SEP = "\x00"


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped (``str.split`` semantics)."""
    return " ".join(text.split())


#: Terminal and bidirectional controls: C0 except tab and newline, DEL, C1, and the
#: Unicode bidi embeddings, overrides, isolates and marks. A template that writes one can
#: conceal or reorder what a terminal or browser shows ("5-10 mg" read as "10-5 mg").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def control_character(text: str) -> str | None:
    """The first control character in ``text`` as its code point (``U+001B``), or None."""
    # Fast path: with newlines and tabs removed, printable text has no control character
    # (str.isprintable excludes every Cc and Cf character); only text that is not, say
    # for a no-break space, is searched character by character.
    if text.replace("\n", "").replace("\t", "").isprintable():
        return None
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"U+{ord(found.group()):04X}"


# -- HTML ---------------------------------------------------------------------------------

#: Subtrees a browser does not show as page text: scripting-off fallbacks and raw text,
#: inert templates, embedded-content fallbacks (shown only when the content fails),
#: ``hidden``/``aria-hidden``, closed disclosure widgets, popovers, form controls' option
#: lists, ``<bdo>`` (shown reordered, not as written). A selector runs only if the markup
#: holds what it needs (the HTML tokenizer makes an element only from "<" directly followed
#: by its name, and never decodes attribute names), so a page without any pays for one scan
#: of its tag names instead of a query per selector.
_HIDING_TAGS = frozenset(
    [
        "template",
        "noscript",
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "picture",
        "svg",
        "math",
        "select",
        "datalist",
        "textarea",
        "bdo",
    ]
)
_HIDING_ATTRIBUTES = (
    ("hidden", "[hidden], [aria-hidden]"),
    ("popover", "[popover]"),
)
_CLOSABLE = (("details", "details:not([open])"), ("dialog", "dialog:not([open])"))
_TAG_OPEN = re.compile(r"<([a-z][a-z0-9]*)")

#: Elements a site template may write (each a plain text container or list/table
#: structure); anything else (style, script, link, meta refresh, iframe, form, bdo, s,
#: del, font, marquee, img ...) is refused in a site template's output.
_ALLOWED_ELEMENTS = frozenset(
    [
        "html",
        "head",
        "body",
        "title",
        "meta",
        "main",
        "nav",
        "article",
        "header",
        "footer",
        "section",
        "aside",
        "div",
        "span",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "strong",
        "em",
        "b",
        "i",
        "sup",
        "sub",
        "small",
        "cite",
        "time",
        "dfn",
        "abbr",
        "br",
        "hr",
        "blockquote",
        "q",
        "code",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "figure",
        "figcaption",
        "mark",
        # A closed disclosure is read as hidden (see _INVISIBLE): the bundled templates
        # put a point's study figures in one, never a required element.
        "details",
        "summary",
    ]
)
_ALLOWED_ATTRIBUTES = frozenset(
    [
        "id",
        "class",
        "lang",
        "href",
        "title",
        "datetime",
        "value",
        "role",
        "aria-label",
        "aria-current",
        "rel",
        "colspan",
        "rowspan",
        "scope",
        "start",
        "data-article",
        "data-audience",
        "data-original",
        "charset",
        "name",
        "content",
    ]
)
_ALLOWED_ROLES = frozenset({"note", "navigation", "region", "contentinfo", "banner", "main"})
#: What a site template's link may point to: a followable link (the scheme part of
#: :data:`tailor.lexical.SAFE_URL_PATTERN`; the rest of the URL was checked when the
#: article was read) or a place on the page ("#...", "?audience=...").
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#|\?)", re.IGNORECASE)
#: A class may only be one of tailor's own (``tailor-...``): a site stylesheet could hide
#: ``.sr-only`` or ``.d-none``, but never styles tailor's namespace to hide content.
_CLASS_TOKEN = re.compile(r"^tailor-[a-z0-9-]+$")


def untrusted_markup(tree: LexborHTMLParser, stylesheets: frozenset[str]) -> str | None:
    """Why a site template's HTML could restyle or script the page, or None if it cannot.

    ``stylesheets`` are the exact ``<style>`` contents the bundled templates write (the
    bundled page's stylesheet, which hides nothing); any other style is refused.
    """
    root = tree.root
    if root is None:
        return None
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag is None or tag.startswith("-"):
            continue
        if tag == "style":
            if normalise(node.text(deep=True)) in stylesheets:
                continue
            return "a <style> element (site templates may not restyle the page)"
        if tag == "script" and dict(node.attributes) == {"type": "application/ld+json"}:
            # Structured data (the page's schema.org JSON-LD, issue 15): a browser never
            # runs it and never shows it, so it can neither script nor hide anything.
            continue
        if tag not in _ALLOWED_ELEMENTS:
            return f"a <{tag}> element"
        for name, value in node.attributes.items():
            problem = _attribute_problem(tag, name, value or "")
            if problem is not None:
                return problem
    return None


def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name not in _ALLOWED_ATTRIBUTES:
        return f"the attribute {name!r} on <{tag}>"
    if name == "class" and not all(_CLASS_TOKEN.match(t) for t in value.split()):
        return f"the class {value!r} on <{tag}> (only tailor-... classes)"
    if name == "href" and not _SAFE_HREF.match(value.strip()):
        return f"the link {value[:60]!r} on <{tag}>"
    if name == "role" and value not in _ALLOWED_ROLES:
        return f"the role {value!r} on <{tag}>"
    if tag == "meta" and name == "name" and value != "viewport":
        return f"a <meta name={value!r}>"
    if tag == "meta" and name == "content" and "url" in value.lower():
        return "a <meta> with a URL"
    return None


@dataclass(slots=True)
class HtmlView:
    """An HTML page as a browser shows it: visible text, text nodes, elements by id."""

    #: Visible text, whitespace-normalised.
    seen: str
    #: The visible text nodes, in document order, as the parser holds them.
    nodes: list[str]
    #: Visible elements with an id, by id (the first one; ids are unique in valid HTML).
    by_id: dict[str, LexborNode]
    #: How many visible elements carry each id.
    id_counts: dict[str, int]
    tree: LexborHTMLParser
    #: Why a site template's markup is refused (see :func:`untrusted_markup`), if it is.
    problem: str | None = None
    #: The normalised text of each closed ``<details>``: not shown until the reader opens
    #: it, so never where a required element may stand, but where optional detail may.
    disclosed: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, content: str, stylesheets: frozenset[str] | None = None) -> HtmlView:
        """Parse ``content``; with ``stylesheets`` (a site template's output), also check
        it against the allow-list before anything is removed."""
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(content)
        problem = None if stylesheets is None else untrusted_markup(tree, stylesheets)
        lowered = content.lower()
        tags = set(_TAG_OPEN.findall(lowered))
        disclosed = (
            [normalise(n.text(deep=True)) for n in tree.css("details:not([open])")]
            if "details" in tags
            else []
        )
        selectors = [tag for tag in _HIDING_TAGS if tag in tags]
        selectors.extend(sel for needle, sel in _HIDING_ATTRIBUTES if needle in lowered)
        selectors.extend(sel for tag, sel in _CLOSABLE if tag in tags)
        for selector in selectors:
            for node in tree.css(selector):
                node.decompose()
        body = tree.body
        separated = body.text(deep=True, separator=SEP) if body is not None else ""
        by_id: dict[str, LexborNode] = {}
        counts: dict[str, int] = {}
        for node in tree.css("body [id]"):
            element_id = node.id or ""
            counts[element_id] = counts.get(element_id, 0) + 1
            by_id.setdefault(element_id, node)
        seen = normalise(separated.replace(SEP, ""))
        return cls(seen, separated.split(SEP), by_id, counts, tree, problem, disclosed)

    def own_count(self, text: str) -> int:
        """How many visible text nodes are exactly ``text`` (a node of its own)."""
        return sum(1 for node in self.nodes if text in node and normalise(node) == text)

    def ending_count(self, text: str) -> int:
        """How many visible text nodes end with ``text``."""
        return sum(1 for node in self.nodes if text in node and normalise(node).endswith(text))

    def hrefs(self) -> set[str]:
        """In-page link targets of the visible page ("#ref-1")."""
        return {n.attributes.get("href") or "" for n in self.tree.css('body a[href^="#"]')}

    def element_text(self, element_id: str) -> str | None:
        """The visible text of the element with ``element_id``, normalised; None if none."""
        node = self.by_id.get(element_id)
        return None if node is None else normalise(node.text(deep=True))


# -- Markdown -----------------------------------------------------------------------------


# Markdown that would hide text from a CommonMark reader, or show it other than as text:
# raw HTML (a comment, a hidden element), a link reference definition ("[//]: # (...)"),
# an image (its text is an alt attribute) and a code span (escapes shown verbatim).
_MD_RAW_HTML = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z]|!|\?)")  # not <scheme:>
_MD_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:", re.MULTILINE)
_MD_IMAGE = re.compile(r"(?<!\\)!\[")
_MD_CODE = re.compile(r"(?<!\\)`")
# Whole-document passes, in order: block markers at a line's start (quote, heading,
# bullet) and thematic breaks go; then a backslash escape gives its character literally
# and an unescaped emphasis marker goes (a template replacement, run in C); character
# references are decoded first where a line holds one, with escaped ampersands kept.
_MD_BLOCK_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-+*]|\d{1,9}[.)])[ \t]+)?", re.M
)
_MD_RULE = re.compile(
    r"^[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*$", re.M
)
_MD_ESCAPE_OR_EMPHASIS = re.compile(r"\\([!-/:-@\[-`{-~])|[*_]+")
_MD_REFERENCE = re.compile(r"(?<!\\)&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")


def markdown_problem(content: str) -> str | None:
    """Why a CommonMark reader would not see some of ``content`` as text, or None.

    Each pattern runs only where its marker occurs at all (most of tailor's Markdown has
    no "]:", "![" or backtick), and raw HTML is searched from its literal "<".
    """
    for found in _MD_RAW_HTML.finditer(content):
        if content[found.start() - 1 : found.start()] != "\\":
            return "raw HTML (it can hide text from readers)"
    if "]:" in content and _MD_REFERENCE_DEFINITION.search(content):
        return "a link reference definition (never shown to readers)"
    if "![" in content and _MD_IMAGE.search(content):
        return "an image (its text is not shown as text)"
    if "`" in content and _MD_CODE.search(content):
        return "a code span (it shows escapes verbatim)"
    return None


def markdown_lines(content: str) -> list[str]:
    """Each line of ``content`` as a reader sees its text: block markers (quote, heading,
    bullet), emphasis markers and thematic breaks dropped, escapes and references resolved."""
    kept = []
    for line in content.splitlines():
        if line[:1] in _MD_BLOCK_START:
            if _MD_RULE.match(line):
                continue
            line = line[_MD_BLOCK_PREFIX.match(line).end() :]  # type: ignore[union-attr]
        kept.append(line)
    text = "\n".join(kept)
    if "&" in text:
        # A reference decodes to a character that must not then read as an escape or
        # emphasis: "&#42;" shows "*". Decoded ones are parked in private-use code points.
        parked: list[str] = []

        def park(match: re.Match[str]) -> str:
            parked.append(html.unescape(match.group()))
            return chr(0xF0000 + len(parked) - 1)

        text = _MD_ESCAPE_OR_EMPHASIS.sub(r"\1", _MD_REFERENCE.sub(park, text))
        for i, decoded in enumerate(parked):
            text = text.replace(chr(0xF0000 + i), decoded)
    else:
        text = _MD_ESCAPE_OR_EMPHASIS.sub(r"\1", text)
    return [normalise(line) for line in text.splitlines()]


#: A line can open with a block marker or a thematic break only if it starts with one of
#: these (or with indentation before one).
_MD_BLOCK_START = frozenset(" \t>#-+*_=0123456789")


# -- plain text ---------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-!*+•>]|\d{1,3}[.)])\s")


@dataclass(slots=True)
class TextView:
    """Plain text: its lines, normalised, and where each line starts and ends in ``seen``."""

    lines: list[str]
    seen: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def parse(cls, content: str, lines: list[str] | None = None) -> TextView:
        if lines is None:
            lines = [normalise(line) for line in content.splitlines()]
        lines = [line for line in lines if line]
        starts: list[int] = []
        ends: list[int] = []
        at = 0
        for line in lines:
            starts.append(at)
            at += len(line)
            ends.append(at)
            at += 1
        return cls(lines, " ".join(lines), starts, ends)

    def own_count(self, text: str) -> int:
        return sum(1 for line in self.lines if _unbulleted(line) == text)

    def ending_count(self, text: str) -> int:
        return sum(1 for line in self.lines if line.endswith(text))


def _unbulleted(line: str) -> str:
    found = _BULLET.match(line)
    return line[found.end() :] if found else line


def bullet_length(line: str) -> int:
    """How many characters of ``line`` are a list bullet ("- ", "! ", "3. ")."""
    found = _BULLET.match(line)
    return found.end() if found else 0
