"""Shared fixtures: one Tailor for the session (as a web backend would share it)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tailor import Article, Tailor, load_article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "articles" / "baclofen.yaml"
#: The disclaimer policy of the deployment that serves the example: tailor's neutral text,
#: and the seed page's own wording, which the example carries, accepted.
EXAMPLE_DISCLAIMERS = ROOT / "examples" / "disclaimers.yaml"
AUDIENCES = ("clinician", "patient", "caregiver")
FORMATS = ("html", "page", "markdown", "text", "json")


def example_tailor(**config: Any) -> Tailor:
    """A Tailor configured as ``config`` says, for the deployment that serves the example:
    its disclaimer policy accepts the seed page's wording the example carries, which a
    plain ``Tailor()`` refuses (issue 11, item 6)."""
    return Tailor(disclaimers=EXAMPLE_DISCLAIMERS, **config)


@pytest.fixture(scope="session")
def tailor() -> Tailor:
    """The example's deployment: bundled configuration, and the example's disclaimer."""
    return example_tailor()


@pytest.fixture(autouse=True)
def _example_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``tailor`` command, in every test, runs as the example's deployment (what
    ``--disclaimers examples/disclaimers.yaml`` says); tests of the default policy unset it."""
    monkeypatch.setenv("TAILOR_DISCLAIMERS", str(EXAMPLE_DISCLAIMERS))


@pytest.fixture(scope="session")
def baclofen() -> Article:
    return load_article(EXAMPLE)


@pytest.fixture(scope="session")
def glossary_only(baclofen: Article) -> Article:
    """The example without its editors' rewordings: what the glossary alone makes of the
    reviewed text, for tests of substitution (the example rewords every patient and
    caregiver point so that those renderings meet their reading target)."""
    data = baclofen.model_dump(mode="json")
    data["lead"]["rewordings"] = {}
    for section in data["sections"]:
        for point in section["points"]:
            point["rewordings"] = {}
    return load_article(data)


@pytest.fixture(scope="session")
def glossary_only_file(glossary_only: Article, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`glossary_only` as an article file, for commands that read one."""
    path = tmp_path_factory.mktemp("articles") / "baclofen.json"
    path.write_text(glossary_only.model_dump_json(indent=2), encoding="utf-8")
    return path


@pytest.fixture
def article_dict(baclofen: Article) -> dict:
    """The example as plain data, for tests that break one field."""
    return baclofen.model_dump(mode="json")


# The real-browser fixtures (chromium_browser, browser_page), for any test module.
from .browser import browser_page, chromium_browser  # noqa: E402, F401

_STARTED = pytest.StashKey[float]()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say where this run's screenshots are, so a reader can look at what the tests saw."""
    from .browser import ARTIFACTS

    started = config.stash.get(_STARTED, 0.0)
    written = (
        sorted(p for p in ARTIFACTS.rglob("*") if p.is_file() and p.stat().st_mtime >= started)
        if ARTIFACTS.is_dir()
        else []
    )
    if written:
        folders = sorted({str(p.parent.relative_to(ARTIFACTS)) for p in written})
        terminalreporter.write_sep("-", "test artifacts")
        terminalreporter.write_line(
            f"{len(written)} files written under {ARTIFACTS}: {', '.join(folders)}"
        )
