"""The registry hooks meetings hands the process pages and the council report, and the demo meetings."""

import pytest
from django.urls import reverse

from participatiemix.meetings import demo, services
from participatiemix.meetings.models import Meeting, MeetingInput, Registration
from participatiemix.processes import registry
from participatiemix.processes.models import Activity, Contribution

pytestmark = pytest.mark.django_db


def runner():
    return registry.get("meetings")


def test_meetings_is_the_fallback_for_every_offline_instrument():
    for instrument in (
        "informatiebijeenkomst",
        "inspraakavond",
        "wijkgesprek",
        "burgertop",
        "dialoogtafels",
        "keukentafelgesprek",
        "straatgesprek",
        "een-nieuw-instrument",
    ):
        assert registry.for_catalogue_id(instrument).app == "meetings"
    assert registry.for_catalogue_id("enquete").app == "surveys"
    assert runner().kind == "offline" and runner().fallback


def test_hooks_report_what_happened(activity, past_meeting, make_meeting, make_user):
    r = runner()
    assert r.setup_url(activity) == f"/bijeenkomsten/activiteit/{activity.pk}/beheer/"
    assert r.public_url(activity) == f"/bijeenkomsten/activiteit/{activity.pk}/"
    assert r.participants([activity]) == {}  # no head count yet: the process counts contributions instead
    second = make_meeting(days=-10, title="Eerder gesprek")
    services.attendance_save(meeting=past_meeting, counts={("total", ""): 30, ("target_group", "tenants"): 6})
    services.attendance_save(meeting=second, counts={("total", ""): 12, ("target_group", "tenants"): 2})
    added = services.inputs_add(meeting=past_meeting, items=["a", "b", "c"])
    assert r.participants([activity]) == {activity.pk: 42}
    assert r.group_counts(activity) == {"tenants": 8}
    assert r.summary(activity) == ["2 bijeenkomsten, 42 aanwezigen, 3 punten ingebracht"]
    labels = [label for label, _url in r.exports(activity)]
    assert labels == ["Aanmeldingen (CSV)", "Inbreng uit bijeenkomsten (CSV)"]
    assert (
        r.contribution_url(added[0].contribution)
        == f"/bijeenkomsten/{past_meeting.pk}/#inbreng-{added[0].contribution.pk}"
    )
    other = Contribution.objects.create(activity=activity, kind="idea")
    assert r.contribution_url(other) is None


def test_one_meeting_summary_is_singular(activity, past_meeting):
    services.attendance_save(meeting=past_meeting, counts={("total", ""): 1})
    services.inputs_add(meeting=past_meeting, items=["a"])
    assert runner().summary(activity) == ["1 bijeenkomst, 1 aanwezige, 1 punt ingebracht"]


def test_personal_data_lists_own_registrations_only(activity, meeting, make_user, process):
    from participatiemix.processes.models import Participant

    user, other = make_user(None, None), make_user(None, None)
    services.registration_create(meeting=meeting, user=user)
    services.registration_create(meeting=meeting, user=other)
    rows = runner().personal_data(user)
    assert len(rows) == 1 and rows[0]["meeting"] == meeting.title and rows[0]["status"] == "registered"
    participant = Participant.objects.create(process=process, user=user)
    assert runner().personal_data(participant) == rows
    user.delete()  # deleting the account deletes its registrations
    assert Registration.objects.count() == 1


def test_withdrawing_a_contribution_removes_the_meeting_record(past_meeting):
    from participatiemix.processes.services import contribution_withdraw

    item = services.inputs_add(meeting=past_meeting, items=["a"])[0]
    contribution_withdraw(contribution=item.contribution)
    assert not MeetingInput.objects.exists()


def test_demo_meetings(process, client):
    held_activity, ahead_activity = Activity.objects.filter(phase__process=process, app="meetings")[:2]
    held = demo.build_demo_meetings(held_activity, held=True, seed=3)
    ahead = demo.build_demo_meetings(ahead_activity, held=False, seed=4)
    assert len(held) == len(ahead) == 2
    assert all(m.is_example for m in held + ahead)
    inputs = Contribution.objects.filter(activity=held_activity, source="meeting")
    assert 10 <= inputs.count() <= 23 and all(inputs.values_list("is_example", flat=True))
    assert all(m.minutes.text for m in held)
    held_activity.refresh_from_db()
    assert held_activity.status == Activity.Status.HELD
    assert runner().participants([held_activity])[held_activity.pk] >= 60
    full = ahead[0]
    assert full.registrations.filter(status="registered").count() == full.capacity
    assert full.registrations.filter(status="waiting").exists()
    assert not Registration.objects.exclude(email__endswith="@example.org").exists()
    for m in held + ahead:
        assert client.get(m.get_absolute_url()).status_code == 200
    assert client.get(reverse("meetings:activity", kwargs={"activity": held_activity.pk})).status_code == 200
    assert Meeting.objects.count() == 4
