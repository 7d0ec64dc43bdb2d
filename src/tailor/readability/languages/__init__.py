"""The languages tailor scores, one module each: a new language is a new module here,
named in ``_PROFILES`` below.

A :class:`Language` holds everything scoring needs that differs by language: its grade
formulas and their names, its reading-ease formulas, how a word's syllables are counted,
the abbreviations whose full stop ends no sentence, and the inflections a frequency list
counts apart. Nothing else in :mod:`tailor.readability` branches on a language code.
"""

from __future__ import annotations

from ...errors import UnknownLocaleError
from .en import ENGLISH
from .es import SPANISH
from .profile import Language

__all__ = ["LANGUAGES", "Language", "check_lang", "language"]

_PROFILES = {profile.code: profile for profile in (ENGLISH, SPANISH)}

#: Languages tailor has formulas and syllable rules for. Any other ``lang`` raises
#: :class:`~tailor.errors.UnknownLocaleError` instead of silently scoring as English.
LANGUAGES = tuple(_PROFILES)


def check_lang(lang: str) -> str:
    """``lang`` if tailor can score it; an unknown language raises rather than scoring as
    English (textstat's silent fallback makes Spanish look easy or hard at random)."""
    if lang not in _PROFILES:
        raise UnknownLocaleError(lang, LANGUAGES)
    return lang


def language(lang: str) -> Language:
    """The profile of ``lang``; an unknown language raises (see :func:`check_lang`)."""
    return _PROFILES[check_lang(lang)]
