"""Shared fixtures: one Tailor for the session (as a web backend would share it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor import Article, Tailor, load_article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "articles" / "baclofen.yaml"
AUDIENCES = ("clinician", "patient", "caregiver")
FORMATS = ("html", "page", "markdown", "text", "json")


@pytest.fixture(scope="session")
def tailor() -> Tailor:
    return Tailor()


@pytest.fixture(scope="session")
def baclofen() -> Article:
    return load_article(EXAMPLE)


@pytest.fixture
def article_dict(baclofen: Article) -> dict:
    """The example as plain data, for tests that break one field."""
    return baclofen.model_dump(mode="json")


# The real-browser fixtures (chromium_browser, browser_page), for any test module.
from .browser import browser_page, chromium_browser  # noqa: E402, F401
