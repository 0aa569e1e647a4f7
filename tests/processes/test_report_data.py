"""The council report's data (processes/report.py) against CONTRACTS §5: shape, counts recomputed from what is
stored, totals as sums, reach with the 5-rule, council moments by date, themes."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.processes import services
from participatiemix.processes.models import (
    Activity,
    Contribution,
    ContributionStatus,
    CouncilMoment,
    Participant,
    Profile,
)
from participatiemix.processes.report import process_report_data

pytestmark = pytest.mark.django_db

STATUSES = list(ContributionStatus.values)


def _add(activity, n, *, status="received", participant=None, text="", process=None):
    people = [participant or Participant.objects.create(process=activity.phase.process) for _ in range(n)]
    Contribution.objects.bulk_create(
        [Contribution(activity=activity, participant=p, kind="test", status=status, text=text) for p in people]
    )
    return people


def test_shape_follows_contracts_5(process):
    activity = process.phases.first().activities.get(instrument="enquete")
    _add(activity, 3, text="Het warmtenet is te duur voor huurders")
    rep = process_report_data(process=process)
    assert {"process", "phases", "council_moments", "totals"} <= set(rep)
    assert rep["process"]["slug"] == process.slug and rep["process"]["plan_version"] == 1
    assert rep["process"]["municipality"] == "Voorbeeldgemeente"
    first = rep["phases"][0]
    for key in ("phase", "goals", "level", "promise", "starts", "ends", "activities", "reach", "themes", "feedback"):
        assert key in first, key
    assert first["phase"] == "agenda_setting" and dt.date.fromisoformat(first["starts"])
    row = next(a for a in first["activities"] if a["instrument"] == "enquete")
    assert {"instrument", "kind", "title", "participants", "contributions"} <= set(row)
    assert row["kind"] == "online" and row["contributions"] == 3 and row["participants"] == 3
    assert set(first["reach"]) >= {"planned", "reached", "missed"}
    assert set(first["feedback"]) == set(STATUSES)
    assert first["themes"] and all({"label", "contributions"} <= set(t) for t in first["themes"])
    assert all(m["status"] in ("done", "due", "missed") for m in rep["council_moments"])
    assert rep["totals"] == {"participants": 3, "contributions": 3, "with_feedback_share": 0.0}
    assert rep["labels"]["phases"]["agenda_setting"] == "Agendavorming"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(STATUSES), st.integers(0, 4)), max_size=8))
def test_counts_are_sums_of_what_is_stored(process, batches):
    Contribution.objects.filter(activity__phase__process=process).delete()
    activities = list(Activity.objects.filter(phase__process=process).order_by("pk")[:3])
    expected = {a.pk: dict.fromkeys(STATUSES, 0) for a in activities}
    for index, status, n in batches:
        _add(activities[index], n, status=status)
        expected[activities[index].pk][status] += n
    rep = process_report_data(process=process, themes=False)
    rows = {a["id"]: a for p in rep["phases"] for a in p["activities"]}
    for pk, counts in expected.items():
        assert rows[pk]["contributions"] == sum(counts.values())
        assert rows[pk]["feedback"] == counts
    total = sum(sum(c.values()) for c in expected.values())
    assert rep["totals"]["contributions"] == total == sum(a["contributions"] for a in rows.values())
    for phase in rep["phases"]:
        assert sum(phase["feedback"].values()) == sum(a["contributions"] for a in phase["activities"])
    answered = sum(c["adopted"] + c["not_adopted"] for c in expected.values())
    assert rep["totals"]["with_feedback_share"] == (round(answered / total, 4) if total else 0.0)
    # One more stored contribution raises the count by exactly one.
    participant = Participant.objects.create(process=process)
    services.contribution_create(activity=activities[0], participant=participant, kind="test", summary="nog één")
    again = process_report_data(process=process, themes=False)
    assert again["totals"]["contributions"] == total + 1
    assert again["totals"]["participants"] == rep["totals"]["participants"] + 1


def test_participants_are_distinct_people(process):
    phase = process.phases.first()
    survey, talk = phase.activities.get(instrument="enquete"), phase.activities.get(instrument="straatgesprek")
    people = _add(survey, 4)
    for person in people[:2]:  # the same two people also spoke at the street talk
        _add(talk, 1, participant=person)
    rep = process_report_data(process=process, themes=False)
    rows = {a["instrument"]: a for a in rep["phases"][0]["activities"]}
    assert rows["enquete"]["participants"] == 4 and rows["straatgesprek"]["participants"] == 2
    assert rep["totals"] == {"participants": 4, "contributions": 6, "with_feedback_share": 0.0}


@pytest.mark.parametrize(("profiles", "reached"), [(4, False), (5, True)])
def test_a_group_is_reached_from_five_profiles(process, profiles, reached):
    phase = process.phases.first()
    assert "tenants" in phase.target_groups
    survey = phase.activities.get(instrument="enquete")
    for person in _add(survey, profiles):
        Profile.objects.create(participant=person, target_groups=["tenants"])
    _add(survey, 3)  # people without a profile
    detail = {d["group"]: d for d in process_report_data(process=process, themes=False)["phases"][0]["reach"]["detail"]}
    reach = process_report_data(process=process, themes=False)["phases"][0]["reach"]
    assert ("tenants" in reach["reached"]) is reached
    assert ("tenants" in reach["missed"]) is not reached
    assert set(reach["reached"]) | set(reach["missed"]) == set(reach["planned"])
    # Fewer than 5 is never shown as a number.
    assert detail["tenants"]["profiles"] == (5 if reached else None)
    assert detail["elderly"]["profiles"] is None


def test_all_residents_is_reached_by_five_people_of_the_phase(process):
    phase = process.phases.first()
    assert "all_residents" in phase.target_groups
    survey = phase.activities.get(instrument="enquete")
    _add(survey, 4)
    assert "all_residents" in process_report_data(process=process, themes=False)["phases"][0]["reach"]["missed"]
    _add(survey, 1)
    assert "all_residents" in process_report_data(process=process, themes=False)["phases"][0]["reach"]["reached"]


def test_council_moments_by_date(process):
    today = dt.date(2027, 3, 1)
    CouncilMoment.objects.filter(process=process).delete()
    CouncilMoment.objects.create(
        process=process,
        moment="set_frames",
        phase="agenda_setting",
        due=dt.date(2027, 1, 1),
        done_on=dt.date(2027, 1, 5),
        position=0,
    )
    CouncilMoment.objects.create(
        process=process, moment="inform", phase="agenda_setting", due=dt.date(2027, 2, 1), position=1
    )
    CouncilMoment.objects.create(process=process, moment="decide", phase="decision_making", due=today, position=2)
    CouncilMoment.objects.create(process=process, moment="account", phase="evaluation", due=None, position=3)
    moments = process_report_data(process=process, today=today, themes=False)["council_moments"]
    assert [(m["moment"], m["status"]) for m in moments] == [
        ("set_frames", "done"),
        ("inform", "missed"),
        ("decide", "due"),
        ("account", "due"),
    ]
    assert moments[0]["done_on"] == "2027-01-05" and moments[1]["due"] == "2027-02-01"


def test_themes_group_texts_and_say_how(process):
    survey = process.phases.first().activities.get(instrument="enquete")
    _add(survey, 6, text="Het warmtenet is te duur voor huurders")
    _add(survey, 4, text="Meer informatie op papier voor ouderen")
    phase = process_report_data(process=process)["phases"][0]
    assert sum(t["contributions"] for t in phase["themes"]) + phase["themes_method"]["other"] == 10
    assert phase["themes"][0]["contributions"] == 6
    assert phase["themes_method"]["grouped"] == 10 and phase["themes_method"]["sample"] is False


def test_a_large_phase_is_grouped_on_a_sample(process, monkeypatch):
    from participatiemix.processes import report

    monkeypatch.setattr(report, "THEME_WHOLE_MAX", 10)
    monkeypatch.setattr(report, "THEME_SAMPLE", 20)
    survey = process.phases.first().activities.get(instrument="enquete")
    _add(survey, 60, text="Zonnepanelen op het dak van de school")
    how = process_report_data(process=process)["phases"][0]["themes_method"]
    assert how["sample"] is True and how["of"] == 60 and how["grouped"] == 20
    assert how["method"] == "char-ngrams"


def test_meeting_head_count_from_the_registry(process):
    from participatiemix.processes import registry

    talk = process.phases.first().activities.get(instrument="straatgesprek")
    runner = registry.get("meetings")
    patched = type(runner)(
        **{
            **runner.__dict__,
            "participants": lambda acts: {a.pk: 30 for a in acts if a.pk == talk.pk},
            "group_counts": lambda a: {"elderly": 7, "tenants": 3} if a.pk == talk.pk else {},
        }
    )
    registry._REGISTRY["meetings"] = patched
    try:
        _add(talk, 2)  # input entered by staff at the meeting
        _add(process.phases.first().activities.get(instrument="enquete"), 5)
        rep = process_report_data(process=process, themes=False)
    finally:
        registry._REGISTRY["meetings"] = runner
    row = next(a for a in rep["phases"][0]["activities"] if a["id"] == talk.pk)
    assert row["participants"] == 30 and row["participants_counted_by"] == "instrument" and row["contributions"] == 2
    assert rep["totals"]["participants"] == 35  # head count + 5 distinct online people; meeting input not twice
    reach = rep["phases"][0]["reach"]
    assert "elderly" in reach["reached"] and "tenants" in reach["missed"]


def test_evaluation_planned_against_actual(process):
    acts = list(Activity.objects.filter(phase__process=process).order_by("pk"))
    Activity.objects.filter(pk=acts[0].pk).update(
        status="held", planned_cost_eur=1000, actual_cost_eur=1250, planned_hours=10, actual_hours=14
    )
    Activity.objects.filter(pk=acts[1].pk).update(status="cancelled")
    ev = process_report_data(process=process, themes=False)["evaluation"]
    assert ev["activities"]["planned"] == len(acts) and ev["activities"]["held"] == 1
    assert ev["activities"]["cancelled"] == 1 and ev["activities"]["not_yet"] == len(acts) - 2
    assert ev["cost"]["planned_eur"] == 1000 and ev["cost"]["actual_eur"] == 1250
    assert ev["hours"] == {**ev["hours"], "planned": 10, "actual": 14}
    assert ev["cost"]["estimate_eur"] == process.plan_version.advice["estimate"]["cost_eur"]
