"""How much a site template may build, write and spend: plain settings, kept apart from
the sandbox itself so that ``from tailor import SandboxLimits`` does not load Jinja2
(issue 16: the template engine loads with the first render)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SandboxLimits"]


@dataclass(frozen=True, slots=True)
class SandboxLimits:
    """How much a site template may build, write and spend; generous for any real layout.

    The defaults let a template render the largest real article (a PDQ summary of a few
    hundred kilobytes) through macros and filters many times over, while keeping a hostile
    template's peak memory to tens of megabytes and its time to seconds.
    """

    #: Largest string, list or mapping a template may build (characters or items).
    max_chars: int = 4_000_000
    #: Largest rendering a sandboxed template may write, in characters.
    max_output: int = 16_000_000
    #: Wall-clock seconds one rendering may take.
    max_seconds: float = 2.0
    #: Largest integer a template may compute, in bits (a 1,200-digit number).
    max_int_bits: int = 4_000
    #: Largest template file the loader reads, in bytes.
    max_template_bytes: int = 1_000_000
