"""The services check the permission layer themselves, whoever calls them (a view, the shell, a later app)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from participatiemix.catalogue import services
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.organisations.roles import Role
from tests.catalogue.helpers import make_experience, make_local

pytestmark = pytest.mark.django_db

DATA = {
    "slug": "buurtsoep",
    "name_nl": "Buurtsoep",
    "name_en": "",
    "summary_nl": "Samen soep eten.",
    "summary_en": "",
    "phases": ["agenda_setting"],
    "levels": ["consult"],
    "goals": ["identify_issues"],
    "reaches": [],
    "online": "offline",
    "cost_min_eur": 0,
    "cost_max_eur": 10,
    "contact_role": "wijkregisseur",
}


def test_adding_needs_edit_in_the_organisation_it_is_for(catalogue, make_user, organisation, other_organisation):
    ambtenaar = make_user(Role.AMBTENAAR, organisation)
    griffie = make_user(Role.GRIFFIE, organisation)
    for user, org in (
        (griffie, organisation),
        (ambtenaar, other_organisation),
        (ambtenaar, None),
        (AnonymousUser(), organisation),
    ):
        with pytest.raises(PermissionDenied):
            services.local_instrument_create(user=user, organisation=org, data=DATA)
    assert not LocalInstrument.objects.exists()
    local = services.local_instrument_create(
        user=ambtenaar, organisation=organisation, data=DATA | {"municipality": "Elders"}
    )
    assert local.organisation == organisation and local.municipality == organisation.name  # never from the data


def test_the_owner_cannot_be_moved_through_the_data(catalogue, make_user, organisation, other_organisation):
    ambtenaar = make_user(Role.AMBTENAAR, organisation)
    local = make_local(organisation)
    services.local_instrument_update(
        user=ambtenaar, instrument=local, data=DATA | {"organisation": other_organisation, "slug": "nieuw_id"}
    )
    local.refresh_from_db()
    assert local.organisation == organisation and local.slug == "buurtsoep"


def test_changing_and_deleting_need_edit_in_the_owning_organisation(
    catalogue, make_user, organisation, other_organisation
):
    outsider = make_user(Role.BEHEERDER, other_organisation)
    facilitator = make_user(Role.FACILITATOR, organisation)
    local = make_local(organisation)
    experience = make_experience(organisation)
    for user in (outsider, facilitator):
        with pytest.raises(PermissionDenied):
            services.local_instrument_update(user=user, instrument=local, data={"name_nl": "Overgenomen"})
        with pytest.raises(PermissionDenied):
            services.local_instrument_delete(user=user, instrument=local)
        with pytest.raises(PermissionDenied):
            services.experience_update(
                user=user, experience=experience, data=dict(instrument_id="burgerberaad"), known_ids={"burgerberaad"}
            )
        with pytest.raises(PermissionDenied):
            services.experience_delete(user=user, experience=experience)
    assert LocalInstrument.objects.get().name_nl == "Buurtsoep" and Experience.objects.count() == 1


def test_an_experience_needs_a_known_instrument(catalogue, make_user, organisation):
    ambtenaar = make_user(Role.AMBTENAAR, organisation)
    data = {
        "instrument_id": "verzonnen",
        "where": "Hier",
        "when": "Nu",
        "what_worked": "Veel",
        "what_did_not": "",
        "contact_role": "x",
    }
    with pytest.raises(ValidationError):
        services.experience_create(user=ambtenaar, organisation=organisation, data=data, known_ids={"burgerberaad"})
    assert not Experience.objects.exists()
