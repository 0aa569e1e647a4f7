"""The report pages: the report on screen, a file made by a background job (progress page, download), and the
evaluation form (actuals, held/cancelled, judgement, council moments), with Dutch messages for bad input."""

import datetime as dt
import io
import json

import pytest
from docx import Document as Docx

from participatiemix.processes import report_tasks
from participatiemix.processes.models import Activity, Contribution, CouncilMoment, Participant, ReportJob

pytestmark = pytest.mark.django_db


def _some_input(process, n=3):
    survey = process.phases.first().activities.get(instrument="enquete")
    for _ in range(n):
        Contribution.objects.create(
            activity=survey,
            participant=Participant.objects.create(process=process),
            kind="survey_response",
            text="Het warmtenet is te duur",
        )
    return survey


def test_report_page_shows_the_figures(staff_client, process):
    _some_input(process, 7)
    response = staff_client.get(f"/processen/{process.slug}/verslag/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Verslag voor de raad",
        "Agendavorming",
        "Download als PDF",
        "Download als Word",
        "Download als JSON",
        "Bereik van de doelgroepen",
        "Niet bereikt",
        "De raad aan zet",
        "Het warmtenet is te duur",
    ):
        assert text in html, text
    assert "<script>" not in html and "style=" not in html  # CSP: no inline script or style


def test_report_queries_do_not_grow_with_the_input(staff_client, process):
    """Counted in the database: ten times more contributions (and people) cost no extra query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/processen/{process.slug}/verslag/"
    _some_input(process, 3)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    _some_input(process, 30)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("fmt", ["json", "docx", "pdf"])
def test_a_quick_report_downloads_at_once(staff_client, process, fmt):
    _some_input(process, 3)
    response = staff_client.post(f"/processen/{process.slug}/verslag/maken/", {"format": fmt})
    job = ReportJob.objects.get()
    assert job.status == "done" and job.progress == 100 and job.requested_by.username == "ambtenaar"
    assert response.status_code == 302 and response["Location"].endswith(f"/taak/{job.pk}/bestand/")
    download = staff_client.get(response["Location"])
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert f".{fmt}" in download["Content-Disposition"]
    if fmt == "json":
        assert json.loads(download.content)["totals"]["contributions"] == 3
    elif fmt == "docx":
        text = "\n".join(p.text for p in Docx(io.BytesIO(download.content)).paragraphs)
        assert "Participatieverslag".upper() in text
    else:
        assert download.content.startswith(b"%PDF")


def test_a_slow_report_shows_progress_and_refreshes(staff_client, process, monkeypatch):
    task = report_tasks.report_make

    class NotStarted:  # a worker backend whose worker has not picked the job up yet
        enqueue = staticmethod(lambda **kwargs: None)

    monkeypatch.setattr(report_tasks, "report_make", NotStarted)
    monkeypatch.setattr("participatiemix.processes.views_report.WAIT_SECONDS", 0.2)
    response = staff_client.post(f"/processen/{process.slug}/verslag/maken/", {"format": "pdf"})
    job = ReportJob.objects.get()
    assert response["Location"].endswith(f"/taak/{job.pk}/")
    ReportJob.objects.filter(pk=job.pk).update(status="running", progress=50)
    html = staff_client.get(response["Location"]).content.decode()
    assert "50 procent klaar" in html and '<progress max="100" value="50"' in html
    assert 'http-equiv="refresh"' in html and 'hx-trigger="every 1s"' in html
    assert staff_client.get(response["Location"] + "bestand/")["Location"].endswith(f"/taak/{job.pk}/")
    fragment = staff_client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "50 procent" in fragment
    task.call(job_id=job.pk)  # the worker runs it
    done = staff_client.get(response["Location"]).content.decode()
    assert "Het verslag is klaar" in done and "refresh" not in done and "hx-trigger" not in done
    assert staff_client.get(response["Location"] + "bestand/").content.startswith(b"%PDF")


def test_a_failing_report_says_so(staff_client, process, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(report_tasks, "process_report_data", broken)
    response = staff_client.post(f"/processen/{process.slug}/verslag/maken/", {"format": "pdf"})
    job = ReportJob.objects.get()
    assert job.status == "failed" and job.content is None
    html = staff_client.get(response["Location"]).content.decode()
    assert "mislukt" in html and "Traceback" not in html


@pytest.mark.parametrize("value", ["", "exe", "x" * 500])
def test_an_unknown_format_is_refused_in_dutch(staff_client, process, value):
    response = staff_client.post(f"/processen/{process.slug}/verslag/maken/", {"format": value})
    assert response.status_code == 400 and "Kies een formaat: PDF, Word of JSON." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_evaluation_saves_actuals_and_status(staff_client, process):
    url = f"/processen/{process.slug}/evaluatie/"
    activities = list(Activity.objects.filter(phase__process=process))
    data = {"part": "activities"}
    for a in activities:
        data.update({f"a{a.pk}-status": "planned"})
    first = activities[0]
    data.update(
        {
            f"a{first.pk}-status": "held",
            f"a{first.pk}-actual_cost_eur": "1500",
            f"a{first.pk}-actual_hours": "12",
            f"a{first.pk}-planned_cost_eur": "1000",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("#activities")
    first.refresh_from_db()
    assert (first.status, first.actual_cost_eur, first.actual_hours, first.planned_cost_eur) == ("held", 1500, 12, 1000)
    page = staff_client.get(url).content.decode()
    assert "Opgeslagen." in page and "1.500" in page


@pytest.mark.parametrize(
    ("value", "message"), [("12,5", "heel getal"), ("-3", "0 of meer"), ("999999999999", "hoogstens")]
)
def test_bad_numbers_are_refused_and_nothing_is_stored(staff_client, process, value, message):
    activities = list(Activity.objects.filter(phase__process=process))
    data = {"part": "activities", **{f"a{a.pk}-status": "held" for a in activities}}
    data[f"a{activities[-1].pk}-actual_cost_eur"] = value
    response = staff_client.post(f"/processen/{process.slug}/evaluatie/", data)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and "werkelijke kosten" in html
    assert "Er is niets opgeslagen" in html
    assert (
        f'href="#id_a{activities[-1].pk}-actual_cost_eur">Werkelijke kosten (euro)</a> ({activities[-1].title})' in html
    )
    assert not Activity.objects.filter(status="held").exists()  # the whole part or nothing


def test_evaluation_saves_judgement_and_council_moments(staff_client, process):
    url = f"/processen/{process.slug}/evaluatie/"
    phase = process.phases.first()
    data = {"part": "phases", **{f"p{p.pk}-we_did": "" for p in process.phases.all()}}
    data.update(
        {f"p{phase.pk}-judgement": "Doel bereikt:\x07 veel reacties.", f"p{phase.pk}-we_did": "Wij deden iets."}
    )
    assert staff_client.post(url, data).status_code == 302
    phase.refresh_from_db()
    assert phase.judgement == "Doel bereikt: veel reacties." and phase.we_did == "Wij deden iets."
    moment = CouncilMoment.objects.filter(process=process).first()
    data = {"part": "moments", f"m{moment.pk}-done_on": "2027-01-05", f"m{moment.pk}-note": "Besproken"}
    assert staff_client.post(url, data).status_code == 302
    moment.refresh_from_db()
    assert moment.done_on == dt.date(2027, 1, 5) and moment.status() == "done"
    bad = {"part": "moments", f"m{moment.pk}-done_on": "gisteren"}
    response = staff_client.post(url, bad)
    assert response.status_code == 400 and "dag-maand-jaar" in response.content.decode()
    moment.refresh_from_db()
    assert moment.done_on == dt.date(2027, 1, 5)
    assert staff_client.post(url, {"part": "iets"}).status_code == 400
