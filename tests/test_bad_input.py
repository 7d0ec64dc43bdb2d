"""The bad-input catalogue: every way content can be wrong, and the answer each one gets.

Each case is one broken input. From Python it raises the named :class:`TailorError`
subclass, whose message names the file, the field path and the line where there is one.
From the command line the same input prints one line, exits with status 2, and leaves
the ``-o`` file as it was. Two inputs that look odd but are fine (a byte-order mark, CRLF
line endings) render exactly like the plain file.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor import (
    ArticleError,
    AudienceError,
    GlossaryError,
    TailorError,
    UnknownAudienceError,
    UnknownLocaleError,
    load_article,
)
from tailor._source import MAX_DEPTH, MAX_FILE_BYTES
from tailor.cli import main
from tailor.tailor import BUNDLED_AUDIENCES

from .conftest import EXAMPLE, example_tailor

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


@dataclass
class Setup:
    """What one case hands to tailor: an article file and the options to render it with."""

    article: Path
    audience: str = "patient"
    locale: str | None = None
    audience_dir: Path | None = None
    glossary_dir: Path | None = None

    def cli_args(self) -> list[str]:
        args = ["render", str(self.article), "-a", self.audience, "-f", "html"]
        if self.locale:
            args += ["-l", self.locale]
        if self.audience_dir:
            args += ["--audiences-dir", str(self.audience_dir)]
        if self.glossary_dir:
            args += ["--glossaries-dir", str(self.glossary_dir)]
        return args


@dataclass(frozen=True)
class Bad:
    """One broken input and the error it must get."""

    name: str
    build: Callable[[Path], Setup]
    error: type[TailorError]
    says: tuple[str, ...]
    #: The field path the first problem names, and a text on the line it must name.
    loc: str | None = None
    line_of: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def _article(tmp: Path, text: str | bytes, name: str = "article.yaml") -> Path:
    path = tmp / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _edit(old: str, new: str) -> Callable[[Path], Setup]:
    def build(tmp: Path) -> Setup:
        assert old in EXAMPLE_TEXT, old
        return Setup(_article(tmp, EXAMPLE_TEXT.replace(old, new, 1)))

    return build


def _text(text: str | bytes, name: str = "article.yaml") -> Callable[[Path], Setup]:
    return lambda tmp: Setup(_article(tmp, text, name))


def _without_disclaimer() -> str:
    return EXAMPLE_TEXT[: EXAMPLE_TEXT.index("disclaimer: >-")]


def _ten_megabytes(tmp: Path) -> Setup:
    filler = "# " + "x" * 98 + "\n"
    body = EXAMPLE_TEXT + filler * (10 * 1024 * 1024 // len(filler))
    return Setup(_article(tmp, body))


def _nested(depth: int) -> str:
    return "terms: " + "[" * depth + "]" * depth + "\n"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _with_audience(text: str, audience: str = "patient") -> Callable[[Path], Setup]:
    def build(tmp: Path) -> Setup:
        folder = tmp / "audiences"
        folder.mkdir()
        (folder / "nurse.yaml").write_text(text, encoding="utf-8")
        return Setup(_article(tmp, EXAMPLE_TEXT), audience=audience, audience_dir=folder)

    return build


CYCLIC_GLOSSARY = """\
name: site
locale: en
entries:
  - term: analgesic
    replacement: painkiller
    source: test
  - term: painkiller
    replacement: pain relief medicine
    source: test
  - term: pain relief medicine
    replacement: analgesic
    source: test
"""


def _cyclic_glossary(tmp: Path) -> Setup:
    folder = tmp / "glossaries"
    folder.mkdir()
    (folder / "site.yaml").write_text(CYCLIC_GLOSSARY, encoding="utf-8")
    return Setup(_article(tmp, EXAMPLE_TEXT), glossary_dir=folder)


CATALOGUE = [
    Bad(
        "yaml-syntax-error",
        _edit("title: Baclofen Safety", 'title: "Baclofen Safety'),
        ArticleError,
        ("file is not valid YAML",),
        line_of=None,
    ),
    Bad(
        "wrong-type",
        _edit("critical: true", "critical: sometimes"),
        ArticleError,
        ("invalid article", "bool_parsing"),
        loc="sections.1.points.1.critical",
        line_of="critical: sometimes",
    ),
    Bad(
        "wrong-type-of-container",
        _edit('citations: ["2"]', 'citations: {"2": yes}'),
        ArticleError,
        ("invalid article", "tuple_type"),
        loc="sections.0.points.2.citations",
        line_of='citations: {"2": yes}',
    ),
    Bad(
        "unknown-field",
        _edit("review_status: under_review", "review_status: under_review\ncolour: red"),
        ArticleError,
        ("extra_forbidden",),
        loc="colour",
        line_of="colour: red",
    ),
    Bad(
        "missing-required-field",
        _edit("title: Baclofen Safety for Muscle Spasms\n", ""),
        ArticleError,
        ("Field required", "[type=missing]"),
        loc="title",
    ),
    Bad(
        "missing-point-text",
        _edit(
            "      - id: not-rheumatic\n        text: >-",
            "      - id: not-rheumatic\n        txt: >-",
        ),
        ArticleError,
        ("[type=missing]",),
        loc="sections.0.points.3.text",
    ),
    Bad(
        "duplicate-point-id",
        _edit("id: spinal-cord", "id: ms-spasticity"),
        ArticleError,
        ("value.duplicate_id", "already used at sections.0.points.0"),
        loc="sections.0.points.1.id",
        line_of="id: ms-spasticity",
    ),
    Bad(
        "duplicate-reference-id",
        _edit('  - id: "8"', '  - id: "6"'),
        ArticleError,
        ("reference id '6' is used more than once",),
        loc="references.7.id",
    ),
    Bad(
        "citation-to-a-missing-reference",
        _edit('citations: ["4"]', 'citations: ["99"]'),
        ArticleError,
        ("citation.unresolved", "cites reference '99'"),
        loc="sections.1.points.5.citations.0",
        line_of='citations: ["99"]',
    ),
    Bad(
        "empty-disclaimer",
        _text(_without_disclaimer() + 'disclaimer: "   "\n'),
        ArticleError,
        ("invalid article", "string_too_short"),
        loc="disclaimer",
        line_of='disclaimer: "   "',
    ),
    Bad(
        "unknown-audience",
        lambda tmp: Setup(_article(tmp, EXAMPLE_TEXT), audience="doctor"),
        UnknownAudienceError,
        ("unknown audience 'doctor'", "known audiences: caregiver, clinician, patient"),
    ),
    Bad(
        "rewording-for-an-unknown-audience",
        _edit(
            '  citations: ["1"]\n  rewordings:\n',
            '  citations: ["1"]\n  rewordings:\n    nurse: Baclofen helps.\n',
        ),
        ArticleError,
        ("audience.unknown", "names audience 'nurse'"),
        loc="lead.rewordings.nurse",
        line_of="nurse: Baclofen helps.",
    ),
    Bad(
        "unknown-locale-requested",
        lambda tmp: Setup(_article(tmp, EXAMPLE_TEXT), locale="xx-YY"),
        UnknownLocaleError,
        ("unsupported locale 'xx-YY'", "supported locales: "),
    ),
    Bad(
        "unknown-locale-in-article",
        _edit("locale: en", "locale: klingon"),
        ArticleError,
        ("locale.unknown", "locale 'klingon' is not one tailor can write"),
        loc="locale",
        line_of="locale: klingon",
    ),
    Bad(
        "unsupported-language-in-article",
        _edit("locale: en", "locale: fr"),
        ArticleError,
        ("locale 'fr' is not one tailor can write", "supported locales: en"),
        loc="locale",
        line_of="locale: fr",
    ),
    Bad(
        "audience-file-with-unknown-field",
        _with_audience("extends: clinician\nlabel: Nurse\ncolour: red\n", audience="nurse"),
        AudienceError,
        ("invalid audience", "colour", "line 3"),
    ),
    Bad(
        "glossary-cycle",
        _cyclic_glossary,
        GlossaryError,
        ("glossary cycle", "'analgesic' (site)", "'painkiller'", "'pain relief medicine'"),
    ),
    Bad(
        "invalid-utf8",
        _text(EXAMPLE_TEXT.encode().replace(b"Baclofen Safety", b"Baclofen \xff\xfeSafety", 1)),
        ArticleError,
        ("file is not valid UTF-8", "byte 0xff"),
        line_of="Safety for Muscle Spasms",
    ),
    Bad(
        "control-character",
        _edit("Baclofen Safety", "Baclofen\x00 Safety"),
        ArticleError,
        ("file is not valid YAML", "U+0000 is not allowed"),
        line_of="Safety for Muscle Spasms",
    ),
    Bad(
        "zero-width-space",
        _edit("Baclofen Safety", "Baclofen\u200b Safety"),
        ArticleError,
        ("U+200B", "zero-width and bidi-control"),
        loc="title",
        line_of="Safety for Muscle Spasms",
    ),
    Bad(
        "bidi-override",
        _edit("30-80 mg/day", "30-80 \u202emg/day"),
        ArticleError,
        ("U+202E",),
        loc="sections.2.points.1.text",
    ),
    Bad(
        "bidi-isolate-in-a-reference",
        _edit("title: Guideline Directed", "title: \u2067Guideline Directed"),
        ArticleError,
        ("U+2067",),
        loc="references.2.title",
        line_of="Guideline Directed",
    ),
    Bad(
        "ten-megabyte-article",
        _ten_megabytes,
        ArticleError,
        (f"over the {MAX_FILE_BYTES:,}-byte limit",),
    ),
    Bad(
        "deeply-nested-yaml",
        _text(_nested(MAX_DEPTH + 20)),
        ArticleError,
        (f"nesting deeper than {MAX_DEPTH} levels",),
    ),
    Bad(
        "deeply-nested-json",
        _text('{"terms": ' + "[" * 5000 + "]" * 5000 + "}", name="article.json"),
        ArticleError,
        (f"nesting deeper than {MAX_DEPTH} levels",),
    ),
    Bad(
        "billion-laughs",
        _text(BILLION_LAUGHS),
        ArticleError,
        ("YAML anchors (&name) are not allowed",),
        extra={"line": 1},
    ),
    Bad(
        "not-a-mapping",
        _text("- just\n- a list\n"),
        ArticleError,
        ("an article must be a mapping of fields, got list",),
    ),
    Bad(
        "impossible-date",
        _edit("last_updated: 2025-10-22", "last_updated: 2025-13-45"),
        ArticleError,
        ("file is not valid YAML", "invalid date '2025-13-45'"),
        line_of="last_updated: 2025-13-45",
    ),
    Bad(
        "unsupported-file-type",
        _text("id: x\n", name="article.txt"),
        ArticleError,
        ("unsupported file type '.txt'",),
    ),
]


def test_a_glossary_cycle_is_refused_when_the_tailor_is_built(tmp_path):
    setup = _cyclic_glossary(tmp_path)
    with pytest.raises(GlossaryError, match="glossary cycle"):
        example_tailor(glossary_dirs=[setup.glossary_dir])


def _library(setup: Setup) -> None:
    t = example_tailor(
        audience_dirs=[setup.audience_dir] if setup.audience_dir else (),
        glossary_dirs=[setup.glossary_dir] if setup.glossary_dir else (),
    )
    article = t.load(setup.article)
    t.render(article, setup.audience, "html", locale=setup.locale)


def _line(path: Path, needle: str) -> int:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    found = [number for number, line in enumerate(lines, 1) if needle in line]
    assert found, needle
    return found[-1]  # the last: a duplicate is the second occurrence


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_a_library_call_raises_a_clear_tailor_error(tmp_path, case: Bad):
    setup = case.build(tmp_path)
    with pytest.raises(TailorError) as info:
        _library(setup)
    error = info.value
    assert type(error) is case.error or isinstance(error, case.error), type(error)
    message = str(error)
    for fragment in case.says:
        assert fragment in message, (fragment, message)
    details = getattr(error, "details", ())
    if isinstance(error, ArticleError) and case.name not in ("unsupported-file-type",):
        assert str(setup.article) in message  # the file is named
    if case.loc is not None:
        assert details, message
        assert ".".join(map(str, details[0].loc)) == case.loc
        assert case.loc in message
    if case.line_of is not None:
        source = setup.article
        expected = _line(source, case.line_of)
        assert any(d.line == expected for d in details), (expected, details)
        assert f"line {expected}" in message
    if "line" in case.extra:
        assert f"line {case.extra['line']}" in message


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_the_cli_prints_one_line_exits_2_and_leaves_the_output_file_alone(tmp_path, case: Bad):
    setup = case.build(tmp_path)
    out = tmp_path / "out" / "page.html"
    out.parent.mkdir()
    out.write_text("the previous good rendering\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*setup.cli_args(), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("tailor: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in case.says[:1]:
        assert fragment in result.stderr
    assert out.read_text(encoding="utf-8") == "the previous good rendering\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["page.html"]  # no temp file left


@pytest.mark.parametrize("source", [None, 5, ["a", "list"]])
def test_a_library_call_with_neither_a_path_nor_a_mapping_is_an_article_error(source):
    with pytest.raises(ArticleError, match="an article is a file path or a mapping of fields"):
        load_article(source)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["render", "{tmp}/missing.yaml"], "does not exist"),
        (["render", str(EXAMPLE), "-f", "pdf"], "'pdf' is not one of"),
        (["render", str(EXAMPLE), "--colour", "red"], "No such option"),
        (["render"], "Missing argument"),
    ],
    ids=["missing-file", "unknown-format", "unknown-option", "no-file"],
)
def test_command_line_mistakes_are_one_line_and_exit_2_too(tmp_path, args, says):
    out = tmp_path / "out.html"
    out.write_text("kept\n", encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in args] + ["-o", str(out)]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("tailor: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr
    assert out.read_text(encoding="utf-8") == "kept\n"


def test_a_new_output_file_is_not_created_on_bad_input(tmp_path):
    setup = CATALOGUE[0].build(tmp_path)
    out = tmp_path / "never.html"
    result = CliRunner().invoke(main, [*setup.cli_args(), "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_the_installed_command_exits_2_with_one_line(tmp_path):
    setup = _edit('citations: ["4"]', 'citations: ["99"]')(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "tailor.cli", *setup.cli_args()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    assert "sections.1.points.5.citations.0" in proc.stderr


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("byte-order-mark", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf-line-endings", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("bom-and-crlf", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()),
    ],
)
def test_a_bom_or_crlf_renders_exactly_like_the_plain_file(tmp_path, tailor, name, encode):
    odd = tmp_path / f"{name}.yaml"
    odd.write_bytes(encode(EXAMPLE_TEXT))
    plain = tailor.load(EXAMPLE)
    loaded = tailor.load(odd)
    assert loaded == plain
    for fmt in ("html", "text"):
        assert (
            tailor.render(loaded, "patient", fmt).content
            == tailor.render(plain, "patient", fmt).content
        )
    result = CliRunner().invoke(main, ["render", str(odd), "-a", "patient"])
    assert result.exit_code == 0
    assert "\r" not in result.stdout


def test_bundled_audiences_are_untouched_by_these_tests():
    assert {p.stem for p in BUNDLED_AUDIENCES.glob("*.yaml")} >= {"clinician", "patient"}
