"""Access matrix for every meetings page: anonymous, a resident, another organisation's staff, own staff per role.

Public pages (an activity's meetings, a meeting, its calendar file, registering, the cancel link) are open to
everyone once the process is published; a draft process is a 404 except for own staff. Staff pages read with
VIEW (every own role, the griffie too) and change with EDIT (beheerder, ambtenaar); another organisation's
activity is a 404.
"""

import pytest

from participatiemix.meetings import services
from participatiemix.meetings.models import Attendance, Meeting, MeetingInput, Minutes, Registration
from participatiemix.processes.models import Activity, Contribution, Process
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, PERSONAS, STAFF, Outcome, check, expect, hidden_from_outsiders

pytestmark = pytest.mark.django_db

ROUTES = {
    "meetings:activity",
    "meetings:detail",
    "meetings:ics",
    "meetings:register",
    "meetings:cancel",
    "meetings:cancel_token",
    "meetings:manage",
    "meetings:create",
    "meetings:activity_held",
    "meetings:registrations_csv",
    "meetings:input_csv",
    "meetings:edit",
    "meetings:registrations",
    "meetings:attendance",
    "meetings:minutes",
    "meetings:inputs",
    "meetings:input_delete",
}

NOT_ALLOWED = Outcome("status", 405)
EVERYONE = dict.fromkeys(PERSONAS, OK)
READERS = expect(hidden_from_outsiders(), default=OK)
EDITORS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, facilitator=FORBIDDEN, griffie=FORBIDDEN)
REFUSED = {k: v for k, v in EDITORS.items() if v != OK}


def test_public_pages_are_open_to_everyone(persona_clients, meeting, past_meeting, activity):
    for url in (
        f"/bijeenkomsten/activiteit/{activity.pk}/",
        meeting.get_absolute_url(),
        f"/bijeenkomsten/{meeting.pk}/agenda.ics",
    ):
        assert check(persona_clients, "GET", url, EVERYONE) == []
        assert check(persona_clients, "POST", url, dict.fromkeys(PERSONAS, NOT_ALLOWED)) == []
    assert check(persona_clients, "GET", past_meeting.get_absolute_url(), EVERYONE) == []


def test_a_draft_process_is_hidden_from_outsiders_but_own_staff_preview_it(persona_clients, make_process, make_meeting):
    draft = make_process(status=Process.Status.DRAFT, slug="concept")
    activity = Activity.objects.filter(phase__process=draft, app="meetings").first()
    meeting = make_meeting(activity=activity)
    expected = {**dict.fromkeys(("anonymous", "resident", "other_org"), NOT_FOUND), **dict.fromkeys(STAFF, OK)}
    for url in (
        f"/bijeenkomsten/activiteit/{activity.pk}/",
        meeting.get_absolute_url(),
        f"/bijeenkomsten/{meeting.pk}/agenda.ics",
    ):
        assert check(persona_clients, "GET", url, expected) == []
    assert check(persona_clients, "POST", f"/bijeenkomsten/{meeting.pk}/aanmelden/", {"resident": NOT_FOUND}) == []
    assert not Registration.objects.exists()


def test_register_and_cancel(persona_clients, make_meeting):
    meeting = make_meeting(capacity=100)
    url = f"/bijeenkomsten/{meeting.pk}/aanmelden/"
    # Anonymous: the activity asks for an account, so the page explains (400) and stores nothing.
    assert check(persona_clients, "POST", url, EVERYONE, {"name": "Els", "email": "els@example.org"}) == []
    assert meeting.registrations.count() == len(PERSONAS) - 1
    assert not meeting.registrations.filter(user=None).exists()
    assert check(persona_clients, "GET", url, dict.fromkeys(PERSONAS, NOT_ALLOWED)) == []
    cancel = f"/bijeenkomsten/{meeting.pk}/afmelden/"
    assert check(persona_clients, "GET", cancel, {"anonymous": LOGIN, "resident": NOT_ALLOWED}) == []
    assert check(persona_clients, "POST", cancel, {p: LOGIN if p == "anonymous" else OK for p in PERSONAS}) == []
    assert meeting.registrations.exclude(status=Registration.Status.CANCELLED).count() == 0


def test_cancel_link_is_for_whoever_holds_it(persona_clients, meeting, make_user):
    registration = services.registration_create(meeting=meeting, user=make_user(None, None))
    url = f"/bijeenkomsten/afmelden/{services.cancel_token(registration)}/"
    assert check(persona_clients, "GET", url, EVERYONE) == []
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED  # a GET changes nothing
    assert check(persona_clients, "POST", url, {"anonymous": OK}) == []
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    bad = dict.fromkeys(PERSONAS, NOT_FOUND)
    assert check(persona_clients, "GET", "/bijeenkomsten/afmelden/niet-geldig/", bad) == []


@pytest.mark.parametrize(
    "suffix",
    [
        "activiteit/{a}/beheer/",
        "activiteit/{a}/inbreng.csv",
        "{m}/aanmeldingen/",
        "{m}/aanwezigen/",
        "{m}/verslag/",
        "{m}/inbreng/",
    ],
)
def test_staff_pages_read_with_view(persona_clients, meeting, activity, suffix):
    url = "/bijeenkomsten/" + suffix.format(a=activity.pk, m=meeting.pk)
    assert check(persona_clients, "GET", url, READERS) == []


def test_names_and_addresses_only_for_those_who_run_meetings(persona_clients, meeting, activity, make_user):
    services.registration_create(meeting=meeting, user=make_user(None, None, username="els", email="els@example.org"))
    url = f"/bijeenkomsten/activiteit/{activity.pk}/aanmeldingen.csv"
    organisers = expect(hidden_from_outsiders(), default=OK, griffie=FORBIDDEN)
    assert check(persona_clients, "GET", url, organisers) == []
    for persona, sees in (("facilitator", True), ("ambtenaar", True), ("griffie", False)):
        page = persona_clients[persona].get(f"/bijeenkomsten/{meeting.pk}/aanmeldingen/").content.decode()
        assert ("els@example.org" in page) is sees, persona
        assert "Aangemeld" in page


@pytest.mark.parametrize("suffix", ["activiteit/{a}/nieuw/", "{m}/bewerken/"])
def test_meeting_forms_only_for_editors(persona_clients, meeting, activity, suffix):
    url = "/bijeenkomsten/" + suffix.format(a=activity.pk, m=meeting.pk)
    assert check(persona_clients, "GET", url, EDITORS) == []
    assert check(persona_clients, "POST", url, REFUSED, {"title": "Overgenomen"}) == []
    assert Meeting.objects.count() == 1 and Meeting.objects.get().title != "Overgenomen"


def test_changes_after_the_meeting_only_for_editors(persona_clients, past_meeting, activity):
    m = past_meeting.pk
    posts = [
        (f"/bijeenkomsten/{m}/aanwezigen/", {"total": "12"}),
        (f"/bijeenkomsten/{m}/verslag/", {"text": "Verslag"}),
        (f"/bijeenkomsten/{m}/inbreng/", {"items": "Een punt", "public": "on"}),
        (f"/bijeenkomsten/activiteit/{activity.pk}/gehouden/", {"held": "1"}),
    ]
    for url, data in posts:
        assert check(persona_clients, "POST", url, REFUSED, data) == []
    assert not Attendance.objects.exists() and not Minutes.objects.exists() and not MeetingInput.objects.exists()
    assert not Contribution.objects.exists()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED
    for url, data in posts:
        assert check(persona_clients, "POST", url, {"ambtenaar": OK}, data) == []
    assert Attendance.objects.get().count == 12 and Minutes.objects.get().text == "Verslag"
    assert MeetingInput.objects.count() == 1 and Contribution.objects.count() == 1
    activity.refresh_from_db()
    assert activity.status == Activity.Status.HELD
    item = MeetingInput.objects.get()
    url = f"/bijeenkomsten/{m}/inbreng/{item.pk}/verwijderen/"
    assert check(persona_clients, "GET", url, {"anonymous": LOGIN, "ambtenaar": NOT_ALLOWED}) == []
    assert check(persona_clients, "POST", url, REFUSED) == []
    assert check(persona_clients, "POST", url, {"beheerder": OK}) == []
    assert not MeetingInput.objects.exists() and not Contribution.objects.exists()


def test_another_organisations_activity_is_not_found(persona_clients, make_process, other_organisation, make_meeting):
    theirs = make_process(organisation=other_organisation, slug="elders")
    activity = Activity.objects.filter(phase__process=theirs, app="meetings").first()
    meeting = make_meeting(activity=activity)
    for url in (
        f"/bijeenkomsten/activiteit/{activity.pk}/beheer/",
        f"/bijeenkomsten/{meeting.pk}/aanmeldingen/",
        f"/bijeenkomsten/{meeting.pk}/bewerken/",
    ):
        assert check(persona_clients, "GET", url, dict.fromkeys(STAFF, NOT_FOUND)) == []
    assert check(persona_clients, "GET", f"/bijeenkomsten/{meeting.pk}/bewerken/", {"other_org": OK}) == []


def test_an_online_activity_has_no_meeting_pages(persona_clients, process):
    online = Activity.objects.filter(phase__process=process).exclude(app="meetings").first()
    expected = dict.fromkeys(PERSONAS, NOT_FOUND)
    assert check(persona_clients, "GET", f"/bijeenkomsten/activiteit/{online.pk}/", expected) == []
    assert (
        check(
            persona_clients, "GET", f"/bijeenkomsten/activiteit/{online.pk}/beheer/", {**expected, "anonymous": LOGIN}
        )
        == []
    )


def test_huge_and_unknown_ids_are_not_found(persona_clients, meeting):
    client = persona_clients["beheerder"]
    for url in (
        "/bijeenkomsten/9999999999999999999999/",
        "/bijeenkomsten/99999999/",
        "/bijeenkomsten/99999999/aanwezigen/",
        f"/bijeenkomsten/{meeting.pk}/inbreng/99999999/verwijderen/",
    ):
        assert client.get(url).status_code in (404, 405), url
    assert client.post(f"/bijeenkomsten/{meeting.pk}/inbreng/99999999/verwijderen/").status_code == 404


def test_griffie_gets_no_link_to_the_registrations_download(persona_clients, activity):
    url = f"/bijeenkomsten/activiteit/{activity.pk}/beheer/"
    assert "aanmeldingen.csv" not in persona_clients["griffie"].get(url).content.decode()
    assert "aanmeldingen.csv" in persona_clients["facilitator"].get(url).content.decode()
