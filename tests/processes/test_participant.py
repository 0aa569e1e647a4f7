"""The resident's side: the voluntary profile, Mijn inbreng (see, withdraw, download, delete) and status e-mails."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import Client

from participatiemix.processes import services
from participatiemix.processes.models import Contribution, Participant, Profile
from participatiemix.site.accounts import lang_of, remember_lang

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-42"


@pytest.fixture
def resident(make_user):
    return make_user(None, None, username="inwoner-a", email="a@example.org")


@pytest.fixture
def resident_client(resident):
    client = Client()
    client.force_login(resident)
    return client


def give(activity, participant, summary="Meer groen in de straat", kind="idea"):
    with transaction.atomic():
        return services.contribution_create(activity=activity, participant=participant, kind=kind, summary=summary)


def participant_of(process, user):
    return Participant.objects.get_or_create(process=process, user=user)[0]


def first_activity(process):
    return process.phases.first().activities.first()


# --------------------------------------------------------------------------- profile


def test_profile_offers_the_plans_target_groups_and_says_it_is_voluntary(client, process):
    html = client.get(f"/processen/{process.slug}/profiel/").content.decode()
    assert "Dit is vrijwillig." in html and "groepen van 5 of meer" in html
    for label in ("Woningeigenaren", "Huurders", "Ouderen", "Laaggeletterden"):
        assert label in html
    assert "Alle inwoners" not in html, "everybody belongs to all_residents: not asked"
    assert "niet verplicht" in html
    assert not Participant.objects.exists(), "looking at the page stores nothing"


def test_anonymous_profile_is_kept_with_the_browsers_participant(client, process):
    process.districts = ["Centrum", "Noord"]
    process.save(update_fields=["districts"])
    data = {"age_band": "65+", "district": "Noord", "target_groups": ["elderly", "tenants"]}
    response = client.post(f"/processen/{process.slug}/profiel/", data)
    assert response.status_code == 302
    participant = Participant.objects.get(process=process)
    assert participant.user is None
    assert client.session[services.SESSION_KEY][str(process.pk)] == participant.key
    profile = Profile.objects.get(participant=participant)
    assert (profile.age_band, profile.district, profile.target_groups) == ("65+", "Noord", ["elderly", "tenants"])
    # Shown again, filled in; changing it keeps one profile.
    html = client.get(f"/processen/{process.slug}/profiel/").content.decode()
    assert 'value="Noord" selected' in html and 'value="65+" selected' in html
    assert re.search(r'value="elderly"[^>]*checked', html) and not re.search(r'value="homeowners"[^>]*checked', html)
    client.post(f"/processen/{process.slug}/profiel/", {"age_band": "", "district": "", "target_groups": []})
    profile.refresh_from_db()
    assert (profile.age_band, profile.district, profile.target_groups) == ("", "", [])
    assert Participant.objects.count() == 1 and Profile.objects.count() == 1


def test_profile_of_an_account_belongs_to_its_participant(resident_client, resident, process):
    resident_client.post(f"/processen/{process.slug}/profiel/", {"age_band": "30-44"})
    assert Profile.objects.get(participant__user=resident, participant__process=process).age_band == "30-44"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"age_band": "120+"}, "Uw leeftijd"),
        ({"target_groups": ["all_residents"]}, "Ik hoor bij deze groepen"),
        ({"target_groups": ["bestaat_niet"]}, "Ik hoor bij deze groepen"),
        ({"district": "Atlantis"}, "Waar woont u?"),
    ],
)
def test_bad_profile_input_names_the_field_in_dutch_and_stores_nothing(client, process, data, field):
    process.districts = ["Centrum"]
    process.save(update_fields=["districts"])
    response = client.post(f"/processen/{process.slug}/profiel/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Controleer deze gegevens" in html and field in html and "geen beschikbare keuze" in html
    assert not Participant.objects.exists() and not Profile.objects.exists()


def test_the_profile_is_stored_apart_from_the_input():
    contribution_fields = {f.name for f in Contribution._meta.get_fields()}
    assert "profile" not in contribution_fields
    related = {f.related_model for f in Contribution._meta.get_fields() if f.is_relation}
    assert Profile not in related
    profile_relations = {f.related_model for f in Profile._meta.get_fields() if f.is_relation}
    assert profile_relations == {Participant}


# --------------------------------------------------------------------------- Mijn inbreng


def test_mine_shows_own_input_per_process_with_status_and_response(resident_client, resident, process, make_process):
    other_process = make_process(slug="tweede-proces")
    own = participant_of(process, resident)
    adopted = give(first_activity(process), own, summary="Zonnepanelen op de school")
    refused = give(first_activity(process), own, summary="Een windmolen in het park")
    give(first_activity(other_process), participant_of(other_process, resident), summary="Warmtenet in Noord")
    services.contributions_set_status(contributions=[adopted], status="adopted", response="Staat in het plan.")
    services.contributions_set_status(contributions=[refused], status="not_adopted", response="Te dicht bij huizen.")
    stranger = get_user_model().objects.create_user("vreemde", password=PASSWORD)
    give(first_activity(process), participant_of(process, stranger), summary="Geheim van een ander")

    html = resident_client.get("/processen/mijn-inbreng/").content.decode()
    assert "U bracht 3 keer iets in." in html
    assert process.title in html and "Warmtenet in Noord" in html
    assert "Zonnepanelen op de school" in html and "Verwerkt" in html and "Staat in het plan." in html
    assert "Wat we ermee deden" in html
    assert "Niet overgenomen" in html and "Waarom niet" in html and "Te dicht bij huizen." in html
    assert "Geheim van een ander" not in html
    assert f"/processen/mijn-inbreng/{adopted.pk}/intrekken/" in html


def test_an_anonymous_browser_sees_its_own_input_only(client, process):
    client.post(f"/processen/{process.slug}/profiel/", {"age_band": "18-29"})
    mine = Participant.objects.get()
    give(first_activity(process), mine, summary="Fietsenstalling bij het station")
    give(first_activity(process), Participant.objects.create(process=process), summary="Van iemand anders")
    html = client.get("/processen/mijn-inbreng/").content.decode()
    assert "Fietsenstalling bij het station" in html and "Van iemand anders" not in html
    assert "U bent niet ingelogd" in html
    assert "Ontvangen" in html
    assert "U heeft nog niets ingebracht." in Client().get("/processen/mijn-inbreng/").content.decode()


def test_mine_links_to_the_contribution_in_full_when_the_app_gives_one(resident_client, resident, process):
    survey_activity = next(a for a in process.phases.first().activities.all() if a.app == "surveys")
    contribution = give(survey_activity, participant_of(process, resident), kind="survey_response")
    html = resident_client.get("/processen/mijn-inbreng/").content.decode()
    assert "helemaal lezen" in html and f"/{contribution.pk}/" in html


def test_mine_needs_a_bounded_number_of_queries(resident_client, resident, process, django_assert_max_num_queries):
    survey_activities = [a for p in process.phases.all() for a in p.activities.all() if a.app == "surveys"]
    participant = participant_of(process, resident)
    resident_client.get("/processen/mijn-inbreng/")  # the first visit remembers the language (a cache write)
    for i in range(50):
        give(
            survey_activities[i % len(survey_activities)], participant, summary=f"Antwoord {i}", kind="survey_response"
        )
    with django_assert_max_num_queries(10):
        response = resident_client.get("/processen/mijn-inbreng/")
    assert response.content.decode().count("/intrekken/") == 50


def test_withdraw_asks_first_then_deletes_only_that_contribution(resident_client, resident, process):
    participant = participant_of(process, resident)
    gone = give(first_activity(process), participant, summary="Dit trek ik in")
    kept = give(first_activity(process), participant, summary="Dit blijft")
    url = f"/processen/mijn-inbreng/{gone.pk}/intrekken/"
    page = resident_client.get(url)
    assert (
        page.status_code == 200
        and "Dit trek ik in" in page.content.decode()
        and "Ja, intrekken" in page.content.decode()
    )
    assert Contribution.objects.filter(pk=gone.pk).exists(), "a GET deletes nothing"
    response = resident_client.post(url)
    assert response.status_code == 302 and response["Location"] == "/processen/mijn-inbreng/"
    assert not Contribution.objects.filter(pk=gone.pk).exists()
    assert Contribution.objects.filter(pk=kept.pk).exists()
    assert resident_client.post(url).status_code == 404


def test_download_holds_account_participations_profiles_and_contributions(resident_client, resident, process):
    participant = participant_of(process, resident)
    services.profile_save(participant=participant, age_band="45-64", target_groups=["homeowners"])
    contribution = give(first_activity(process), participant, summary="Isolatie eerst")
    services.contributions_set_status(contributions=[contribution], status="in_progress")
    stranger = get_user_model().objects.create_user("vreemde", password=PASSWORD)
    give(first_activity(process), participant_of(process, stranger), summary="Van een ander")

    response = resident_client.get("/processen/mijn-inbreng/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"] and ".json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "a@example.org"
    assert [p["process"] for p in data["participations"]] == [process.slug]
    assert data["profiles"] == [
        {"process": process.slug, "age_band": "45-64", "district": "", "target_groups": ["homeowners"]}
    ]
    assert len(data["contributions"]) == 1
    row = data["contributions"][0]
    assert row["summary"] == "Isolatie eerst" and row["status"] == "in_progress" and row["status_label"]
    assert "Van een ander" not in response.content.decode()
    assert isinstance(data["instruments"], dict)


def test_download_for_an_anonymous_browser_has_no_account(client, process):
    client.post(f"/processen/{process.slug}/profiel/", {"age_band": "u18"})
    data = json.loads(client.get("/processen/mijn-inbreng/download/").content)
    assert data["account"] is None
    assert data["profiles"][0]["age_band"] == "u18"


def test_deleting_an_account_needs_the_password_and_cascades(resident_client, resident, process, make_user):
    participant = participant_of(process, resident)
    services.profile_save(participant=participant, age_band="65+")
    give(first_activity(process), participant)
    give(first_activity(process), participant)
    neighbour = make_user(None, None, username="buur")
    kept = give(first_activity(process), participant_of(process, neighbour))

    page = resident_client.get("/processen/mijn-inbreng/verwijderen/").content.decode()
    assert "a@example.org" in page and "2 keer inbreng" in page and "1 keer uw antwoorden" in page

    response = resident_client.post("/processen/mijn-inbreng/verwijderen/", {"password": "fout-wachtwoord"})
    assert response.status_code == 400 and "Dit wachtwoord klopt niet" in response.content.decode()
    assert get_user_model().objects.filter(pk=resident.pk).exists()

    response = resident_client.post("/processen/mijn-inbreng/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert not Profile.objects.filter(participant_id=participant.pk).exists()
    assert Contribution.objects.filter(participant_id=participant.pk).count() == 0
    assert Contribution.objects.filter(pk=kept.pk).exists(), "other people's input stays"
    assert "_auth_user_id" not in resident_client.session


def test_an_anonymous_browser_forgets_its_participants(client, process):
    client.post(f"/processen/{process.slug}/profiel/", {"age_band": "u18"})
    participant = Participant.objects.get()
    give(first_activity(process), participant)
    other = Participant.objects.create(process=process)
    give(first_activity(process), other)
    assert client.post("/processen/mijn-inbreng/verwijderen/").status_code == 302
    assert list(Participant.objects.all()) == [other]
    assert services.SESSION_KEY not in client.session
    assert Contribution.objects.count() == 1


# --------------------------------------------------------------------------- e-mails


def test_status_mail_one_per_person_with_what_changed_and_a_link(
    process, make_process, make_user, django_capture_on_commit_callbacks
):
    jan = make_user(None, None, username="jan", email="jan@example.org")
    piet = make_user(None, None, username="piet", email="piet@example.org")
    second = make_process(slug="tweede")
    rows = [
        give(first_activity(process), participant_of(process, jan), summary="Idee een"),
        give(first_activity(second), participant_of(second, jan), summary="Idee twee"),
        give(first_activity(process), participant_of(process, piet), summary="Idee van Piet"),
        give(first_activity(process), Participant.objects.create(process=process), summary="Anoniem"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.contributions_set_status(contributions=rows, status="adopted", response="We doen het.")
    assert sorted(m.to[0] for m in mail.outbox) == ["jan@example.org", "piet@example.org"]
    jan_mail = next(m for m in mail.outbox if m.to == ["jan@example.org"])
    assert jan_mail.subject == "Nieuws over 2 keer uw inbreng"
    body = jan_mail.body
    assert "Idee een" in body and "Idee twee" in body and "Idee van Piet" not in body
    assert process.title in body and second.title in body
    assert "Status: Verwerkt" in body and "Wat we ermee deden: We doen het." in body
    assert "/processen/mijn-inbreng/" in body
    assert "{%" not in body and "&#" not in body, "plain text, no template or HTML escapes"


def test_status_mail_uses_the_language_last_used(resident, process, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("en"):
        remember_lang(resident)
    assert lang_of(resident.pk) == "en"
    contribution = give(first_activity(process), participant_of(process, resident))
    with django_capture_on_commit_callbacks(execute=True):
        services.contributions_set_status(contributions=[contribution], status="not_adopted", response="Past niet.")
    assert len(mail.outbox) == 1 and "Past niet." in mail.outbox[0].body
    assert lang_of(999999) == "nl", "unknown: Dutch"
