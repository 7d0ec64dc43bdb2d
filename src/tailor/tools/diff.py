"""What differs between two audiences' renderings of one article, and why.

Editors ask "why does the patient see this sentence differently?"; the answer is always one
of four things: a restriction (the point is not for that audience), an editor's rewording,
a glossary entry, or the audience's own settings (jargon mode, citations, reading target).
:func:`diff_audiences` works on the selected and transformed model, not on rendered text,
so every difference it reports comes with its cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Loc, format_loc
from ..model import Article
from ..pipeline import prepare
from ..pipeline.types import SelectedArticle, Substitution, TextNode, TransformedArticle

if TYPE_CHECKING:
    from ..tailor import Tailor

__all__ = ["AudienceDiff", "NodeDiff", "diff_audiences", "transformed_for"]

#: Audience settings an editor can see the effect of, in the order they are reported.
_SETTINGS = (
    "label",
    "jargon",
    "after_explain",
    "define_terms",
    "words_to_know",
    "reading_grade_max",
    "readability",
    "citations",
    "voice",
    "templates",
    "glossaries",
)


@dataclass(frozen=True, slots=True)
class NodeDiff:
    """One piece of prose that reads differently for the two audiences.

    ``a`` or ``b`` is None when the node does not reach that audience at all; ``reasons``
    are sentences an editor can act on, each naming its cause.
    """

    id: str
    loc: Loc
    a: str | None
    b: str | None
    reasons: tuple[str, ...]

    @property
    def where(self) -> str:
        return format_loc(self.loc) or self.id


@dataclass(frozen=True, slots=True)
class AudienceDiff:
    """Everything that differs between audience ``a`` and audience ``b`` for one article."""

    article_id: str
    a: str
    b: str
    settings: tuple[tuple[str, Any, Any], ...]
    nodes: tuple[NodeDiff, ...]

    def describe(self) -> str:
        """Plain text, one difference per paragraph, for logs and the CLI without Rich."""
        lines = [f"{self.article_id}: {self.a} vs {self.b}"]
        for name, va, vb in self.settings:
            lines.append(f"  setting {name}: {self.a}={va!r} {self.b}={vb!r}")
        for node in self.nodes:
            lines.append(f"  {node.where}:")
            lines.append(f"    {self.a}: {node.a if node.a is not None else '(not shown)'}")
            lines.append(f"    {self.b}: {node.b if node.b is not None else '(not shown)'}")
            lines.extend(f"    why: {reason}" for reason in node.reasons)
        return "\n".join(lines)


def transformed_for(tailor: Tailor, article: Article, audience: str) -> TransformedArticle:
    """The article selected and glossary-transformed for ``audience``, before any template."""
    aud = tailor.audience(audience)
    return prepare(
        article,
        aud,
        tailor.glossary_for(aud, article),
        tailor.heading_translator(article),
        max_chars=tailor.max_output_chars,
    )


def _by_id(t: TransformedArticle) -> dict[str, TextNode]:
    return {n.id: n for n in t.nodes()}


def _describe_sub(audience: str, s: Substitution) -> str:
    verb = "replaced" if s.mode == "replaced" else "explained"
    return (
        f"{audience}: glossary {s.layer!r} entry {s.term!r} {verb} {s.original!r} "
        f"-> {s.replacement!r} (source: {s.source})"
    )


def _restriction(article: Article, node_id: str) -> tuple[str, ...] | None:
    for _, point in article.points():
        if point.id == node_id:
            return point.audiences
    return None


def _absent_reason(sel: SelectedArticle, node_id: str, audience: str, article: Article) -> str:
    if node_id in sel.dropped:
        allowed = ", ".join(_restriction(article, node_id) or ())
        return f"not shown to {audience}: the point is restricted to audiences [{allowed}]"
    section_id = node_id.removesuffix(".title")
    return (
        f"not shown to {audience}: every point of section {section_id!r} is restricted "
        "to other audiences"
    )


def _reasons(
    article: Article,
    names: tuple[str, str],
    node_id: str,
    nodes: tuple[TextNode | None, TextNode | None],
    trans: tuple[TransformedArticle, TransformedArticle],
) -> list[str]:
    reasons: list[str] = []
    for name, node, t in zip(names, nodes, trans, strict=True):
        if node is None:
            reasons.append(_absent_reason(t.selected, node_id, name, article))
        elif node.reworded:
            reasons.append(f"{name}: an editor's rewording for {name} is used instead of the text")
    subs = [
        {
            (s.term, s.original, s.replacement, s.mode): s
            for s in t.substitutions
            if s.point_id == node_id
        }
        for t in trans
    ]
    for name, mine, theirs in ((names[0], subs[0], subs[1]), (names[1], subs[1], subs[0])):
        reasons.extend(_describe_sub(name, s) for key, s in mine.items() if key not in theirs)
    if not reasons:
        reasons.append("the same glossary entries apply, but in different places or forms")
    return reasons


def diff_audiences(tailor: Tailor, article: Article, a: str, b: str) -> AudienceDiff:
    """What differs between ``a``'s and ``b``'s reading of ``article``, each with its cause."""
    aud_a, aud_b = tailor.audience(a), tailor.audience(b)
    tailor.check(article)
    ta, tb = transformed_for(tailor, article, a), transformed_for(tailor, article, b)
    settings = tuple(
        (name, _plain(getattr(aud_a, name)), _plain(getattr(aud_b, name)))
        for name in _SETTINGS
        if getattr(aud_a, name) != getattr(aud_b, name)
    )
    na, nb = _by_id(ta), _by_id(tb)
    order = [n.id for n in ta.nodes()] + [n.id for n in tb.nodes() if n.id not in na]
    locs = {n.id: n.loc for n in (*ta.nodes(), *tb.nodes())}
    diffs: list[NodeDiff] = []
    for node_id in order:
        pair = (na.get(node_id), nb.get(node_id))
        texts = tuple(n.text if n is not None else None for n in pair)
        if texts[0] == texts[1]:
            continue
        diffs.append(
            NodeDiff(
                node_id,
                locs[node_id],
                texts[0],
                texts[1],
                tuple(_reasons(article, (a, b), node_id, pair, (ta, tb))),
            )
        )
    return AudienceDiff(article.id, aud_a.name, aud_b.name, settings, tuple(diffs))


def _plain(value: Any) -> Any:
    """Settings as an editor wrote them in YAML (enums as their values, models as dicts)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_defaults=True)
    return getattr(value, "value", value)
