"""The zelfscan report built on documents/base.py: same figures as the page, privacy notes, agenda."""

import datetime as dt

from participatiemix.documents import base, scan_report
from participatiemix.mix import scan

Q = scan.load_questionnaire()
MAP = {i.id: d.id for d in Q.dimensions for i in d.items} | {"custom1": ""}


def results(counts, value_by_group):
    rows = [(g, item, value_by_group[g], counts[g]) for g in counts for item in MAP]
    return scan.aggregate(item_dimension=MAP, counts=counts, rows=rows)


def report_input(r, **extra):
    return scan_report.ScanReportInput(
        municipality="Voorbeeldgemeente",
        title="Zelfscan 2027",
        opens_on=dt.date(2027, 3, 1),
        closes_on=dt.date(2027, 3, 31),
        questionnaire=Q,
        results=r,
        **extra,
    )


def test_report_holds_profile_gaps_statements_themes_and_agenda():
    r = results({"council": 6, "residents": 20, "executive": 2}, {"council": 4, "residents": 2, "executive": 5})
    doc = scan_report.build_scan_report(
        report_input(
            r,
            custom_likert={"custom1": "De gemeente legt het centrumplan goed uit."},
            themes=[
                scan_report.ThemeBlock(
                    question="Wat moet als eerste beter?",
                    total=2,
                    groups=[scan.TextGroup(label=("inbreng",), texts=("Meer terugkoppeling.", "Laat weten."))],
                )
            ],
            priorities=[scan_report.PriorityBlock(dimension="inclusion", note="Jongeren bereiken.")],
        )
    )
    md = base.to_markdown(doc)
    assert "# Zelfscan 2027" in md and "Deze zelfscan is niet representatief." in md
    assert "Collegeleden hadden samen minder dan 5 antwoorden" in md
    assert "| Gemeenteraad en besluiten | 4,0 | 2,0 | 2,5 |" in md  # council, residents, all (26 responses)
    assert "| Gemeenteraad en besluiten | Raadsleden (4,0) | Inwoners (2,0) | 2,0 |" in md
    assert "De gemeente legt het centrumplan goed uit." in md
    assert "### inbreng (2 antwoorden)" in md and "- Meer terugkoppeling." in md
    assert "Jongeren bereiken." in md and "Straatgesprek" in md
    tables = [b for b in doc.blocks if isinstance(b, base.Table)]
    profile = next(t for t in tables if t.caption == "Profiel per onderwerp")
    assert profile.headers == ["Onderwerp", "Raadsleden", "Inwoners", "Alle respondenten"]
    assert len(profile.rows) == len(Q.dimensions)


def test_report_without_enough_responses_says_so():
    r = results({"council": 3}, {"council": 4})
    md = base.to_markdown(scan_report.build_scan_report(report_input(r)))
    assert "Er zijn nog te weinig antwoorden om uitkomsten te tonen." in md
    assert "Profiel per onderwerp" not in md and "4,0" not in md


def test_report_in_english_uses_english_labels_and_decimal_points():
    r = results({"council": 5, "staff": 5}, {"council": 5, "staff": 3})
    md = base.to_markdown(scan_report.build_scan_report(report_input(r, lang="en")))
    assert "This self-scan is not representative." in md
    assert "| Council and decisions | 5.0 | 3.0 | 4.0 |" in md
    assert "Local democracy self-scan" in md


def test_number_formatting():
    assert scan_report.number(3.456) == "3,5" and scan_report.number(3.456, "en") == "3.5"
    assert (
        scan_report.number(None) == "–"
        and scan_report.signed(0.25) == "+0,2"
        and scan_report.signed(-1, "en") == "-1.0"
    )
