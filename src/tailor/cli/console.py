"""Rich views for the CLI: audiences side by side, and what differs between two of them.

Imported only by the ``preview`` and ``diff`` commands, so ``import tailor`` never pays
for Rich. Views are built from the transformed model (spans know which words a glossary
changed), never by parsing a rendered format.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..pipeline.types import TextNode, TransformedArticle
from ..readability import ReadabilityReport
from ..tools.diff import AudienceDiff

# Every string from content (labels, article text, audience settings, reasons that quote
# them) goes into a Text, never a plain str: Rich parses a plain str as markup, so "[/bold]"
# in a label crashed the command and "[link=...]" would have made a link.

__all__ = ["STYLES", "article_text", "diff_view", "preview_view", "readability_line"]

#: How each kind of span shows; "text" is left plain.
STYLES = {"replaced": "black on yellow", "explained": "black on cyan", "term": "underline"}


def node_text(node: TextNode, *, prefix: str = "", style: str = "") -> Text:
    """One node's reader-facing words, with every glossary change highlighted."""
    out = Text(prefix, style=style)
    for span in node.spans:
        out.append(span.text, style=f"{style} {STYLES.get(span.kind, '')}".strip() or None)
    if node.citations:
        out.append(f" [{', '.join(node.citations)}]", style="dim")
    return out


def article_text(t: TransformedArticle, disclaimer: str) -> Text:
    """The article as one audience reads it, in reading order, highlights included."""
    out = Text()
    out.append_text(node_text(t.question, style="bold"))
    out.append("\n\n")
    out.append_text(node_text(t.title, style="bold underline"))
    out.append("\n")
    out.append_text(node_text(t.lead))
    for section in t.sections:
        out.append("\n\n")
        out.append_text(node_text(section.title, style="bold"))
        for point in section.points:
            out.append("\n")
            mark = "! " if point.critical else "• "
            out.append_text(node_text(point, prefix=mark, style="bold" if point.critical else ""))
    out.append("\n\n")
    out.append(disclaimer, style="dim italic")
    return out


def readability_line(report: ReadabilityReport | None, substitutions: int) -> Text:
    """ "grade 15.9 / target ≤ 8: above" in red or green, and the substitution count."""
    line = Text()
    if report is None:
        line.append("readability off", style="dim")
    elif report.verdict is None:
        line.append(report.grade_line(), style="cyan")
    else:
        line.append(
            f"{report.grade_line()}: {report.verdict}",
            style="bold green" if report.meets_target else "bold red",
        )
    if report is not None:
        line.append(f" (before glossary {report.before.grade:g})", style="dim")
    line.append(f"\n{substitutions} glossary substitution{'s' if substitutions != 1 else ''}")
    return line


def legend() -> Text:
    out = Text("highlights: ", style="dim")
    out.append("replaced", style=STYLES["replaced"])
    out.append(" ")
    out.append("explained", style=STYLES["explained"])
    out.append(" ")
    out.append("kept term", style=STYLES["term"])
    return out


def preview_view(
    columns: Sequence[tuple[str, Text, Text]], *, side_by_side: bool
) -> RenderableType:
    """Each audience (label, readability line, article text) side by side or stacked."""
    if side_by_side:
        table = Table(expand=True, show_lines=True, caption=legend())
        for label, _, _ in columns:
            table.add_column(Text(label), ratio=1, overflow="fold")
        table.add_row(*(score for _, score, _ in columns))
        table.add_row(*(body for _, _, body in columns))
        return table
    panels: list[RenderableType] = [
        Panel(Group(score, Text(), body), title=Text(label), title_align="left")
        for label, score, body in columns
    ]
    return Group(*panels, legend())


def diff_view(diff: AudienceDiff) -> RenderableType:
    """The differences, each with its reasons, as a table an editor can scan."""
    parts: list[RenderableType] = [
        Text(f"{diff.article_id}: {diff.a} vs {diff.b}", style="bold"),
    ]
    if diff.settings:
        settings = Table(title="audience settings that differ", title_justify="left")
        settings.add_column("setting")
        settings.add_column(Text(diff.a))
        settings.add_column(Text(diff.b))
        for name, va, vb in diff.settings:
            settings.add_row(Text(name), Text(str(va)), Text(str(vb)))
        parts.append(settings)
    if not diff.nodes:
        parts.append(Text("The two audiences read the same words.", style="green"))
        return Group(*parts)
    table = Table(show_lines=True, expand=True, title="text that differs", title_justify="left")
    table.add_column("where", no_wrap=True)
    table.add_column(Text(diff.a), ratio=2, overflow="fold")
    table.add_column(Text(diff.b), ratio=2, overflow="fold")
    table.add_column("why", ratio=3, overflow="fold")
    for node in diff.nodes:
        table.add_row(
            Text(node.where),
            Text(node.a) if node.a is not None else Text("(not shown)", style="dim"),
            Text(node.b) if node.b is not None else Text("(not shown)", style="dim"),
            Text("\n".join(f"• {r}" for r in node.reasons)),
        )
    parts.append(table)
    return Group(*parts)
