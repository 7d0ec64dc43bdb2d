"""``python -m tailor.cli``: the ``tailor`` command, for a venv without its script on PATH."""

from . import main

main()
