"""NCI PDQ cancer information summaries (Markdown) as tailor articles.

PDQ summaries are long, reviewed, public-domain texts with a health-professional and a
patient version of each topic: real material to measure tailor against. The converter
keeps every fact and invents none:

- **sections** come from the headings (``##`` to ``#####``), **points** from the
  paragraphs, list items and table rows under them, in order;
- **citations** come from the ``[[1](#cit/section_2.1)-[4](#cit/section_2.4)]`` markers
  (ranges expanded) and become reference ids ``2.1`` ... ``2.4``: PDQ numbers references
  per top-level section, and ``2`` is the section's place among the ``##`` headings;
- **references** come from each section's ``###### References`` list: authors before the
  first colon are the source, the rest is the title, the first year after them the year,
  the PubMed link the PMID. A citation whose entry is missing becomes ``listed: false``
  (cited, details unknown); a listed reference no point cites is left out, since tailor
  requires every reference to be cited;
- the summary's boilerplate (``About This PDQ Summary`` and the dated ``Latest Updates``
  log) is left out, as are the "Go to Patient Version" links;
- the **lead** is the summary's first paragraph; the question is the summary's name and
  the title its heading ("... (PDQ®)–Health Professional Version"); ``last_updated`` is
  the front matter's ``lastReviewed``; the disclaimer is tailor's standard one.

``review_status`` defaults to ``submitted``: the PDQ boards reviewed the summary, but nobody
has reviewed this machine conversion of it (how it was cut into points, which citations
went where), so readers see the pending-review caution until an editor approves the
article. Pass ``review_status="approved"`` when one has.

The patient version of a summary converts the same way (its citations and references are
simply absent), so both versions can be scored by the same scorer through the same path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._source import decode_text, read_regular_file
from .._text import without_invisible
from ..errors import ArticleError
from ..model import Article
from ..pipeline.load import load_article

__all__ = ["convert_file", "convert_text"]

#: Sections that are the summary's housekeeping rather than its content.
_SKIP_SECTIONS = re.compile(r"^(About This PDQ Summary|Latest Updates to This Summary)\b", re.I)
# A heading's marker and text; the closing hashes are stripped in _blocks. (A lazy text
# group followed by "\s*#*\s*$" backtracked cubically on a heading then 5,000 spaces.)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")
# "\s*(?:[-–,]\s*)?", not "\s*[-–,]?\s*": two white-space runs with nothing required
# between them split a run of 100,000 spaces every possible way (quadratic, then worse).
_CITE_GROUP = re.compile(r"\[((?:\[\d+\]\(#cit/section_\d+\.\d+\)\s*(?:[-–,]\s*)?)+)\]")
_CITE_ONE = re.compile(r"\[(\d+)\]\(#cit/section_(\d+)\.(\d+)\)\s*([-–,]?)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# [text](target "title"); the text may hold one level of brackets ("[[PUBMED Abstract]]").
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_PUBMED = re.compile(r"list_uids=(\d{1,9})")
_FIRST_URL = re.compile(r"\]\((https?://[^\s)\"<>'`\\]+)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Where "*italic*" may open and close; _unitalic pairs them in linear time (a lazy
# "\*(.+?)\*" pattern scanned to the end of the text from every unclosed star).
_ITALIC_OPEN = re.compile(r"(?<![\w*])\*(?!\s)")
_ITALIC_CLOSE = re.compile(r"(?<!\s)\*(?![\w*])")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_GUIDELINE = re.compile(r"guideline|recommendation|consensus|position statement", re.I)
_AUTHORS = re.compile(r"^([^:]{2,300}?):\s+(.+)$")
# "(?<!\s)": the leading white space is matched from where its run starts only, so a
# title with a long run of spaces is not rescanned from each of them.
_VERSION_SUFFIX = re.compile(r"(?<!\s)\s*[–-]\s*(Health Professional|Patient) Version\s*$")


@dataclass
class _Block:
    kind: str  # heading | para | item | row
    text: str
    level: int = 0
    numbered: bool = False


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Markdown lines as headings, paragraphs, list items and table rows."""
    current: _Block | None = None
    parts: list[str] = []  # the current block's lines, joined once (not += per line)

    def finish(block: _Block) -> _Block:
        block.text = " ".join(parts)
        parts.clear()
        return block

    for raw in lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        ends_block = not line.strip() or heading or item or line.lstrip().startswith("|")
        if ends_block and current is not None:
            yield finish(current)
            current = None
        if heading:
            # "## Title ##": the closing hashes and the space around them are not the title
            title = heading.group(2).rstrip().rstrip("#").rstrip()
            yield _Block("heading", title, level=len(heading.group(1)))
        elif item:
            current = _Block("item", "", numbered=bool(_NUMBERED.match(line)))
            parts.append(item.group(1))
        elif line.lstrip().startswith("|"):
            yield _Block("row", line.strip())
        elif line.strip():
            if current is None:
                current = _Block("para", "")
            parts.append(line.strip())
    if current is not None:
        yield finish(current)


def _clean(text: str) -> str:
    """Markdown inline markup to the words a reader sees."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _BOLD.sub(r"\1", text)
    text = _unitalic(text)
    text = without_invisible(text.replace("\u00a0", " "))
    return _SPACE.sub(" ", text).strip()


def _unitalic(text: str) -> str:
    """``*words*`` as ``words``: each opening star pairs with the nearest closing star at
    least two characters on, on the same line, scanning left to right as a lazy regex
    would, but in linear time whatever the number of unpaired stars."""
    if "*" not in text:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        closers = [m.start() for m in _ITALIC_CLOSE.finditer(line)]
        k = 0
        pos = 0
        pieces: list[str] = []
        for opener in (m.start() for m in _ITALIC_OPEN.finditer(line)):
            if opener < pos:
                continue
            while k < len(closers) and closers[k] < opener + 2:
                k += 1
            if k == len(closers):
                break
            close = closers[k]
            pieces.append(line[pos:opener])
            pieces.append(line[opener + 1 : close])
            pos = close + 1
        pieces.append(line[pos:])
        out.append("".join(pieces))
    return "\n".join(out)


def _citations(text: str) -> tuple[str, list[str]]:
    """The text without its citation markers, and the reference ids they cite, in order."""
    found: list[str] = []

    def take(group: re.Match[str]) -> str:
        previous: tuple[int, int] | None = None
        range_open = False
        for one in _CITE_ONE.finditer(group.group(1)):
            number, section = int(one.group(1)), int(one.group(2))
            if range_open and previous is not None and previous[0] == section:
                found.extend(f"{section}.{n}" for n in range(previous[1] + 1, number))
            found.append(f"{section}.{number}")
            previous = (section, number)
            range_open = one.group(4) in ("-", "–")
        return ""

    stripped = _CITE_GROUP.sub(take, text)
    return stripped, list(dict.fromkeys(found))


def _row_text(cells: list[str], header: list[str] | None) -> str:
    if header and len(header) == len(cells) and any(header):
        pairs = [f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c]
        return "; ".join(pairs)
    return "; ".join(c for c in cells if c)


def _cells(row: str) -> list[str]:
    return [_clean(c) for c in row.strip().strip("|").split("|")]


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return slug or "section"


def _reference(ref_id: str, raw: str) -> dict[str, Any]:
    pmid = _PUBMED.search(raw)
    url = _FIRST_URL.search(raw)
    text = _LINK.sub(
        lambda m: "" if re.search(r"PUBMED|available online", m.group(1), re.I) else m.group(1),
        raw,
    )
    text = _clean(text).rstrip(" .")
    text = re.sub(r"\.?\s*(Also )?Last accessed [^.]*$", "", text).strip(" .") or text
    authors = _AUTHORS.match(text)
    if authors and ". " not in authors.group(1):  # "Tamayo C, Richardson MA, et al.:"
        source, title = authors.group(1).strip(), authors.group(2).strip()
    else:
        head, _, rest = text.partition(". ")
        title, source = head.strip(), (rest.strip() or head.strip())
    years = _YEAR.findall(text)  # the last one: "Eur J Cancer 35 (11): 1608-13, 1999"
    ref: dict[str, Any] = {
        "id": ref_id,
        "kind": "guideline" if _GUIDELINE.search(title) else "research",
        "title": title,
        "source": source,
    }
    if years:
        ref["year"] = int(years[-1])
    if pmid:
        ref["pmid"] = pmid.group(1)
    if url and not pmid:
        ref["url"] = url.group(1)
    return ref


@dataclass
class _Section:
    title: str
    points: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class _Summary:
    front: dict[str, Any]
    name: str
    heading: str
    sections: list[_Section]
    references: dict[str, str]


def _front_matter(text: str) -> tuple[dict[str, Any], list[str]]:
    import yaml  # only converters read front matter

    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                data = yaml.safe_load("\n".join(lines[1:end])) or {}
                return (data if isinstance(data, dict) else {}), lines[end + 1 :]
    return {}, lines


def _parse(text: str) -> _Summary:
    front, lines = _front_matter(text)
    name = str(front.get("title", "")).removesuffix(" - NCI").strip()
    heading = name
    sections: list[_Section] = []
    references: dict[str, str] = {}
    listed: dict[int, int] = {}  # references numbered so far per top-level section
    h2 = 0
    skipping = False
    in_refs = False
    header: list[str] | None = None
    last_kind = ""
    for block in _blocks(lines):
        if block.kind == "heading":
            title = _clean(block.text)
            in_refs = False
            if block.level == 1:
                if _VERSION_SUFFIX.search(title):
                    heading, name = title, _VERSION_SUFFIX.sub("", title)
                continue
            if block.level == 2:
                h2 += 1
                skipping = bool(_SKIP_SECTIONS.match(title))
            if skipping:
                continue
            if block.level == 6 and title.lower() == "references":
                in_refs = True
                continue
            sections.append(_Section(title))
            last_kind = "heading"
            continue
        if skipping:
            continue
        if in_refs:
            if block.kind == "item" and block.numbered:
                listed[h2] = listed.get(h2, 0) + 1
                references[f"{h2}.{listed[h2]}"] = block.text
            continue
        if block.kind == "row":
            if _TABLE_SEPARATOR.match(block.text.strip("| ")):
                continue
            cells = _cells(block.text)
            if last_kind != "row":
                header, last_kind = cells, "row"
                continue
            raw, cited = _citations(_row_text(cells, header))
        else:
            raw, cited = _citations(block.text)
            last_kind = block.kind
        words = _clean(raw)
        if not words or words.lower().startswith("go to patient version") or not sections:
            continue
        if words.lower().startswith("go to health professional version"):
            continue
        sections[-1].points.append((words, cited))
    return _Summary(front, name, heading, [s for s in sections if s.points], references)


def convert_text(
    text: str, *, article_id: str, review_status: str = "submitted", source: str = "<pdq>"
) -> Article:
    """One PDQ summary's Markdown as a validated :class:`~tailor.model.Article`."""
    summary = _parse(text)
    if not summary.sections:
        raise ArticleError("no sections with text found in the PDQ summary", source=source)
    reviewed = summary.front.get("lastReviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    if not isinstance(reviewed, dt.date):
        raise ArticleError("the front matter has no valid lastReviewed date", source=source)
    first = summary.sections[0]
    lead_text, lead_cites = first.points.pop(0)
    used_ids: set[str] = set()
    sections: list[dict[str, Any]] = []
    cited: list[str] = list(lead_cites)
    for section in summary.sections:
        if not section.points:
            continue
        base = _slug(section.title)
        sid, n = base, 2
        while sid in used_ids:
            sid, n = f"{base}-{n}", n + 1
        used_ids.add(sid)
        points = []
        for i, (words, cites) in enumerate(section.points, 1):
            points.append({"id": f"{sid}-{i}", "text": words, "citations": cites})
            cited.extend(cites)
        sections.append({"id": sid, "title": section.title, "points": points})
    references = []
    for ref_id in dict.fromkeys(cited):
        raw = summary.references.get(ref_id)
        references.append(_reference(ref_id, raw) if raw else {"id": ref_id, "listed": False})
    name = summary.name or article_id
    data = {
        "id": article_id[:100],
        "locale": str(summary.front.get("language") or "en"),
        "question": name,
        "title": summary.heading or name,
        "lead": {"id": "lead", "text": lead_text, "citations": lead_cites},
        "sections": sections,
        "references": references,
        "last_updated": reviewed.isoformat(),
        "review_status": review_status,
    }
    return load_article(data, label=source)


def convert_file(path: str | Path, *, review_status: str = "submitted") -> Article:
    """Convert the PDQ Markdown file at ``path``; the article id is the file's stem."""
    file = Path(path)
    text = decode_text(read_regular_file(file, error=ArticleError), str(file), ArticleError)
    return convert_text(
        text,
        article_id=_slug(file.stem, 100),
        review_status=review_status,
        source=str(file),
    )
