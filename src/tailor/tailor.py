"""The configured entry point: a :class:`Tailor` joins the stages and caches what they compile.

Build one per process (a web backend), per run (the CLI) or per notebook, and share it:
after construction nothing on it changes except caches, which are guarded by locks, so
any number of threads may call :meth:`Tailor.render` at once.
"""

from __future__ import annotations

import gettext
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._cache import BoundedCache
from ._disclaimers import DisclaimerPolicy, read_policy
from ._glossary_checks import check_configuration
from ._limits import SandboxLimits
from .audience import FORMATS, Audience, AudienceSet
from .batch import Progress, RenderRequest, render_many
from .errors import (
    ArticleError,
    ErrorDetail,
    InputError,
    InvariantError,
    OutputLimitError,
    TailorError,
    UnknownFormatError,
    quoted,
)
from .glossary import CompiledGlossary, Glossary
from .i18n import Catalogs, language_of
from .model import Article, ReviewStatus
from .pipeline import prepare
from .pipeline.analyze import analyze, judge, unscored
from .pipeline.load import article_problems, audience_problems, load_article
from .pipeline.types import Rendering, TransformedArticle
from .pipeline.verify import (
    DeterminismLedger,
    Expectations,
    prepare_expectations,
    verify,
    words_of,
)
from .readability import LANGUAGES, ReadabilityReport, ReadabilityScorer
from .resources import bundled as bundled_data
from .stacks import GlossaryStacks

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .pipeline.render import Renderer

__all__ = ["CAUTION", "Rendering", "Tailor"]


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction without translating it here."""
    return message


#: Shown on every rendering of an article that is not approved.
CAUTION = N_("Exercise caution: this content is pending human review.")
#: The label in front of every critical point, in every format (issue 15: safety content
#: must stand out without CSS, in print, in plain text and in a screen reader).
#: TRANSLATORS: shown before a safety point (withdrawal, overdose...), followed by a colon.
CRITICAL_LABEL = N_("Important")

#: The bundled data folders by the names this module has always given them, found on
#: first use (:mod:`tailor.resources`): ``BUNDLED_AUDIENCES``, ``BUNDLED_GLOSSARIES``,
#: ``BUNDLED_TEMPLATES``, ``BUNDLED_LOCALES``.
_BUNDLED_NAMES = {
    "BUNDLED_AUDIENCES": "audiences",
    "BUNDLED_GLOSSARIES": "glossaries",
    "BUNDLED_TEMPLATES": "templates",
    "BUNDLED_LOCALES": "locale",
}


def __getattr__(name: str) -> Path:
    kind = _BUNDLED_NAMES.get(name)
    if kind is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return bundled_data(kind)


#: Longest rendering a Tailor returns unless told otherwise, in characters: about 100
#: times a long real article (an NCI PDQ summary renders to 100-300 thousand), far below
#: what would exhaust a web backend's memory.
DEFAULT_MAX_OUTPUT_CHARS = 16_000_000


#: Bytes a Tailor's caches may hold together unless told otherwise (an estimate: prepared
#: renderings half of it, readability reports and compiled glossaries a quarter each).
DEFAULT_CACHE_BYTES = 256 * 1024 * 1024

_LRU = BoundedCache


def _text_size(article: Article) -> int:
    """Characters of reader-facing text in ``article``: what its cached work scales with."""
    size = len(article.question) + len(article.title)
    size += sum(len(t) for t in article.question_rewordings.values())
    size += sum(len(t) for t in article.title_rewordings.values())
    for _, point in article.points():
        size += len(point.text) + sum(len(t) for t in point.rewordings.values())
    for ref in article.references:
        size += len(ref.title or "") + len(ref.source or "")
    return size + len(article.disclaimer)


def _prepared_weight(key: object, prepared: _Prepared) -> int:
    """A prepared rendering holds the text several times over (spans, template context,
    the json payload, expectations): about 12 bytes per character, measured."""
    return 12 * _text_size(prepared.transformed.selected.article) + 16_384


def _report_weight(key: object, report: ReadabilityReport) -> int:
    return 4 * sum(len(s.text) for s in report.sentences) + 200 * len(report.sentences) + 8_192


@dataclass(frozen=True, slots=True)
class _Prepared:
    transformed: TransformedArticle
    expect: Expectations
    context: dict[str, Any]


class Tailor:
    """Audiences, glossaries and templates, configured once and shared.

    ``audience_dirs``, ``glossary_dirs`` and ``template_dirs`` add a site's own files
    after the bundled ones (a same-named file overrides the bundled one); pass
    ``bundled=False`` to use only your own. Templates from your folders render in Jinja2's
    sandbox, since they are content a site edits rather than code it reviews;
    ``sandbox_limits`` sets how much such a template may build, write and spend
    (:class:`~tailor.SandboxLimits`; the defaults suit any real layout).

    ``max_output_chars`` bounds every rendering (16 million characters by default; None
    for no bound): glossary substitution and the template stop as soon as they pass it,
    with :class:`~tailor.errors.OutputLimitError`, so hostile content cannot fill memory.

    ``disclaimer`` is the professional disclaimer the deployment requires (written in
    ``disclaimer_language``; by default :data:`~tailor.model.DEFAULT_DISCLAIMER`, a neutral
    text naming no publisher): every article that gives none carries it. An article may
    give its own only if the deployment accepts it: ``accepted_disclaimers`` maps a
    language to the texts accepted in it (the deployment's reviewed translations, or
    another wording it has approved), and any other text is an
    :class:`~tailor.errors.ArticleError` naming the field (and, from :meth:`load`, the
    file and line). The policy is always on: a ``Tailor()`` accepts tailor's own text only,
    since liability text must never be whatever a content file says. ``disclaimers``
    names a file holding the same three settings instead (see ``examples/disclaimers.yaml``,
    which accepts the bundled example's own wording; ``--disclaimers`` on the CLI).
    """

    def __init__(
        self,
        *,
        audience_dirs: Sequence[str | Path] = (),
        glossary_dirs: Sequence[str | Path] = (),
        template_dirs: Sequence[str | Path] = (),
        glossaries: Sequence[Glossary] = (),
        bundled: bool = True,
        cache_size: int = 512,
        sandbox_limits: SandboxLimits | None = None,
        max_output_chars: int | None = DEFAULT_MAX_OUTPUT_CHARS,
        disclaimer: str | None = None,
        accepted_disclaimers: Mapping[str, str | Sequence[str]] | None = None,
        disclaimer_language: str = "en",
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        disclaimers: str | Path | None = None,
    ) -> None:
        if disclaimers is not None:
            if disclaimer is not None or accepted_disclaimers or disclaimer_language != "en":
                raise InputError(
                    "give the disclaimer policy in one place: a disclaimers file, or "
                    "disclaimer=, accepted_disclaimers= and disclaimer_language=",
                    source="Tailor(disclaimers=...)",
                )
            policy = read_policy(disclaimers)
            disclaimer = policy["disclaimer"]
            accepted_disclaimers = policy["accepted_disclaimers"]
            disclaimer_language = policy["disclaimer_language"]
        # Kept so a Tailor pickles as what built it (see __getstate__ and __reduce__).
        self._config_key: str | None = None
        self._config: dict[str, Any] = {
            "audience_dirs": tuple(str(d) for d in audience_dirs),
            "glossary_dirs": tuple(str(d) for d in glossary_dirs),
            "template_dirs": tuple(str(d) for d in template_dirs),
            "glossaries": tuple(glossaries),
            "bundled": bundled,
            "cache_size": cache_size,
            "sandbox_limits": sandbox_limits,
            "max_output_chars": max_output_chars,
            "disclaimer": disclaimer,
            "accepted_disclaimers": dict(accepted_disclaimers or {}),
            "disclaimer_language": disclaimer_language,
            "cache_bytes": cache_bytes,
        }
        if max_output_chars is not None and max_output_chars < 1:
            raise ValueError(f"max_output_chars must be positive or None, not {max_output_chars}")
        #: Longest rendering, in characters, this Tailor returns; None for no bound.
        self.max_output_chars = max_output_chars
        self._disclaimers = DisclaimerPolicy.build(
            disclaimer, accepted_disclaimers or {}, disclaimer_language
        )
        #: The professional disclaimer every article that gives none is shown with.
        self.disclaimer = self._disclaimers.disclaimer
        base_audiences = [bundled_data("audiences")] if bundled else []
        base_glossaries = [bundled_data("glossaries")] if bundled else []
        self.audiences = AudienceSet.from_dirs([*base_audiences, *audience_dirs])
        # The bundled glossaries read from their compact form (most of a Tailor's cost
        # was parsing the 6,000-entry YAML: every worker process builds one); a site's
        # own are read as they are.
        self._stacks = GlossaryStacks(
            [
                *Glossary.from_dirs(base_glossaries, compact=True),
                *Glossary.from_dirs(glossary_dirs),
                *glossaries,
            ],
            max_bytes=cache_bytes // 4,
        )
        #: Every glossary layer, bundled first, in the order they stack.
        self.glossaries: tuple[Glossary, ...] = self._stacks.glossaries
        self._catalogs = Catalogs(bundled_data("locale"))
        #: The interface languages tailor can render in (each has a catalog; English always).
        self.locales: tuple[str, ...] = self._catalogs.languages
        check_configuration(self.audiences, self.glossaries, self.locales)
        # Built on first use (see ``_renderer``): Jinja2 loads with the first render.
        self._template_dirs = tuple(template_dirs)
        self._sandbox_limits = sandbox_limits
        self._renderer_made: Renderer | None = None
        self._renderer_lock = threading.Lock()
        self.scorer = ReadabilityScorer(max_bytes=cache_bytes // 8)
        # Bounded by bytes as well as entries: a long-lived Tailor rendering many large
        # articles keeps at most about ``cache_bytes`` of them.
        self._prepared: _LRU[tuple[Any, ...], _Prepared] = _LRU(
            cache_size, max_bytes=cache_bytes // 2, weigh=_prepared_weight
        )
        self._checked: _LRU[str, bool] = _LRU(cache_size)
        self._ledger = DeterminismLedger(max(4096, cache_size * 8))
        # Compile every audience's glossary stack now, so a content error in the glossaries
        # (a replacement cycle) is reported when the Tailor is built, not on a reader's request.
        for aud in self.audiences.values():
            self.glossary_for(aud)
        self._reports: _LRU[tuple[str, str], ReadabilityReport] = _LRU(
            cache_size, max_bytes=cache_bytes // 8, weigh=_report_weight
        )
        self._catalog_words: _LRU[str, frozenset[str]] = _LRU(64)

    @property
    def _renderer(self) -> Renderer:
        """The template renderer, made on first use: Jinja2 (and the sandbox) load with
        the first render, not with ``import tailor`` or ``Tailor()`` (issue 16)."""
        made = self._renderer_made
        if made is None:
            with self._renderer_lock:
                if self._renderer_made is None:
                    from .pipeline.render import Renderer

                    self._renderer_made = Renderer(
                        self._template_dirs,
                        bundled_data("templates"),
                        self.translations,
                        sandboxed=bool(self._template_dirs),
                        limits=self._sandbox_limits,
                    )
                made = self._renderer_made
        return made

    def cache_bytes(self) -> int:
        """The estimated bytes this Tailor's caches hold now (at most about ``cache_bytes``)."""
        return (
            self._stacks.bytes
            + self._prepared.bytes
            + self._reports.bytes
            + self.scorer.cache_bytes()
        )

    def __getstate__(self) -> dict[str, Any]:
        """A Tailor travels as its configuration: caches, locks and Jinja2 environments
        do not pickle and would be stale on another machine anyway."""
        return dict(self._config)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def __dask_tokenize__(self) -> tuple[str, str, tuple[Any, ...]]:
        """What Dask names a task by: the configuration and the state of the site folders,
        which is what a worker builds its Tailor from (see :meth:`__reduce__`).

        Otherwise Dask hashes an argument by pickling and unpickling it, and unpickling a
        Tailor builds one: the client built a Tailor and pickled it again for every chunk
        it submitted (issue 16).
        """
        _, (_, key, folders, _) = self.__reduce__()
        return (f"{type(self).__module__}.{type(self).__qualname__}", key, folders)

    def __reduce__(self) -> tuple[Any, ...]:
        """Unpickled through :func:`tailor.batch.built_tailor`: a worker process builds
        the Tailor for a configuration once and every later chunk (a process pool's, a
        Dask worker's) reuses it with what it compiled and cached (issue 16). The key
        names the configuration and the state of the site folders it reads, so a worker
        never serves renderings from files that changed since it built its Tailor."""
        from .batch import built_tailor, folder_state

        key = self._config_key
        if key is None:
            key = self._config_key = _config_digest(self._config)
        folders = [
            *self._config["audience_dirs"],
            *self._config["glossary_dirs"],
            *self._config["template_dirs"],
        ]
        return (built_tailor, (type(self), key, folder_state(folders), self.__getstate__()))

    # -- configuration lookups -------------------------------------------------------------

    def audience(self, name: str) -> Audience:
        """The audience called ``name``; an unknown name lists the known ones."""
        return self.audiences.get_audience(name)

    def translations(self, locale: str) -> gettext.NullTranslations:
        """gettext translations for ``locale``, compiled from its catalog on first use."""
        return self._catalogs.translations(locale)

    def heading_translator(self, article: Article) -> Callable[[str], str]:
        """How audience heading maps read in ``article``'s language: that language's
        catalog, or the map as written for English or a language tailor has no catalog
        for (its titles then simply do not match the English map)."""
        return self._catalogs.heading_translator(article.locale)

    def resolve_locale(self, locale: str) -> str:
        """Normalise ``locale`` ("es-MX" -> "es_MX") and refuse ones tailor cannot write."""
        return self._catalogs.resolve(locale)

    def negotiate_locale(
        self,
        accept_language: str,
        *,
        supported: Sequence[str] | None = None,
        default: str | None = None,
    ) -> str:
        """The locale to render in for an HTTP ``Accept-Language`` header.

        ``supported`` narrows or refines what may be chosen: ``("en", "en_GB", "es")``
        lets a British reader get "22 October 2025"; it defaults to :attr:`locales`, and
        each entry must be one tailor can write. When nothing in the header is supported,
        ``default`` is returned if given; otherwise :class:`UnknownLocaleError` is raised,
        since picking a language the reader did not ask for is the caller's decision.
        """
        return self._catalogs.negotiate(accept_language, supported=supported, default=default)

    def glossary_for(
        self, audience: Audience, article: Article | None = None, *, locale: str | None = None
    ) -> CompiledGlossary:
        """The compiled glossary stack for an audience (and an article's own terms).

        Only glossaries in the language of the text apply: a Spanish article gets the
        Spanish glossary whatever locale its interface is rendered in, since substitution
        reads the article's words. Without an article, ``locale`` (default English) decides.
        """
        language = language_of(article.locale if article is not None else locale or "en")
        return self._stacks.for_audience(audience, language, article)

    # -- the pipeline ----------------------------------------------------------------------

    def check(self, article: Article) -> None:
        """Validate what only this Tailor can: audiences named by the article exist."""

        def run() -> bool:
            problems = article_problems(article) + audience_problems(article, self.audiences)
            problems += self._disclaimer_problems(article)
            if problems:
                raise ArticleError(
                    "invalid article", source=f"article {article.id!r}", details=problems
                )
            return True

        self._checked.get_or_make(article.version, run)

    def load(self, source: str | Path | Mapping[str, Any]) -> Article:
        """Load an article, checking audience names, its locale and its disclaimer against
        this Tailor's."""
        return load_article(
            source,
            audiences=list(self.audiences),
            locales=self.locales,
            checks=[self._disclaimer_problems],
        )

    def disclaimer_for(self, article: Article) -> tuple[str, str]:
        """The disclaimer ``article`` is shown with, and the language it is written in.

        Raises :class:`~tailor.errors.ArticleError` if the article carries a disclaimer
        this deployment does not accept (see the class docstring).
        """
        problems = self._disclaimer_problems(article)
        if problems:
            raise ArticleError(
                "invalid article", source=f"article {quoted(article.id)}", details=problems
            )
        text = article.disclaimer if "disclaimer" in article.model_fields_set else self.disclaimer
        # Accepted (checked above), so its language is known.
        return text, self._disclaimers.language_of(text) or self._config["disclaimer_language"]

    def _disclaimer_problems(self, article: Article) -> list[ErrorDetail]:
        return self._disclaimers.problems(
            article.disclaimer, "disclaimer" in article.model_fields_set
        )

    def _transform(self, article: Article, audience: Audience) -> TransformedArticle:
        """Select, substitute (within the output bound) and reshape, as every path does."""
        return prepare(
            article,
            audience,
            self.glossary_for(audience, article),
            self.heading_translator(article),
            max_chars=self.max_output_chars,
        )

    def _prepare(
        self, article: Article, audience: Audience, locale: str, format: str = "any"
    ) -> _Prepared:
        def make() -> _Prepared:
            from .pipeline.render import build_context, formatted_date

            transformed = self._transform(article, audience)
            date_text = formatted_date(article.last_updated, locale)
            caution = article.review_status is not ReviewStatus.APPROVED
            translations = self.translations(locale)
            caution_text = translations.gettext(CAUTION) if caution else None
            note = audience.disclaimer_note
            context = build_context(
                transformed,
                audiences=self.audiences,
                locale=locale,
                date_text=date_text,
                caution_text=caution_text,
                critical_label=translations.gettext(CRITICAL_LABEL),
                disclaimer_note=translations.gettext(note) if note else None,
                disclaimer=self.disclaimer_for(article),
            )
            vocabulary = (
                self._vocabulary(locale, context) if self._renderer.sandboxed else frozenset()
            )
            expect = prepare_expectations(
                transformed,
                context["article"]["disclaimer"],
                date_text,
                caution_text,
                fmt=format,
                vocabulary=vocabulary,
                critical_label=context["critical_label"],
            )
            return _Prepared(transformed, expect, context)

        return self._prepared.get_or_make((article.version, audience.name, locale), make)

    def _vocabulary(self, locale: str, context: Mapping[str, Any]) -> frozenset[str]:
        """The words a site template's rendering may show: the article's (its payload),
        the audiences' and the interface catalog's for ``locale`` (issue 17: a site
        template writing "the notice below does not apply" is refused)."""
        import json

        def catalog() -> frozenset[str]:
            language = language_of(locale)
            locales = bundled_data("locale")
            texts = [(locales / "tailor.pot").read_text(encoding="utf-8")]
            for name in dict.fromkeys((locale, language)):
                po = locales / name / "LC_MESSAGES" / "tailor.po"
                if po.is_file():
                    texts.append(po.read_text(encoding="utf-8"))
            return words_of("\n".join(texts))

        interface = self._catalog_words.get_or_make(locale, catalog)
        audience = context["audience"]
        own = words_of(
            json.dumps([context["payload"], context["audiences"]], ensure_ascii=False)
            + " "
            + audience.model_dump_json()
            + " "
            + " ".join(self.translations(locale).gettext(a["label"]) for a in context["audiences"])
            + " "
            + self.translations(locale).gettext(audience.voice.intro or "")
        )
        return interface | own

    def render(
        self,
        article: Article,
        audience: str,
        format: str = "html",
        *,
        locale: str | None = None,
        readability: bool = True,
        links: Literal["query", "files"] = "query",
    ) -> Rendering:
        """Render ``article`` for ``audience`` in ``format``; verified before it is returned.

        ``locale`` defaults to the article's. ``readability=False`` skips scoring (a web
        backend that only serves pages). ``links`` says where the ``page`` format's
        audience selector points: ``"query"`` (``?audience=...&locale=...``, for a server)
        or ``"files"`` (the sibling ``<audience>.html`` that ``tailor render DIR`` writes,
        for a page opened from disk or put on a static host).

        Raises :class:`~tailor.errors.InvariantError` if the output lost the disclaimer, a
        point or a reference, and :class:`~tailor.errors.ReadabilityError` for a strict
        audience that misses its target.
        """
        aud = self.audience(audience)
        if format not in FORMATS:
            raise UnknownFormatError(format, FORMATS)
        loc = self.resolve_locale(locale or article.locale)
        self.check(article)
        prepared = self._prepare(article, aud, loc, format)
        transformed = prepared.transformed
        if links not in ("query", "files"):
            raise InputError(f"links must be 'query' or 'files', not {links!r}")
        context = prepared.context if links == "query" else {**prepared.context, "links": links}
        content = self._renderer.render(
            aud.template_for(format),
            loc,
            context,
            max_chars=self.max_output_chars,
            limit_error=lambda: OutputLimitError(
                self.max_output_chars or 0,
                stage="render",
                audience=aud.name,
                article_id=article.id,
                format=format,
            ),
        )
        key = (article.version, aud.name, loc, format, links)
        digest = self._ledger.digest(content)
        # The same bytes for the same key were verified before (the ledger records only
        # verified renderings): verification would read them against the same cached
        # expectations, so a warm render skips it.
        if not self._ledger.verified(key, digest):
            verify(
                content,
                format,
                transformed,
                prepared.expect,
                untrusted=self._renderer.sandboxed,
                stylesheets=self._renderer.stylesheets,
            )
        self._ledger.check(
            key,
            content,
            lambda: InvariantError(
                "render.deterministic",
                "this rendering differs from an earlier one of the same article version; "
                "a template reads something that changes (a clock, a random value, a set)",
                audience=aud.name,
                format=format,
                article_id=article.id,
            ),
            digest=digest,
        )
        warnings: list[str] = []
        report = None
        if readability and aud.readability != "off":
            lang = self.prose_language(article)
            if lang in LANGUAGES:
                report = self._reports.get_or_make(
                    (article.version, aud.name), lambda: self.readability(transformed, lang=lang)
                )
                warnings = judge(report, aud, article.id)
            else:
                warnings.append(unscored(lang))
        return Rendering(
            content=content,
            article_id=article.id,
            audience=aud.name,
            format=format,
            locale=loc,
            substitutions=transformed.substitutions,
            readability=report,
            warnings=tuple(warnings),
            explained=transformed.explained,
            splits=transformed.splits,
        )

    def prose_language(self, article: Article) -> str:
        """The language the article's prose is written in ("en_US" -> "en"): the ``lang``
        its readability is scored in, whatever locale its interface text is rendered in."""
        return language_of(article.locale)

    def readability(
        self, transformed: TransformedArticle, *, lang: str | None = None
    ) -> ReadabilityReport:
        """Score the prose of a transformed article against its audience's target.

        Prose is the lead answer and the points as the audience reads them: not the
        question, titles, references, disclaimer, citation markers or URLs. ``lang``
        defaults to the article's language. Jargon candidates are the rare words that no
        glossary layer of that language (nor the article's own terms) covers.
        """
        article = transformed.selected.article
        lang = lang or self.prose_language(article)
        known = self._all_layers(article, lang)

        def covered(word: str) -> bool:
            return known.entry_for(word) is not None

        return analyze(transformed, self.scorer, lang=lang, covered=covered)

    def _all_layers(self, article: Article, lang: str) -> CompiledGlossary:
        """Every glossary layer in ``lang`` plus the article's terms (what jargon is
        checked against: a covered word is only a choice of audience)."""
        return self._stacks.every_layer(lang, article)

    def assess(self, article: Article, audience: str) -> ReadabilityReport:
        """The readability report for ``audience`` without rendering or applying its policy
        (what ``tailor check`` shows); cached like a render's."""
        aud = self.audience(audience)
        self.check(article)
        lang = self.prose_language(article)

        def make() -> ReadabilityReport:
            transformed = self._transform(article, aud)
            return self.readability(transformed, lang=lang)

        return self._reports.get_or_make((article.version, aud.name), make)

    def render_many(
        self,
        requests: Iterable[RenderRequest | tuple[Article, str] | tuple[Article, str, str]],
        executor: Executor | None = None,
        *,
        progress: Progress | None = None,
        errors: Literal["raise", "return"] = "raise",
        chunk_size: int | None = None,
    ) -> list[Rendering | TailorError]:
        """Render many requests, in parallel, and return the results in request order.

        ``requests`` are :class:`~tailor.batch.RenderRequest` values or
        ``(article, audience[, format])`` tuples. With no ``executor`` they render in a
        pool of processes, one per core; pass any :class:`concurrent.futures.Executor` to
        choose (a ``ThreadPoolExecutor``, a ``ProcessPoolExecutor``, Dask's
        ``Client.get_executor()`` for a cluster). Work travels in chunks (``chunk_size``,
        by default eight chunks per worker), each with this Tailor pickled as its
        configuration; each worker process builds it once and reuses it for every chunk
        (until a file in the folders it names changes): those folders must exist where the
        chunk runs. ``progress(done, total)`` is called in this thread as chunks finish.

        Every request is tried even when some fail. With ``errors="raise"`` (the default)
        any failure raises one :class:`~tailor.errors.BatchError` listing every failed
        request, with all results on it; with ``errors="return"`` the list holds the
        :class:`~tailor.errors.TailorError` in place of each failed rendering. Exceptions
        that are not tailor's (a bug, a dead worker) propagate at once.
        """
        return render_many(
            self, requests, executor, progress=progress, errors=errors, chunk_size=chunk_size
        )

    def render_all(
        self, article: Article, format: str = "text", *, locale: str | None = None
    ) -> dict[str, Rendering]:
        """Render ``article`` for every audience, in selector order."""
        return {name: self.render(article, name, format, locale=locale) for name in self.audiences}


def _config_digest(config: Mapping[str, Any]) -> str:
    """A digest naming a configuration, so workers can tell which Tailor a chunk needs."""
    import hashlib
    import pickle

    return hashlib.sha256(pickle.dumps(dict(config), protocol=5)).hexdigest()
