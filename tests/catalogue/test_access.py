"""Access matrix for every catalogue page: anonymous, resident, other organisation's staff, own staff per role.

Who may do what is written in participatiemix/catalogue/rules.py: the catalogue is public; adding needs EDIT
somewhere; changing and deleting need EDIT in the owning organisation (others get a 404, never a 403).
"""

from __future__ import annotations

import pytest

from participatiemix.catalogue.models import Experience, LocalInstrument
from tests.catalogue.helpers import make_experience, make_local
from tests.catalogue.test_local import EXPERIENCE, VALID
from tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    PERSONAS,
    Outcome,
    check,
    expect,
    hidden_from_outsiders,
)

pytestmark = pytest.mark.django_db

ROUTES = {
    "catalogue:list",
    "catalogue:compare",
    "catalogue:detail",
    "catalogue:local_add",
    "catalogue:local_edit",
    "catalogue:local_delete",
    "catalogue:experience_add",
    "catalogue:experience_edit",
    "catalogue:experience_delete",
}

EVERYONE = {persona: OK for persona in PERSONAS}
# Adding: log in first; then EDIT in any organisation (the other organisation's beheerder adds for their own).
ADDERS = expect(
    {"anonymous": LOGIN, "resident": FORBIDDEN, "other_org": OK},
    beheerder=OK,
    ambtenaar=OK,
    facilitator=FORBIDDEN,
    griffie=FORBIDDEN,
)
# Changing and deleting: EDIT in the owning organisation; everyone else a 404.
OWNERS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK)


@pytest.fixture
def local(organisation):
    return make_local(organisation)


@pytest.fixture
def experience(organisation, local):
    return make_experience(organisation, instrument_id=local.slug)


@pytest.mark.parametrize(
    "url",
    [
        "/instrumenten/",
        "/instrumenten/?fase=agenda_setting&zoek=soep",
        "/instrumenten/burgerberaad/",
        "/instrumenten/buurtsoep/",
        "/instrumenten/vergelijk/?id=burgerberaad&id=buurtsoep",
    ],
)
def test_the_catalogue_is_public(persona_clients, catalogue, local, url):
    assert check(persona_clients, "GET", url, EVERYONE) == []


def test_unknown_instrument_is_a_404_for_everyone(persona_clients, catalogue):
    everyone_404 = {persona: NOT_FOUND for persona in PERSONAS}
    assert check(persona_clients, "GET", "/instrumenten/bestaat_niet/", everyone_404) == []


@pytest.mark.parametrize(
    "url", ["/instrumenten/", "/instrumenten/burgerberaad/", "/instrumenten/vergelijk/?id=burgerberaad&id=buurtsoep"]
)
def test_the_public_pages_only_read(persona_clients, catalogue, local, url):
    not_allowed = {persona: Outcome("status", 405) for persona in PERSONAS}
    assert check(persona_clients, "POST", url, not_allowed, {"id": "burgerberaad"}) == []


@pytest.mark.parametrize("url", ["/instrumenten/lokaal/nieuw/", "/instrumenten/ervaringen/nieuw/"])
def test_adding_needs_edit_in_some_organisation(persona_clients, catalogue, url):
    assert check(persona_clients, "GET", url, ADDERS) == []


def test_posting_a_local_instrument(persona_clients, catalogue, organisation, other_organisation):
    for persona, outcome in ADDERS.items():
        slug = f"soep_{persona}"
        assert (
            check(persona_clients, "POST", "/instrumenten/lokaal/nieuw/", {persona: outcome}, VALID | {"slug": slug})
            == []
        )
        stored = LocalInstrument.objects.filter(slug=slug).first()
        assert (stored is not None) is (outcome is OK), persona
    owners = dict(LocalInstrument.objects.values_list("slug", "organisation__slug"))
    assert owners == {
        "soep_other_org": other_organisation.slug,
        "soep_beheerder": organisation.slug,
        "soep_ambtenaar": organisation.slug,
    }


def test_posting_an_experience(persona_clients, catalogue):
    for persona, outcome in ADDERS.items():
        where = f"Wijk van {persona}"
        assert (
            check(
                persona_clients,
                "POST",
                "/instrumenten/ervaringen/nieuw/",
                {persona: outcome},
                EXPERIENCE | {"where": where},
            )
            == []
        )
        assert Experience.objects.filter(where=where).exists() is (outcome is OK), persona


@pytest.mark.parametrize("action", ["wijzigen", "verwijderen"])
def test_local_instrument_pages_only_for_the_owners_editors(persona_clients, catalogue, local, action):
    assert check(persona_clients, "GET", f"/instrumenten/lokaal/{local.slug}/{action}/", OWNERS) == []


@pytest.mark.parametrize("action", ["wijzigen", "verwijderen"])
def test_experience_pages_only_for_the_owners_editors(persona_clients, catalogue, experience, action):
    assert check(persona_clients, "GET", f"/instrumenten/ervaringen/{experience.pk}/{action}/", OWNERS) == []


def test_changing_a_local_instrument(persona_clients, catalogue, local):
    url = f"/instrumenten/lokaal/{local.slug}/wijzigen/"
    for persona, outcome in OWNERS.items():
        name = f"Soep van {persona}"
        assert check(persona_clients, "POST", url, {persona: outcome}, VALID | {"name_nl": name}) == []
        local.refresh_from_db()
        assert (local.name_nl == name) is (outcome is OK), persona


def test_changing_an_experience(persona_clients, catalogue, experience):
    url = f"/instrumenten/ervaringen/{experience.pk}/wijzigen/"
    for persona, outcome in OWNERS.items():
        where = f"Plek van {persona}"
        data = EXPERIENCE | {"where": where, "instrument_id": experience.instrument_id}
        assert check(persona_clients, "POST", url, {persona: outcome}, data) == []
        experience.refresh_from_db()
        assert (experience.where == where) is (outcome is OK), persona


@pytest.mark.parametrize("persona", PERSONAS)
def test_deleting_a_local_instrument(persona_clients, catalogue, organisation, persona):
    local = make_local(organisation, slug=f"weg_{persona}")
    assert (
        check(persona_clients, "POST", f"/instrumenten/lokaal/{local.slug}/verwijderen/", {persona: OWNERS[persona]})
        == []
    )
    assert LocalInstrument.objects.filter(pk=local.pk).exists() is (OWNERS[persona] is not OK)


@pytest.mark.parametrize("persona", PERSONAS)
def test_deleting_an_experience(persona_clients, catalogue, organisation, persona):
    experience = make_experience(organisation)
    url = f"/instrumenten/ervaringen/{experience.pk}/verwijderen/"
    assert check(persona_clients, "POST", url, {persona: OWNERS[persona]}) == []
    assert Experience.objects.filter(pk=experience.pk).exists() is (OWNERS[persona] is not OK)


def test_the_other_organisations_items_are_a_404_for_own_staff(persona_clients, catalogue, other_organisation):
    theirs = make_local(other_organisation, slug="hun_soep")
    their_experience = make_experience(other_organisation)
    for url in (
        f"/instrumenten/lokaal/{theirs.slug}/wijzigen/",
        f"/instrumenten/lokaal/{theirs.slug}/verwijderen/",
        f"/instrumenten/ervaringen/{their_experience.pk}/wijzigen/",
        f"/instrumenten/ervaringen/{their_experience.pk}/verwijderen/",
    ):
        for persona in ("beheerder", "ambtenaar"):
            assert persona_clients[persona].get(url).status_code == 404
            assert persona_clients[persona].post(url, VALID | EXPERIENCE).status_code == 404
    assert LocalInstrument.objects.filter(pk=theirs.pk, name_nl="Buurtsoep").exists()
    assert Experience.objects.filter(pk=their_experience.pk, where="Binnenstad").exists()
