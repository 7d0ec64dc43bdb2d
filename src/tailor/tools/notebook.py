"""Notebook helpers: audiences side by side, with their reading scores.

A :class:`~tailor.Rendering` already displays itself (``_repr_html_``, ``_repr_markdown_``);
:func:`compare` puts several next to each other, which is how an editor judges whether the
patient version really reads easier than the clinician one::

    from tailor import Tailor, compare, load_article
    t = Tailor(disclaimers="disclaimers.yaml")  # the examples' disclaimer policy
    compare(t, load_article("articles/baclofen.yaml"))            # displays in Jupyter
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article

if TYPE_CHECKING:
    from ..pipeline.types import Rendering
    from ..tailor import Tailor

__all__ = ["Comparison", "compare"]

#: Trusted markup (no reader text in it); wrapped in ``Markup`` where it is used, so
#: markupsafe loads with the first comparison, not with tailor.
_STYLE = (
    "<style>"
    ".tailor-compare{display:grid;gap:1rem;align-items:start;"
    "grid-template-columns:repeat(var(--n),minmax(16rem,1fr))}"
    ".tailor-compare>section{border:1px solid #d0d7de;border-radius:.5rem;padding:.5rem .8rem;"
    "overflow-wrap:anywhere}"
    ".tailor-compare h3{margin:.2rem 0}"
    ".tailor-score{display:inline-block;border-radius:999px;padding:.05rem .5rem;color:#fff;"
    "font-size:.85em;background:#57606a}"
    ".tailor-score.ok{background:#1a7f37}.tailor-score.miss{background:#9a6700}"
    ".tailor-compare .tailor-sub{background:#fff3b0}"
    "</style>"
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Renderings of one article for several audiences, in the order asked for."""

    article_id: str
    renderings: tuple[Rendering, ...]
    labels: tuple[str, ...] = ()

    def __getitem__(self, audience: str) -> Rendering:
        for rendering in self.renderings:
            if rendering.audience == audience:
                return rendering
        raise KeyError(audience)

    def __iter__(self) -> Iterator[Rendering]:
        return iter(self.renderings)

    def __len__(self) -> int:
        return len(self.renderings)

    def scores(self) -> dict[str, dict[str, float | int | bool | None]]:
        """Per audience: grade, target, whether it is met, grade before the glossary,
        and how many substitutions the glossary made. Handy for a DataFrame."""
        out: dict[str, dict[str, float | int | bool | None]] = {}
        for r in self.renderings:
            report = r.readability
            out[r.audience] = {
                "grade": report.article.grade if report else None,
                "target": report.target if report else None,
                "meets_target": report.meets_target if report else None,
                "grade_before_glossary": report.before.grade if report else None,
                "substitutions": len(r.substitutions),
            }
        return out

    def summary(self, rendering: Rendering) -> str:
        """One line: "grade 15.9 / target ≤ 8 (above), 69 substitutions"."""
        report = rendering.readability
        subs = f"{len(rendering.substitutions)} substitutions"
        if report is None:
            return f"readability off, {subs}"
        if report.verdict is None:
            return f"{report.grade_line()}, {subs}"
        return f"{report.grade_line()} ({report.verdict}), {subs}"

    def __str__(self) -> str:
        return "\n".join(f"{r.audience}: {self.summary(r)}" for r in self.renderings)

    def _repr_html_(self) -> str:
        from markupsafe import Markup  # loaded with the first comparison shown

        columns = []
        labels = self.labels or tuple(r.audience for r in self.renderings)
        for r, label in zip(self.renderings, labels, strict=True):
            report = r.readability
            state = (
                ""
                if report is None or report.target is None
                else "ok"
                if report.meets_target
                else "miss"
            )
            body = (
                Markup(r.content)
                if r.format in ("html", "page")
                else Markup("<pre style='white-space:pre-wrap'>{}</pre>").format(r.content)
            )
            columns.append(
                Markup(
                    '<section data-audience="{}"><h3>{}</h3>'
                    '<span class="tailor-score {}">{}</span>{}</section>'
                ).format(r.audience, label, state, self.summary(r), body)
            )
        grid = Markup('<div class="tailor-compare" style="--n:{}">{}</div>').format(
            len(columns), Markup("").join(columns)
        )
        return str(Markup(_STYLE) + grid)


def compare(
    tailor: Tailor,
    article: Article,
    audiences: Sequence[str] | None = None,
    format: str = "html",
    *,
    locale: str | None = None,
) -> Comparison:
    """Render ``article`` for ``audiences`` (default: all, in selector order) side by side.

    Every rendering is verified like any other; a strict audience that misses its reading
    target raises, as :meth:`Tailor.render` does.
    """
    names = tuple(audiences) if audiences is not None else tuple(tailor.audiences)
    return Comparison(
        article.id,
        tuple(tailor.render(article, name, format, locale=locale) for name in names),
        tuple(tailor.audience(name).label for name in names),
    )
