"""Access matrix for every process page: public pages, the back office, "Mijn inbreng" and the council report.

Public pages of a published process are open to everyone; a draft is seen only by its own staff (a preview), a 404
for everyone else. The back office needs VIEW in the process's organisation (the griffie reads along); changing
anything needs EDIT (beheerder, ambtenaar); facilitators and the griffie get a 403 there, outsiders a 404.
The participant pages and the report pages are checked in their own modules; their ROUTES are counted here.
"""

import pytest

from participatiemix.processes.models import Process
from tests.matrix import FORBIDDEN, NOT_FOUND, OK, PERSONAS, Outcome, check, expect, hidden_from_outsiders
from tests.processes import access_participant, access_report

pytestmark = pytest.mark.django_db

OWN_ROUTES = {
    "processes:index",
    "processes:detail",
    "processes:phase",
    "processes:activity",
    "processes:create",
    "processes:manage",
    "processes:set_status",
    "processes:follow_version",
    "processes:settings",
    "processes:phase_edit",
    "processes:activity_add",
    "processes:activity_edit",
    "processes:contributions",
    "processes:contribution",
}
ROUTES = OWN_ROUTES | set(access_participant.ROUTES) | set(access_report.ROUTES)

EVERYONE = dict.fromkeys(PERSONAS, OK)
OWN_STAFF_ONLY = {"anonymous": NOT_FOUND, "resident": NOT_FOUND, "other_org": NOT_FOUND} | {
    r: OK for r in ("beheerder", "ambtenaar", "facilitator", "griffie")
}
READERS = expect(hidden_from_outsiders(), default=OK)
EDITORS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, facilitator=FORBIDDEN, griffie=FORBIDDEN)
NOT_ALLOWED = Outcome("status", 405)


def _urls(process):
    phase = process.phases.first()
    activity = phase.activities.first()
    return phase, activity


def test_public_pages_are_open_for_a_published_process(persona_clients, process):
    phase, activity = _urls(process)
    for url in (
        "/processen/",
        f"/processen/{process.slug}/",
        f"/processen/{process.slug}/fase/{phase.pk}/",
        f"/processen/{process.slug}/activiteit/{activity.pk}/",
    ):
        assert check(persona_clients, "GET", url, EVERYONE) == []


def test_a_draft_is_a_preview_for_own_staff_and_a_404_for_everyone_else(persona_clients, make_process):
    draft = make_process(status=Process.Status.DRAFT, slug="concept")
    phase, activity = _urls(draft)
    for url in (
        f"/processen/{draft.slug}/",
        f"/processen/{draft.slug}/fase/{phase.pk}/",
        f"/processen/{draft.slug}/activiteit/{activity.pk}/",
    ):
        assert check(persona_clients, "GET", url, OWN_STAFF_ONLY) == []
    listing = persona_clients["anonymous"].get("/processen/").content.decode()
    assert draft.title not in listing


def test_a_phase_or_activity_of_another_process_is_a_404(persona_clients, process, make_process):
    other = make_process(slug="ander-proces")
    phase, activity = _urls(other)
    client = persona_clients["beheerder"]
    assert client.get(f"/processen/{process.slug}/fase/{phase.pk}/").status_code == 404
    assert client.get(f"/processen/{process.slug}/activiteit/{activity.pk}/").status_code == 404
    assert client.get(f"/processen/{process.slug}/fase/99999999999999999999/").status_code == 404


def test_create_from_a_plan_needs_edit_on_the_plan(persona_clients, process):
    url = f"/processen/nieuw/{process.plan.pk}/"
    assert check(persona_clients, "GET", url, EDITORS) == []
    assert check(persona_clients, "POST", url, EDITORS, {"title": "Tweede ronde", "version": 1}) == []


def test_back_office_reading_pages(persona_clients, process):
    phase, activity = _urls(process)
    contribution = _contribution(activity)
    for url in (
        f"/processen/{process.slug}/beheer/",
        f"/processen/{process.slug}/beheer/inbreng/",
        f"/processen/{process.slug}/beheer/inbreng/{contribution.pk}/",
    ):
        assert check(persona_clients, "GET", url, READERS) == []


def test_back_office_changes_need_edit(persona_clients, process):
    phase, activity = _urls(process)
    contribution = _contribution(activity)
    slug = process.slug
    for url in (
        f"/processen/{slug}/beheer/gegevens/",
        f"/processen/{slug}/beheer/fase/{phase.pk}/",
        f"/processen/{slug}/beheer/activiteit/{activity.pk}/",
    ):
        assert check(persona_clients, "GET", url, EDITORS) == []
    posts = {
        f"/processen/{slug}/beheer/status/": {"status": "published"},
        f"/processen/{slug}/beheer/planversie/": {},
        f"/processen/{slug}/beheer/fase/{phase.pk}/activiteit-toevoegen/": {"instrument": "wijkgesprek"},
        f"/processen/{slug}/beheer/inbreng/": {"ids": [contribution.pk], "status": "in_progress"},
        f"/processen/{slug}/beheer/inbreng/{contribution.pk}/": {"status": "in_progress"},
    }
    for url, data in posts.items():
        assert check(persona_clients, "POST", url, EDITORS, data) == []


def test_post_only_pages_refuse_get(persona_clients, process):
    phase, _ = _urls(process)
    slug = process.slug
    for url in (
        f"/processen/{slug}/beheer/status/",
        f"/processen/{slug}/beheer/planversie/",
        f"/processen/{slug}/beheer/fase/{phase.pk}/activiteit-toevoegen/",
    ):
        assert check(persona_clients, "GET", url, dict.fromkeys(PERSONAS, NOT_ALLOWED)) == []


def test_another_organisations_process_is_a_404_for_its_pages_and_children(
    persona_clients, make_process, other_organisation
):
    other = make_process(organisation=other_organisation, slug="zuiderhaven", status=Process.Status.DRAFT)
    phase, activity = _urls(other)
    contribution = _contribution(activity)
    client = persona_clients["beheerder"]
    for url in (
        f"/processen/{other.slug}/beheer/",
        f"/processen/{other.slug}/beheer/inbreng/{contribution.pk}/",
        f"/processen/{other.slug}/beheer/fase/{phase.pk}/",
        f"/processen/{other.slug}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/processen/{other.slug}/beheer/status/", {"status": "published"}).status_code == 404
    other.refresh_from_db()
    assert other.status == Process.Status.DRAFT


def _contribution(activity):
    from participatiemix.processes import services

    return services.contribution_create(activity=activity, participant=None, kind="meeting_input", summary="Meer zon")
