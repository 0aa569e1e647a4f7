"""Access matrix for the resident's own pages: Mijn inbreng (see, download, delete, withdraw) and the profile.

Everyone has a Mijn inbreng (an account's input, or this browser's anonymous input); it shows only their own.
Withdrawing someone else's contribution is a 404 for every persona. Staff accounts are not deleted here (403):
their organisation's beheerder does that. The profile page is open for a public process, a 404 for a draft.
"""

import pytest
from django.db import transaction

from participatiemix.processes import services
from participatiemix.processes.models import Contribution, Participant, Process
from tests.matrix import FORBIDDEN, NOT_FOUND, OK, PERSONAS, check

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(PERSONAS, OK)
NOBODY = dict.fromkeys(PERSONAS, NOT_FOUND)
RESIDENTS_ONLY = {p: FORBIDDEN for p in PERSONAS} | {"anonymous": OK, "resident": OK}


def give(process, user=None, summary="Meer groen in de straat"):
    activity = process.phases.first().activities.first()
    participant = Participant.objects.create(process=process, user=user)
    with transaction.atomic():
        return services.contribution_create(activity=activity, participant=participant, kind="idea", summary=summary)


def test_mine_and_download_are_there_for_everyone(persona_clients):
    for url in ("/processen/mijn-inbreng/", "/processen/mijn-inbreng/download/"):
        assert check(persona_clients, "GET", url, EVERYONE) == []


def test_delete_is_for_residents_and_browsers_not_for_staff_accounts(persona_clients, process):
    assert check(persona_clients, "GET", "/processen/mijn-inbreng/verwijderen/", RESIDENTS_ONLY) == []
    staff = persona_clients["users"]["beheerder"]
    give(process, user=staff)
    assert check(persona_clients, "POST", "/processen/mijn-inbreng/verwijderen/", {"beheerder": FORBIDDEN}) == []
    assert Contribution.objects.filter(participant__user=staff).count() == 1


def test_someone_elses_contribution_is_a_404_for_everyone(persona_clients, process, make_user):
    contribution = give(process, user=make_user(None, None, username="buurvrouw"))
    url = f"/processen/mijn-inbreng/{contribution.pk}/intrekken/"
    assert check(persona_clients, "GET", url, NOBODY) == []
    assert check(persona_clients, "POST", url, NOBODY) == []
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    assert check(persona_clients, "GET", "/processen/mijn-inbreng/99999999999999999999/intrekken/", NOBODY) == []


def test_own_contribution_can_be_withdrawn_by_its_owner_only(persona_clients, process):
    contribution = give(process, user=persona_clients["users"]["resident"])
    url = f"/processen/mijn-inbreng/{contribution.pk}/intrekken/"
    others = {p: NOT_FOUND for p in PERSONAS if p != "resident"}
    assert check(persona_clients, "GET", url, {**others, "resident": OK}) == []
    assert check(persona_clients, "POST", url, others) == []
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_profile_is_open_for_a_public_process_and_a_404_for_a_draft(persona_clients, process, make_process):
    assert check(persona_clients, "GET", f"/processen/{process.slug}/profiel/", EVERYONE) == []
    draft = make_process(status=Process.Status.DRAFT, slug="concept")
    assert check(persona_clients, "GET", f"/processen/{draft.slug}/profiel/", NOBODY) == []
    assert check(persona_clients, "POST", f"/processen/{draft.slug}/profiel/", NOBODY, {"age_band": "65+"}) == []
    assert check(persona_clients, "GET", "/processen/bestaat-niet/profiel/", NOBODY) == []
    assert not Participant.objects.filter(process=draft).exists()
