"""Pin schema.org's published vocabulary for the page JSON-LD tests.

    python scripts/pin_schemaorg.py RELEASE_DIR VERSION DATE

RELEASE_DIR holds a schema.org release's ``schemaorg-current-https-types.csv`` and
``schemaorg-current-https-properties.csv`` (the files schema.org publishes with every
release, under ``data/releases/<VERSION>/`` of its repository); VERSION and DATE are the
release's number and date as its release log gives them. Writes
``tests/fixtures/schemaorg-vocabulary.json``: every type with its parent types, every
property with the types it may be used on (``domainIncludes``) and what it may hold
(``rangeIncludes``), which ones are data types, and which terms a newer one supersedes.

Why a pinned copy rather than a lookup: tests never download anything, and a term only
changes meaning for tailor when someone decides to move to a newer release. Why the whole
vocabulary rather than the terms tailor uses today: a property added to the page template
is then checked against what schema.org says, not against what its author wrote down.
schema.org's vocabulary is published under CC BY-SA 3.0; the fixture says so.
"""

from __future__ import annotations

import csv
import datetime
import json
import sys
from pathlib import Path

PREFIX = "https://schema.org/"
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schemaorg-vocabulary.json"


def _terms(cell: str) -> list[str]:
    """schema.org names in a CSV cell of comma-separated IRIs (others, like rdfs:Class, dropped)."""
    return sorted(
        iri.strip()[len(PREFIX) :]
        for iri in cell.split(",")
        if iri.strip().startswith(PREFIX) and iri.strip() != PREFIX
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pin(release: Path, version: str, date: str) -> dict[str, object]:
    type_rows = _rows(release / "schemaorg-current-https-types.csv")
    # The types CSV also lists enumeration members (Clinician, a MedicalAudienceType): they
    # are values, never an @type, so they are kept apart.
    types = {
        row["label"]: _terms(row["subTypeOf"]) for row in type_rows if not row["enumerationtype"]
    }
    members = {
        row["label"]: ", ".join(_terms(row["enumerationtype"]))
        for row in type_rows
        if row["enumerationtype"]
    }
    properties: dict[str, dict[str, list[str]]] = {}
    superseded: dict[str, str] = {}
    for row in _rows(release / "schemaorg-current-https-properties.csv"):
        properties[row["label"]] = {
            "domain": _terms(row["domainIncludes"]),
            "range": _terms(row["rangeIncludes"]),
        }
        if row["supersededBy"].strip():
            superseded[row["label"]] = ", ".join(_terms(row["supersededBy"]))
    for row in type_rows:
        if row["supersededBy"].strip():
            superseded[row["label"]] = ", ".join(_terms(row["supersededBy"]))

    # Text, Date and the rest are listed as DataType's subTypes (they have no subTypeOf);
    # URL and the like are subtypes of those.
    datatype_row = next(row for row in type_rows if row["label"] == "DataType")
    datatypes = {"DataType", *_terms(datatype_row["subTypes"])}
    while grown := {t for t, parents in types.items() if datatypes & set(parents)} - datatypes:
        datatypes |= grown
    # As published, a few properties name a type the release's types file does not list
    # (30.0: DeliveryTimeSettings); they are recorded rather than invented.
    known = set(types) | datatypes | set(members)
    unlisted = sorted(
        {t for prop in properties.values() for t in prop["domain"] + prop["range"]} - known
    )
    return {
        "about": (
            "schema.org's published vocabulary, release "
            f"{version} ({date}): every type with its parent types, every property with "
            "the types it may be used on (domainIncludes) and may hold (rangeIncludes), the "
            "data types, the enumeration members, the terms a newer one supersedes and the "
            "types its properties name without listing them. "
            "Extracted by scripts/pin_schemaorg.py from the release's "
            "schemaorg-current-https-types.csv and -properties.csv, unedited; pinned so that "
            "tests download nothing. "
            "schema.org is published under CC BY-SA 3.0."
        ),
        "version": f"schema.org {version}",
        "released": date,
        "pinned": datetime.date.today().isoformat(),
        "types": dict(sorted(types.items())),
        "datatypes": sorted(datatypes),
        "members": dict(sorted(members.items())),
        "superseded": dict(sorted(superseded.items())),
        "unlisted": unlisted,
        "properties": dict(sorted(properties.items())),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    data = pin(Path(argv[0]), argv[1], argv[2])
    # One term per line: a diff between two releases reads term by term.
    lines = ["{"]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {{")
            items = list(value.items())
            for i, (name, entry) in enumerate(items):
                comma = "," if i < len(items) - 1 else ""
                lines.append(
                    f"    {json.dumps(name)}: {json.dumps(entry, ensure_ascii=False)}{comma}"
                )
            lines.append("  },")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['types'])} types, {len(data['properties'])} properties)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
