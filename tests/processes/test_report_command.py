"""`python -m django process_report SLUG --format json|docx|pdf [-o FILE]` (CONTRACTS §5)."""

import io
import json
import subprocess

import pytest
from django.core.management import CommandError, call_command
from docx import Document as Docx

from participatiemix.processes.models import Contribution, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_input(process):
    survey = process.phases.first().activities.get(instrument="enquete")
    Contribution.objects.bulk_create(
        [
            Contribution(
                activity=survey,
                participant=Participant.objects.create(process=process),
                kind="survey_response",
                status="adopted" if i < 3 else "received",
                text="Warmtenet te duur",
            )
            for i in range(17)
        ]
    )
    return process


def test_json_to_stdout(with_input):
    out = io.StringIO()
    call_command("process_report", with_input.slug, "--format", "json", stdout=out)
    rep = json.loads(out.getvalue())
    assert (
        rep["totals"]["contributions"] == 17 == sum(a["contributions"] for p in rep["phases"] for a in p["activities"])
    )
    assert rep["totals"]["with_feedback_share"] == round(3 / 17, 4)


def test_json_docx_pdf_to_files(with_input, tmp_path):
    for fmt in ("json", "docx", "pdf"):
        call_command(
            "process_report", with_input.slug, "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"), stderr=io.StringIO()
        )
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["participants"] == 17
    docx = Docx(str(tmp_path / "r.docx"))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert "17" in cells and "Verwerkt" in cells and "Agendavorming" in [p.text for p in docx.paragraphs]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Participatieverslag".upper() in text.upper() and "17" in text and "Agendavorming" in text


def test_english(with_input):
    out = io.StringIO()
    call_command("process_report", with_input.slug, "--lang", "en", stdout=out)
    assert json.loads(out.getvalue())["labels"]["phases"]["agenda_setting"] == "Agenda setting"


def test_unknown_slug_is_a_dutch_error(process):
    with pytest.raises(CommandError, match="Er is geen proces met de korte naam 'bestaat-niet'"):
        call_command("process_report", "bestaat-niet", "--format", "json")


def test_a_binary_format_needs_a_file(process):
    with pytest.raises(CommandError, match="-o BESTAND"):
        call_command("process_report", process.slug, "--format", "pdf")
