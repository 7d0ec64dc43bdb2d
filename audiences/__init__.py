"""The bundled audiences (clinician, patient, caregiver), one YAML file each.

Installed as the package ``tailor.audiences`` (pyproject.toml maps this folder there) so
that :func:`importlib.resources.files` finds them in an editable install and in a wheel
alike. Nothing here is code: the file exists so the folder is a package.
"""
