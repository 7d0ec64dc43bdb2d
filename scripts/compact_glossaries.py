"""Write the compact form of every bundled glossary (``glossaries/*.compact.json``).

    python scripts/compact_glossaries.py [--check]

Run by ``make glossary`` after the YAML is rebuilt, and on its own (``make
glossary-compact``) after a hand edit: it needs no shared data. A compact file holds the
SHA-256 of the YAML it was made from, so tailor reads the YAML itself when the two
disagree; ``--check`` (and tests/test_glossary_compact.py) fail instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tailor.glossary import compact_path, compact_text

FOLDER = Path(__file__).resolve().parents[1] / "glossaries"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a file would change")
    args = parser.parse_args(argv)
    stale = []
    for path in sorted(FOLDER.glob("*.y*ml")):
        target = compact_path(path)
        text = compact_text(path)
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current == text:
            continue
        if args.check:
            stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"compact_glossaries: wrote {target}")
    if stale:
        print(
            f"compact_glossaries: out of date: {', '.join(stale)}; run make glossary-compact",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
