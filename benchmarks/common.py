"""What every benchmark module shares: the result type, timing, and the Jinja2 baseline.

Timing takes the median of repeated samples of CPU time, and a ratio interleaves the
samples of the subject and of the baseline, so a burst of load from another process on the
shared machine slows both sides of the ratio instead of one.
"""

from __future__ import annotations

import datetime as dt
import enum
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "articles" / "baclofen.yaml"
#: The disclaimer policy that accepts the wording the example carries (a plain Tailor()
#: refuses it).
EXAMPLE_DISCLAIMERS = ROOT / "examples" / "disclaimers.yaml"
#: The real-text corpus sits beside the clone in CI (a copy of shared/ next to the repo).
CORPUS_CANDIDATES = (
    ROOT.parent / "shared" / "data" / "nci-pdq-pairs",
    ROOT.parent.parent / "shared" / "data" / "nci-pdq-pairs",
)


@dataclass(frozen=True)
class Result:
    """One figure: its value, its target and whether it meets it.

    ``target`` is an upper bound unless ``higher_is_better``; a figure without a target is
    reported for information. ``error`` marks a benchmark that could not measure at all.
    """

    name: str
    value: float | None
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    detail: str = ""
    group: str = ""
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.error is not None:
            return "ERROR"
        if self.target is None or self.value is None:
            return "INFO"
        ok = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "PASS" if ok else "MISS"

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "report"
        sign = ">=" if self.higher_is_better else "<="
        return f"{sign} {self.target:g} {self.unit}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "higher_is_better": self.higher_is_better,
            "status": self.status,
            "detail": self.detail,
            "error": self.error,
            **({"extra": self.extra} if self.extra else {}),
        }


def sample(fn: Callable[[], object], number: int) -> float:
    """CPU seconds per call of ``fn``, over ``number`` calls, with the collector paused.

    CPU time, not the wall clock: what is timed here is single-threaded work in this
    process, and on a shared machine the wall clock mostly measures the other processes
    (the same cold render read 6.05x and 5.x the baseline in runs minutes apart).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        for _ in range(number):
            fn()
        return (time.process_time() - start) / number
    finally:
        if enabled:
            gc.enable()


def calibrate(fn: Callable[[], object], target_seconds: float = 0.02) -> int:
    """How many calls make one sample last about ``target_seconds``."""
    per_call = max(sample(fn, 1), 1e-7)
    return max(1, min(10_000, int(target_seconds / per_call)))


def median_seconds(fn: Callable[[], object], repeats: int, number: int | None = None) -> float:
    """Median seconds per call over ``repeats`` samples."""
    fn()
    n = number or calibrate(fn)
    return statistics.median(sample(fn, n) for _ in range(repeats))


@dataclass(frozen=True)
class Ratio:
    """Medians of a subject and a baseline timed in alternation."""

    subject: float
    baseline: float

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline

    def detail(self) -> str:
        return f"{self.subject * 1e3:.3f} ms vs baseline {self.baseline * 1e3:.3f} ms"


def ratio(
    subject: Callable[[], object],
    baseline: Callable[[], object],
    repeats: int,
    *,
    subject_number: int | None = None,
) -> Ratio:
    """Median time of ``subject`` over median time of ``baseline``, samples interleaved.

    ``subject_number`` fixes how many subject calls a sample makes (a cold render consumes
    one fresh article per call, so it must not call more often than there are articles).
    """
    subject()
    baseline()
    ns = subject_number or calibrate(subject)
    nb = calibrate(baseline)
    subject_samples: list[float] = []
    baseline_samples: list[float] = []
    for _ in range(repeats):
        baseline_samples.append(sample(baseline, nb))
        subject_samples.append(sample(subject, ns))
    return Ratio(statistics.median(subject_samples), statistics.median(baseline_samples))


# -- the baseline: bare Jinja2, same template, same content, same HTML ----------------------


def plain(value: Any) -> Any:
    """``value`` as plain Python data (namespaces, lists, strings), with nothing of tailor.

    Dataclasses and pydantic models become namespaces holding their fields (and a text
    node's ``text``), so a template reads them the same way, at plain attribute speed.
    """
    if isinstance(value, str | int | float | bool | type(None) | dt.date):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if hasattr(type(value), "text") and "text" not in data:
            data["text"] = value.text
        return SimpleNamespace(**data)
    if hasattr(type(value), "model_fields"):
        return SimpleNamespace(
            **{name: plain(getattr(value, name)) for name in type(value).model_fields}
        )
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if callable(value):
        return value
    return value


@dataclass(frozen=True)
class Baseline:
    """A bare Jinja2 render of the bundled template with the same content, and its output."""

    render: Callable[[], str]
    expected: str
    template: str
    audience: str


@cache
def baseline(audience: str = "patient", fmt: str = "html") -> Baseline:
    """The bare-Jinja2 baseline for ``audience``: what the template engine alone costs.

    A plain ``jinja2.Environment`` (autoescape on, gettext's null translations, the bundled
    template folder) renders the bundled template from plain data holding the same content:
    no tailor code runs in the timed call. Its output must equal tailor's byte for byte,
    or the comparison would be of two different pages; the check runs here, once.
    The template's few custom filters are pure functions, copied so both sides call them.
    """
    import jinja2

    from tailor import Tailor, load_article
    from tailor.tailor import BUNDLED_TEMPLATES

    t = Tailor(disclaimers=EXAMPLE_DISCLAIMERS)
    article = load_article(EXAMPLE)
    expected = t.render(article, audience, fmt, readability=False).content
    aud = t.audience(audience)
    template_name = aud.template_for(fmt)
    prepared = t._prepare(article, aud, t.resolve_locale(article.locale))
    context = {k: plain(v) for k, v in prepared.context.items()}
    tailor_env = t._renderer.environment(t.resolve_locale(article.locale))

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(BUNDLED_TEMPLATES)),
        autoescape=jinja2.select_autoescape(("html", "html.j2", "htm"), default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    for name, fn in tailor_env.filters.items():
        env.filters.setdefault(name, fn)
    env.policies.update(tailor_env.policies)
    template = env.get_template(template_name)

    def render() -> str:
        return template.render(context)

    got = render()
    if got != expected:
        raise RuntimeError(
            f"the bare Jinja2 baseline does not render the same {fmt} as tailor for "
            f"{audience!r}; fix benchmarks/common.py before trusting any ratio"
        )
    return Baseline(render, expected, template_name, audience)


def corpus_dir() -> Path | None:
    """The NCI PDQ pairs folder if a copy of shared/ sits beside the clone."""
    for candidate in CORPUS_CANDIDATES:
        if (candidate / "hp").is_dir():
            return candidate
    return None
