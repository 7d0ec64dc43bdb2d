"""The documentation builds with warnings as errors, and its tutorial files really work."""

from __future__ import annotations

import subprocess
import sys

from tailor.audience import Audience
from tailor.glossary import Glossary
from tailor.model import Article

from .conftest import ROOT, example_tailor

TUTORIAL = ROOT / "docs" / "tutorial"


def test_the_site_builds_strictly_with_every_reference_page(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    pages = {
        p: (site / p).read_text(encoding="utf-8")
        for p in (
            "reference/article.html",
            "reference/audience.html",
            "reference/glossary.html",
            "reference/json.html",
            "reference/api.html",
            "reference/cli.html",
            "tutorial.html",
        )
    }
    # The file references are generated from the models: every field is there.
    for page, model in (
        ("reference/article.html", Article),
        ("reference/audience.html", Audience),
        ("reference/glossary.html", Glossary),
    ):
        for field in model.model_fields:
            assert f"<code>{field}</code>" in pages[page], f"{field} missing from {page}"
    assert "tailor:model" not in pages["reference/article.html"]  # the marker was replaced
    assert (
        "render_many" in pages["reference/api.html"] or "render_all" in pages["reference/api.html"]
    )
    for command in ("render", "preview", "diff", "serve", "audiences"):
        assert f"tailor {command} [OPTIONS]" in pages["reference/cli.html"]
    # The tutorial includes the real files rather than copies of them.
    assert "baclofen-withdrawal" in pages["tutorial.html"]
    assert "the sudden stopping" in pages["tutorial.html"]


def test_the_tutorial_audience_and_glossary_do_what_the_tutorial_says():
    t = example_tailor(
        audience_dirs=[TUTORIAL / "audiences"], glossary_dirs=[TUTORIAL / "glossaries"]
    )
    assert list(t.audiences)[:2] == ["clinician", "nurse"]
    article = t.load(TUTORIAL / "baclofen-withdrawal.yaml")
    nurse = t.render(article, "nurse", "html")
    assert '<sup class="tailor-cite">' in nurse.content
    patient = t.render(article, "patient", "text")
    sub = next(s for s in patient.substitutions if s.term == "abrupt discontinuation")
    assert (sub.replacement, sub.layer) == ("the sudden stopping", "site")
    assert "following the sudden stopping of baclofen" in patient.content
