"""The bad-input catalogue, round two: inputs that used to load silently wrong or crash.

Same contract as :mod:`tests.test_bad_input`: from Python each case raises the named
:class:`TailorError` subclass naming file, field path and line; from the command line it
prints one line and exits 2. The inputs are the attack run's, kept so they cannot return:

- duplicate keys (the last value used to win: a pending review became approved, a
  critical point stopped being critical), in YAML and JSON, named with both lines;
- loose types: a number for ``last_updated`` (read as a Unix timestamp) and a YAML
  ``!!set`` of citations (whose order followed the hash seed);
- values too big for their parser (a 5,000-digit year);
- configuration that used to be ignored: a glossary in a locale tailor does not write,
  per-audience replacements for an audience nobody defined, an audience naming a
  glossary that does not exist;
- error messages that quoted a megabyte of untrusted input back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor import (
    ArticleError,
    AudienceError,
    GlossaryError,
    TailorError,
    UnknownAudienceError,
    UnknownFormatError,
    UnknownLocaleError,
    load_article,
)
from tailor.cli import main
from tailor.errors import QUOTE_LIMIT, quoted

from .conftest import example_tailor
from .test_bad_input import (
    EXAMPLE_TEXT,
    Bad,
    Setup,
    _article,
    _edit,
    _with_audience,
)
from .test_bad_input import (
    test_a_library_call_raises_a_clear_tailor_error as _check_library,
)
from .test_bad_input import (
    test_the_cli_prints_one_line_exits_2_and_leaves_the_output_file_alone as _check_cli,
)


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


def _appended(extra: str) -> str:
    return EXAMPLE_TEXT.rstrip("\n") + "\n" + extra


DUPLICATE_STATUS = _appended("review_status: approved\n")
DUPLICATE_CRITICAL = EXAMPLE_TEXT.replace(
    "      - id: withdrawal-abrupt\n        critical: true\n",
    "      - id: withdrawal-abrupt\n        critical: true\n        critical: false\n",
    1,
)
assert DUPLICATE_CRITICAL != EXAMPLE_TEXT


def _json_article(tmp: Path, transform) -> Setup:
    data = load_article(_article(tmp, EXAMPLE_TEXT, "source.yaml")).model_dump(mode="json")
    text = transform(json.dumps(data, indent=2))
    return Setup(_article(tmp, text, "article.json"))


def _json_duplicate_status(tmp: Path) -> Setup:
    return _json_article(
        tmp,
        lambda text: text.replace(
            '"review_status": "under_review",',
            '"review_status": "under_review",\n  "review_status": "approved",',
            1,
        ),
    )


def _json_number_date(tmp: Path) -> Setup:
    return _json_article(
        tmp, lambda text: text.replace('"last_updated": "2025-10-22"', '"last_updated": 0', 1)
    )


def _json_huge_year(tmp: Path) -> Setup:
    return _json_article(tmp, lambda text: text.replace('"year": 2025', '"year": ' + "9" * 5000, 1))


def _glossary(text: str):
    def build(tmp: Path) -> Setup:
        folder = tmp / "glossaries"
        folder.mkdir()
        (folder / "site.yaml").write_text(text, encoding="utf-8")
        return Setup(_article(tmp, EXAMPLE_TEXT), glossary_dir=folder)

    return build


def _deep_extends(depth: int):
    def build(tmp: Path) -> Setup:
        folder = tmp / "audiences"
        folder.mkdir()
        for i in range(depth):
            parent = f"level{i + 1}" if i + 1 < depth else "patient"
            (folder / f"level{i}.yaml").write_text(f"extends: {parent}\n", encoding="utf-8")
        return Setup(_article(tmp, EXAMPLE_TEXT), audience="level0", audience_dir=folder)

    return build


CATALOGUE = [
    # -- item 3: duplicate keys ---------------------------------------------------------
    Bad(
        "duplicate-key-review-status",
        lambda tmp: Setup(_article(tmp, DUPLICATE_STATUS)),
        ArticleError,
        ("duplicate key 'review_status'", "first given on line 10"),
        loc="review_status",
        line_of="review_status: approved",
    ),
    Bad(
        "duplicate-key-critical",
        lambda tmp: Setup(_article(tmp, DUPLICATE_CRITICAL)),
        ArticleError,
        ("duplicate key 'critical'",),
        line_of="critical: false",
    ),
    Bad(
        "duplicate-key-json",
        _json_duplicate_status,
        ArticleError,
        ("duplicate key 'review_status'", "first given on line"),
        loc="review_status",
        line_of='"review_status": "approved"',
    ),
    Bad(
        "duplicate-key-audience",
        _with_audience("extends: patient\nlabel: Nurse\nlabel: Nurse (pending)\n", "nurse"),
        AudienceError,
        ("duplicate key 'label'", "first given on line 2"),
    ),
    Bad(
        "duplicate-key-glossary",
        _glossary(
            "name: site\nlocale: en\nentries:\n  - term: ataxia\n    replacement: unsteadiness\n"
            "    replacement: steadiness\n    source: test\n"
        ),
        GlossaryError,
        ("duplicate key 'replacement'", "first given on line 5"),
    ),
    Bad(
        "yaml-merge-key",
        _edit("review_status: under_review", "<<: {review_status: approved}"),
        ArticleError,
        ("merge keys",),
    ),
    # -- item 4: loose types --------------------------------------------------------------
    Bad(
        "last-updated-zero",
        _edit("last_updated: 2025-10-22", "last_updated: 0"),
        ArticleError,
        ("ISO date",),
        loc="last_updated",
        line_of="last_updated: 0",
    ),
    Bad(
        "last-updated-timestamp",
        _edit("last_updated: 2025-10-22", "last_updated: 1700006400"),
        ArticleError,
        ("ISO date",),
        loc="last_updated",
    ),
    Bad(
        "last-updated-date-and-time",
        _edit("last_updated: 2025-10-22", "last_updated: 2025-10-22 10:30:00"),
        ArticleError,
        ("ISO date",),
        loc="last_updated",
    ),
    Bad("last-updated-number-in-json", _json_number_date, ArticleError, ("ISO date",)),
    Bad(
        "citations-as-a-set",
        _edit('citations: ["3"]', 'citations: !!set {"3": null}'),
        ArticleError,
        ("!!set",),
        line_of='citations: !!set {"3": null}',
    ),
    # -- item 12: values too big for their parser ---------------------------------------
    Bad(
        "reference-year-of-5000-digits-yaml",
        _edit("year: 2025", "year: " + "9" * 5000),
        ArticleError,
        ("too many digits",),
        line_of="year: 999",
    ),
    Bad("reference-year-of-5000-digits-json", _json_huge_year, ArticleError, ("too many digits",)),
    Bad(
        "extends-chain-3000-deep",
        _deep_extends(3000),
        AudienceError,
        ("extends",),
    ),
    Bad(
        "glossary-term-of-symbols-only",
        _glossary(
            "name: site\nlocale: en\nentries:\n  - term: '.*'\n    replacement: anything\n"
            "    source: test\n"
        ),
        GlossaryError,
        ("has no words",),
    ),
    Bad(
        "glossary-term-plus-signs",
        _glossary(
            "name: site\nlocale: en\nentries:\n  - term: '+++'\n    replacement: plus\n"
            "    source: test\n"
        ),
        GlossaryError,
        ("has no words",),
    ),
    # -- item 14: configuration that used to be ignored ---------------------------------
    Bad(
        "glossary-in-an-unknown-locale",
        _glossary("name: site\nlocale: xx\nentries:\n  - term: ataxia\n    source: test\n"),
        GlossaryError,
        ("locale 'xx'", "line 2"),
    ),
    Bad(
        "glossary-in-a-locale-tailor-does-not-write",
        _glossary("name: site\nlocale: fr\nentries:\n  - term: ataxie\n    source: test\n"),
        GlossaryError,
        ("locale 'fr'", "line 2"),
    ),
    Bad(
        "replacements-for-an-unknown-audience",
        _glossary(
            "name: site\nlocale: en\nentries:\n  - term: ataxia\n    replacement: unsteadiness\n"
            "    replacements:\n      nurse: wobbliness\n    source: test\n"
        ),
        GlossaryError,
        ("'nurse'", "entries.0.replacements.nurse", "line 7"),
    ),
    Bad(
        "audience-naming-a-missing-glossary",
        _with_audience("extends: patient\nglossaries: [audience:nurse]\n", "nurse"),
        AudienceError,
        ("'audience:nurse'", "glossaries.0", "line 2"),
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_a_library_call_raises_a_clear_tailor_error(tmp_path, case: Bad):
    _check_library(tmp_path, case)


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_the_cli_prints_one_line_and_exits_2(tmp_path, case: Bad):
    _check_cli(tmp_path, case)


def test_a_duplicate_key_names_both_lines(tmp_path):
    path = _article(tmp_path, DUPLICATE_STATUS)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    first = _line_of(DUPLICATE_STATUS, "review_status:")
    second = _line_of(DUPLICATE_STATUS, "review_status:", 2)
    assert f"line {second}" in str(info.value) and f"line {first}" in str(info.value)


def test_a_json_duplicate_key_is_refused_even_without_lines(tmp_path):
    """A duplicate is refused by the JSON parser itself, whatever the line map says."""
    text = '{"id": "x", "id": "y"}'
    with pytest.raises(ArticleError, match="duplicate key 'id'"):
        load_article(_article(tmp_path, text, "a.json"))


def test_keys_that_only_look_alike_are_not_duplicates(tmp_path, baclofen):
    """Rewordings for two audiences, or the same key in two points, are not duplicates."""
    assert load_article(_article(tmp_path, EXAMPLE_TEXT)).version == baclofen.version


@pytest.mark.parametrize("value", [0, 1700006400, 1.5, True, "1700006400", "22/10/2025"])
def test_last_updated_is_an_iso_date_and_nothing_else(article_dict, value):
    article_dict["last_updated"] = value
    with pytest.raises(ArticleError, match="ISO date"):
        load_article(article_dict)


def test_an_iso_date_string_or_a_date_is_accepted(article_dict, baclofen):
    article_dict["last_updated"] = "2025-10-22"
    assert load_article(article_dict).last_updated == baclofen.last_updated
    article_dict["last_updated"] = baclofen.last_updated
    assert load_article(article_dict).last_updated == baclofen.last_updated


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("lead", "citations"), {"1"}),
        (("sections", 0, "points", 0, "citations"), frozenset({"1"})),
        (("sections", 0, "points", 0, "audiences"), {"clinician", "patient"}),
        (("terms",), set()),
    ],
)
def test_a_set_where_a_list_belongs_is_refused_from_a_dict(article_dict, where, value):
    node = article_dict
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    with pytest.raises(ArticleError, match="a list") as info:
        load_article(article_dict)
    assert ".".join(map(str, info.value.details[0].loc)) == ".".join(map(str, where))


# -- item 22: what a message quotes is capped ---------------------------------------------

MEGABYTE = "x" * 1_000_000


def test_quoted_cuts_long_input_and_says_how_long_it_was():
    assert quoted("fr") == "'fr'"
    shown = quoted(MEGABYTE)
    assert len(shown) < QUOTE_LIMIT + 60 and "1,000,000 characters" in shown
    assert quoted("x" * QUOTE_LIMIT) == repr("x" * QUOTE_LIMIT)


@pytest.mark.parametrize(
    "call",
    [
        lambda t, a: t.negotiate_locale(MEGABYTE),
        lambda t, a: t.negotiate_locale("zz;q=0.5," * 100_000),
        lambda t, a: t.render(a, "patient", locale=MEGABYTE),
        lambda t, a: t.render(a, MEGABYTE),
        lambda t, a: t.render(a, "patient", MEGABYTE),
        lambda t, a: t.resolve_locale(MEGABYTE),
        lambda t, a: load_article(
            {**a.model_dump(mode="json"), "locale": MEGABYTE}, locales=["en"]
        ),
        lambda t, a: load_article({**a.model_dump(mode="json"), "id": MEGABYTE}),
        lambda t, a: load_article({**a.model_dump(mode="json"), MEGABYTE: 1}),
    ],
    ids=[
        "accept-language",
        "accept-language-list",
        "locale",
        "audience",
        "format",
        "resolve-locale",
        "article-locale",
        "article-id",
        "unknown-field",
    ],
)
def test_an_error_never_echoes_a_megabyte_of_input(tailor, baclofen, call):
    with pytest.raises(TailorError) as info:
        call(tailor, baclofen)
    assert isinstance(
        info.value,
        UnknownLocaleError | UnknownAudienceError | UnknownFormatError | ArticleError,
    )
    assert len(str(info.value)) < 2_000, len(str(info.value))


def test_the_cli_never_echoes_a_megabyte_either(tmp_path):
    path = _article(tmp_path, EXAMPLE_TEXT)
    result = CliRunner().invoke(main, ["render", str(path), "-a", "patient", "-l", "x" * 100_000])
    assert result.exit_code == 2
    assert len(result.stderr) < 2_000


def test_an_error_detail_message_is_capped_too(tmp_path):
    text = EXAMPLE_TEXT.replace("review_status: under_review", "review_status: " + "y" * 200_000)
    with pytest.raises(ArticleError) as info:
        load_article(_article(tmp_path, text))
    assert len(str(info.value)) < 2_000
    assert re.search(r"review_status, line \d+", str(info.value))


def test_a_glossary_error_from_a_good_tailor_is_still_a_tailor_error(tmp_path):
    """The item-14 checks run when the Tailor is built, before any render."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "g.yaml").write_text(
        "name: g\nlocale: en\nentries:\n  - term: ataxia\n    replacements: {ghost: x}\n"
        "    source: t\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="ghost"):
        example_tailor(glossary_dirs=[folder])
    assert isinstance(GlossaryError("x"), TailorError)


def test_a_large_glossary_still_names_the_line_of_a_problem_found_after_loading(tmp_path):
    """A large file keeps its line map packed (the bundled glossary's is 56,000 field
    paths); a problem found once the Tailor checks the configuration still has its line."""
    entries = [
        f"  - term: zqterm{i}\n    replacement: plain{i}\n    source: t\n" for i in range(900)
    ]
    entries[700] = "  - term: ataxia\n    replacements: {ghost: wobbliness}\n    source: t\n"
    text = "name: big\nlocale: en\nentries:\n" + "".join(entries)
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "big.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("    replacements: {ghost: wobbliness}") + 1
    with pytest.raises(GlossaryError) as info:
        example_tailor(glossary_dirs=[folder])
    assert info.value.details[0].line == line and f"line {line}" in str(info.value)
