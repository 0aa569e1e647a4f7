"""documents/process_report.py turns the plain report dict into Markdown, DOCX and PDF (no Django needed)."""

import io
import subprocess

from docx import Document as Docx

from participatiemix.documents.base import to_markdown
from participatiemix.documents.process_report import build_process_report, render_report

ACTIVITY = {
    "id": 1,
    "instrument": "enquete",
    "instrument_label": "Enquête",
    "kind": "online",
    "title": "Enquête warmte",
    "app": "surveys",
    "status": "held",
    "from_plan": True,
    "participants": 412,
    "contributions": 1230,
    "feedback": {"received": 10, "in_progress": 4, "adopted": 1200, "not_adopted": 16},
    "summary": ["3 vragen"],
    "cost": {"planned_eur": 5000, "actual_eur": 6100, "planned_hours": 40, "actual_hours": 52},
}
DATA = {
    "process": {
        "slug": "aardgasvrij",
        "title": "Aardgasvrij <b>Noord</b>",
        "municipality": "Noorderveld",
        "plan_version": 3,
        "question": "Hoe?",
        "is_example": True,
    },
    "generated_on": "2027-02-01",
    "lang": "nl",
    "min_group": 5,
    "phases": [
        {
            "phase": "agenda_setting",
            "label": "Agendavorming",
            "goals": ["identify_issues"],
            "level": "consult",
            "promise": "Wij luisteren.",
            "starts": "2027-01-10",
            "ends": "2027-03-01",
            "state": "open",
            "activities": [ACTIVITY],
            "contributions": 1230,
            "reach": {
                "planned": ["elderly", "youth"],
                "reached": ["elderly"],
                "missed": ["youth"],
                "detail": [
                    {
                        "group": "elderly",
                        "label": "Ouderen",
                        "reached": True,
                        "profiles": 37,
                        "counted_at_activities": None,
                        "activities_aimed": ["Enquête warmte"],
                    },
                    {
                        "group": "youth",
                        "label": "Jongeren",
                        "reached": False,
                        "profiles": None,
                        "counted_at_activities": None,
                        "activities_aimed": [],
                    },
                ],
            },
            "themes": [{"label": "Warmtenet te duur", "contributions": 37}],
            "themes_method": {"method": "char-ngrams", "grouped": 400, "of": 1230, "sample": True, "other": 363},
            "feedback": ACTIVITY["feedback"],
            "we_did": "Wij verlaagden het tarief.",
            "judgement": "Bereikt.",
        }
    ],
    "council_moments": [
        {
            "moment": "set_frames",
            "label": "Kaders stellen",
            "phase": "agenda_setting",
            "status": "missed",
            "due": "2027-01-10",
            "done_on": None,
        }
    ],
    "totals": {"participants": 412, "contributions": 1230, "with_feedback_share": 0.9886},
    "evaluation": {
        "activities": {"planned": 1, "held": 1, "held_of_planned": 1, "cancelled": 0, "not_yet": 0, "added": 0},
        "cost": {"estimate_eur": [20000, 45000], "estimate_likely_eur": 30000, "planned_eur": 5000, "actual_eur": 6100},
        "hours": {"estimate": [300, 520], "estimate_likely": 400, "planned": 40, "actual": 52},
        "goals": [
            {"phase": "agenda_setting", "goals": ["identify_issues"], "level": "consult", "judgement": "Bereikt."}
        ],
    },
    "labels": {
        "phases": {"agenda_setting": "Agendavorming"},
        "levels": {"consult": "Raadplegen"},
        "goals": {"identify_issues": "Signaleren wat er leeft"},
        "target_groups": {"youth": "Jongeren"},
    },
}


def test_markdown_holds_the_figures_and_flags():
    md = to_markdown(build_process_report(DATA))
    for text in (
        "1.230",
        "412",
        "99%",
        "Jongeren",
        "Niet bereikt",
        "Gemist: Kaders stellen",
        "Warmtenet te duur",
        "steekproef van 400 van de 1230",
        "20.000 – 45.000",
        "6.100",
        "Wij verlaagden het tarief",
        "voorbeeldgegevens",
        "Signaleren wat er leeft",
    ):
        assert text in md, text
    assert "<b>" not in md  # a typed title never becomes markup


def test_docx_read_back():
    document = Docx(io.BytesIO(render_report(DATA, "docx")))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"1.230", "412", "Gehouden", "Jongeren", "Nee", "minder dan 5", "Gemist", "6.100", "52"} <= cells
    assert "Aardgasvrij <b>Noord</b>" in [p.text for p in document.paragraphs]


def test_pdf_text(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(render_report(DATA, "pdf"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for value in ("1.230", "412", "Agendavorming", "Kaders stellen", "Warmtenet te duur"):
        assert value in text, value


def test_english_texts():
    md = to_markdown(build_process_report({**DATA, "lang": "en"}))
    assert "Participation report" in md and "1,230" in md and "Not reached" in md
