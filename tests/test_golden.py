"""The bundled templates render byte for byte as recorded: a change to them is deliberate.

Every bundled audience x format x interface locale renders ``fixtures/golden/article.yaml``
(an article that reaches every branch of the bundled templates) and must equal the file
recorded under ``fixtures/golden/``. Glossaries are left out (``bundled=False``, bundled
audiences only), so the goldens pin the templates and the render stage, not the glossary's
current wording. Hardening verification and the sandbox must not change one byte of what
honest templates write.

After a deliberate change to a bundled template, re-record with
``TAILOR_UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tailor import Tailor, load_article
from tailor.tailor import BUNDLED_AUDIENCES

from .conftest import AUDIENCES, FORMATS, example_tailor

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
LOCALES = ("en", "es")
EXTENSION = {"html": "html", "page": "page.html", "markdown": "md", "text": "txt", "json": "json"}


@pytest.fixture(scope="module")
def golden_tailor() -> Tailor:
    return example_tailor(bundled=False, audience_dirs=[BUNDLED_AUDIENCES])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_bundled_templates_render_as_recorded(golden_tailor, audience, fmt, locale):
    article = load_article(GOLDEN / "article.yaml")
    content = golden_tailor.render(article, audience, fmt, locale=locale).content
    path = GOLDEN / locale / f"{audience}.{EXTENSION[fmt]}"
    if os.environ.get("TAILOR_UPDATE_GOLDENS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
    assert path.exists(), f"no golden {path.name}: record it with TAILOR_UPDATE_GOLDENS=1"
    assert content == path.read_bytes().decode("utf-8"), (
        f"{audience} {fmt} {locale} differs from {path.relative_to(GOLDEN.parent.parent)}"
    )
