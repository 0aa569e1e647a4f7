"""The intake: one step per screen, validated per step, saved as a draft, back and forward."""

import re

import pytest

from participatiemix.plans.models import Plan, PlanVersion
from participatiemix.plans.notes import worded

STEP1 = {
    "title_field": "Een alternatief voor Gronings gas kiezen",
    "policy_question": "Hoe betrekken we inwoners bij de keuze voor een warmtebron?",
    "municipality": "Voorbeeldgemeente",
    "scale": "municipality",
}
STEP2 = {"room_for_influence": "ja", "enough_time": "ja", "commitment": "ja", "capacity": "ja"}
STEP3 = {
    "agenda_setting-level": "consult",
    "agenda_setting-goals": ["inform_residents", "identify_issues"],
    "policy_preparation-level": "advise",
    "policy_preparation-goals": ["gather_knowledge", "weigh_options"],
    "policy_preparation-weeks": "12",
}
STEP4 = {"room": "open", "frames_set": "nee", "decides": "ja", "shared_mandate": "nee", "notes": ""}
STEP5 = {"target_groups": ["all_residents", "tenants", "low_literacy"]}
STEP6 = {
    "budget_eur": "80000",
    "weeks": "40",
    "staff_hours": "900",
    "online_only": "nee",
    "trust": "normal",
    "polarisation": "low",
}
STEP7 = {"starting_instrument": ""}
STEPS = [STEP1, STEP2, STEP3, STEP4, STEP5, STEP6, STEP7]


def walk(client, upto: int = 7) -> Plan:
    response = client.post("/plannen/nieuw/", STEP1)
    assert response.status_code == 302
    plan = Plan.objects.latest("id")
    assert response["Location"] == f"/plannen/{plan.pk}/stap/2/"
    for step in range(2, upto + 1):
        nav = "finish" if step == 7 else "next"
        response = client.post(f"/plannen/{plan.pk}/stap/{step}/", {**STEPS[step - 1], "nav": nav})
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    plan.refresh_from_db()
    return plan


def test_login_is_required(client, db):
    for url in ("/plannen/", "/plannen/nieuw/", "/plannen/importeren/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    assert client.post("/plannen/nieuw/", STEP1).status_code == 302
    assert not Plan.objects.exists()


def test_full_intake_makes_a_plan_with_advice(staff_client):
    plan = walk(staff_client)
    assert plan.latest_version is not None
    version = plan.latest_version
    assert version.number == 1
    assert [p["phase"] for p in version.case["phases"]] == ["agenda_setting", "policy_preparation"]
    assert version.case["phases"][1]["weeks"] == 12
    assert version.case["constraints"]["budget_eur"] == 80000
    assert version.preconditions == {
        "room_for_influence": True,
        "enough_time": True,
        "commitment": True,
        "capacity": True,
    }
    assert version.advice["verdict"]["status"] == "go"
    assert version.advice_en["phases"][0]["promise"].startswith("We ask")
    response = staff_client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert "Een alternatief voor Gronings gas kiezen" in response.content.decode()


def test_each_step_is_saved_as_a_draft_and_resumes_at_the_first_incomplete_step(staff_client):
    plan = walk(staff_client, upto=3)
    assert plan.latest_version is None
    assert plan.case_data["title"] == STEP1["title_field"]
    assert plan.enough_time is True
    assert plan.case_data["phases"][0] == {
        "phase": "agenda_setting",
        "goals": ["inform_residents", "identify_issues"],
        "level": "consult",
    }
    # Step 4 (the council) is next: the plan's page sends an editor there; later steps are not reachable yet.
    assert staff_client.get(plan.get_absolute_url())["Location"] == f"/plannen/{plan.pk}/stap/4/"
    response = staff_client.get(f"/plannen/{plan.pk}/stap/6/")
    assert response.status_code == 302 and response["Location"] == f"/plannen/{plan.pk}/stap/4/"
    # A draft without advice sends the plan page to the intake.
    assert staff_client.get(f"/plannen/{plan.pk}/")["Location"] == f"/plannen/{plan.pk}/stap/4/"


def test_back_saves_and_returns_to_the_previous_step_with_values_kept(staff_client):
    plan = walk(staff_client, upto=2)
    response = staff_client.post(f"/plannen/{plan.pk}/stap/3/", {**STEP3, "nav": "back"})
    assert response["Location"] == f"/plannen/{plan.pk}/stap/2/"
    plan.refresh_from_db()
    assert len(plan.case_data["phases"]) == 2
    page = staff_client.get(f"/plannen/{plan.pk}/stap/3/").content.decode()
    assert re.search(r'value="consult"[^>]* checked', page)
    assert re.search(r'value="weigh_options"[^>]* checked', page)
    page = staff_client.get(f"/plannen/{plan.pk}/stap/1/").content.decode()
    assert STEP1["policy_question"] in page


@pytest.mark.parametrize(
    ("step", "data", "field", "text"),
    [
        (1, {**STEP1, "title_field": "  "}, "title_field", "Vul een korte naam in"),
        (1, {**STEP1, "scale": "planet"}, "scale", "deze keuze bestaat niet. Kies uit: Buurt, Wijk"),
        (2, {**STEP2, "enough_time": "misschien"}, "enough_time", "Kies uit: Ja, Nee"),
        (2, {k: v for k, v in STEP2.items() if k != "capacity"}, "capacity", "Kies een antwoord bij"),
        (3, {"agenda_setting-level": "consult"}, "agenda_setting-goals", "Kies minstens één doel voor Agendavorming"),
        (3, {"agenda_setting-goals": ["identify_issues"]}, "agenda_setting-level", "Kies ook een trede"),
        (3, {**STEP3, "agenda_setting-goals": ["world_peace"]}, "agenda_setting-goals", "world_peace"),
        (3, {**STEP3, "policy_preparation-level": "dictate"}, "policy_preparation-level", "Kies uit: Informeren"),
        (3, {**STEP3, "policy_preparation-weeks": "-3"}, "policy_preparation-weeks", "kan niet negatief zijn"),
        (4, {**STEP4, "room": "wide"}, "room", "Kies uit: Open"),
        (5, {"target_groups": []}, "target_groups", "Kies minstens één doelgroep"),
        (5, {"target_groups": ["aliens"]}, "target_groups", "Kies uit: Alle inwoners"),
        (6, {**STEP6, "budget_eur": "-5"}, "budget_eur", "kan niet negatief zijn"),
        (6, {**STEP6, "staff_hours": "veel"}, "staff_hours", "moet een heel getal zijn"),
        (6, {**STEP6, "trust": "none"}, "trust", "Kies uit: Laag vertrouwen"),
        (7, {"starting_instrument": "raketlancering"}, "starting_instrument", "Kies uit:"),
    ],
)
def test_step_validation_names_the_field_and_stores_nothing(staff_client, step, data, field, text):
    plan = walk(staff_client, upto=step - 1) if step > 1 else None
    before = plan.case_data if plan else None
    url = f"/plannen/{plan.pk}/stap/{step}/" if plan else "/plannen/nieuw/"
    count = Plan.objects.count()
    response = staff_client.post(url, {**data, "nav": "next"})
    assert response.status_code == 400
    page = response.content.decode()
    assert text in page
    # The message sits next to the field and is linked to it.
    field_id = f"id_{field}"
    assert f'id="{field_id}_error"' in page
    assert re.search(rf'aria-describedby="[^"]*{field_id}_error', page)
    assert 'role="alert"' in page and f'href="#{field_id}' in page
    assert Plan.objects.count() == count
    if plan:
        plan.refresh_from_db()
        assert plan.case_data == before
        assert not PlanVersion.objects.filter(plan=plan).exists()


def test_goals_form_needs_at_least_one_phase(staff_client):
    plan = walk(staff_client, upto=2)
    response = staff_client.post(f"/plannen/{plan.pk}/stap/3/", {"nav": "next"})
    assert response.status_code == 400
    assert "Kies voor minstens één fase een trede en een doel" in response.content.decode()


def test_no_room_at_step_two_conflicts_with_an_open_council(staff_client):
    plan = walk(staff_client, upto=1)
    staff_client.post(f"/plannen/{plan.pk}/stap/2/", {**STEP2, "room_for_influence": "nee"})
    staff_client.post(f"/plannen/{plan.pk}/stap/3/", STEP3)
    response = staff_client.post(f"/plannen/{plan.pk}/stap/4/", STEP4)
    assert response.status_code == 400
    assert "Bij stap 2 zei u dat er geen ruimte voor invloed is" in response.content.decode()


def test_honest_advice_when_preconditions_fail(staff_client):
    plan = walk(staff_client, upto=1)
    staff_client.post(f"/plannen/{plan.pk}/stap/2/", {**STEP2, "room_for_influence": "nee"})
    staff_client.post(f"/plannen/{plan.pk}/stap/3/", STEP3)
    staff_client.post(f"/plannen/{plan.pk}/stap/4/", {**STEP4, "room": "none"})
    for step in (5, 6):
        staff_client.post(f"/plannen/{plan.pk}/stap/{step}/", STEPS[step - 1])
    staff_client.post(f"/plannen/{plan.pk}/stap/7/", {**STEP7, "nav": "finish"})
    plan.refresh_from_db()
    advice = plan.latest_version.advice
    assert advice["verdict"]["status"] == "inform_only"
    assert "no_room_for_influence" in {w["code"] for w in advice["warnings"]}
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert "Alleen informeren is eerlijk." in page
    assert "pmx-severity-blocker" in page or "pmx-severity-warning" in page


def test_capacity_no_means_not_yet(staff_client):
    plan = walk(staff_client, upto=1)
    staff_client.post(f"/plannen/{plan.pk}/stap/2/", {**STEP2, "capacity": "nee"})
    for step in range(3, 7):
        staff_client.post(f"/plannen/{plan.pk}/stap/{step}/", STEPS[step - 1])
    staff_client.post(f"/plannen/{plan.pk}/stap/7/", {**STEP7, "nav": "finish"})
    plan.refresh_from_db()
    advice = plan.latest_version.advice
    assert advice["verdict"]["status"] == "not_ready"
    capacity = next(p for p in advice["preconditions"] if p["id"] == "capacity")
    assert capacity["ok"] is False


def test_a_promise_beyond_the_mandate_is_valid_and_warned(staff_client):
    plan = walk(staff_client, upto=2)
    staff_client.post(f"/plannen/{plan.pk}/stap/3/", {**STEP3, "policy_preparation-level": "co_decide"})
    staff_client.post(f"/plannen/{plan.pk}/stap/4/", {**STEP4, "decides": "nee"})
    for step in (5, 6):
        staff_client.post(f"/plannen/{plan.pk}/stap/{step}/", STEPS[step - 1])
    response = staff_client.post(f"/plannen/{plan.pk}/stap/7/", {**STEP7, "nav": "finish"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert "promise_exceeds_mandate" in {w["code"] for w in plan.latest_version.advice["warnings"]}
    assert "Belofte groter dan mandaat" in staff_client.get(f"/plannen/{plan.pk}/").content.decode()


def test_starting_instrument_is_checked_by_the_advice(staff_client):
    plan = walk(staff_client, upto=6)
    staff_client.post(f"/plannen/{plan.pk}/stap/7/", {"starting_instrument": "referendum", "nav": "finish"})
    plan.refresh_from_db()
    assert plan.latest_version.case["starting_instrument"] == "referendum"
    assert "instrumental_approach" in {w["code"] for w in plan.latest_version.advice["warnings"]}


def test_editing_a_complete_plan_makes_a_new_version_only_when_something_changed(staff_client):
    plan = walk(staff_client)
    response = staff_client.post(f"/plannen/{plan.pk}/stap/6/", {**STEP6, "nav": "finish"})
    assert response["Location"] == f"/plannen/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.latest_version.number == 1
    staff_client.post(f"/plannen/{plan.pk}/stap/6/", {**STEP6, "budget_eur": "5000", "nav": "finish"})
    plan.refresh_from_db()
    assert plan.latest_version.number == 2
    assert plan.latest_version.case["constraints"]["budget_eur"] == 5000
    assert "Stap 6" in worded(plan.latest_version.note)
    assert plan.versions.get(number=1).case["constraints"]["budget_eur"] == 80000


def test_english_labels(staff_client):
    staff_client.cookies["django_language"] = "en"
    page = staff_client.get("/plannen/nieuw/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Neighbourhood" in page
