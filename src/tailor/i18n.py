"""Locales: the message catalogs tailor speaks, and which of them a reader asked for.

tailor never translates medical content (an article is written per locale); it localises
what it adds itself: interface words, audience labels and intros, the pending-review
caution, dates and numbers. Those strings live in gettext catalogs under
``tailor/locale/<lang>/LC_MESSAGES/tailor.po``, extracted by ``pybabel extract -F babel.cfg``.

Catalogs are compiled from the ``.po`` in memory the first time a locale is used, so there
is no compiled ``.mo`` to build by hand, forget to rebuild, or let drift from its source;
Babel's own checkers run on the way, so a translation that drops a ``%(name)s`` placeholder
fails loudly instead of rendering wrong.
"""

from __future__ import annotations

import gettext
import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML loads with the first file read, not with tailor (issue 16)
    import yaml

from .errors import CatalogError, ErrorDetail, UnknownLocaleError
from .lexical import language_of, posix_tag

__all__ = [
    "DOMAIN",
    "Catalogs",
    "available_languages",
    "catalog_path",
    "extract_audiences",
    "language_of",
    "load_translations",
    "negotiate_locale",
    "parse_accept_language",
]

#: The gettext domain: catalogs are ``<lang>/LC_MESSAGES/tailor.po``.
DOMAIN = "tailor"

#: The longest Accept-Language header read, and the most entries taken from it: a header
#: is untrusted input, and no browser sends more than a handful of languages.
MAX_HEADER_LENGTH = 4096
MAX_HEADER_ENTRIES = 32

_TAG = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")
_QUALITY = re.compile(r"^[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def catalog_path(localedir: Path, locale: str) -> Path:
    """Where the catalog for ``locale`` lives under ``localedir``."""
    return localedir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages(localedir: Path) -> tuple[str, ...]:
    """Languages with a catalog in ``localedir``, plus English, which the templates are in."""
    found = {"en"}
    if localedir.is_dir():
        found.update(
            p.name for p in localedir.iterdir() if catalog_path(localedir, p.name).is_file()
        )
    return tuple(sorted(found))


def load_translations(localedir: Path, locale: str) -> gettext.NullTranslations:
    """gettext translations for ``locale``: its own catalog ("es_MX"), else its language's.

    English needs no catalog (the templates are written in it), so a missing English
    catalog gives :class:`gettext.NullTranslations`; any other language without a catalog
    is a :class:`CatalogError`, never a silent switch to English.
    """
    import babel  # with the first locale resolved, not with tailor (issue 16)

    parsed = babel.Locale.parse(posix_tag(locale))
    for candidate in dict.fromkeys((str(parsed), parsed.language)):
        path = catalog_path(localedir, candidate)
        if path.is_file():
            return compile_catalog(path)
    if parsed.language == "en":
        return gettext.NullTranslations()
    raise CatalogError(f"no message catalog for locale {locale!r}", source=str(localedir))


def compile_catalog(path: Path) -> gettext.GNUTranslations:
    """Read, check and compile one ``.po`` file into translations, all in memory.

    Fuzzy entries are left out (a translator has not confirmed them), as ``msgfmt`` does.
    Every problem names the file and the line of the entry.
    """
    # Loaded here, not at import: babel.messages pulls in babel.dates and its tables.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except OSError as exc:
        raise CatalogError(f"cannot read message catalog: {exc}", source=str(path)) from None
    except PoFileError as exc:
        # Babel counts lines from 0 and says so in its message; editors count from 1.
        bad = str(exc.line).strip()
        raise CatalogError(
            "cannot read message catalog",
            source=str(path),
            details=[ErrorDetail("catalog.syntax", (), f"cannot parse {bad!r}", exc.lineno + 1)],
        ) from None
    problems = [
        ErrorDetail("catalog.check", ("msgid", str(message.id)), str(error), line=message.lineno)
        for message, errors in catalog.check()
        for error in errors
    ]
    if problems:
        raise CatalogError(
            "message catalog fails Babel's checks", source=str(path), details=problems
        )
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def parse_accept_language(header: str) -> list[tuple[str, float]]:
    """Language ranges of an HTTP ``Accept-Language`` header, most preferred first.

    Follows RFC 9110: entries are ``tag;q=weight``; equal weights keep the header's order.
    Malformed entries are skipped (a browser's header is not an editor's file, and one
    odd entry should not cost the reader the rest), as are those beyond
    :data:`MAX_HEADER_ENTRIES`.
    """
    ranges: list[tuple[str, float]] = []
    for raw in header[:MAX_HEADER_LENGTH].split(",")[:MAX_HEADER_ENTRIES]:
        tag, *params = (part.strip() for part in raw.split(";"))
        if not _TAG.match(tag):
            continue
        quality = 1.0
        for param in params:
            m = _QUALITY.match(param)
            if m is None:
                quality = -1.0
                break
            quality = float(m.group(1))
        if quality >= 0:
            ranges.append((tag, quality))
    return sorted(ranges, key=lambda r: -r[1])


def negotiate_locale(header: str, supported: Sequence[str]) -> str | None:
    """The entry of ``supported`` that best fits an ``Accept-Language`` header, or None.

    Matching is Babel's (:func:`babel.negotiate_locale`): a requested "es-MX" takes a
    supported "es_MX" if there is one, else "es". A range with ``q=0`` refuses that
    language, and ``*`` accepts the first supported locale. None means nothing in the
    header is supported; the caller decides what to do, tailor does not guess.

    >>> negotiate_locale("es-MX,es;q=0.9,en;q=0.8", ["en", "es"])
    'es'
    >>> negotiate_locale("en-GB,en;q=0.7", ["en", "en_GB", "es"])
    'en_GB'
    >>> negotiate_locale("fr-CH, fr;q=0.9", ["en", "es"]) is None
    True
    """
    import babel

    ranges = parse_accept_language(header)
    refused = {posix_tag(tag).lower() for tag, q in ranges if q == 0}
    spelled = {s.lower(): s for s in supported}
    for tag, quality in ranges:
        if quality == 0:
            continue
        if tag == "*":
            allowed = [s for s in supported if s.lower() not in refused]
            return allowed[0] if allowed else None
        found = babel.negotiate_locale([posix_tag(tag)], list(supported))
        # Babel answers in the header's spelling ("ES"); answer in the supported one.
        chosen = spelled.get(found.lower()) if found is not None else None
        if chosen is not None and chosen.lower() not in refused:
            return chosen
    return None


class Catalogs:
    """The interface languages of one catalog folder: which locales a reader may ask for,
    how a request resolves, and each locale's translations, compiled once and shared.

    A :class:`tailor.Tailor` holds one and answers its locale questions through it, so the
    rules for locales live here, beside the catalogs, not in the facade. Safe to share
    across threads: only the translations cache changes, under a lock.
    """

    def __init__(self, localedir: Path) -> None:
        self.localedir = localedir
        #: Languages with a catalog, plus English (sorted).
        self.languages: tuple[str, ...] = available_languages(localedir)
        self._translations: dict[str, gettext.NullTranslations] = {}
        self._lock = threading.Lock()

    def resolve(self, locale: str) -> str:
        """Normalise ``locale`` ("es-MX" -> "es_MX") and refuse ones tailor cannot write."""
        import babel  # light (its locale data loads per locale, on demand)

        try:
            parsed = babel.Locale.parse(posix_tag(locale))
        except (ValueError, TypeError, babel.UnknownLocaleError):
            raise UnknownLocaleError(locale, self.languages) from None
        if parsed.language not in self.languages:
            raise UnknownLocaleError(locale, self.languages)
        # Babel maps a region it has no data for ("es-ZZ") to the language's default
        # ("es_ES"); a reader who asked for a region must get it or a clear refusal.
        asked = [p for p in posix_tag(locale).split("_")[1:] if p]
        regions = [p.upper() for p in asked if (len(p) == 2 and p.isalpha()) or p.isdigit()]
        if regions and parsed.territory != regions[-1]:
            raise UnknownLocaleError(locale, self.languages)
        return str(parsed)

    def negotiate(
        self,
        accept_language: str,
        *,
        supported: Sequence[str] | None = None,
        default: str | None = None,
    ) -> str:
        """The locale to render in for an ``Accept-Language`` header (see
        :meth:`tailor.Tailor.negotiate_locale`, which documents the arguments)."""
        choices = [self.resolve(s) for s in (supported or self.languages)]
        found = negotiate_locale(accept_language, choices)
        if found is not None:
            return found
        if default is not None:
            return self.resolve(default)
        raise UnknownLocaleError(accept_language, choices)

    def translations(self, locale: str) -> gettext.NullTranslations:
        """gettext translations for ``locale``, compiled from its catalog on first use."""
        found = self._translations.get(locale)
        if found is not None:
            return found
        resolved = self.resolve(locale)
        with self._lock:
            if locale not in self._translations:
                self._translations[locale] = load_translations(self.localedir, resolved)
            return self._translations[locale]

    def heading_translator(self, text_locale: str) -> Callable[[str], str]:
        """How audience heading maps read in text written in ``text_locale``: that
        language's catalog, or the map as written for English or a language with no catalog
        (its titles then simply do not match the English map)."""
        language = language_of(text_locale)
        if language == "en" or language not in self.languages:
            return _as_written
        return self.translations(language).gettext


def _as_written(text: str) -> str:
    """A heading map read as written (an English article, or no catalog for its language)."""
    return text


def extract_audiences(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Iterable[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor for audience files: the label, intro, disclaimer note and heading
    map a reader sees.

    Registered in ``babel.cfg`` so ``pybabel extract`` finds audience labels ("Patient",
    shown in the "Which best describes you?" selector) and intros next to the template
    strings. Yields ``(line, funcname, message, comments)`` as Babel expects.
    """
    import yaml

    root = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    wanted = {("label",), ("voice", "intro"), ("disclaimer_note",)}
    yield from _scalars(root, (), wanted)
    yield from _headings(root)


def _headings(root: yaml.MappingNode) -> Iterator[tuple[int, str, str, list[str]]]:
    """Both sides of an audience's heading map: the clinical title is translated too, so
    the map finds a section in an article written in the catalog's language."""
    import yaml  # loaded where it is used, not with tailor (issue 16)

    for key, value in root.value:
        if key.value != "headings" or not isinstance(value, yaml.MappingNode):
            continue
        for clinical, reader in value.value:
            if isinstance(clinical, yaml.ScalarNode) and clinical.value:
                line = clinical.start_mark.line + 1
                yield line, "_", str(clinical.value), ["audience heading: a clinical title"]
            if isinstance(reader, yaml.ScalarNode) and reader.value:
                line = reader.start_mark.line + 1
                yield line, "_", str(reader.value), ["audience heading: its reader title"]


def _scalars(
    node: yaml.MappingNode, path: tuple[str, ...], wanted: set[tuple[str, ...]]
) -> Iterator[tuple[int, str, str, list[str]]]:
    import yaml

    for key, value in node.value:
        here = (*path, str(key.value))
        if isinstance(value, yaml.MappingNode):
            yield from _scalars(value, here, wanted)
        elif here in wanted and isinstance(value, yaml.ScalarNode) and value.value:
            comment = f"audience {'.'.join(here)}"
            yield value.start_mark.line + 1, "_", str(value.value), [comment]
