"""documents/plan.py: the plan a council reads, as Markdown, DOCX and PDF."""

import io
import subprocess

import pytest
from docx import Document as DocxDocument

from participatiemix.documents.plan import plan_docx, plan_markdown, plan_pdf
from participatiemix.mix.advisor import advise
from participatiemix.mix.case import load_case
from participatiemix.mix.catalogue import load_catalogue
from participatiemix.mix.vocabulary import DATA_DIR, load_vocabulary


@pytest.fixture(scope="module")
def advice():
    return advise(load_case(DATA_DIR / "cases" / "aardgasvrij.yaml"))


def names(advice, lang="nl"):
    vocab = load_vocabulary()
    return {vocab.label("instruments", i["id"], lang) for p in advice["phases"] for i in p["instruments"]}


def test_markdown_holds_what_a_council_needs(advice):
    md = plan_markdown(advice)
    assert md.startswith("*Participatieplan*")
    assert "# Een alternatief voor Gronings gas kiezen" in md
    assert "Gemeente Voorbeeldgemeente" in md
    for heading in (
        "## Kan participatie beginnen?",
        "## Het plan in het kort",
        "## Waarschuwingen",
        "## 1. Agendavorming",
        "### Aanbevolen mix",
        "## Momenten van de raad",
        "## Wie bereiken we, en hoe?",
        "## Wat vraagt dit van de gemeente?",
        "## Schatting",
    ):
        assert heading in md, heading
    assert "Belofte aan deelnemers" in md
    assert "Kaders van de raad ontbreken" in md
    for name in names(advice):
        assert name in md


def test_docx_is_readable_and_names_the_question_and_instruments(advice):
    doc = DocxDocument(io.BytesIO(plan_docx(advice)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Een alternatief voor Gronings gas kiezen" in text
    assert "Hoe betrekken we inwoners bij de keuze" in text
    for name in names(advice):
        assert name in text + cells
    assert any(p.style.name == "Heading 1" and p.text == "Momenten van de raad" for p in doc.paragraphs)


def test_pdf_text_holds_the_question_and_instruments(advice, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf(advice))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Een alternatief voor Gronings gas kiezen" in flat
    for name in names(advice):
        assert name in flat, name


def test_english_document(advice):
    md = plan_markdown(advise(load_case(DATA_DIR / "cases" / "aardgasvrij.yaml"), lang="en"), lang="en")
    assert "*Participation plan*" in md and "## Council moments" in md and "Municipality Voorbeeldgemeente" in md


def test_minimal_advice_still_renders():
    md = plan_markdown({"case": {"title": "Kaal"}, "phases": []})
    assert "# Kaal" in md and "Er zijn geen waarschuwingen." in md


def test_richer_options_follow_the_mix_in_every_format(advice, tmp_path):
    phase = next(p for p in advice["phases"] if p.get("richer_options"))
    option = phase["richer_options"][0]
    # The catalogue's name, as the document uses it (a vocabulary label can be shorter).
    name = load_catalogue().get(option["id"]).label("nl")
    md = plan_markdown(advice)
    section = md.split(f"## {advice['phases'].index(phase) + 1}. ")[1].split("\n## ")[0]
    assert "### Als er meer geld of tijd is" in section
    assert f"- {name}: {option['why']}" in section
    assert section.index("### Aanbevolen mix") < section.index("### Als er meer geld of tijd is")
    doc = DocxDocument(io.BytesIO(plan_docx(advice)))
    assert any(p.text == "Als er meer geld of tijd is" for p in doc.paragraphs)
    assert any(p.text.startswith(f"{name}: ") for p in doc.paragraphs)
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf(advice))
    flat = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Als er meer geld of tijd is" in flat


def test_advice_without_richer_options_has_no_such_section(advice):
    older = {**advice, "phases": [{k: v for k, v in p.items() if k != "richer_options"} for p in advice["phases"]]}
    assert "Als er meer geld of tijd is" not in plan_markdown(older)
    assert "With more money or time" in plan_markdown(
        advise(load_case(DATA_DIR / "cases" / "aardgasvrij.yaml"), lang="en"), lang="en"
    )
