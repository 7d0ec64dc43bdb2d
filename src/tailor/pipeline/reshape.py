"""Stage 3b, reshape: sentences and study figures laid out for the audience's reader.

Runs after glossary substitution (:mod:`tailor.pipeline.transform`), on the text a reader will
see: study statistics set aside (:mod:`tailor.pipeline.figures`, ``statistics: aside``), then long
sentences split (:mod:`tailor.pipeline.split`, ``split_sentences: true``). Only the lead and the
points change; the question and titles are headings, not prose. Both steps read English
function words, so an article in another language is left as it is (and says so in no
trace, since nothing happened). Editor rewordings are taken as written.
"""

from __future__ import annotations

from dataclasses import replace

from ..i18n import language_of
from .figures import set_aside
from .split import define_node, split_node
from .types import Aside, SelectedSection, Split, TextNode, TransformedArticle

__all__ = ["reshape"]

#: Languages whose sentences the rules know how to read.
LANGUAGES = frozenset({"en"})


def reshape(transformed: TransformedArticle) -> TransformedArticle:
    """``transformed`` with figures set aside and sentences split as its audience asks."""
    audience = transformed.selected.audience
    aside = audience.statistics == "aside"
    split = audience.split_sentences
    if not (aside or split):
        return transformed
    if language_of(transformed.selected.article.locale) not in LANGUAGES:
        return transformed
    splits: list[Split] = []
    asides: list[Aside] = []

    def step(node: TextNode) -> TextNode:
        if aside:
            node, found = set_aside(node)
            asides.extend(found)
        if split:
            node, cuts = split_node(node)
            splits.extend(cuts)
            node, cuts = define_node(node)
            splits.extend(cuts)
        return node

    lead = step(transformed.lead)
    sections = tuple(
        SelectedSection(s.id, s.loc, s.title, tuple(step(p) for p in s.points))
        for s in transformed.sections
    )
    return replace(
        transformed,
        lead=lead,
        sections=sections,
        splits=(*transformed.splits, *splits),
        asides=(*transformed.asides, *asides),
    )
