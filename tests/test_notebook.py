"""examples/tour.ipynb runs top to bottom, and compare() displays audiences side by side."""

from __future__ import annotations

import gc
import json
import sys
import warnings

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tailor import compare

from .conftest import ROOT

TOUR = ROOT / "examples" / "tour.ipynb"


def _outputs(nb, tag: str) -> str:
    """Everything a tagged cell printed or displayed, as one string."""
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    parts = []
    for out in cell.outputs:
        parts.append(out.get("text", ""))
        parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed_tour(tmp_path_factory):
    """The tour, executed in a kernel that is this interpreter (so it sees this tailor)."""
    kernels = tmp_path_factory.mktemp("kernels")
    spec = kernels / "tailor-tests"
    spec.mkdir()
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "tailor tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    km = KernelManager(
        kernel_name="tailor-tests",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]),
    )
    nb = nbformat.read(TOUR, as_version=4)
    try:
        NotebookClient(
            nb, km=km, timeout=120, resources={"metadata": {"path": str(TOUR.parent)}}
        ).execute()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        # jupyter_client leaves zmq sockets for the garbage collector; collect them here,
        # where their ResourceWarning is expected, rather than in some later test.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            del km
            gc.collect()
    return nb


def test_the_committed_tour_has_no_outputs():
    nb = nbformat.read(TOUR, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_the_tour_executes_without_errors(executed_tour):
    for cell in executed_tour.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", "".join(out.get("traceback", []))


def test_the_tour_shows_renderings_comparison_and_checks(executed_tour, baclofen):
    assert "['clinician', 'patient', 'caregiver']" in _outputs(executed_tour, "load")
    rendered = _outputs(executed_tour, "render")
    # The example's patient page: its editors' rewordings, under reader titles.
    assert baclofen.disclaimer in rendered and "How to take it" in rendered
    compared = _outputs(executed_tour, "compare")
    assert compared.count("<section data-audience=") == 3
    assert "target ≤ 8" in compared
    assert "'meets_target'" in _outputs(executed_tour, "scores")
    assert "sections.0.points.0.citations.0" in _outputs(executed_tour, "check")


def test_compare_puts_audiences_side_by_side_with_scores(tailor, glossary_only):
    # The text as written (the example's editors reword every patient point), so the
    # glossary has work to count.
    baclofen = glossary_only
    comparison = compare(tailor, baclofen, audiences=["patient", "clinician"], format="markdown")
    assert [r.audience for r in comparison] == ["patient", "clinician"]
    html = comparison._repr_html_()
    assert html.index('data-audience="patient"') < html.index('data-audience="clinician"')
    assert "<h3>Patient</h3>" in html and "--n:2" in html
    assert "&lt;" not in baclofen.disclaimer and baclofen.disclaimer in html
    scores = comparison.scores()
    assert scores["clinician"]["target"] is None
    assert scores["patient"]["target"] == 8
    assert scores["patient"]["substitutions"] == len(comparison["patient"].substitutions) > 0
    assert str(comparison).startswith("patient: grade ")


def test_compare_escapes_text_formats(tailor, article_dict):
    article_dict["title"] = "Baclofen <b>safety</b>"
    from tailor import load_article

    comparison = compare(tailor, load_article(article_dict), ["clinician"], format="text")
    assert "<b>safety</b>" not in comparison._repr_html_()
    assert "&lt;b&gt;safety&lt;/b&gt;" in comparison._repr_html_()
