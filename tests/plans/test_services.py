"""Services: the draft API other apps use, the choice bookkeeping, the verdict and the demo data."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participatiemix.mix.errors import DataError
from participatiemix.plans import demo, services
from participatiemix.plans.intake import first_incomplete_step
from participatiemix.plans.models import PRECONDITION_FIELDS, Plan


def test_draft_plan_create_stores_an_incomplete_case(db, staff):
    plan = services.draft_plan_create(
        case_data={"title": "Wijkaanpak", "policy_question": "Hoe?", "scale": "district", "target_groups": ["youth"]},
        created_by=staff,
        origin="zelfscan",
    )
    assert plan.origin == "zelfscan" and plan.created_by == staff
    # Without an organisation named, the plan goes to the creator's organisation.
    assert plan.organisation == staff.memberships.get().organisation
    assert plan.latest_version is None
    # Step 1 is complete, step 2 (preconditions) is not answered: the intake opens there.
    assert first_incomplete_step(plan=plan) == 2


def test_draft_plan_create_takes_over_preconditions_and_opens_at_the_last_step_when_complete(organisation, case_data):
    case_data["preconditions"] = {
        "room_for_influence": True,
        "enough_time": False,
        "commitment": True,
        "capacity": True,
    }
    plan = services.draft_plan_create(case_data=case_data, origin="werksessie", organisation=organisation)
    assert plan.enough_time is False
    assert "preconditions" not in plan.case_data
    assert first_incomplete_step(plan=plan) == 7


def test_draft_plan_create_with_an_empty_case_starts_at_step_one(organisation):
    plan = services.draft_plan_create(case_data={}, organisation=organisation)
    assert first_incomplete_step(plan=plan) == 1
    assert str(plan) == "Plan zonder titel"


def test_draft_plan_create_without_any_organisation_is_refused(db, make_user):
    with pytest.raises(DataError) as exc:
        services.draft_plan_create(case_data={"title": "x"}, created_by=make_user())
    assert "hoort bij een organisatie" in exc.value.messages[0]
    assert not Plan.objects.exists()


@pytest.mark.parametrize("bad", [["a"], "tekst", None])
def test_draft_plan_create_refuses_what_is_not_a_case(organisation, bad):
    with pytest.raises(DataError) as exc:
        services.draft_plan_create(case_data=bad, organisation=organisation)
    assert "verwacht een lijst met velden" in exc.value.messages[0]
    assert not Plan.objects.exists()


def test_draft_plan_create_refuses_bad_preconditions(organisation):
    with pytest.raises(DataError) as exc:
        services.draft_plan_create(
            case_data={"title": "x", "preconditions": {"enough_time": "ja", "mood": True}}, organisation=organisation
        )
    text = "\n".join(exc.value.messages)
    assert "preconditions.enough_time" in text and "preconditions.mood: onbekend veld" in text
    assert not Plan.objects.exists()


def test_draft_with_odd_values_still_opens_in_the_intake(organisation):
    plan = services.draft_plan_create(
        case_data={"title": 5, "phases": "alle", "council": "open", "target_groups": [1]}, organisation=organisation
    )
    assert first_incomplete_step(plan=plan) == 1


IDS = st.sampled_from(["enquete", "burgerberaad", "focusgroep", "wijkgesprek", "referendum"])
ACTIONS = st.tuples(st.sampled_from(["remove", "add", "replace"]), IDS, IDS)


@given(st.lists(ACTIONS, max_size=25))
def test_apply_choice_never_includes_and_excludes_the_same_instrument(actions):
    choices: dict = {}
    for action, instrument, replacement in actions:
        choices = services.apply_choice(
            choices, phase="policy_preparation", action=action, instrument=instrument, replacement=replacement
        )
        entry = choices["policy_preparation"]
        assert not set(entry["include"]) & set(entry["exclude"])
        assert len(entry["include"]) == len(set(entry["include"]))
        assert len(entry["exclude"]) == len(set(entry["exclude"]))
        if action == "add":
            assert instrument in entry["include"]
        elif action == "remove":
            assert instrument in entry["exclude"]
        else:
            assert replacement in entry["include"]


def test_apply_choice_does_not_change_its_input():
    before = {"agenda_setting": {"include": ["enquete"], "exclude": []}}
    services.apply_choice(before, phase="agenda_setting", action="remove", instrument="enquete")
    assert before == {"agenda_setting": {"include": ["enquete"], "exclude": []}}


@given(
    st.fixed_dictionaries(
        {
            name: st.sampled_from([True, False, None])
            for name in ("room_for_influence", "enough_time", "commitment", "capacity")
        }
    )
)
def test_verdict_follows_the_preconditions(pre):
    advice = services.with_preconditions({"preconditions": []}, pre)
    status = advice["verdict"]["status"]
    if pre["room_for_influence"] is False:
        assert status == "inform_only"
    elif False in pre.values():
        assert status == "not_ready"
    elif None in pre.values():
        assert status == "unknown"
    else:
        assert status == "go"
    answered = [k for k in PRECONDITION_FIELDS if pre[k] is not None]
    assert [p["id"] for p in advice["preconditions"]] == answered


def test_intake_no_overrides_an_optimistic_advisor_check():
    advice = {"preconditions": [{"id": "capacity", "ok": True, "message": "uren genoeg"}]}
    out = services.with_preconditions(advice, {"capacity": False})
    assert out["preconditions"][0]["ok"] is False
    assert out["verdict"]["status"] == "not_ready"


def test_demo_plan_load_is_idempotent(db):
    from participatiemix.organisations import demo as org_demo

    org_demo.load(io.StringIO())
    demo.load(io.StringIO())
    plan = Plan.objects.get(origin="demo")
    assert plan.title == demo.DEMO_TITLE and plan.latest_version.number == 1
    assert plan.latest_version.advice["verdict"]["status"] == "go"
    again = io.StringIO()
    demo.load(again)
    assert "bestaat al" in again.getvalue()
    assert Plan.objects.count() == 1
