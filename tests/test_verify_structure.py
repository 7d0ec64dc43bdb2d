"""Verification checks structure, not distance: every valid article renders (issue 11, 13).

verify used to look for a point's citations within 120 characters after its text in plain
text and Markdown, so a point with 19 or 30 citations, or an article of 1,000 references
each cited once, failed ``citation.shown``; and a point containing ``&lt;`` or ``&amp;``
failed in Markdown, whose reader sees a character reference decoded. Now citations are
looked for on the line where the point's text ends, and Markdown escapes every ``&`` that
would start a character reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tailor import InvariantError, load_article

from .conftest import AUDIENCES, FORMATS, example_tailor


def _article(article_dict: dict, *, refs: int, cite_all_in_one: bool) -> dict:
    data = dict(article_dict)
    data["references"] = [
        {"id": f"ref-{i:04d}", "kind": "research", "title": f"Study {i}", "source": "J Test"}
        for i in range(refs)
    ]
    data["lead"] = {**data["lead"], "citations": ["ref-0000"], "rewordings": {}}
    sections = []
    for section in data["sections"]:
        points = [{**p, "citations": ["ref-0000"], "rewordings": {}} for p in section["points"]]
        sections.append({**section, "points": points})
    if cite_all_in_one:
        sections[0]["points"][0]["citations"] = [f"ref-{i:04d}" for i in range(refs)]
    else:  # one extra point per reference, each citing it once
        extra = [
            {
                "id": f"extra-{i}",
                "text": f"Finding {i} of the trials.",
                "citations": [f"ref-{i:04d}"],
            }
            for i in range(refs)
        ]
        sections.append({"id": "extra", "title": "More findings", "points": extra})
    data["sections"] = sections
    return data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("count", [19, 30])
def test_a_point_with_many_citations_renders(tailor, article_dict, fmt, count):
    article = load_article(_article(article_dict, refs=count, cite_all_in_one=True))
    for audience in AUDIENCES:
        tailor.render(article, audience, fmt, readability=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("in_one_point", [True, False], ids=["by-one-point", "by-1000-points"])
def test_a_thousand_references_each_cited_once_render(tailor, article_dict, fmt, in_one_point):
    article = load_article(_article(article_dict, refs=1000, cite_all_in_one=in_one_point))
    tailor.render(article, "clinician", fmt, readability=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "text", ["Keep ALT &lt; 3x ULN.", "Ask your doctor &amp; nurse &#60;now&#62;."]
)
def test_character_references_in_a_point_render_as_written(tailor, article_dict, fmt, text):
    data = dict(article_dict)
    point = {**data["sections"][0]["points"][0], "text": text, "rewordings": {}}
    data["sections"] = [{**data["sections"][0], "points": [point]}, *data["sections"][1:]]
    tailor.render(load_article(data), "clinician", fmt, readability=False)


def test_markdown_shows_a_character_reference_literally(tailor, article_dict):
    data = dict(article_dict)
    point = {**data["sections"][0]["points"][0], "text": "Keep ALT &lt; 3x ULN.", "rewordings": {}}
    data["sections"] = [{**data["sections"][0], "points": [point]}, *data["sections"][1:]]
    content = tailor.render(load_article(data), "clinician", "markdown").content
    shown = MarkdownIt("commonmark").render(content)
    assert "Keep ALT &amp;lt; 3x ULN." in shown  # the HTML for the text "&lt;", not "<"


def test_citations_moved_off_their_point_s_line_are_caught(tmp_path, baclofen):
    # Structure, not distance: a template writing every point's citations on a line of
    # their own (far from nothing, yet not with the point) fails citation.shown.
    from tailor.tailor import BUNDLED_TEMPLATES

    source = (BUNDLED_TEMPLATES / "article.txt.j2").read_text(encoding="utf-8")
    shown = '{{ p.text | replace("\\n", "\\n    ") }}'
    moved = source.replace(shown + "{{ cites(p) }}", shown + "\n{{ cites(p) }}")
    assert moved != source
    (tmp_path / "article.txt.j2").write_text(moved, encoding="utf-8")
    with pytest.raises(InvariantError, match=r"citation\.shown"):
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "clinician", "text")


ROOT = Path(__file__).resolve().parent.parent
PDQ = next(
    (
        d / "nci-pdq-pairs" / "hp"
        for d in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
        if (d / "nci-pdq-pairs" / "hp").is_dir()
    ),
    None,
)


@pytest.mark.skipif(PDQ is None, reason="needs ../shared/data/nci-pdq-pairs beside the clone")
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_pdq_summary_whose_citations_ran_past_the_window_renders(tailor, fmt):
    # Its point 'dietary-fat-1' cites so many sources that "(Sources: ...)" ran past
    # the 120 characters verify used to look at; 1 of the 70 summaries.
    from tailor.importers.pdq import convert_file

    assert PDQ is not None
    article = convert_file(PDQ / "types-prostate-hp-prostate-prevention-pdq.md")
    for audience in ("patient", "caregiver"):
        tailor.render(article, audience, fmt, readability=False)
