"""The bundled glossaries (``en-default.yaml``, ``es-default.yaml``), one layer each.

Installed as the package ``tailor.glossaries`` (pyproject.toml maps this folder there) so
that :func:`importlib.resources.files` finds them in an editable install and in a wheel
alike. ``en-default.yaml`` is built by ``make glossary`` (scripts/build_glossary.py).
Nothing here is code: the file exists so the folder is a package.
"""
