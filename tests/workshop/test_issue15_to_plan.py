"""Issue 15, item 9: group -> plan. The facilitator corrects the mapping on the page; every mapped answer
reaches the draft, which never opens at an empty step; the page never states a fit the catalogue contradicts."""

import re

import pytest
from django.urls import reverse

from participatiemix.workshop import planning, services

pytestmark = pytest.mark.django_db

YES = {"room_for_influence": "ja", "enough_time": "ja", "commitment": "ja", "capacity": "nee"}


@pytest.fixture
def facilitator(client, staff):
    client.force_login(staff)
    return client


def _group(running, notes, name="Zuid"):
    group = services.group_create(workshop=running, name=name)
    questions = {q.number: q for q in running.questions.all()}
    for number, text in notes:
        services.note_add(group=group, question=questions[number], text=text)
    return group


def _data(running, group, **answers):
    proposal = planning.propose(workshop=running, group=group)
    return planning.MappingCorrection(proposal).initial_data(**{**YES, **answers})


def test_a_panel_of_people_with_a_disability_is_not_a_burgerpanel(facilitator, running):
    group = _group(running, [(2, "Panel van mensen met een beperking")])
    html = facilitator.get(reverse("workshop:to_plan", args=[running.pk, group.pk])).content.decode()
    proposal = planning.propose(workshop=running, group=group)
    assert "burgerpanel" not in proposal.mapping.instruments
    assert proposal.mapping.instruments == ["ervaringsdeskundigen"]
    assert "disabilities" in proposal.mapping.target_groups
    assert '<option value="burgerpanel" selected>' not in html
    assert '<option value="ervaringsdeskundigen" selected>' in html


def test_a_klankbordgroep_is_never_said_not_to_fit_the_phase_and_level_it_is_made_for(facilitator, running):
    group = _group(running, [(2, "Klankbordgroep per wijk"), (1, "Zorgen ophalen")])
    html = facilitator.get(reverse("workshop:to_plan", args=[running.pk, group.pk])).content.decode()
    assert "Instrumentele benadering" not in html and "past niet bij" not in html
    assert "Volgens de catalogus is Klankbordgroep gemaakt voor de fase" in html
    assert "In dit plan past Klankbordgroep bij: Beleidsvoorbereiding" in html
    # Corrected to a phase and level the catalogue does not list: the page says exactly that, and why.
    data = _data(running, group, **{"policy_preparation-level": "", "decision_making-level": "co_decide"})
    data["fasen-decision_making-goals"] = ["share_decision"]
    data.pop("fasen-policy_preparation-goals", None)
    data["action"] = "check"
    html = facilitator.post(reverse("workshop:to_plan", args=[running.pk, group.pk]), data).content.decode()
    assert "dit instrument is niet voor deze fase gemaakt." in html


def test_the_facilitator_corrects_the_mapping_and_the_draft_opens_past_the_answered_steps(facilitator, running):
    from participatiemix.plans.intake import first_incomplete_step, step_complete
    from participatiemix.plans.models import Plan

    group = _group(running, [(1, "Agendavorming: ophalen wat er leeft"), (2, "Referendum"), (2, "Huurders")])
    url = reverse("workshop:to_plan", args=[running.pk, group.pk])
    html = facilitator.get(url).content.decode()
    assert re.search(r'name="doelgroepen-target_groups"[^>]*value="tenants"[^>]*checked', html)
    assert '<option value="referendum" selected>' in html and "Klopt dit? Pas het aan" in html
    # Without the randvoorwaarden nothing is made, and the page says what is missing.
    response = facilitator.post(url, _data(running, group, room_for_influence=""))
    assert response.status_code == 400 and "Controleer deze gegevens" in response.content.decode()
    assert Plan.objects.count() == 0
    data = _data(running, group, starting_instrument="burgerberaad")
    data["doelgroepen-target_groups"] = ["tenants", "elderly"]  # corrected by the facilitator
    response = facilitator.post(url, data)
    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.case_data["starting_instrument"] == "burgerberaad"
    assert plan.case_data["target_groups"] == ["tenants", "elderly"]
    assert plan.case_data["phases"][0]["phase"] == "agenda_setting"
    assert "identify_issues" in plan.case_data["phases"][0]["goals"]
    assert (plan.room_for_influence, plan.enough_time, plan.commitment, plan.capacity) == (True, True, True, False)
    # Question, randvoorwaarden, goals, council and target groups are answered: never back to step 2.
    assert all(step_complete(plan=plan, step=step) for step in range(1, 6))
    assert first_incomplete_step(plan=plan) >= 6
