"""Access matrix of the report pages (ROUTES in access_report.py): the report, its files and the evaluation are
for staff of the process's organisation (the griffie reads along); changing the evaluation needs EDIT; a process
of another organisation is a 404, anonymous people are asked to log in."""

import pytest

from participatiemix.processes.models import ReportJob
from tests.matrix import FORBIDDEN, LOGIN, PERSONAS, Outcome, check, expect, hidden_from_outsiders

pytestmark = pytest.mark.django_db

READERS = expect(hidden_from_outsiders(), default=Outcome("ok"))
EDITORS = expect(
    hidden_from_outsiders(), beheerder=Outcome("ok"), ambtenaar=Outcome("ok"), facilitator=FORBIDDEN, griffie=FORBIDDEN
)
WRONG_METHOD = {"anonymous": LOGIN, **{p: Outcome("status", 405) for p in PERSONAS if p != "anonymous"}}


def test_report_page_and_files_for_own_staff_only(persona_clients, process):
    base = f"/processen/{process.slug}/verslag/"
    assert check(persona_clients, "GET", base, READERS) == []
    assert check(persona_clients, "POST", base + "maken/", READERS, {"format": "json"}) == []
    assert ReportJob.objects.filter(process=process).count() == 4  # one per own role, none for outsiders
    job = ReportJob.objects.filter(process=process).first()
    assert check(persona_clients, "GET", f"{base}taak/{job.pk}/", READERS) == []
    assert check(persona_clients, "GET", f"{base}taak/{job.pk}/bestand/", READERS) == []
    assert check(persona_clients, "GET", base + "maken/", WRONG_METHOD) == []
    assert check(persona_clients, "POST", base, WRONG_METHOD) == []


def test_a_job_of_another_process_is_a_404(staff_client, process, make_process, other_organisation):
    other = make_process(other_organisation, slug="elders")
    job = ReportJob.objects.create(process=other, format="json", status="done", content=b"{}")
    for suffix in ("", "bestand/"):
        assert staff_client.get(f"/processen/{process.slug}/verslag/taak/{job.pk}/{suffix}").status_code == 404
        assert staff_client.get(f"/processen/elders/verslag/taak/{job.pk}/{suffix}").status_code == 404
    assert staff_client.get("/processen/bestaat-niet/verslag/").status_code == 404


def test_evaluation_reads_for_staff_and_saves_for_editors(persona_clients, process):
    url = f"/processen/{process.slug}/evaluatie/"
    assert check(persona_clients, "GET", url, READERS) == []
    assert check(persona_clients, "POST", url, EDITORS, {"part": "moments"}) == []
