"""Stage 5, render: a transformed article through the audience's Jinja2 template.

One :class:`Renderer` per :class:`~tailor.Tailor` owns one Jinja2 environment per locale,
each configured once (autoescape for HTML, ``StrictUndefined``, gettext for the locale)
and never changed afterwards, so templates compile once and rendering is thread-safe.
Templates are found through a loader chain: a site's folders first, then the bundled
ones, so a site overrides one template without copying the rest.
"""

from __future__ import annotations

import gettext as _gettext
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from babel import Locale
from markupsafe import Markup

from ..audience import Audience, AudienceSet
from ..errors import OutputLimitError, TailorError, TemplateError
from ..i18n import language_of
from ..lexical import safe_url
from ..model import DEFAULT_DISCLAIMER, Article, Reference, ReviewStatus
from ._sandbox import ConfinedLoader, SandboxLimits, TemplateSandbox
from .types import TextNode, TransformedArticle

__all__ = ["RenderContext", "Renderer", "markdown_escape"]

# An "&" that starts what Markdown reads as a character reference ("&lt;", "&#60;") is
# escaped too: unescaped, a point saying "&lt;" would show the reader "<".
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|]|&(?=#?[0-9A-Za-z]+;))")


#: What makes the start of a line a block: a list item ("- ", "+ ", "1. ", "1) "), a rule
#: or a heading underline ("---", "==="), a code fence ("~~~"). Escaped at the start of
#: every line of content ("*", "_", "#", ">", "`", "<" and "|" are escaped everywhere).
_MD_BLOCK_START = re.compile(r"^(?:([-+=~])|([0-9]{1,9})([.)]))")


def markdown_escape(text: str) -> str:
    """Escape characters Markdown would read as markup, raw HTML or a character reference.

    Content stays inline: no text (an article's, or a glossary replacement inside it) can
    start a heading, a rule, a list or a code block, or split a bold critical point in two.
    A blank line (which ends the list item or paragraph a text is in) is dropped, and each
    remaining line has a leading block marker escaped; a template may still show the lines
    as line breaks inside its item.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    if "\n" not in escaped:
        return _MD_BLOCK_START.sub(_escape_block_start, escaped, count=1)
    # Split and join, not a regex over white space: a long run of spaces costs linear time.
    lines = (line.strip() for line in escaped.split("\n"))
    return "\n".join(
        _MD_BLOCK_START.sub(_escape_block_start, line, count=1) for line in lines if line
    )


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
RenderContext = dict[str, Any]


class Renderer:
    """Compiles and renders templates; one per :class:`~tailor.Tailor`, shared by threads."""

    def __init__(
        self,
        template_dirs: Sequence[str | Path],
        bundled_dir: Path,
        translations: Callable[[str], _gettext.NullTranslations],
        sandboxed: bool,
        limits: SandboxLimits | None = None,
    ) -> None:
        self.limits = limits or SandboxLimits()
        # A site's folders never lend a template a link out of themselves (ConfinedLoader).
        loaders: list[jinja2.BaseLoader] = [
            ConfinedLoader(d, self.limits.max_template_bytes) for d in template_dirs
        ]
        loaders.append(jinja2.FileSystemLoader(str(bundled_dir)))
        self._loader = jinja2.ChoiceLoader(loaders)
        self._translations = translations
        self._sandboxed = sandboxed
        #: The bundled templates' own stylesheets, the only ones a site template's output
        #: may carry (verification refuses any other style: CSS could hide what it checked).
        self.stylesheets = frozenset(
            " ".join(m.split())
            for f in Path(bundled_dir).glob("*.html.j2")
            for m in _STYLE.findall(f.read_text(encoding="utf-8"))
        )
        self._envs: dict[str, jinja2.Environment] = {}
        self._lock = threading.Lock()

    @property
    def sandboxed(self) -> bool:
        """Whether templates render in the sandbox (a site's folders are in the chain)."""
        return self._sandboxed

    def environment(self, locale: str) -> jinja2.Environment:
        """The environment for ``locale``, created and configured on first use only."""
        env = self._envs.get(locale)
        if env is not None:
            return env
        with self._lock:
            env = self._envs.get(locale)
            if env is None:
                env = self._make_environment(locale)
                self._envs[locale] = env
        return env

    def _make_environment(self, locale: str) -> jinja2.Environment:
        options: dict[str, Any] = {"limits": self.limits} if self._sandboxed else {}
        cls = TemplateSandbox if self._sandboxed else jinja2.Environment
        env = cls(
            **options,
            loader=self._loader,
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html", "html.j2", "htm"), default_for_string=False
            ),
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,
        )
        translations = self._translations(locale)
        env.install_gettext_translations(  # type: ignore[attr-defined]
            translations, newstyle=True
        )
        env.filters["number"] = partial(_format_number, locale=locale)
        env.filters["percent"] = partial(_format_percent, locale=locale)
        env.filters["date"] = partial(_format_date, locale=locale)
        env.filters["md"] = markdown_escape
        # Data (an audience label) is translated with this filter, never with ``_()``:
        # newstyle ``_()`` marks its result safe and %-formats it, so a label holding
        # markup or a "%" would reach the page unescaped or crash the render.
        env.filters["translate"] = translations.gettext
        env.filters["safe_url"] = safe_url
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        return env

    def render(
        self,
        template_name: str,
        locale: str,
        context: Mapping[str, Any],
        *,
        max_chars: int | None = None,
        limit_error: Callable[[], OutputLimitError] | None = None,
    ) -> str:
        """Render ``template_name``; every failure in a template becomes :class:`TemplateError`.

        A sandboxed rendering streams its output through the sandbox's size and time
        limits. Whatever a template does wrong (a syntax error, an undefined value, a
        filter given nonsense, a recursion too deep, a limit reached) is reported naming
        the template file and line where it happened, never as a Python traceback.
        With ``max_chars`` (the Tailor's bound on any rendering, bundled templates too),
        the output is streamed and rendering stops with ``limit_error()`` as soon as it
        passes that many characters.
        """
        env = self.environment(locale)
        try:
            template = env.get_template(template_name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", template=exc.filename or exc.name, line=exc.lineno
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template {exc.name!r} not found in the template folders", template=str(exc.name)
            ) from None
        except Exception as exc:  # a loader limit, a parser recursion too deep, ...
            raise _template_failure(exc, template_name) from None
        try:
            if isinstance(env, TemplateSandbox):
                with env.budget():
                    return env.stream(_bounded(template.generate(context), max_chars, limit_error))
            if max_chars is None or limit_error is None:
                return template.render(context)
            return "".join(_bounded(template.generate(context), max_chars, limit_error))
        except TailorError:
            raise
        except Exception as exc:
            raise _template_failure(exc, template.filename or template_name) from None


def _bounded(
    chunks: Iterator[str], max_chars: int | None, limit_error: Callable[[], OutputLimitError] | None
) -> Iterator[str]:
    """The chunks as they come, stopping with ``limit_error()`` once they pass ``max_chars``.

    A chunk is handed on before it is counted, so a sandbox consuming the stream applies
    its own limits to it first: a site template's excess is its ``TemplateError``.
    """
    if max_chars is None or limit_error is None:
        yield from chunks
        return
    size = 0
    for chunk in chunks:
        yield chunk
        size += len(chunk)
        if size > max_chars:
            raise limit_error()


def _template_failure(exc: BaseException, fallback: str) -> TemplateError:
    """A :class:`TemplateError` for anything raised while loading or rendering a template.

    A template is content: its mistakes ("{{ 1 / 0 }}", a macro calling itself, a filter
    Jinja2 answers with an ``AssertionError``) are reported like its syntax errors, at the
    innermost template frame of the traceback (an included or imported file included).
    """
    template, line = _template_frame(exc)
    template = template or fallback
    if isinstance(exc, jinja2.exceptions.SecurityError):
        message = f"template tried something unsafe: {exc}"
    elif isinstance(exc, jinja2.UndefinedError):
        message = f"undefined value: {exc.message}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = (
            f"template {exc.name!r} not found in the template folders "
            "(links out of a folder are not followed)"
        )
    elif isinstance(exc, jinja2.TemplateError):
        message = str(exc)
    elif isinstance(exc, RecursionError):
        message = "template failed: it nests or recurses too deeply"
    elif isinstance(exc, MemoryError):
        message = "template failed: it ran out of memory"
    else:
        detail = str(exc)
        message = f"template failed: {type(exc).__name__}" + (f": {detail}" if detail else "")
    if len(message) > 500:
        message = message[:500] + "..."
    return TemplateError(message, template=template, line=line)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that is template code (Jinja2 maps it to the source)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _cited(node: TextNode, references: Mapping[str, Reference]) -> list[dict[str, Any]]:
    return [{"id": ref_id, "listed": references[ref_id].listed} for ref_id in node.citations]


def build_context(
    transformed: TransformedArticle,
    *,
    audiences: AudienceSet,
    locale: str,
    date_text: str,
    caution_text: str | None,
    critical_label: str = "Important",
    disclaimer_note: str | None = None,
    disclaimer: tuple[str, str] | None = None,
) -> RenderContext:
    """The values every template receives; the same for every format.

    ``critical_label`` is the interface's word for a critical point ("Important"), shown
    in front of it in every format, so safety content stands out without CSS, in print
    and in a screen reader; ``disclaimer_note`` is the audience's lay line, translated.
    ``disclaimer`` is the text and its language as the deployment resolved them
    (:meth:`tailor.Tailor.disclaimer_for`); by default the article's own.
    """
    selected = transformed.selected
    article = selected.article
    audience: Audience = selected.audience
    refs = {r.id: r for r in article.references}
    references = [
        {
            "id": r.id,
            "listed": r.listed,
            "kind": r.kind,
            "title": r.title,
            "source": r.source,
            "year": r.year,
            "doi": r.doi,
            "pmid": r.pmid,
            "url": safe_url(r.url),
            "language": r.language,
        }
        for r in article.references
    ]
    words_to_know = (
        [
            {"term": e.term, "definition": e.definition or e.explanation or e.replacement}
            for e in transformed.explained
        ]
        if audience.words_to_know
        else []
    )
    disclaimer_text, disclaimer_lang = disclaimer or (
        article.disclaimer,
        disclaimer_language(article),
    )
    context: RenderContext = {
        "article": {
            "id": article.id,
            "locale": article.locale,
            "question": transformed.question,
            "title": transformed.title,
            "lead": transformed.lead,
            "sections": transformed.sections,
            "last_updated": article.last_updated,
            "last_updated_text": date_text,
            "review_status": article.review_status.value,
            "approved": article.review_status is ReviewStatus.APPROVED,
            "disclaimer": disclaimer_text,
            "disclaimer_language": disclaimer_lang,
            "translation_of": article.translation_of,
        },
        "references": references,
        "cited": lambda node: _cited(node, refs),
        "audience": audience,
        "audiences": [
            {
                "name": a.name,
                "label": a.label,
                # A server reads the query (the locale kept, so a switch never changes
                # language); static output links to the sibling file `tailor render DIR`
                # writes for that audience.
                "query_href": "?" + urlencode({"audience": a.name, "locale": locale}),
                "file_href": quote(f"{a.name}.html"),
            }
            for a in audiences.values()
        ],
        "links": "query",
        "caution": caution_text is not None,
        "caution_text": caution_text,
        "locale": locale,
        "language": Locale.parse(locale).language,
        "content_language": language_of(article.locale),
        # The lang attribute HTML templates put on tailor's own words (the date, headings,
        # labels) when the interface's language is not the article's; empty otherwise.
        "interface_lang": (
            Markup(' lang="{}"').format(Locale.parse(locale).language)
            if Locale.parse(locale).language != language_of(article.locale)
            else Markup("")
        ),
        "words_to_know": words_to_know,
        "substitutions": transformed.substitutions,
        "critical_label": critical_label,
        "disclaimer_note": disclaimer_note,
    }
    context["jsonld"] = _jsonld(article, audience, references, transformed)
    context["payload"] = _payload(
        transformed,
        references,
        locale=locale,
        critical_label=critical_label,
        disclaimer_note=disclaimer_note,
        date_text=date_text,
        caution_text=caution_text,
        words_to_know=words_to_know,
        disclaimer=disclaimer_text,
        disclaimer_lang=disclaimer_lang,
    )
    return context


def _jsonld(
    article: Article,
    audience: Audience,
    references: list[dict[str, Any]],
    transformed: TransformedArticle,
) -> dict[str, Any]:
    """schema.org ``MedicalWebPage`` data for the ``page`` format, for search engines.

    Only what the article states: ``lastReviewed`` appears once the article is approved
    (before that nobody has reviewed it), and only listed references become citations.
    tests/fixtures/schemaorg-vocabulary.json pins every type and property used here.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": transformed.question.text,
        "headline": transformed.title.text,
        "inLanguage": language_of(article.locale),
        "dateModified": article.last_updated.isoformat(),
        "audience": {"@type": "MedicalAudience", "audienceType": audience.name},
    }
    if article.review_status is ReviewStatus.APPROVED:
        data["lastReviewed"] = article.last_updated.isoformat()
    citations = []
    for r in references:
        if not r["listed"]:
            continue
        work: dict[str, Any] = {"@type": "CreativeWork", "name": r["title"]}
        if r["language"]:
            work["inLanguage"] = r["language"]
        if r["url"]:
            work["url"] = r["url"]
        if r["year"]:
            work["datePublished"] = str(r["year"])
        if r["doi"]:
            work["sameAs"] = f"https://doi.org/{r['doi']}"
        citations.append(work)
    if citations:
        data["citation"] = citations
    return data


def _node_json(node: TextNode) -> dict[str, Any]:
    return {
        "id": node.id,
        "text": node.text,
        "citations": list(node.citations),
        "critical": node.critical,
        "reworded": node.reworded,
        "figures": list(node.figures),
    }


# The json format's payload is built here as plain dicts, and described for its readers by
# the pydantic models of tailor.schema (rendering.schema.json). Two shapes on purpose: a
# render builds dicts, far cheaper than validating models on every call, while the schema
# is what consumers validate against; tests/test_json_schema.py validates every bundled
# rendering against the schema, and verify reads the schema's keys, so the two cannot
# drift apart unnoticed.
def _payload(
    transformed: TransformedArticle,
    references: list[dict[str, Any]],
    *,
    locale: str,
    critical_label: str,
    disclaimer_note: str | None,
    date_text: str,
    caution_text: str | None,
    words_to_know: list[dict[str, Any]],
    disclaimer: str,
    disclaimer_lang: str,
) -> dict[str, Any]:
    """The structured rendering a web backend or single-page app consumes."""
    article = transformed.selected.article
    return {
        "schema": "tailor.rendering/1",
        "article_id": article.id,
        "audience": transformed.selected.audience.name,
        "locale": locale,
        "content_language": language_of(article.locale),
        "interface_language": Locale.parse(locale).language,
        "disclaimer_language": disclaimer_lang,
        "critical_label": critical_label,
        "disclaimer_note": disclaimer_note,
        "question": transformed.question.text,
        "title": transformed.title.text,
        "lead": _node_json(transformed.lead),
        "sections": [
            {"id": s.id, "title": s.title.text, "points": [_node_json(p) for p in s.points]}
            for s in transformed.sections
        ],
        "references": references,
        "last_updated": article.last_updated.isoformat(),
        "last_updated_text": date_text,
        "review_status": article.review_status.value,
        "caution": caution_text,
        "disclaimer": disclaimer,
        "words_to_know": words_to_know,
        "substitutions": [
            {
                "point_id": s.point_id,
                "original": s.original,
                "replacement": s.replacement,
                "mode": s.mode,
                "term": s.term,
                "glossary": s.layer,
            }
            for s in transformed.substitutions
        ],
        "splits": [
            {
                "point_id": s.point_id,
                "rule": s.rule,
                "original": s.original,
                "sentences": list(s.sentences),
            }
            for s in transformed.splits
        ],
    }


def disclaimer_language(article: Article) -> str:
    """The language the article's disclaimer is written in, for ``lang`` attributes.

    tailor's standard disclaimer is English; an article that gives its own carries its
    reviewed translation, in the article's language. tailor never translates it itself.
    """
    if " ".join(article.disclaimer.split()) == " ".join(DEFAULT_DISCLAIMER.split()):
        return "en"
    return language_of(article.locale)


def formatted_date(article_date: Any, locale: str) -> str:
    """The last-updated date as the reader's locale writes it ("October 22, 2025")."""
    from babel.dates import format_date  # its timezone tables cost ~30 ms at import

    return str(format_date(article_date, format="long", locale=locale))


# Template filters: numbers, percentages and dates as the environment's locale writes them.
# Babel's modules load on first use, as in formatted_date.


def _format_number(value: Any, *, locale: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=locale))


def _format_percent(value: Any, *, locale: str) -> str:
    from babel.numbers import format_percent

    return str(format_percent(value, locale=locale))


def _format_date(value: Any, format: str = "long", *, locale: str) -> str:
    from babel.dates import format_date

    return str(format_date(value, format=format, locale=locale))
