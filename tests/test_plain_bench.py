"""The plain-words evaluation (issue 13): which rows it reads, and how it counts.

The figures themselves are findings, printed by ``make bench``; these tests check that the
code computing them counts what it says on small, hand-made inputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks import plain_bench
from benchmarks.plain_bench import Corpus, hard_words, pdq_rows, spl_article, text_figures

from tailor import Glossary, GlossaryEntry
from tailor.pipeline.load import load_article

from .conftest import example_tailor


def _pairs(tmp_path: Path, n: int) -> Path:
    lines = ["hp_file\tpatient_file\thp_url\tpatient_url"]
    lines += [f"hp{i}.md\tp{i}.md\t-\t-" for i in range(1, n + 1)]
    (tmp_path / "pairs.tsv").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_odd_rows_are_the_first_third_and_so_on_and_even_rows_the_others(tmp_path):
    folder = _pairs(tmp_path, 5)
    assert [h.name for h, _ in pdq_rows(folder, "odd")] == ["hp1.md", "hp3.md", "hp5.md"]
    assert [h.name for h, _ in pdq_rows(folder, "even")] == ["hp2.md", "hp4.md"]
    assert len(pdq_rows(folder, "all")) == 5


def test_text_figures_count_words_sentences_and_long_sentences():
    scorer = example_tailor().scorer
    long = " ".join(["word"] * 21) + "."
    found = text_figures(["The cat sat on the mat. It ran [2].", long], scorer)
    assert (found.words, found.sentences, found.long_sentences) == (6 + 2 + 21, 3, 1)
    assert found.words_per_sentence == pytest.approx(29 / 3)
    assert found.long_share == pytest.approx(100 / 3)
    assert found.syllables == 29  # every one of these words has one syllable
    assert found.fk == pytest.approx(0.39 * 29 / 3 + 11.8 - 15.59)


def _article(text: str):
    return load_article(
        {
            "id": "a",
            "locale": "en",
            "question": "Q?",
            "title": "T",
            "lead": {"id": "lead", "text": text},
            "sections": [{"id": "s", "title": "S", "points": [{"id": "s-1", "text": "Fine."}]}],
            "last_updated": "2026-01-01",
            "review_status": "submitted",
        }
    )


def test_a_hard_word_counts_unless_replaced_explained_or_a_name():
    layer = Glossary(
        name="test",
        entries=(
            GlossaryEntry(term="zorbification", replacement="itching", source="test"),
            GlossaryEntry(term="quibblosis", definition="A made-up word.", source="test"),
        ),
    )
    t = example_tailor(glossaries=[layer])
    text = "Zorbification and quuxitude worried Blorpington, and quibblosis too. QXZ did not."
    corpus = Corpus([_article(text)], tailor=t)
    found = hard_words(corpus, "clinician")
    # The clinician keeps every word: all three made-up lower-case words count, the
    # capitalised name mid-sentence does not, and the sentence-initial word does; an
    # abbreviation in capitals is a name even where it starts a sentence.
    assert sorted(found.examples) == ["quibblosis", "quuxitude", "zorbification"]
    patient = hard_words(corpus, "patient")
    assert "zorbification" not in patient.examples  # replaced
    assert "quuxitude" in patient.examples  # untouched
    assert patient.words == found.words  # "itching" is one word, like its term


def test_words_the_extraction_ran_together_are_counted_apart_from_hard_words():
    # A table footnote letter glued to the next word ("aReprinted") is an artefact of the
    # source, not a word a reader must learn; a real word with an inner capital is not one.
    t = example_tailor(glossaries=[])
    text = "Data aReprinted with permission; bNumber of cases. Quuxitude in mRNA and qHPV."
    found = hard_words(Corpus([_article(text)], tailor=t), "patient")
    assert found.joined_examples == {"aReprinted": 1, "bNumber": 1}
    assert "areprinted" not in found.examples and "bnumber" not in found.examples
    assert "quuxitude" in found.examples
    assert found.joined_per_1000 == pytest.approx(1000 * 2 / found.words)


_SPL = """<?xml version="1.0"?>
<document xmlns="urn:hl7-org:v3">
 <code code="34391-3" displayName="HUMAN PRESCRIPTION DRUG LABEL"/>
 <component><structuredBody>
  <component><section><code displayName="INDICATIONS &amp; USAGE SECTION"/>
   <title>1 INDICATIONS</title>
   <text><paragraph>Drug X is indicated for hypercholesterolemia in adults.</paragraph>
   <paragraph>It reduces the risk of myocardial infarction in patients.</paragraph></text>
   <component><section><code displayName="SPL UNCLASSIFIED SECTION"/>
    <text><list><item>Concomitant use requires careful monitoring of patients.</item></list></text>
   </section></component>
  </section></component>
  <component><section><code displayName="SPL MEDGUIDE SECTION"/>
   <text><paragraph>What is the most important information I should know?</paragraph></text>
  </section></component>
 </structuredBody></component>
</document>
"""


def test_an_spl_label_gives_its_professional_prose_and_leaves_the_patient_leaflet(tmp_path):
    path = tmp_path / "label.xml"
    path.write_text(_SPL)
    article = spl_article(path)
    texts = [p.text for _, p in article.points()]  # the lead first
    assert texts == [
        "Drug X is indicated for hypercholesterolemia in adults.",
        "It reduces the risk of myocardial infarction in patients.",
        "Concomitant use requires careful monitoring of patients.",
    ]
    otc = tmp_path / "otc.xml"
    otc.write_text(_SPL.replace("PRESCRIPTION", "OTC"))
    assert spl_article(otc) is None


def test_the_figures_are_computed_from_a_tiny_corpus(tmp_path):
    fixtures = Path(__file__).parent / "fixtures" / "pdq"
    for version in ("hp", "patient"):
        shutil.copytree(fixtures / version, tmp_path / version)
    hp, patient = (next((tmp_path / v).glob("*.md")).name for v in ("hp", "patient"))
    (tmp_path / "pairs.tsv").write_text(
        f"hp_file\tpatient_file\thp_url\tpatient_url\n{hp}\t{patient}\t-\t-\n"
    )
    report = plain_bench.measure_pdq(tmp_path, "odd")
    figures = report.summary()
    assert report.articles == 1
    assert figures["fk_clinician"] > figures["fk_human"]
    assert 1.0 < figures["syllables_per_word"] < 3.0
    assert figures["unexplained_per_1000"] > 0
    rows = plain_bench.results_for(report, targets=True)
    assert all(r.status in ("PASS", "MISS") for r in rows if r.target is not None)
    assert plain_bench.measure_pdq(tmp_path, "even").articles == 0


def test_without_the_corpus_its_figures_say_they_were_skipped(monkeypatch):
    monkeypatch.setattr(plain_bench, "corpus_dir", lambda: None)
    (row,) = plain_bench.run(quick=True)
    assert row.status == "INFO" and "skipped" in row.detail
