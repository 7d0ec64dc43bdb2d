"""Where the bundled data is: audiences, glossaries, templates and interface catalogs.

Found through :mod:`importlib.resources`, so the same call works in an editable install
(the audiences and glossaries are the top-level ``audiences/`` and ``glossaries/``
folders of the repository, mapped to ``tailor.audiences`` and ``tailor.glossaries``) and in
an installed wheel. importlib.resources loads tempfile and shutil, which ``import tailor``
must not (tests/test_import.py), so nothing here runs before a first use.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BUNDLED", "bundled"]

#: Each kind of bundled data and the package that holds it, or the package and the
#: folder inside it.
BUNDLED: dict[str, tuple[str, str]] = {
    "audiences": ("tailor.audiences", ""),
    "glossaries": ("tailor.glossaries", ""),
    "templates": ("tailor", "templates"),
    "locale": ("tailor", "locale"),
}


def bundled(kind: str) -> Path:
    """The folder of bundled ``kind`` ("audiences", "glossaries", "templates", "locale")."""
    from importlib.resources import files

    package, folder = BUNDLED[kind]
    root = files(package)
    return Path(str(root / folder if folder else root))
