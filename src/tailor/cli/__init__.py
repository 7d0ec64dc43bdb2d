"""The ``tailor`` command: render and inspect articles from a terminal.

Errors print as one line naming the file, field and line, and exit with status 2;
a traceback means a bug in tailor, never bad input.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, Literal, TypeVar

import click

from .. import __version__
from ..audience import FORMATS
from ..errors import InputError, OutputError, TailorError
from ..tools.output import shown_path, write_file

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BAD_INPUT = 2


def _one_line(exc: TailorError) -> str:
    if isinstance(exc, InputError):
        return exc.first_line
    return " ".join(str(exc).split())


def reports_errors(func: F) -> F:
    """Turn tailor's errors into one line on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TailorError as exc:
            click.echo(f"tailor: error: {_one_line(exc)}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


def write_atomically(path: Path, content: str, *, inputs: Sequence[Path] = ()) -> None:
    """Write ``content`` to ``path`` whole or not at all, never over one of ``inputs``,
    with the umask's permissions (or the mode the file already had)."""
    write_file(path, content, inputs=inputs)


class _ClosedStdout(io.TextIOBase):
    """Standard output when the process started without one (``tailor ... >&-``): any
    write fails, so the command reports it instead of printing nothing and exiting 0."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _stdout_failure(exc: OSError) -> None:
    """Report a failed write to standard output in one line and exit 2.

    Standard output is pointed at the null device first, so the interpreter's own flush
    at exit does not fail a second time with a traceback.
    """
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - until exit
    reason = exc.strerror or str(exc)
    click.echo(f"tailor: error: cannot write to standard output: {reason}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _tailor(
    audience_dirs: tuple[str, ...], glossary_dirs: tuple[str, ...], template_dirs: tuple[str, ...]
) -> Any:
    from ..tailor import Tailor

    return Tailor(
        audience_dirs=audience_dirs,
        glossary_dirs=glossary_dirs,
        template_dirs=template_dirs,
        disclaimers=click.get_current_context().meta.get(_DISCLAIMERS),
    )


#: Where ``--disclaimers`` leaves its file for :func:`_tailor` (the context's meta, so
#: every command that builds a Tailor takes the option without a parameter of its own).
_DISCLAIMERS = "tailor.disclaimers"


def _keep_disclaimers(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta[_DISCLAIMERS] = value


def config_options(func: F) -> F:
    """Options every command that builds a Tailor accepts."""
    for option in reversed(
        [
            click.option(
                "--audiences-dir",
                "audience_dirs",
                multiple=True,
                type=click.Path(exists=True, file_okay=False),
                help="Extra audience folder.",
            ),
            click.option(
                "--glossaries-dir",
                "glossary_dirs",
                multiple=True,
                type=click.Path(exists=True, file_okay=False),
                help="Extra glossary folder.",
            ),
            click.option(
                "--templates-dir",
                "template_dirs",
                multiple=True,
                type=click.Path(exists=True, file_okay=False),
                help="Template folder overriding ours.",
            ),
            click.option(
                "--disclaimers",
                type=click.Path(exists=True, dir_okay=False),
                envvar="TAILOR_DISCLAIMERS",
                expose_value=False,
                callback=_keep_disclaimers,
                help="The deployment's disclaimer policy file: the disclaimer it shows and "
                "the wordings an article may carry instead (examples/disclaimers.yaml "
                "accepts the bundled example's). Without it, an article may carry only "
                "tailor's own text. Also read from TAILOR_DISCLAIMERS.",
            ),
        ]
    ):
        func = option(func)
    return func


class OneLineErrors(click.Group):
    """Click's own usage errors (a missing file, a bad option) as one line and status 2.

    Click prints a usage block and an error over several lines; a script or a CI log
    reading tailor's output gets the same one-line form for those as for bad content.
    Help and version requests behave as usual.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        if sys.stdout is None:
            sys.stdout = _ClosedStdout()
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
            sys.stdout.flush()
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.EBADF):
                raise
            _stdout_failure(exc)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"tailor: error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tailor")
def main() -> None:
    """Render one reviewed medical article for each kind of reader."""


@main.command()
@click.argument("file", metavar="FILE|DIR", type=click.Path(exists=True))
@click.option(
    "-a", "--audience", default="clinician", show_default=True, help="Audience to render for."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-l", "--locale", default=None, help="Locale for dates and interface text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="Write here instead of standard output (whole file or nothing); for a DIR, the "
    "output folder (replaced whole, or left as it was).",
)
@click.option(
    "--links",
    type=click.Choice(("files", "query")),
    default="files",
    show_default=True,
    help="Where a page's audience selector points: the sibling <audience>.html files that "
    "render DIR writes (pages opened from disk or a static host), or ?audience=&locale= "
    "for a server.",
)
@click.option(
    "--trace", is_flag=True, help="List every glossary substitution and sentence split on stderr."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="For a DIR: worker processes (0: one per core, 1: this process only); never more "
    "than the cores or the requests.",
)
@config_options
@reports_errors
def render(
    file: str,
    audience: str,
    fmt: str,
    locale: str | None,
    output: str | None,
    links: Literal["files", "query"],
    trace: bool,
    jobs: int,
    audience_dirs: tuple[str, ...],
    glossary_dirs: tuple[str, ...],
    template_dirs: tuple[str, ...],
) -> None:
    """Render FILE for one audience, or every article in DIR for every audience and format.

    For a DIR, -o names the output folder; -a and -f, when given, narrow the batch.
    """
    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    if Path(file).is_dir():
        ctx = click.get_current_context()
        explicit = {
            name
            for name in ("audience", "fmt")
            if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
        }
        if not output:
            raise click.UsageError("rendering a folder needs -o OUT, the folder to write into")
        from ..tools.folder import render_folder

        done = render_folder(
            t,
            Path(file),
            Path(output),
            audiences=(audience,) if "audience" in explicit else tuple(t.audiences),
            formats=(fmt,) if "fmt" in explicit else FORMATS,
            locale=locale,
            workers=jobs,
            links=links,
            inputs=[Path(d) for d in (*audience_dirs, *glossary_dirs, *template_dirs)],
        )
        for failure in done.failures:
            click.echo(f"tailor: error: {_one_line(failure)}", err=True)
        if done.failures:
            click.echo(
                f"tailor: error: {len(done.failures)} problem(s); nothing was written to "
                f"{shown_path(output)}, which is as it was",
                err=True,
            )
            sys.exit(EXIT_BAD_INPUT)
        return
    article = t.load(file)
    result = t.render(article, audience, fmt, locale=locale, links=links)
    if output:
        write_atomically(Path(output), result.content, inputs=[Path(file)])
    else:
        click.echo(result.content)
    if trace:
        for sub in result.substitutions:
            click.echo(
                f"{sub.point_id}: {sub.original!r} -> {sub.replacement!r} "
                f"[{sub.mode}, glossary {sub.layer}]",
                err=True,
            )
        for cut in result.splits:
            click.echo(
                f"{cut.point_id}: split [{cut.rule}] {cut.original!r} -> "
                + " | ".join(repr(s) for s in cut.sentences),
                err=True,
            )
    for warning in result.warnings:
        click.echo(f"tailor: warning: {warning}", err=True)


@main.command()
@config_options
@reports_errors
def audiences(
    audience_dirs: tuple[str, ...], glossary_dirs: tuple[str, ...], template_dirs: tuple[str, ...]
) -> None:
    """List the audiences, as the "Which best describes you?" selector shows them."""
    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    for name, aud in t.audiences.items():
        target = f"grade <= {aud.reading_grade_max:g}" if aud.reading_grade_max else "no cap"
        click.echo(
            f"{name:<12} {aud.label:<14} jargon={aud.jargon.value:<8} reading target: {target}"
        )


EXIT_TARGET_MISSED = 1


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-a",
    "--audience",
    "chosen",
    multiple=True,
    help="Check only this audience (repeat for several). Default: every audience.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table for people, or JSON for a content team's CI.",
)
@config_options
@reports_errors
def check(
    file: str,
    chosen: tuple[str, ...],
    fmt: str,
    audience_dirs: tuple[str, ...],
    glossary_dirs: tuple[str, ...],
    template_dirs: tuple[str, ...],
) -> None:
    """Score FILE's readability for every audience against its target.

    Lists the sentences that miss each target and why, and the rare words no glossary
    covers. Exit status: 0 when every target is met, 1 when one is missed, 2 on bad input.
    """
    import json

    from ..tools.check import check_article

    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    result = check_article(t, t.load(file), chosen)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.as_text())
    if not result.all_targets_met:
        sys.exit(EXIT_TARGET_MISSED)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-a",
    "--audience",
    "chosen",
    multiple=True,
    help="Show only this audience (repeat for several). Default: every audience.",
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "side", "stacked"]),
    default="auto",
    show_default=True,
    help="Side by side, stacked, or side by side when the terminal is wide enough.",
)
@click.option("-l", "--locale", default=None, help="Locale for dates and interface text.")
@config_options
@reports_errors
def preview(
    file: str,
    chosen: tuple[str, ...],
    layout: str,
    locale: str | None,
    audience_dirs: tuple[str, ...],
    glossary_dirs: tuple[str, ...],
    template_dirs: tuple[str, ...],
) -> None:
    """Show FILE for every audience in the terminal, with readability and substitutions."""
    from rich.console import Console

    from ..tools.diff import transformed_for
    from .console import article_text, preview_view, readability_line

    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    article = t.load(file)
    columns = []
    for name in chosen or tuple(t.audiences):
        aud = t.audience(name)
        # Rendered (and so verified) like any output; scored here so that a strict
        # audience missing its target is shown to the editor instead of aborting.
        t.render(article, name, "text", locale=locale, readability=False)
        transformed = transformed_for(t, article, name)
        report = t.readability(transformed) if aud.readability != "off" else None
        score = readability_line(report, len(transformed.substitutions))
        columns.append(
            (
                f"{aud.label} ({name})",
                score,
                article_text(transformed, t.disclaimer_for(article)[0]),
            )
        )
    console = Console()
    side = layout == "side" or (
        layout == "auto" and len(columns) > 1 and console.width >= 60 * len(columns)
    )
    console.print(preview_view(columns, side_by_side=side))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.argument("a")
@click.argument("b")
@config_options
@reports_errors
def diff(
    file: str,
    a: str,
    b: str,
    audience_dirs: tuple[str, ...],
    glossary_dirs: tuple[str, ...],
    template_dirs: tuple[str, ...],
) -> None:
    """Show what differs between audiences A and B for FILE, and why."""
    from rich.console import Console

    from ..tools.diff import diff_audiences
    from .console import diff_view

    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    Console().print(diff_view(diff_audiences(t, t.load(file), a, b)))


@main.command()
@click.argument("target", metavar="FILE|DIR", type=click.Path(exists=True))
@click.option(
    "-p", "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@config_options
@reports_errors
def serve(
    target: str,
    port: int,
    audience_dirs: tuple[str, ...],
    glossary_dirs: tuple[str, ...],
    template_dirs: tuple[str, ...],
) -> None:
    """Preview FILE, or every article in DIR, in a local web page that follows your edits.

    The page shows each audience as readers see it, with readability badges and every
    glossary substitution highlighted (hover for the original). Only 127.0.0.1 listens,
    only requests for 127.0.0.1 or localhost are answered, a page renders within 20 s or
    shows why not, and a client must send its request within 10 s.
    """
    try:
        import uvicorn  # noqa: F401 - checked here, used by preview.serve

        from ..preview import PreviewSite, create_app
        from ..preview import serve as serve_app
    except ImportError as exc:  # the serve extra is not installed
        raise click.ClickException(
            f"tailor serve needs {exc.name}: pip install 'tailor[serve]'"
        ) from None
    t = _tailor(audience_dirs, glossary_dirs, template_dirs)
    site = PreviewSite(t, target)
    if site.single:
        t.load(target)  # a broken file is reported now, as one line, rather than in a page
    click.echo(f"tailor: previewing {target} at http://127.0.0.1:{port}/ (Ctrl+C stops)", err=True)
    serve_app(create_app(site), port=port)


@main.group()
def glossary() -> None:
    """Check glossaries and import them from spreadsheets."""


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the glossary here instead of standard output.",
)
@click.option("--name", default=None, help="Glossary (layer) name; default: the file's stem.")
@click.option(
    "--source", default=None, help='Source kept on every entry; default: "imported from FILE".'
)
@click.option("--locale", default="en", show_default=True, help="The glossary's locale.")
@reports_errors
def glossary_import(
    file: str, output: str | None, name: str | None, source: str | None, locale: str
) -> None:
    """Turn a two-column CSV (term, replacement) into a glossary YAML file."""
    from ..importers.glossary_csv import glossary_from_csv, glossary_yaml

    imported = glossary_from_csv(file, name=name, source=source, locale=locale)
    text = glossary_yaml(imported)
    if output:
        write_atomically(Path(output), text, inputs=[Path(file)])
        click.echo(f"tailor: wrote {len(imported.entries)} entries to {output}", err=True)
    else:
        click.echo(text, nl=False)


@glossary.command("lint")
@click.option(
    "--glossaries-dir",
    "glossary_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Extra glossary folder (a later folder is a later layer).",
)
@click.option(
    "--examples",
    "examples",
    multiple=True,
    type=click.Path(exists=True),
    help="Article file or folder whose text counts as use; without one, no entry is "
    "reported as unused.",
)
@click.option("--no-bundled", is_flag=True, help="Leave out tailor's bundled glossaries.")
@click.option("--all", "show_all", is_flag=True, help="List every unused entry, not a count.")
@reports_errors
def glossary_lint(
    glossary_dirs: tuple[str, ...], examples: tuple[str, ...], no_bundled: bool, show_all: bool
) -> None:
    """Report conflicts across layers, chains and cycles, hard or negating replacements,
    and entries no article given with --examples uses. Exits 1 if any finding is an error."""
    from ..glossary import Glossary
    from ..pipeline.load import load_article
    from ..resources import bundled
    from ..tools.folder import article_files
    from ..tools.glossary_lint import ERROR, NOTE, WARNING, lint

    dirs: list[str | Path] = [*([] if no_bundled else [bundled("glossaries")]), *glossary_dirs]
    layers = Glossary.from_dirs(dirs)
    articles = []
    for target in examples:
        path = Path(target)
        for f in article_files(path) if path.is_dir() else [path]:
            article = load_article(f)
            texts = [article.question, article.title]
            for _, point in article.points():
                texts += [point.text, *point.rewordings.values()]
            texts += [section.title for section in article.sections]
            articles.append((f.name, texts))
    findings = lint(layers, articles)
    unused = [f for f in findings if f.type == "glossary.unused"]
    for finding in findings:
        if finding.type != "glossary.unused" or show_all:
            click.echo(finding.describe())
    if not examples:
        click.echo("note: no --examples given, so no entry is reported as unused")
    elif unused and not show_all:
        click.echo(
            f"note: {len(unused)} of {sum(len(g.entries) for g in layers)} entries are never "
            f"matched by the {len(articles)} example article(s); --all lists them"
        )
    counts = {s: sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, NOTE)}
    click.echo(
        f"{len(layers)} glossary layer(s): {counts[ERROR]} errors, {counts[WARNING]} warnings, "
        f"{counts[NOTE]} notes"
    )
    if counts[ERROR]:
        sys.exit(1)


@main.command("convert-pdq")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the article YAML files (one per summary, named after it).",
)
@click.option(
    "--approved",
    is_flag=True,
    help="Mark the articles approved (only once an editor has reviewed the conversion).",
)
@reports_errors
def convert_pdq(sources: tuple[str, ...], out: str, approved: bool) -> None:
    """Convert NCI PDQ summaries (Markdown files, or folders of them) into article files."""
    import yaml

    from ..importers.pdq import convert_file
    from ..tools.output import check_collisions

    files: list[Path] = []
    for source in sources:
        path = Path(source)
        # PDQ summaries are Markdown files, one folder deep as NCI publishes them; not a
        # folder of tailor articles (tools.folder.article_files), so not read as one.
        files.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    status = "approved" if approved else "submitted"
    # Everything is converted before anything is written: two summaries whose names slug
    # to one id would otherwise write one file over the other.
    texts: dict[Path, str] = {}
    names: dict[Path, str] = {}
    for file in files:
        article = convert_file(file, review_status=status)
        data = article.model_dump(mode="json", exclude_defaults=True)
        target = Path(out) / f"{article.id}.yaml"
        if target in names:
            raise OutputError(
                f"{shown_path(names[target])} and {shown_path(file)} would both be converted "
                "into this file (their names make one id); rename one of them",
                path=shown_path(target),
            )
        names[target] = str(file)
        texts[target] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    check_collisions((target, name) for target, name in names.items())
    for target, text in texts.items():
        write_atomically(target, text, inputs=files)
    click.echo(f"converted {len(files)} PDQ summaries into {out}", err=True)
