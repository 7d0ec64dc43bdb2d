"""Tools built on the library: what the CLI, the preview and notebooks use beside rendering.

Each module here depends on tailor's library layers (the facade, the pipeline, readability)
and nothing in those layers imports a tool (the import contract in pyproject.toml): the
checker behind ``tailor check``, the audience diff, the glossary linter, the notebook
comparison, rendering a folder of articles and writing output files safely.
"""
