"""Local knowledge: who adds, changes and reads it; validation in Dutch; text kept as typed; the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from participatiemix.site.organisation import SESSION_KEY
from tests.catalogue.helpers import make_experience, make_local

pytestmark = pytest.mark.django_db

ADD_LOCAL = "/instrumenten/lokaal/nieuw/"
ADD_EXPERIENCE = "/instrumenten/ervaringen/nieuw/"
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
    "contact_role": "wijkregisseur",
}
EXPERIENCE = {
    "instrument_id": "burgerberaad",
    "where": "Binnenstad",
    "when": "najaar 2024",
    "what_worked": "Loting gaf een gemengde groep.",
    "what_did_not": "",
    "contact_role": "programmamanager",
}
INVISIBLE = ["\u200b\u200b", "\u2060", "\ufeff", "\u3164", " \u200b \t"]


@pytest.mark.parametrize("url", [ADD_LOCAL, ADD_EXPERIENCE])
def test_anonymous_users_are_sent_to_login_and_nothing_is_stored(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    response = client.post(url, VALID | EXPERIENCE)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert LocalInstrument.objects.count() == 0 and Experience.objects.count() == 0


def test_staff_status_or_a_django_permission_without_a_role_is_not_enough(client, catalogue, make_user):
    """Before: `is_staff` or the model permission let anyone add. Now only EDIT in an organisation does."""
    user = make_user(None, None, username="oud_personeel", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="add_localinstrument"), Permission.objects.get(codename="add_experience")
    )
    client.force_login(user)
    for url in (ADD_LOCAL, ADD_EXPERIENCE):
        assert client.get(url).status_code == 403
        assert client.post(url, VALID | EXPERIENCE).status_code == 403
    assert LocalInstrument.objects.count() == 0 and Experience.objects.count() == 0


def test_staff_adds_a_local_instrument_for_their_organisation_with_text_as_typed(
    staff_client, catalogue, staff, organisation
):
    data = VALID | {"summary_nl": "Soep <script>alert(1)</script>en <b>praten</b>.\x01\x0b", "name_nl": "Buurtsoep"}
    response = staff_client.post(ADD_LOCAL, data)
    assert response.status_code == 302
    assert response["Location"] == "/instrumenten/buurtsoep/"
    local = LocalInstrument.objects.get()
    assert local.summary_nl == "Soep <script>alert(1)</script>en <b>praten</b>."  # as typed, minus control chars
    assert local.organisation == organisation and local.municipality == organisation.name
    assert local.created_by == staff
    assert local.goals == ["identify_issues", "strengthen_community"]
    page = staff_client.get(response["Location"]).content.decode()
    assert "Het instrument ‘Buurtsoep’ is toegevoegd." in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Lokaal toegevoegd door Gemeente Noorderveld" in page


def test_escaped_markup_stays_literally_what_was_typed(staff_client, catalogue):
    """Finding: the old cleaner html.unescaped after nh3, so a typed `&lt;script&gt;` was stored as `<script>`."""
    typed = "Tekst met &lt;script&gt;alert(1)&lt;/script&gt; erin"
    assert staff_client.post(ADD_LOCAL, VALID | {"summary_nl": typed, "name_nl": "&lt;b&gt;"}).status_code == 302
    local = LocalInstrument.objects.get()
    assert local.summary_nl == typed and "<script>" not in local.summary_nl
    assert local.name_nl == "&lt;b&gt;"
    page = staff_client.get(f"/instrumenten/{local.slug}/").content.decode()
    assert "&amp;lt;script&amp;gt;" in page and "<script>alert" not in page


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_names_made_only_of_invisible_characters_are_refused(staff_client, catalogue, invisible):
    response = staff_client.post(ADD_LOCAL, VALID | {"name_nl": invisible, "slug": "onzichtbaar"})
    assert response.status_code == 400
    assert "Vul een naam in." in response.content.decode()
    response = staff_client.post(ADD_EXPERIENCE, EXPERIENCE | {"where": invisible, "what_worked": invisible})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul in waar u het instrument gebruikte." in html and "Vul in wat goed werkte." in html
    assert LocalInstrument.objects.count() == 0 and Experience.objects.count() == 0


def test_newlines_in_a_name_become_spaces(staff_client, catalogue):
    assert staff_client.post(ADD_LOCAL, VALID | {"name_nl": "Buurt\r\nsoep", "slug": "buurtsoep"}).status_code == 302
    assert LocalInstrument.objects.get().name_nl == "Buurt soep"


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"slug": "burgerberaad"}, "slug", "hoort bij een instrument uit de catalogus"),
        ({"slug": "wijkraad"}, "slug", "hoort bij een instrument uit de catalogus"),  # reserved by the vocabulary
        ({"slug": "vergelijk"}, "slug", "is gereserveerd"),
        ({"slug": "Met Spaties"}, "slug", "Gebruik 2 tot 60 kleine letters"),
        ({"cost_min_eur": "900", "cost_max_eur": "100"}, "cost_max_eur", "zijn lager dan de laagste"),
        ({"cost_min_eur": "-5"}, "cost_min_eur", "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"cost_max_eur": "9" * 30}, "cost_max_eur", "Zorg ervoor dat deze waarde hoogstens"),
        ({"phases": []}, "phases", "Kies minstens één beleidsfase."),
        ({"levels": ["vote"]}, "levels", "Selecteer een geldige keuze"),
        ({"online": ""}, "online", "Kies online, fysiek of allebei."),
        ({"summary_nl": "\x01\x02"}, "summary_nl", "Vul een korte beschrijving in"),
        ({"contact_role": "  "}, "contact_role", "Vul een functie in"),
        ({"name_nl": "x" * 121}, "name_nl", "niet meer dan 120 tekens"),
    ],
)
def test_invalid_local_instrument_is_refused_in_dutch(staff_client, catalogue, changes, field, message):
    response = staff_client.post(ADD_LOCAL, VALID | changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert LocalInstrument.objects.count() == 0


def test_error_is_linked_to_its_field(staff_client, catalogue):
    html = staff_client.post(ADD_LOCAL, VALID | {"name_nl": ""}).content.decode()
    assert 'aria-describedby="id_name_nl_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#id_name_nl"' in html  # the summary at the top links to the field


def test_two_local_instruments_cannot_share_an_id(staff_client, catalogue):
    assert staff_client.post(ADD_LOCAL, VALID).status_code == 302
    response = staff_client.post(ADD_LOCAL, VALID)
    assert response.status_code == 400
    assert "Er is al een lokaal instrument met de code ‘buurtsoep’." in response.content.decode()


def test_new_items_belong_to_the_active_organisation(client, catalogue, make_user, organisation, other_organisation):
    user = make_user(Role.AMBTENAAR, organisation, username="regio_ambtenaar")
    Membership.objects.create(user=user, organisation=other_organisation, role=Role.AMBTENAAR)
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = other_organisation.pk
    session.save()
    assert "Namens: Gemeente Zuiderhaven" in client.get(ADD_LOCAL).content.decode()
    assert client.post(ADD_LOCAL, VALID).status_code == 302
    assert client.post(ADD_EXPERIENCE, EXPERIENCE).status_code == 302
    assert LocalInstrument.objects.get().organisation == other_organisation
    assert Experience.objects.get().organisation == other_organisation


def test_staff_shares_an_experience_for_curated_and_local_instruments(staff_client, catalogue, organisation):
    response = staff_client.get(f"{ADD_EXPERIENCE}?instrument=burgerberaad")
    assert '<option value="burgerberaad" selected>' in response.content.decode()
    response = staff_client.post(ADD_EXPERIENCE, EXPERIENCE | {"what_did_not": "<b>Weinig</b> jongeren"})
    assert response.status_code == 302
    assert response["Location"] == "/instrumenten/burgerberaad/#ervaringen"
    experience = Experience.objects.get()
    assert experience.what_did_not == "<b>Weinig</b> jongeren"
    assert experience.organisation == organisation
    staff_client.post(ADD_LOCAL, VALID)
    response = staff_client.post(ADD_EXPERIENCE, EXPERIENCE | {"instrument_id": "buurtsoep"})
    assert response.status_code == 302
    assert Experience.objects.filter(instrument_id="buurtsoep").count() == 1


def test_experience_for_unknown_instrument_or_without_text_is_refused(staff_client, catalogue):
    response = staff_client.post(ADD_EXPERIENCE, EXPERIENCE | {"instrument_id": "verzonnen"})
    assert response.status_code == 400
    assert "Dit instrument bestaat niet. Kies een instrument uit de lijst." in response.content.decode()
    response = staff_client.post(ADD_EXPERIENCE, EXPERIENCE | {"what_worked": "\u200b"})
    assert "Vul in wat goed werkte." in response.content.decode()
    response = staff_client.get(f"{ADD_EXPERIENCE}?instrument={'x' * 10_000}")
    assert response.status_code == 200
    assert Experience.objects.count() == 0


def test_own_staff_change_a_local_instrument_but_not_its_code(staff_client, catalogue, organisation):
    make_local(organisation)
    url = "/instrumenten/lokaal/buurtsoep/wijzigen/"
    assert 'value="buurtsoep"' in staff_client.get(url).content.decode()
    response = staff_client.post(url, VALID | {"name_nl": "Buurtsoep XL", "slug": "andere_code"})
    assert response.status_code == 302 and response["Location"] == "/instrumenten/buurtsoep/"
    local = LocalInstrument.objects.get()
    assert (local.name_nl, local.slug, local.organisation) == ("Buurtsoep XL", "buurtsoep", organisation)
    response = staff_client.post(url, VALID | {"name_nl": "\u200b"})
    assert response.status_code == 400
    assert LocalInstrument.objects.get().name_nl == "Buurtsoep XL"


def test_deleting_a_local_instrument_takes_own_experiences_and_is_refused_while_others_refer_to_it(
    staff_client, catalogue, organisation, other_organisation
):
    make_local(organisation)
    mine = make_experience(organisation, instrument_id="buurtsoep")
    theirs = make_experience(other_organisation, instrument_id="buurtsoep", where="Haven")
    url = "/instrumenten/lokaal/buurtsoep/verwijderen/"
    response = staff_client.post(url)
    assert response.status_code == 400
    assert "Andere organisaties hebben een ervaring met dit instrument gedeeld." in response.content.decode()
    assert LocalInstrument.objects.count() == 1 and Experience.objects.count() == 2
    theirs.delete()
    assert staff_client.post(url)["Location"] == "/instrumenten/"
    assert not LocalInstrument.objects.exists()
    assert not Experience.objects.filter(pk=mine.pk).exists()


def test_own_staff_change_and_delete_an_experience(staff_client, catalogue, organisation):
    experience = make_experience(organisation)
    url = f"/instrumenten/ervaringen/{experience.pk}/wijzigen/"
    response = staff_client.post(url, EXPERIENCE | {"where": "Wijk Oost"})
    assert response["Location"] == "/instrumenten/burgerberaad/#ervaringen"
    experience.refresh_from_db()
    assert experience.where == "Wijk Oost"
    assert staff_client.post(url, EXPERIENCE | {"where": "\ufeff"}).status_code == 400
    experience.refresh_from_db()
    assert experience.where == "Wijk Oost"
    assert staff_client.post(f"/instrumenten/ervaringen/{experience.pk}/verwijderen/").status_code == 302
    assert not Experience.objects.exists()


def test_huge_or_unknown_ids_are_a_404(staff_client, catalogue):
    for url in (
        "/instrumenten/ervaringen/999999999999999999999999999999/wijzigen/",
        "/instrumenten/ervaringen/12345/verwijderen/",
        f"/instrumenten/lokaal/{'a' * 61}/wijzigen/",
        "/instrumenten/lokaal/burgerberaad/wijzigen/",  # curated: never changed here
    ):
        assert staff_client.get(url).status_code == 404, url
        assert staff_client.post(url).status_code == 404, url


def test_contacts_and_experiences_are_for_colleagues_only(persona_clients, catalogue, other_organisation):
    make_local(other_organisation, contact_role="wijkregisseur")
    make_experience(other_organisation, instrument_id="buurtsoep", what_worked="De soep was op.")
    for persona in ("anonymous", "resident"):
        html = persona_clients[persona].get("/instrumenten/buurtsoep/").content.decode()
        assert "Buurtsoep" in html and "Lokaal toegevoegd door Gemeente Zuiderhaven" in html
        assert "wijkregisseur" not in html and "De soep was op." not in html, persona
        assert "programmamanager" not in html
    for persona in ("griffie", "facilitator", "ambtenaar", "other_org"):
        html = persona_clients[persona].get("/instrumenten/buurtsoep/").content.decode()
        assert "wijkregisseur" in html and "De soep was op." in html, persona


def test_change_links_only_for_the_owners_editors(persona_clients, catalogue, organisation):
    make_local(organisation)
    experience = make_experience(organisation, instrument_id="buurtsoep")
    for persona, shown in (("ambtenaar", True), ("beheerder", True), ("griffie", False), ("other_org", False)):
        html = persona_clients[persona].get("/instrumenten/buurtsoep/").content.decode()
        assert ("/instrumenten/lokaal/buurtsoep/wijzigen/" in html) is shown, persona
        assert (f"/instrumenten/ervaringen/{experience.pk}/wijzigen/" in html) is shown, persona


def test_admin_uses_the_same_validation(client, catalogue, make_user, organisation):
    admin = make_user(None, None, username="beheer", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/beheer/catalogue/localinstrument/add/").status_code == 200
    owned = {"organisation": organisation.pk}
    response = client.post("/beheer/catalogue/localinstrument/add/", VALID | owned | {"slug": "burgerberaad"})
    assert response.status_code == 200
    assert "hoort bij een instrument uit de catalogus" in response.content.decode()
    response = client.post("/beheer/catalogue/localinstrument/add/", VALID | owned)
    assert response.status_code == 302
    local = LocalInstrument.objects.get()
    assert local.created_by == admin and local.organisation == organisation
    response = client.post("/beheer/catalogue/experience/add/", EXPERIENCE | owned)
    assert response.status_code == 302
    assert client.get("/beheer/catalogue/experience/").status_code == 200


def test_admin_shows_staff_only_their_own_organisations_items(
    client, catalogue, make_user, organisation, other_organisation
):
    user = make_user(Role.AMBTENAAR, organisation, username="admin_ambtenaar", is_staff=True)
    mine = make_local(organisation, slug="mijn_soep", name_nl="Mijn soep")
    theirs = make_local(other_organisation, slug="hun_soep", name_nl="Hun soep")
    client.force_login(user)
    html = client.get("/beheer/catalogue/localinstrument/").content.decode()
    assert "Mijn soep" in html and "Hun soep" not in html and "Gemeente Zuiderhaven" not in html
    assert client.get(f"/beheer/catalogue/localinstrument/{mine.pk}/change/").status_code == 200
    response = client.get(f"/beheer/catalogue/localinstrument/{theirs.pk}/change/")
    assert response.status_code == 302  # the admin says "does not exist" and goes back to the index
    response = client.post(f"/beheer/catalogue/localinstrument/{theirs.pk}/delete/", {"post": "yes"})
    assert LocalInstrument.objects.filter(pk=theirs.pk).exists()
    add = client.get("/beheer/catalogue/localinstrument/add/").content.decode()
    assert "Gemeente Noorderveld" in add and "Gemeente Zuiderhaven" not in add


def test_an_empty_name_gives_one_error_not_a_second_about_the_code(staff_client, catalogue):
    html = staff_client.post(ADD_LOCAL, VALID | {"name_nl": "", "slug": ""}).content.decode()
    assert "Vul een naam in." in html
    assert 'id="id_slug_error"' not in html and "gereserveerd" not in html
