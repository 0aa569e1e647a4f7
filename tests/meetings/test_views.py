"""Meeting pages: registering by form, bad input refused with a Dutch message naming the field (nothing stored),
attendance with the <5 rule on the public page, input entry (one line = one contribution, all or none), CSV."""

import csv
import io

import pytest
from django.core import mail

from participatiemix.meetings import services
from participatiemix.meetings.models import Attendance, Meeting, MeetingInput, Minutes, Registration
from participatiemix.processes.models import Contribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_activity(activity):
    activity.allow_anonymous = True
    activity.save()
    return activity


def test_register_without_account_then_the_waiting_list(
    client, meeting, open_activity, django_capture_on_commit_callbacks
):
    url = f"/bijeenkomsten/{meeting.pk}/aanmelden/"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Nog 2 plaatsen vrij" in page and "Wat gebeurt er met uw inbreng?" in page
    assert meeting.activity.phase.promise in page
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = client.post(url, {"name": f"Inwoner {n}", "email": f"inwoner{n}@example.org"}, follow=True)
            assert response.status_code == 200
    assert "U staat op de wachtlijst" in response.content.decode()
    assert list(meeting.registrations.values_list("status", flat=True)) == ["registered", "registered", "waiting"]
    assert len(mail.outbox) == 3
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Zet mij op de wachtlijst" in page and "1 persoon op de wachtlijst" in page


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"name": "", "email": "a@example.org"}, "Uw naam"),
        ({"name": "Els", "email": "geen-adres"}, "naam@voorbeeld.nl"),
        ({"name": "\u200b\u200b", "email": "a@example.org"}, "Uw naam"),
        ({"name": "Els" * 100, "email": "a@example.org"}, "Uw naam"),
    ],
)
def test_bad_registration_names_the_field_and_stores_nothing(client, meeting, open_activity, data, words):
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer deze gegevens" in page and words in page
    assert not Registration.objects.exists()


def test_registration_is_rate_limited_per_address(client, make_meeting, open_activity):
    meeting = make_meeting(capacity=None)
    url = f"/bijeenkomsten/{meeting.pk}/aanmelden/"
    for n in range(20):
        assert client.post(url, {"name": "X", "email": f"x{n}@example.org"}).status_code == 302
    response = client.post(url, {"name": "X", "email": "x99@example.org"})
    assert response.status_code == 429 and "Even geduld" in response.content.decode()
    assert meeting.registrations.count() == 20


def test_logged_in_resident_registers_and_cancels_from_the_page(client, meeting, make_user):
    user = make_user(None, None, email="inwoner@example.org")
    client.force_login(user)
    client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/")
    # The account is now a participant of the process: "download my data" finds the registration.
    from participatiemix.processes import registry
    from participatiemix.processes.models import Participant

    participant = Participant.objects.get(user=user, process=meeting.activity.phase.process)
    assert [r["meeting"] for r in registry.get("meetings").personal_data(participant)] == [meeting.title]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "U bent aangemeld" in page and "Afmelden" in page
    response = client.post(f"/bijeenkomsten/{meeting.pk}/afmelden/", follow=True)
    assert meeting.registrations.get().status == Registration.Status.CANCELLED
    assert "Uw plaats gaat naar de eerste op de wachtlijst" in response.content.decode()


def test_leaving_the_waiting_list_says_so(client, meeting, make_user):
    for _n in range(2):
        services.registration_create(meeting=meeting, user=make_user(None, None))
    user = make_user(None, None)
    registration = services.registration_create(meeting=meeting, user=user)
    assert registration.status == Registration.Status.WAITING
    response = client.post(f"/bijeenkomsten/afmelden/{services.cancel_token(registration)}/", follow=True)
    assert "U staat niet meer op de wachtlijst" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_without_account_the_page_asks_to_log_in(client, meeting):
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "meldt u zich aan met een account" in page and 'name="email"' not in page


def meeting_data(**extra):
    data = {
        "title": "Wijkgesprek",
        "starts_at": "2030-03-01T19:30",
        "ends_at": "2030-03-01T21:30",
        "place": "Dorpshuis",
        "address": "Kerkstraat 1",
        "capacity": "40",
        "registration_open": "on",
    }
    data.update(extra)
    return data


def test_staff_create_a_meeting(staff_client, activity):
    response = staff_client.post(
        f"/bijeenkomsten/activiteit/{activity.pk}/nieuw/", meeting_data(allow_anonymous="on", agenda="a\x00b")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.capacity == 40 and meeting.agenda == "ab" and meeting.starts_at.hour == 18  # 19:30 in Amsterdam
    activity.refresh_from_db()
    assert activity.allow_anonymous


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"ends_at": "2030-03-01T18:00"}, "Kies een eindtijd na de begintijd"),
        ({"capacity": "0"}, "Aantal plaatsen"),
        ({"capacity": "-4"}, "Aantal plaatsen"),
        ({"title": ""}, "Dit veld is verplicht"),
        ({"title": "\u200b"}, "Titel"),
        ({"starts_at": "morgen"}, "Begint om"),
        ({"place": "x" * 201}, "Naam van de plek"),
    ],
)
def test_bad_meeting_input_is_refused_with_the_field_named(staff_client, activity, extra, words):
    response = staff_client.post(f"/bijeenkomsten/activiteit/{activity.pk}/nieuw/", meeting_data(**extra))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer deze gegevens" in page and words in page
    assert not Meeting.objects.exists()


def test_attendance_is_checked_against_the_total(staff_client, past_meeting):
    url = f"/bijeenkomsten/{past_meeting.pk}/aanwezigen/"
    page = staff_client.get(url).content.decode()
    assert "Totaal aantal aanwezigen" in page and "Leeftijd: 65 of ouder" in page and "Doelgroep: Huurders" in page
    response = staff_client.post(url, {"total": "10", "g1": "11"})
    assert response.status_code == 400 and "kies hoogstens 10" in response.content.decode()
    response = staff_client.post(url, {"total": "10", "g1": "6", "g2": "6"})
    assert response.status_code == 400 and "meer dan het totaal van 10" in response.content.decode()
    response = staff_client.post(url, {"g1": "3"})
    assert response.status_code == 400 and "Vul eerst het totaal" in response.content.decode()
    response = staff_client.post(url, {"total": "abc"})
    assert response.status_code == 400 and "Totaal aantal aanwezigen" in response.content.decode()
    assert not Attendance.objects.exists()


def test_small_groups_are_not_shown_to_the_public(staff_client, client, past_meeting):
    url = f"/bijeenkomsten/{past_meeting.pk}/aanwezigen/"
    form_page = staff_client.get(url).content.decode()
    # g-fields in order: age bands first (u18 is g1, 65+ is g5), then target groups.
    assert 'name="g5"' in form_page
    assert staff_client.post(url, {"total": "20", "g1": "3", "g5": "12"}).status_code == 302
    staff_page = staff_client.get(url).content.decode()
    assert ">3<" in staff_page  # staff see what they entered
    public = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Er waren 20 mensen" in public
    assert "minder dan 5" in public and ">12<" in public and ">3<" not in public


def test_each_line_of_input_is_exactly_one_contribution(staff_client, client, past_meeting):
    url = f"/bijeenkomsten/{past_meeting.pk}/inbreng/"
    text = "- Eerst isoleren\n\n* Een energieloket in het dorpshuis\n3. Een proefstraat\n   \n"
    assert staff_client.post(url, {"items": text, "public": "on"}).status_code == 302
    contributions = Contribution.objects.filter(activity=past_meeting.activity)
    assert contributions.count() == 3 == MeetingInput.objects.count()
    assert set(contributions.values_list("kind", "source")) == {("meeting_input", "meeting")}
    assert sorted(contributions.values_list("text", flat=True)) == sorted(
        ["Eerst isoleren", "Een energieloket in het dorpshuis", "Een proefstraat"]
    )
    assert staff_client.post(url, {"items": "Niet openbaar punt"}).status_code == 302
    assert Contribution.objects.count() == 4
    public = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Een proefstraat" in public and "Niet openbaar punt" not in public and "Ontvangen" in public


def test_input_is_stored_whole_or_not_at_all(staff_client, past_meeting, monkeypatch):
    from participatiemix.meetings import services as meeting_services

    real = meeting_services.contribution_create
    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database gone")
        return real(**kwargs)

    monkeypatch.setattr(meeting_services, "contribution_create", failing)
    with pytest.raises(RuntimeError):
        services.inputs_add(meeting=past_meeting, items=["een", "twee", "drie"])
    assert not Contribution.objects.exists() and not MeetingInput.objects.exists()


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ("", "Dit veld is verplicht"),
        ("\n \n\u200b\n", "Dit veld is verplicht"),
        ("-\n* \n1. \n", "minstens één punt"),
        ("x" * 2001, "hoogstens 2000 tekens"),
        ("\n".join(f"punt {n}" for n in range(201)), "hoogstens 200 punten"),
    ],
)
def test_bad_input_entry_stores_nothing(staff_client, past_meeting, items, words):
    response = staff_client.post(f"/bijeenkomsten/{past_meeting.pk}/inbreng/", {"items": items})
    assert response.status_code == 400 and words in response.content.decode()
    assert not Contribution.objects.exists()


def test_minutes_show_after_the_meeting(staff_client, client, past_meeting, meeting):
    staff_client.post(f"/bijeenkomsten/{past_meeting.pk}/verslag/", {"text": "We spraken over warmte.\x07"})
    assert Minutes.objects.get().text == "We spraken over warmte."
    assert "We spraken over warmte." in client.get(past_meeting.get_absolute_url()).content.decode()
    services.minutes_save(meeting=meeting, text="Nog niet openbaar")
    assert "Nog niet openbaar" not in client.get(meeting.get_absolute_url()).content.decode()
    staff_client.post(f"/bijeenkomsten/{past_meeting.pk}/verslag/", {"text": ""})
    assert not Minutes.objects.filter(meeting=past_meeting).exists()


def test_csv_exports_guard_against_formulas(staff_client, meeting, open_activity, past_meeting):
    services.registration_create(meeting=meeting, name="=HYPERLINK(1)", email="a@example.org")
    services.inputs_add(meeting=past_meeting, items=["+31 punt", "gewoon"])
    response = staff_client.get(f"/bijeenkomsten/activiteit/{meeting.activity_id}/aanmeldingen.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Bijeenkomst", "Begint om", "Naam"] and rows[1][2] == "'=HYPERLINK(1)"
    assert response["Content-Type"].startswith("text/csv")
    response = staff_client.get(f"/bijeenkomsten/activiteit/{meeting.activity_id}/inbreng.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[3] for r in rows[1:]] == ["'+31 punt", "gewoon"]


def test_list_pages_use_a_bounded_number_of_queries(
    client, staff_client, make_meeting, activity, django_assert_max_num_queries
):
    for n in range(8):
        make_meeting(title=f"Bijeenkomst {n}", days=n + 1, capacity=10)
    with django_assert_max_num_queries(12):
        assert client.get(f"/bijeenkomsten/activiteit/{activity.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert staff_client.get(f"/bijeenkomsten/activiteit/{activity.pk}/beheer/").status_code == 200


def test_moving_up_by_capacity_from_the_edit_form(staff_client, meeting, make_user, django_capture_on_commit_callbacks):
    for n in range(3):
        services.registration_create(meeting=meeting, user=make_user(None, None, email=f"w{n}@example.org"))
    data = meeting_data(
        capacity="3",
        starts_at=meeting.starts_at.strftime("%Y-%m-%dT%H:%M"),
        ends_at=meeting.ends_at.strftime("%Y-%m-%dT%H:%M"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(f"/bijeenkomsten/{meeting.pk}/bewerken/", data).status_code == 302
    assert meeting.registrations.filter(status="registered").count() == 3
    assert [m.to for m in mail.outbox] == [["w2@example.org"]]


def test_pages_in_english(client, meeting, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "What happens with your input?" in page and "2 seats left" in page and "Add to your calendar" in page
