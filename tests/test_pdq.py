"""The PDQ converter: a real NCI summary becomes an article that keeps every fact and cite."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tailor import ArticleError, ReviewStatus
from tailor.importers.pdq import convert_file, convert_text

from .conftest import AUDIENCES

FIXTURES = Path(__file__).parent / "fixtures" / "pdq"
HP = FIXTURES / "hp" / "types-small-intestine-hp-small-intestine-treatment-pdq.md"
PATIENT = FIXTURES / "patient" / "types-small-intestine-patient-small-intestine-treatment-pdq.md"

FRONT = "---\ntitle: Test Summary (PDQ®) - NCI\nlastReviewed: '2025-12-30'\n---\n"


def _summary(body: str) -> str:
    return FRONT + "\n# Test Summary (PDQ®)–Health Professional Version\n\n" + body


@pytest.fixture(scope="module")
def small_intestine():
    return convert_file(HP)


def test_the_summary_s_name_date_and_review_state_come_from_the_file(small_intestine):
    art = small_intestine
    assert art.id == "types-small-intestine-hp-small-intestine-treatment-pdq"
    assert art.question == "Small Intestine Cancer Treatment (PDQ®)"
    assert art.title == "Small Intestine Cancer Treatment (PDQ®)–Health Professional Version"
    assert art.last_updated == dt.date(2025, 12, 30)
    # Nobody has reviewed the conversion yet: readers see the pending-review caution.
    assert art.review_status is ReviewStatus.SUBMITTED


def test_sections_come_from_headings_and_the_boilerplate_is_left_out(small_intestine):
    titles = [s.title for s in small_intestine.sections]
    assert titles[:3] == [
        "Incidence and Mortality",
        "Follow-Up and Survivorship",
        "Cellular Classification of Small Intestine Cancer",
    ]
    assert "Treatment of Small Intestine Leiomyosarcoma" in titles
    boilerplate = re.compile(r"About This PDQ|Latest Updates|Disclaimer|Contact Us")
    assert not any(boilerplate.search(t) for t in titles)


def test_points_are_paragraphs_and_list_items_with_links_and_markers_removed(small_intestine):
    texts = [p.text for _, p in small_intestine.points()]
    assert small_intestine.lead.text == (
        "Estimated new cases and deaths from small intestine cancer in the United States in 2025:"
    )
    assert "New cases: 13,920." in texts and "Deaths: 2,060." in texts
    assert not any("](" in t or "#cit/" in t or "**" in t for t in texts)
    assert not any(t.startswith("Go to Patient Version") for t in texts)
    assert any(t.startswith("Neuroendocrine tumors of the small intestine are") for t in texts)


def test_citations_point_at_the_reference_list_of_their_section(small_intestine):
    cites = {p.id: p.citations for _, p in small_intestine.points()}
    assert small_intestine.lead.citations == ("1.1",)
    assert any(c == ("1.1", "1.2") for c in cites.values())
    acs = small_intestine.reference("1.1")
    assert acs is not None and acs.listed
    assert acs.source == "American Cancer Society"
    assert acs.title.startswith("Cancer Facts and Figures 2025")
    assert acs.year == 2025 and acs.url and acs.url.startswith("https://www.cancer.org/")


def test_a_range_of_citations_is_expanded_and_markers_leave_the_text():
    text = _summary(
        "## Overview\n\nFirst paragraph.\n\n## Findings\n\n"
        "Four herbs.[[2](#cit/section_2.2)-[4](#cit/section_2.4),[10](#cit/section_2.10)]\n"
    )
    art = convert_text(text, article_id="t")
    (point,) = art.sections[0].points
    assert point.text == "Four herbs."
    assert point.citations == ("2.2", "2.3", "2.4", "2.10")


def test_a_reference_gives_authors_title_year_and_pubmed_id():
    text = _summary(
        "## Overview\n\nFirst.\n\n## Chemistry\n\nHerbs were analysed.[[1](#cit/section_2.1)]\n\n"
        "###### References\n\n"
        "1. Tamayo C, Richardson MA, Diamond S, et al.: The chemistry and biological activity of "
        "herbs used in Flor-Essence herbal tonic and Essiac. Phytother Res 14 (1): 1-14, 2000. "
        "[[PUBMED Abstract]](http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=PubMed"
        '&list_uids=10641040&dopt=Abstract "x")\n'
        "2. Uncited E: A reference no point cites. J Test 1: 1-2, 1999.\n"
    )
    (ref,) = convert_text(text, article_id="t").references  # the uncited one is left out
    assert ref.source == "Tamayo C, Richardson MA, Diamond S, et al."
    assert ref.title.startswith("The chemistry and biological activity of herbs")
    assert (ref.year, ref.pmid, ref.kind) == (2000, "10641040", "research")


def test_a_citation_without_a_reference_entry_is_kept_as_unlisted():
    text = _summary("## Overview\n\nFirst.\n\n## Facts\n\nA finding.[[3](#cit/section_2.3)]\n")
    (ref,) = convert_text(text, article_id="t").references
    assert (ref.id, ref.listed, ref.title) == ("2.3", False, None)


def test_a_summary_without_a_review_date_is_refused():
    with pytest.raises(ArticleError, match="lastReviewed"):
        convert_text("---\ntitle: X\n---\n## A\n\nText.\n\n## B\n\nMore.\n", article_id="t")


def test_an_editor_can_mark_the_conversion_approved():
    art = convert_file(HP, review_status="approved")
    assert art.review_status is ReviewStatus.APPROVED


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_converted_summary_renders_verified_for_every_audience(
    tailor, small_intestine, audience
):
    out = tailor.render(small_intestine, audience, "html", readability=False)
    assert "13,920" in out.content
    assert small_intestine.disclaimer in out.content


def test_the_patient_version_converts_too_so_both_are_scored_the_same_way(tailor):
    art = convert_file(PATIENT)
    assert art.title.endswith("–Patient Version")
    assert art.references == ()
    out = tailor.render(art, "clinician", "text")
    assert out.readability is not None and out.readability.article.words > 1000


def test_the_cli_writes_article_files_that_load_back(tmp_path, small_intestine):
    from click.testing import CliRunner

    from tailor import load_article
    from tailor.cli import main

    result = CliRunner().invoke(main, ["convert-pdq", str(HP.parent), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.glob("*.yaml")
    assert written.name == f"{small_intestine.id}.yaml"
    assert load_article(written) == small_intestine
