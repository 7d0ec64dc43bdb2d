"""The wheel holds every module and every bundled file, wherever they live in the repository.

The bundled audiences and glossaries are top-level folders (``audiences/``,
``glossaries/``), mapped into the package as ``tailor.audiences`` and
``tailor.glossaries``: a mapping that is wrong or a package left out of pyproject.toml's
list would install a tailor that cannot find its own data. This builds the wheel from a
copy of the sources (offline, with the setuptools of the test environment) and compares
its contents with the files of the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: What the wheel is built from: the rest of the repository is not part of the package.
SOURCES = ("pyproject.toml", "README.md", "src", "audiences", "glossaries")


def _expected() -> set[str]:
    """Every file the installed package must hold, as its path inside the wheel."""
    found: set[str] = set()
    src = ROOT / "src"
    for path in (src / "tailor").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            found.add(path.relative_to(src).as_posix())
    for folder in ("audiences", "glossaries"):
        for path in (ROOT / folder).iterdir():
            if path.suffix in (".py", ".yaml") or path.name.endswith(".compact.json"):
                found.add(f"tailor/{folder}/{path.name}")
    return found


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    tree.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(source, tree / name)
    out = work / "dist"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(tree),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("tailor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if ".dist-info/" not in name}


def test_the_wheel_holds_every_module_and_data_file_of_the_repository(wheel_files):
    assert _expected() - wheel_files == set()


def test_the_bundled_audiences_and_glossaries_are_package_data(wheel_files):
    assert {"tailor/audiences/patient.yaml", "tailor/glossaries/en-default.yaml"} <= wheel_files
    assert {n for n in wheel_files if n.startswith(("audiences/", "glossaries/"))} == set()


def test_the_wheel_holds_nothing_but_the_package(wheel_files):
    assert {name.split("/")[0] for name in wheel_files} == {"tailor"}


def test_the_data_is_found_through_the_package_not_a_path():
    # importlib.resources finds the folders wherever the install put them: the
    # repository's top-level ones in an editable install, site-packages in a wheel's.
    import importlib.util

    from tailor.resources import bundled

    for kind in ("audiences", "glossaries"):
        spec = importlib.util.find_spec(f"tailor.{kind}")
        assert spec is not None and spec.origin is not None
        assert bundled(kind) == Path(spec.origin).parent
    assert (bundled("audiences") / "patient.yaml").is_file()
    assert (bundled("glossaries") / "en-default.yaml").is_file()
    assert (bundled("templates") / "article.html.j2").is_file()
