import subprocess
from io import BytesIO

from docx import Document as DocxDocument
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.documents.base import (
    Bullets,
    Document,
    Facts,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Table,
    render,
    to_docx,
    to_html,
    to_markdown,
    to_pdf,
)


def sample() -> Document:
    doc = Document(title="Aardgasvrij <samen>", organisation="Gemeente Voorbeeld", kind="Participatieplan")
    return doc.add(
        Heading("Vraag"),
        Paragraph("Hoe kiezen we een alternatief voor gas?", "lead"),
        Facts([("Schaal", "Gemeente")]),
        Bullets(["Wijkgesprek", "Straatgesprek"]),
        Table(["Doelgroep", "Bereikt via"], [["Ouderen", "Keukentafelgesprek | thuis"]], caption="Bereik"),
        Note("De raad heeft nog geen kaders gesteld.", "warning", "Kaders ontbreken"),
        PageBreak(),
        Paragraph("Slot", "muted"),
    )


def test_markdown_has_every_block_and_escapes_table_pipes():
    md = to_markdown(sample())
    assert md.startswith("*Participatieplan*")
    assert "# Aardgasvrij &lt;samen&gt;" in md  # user text never becomes HTML
    assert "- **Schaal:** Gemeente" in md
    assert "| Ouderen | Keukentafelgesprek \\| thuis |" in md
    assert "> **Kaders ontbreken** De raad heeft nog geen kaders gesteld." in md


def test_docx_holds_the_text_with_a_repeating_table_header():
    data = to_docx(sample())
    docx = DocxDocument(BytesIO(data))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Aardgasvrij <samen>" in text and "Hoe kiezen we een alternatief voor gas?" in text
    assert "Wijkgesprek" in text
    tables = docx.tables
    assert tables[1].rows[0].cells[0].text == "Doelgroep"
    assert tables[1].rows[0]._tr.xml.count("tblHeader") == 1
    assert docx.sections[0].header.paragraphs[0].text == "Gemeente Voorbeeld · Participatieplan"


def test_html_escapes_user_text():
    html = to_html(sample())
    assert "Aardgasvrij &lt;samen&gt;" in html
    assert "<samen>" not in html


def test_pdf_is_readable_by_pdftotext(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(to_pdf(sample()))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Aardgasvrij <samen>" in text
    assert "Keukentafelgesprek" in text
    assert "Pagina 1 van 2" in text


def test_render_refuses_unknown_format():
    try:
        render(sample(), "odt")
    except ValueError as exc:
        assert "toegestaan: md, docx, pdf" in str(exc)
    else:
        raise AssertionError("odt should be refused")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=2, max_size=2), max_size=6))
def test_markdown_tables_keep_one_row_per_line(rows):
    md = to_markdown(Document(title="T").add(Table(["a", "b"], rows)))
    table_lines = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table_lines) == len(rows) + 2
