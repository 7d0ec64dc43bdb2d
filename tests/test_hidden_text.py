"""Nothing hidden reaches a reader, and substitutions stay inline (issue 11, items 5 and 7).

One text policy (:mod:`tailor._text`) for every string a reader sees, whatever file it
comes from: control characters (ESC, CR, backspace...), bidi controls and invisible
characters are refused with an error naming the file, the field and the line. The attack
inputs are kept here: ``ESC[8m`` concealed the rest of a terminal page (critical points,
references and disclaimer) while verification passed, and a right-to-left override made
"5-10 mg" display as "10-5 mg".

A glossary replacement is inline text: a line break in it is refused, and Markdown output
escapes what would start a block, so no content can create a heading, a rule or a list or
split a bold critical point in two.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tailor import (
    ArticleError,
    AudienceError,
    Glossary,
    GlossaryEntry,
    GlossaryError,
    Tailor,
    load_article,
)
from tailor._text import text_problem
from tailor.audience import AudienceSet
from tailor.cli import main
from tailor.tailor import BUNDLED_AUDIENCES

from .conftest import EXAMPLE, example_tailor

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")

#: The attack run's hidden characters, each as a YAML double-quoted escape.
HIDDEN = {
    "esc-conceal": "\\e[8m",
    "carriage-return": "\\r",
    "backspace": "\\b",
    "del": "\\x7f",
    "c1-csi": "\\x9b",
    "next-line": "\\x85",
    "rlo": "\\u202e",
    "lrm": "\\u200e",
    "rlm": "\\u200f",
    "arabic-letter-mark": "\\u061c",
    "lri": "\\u2066",
    "soft-hyphen": "\\xad",
    "function-application": "\\u2061",
    "hangul-choseong-filler": "\\u115f",
    "hangul-filler": "\\u3164",
    "tag-latin-a": "\\U000E0041",
    "variation-selector-16": "\\ufe0f",
    "variation-selector-supplement": "\\U000E0100",
    "combining-grapheme-joiner": "\\u034f",
    "mongolian-vowel-separator": "\\u180e",
    "zero-width-space": "\\u200b",
    "zero-width-joiner": "\\u200d",
    "word-joiner": "\\u2060",
    "bom-inside-text": "\\ufeff",
    "line-separator": "\\u2028",
    "private-use": "\\ue000",
}


def _yaml_string(plain: str, hidden: str) -> str:
    """A YAML double-quoted string with ``hidden`` inside ``plain``."""
    return '"' + plain[:4] + hidden + plain[4:] + '"'


def _decode_any(escape: str) -> str:
    import yaml

    return yaml.safe_load('"' + escape + '"')


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_the_policy_refuses_every_hidden_character(name):
    char = _decode_any(HIDDEN[name])
    assert text_problem(f"Take 5{char}-10 mg") is not None
    assert text_problem(f"Take 5{char}-10 mg", multiline=True) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Baclofen 30-80 mg/day, 39°C, 5%",
        "¿Es seguro el baclofeno? Sí, según la guía.",
        "Non-breaking\u00a0space and an en dash – and “quotes”",
        "Greek β-blocker, Turkish İ, German ß, Japanese 日本",
        "An emoji ⚠ without a variation selector",
        "café written with a combining accent: cafe\u0301",
    ],
)
def test_ordinary_unicode_is_untouched(text):
    assert text_problem(text) is None


def test_line_breaks_are_allowed_only_where_text_may_span_lines():
    assert text_problem("first line\nsecond line\twith a tab", multiline=True) is None
    assert text_problem("a label\twith a tab") is None
    assert "line break" in (text_problem("first line\nsecond line") or "")


# -- every field a reader sees, from every kind of file --------------------------------------

ARTICLE_FIELDS = {
    # field path as the error names it -> (text in the example to put the character in)
    "question": "question: Is baclofen",
    "title": "title: Baclofen Safety",
    "references.1.doi": None,
    "references.1.url": None,
    "references.1.title": None,
    "terms.0.replacement": None,
    "terms.0.definition": None,
}


def _article_with(tmp: Path, loc: str, escape: str) -> Path:
    """The example with the hidden character in field ``loc`` (YAML escapes)."""
    text = EXAMPLE_TEXT
    if loc == "question":
        text = text.replace(
            "question: Is baclofen (GABA receptor agonist) safe for treating muscle spasms?",
            "question: " + _yaml_string("Is baclofen safe for treating muscle spasms?", escape),
        )
    elif loc == "title":
        text = text.replace(
            "title: Baclofen Safety for Muscle Spasms",
            "title: " + _yaml_string("Baclofen Safety for Muscle Spasms", escape),
        )
    elif loc.startswith("references.1."):
        field = loc.rsplit(".", 1)[1]
        original = "    title: Bacloffen (Lioresal) in the long-term management of spasticity.\n"
        assert original in text
        if field == "title":
            new = "    title: " + _yaml_string("Baclofen in spasticity", escape) + "\n"
        else:
            value = {"doi": "10.1000/xyz123", "url": "https://example.org/guideline"}[field]
            new = original + f"    {field}: {_yaml_string(value, escape)}\n"
        text = text.replace(original, new)
    elif loc.startswith("terms.0."):
        field = loc.rsplit(".", 1)[1]
        entry = {"term": "spasticity", "replacement": "muscle stiffness"}
        entry[field] = "PLACEHOLDER"
        lines = ["terms:", "  - term: spasticity"]
        for key, value in entry.items():
            if key != "term":
                lines.append(f"    {key}: " + (value if value != "PLACEHOLDER" else "X"))
        block = "\n".join(lines).replace(
            f"{field}: X", f"{field}: " + _yaml_string("stiff muscles", escape)
        )
        text = text.rstrip("\n") + "\n" + block + "\n"
    path = tmp / "article.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_with(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize("loc", sorted(ARTICLE_FIELDS))
@pytest.mark.parametrize("name", ["esc-conceal", "rlo", "soft-hyphen", "tag-latin-a", "lrm"])
def test_an_article_field_with_a_hidden_character_is_refused_naming_field_and_line(
    tmp_path, loc, name
):
    escape = HIDDEN[name]
    path = _article_with(tmp_path, loc, escape)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    detail = info.value.details[0]
    assert ".".join(map(str, detail.loc)) == loc
    assert detail.line == _line_with(path, escape), (detail, escape)
    assert str(path) in str(info.value) and loc in str(info.value)


WITHDRAWAL_TEXT = """\
        text: >-
          Significant withdrawal symptoms have been reported following abrupt discontinuation
          of baclofen in patients who take it long-term
"""


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_a_critical_point_with_any_hidden_character_is_refused(tmp_path, name):
    assert WITHDRAWAL_TEXT in EXAMPLE_TEXT
    hidden = _yaml_string(
        "Significant withdrawal symptoms after abrupt discontinuation", HIDDEN[name]
    )
    path = tmp_path / "article.yaml"
    path.write_text(
        EXAMPLE_TEXT.replace(WITHDRAWAL_TEXT, f"        text: {hidden}\n"), encoding="utf-8"
    )
    with pytest.raises(ArticleError) as info:
        load_article(path)
    (detail,) = info.value.details
    assert ".".join(map(str, detail.loc)) == "sections.4.points.0.text"
    assert detail.line == _line_with(path, HIDDEN[name])


def _glossary_file(tmp: Path, field: str, escape: str) -> Path:
    entry = {
        "term": '"ataxia"',
        "replacement": '"unsteadiness"',
        "definition": '"Loss of control of body movements."',
        "source": '"test"',
    }
    if field == "replacements.patient":
        entry["replacements"] = "\n      patient: " + _yaml_string("wobbliness", escape)
    elif field == "forms.0":
        entry["forms"] = "[" + _yaml_string("ataxic gait", escape) + "]"
    else:
        entry[field] = _yaml_string(entry[field].strip('"'), escape)
    body = "".join(f"    {k}: {v}\n" for k, v in entry.items())
    folder = tmp / "glossaries"
    folder.mkdir(exist_ok=True)
    path = folder / "site.yaml"
    path.write_text(
        "name: site\nlocale: en\nentries:\n" + "  - " + body[4:],
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "field", ["term", "replacement", "definition", "replacements.patient", "forms.0", "source"]
)
@pytest.mark.parametrize("name", ["esc-conceal", "rlo", "zero-width-space", "hangul-filler"])
def test_a_glossary_field_with_a_hidden_character_is_refused(tmp_path, field, name):
    path = _glossary_file(tmp_path, field, HIDDEN[name])
    with pytest.raises(GlossaryError) as info:
        Glossary.from_file(path)
    detail = info.value.details[0]
    assert ".".join(map(str, detail.loc)) == f"entries.0.{field}"
    assert detail.line == _line_with(path, HIDDEN[name])
    assert str(path) in str(info.value)


def test_a_glossary_built_in_code_is_checked_when_compiled(baclofen):
    layer = Glossary(
        name="code",
        entries=(GlossaryEntry(term="spasticity", replacement="stiff\u202e muscles", source="t"),),
    )
    with pytest.raises(GlossaryError, match=r"entries\.0\.replacement.*U\+202E"):
        example_tailor(glossaries=[layer])


@pytest.mark.parametrize(
    ("field", "yaml_value"),
    [
        ("label", None),
        ("description", None),
        ("voice.intro", None),
        ("voice.subject", None),
    ],
)
@pytest.mark.parametrize("name", ["esc-conceal", "rlm", "function-application"])
def test_an_audience_field_with_a_hidden_character_is_refused(tmp_path, field, yaml_value, name):
    value = _yaml_string("Nurse or midwife", HIDDEN[name])
    if field.startswith("voice."):
        body = f"extends: clinician\nvoice:\n  {field.split('.')[1]}: {value}\n"
    else:
        body = f"extends: clinician\n{field}: {value}\n"
    folder = tmp_path / "audiences"
    folder.mkdir()
    (folder / "nurse.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(AudienceError) as info:
        AudienceSet.from_dirs([BUNDLED_AUDIENCES, folder])
    detail = info.value.details[0]
    assert ".".join(map(str, detail.loc)) == field
    assert (
        detail.line
        == body.splitlines().index(next(line for line in body.splitlines() if HIDDEN[name] in line))
        + 1
    )
    assert "nurse.yaml" in str(info.value)


def test_json_and_dict_sources_get_the_same_policy(article_dict, tmp_path):
    article_dict["sections"][0]["points"][0]["text"] = "Take 5\u202e-10 mg"
    with pytest.raises(ArticleError, match=r"sections\.0\.points\.0\.text.*U\+202E"):
        load_article(article_dict)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(article_dict), encoding="utf-8")
    with pytest.raises(ArticleError, match=r"sections\.0\.points\.0\.text, line \d+"):
        load_article(path)


def _string_leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every string in ``node`` (plain data), dict keys excepted."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _string_leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _string_leaves(v, (*path, i))]
    return [path] if isinstance(node, str) else []


def _with_hidden(data: Any, path: tuple[Any, ...], char: str) -> Any:
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    value = node[path[-1]]
    node[path[-1]] = value[:1] + char + value[1:]
    return data


#: One of each kind: a terminal escape, a bidi override and mark, invisible characters.
KINDS = ["esc-conceal", "rlo", "lrm", "soft-hyphen", "tag-latin-a", "zero-width-space"]


@pytest.mark.parametrize("name", KINDS)
def test_every_string_of_an_article_is_held_to_the_policy_naming_its_field(article_dict, name):
    """Whatever string of the article it is in (with its own terms, as an article may
    carry), a hidden character is refused at load, naming that string's field."""
    article_dict["terms"] = [
        {"term": "spasticity", "forms": ["spastic"], "replacement": "stiff", "definition": "d"}
    ]
    article_dict["translation_of"] = "baclofen-muscle-spasms"
    char = _decode_any(HIDDEN[name])
    paths = _string_leaves(article_dict)
    assert len(paths) > 60
    for path in paths:
        with pytest.raises(ArticleError) as info:
            load_article(_with_hidden(article_dict, path, char))
        assert path in [d.loc for d in info.value.details], path


@pytest.mark.parametrize("audience", ["clinician", "patient", "caregiver"])
@pytest.mark.parametrize("name", KINDS)
def test_every_string_of_an_audience_file_is_held_to_the_policy(tmp_path, audience, name):
    """Every string of each bundled audience, copied into a site audience with a hidden
    character in it, is refused when the audiences are read, naming the field: label,
    description, the disclaimer note, the voice, every reader heading."""
    data = yaml.safe_load((BUNDLED_AUDIENCES / f"{audience}.yaml").read_text(encoding="utf-8"))
    char = _decode_any(HIDDEN[name])
    folder = tmp_path / "audiences"
    folder.mkdir()
    for path in _string_leaves(data):
        (folder / "nurse.yaml").write_text(
            yaml.safe_dump(_with_hidden(data, path, char), allow_unicode=True), encoding="utf-8"
        )
        with pytest.raises(AudienceError) as info:
            AudienceSet.from_dirs([BUNDLED_AUDIENCES, folder])
        assert ".".join(map(str, path)) in str(info.value), path


def test_the_cli_refuses_a_concealing_escape_in_one_line_and_writes_nothing(tmp_path):
    path = _article_with(tmp_path, "title", HIDDEN["esc-conceal"])
    result = CliRunner().invoke(main, ["render", str(path), "-a", "patient", "-f", "text"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "U+001B" in result.stderr and result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr  # the message names the character, never prints it


# -- item 7: substitutions stay inline ------------------------------------------------------


@pytest.mark.parametrize(
    "replacement",
    [
        "muscle\n\nstiffness",
        "muscle stiffness\n---\n",
        "stiffness\n# Heading",
        "stiffness\n\n- a new bullet",
    ],
)
def test_a_replacement_with_a_line_break_is_refused(tmp_path, replacement):
    folder = tmp_path / "glossaries"
    folder.mkdir()
    path = folder / "site.yaml"
    path.write_text(
        "name: site\nlocale: en\nentries:\n  - term: spasticity\n"
        f"    replacement: {json.dumps(replacement)}\n    source: test\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as info:
        example_tailor(glossary_dirs=[folder])
    detail = info.value.details[0]
    assert detail.loc == ("entries", 0, "replacement") and detail.line == 5
    assert "line break" in detail.msg


def test_an_article_term_replacement_with_a_line_break_is_refused(article_dict):
    article_dict["terms"] = [{"term": "spasticity", "replacement": "stiff\n\n---\nmuscles"}]
    with pytest.raises(ArticleError, match=r"terms\.0\.replacement.*line break"):
        load_article(article_dict)


def _blocks(markdown: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(markdown) if t.nesting != -1]


MARKDOWN_SIGNIFICANT = ["# Heading", "---", "- item", "1. first", "+ plus", "=== rule", "> quote"]


@pytest.mark.parametrize("replacement", MARKDOWN_SIGNIFICANT)
def test_markdown_significant_replacements_stay_inside_their_point(
    glossary_only, tmp_path, replacement
):
    """A critical bullet stays one bold bullet, whatever the replacement says.

    The reference swaps the same term for harmless words, so both renderings have the same
    shape (the same Words to know) whatever the bundled glossary says about the term.
    """

    def site(name: str, plain: str) -> Tailor:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "site.yaml").write_text(
            "name: site\nlocale: en\nentries:\n  - term: baclofen\n"
            f"    replacement: {json.dumps(plain)}\n    source: test\n",
            encoding="utf-8",
        )
        return example_tailor(glossary_dirs=[folder])

    t, harmless = site("hostile", replacement), site("harmless", "muscle relaxer")
    for audience in ("clinician", "patient"):
        swapped = t.render(glossary_only, audience, "markdown", readability=False).content
        reference = harmless.render(glossary_only, audience, "markdown", readability=False)
        assert reference.content
        assert _blocks(swapped) == _blocks(reference.content), (audience, replacement)


@pytest.mark.parametrize("text", ["- Not a bullet", "1. Not a list", "--- not a rule", "+ no"])
def test_a_lead_that_starts_like_markdown_structure_stays_a_paragraph(article_dict, tailor, text):
    article_dict["lead"]["text"] = text + " " + article_dict["lead"]["text"]
    article_dict["lead"]["rewordings"] = {}
    art = load_article(article_dict)
    out = tailor.render(art, "clinician", "markdown", readability=False).content
    reference = tailor.render(load_article(EXAMPLE), "clinician", "markdown", readability=False)
    assert _blocks(out) == _blocks(reference.content)


def test_a_point_written_over_several_lines_stays_one_bullet(article_dict, tailor):
    point = article_dict["sections"][4]["points"][0]
    assert point["critical"] is True
    point["text"] = "Use with care.\n\n---\n\n# Not a heading\n\n- not a bullet"
    point["rewordings"] = {}
    art = load_article(article_dict)
    out = tailor.render(art, "clinician", "markdown", readability=False).content
    reference = tailor.render(load_article(EXAMPLE), "clinician", "markdown", readability=False)
    assert _blocks(out) == _blocks(reference.content)
    assert "**Use with care.  \n  \\---  \n  \\# Not a heading  \n  \\- not a bullet**" in out
