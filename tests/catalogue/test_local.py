"""Local knowledge: who may add, validation in Dutch, sanitising, and the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from participatiemix.catalogue.models import Experience, LocalInstrument

pytestmark = pytest.mark.django_db

VALID = {
    "name_nl": "Buurtsoep",
    "name_en": "",
    "slug": "",
    "summary_nl": "Samen soep eten en praten over de buurt.",
    "summary_en": "",
    "phases": ["agenda_setting"],
    "levels": ["consult"],
    "goals": ["identify_issues", "strengthen_community"],
    "reaches": ["elderly", "disengaged"],
    "online": "offline",
    "cost_min_eur": "100",
    "cost_max_eur": "800",
    "municipality": "Zwolle",
    "contact_role": "wijkregisseur",
}
EXPERIENCE = {
    "instrument_id": "burgerberaad",
    "municipality": "Deventer",
    "where": "Binnenstad",
    "when": "najaar 2024",
    "what_worked": "Loting gaf een gemengde groep.",
    "what_did_not": "",
    "contact_role": "programmamanager",
}


@pytest.mark.parametrize("url", ["/instrumenten/lokaal/nieuw/", "/instrumenten/ervaringen/nieuw/"])
def test_anonymous_users_are_sent_to_login_and_nothing_is_stored(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    response = client.post(url, VALID | EXPERIENCE)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert LocalInstrument.objects.count() == 0 and Experience.objects.count() == 0


@pytest.mark.parametrize("url", ["/instrumenten/lokaal/nieuw/", "/instrumenten/ervaringen/nieuw/"])
def test_logged_in_user_without_permission_is_refused(client, catalogue, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("inwoner", password="x-geheim-123"))
    assert client.get(url).status_code == 403
    assert client.post(url, VALID | EXPERIENCE).status_code == 403
    assert LocalInstrument.objects.count() == 0 and Experience.objects.count() == 0


def test_a_permission_is_enough_without_staff_status(client, catalogue, django_user_model):
    user = django_user_model.objects.create_user("adviseur", password="x-geheim-123")
    user.user_permissions.add(Permission.objects.get(codename="add_localinstrument"))
    client.force_login(user)
    assert client.get("/instrumenten/lokaal/nieuw/").status_code == 200
    assert client.get("/instrumenten/ervaringen/nieuw/").status_code == 403  # a different permission


def test_staff_adds_a_local_instrument_with_sanitised_text(staff_client, catalogue, staff):
    data = VALID | {"summary_nl": "Soep <script>alert(1)</script>en <b>praten</b>.", "name_nl": "Buurt<i>soep</i>"}
    response = staff_client.post("/instrumenten/lokaal/nieuw/", data)
    assert response.status_code == 302
    assert response["Location"] == "/instrumenten/buurtsoep/"
    local = LocalInstrument.objects.get()
    assert local.summary_nl == "Soep en praten."
    assert local.name_nl == "Buurtsoep"
    assert local.created_by == staff
    assert local.goals == ["identify_issues", "strengthen_community"]
    page = staff_client.get(response["Location"]).content.decode()
    assert "Het instrument ‘Buurtsoep’ is toegevoegd." in page


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"slug": "burgerberaad"}, "slug", "hoort bij een instrument uit de catalogus"),
        ({"slug": "wijkraad"}, "slug", "hoort bij een instrument uit de catalogus"),  # reserved by the vocabulary
        ({"slug": "vergelijk"}, "slug", "is gereserveerd"),
        ({"slug": "Met Spaties"}, "slug", "Gebruik 2 tot 60 kleine letters"),
        ({"cost_min_eur": "900", "cost_max_eur": "100"}, "cost_max_eur", "zijn lager dan de laagste"),
        ({"cost_min_eur": "-5"}, "cost_min_eur", "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"phases": []}, "phases", "Kies minstens één beleidsfase."),
        ({"levels": ["vote"]}, "levels", "Selecteer een geldige keuze"),
        ({"online": ""}, "online", "Kies online, fysiek of allebei."),
        ({"summary_nl": "<script>x</script>"}, "summary_nl", "Vul een korte beschrijving in"),
        ({"municipality": "  "}, "municipality", "Dit veld is verplicht"),
    ],
)
def test_invalid_local_instrument_is_refused_in_dutch(staff_client, catalogue, changes, field, message):
    response = staff_client.post("/instrumenten/lokaal/nieuw/", VALID | changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert LocalInstrument.objects.count() == 0


def test_error_is_linked_to_its_field(staff_client, catalogue):
    html = staff_client.post("/instrumenten/lokaal/nieuw/", VALID | {"name_nl": ""}).content.decode()
    assert 'aria-describedby="id_name_nl_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#id_name_nl"' in html  # the summary at the top links to the field


def test_two_local_instruments_cannot_share_an_id(staff_client, catalogue):
    assert staff_client.post("/instrumenten/lokaal/nieuw/", VALID).status_code == 302
    response = staff_client.post("/instrumenten/lokaal/nieuw/", VALID)
    assert response.status_code == 400
    assert "Er is al een lokaal instrument met de code ‘buurtsoep’." in response.content.decode()


def test_staff_shares_an_experience_for_curated_and_local_instruments(staff_client, catalogue):
    response = staff_client.get("/instrumenten/ervaringen/nieuw/?instrument=burgerberaad")
    assert '<option value="burgerberaad" selected>' in response.content.decode()
    response = staff_client.post(
        "/instrumenten/ervaringen/nieuw/", EXPERIENCE | {"what_did_not": "<b>Weinig</b> jongeren"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/instrumenten/burgerberaad/#ervaringen"
    assert Experience.objects.get().what_did_not == "Weinig jongeren"
    staff_client.post("/instrumenten/lokaal/nieuw/", VALID)
    response = staff_client.post("/instrumenten/ervaringen/nieuw/", EXPERIENCE | {"instrument_id": "buurtsoep"})
    assert response.status_code == 302
    assert Experience.objects.filter(instrument_id="buurtsoep").count() == 1


def test_experience_for_unknown_instrument_or_without_text_is_refused(staff_client, catalogue):
    response = staff_client.post("/instrumenten/ervaringen/nieuw/", EXPERIENCE | {"instrument_id": "verzonnen"})
    assert response.status_code == 400
    assert "Dit instrument bestaat niet. Kies een instrument uit de lijst." in response.content.decode()
    response = staff_client.post("/instrumenten/ervaringen/nieuw/", EXPERIENCE | {"what_worked": "<p></p>"})
    assert "Vul in wat goed werkte" in response.content.decode()
    assert Experience.objects.count() == 0


def test_admin_uses_the_same_validation(client, catalogue, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="x-geheim-123")
    client.force_login(admin)
    assert client.get("/beheer/catalogue/localinstrument/add/").status_code == 200
    response = client.post("/beheer/catalogue/localinstrument/add/", VALID | {"slug": "burgerberaad"})
    assert response.status_code == 200
    assert "hoort bij een instrument uit de catalogus" in response.content.decode()
    response = client.post("/beheer/catalogue/localinstrument/add/", VALID)
    assert response.status_code == 302
    assert LocalInstrument.objects.get().created_by == admin
    response = client.post("/beheer/catalogue/experience/add/", EXPERIENCE)
    assert response.status_code == 302
    assert client.get("/beheer/catalogue/experience/").status_code == 200
