"""A process made from a plan version, what a participant may do when, and the feedback loop."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.processes import registry, selectors, services
from participatiemix.processes.models import Activity, Contribution, ContributionStatus, Participant, Process

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_a_process_takes_the_plans_phases_goals_level_promise_and_mix(process):
    advice = process.plan_version.advice
    vocab = load_vocabulary()
    phases = list(process.phases.all())
    assert [p.phase for p in phases] == [p["phase"] for p in advice["phases"]]
    for phase, planned in zip(phases, advice["phases"], strict=True):
        assert phase.goals == planned["goals"]
        assert phase.level == planned["level"]
        assert phase.promise == vocab.promise(planned["level"], "nl")
        assert phase.ends >= phase.starts
        instruments = [a.instrument for a in phase.activities.all()]
        assert instruments == [i["id"] for i in planned["instruments"]]
        for activity in phase.activities.all():
            assert activity.app == registry.for_catalogue_id(activity.instrument).app
            assert activity.kind == registry.get(activity.app).kind
    assert phases[0].starts == TODAY - dt.timedelta(days=7)
    assert all(a.ends <= b.starts for a, b in zip(phases, phases[1:], strict=False))
    moments = [(m.moment, m.phase) for m in process.council_moments.all()]
    assert moments == [(m["moment"], m["phase"]) for m in advice["council_moments"]]
    assert process.plan_version == process.plan.latest_version


def test_every_instrument_of_the_mix_has_a_place_offline_when_no_app_runs_it(process):
    apps = {a.instrument: (a.app, a.kind) for a in Activity.objects.filter(phase__process=process)}
    assert apps["enquete"] == ("surveys", "online")
    assert apps["straatgesprek"] == ("meetings", "offline")


def test_dates_follow_the_decision_month_when_no_start_is_given(process):
    plan = process.plan
    plan.decision_month = dt.date(2027, 9, 1)
    plan.save()
    second = services.process_create(plan=plan)
    decision = second.phases.get(phase="decision_making")
    assert decision.ends == dt.date(2027, 9, 1)
    assert second.slug != process.slug


def test_a_plan_without_a_saved_version_cannot_run(organisation):
    from participatiemix.plans.models import Plan

    plan = Plan.objects.create(organisation=organisation, title="Leeg")
    with pytest.raises(ValidationError, match="opgeslagen versie"):
        services.process_create(plan=plan)
    assert not Process.objects.exists()


def test_phase_state_and_who_may_take_part_follow_the_dates(process, make_user):
    phase = process.phases.first()
    survey = phase.activities.get(instrument="enquete")
    assert phase.state(TODAY) == "open"
    assert phase.state(phase.starts - dt.timedelta(days=1)) == "upcoming"
    assert phase.state(phase.ends + dt.timedelta(days=1)) == "closed"
    anonymous = type("Anon", (), {"is_authenticated": False})()
    assert services.may_participate(user=anonymous, activity=survey) == (True, "")
    allowed, reason = services.may_participate(user=anonymous, activity=survey, today=phase.ends + dt.timedelta(1))
    assert not allowed and "gesloten" in reason
    allowed, reason = services.may_participate(user=anonymous, activity=survey, today=phase.starts - dt.timedelta(1))
    assert not allowed and "vanaf" in reason
    survey.allow_anonymous = False
    survey.save()
    allowed, reason = services.may_participate(user=anonymous, activity=survey)
    assert not allowed and "account" in reason
    assert services.may_participate(user=make_user(), activity=survey) == (True, "")
    survey.status = Activity.Status.CANCELLED
    survey.save()
    assert services.may_participate(user=make_user(), activity=survey)[0] is False


def test_nobody_takes_part_in_a_draft_or_closed_process(process, make_user):
    survey = Activity.objects.get(phase__process=process, instrument="enquete")
    for status in (Process.Status.DRAFT, Process.Status.CLOSED):
        process.status = status
        process.save()
        survey.refresh_from_db()
        assert services.may_participate(user=make_user(), activity=survey)[0] is False


def test_a_participant_of_another_process_cannot_contribute_here(process, make_process):
    other = make_process(slug="ander")
    stranger = Participant.objects.create(process=other)
    activity = process.phases.first().activities.first()
    with pytest.raises(ValidationError):
        services.contribution_create(activity=activity, participant=stranger, kind="idea", summary="x")
    assert not Contribution.objects.exists()


def test_contribution_text_is_cleaned(process):
    activity = process.phases.first().activities.first()
    c = services.contribution_create(
        activity=activity, participant=None, kind="meeting_input", summary="Zon\x00 op\u202e daken", text="a\x07b"
    )
    assert c.summary == "Zon op daken" and c.text == "ab"


def _give(process, n, user=None):
    activity = process.phases.first().activities.first()
    participant = Participant.objects.create(process=process, user=user) if user else None
    return [
        services.contribution_create(activity=activity, participant=participant, kind="idea", summary=f"Idee {i}")
        for i in range(n)
    ]


def test_adopted_and_not_adopted_need_a_response_and_nothing_changes_without_one(process):
    items = _give(process, 3)
    for status in (ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED):
        with pytest.raises(ValidationError, match="waarom niet"):
            services.contributions_set_status(contributions=items, status=status, response="  \u200b ")
    assert set(Contribution.objects.values_list("status", flat=True)) == {"received"}
    with pytest.raises(ValidationError, match="statussen"):
        services.contributions_set_status(contributions=items, status="done")


def test_bulk_status_mails_each_person_once_and_not_again_for_no_change(
    process, make_user, django_capture_on_commit_callbacks
):
    resident = make_user(email="inwoner@example.nl")
    mine = _give(process, 2, user=resident)
    anonymous = _give(process, 1)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.contributions_set_status(
            contributions=mine + anonymous, status=ContributionStatus.ADOPTED, response="Staat in het plan, blz. 4."
        )
    assert sorted(changed) == sorted(c.pk for c in mine + anonymous)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["inwoner@example.nl"]
    assert "Staat in het plan, blz. 4." in message.body and "/processen/mijn-inbreng/" in message.body
    stored = Contribution.objects.get(pk=mine[0].pk)
    assert stored.status == "adopted" and stored.status_changed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        again = services.contributions_set_status(
            contributions=mine, status=ContributionStatus.ADOPTED, response="Staat in het plan, blz. 4."
        )
    assert again == [] and len(mail.outbox) == 1


def test_following_a_newer_plan_version_adds_activities_and_keeps_input(process, staff_user):
    from participatiemix.plans import services as plan_services

    activity = process.phases.first().activities.first()
    kept = services.contribution_create(activity=activity, participant=None, kind="idea", summary="Blijft")
    plan = process.plan
    plan_services.plan_instrument_change(
        plan=plan, phase="agenda_setting", instrument="wijkgesprek", action="add", user=staff_user
    )
    plan.refresh_from_db()
    assert plan.latest_version.number == 2
    services.process_follow_version(process=process, version=plan.latest_version)
    process.refresh_from_db()
    assert process.plan_version.number == 2
    assert process.phases.get(phase="agenda_setting").activities.filter(instrument="wijkgesprek").exists()
    assert Contribution.objects.filter(pk=kept.pk).exists()


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(statuses=st.lists(st.sampled_from(ContributionStatus.values), max_size=30))
def test_feedback_counts_add_up_to_the_contributions(process, statuses):
    Contribution.objects.all().delete()
    activity = process.phases.first().activities.first()
    for status in statuses:
        c = services.contribution_create(activity=activity, participant=None, kind="idea", summary="x")
        Contribution.objects.filter(pk=c.pk).update(status=status)
    counts = selectors.status_counts(process=process)
    assert sum(counts.values()) == len(statuses)
    overview = selectors.process_overview(process=process)
    assert overview["contributions"] == len(statuses)
    assert overview["phases"][0].feedback == {s: statuses.count(s) for s in ContributionStatus.values}
