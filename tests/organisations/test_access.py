"""Access matrix for the organisation pages, and the beheerder's member management."""

import pytest

from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from tests.matrix import LOGIN, NOT_FOUND, OK, check

ROUTES = {
    "organisations:overview",
    "organisations:choose",
    "organisations:members",
    "organisations:member_role",
    "organisations:member_remove",
    "organisations:member_unlock",
}

STAFF_ONLY_BEHEERDER = {
    "anonymous": LOGIN,
    "resident": NOT_FOUND,
    "other_org": NOT_FOUND,
    "beheerder": OK,
    "ambtenaar": NOT_FOUND,
    "facilitator": NOT_FOUND,
    "griffie": NOT_FOUND,
}


@pytest.fixture
def target(persona_clients, organisation):
    return Membership.objects.get(user=persona_clients["users"]["griffie"], organisation=organisation)


def test_overview_is_for_everyone_logged_in(persona_clients):
    everyone = {p: OK for p in ("resident", "other_org", "beheerder", "ambtenaar", "facilitator", "griffie")}
    assert check(persona_clients, "GET", "/organisatie/", {"anonymous": LOGIN, **everyone}) == []


def test_overview_shows_only_own_organisations(persona_clients, organisation, other_organisation):
    page = persona_clients["ambtenaar"].get("/organisatie/").content.decode()
    assert organisation.name in page and other_organisation.name not in page
    assert "Leden van" not in page  # an ambtenaar does not manage members
    page = persona_clients["beheerder"].get("/organisatie/").content.decode()
    assert f"/organisatie/{organisation.slug}/leden/" in page


def test_members_page_only_for_own_beheerder(persona_clients, organisation):
    assert check(persona_clients, "GET", f"/organisatie/{organisation.slug}/leden/", STAFF_ONLY_BEHEERDER) == []
    assert persona_clients["beheerder"].get("/organisatie/bestaat-niet/leden/").status_code == 404


@pytest.mark.parametrize("action", ["rol", "verwijderen", "ontgrendelen"])
def test_member_actions_only_for_own_beheerder(persona_clients, organisation, target, action):
    url = f"/organisatie/{organisation.slug}/leden/{target.pk}/{action}/"
    outsiders_and_others = {k: v for k, v in STAFF_ONLY_BEHEERDER.items() if k != "beheerder"}
    data = {f"m{target.pk}-role": Role.AMBTENAAR}
    assert check(persona_clients, "POST", url, outsiders_and_others, data) == []
    assert Membership.objects.filter(pk=target.pk, role=Role.GRIFFIE).exists(), "nothing changed by outsiders"


def test_beheerder_changes_a_role_and_removes_a_member(persona_clients, organisation, target):
    client = persona_clients["beheerder"]
    url = f"/organisatie/{organisation.slug}/leden/{target.pk}/rol/"
    assert client.post(url, {f"m{target.pk}-role": Role.AMBTENAAR}).status_code == 302
    target.refresh_from_db()
    assert target.role == Role.AMBTENAAR
    client.post(f"/organisatie/{organisation.slug}/leden/{target.pk}/verwijderen/")
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_a_role_outside_the_list_is_refused(persona_clients, organisation, target):
    client = persona_clients["beheerder"]
    response = client.post(
        f"/organisatie/{organisation.slug}/leden/{target.pk}/rol/", {f"m{target.pk}-role": "superuser"}, follow=True
    )
    assert "Kies een van de rollen" in response.content.decode()
    target.refresh_from_db()
    assert target.role == Role.GRIFFIE


def test_the_last_beheerder_cannot_leave_or_be_demoted(persona_clients, organisation):
    client = persona_clients["beheerder"]
    own = Membership.objects.get(user=persona_clients["users"]["beheerder"], organisation=organisation)
    response = client.post(f"/organisatie/{organisation.slug}/leden/{own.pk}/verwijderen/", follow=True)
    assert "laatste beheerder" in response.content.decode()
    response = client.post(
        f"/organisatie/{organisation.slug}/leden/{own.pk}/rol/", {f"m{own.pk}-role": Role.GRIFFIE}, follow=True
    )
    assert "laatste beheerder" in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.BEHEERDER


def test_beheerder_adds_a_colleague_by_username_or_email(persona_clients, organisation, make_user):
    make_user(None, None, username="nieuw", email="nieuw@gemeente.example")
    client = persona_clients["beheerder"]
    url = f"/organisatie/{organisation.slug}/leden/"
    assert client.post(url, {"who": "NIEUW@gemeente.example", "role": Role.FACILITATOR}).status_code == 302
    assert Membership.objects.get(user__username="nieuw").role == Role.FACILITATOR
    again = client.post(url, {"who": "nieuw", "role": Role.AMBTENAAR})
    assert again.status_code == 400 and "al lid" in again.content.decode()
    unknown = client.post(url, {"who": "niemand\x01", "role": Role.AMBTENAAR})
    assert unknown.status_code == 400 and "geen actief account" in unknown.content.decode()


def test_choose_organisation_only_among_own(persona_clients, organisation, other_organisation, make_user):
    user = persona_clients["users"]["ambtenaar"]
    Membership.objects.create(user=user, organisation=other_organisation, role=Role.GRIFFIE)
    client = persona_clients["ambtenaar"]
    client.post("/organisatie/kies/", {"organisation": other_organisation.pk})
    assert client.session["pmx_organisation"] == other_organisation.pk
    stranger = persona_clients["facilitator"]
    response = stranger.post("/organisatie/kies/", {"organisation": other_organisation.pk}, follow=True)
    assert "pmx_organisation" not in stranger.session
    assert "Kies een organisatie" in response.content.decode()


def test_choose_does_not_redirect_to_another_site(persona_clients, organisation):
    client = persona_clients["ambtenaar"]
    response = client.post("/organisatie/kies/", {"organisation": organisation.pk, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/organisatie/"
