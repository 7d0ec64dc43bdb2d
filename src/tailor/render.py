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
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .audience import Audience, AudienceSet
from .errors import TemplateError
from .i18n import language_of
from .model import DEFAULT_DISCLAIMER, Article, Reference, ReviewStatus
from .select import TextNode
from .transform import TransformedArticle

__all__ = ["RenderContext", "Renderer", "markdown_escape"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def markdown_escape(text: str) -> str:
    """Escape characters Markdown would read as markup or raw HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s<>\"'`\\]+$", re.IGNORECASE)


def _safe_url(url: str | None) -> str | None:
    """Only http, https and mailto links reach a reader; anything else is dropped.

    Characters that could end an attribute or a Markdown link destination (quotes, angle
    brackets, backticks, whitespace) are refused as well, so a URL can never carry markup
    out of its link, whatever format the template writes.
    """
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


#: Largest string or list a site template may build with ``*``, and largest exponent with
#: ``**``: enough for any layout, far too small to exhaust a web backend's memory or CPU.
_MAX_REPEAT = 100_000
_MAX_EXPONENT = 100


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, also refusing arithmetic that builds huge values.

    Immutable, because the context a template receives is cached and shared by every
    thread rendering the same article: a template calling ``references.append(...)`` would
    change what later readers see. The stock sandbox also lets ``"x" * 10**9`` allocate
    a gigabyte; a template is content a site edits, so it gets no more power than a
    layout needs.
    """

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int) and abs(right) > _MAX_EXPONENT:
                raise jinja2.exceptions.SecurityError(
                    f"exponent {right} is over the limit of {_MAX_EXPONENT} for templates"
                )
            return left**right
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > _MAX_REPEAT
                ):
                    raise jinja2.exceptions.SecurityError(
                        f"repetition would build {len(seq) * times:,} items, over the limit "
                        f"of {_MAX_REPEAT:,} for templates"
                    )
            return left * right
        return super().call_binop(context, operator, left, right)


RenderContext = dict[str, Any]


class Renderer:
    """Compiles and renders templates; one per :class:`~tailor.Tailor`, shared by threads."""

    def __init__(
        self,
        template_dirs: Sequence[str | Path],
        bundled_dir: Path,
        translations: Callable[[str], _gettext.NullTranslations],
        sandboxed: bool,
    ) -> None:
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in template_dirs]
        loaders.append(jinja2.FileSystemLoader(str(bundled_dir)))
        self._loader = jinja2.ChoiceLoader(loaders)
        self._translations = translations
        self._sandboxed = sandboxed
        self._envs: dict[str, jinja2.Environment] = {}
        self._lock = threading.Lock()

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
        cls = _Sandbox if self._sandboxed else jinja2.Environment
        env = cls(
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
        env.filters["safe_url"] = _safe_url
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        return env

    def render(self, template_name: str, locale: str, context: Mapping[str, Any]) -> str:
        """Render ``template_name``; Jinja2 problems become :class:`TemplateError`."""
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
        try:
            return template.render(context)
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(
                f"template tried something unsafe: {exc}",
                template=template.filename or template_name,
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"undefined value: {exc.message}",
                template=template.filename or template_name,
                line=_template_line(exc, template),
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                str(exc),
                template=template.filename or template_name,
                line=_template_line(exc, template),
            ) from None
        except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
            # A template is content: its mistakes ("{{ 1 / 0 }}", a macro calling itself,
            # a range too big for the sandbox) are reported like its syntax errors.
            raise TemplateError(
                f"template failed: {type(exc).__name__}: {exc}",
                template=template.filename or template_name,
                line=_template_line(exc, template),
            ) from None


def _template_line(exc: BaseException, template: jinja2.Template) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == template.filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _cited(node: TextNode, references: Mapping[str, Reference]) -> list[dict[str, Any]]:
    return [{"id": ref_id, "listed": references[ref_id].listed} for ref_id in node.citations]


def build_context(
    transformed: TransformedArticle,
    *,
    audiences: AudienceSet,
    locale: str,
    date_text: str,
    caution_text: str | None,
) -> RenderContext:
    """The values every template receives; the same for every format."""
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
            "url": _safe_url(r.url),
        }
        for r in article.references
    ]
    words_to_know = (
        [
            {"term": e.term, "definition": e.definition or e.replacement}
            for e in transformed.explained
        ]
        if audience.words_to_know
        else []
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
            "disclaimer": article.disclaimer,
            "disclaimer_language": disclaimer_language(article),
            "translation_of": article.translation_of,
        },
        "references": references,
        "cited": lambda node: _cited(node, refs),
        "audience": audience,
        "audiences": [{"name": a.name, "label": a.label} for a in audiences.values()],
        "caution": caution_text is not None,
        "caution_text": caution_text,
        "locale": locale,
        "language": Locale.parse(locale).language,
        "words_to_know": words_to_know,
        "substitutions": transformed.substitutions,
    }
    context["payload"] = _payload(
        transformed,
        references,
        locale=locale,
        date_text=date_text,
        caution_text=caution_text,
        words_to_know=words_to_know,
    )
    return context


def _node_json(node: TextNode) -> dict[str, Any]:
    return {
        "id": node.id,
        "text": node.text,
        "citations": list(node.citations),
        "critical": node.critical,
        "reworded": node.reworded,
    }


def _payload(
    transformed: TransformedArticle,
    references: list[dict[str, Any]],
    *,
    locale: str,
    date_text: str,
    caution_text: str | None,
    words_to_know: list[dict[str, Any]],
) -> dict[str, Any]:
    """The structured rendering a web backend or single-page app consumes."""
    article = transformed.selected.article
    return {
        "schema": "tailor.rendering/1",
        "article_id": article.id,
        "audience": transformed.selected.audience.name,
        "locale": locale,
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
        "disclaimer": article.disclaimer,
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
