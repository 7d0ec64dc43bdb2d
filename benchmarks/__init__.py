"""tailor's benchmarks: every speed figure is a ratio to a baseline timed in the same run.

The machines these run on are shared and noisy, so an absolute "1.4 ms" says little; "1.3x
what bare Jinja2 needs for the same HTML, measured a moment ago on the same machine" says
what a user pays for tailor. Run them with ``make bench`` or ``python -m benchmarks``.

A benchmark is a module in this package whose name ends in ``_bench`` and which defines
``run() -> list[Result]`` (optionally ``run(quick: bool)``; ``--quick`` asks for few
repetitions, so a test can check the code runs). The runner finds such modules itself, so a
new one needs no registration. Shared measuring helpers live in :mod:`benchmarks.common`.
"""

from __future__ import annotations

from .common import Result

__all__ = ["Result"]
