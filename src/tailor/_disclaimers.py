"""A deployment's professional disclaimer: the text it shows and the texts it accepts.

The policy is always on (issue 11, item 6). An article that gives no ``disclaimer:`` shows
the deployment's; an article that gives one must give a text the deployment accepts (its
own, or a wording listed for a language: a reviewed translation, or another text it has
approved). Anything else is refused: the disclaimer is liability text, and "disclaimer:
OK." in a content file must not replace it. A deployment that configures nothing shows
tailor's neutral :data:`~tailor.model.DEFAULT_DISCLAIMER` and accepts only that.

The policy can live in a file (``Tailor(disclaimers=...)``, ``tailor --disclaimers``), so
a deployment keeps it beside its other configuration and the CLI can be given it::

    disclaimer: For healthcare professionals. ...     # optional: tailor's neutral text
    language: en                                      # the language of `disclaimer`
    accepted:                                         # optional: by language
      es:
        - Para profesionales de la salud. ...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from ._text import check_nonempty_prose, text_problem
from .errors import ConfigError, ErrorDetail, InputError, quoted
from .i18n import language_of
from .model import DEFAULT_DISCLAIMER

__all__ = ["DisclaimerPolicy", "read_policy"]


_Text = Annotated[str, AfterValidator(check_nonempty_prose)]


def _listed(value: Any) -> Any:
    """One accepted text may be written without the list around it."""
    return [value] if isinstance(value, str) else value


_Language = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")]


class _PolicyFile(BaseModel):
    """What a disclaimer policy file may say; any other key is an error."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    disclaimer: _Text | None = None
    language: _Language = "en"
    accepted: dict[_Language, Annotated[list[_Text], BeforeValidator(_listed)]] = Field(
        default_factory=dict
    )


def read_policy(path: str | Path) -> dict[str, Any]:
    """The keyword arguments of :class:`~tailor.Tailor` that the policy file at ``path``
    gives (``disclaimer``, ``accepted_disclaimers``, ``disclaimer_language``).

    Raises :class:`~tailor.errors.ConfigError` naming the file, the field and the line.
    """
    from ._source import read_file, validate_model  # file reading loads on first use

    data, lines, source = read_file(path, error=ConfigError)
    policy = validate_model(
        _PolicyFile,
        data,
        source=source,
        lines=lines,
        error=ConfigError,
        what="disclaimer policy",
    )
    return {
        "disclaimer": policy.disclaimer,
        "accepted_disclaimers": {lang: list(texts) for lang, texts in policy.accepted.items()},
        "disclaimer_language": policy.language,
    }


def normal(text: str) -> str:
    """``text`` with its white space collapsed: how accepted texts are compared (a YAML
    folded block and a one-line string of the same words are the same disclaimer)."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class DisclaimerPolicy:
    """The text a deployment shows and every text it accepts, each with its language."""

    disclaimer: str
    accepted: Mapping[str, str]  # normal(text) -> language

    @classmethod
    def build(
        cls,
        disclaimer: str | None,
        accepted: Mapping[str, str | Sequence[str]],
        language: str,
    ) -> DisclaimerPolicy:
        """The policy for ``Tailor(disclaimer=..., accepted_disclaimers=...,
        disclaimer_language=...)``; every text must itself be clean, non-empty text."""
        required = disclaimer if disclaimer is not None else DEFAULT_DISCLAIMER
        texts: dict[str, str] = {}
        for lang, given in [(language, required), *accepted.items()]:
            for text in [given] if isinstance(given, str) else list(given):
                problem = (
                    text_problem(text, multiline=True) if isinstance(text, str) else "is not text"
                )
                if problem or not str(text).strip():
                    raise InputError(
                        f"disclaimer for {quoted(lang)} {problem or 'is empty'}",
                        source="Tailor(accepted_disclaimers=...)",
                    )
                texts.setdefault(normal(text), language_of(lang))
        return cls(required, texts)

    def language_of(self, text: str) -> str | None:
        """The language of ``text`` if the deployment accepts it, else None."""
        return self.accepted.get(normal(text))

    def problems(self, disclaimer: str, given: bool) -> list[ErrorDetail]:
        """Why an article's ``disclaimer`` (``given`` in its source, or the default) is
        refused; none if it is accepted or the article gives none."""
        if not given or self.language_of(disclaimer) is not None:
            return []
        return [
            ErrorDetail(
                "disclaimer.not_accepted",
                ("disclaimer",),
                "this deployment does not accept the article's disclaimer; remove the field "
                "to show the deployment's own, or have the deployment accept its wording (or "
                "its reviewed translation): Tailor(accepted_disclaimers=...), or a policy "
                "file given to Tailor(disclaimers=...) or to the tailor command's "
                "--disclaimers (see examples/disclaimers.yaml)",
            )
        ]
