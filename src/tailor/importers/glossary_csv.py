"""Glossaries from spreadsheets: the two-column sheet (term, replacement) editors keep.

``tailor glossary import`` reads one with :func:`glossary_from_csv`, checked as a
glossary file is (the text policy, a term with words, negations, duplicate terms) with
every problem naming its row, and writes it with :func:`glossary_yaml`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .._glossary_checks import duplicate_terms, entry_problems
from .._lines import LineMap
from .._source import read_regular_file, validate_model
from ..errors import ErrorDetail, GlossaryError, capped
from ..glossary import Glossary

__all__ = ["glossary_from_csv", "glossary_yaml"]


def glossary_from_csv(
    path: str | Path,
    *,
    name: str | None = None,
    source: str | None = None,
    locale: str = "en",
) -> Glossary:
    """A glossary from a two-column CSV of term and replacement (a header row is optional).

    Errors name the file and the row, as every tailor input error does.
    """
    p = Path(path)
    raw = read_regular_file(p, error=GlossaryError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8", source=str(p)
        ) from None
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte...
        raise GlossaryError(
            "invalid glossary CSV",
            source=str(p),
            details=[
                ErrorDetail(
                    "glossary.csv_syntax",
                    ("rows", reader.line_num),
                    capped(str(exc)),
                    line=reader.line_num,
                )
            ],
        ) from None
    problems: list[ErrorDetail] = []
    entries: list[dict[str, str]] = []
    #: The row each entry came from, so a problem found when validating names it.
    entry_rows: list[int] = []
    label = source or f"imported from {p.name}"
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and [c.casefold() for c in cells[:2]] == ["term", "replacement"]:
            continue
        if len(cells) != 2 or not cells[0] or not cells[1]:
            problems.append(
                ErrorDetail(
                    "glossary.csv_row",
                    ("rows", number),
                    f"expected two non-empty columns (term, replacement), got {len(cells)}: "
                    f"{row!r}",
                    line=number,
                )
            )
            continue
        # Plain data, validated below with the checks a glossary file gets (a term with
        # words, the text policy, negations), so every problem names its row.
        entries.append({"term": cells[0], "replacement": cells[1], "source": label})
        entry_rows.append(number)
    if problems:
        raise GlossaryError("invalid glossary CSV", source=str(p), details=problems)
    if not entries:
        raise GlossaryError("the CSV has no rows of term and replacement", source=str(p))
    data = {
        "name": name or p.stem,
        "locale": locale,
        "entries": entries,
    }
    lines: LineMap = {("entries", i): n for i, n in enumerate(entry_rows)}
    return validate_model(
        Glossary,
        data,
        source=str(p),
        lines=lines,
        error=GlossaryError,
        what="glossary CSV",
        checks=[duplicate_terms, entry_problems],
    )


def glossary_yaml(glossary: Glossary) -> str:
    """A glossary as a YAML file an editor can keep editing."""
    import yaml

    data = glossary.model_dump(exclude_defaults=True)
    data.setdefault("locale", glossary.locale)
    keys = ("name", "locale", "description", "scope", "entries")
    ordered = {k: data[k] for k in keys if k in data}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=96)
