"""Writes for running processes: make a process from a plan version, take part, give feedback on input.

Instrument apps store input only through `contribution_create` (inside their own transaction), so every piece of
input is counted once, carries a feedback status and shows on "Mijn inbreng".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participatiemix.mix.text import clean_text
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.plans.models import Plan, PlanVersion
from participatiemix.plans.timeline import phase_spans, timeline
from participatiemix.processes import registry
from participatiemix.processes.models import (
    Activity,
    Contribution,
    ContributionStatus,
    CouncilMoment,
    Participant,
    Phase,
    Process,
    Profile,
)

SESSION_KEY = "pmx_participant_keys"  # {process id: participant key} for anonymous participants
MIN_PHASE_DAYS = 7


# --------------------------------------------------------------------------- a process from a plan


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "proces")[:60].strip("-") or "proces"
    slug, n = base, 2
    while Process.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _phase_dates(version: PlanVersion, plan: Plan, start: dt.date | None) -> dict[str, tuple[dt.date, dt.date]]:
    """Start and end per phase: from the plan's decision month when it has one, else counted on from `start`."""
    advice = version.advice
    if plan.decision_month and start is None:
        schedule = timeline({"phases": [], "council_moments": []}, advice, plan.decision_month, timezone.localdate())
        dates = {p["id"]: (p["start"], p["end"]) for p in schedule["phases"]}
    else:
        # The first phase starts on `start` (preparation lies before it).
        first = start or timezone.localdate()
        spans = phase_spans(advice)
        lead = spans[0].start_week if spans else 0.0
        dates = {
            s.id: (first + dt.timedelta(weeks=s.start_week - lead), first + dt.timedelta(weeks=s.end_week - lead))
            for s in spans
        }
    return {k: (a, max(b, a + dt.timedelta(days=MIN_PHASE_DAYS - 1))) for k, (a, b) in dates.items()}


def _moment_dates(version: PlanVersion, dates: dict[str, tuple[dt.date, dt.date]]) -> list[dict]:
    """The council's moments with a date: at the start of their phase (frames, informing) or at its end."""
    advice = version.advice
    moments = []
    for m in advice.get("council_moments") or []:
        span = dates.get(m.get("phase"))
        due = None
        if span:
            due = span[0] if m.get("moment") in ("set_frames", "inform") else span[1]
        moments.append({**m, "due": due})
    return moments


def _planned_groups(phase_advice: dict, case_groups: list[str]) -> list[str]:
    """The plan's target groups this phase's instruments were chosen to reach (all of them when none says so)."""
    reached = {g for i in phase_advice.get("instruments") or [] for g in i.get("reaches") or []}
    planned = [g for g in case_groups if g in reached]
    return planned or list(case_groups)


@transaction.atomic
def process_create(
    *,
    plan: Plan,
    version: PlanVersion | None = None,
    title: str = "",
    slug: str = "",
    start: dt.date | None = None,
    user=None,
    is_example: bool = False,
) -> Process:
    """A process that runs `version` (default: the plan's latest): its phases with dates, goals, level and
    promise, one activity per instrument of the mix, and the council's moments."""
    version = version or plan.latest_version
    if version is None:
        raise ValidationError(_("Dit plan heeft nog geen opgeslagen versie. Sla eerst een advies op."))
    advice = version.advice
    case = advice.get("case") or {}
    vocab = load_vocabulary()
    title = clean_text(title, multiline=False) or plan.title or case.get("title") or _("Participatieproces")
    process = Process.objects.create(
        organisation=plan.organisation,
        plan=plan,
        plan_version=version,
        slug=slug or _unique_slug(title),
        title=title[:200],
        municipality=(case.get("municipality") or plan.municipality or "")[:200],
        question=(case.get("policy_question") or "")[:2000],
        created_by=user if getattr(user, "is_authenticated", False) else None,
        is_example=is_example,
    )
    dates = _phase_dates(version, plan, start)
    case_groups = list(case.get("target_groups") or [])
    case_levels = {p.get("phase"): p.get("level") for p in case.get("phases") or []}
    for position, p in enumerate(advice.get("phases") or []):
        pid = p.get("phase")
        level = p.get("level") or case_levels.get(pid) or "inform"
        starts, ends = dates.get(pid) or (timezone.localdate(), timezone.localdate() + dt.timedelta(weeks=6))
        phase = Phase.objects.create(
            process=process,
            phase=pid,
            position=position,
            goals=list(p.get("goals") or []),
            level=level,
            promise=(p.get("promise") or vocab.promise(level, "nl") or "")[:2000],
            starts=starts,
            ends=ends,
            target_groups=_planned_groups(p, case_groups),
        )
        for order, instrument in enumerate(p.get("instruments") or []):
            activity_add(
                phase=phase,
                instrument=instrument.get("id"),
                position=order,
                target_groups=[g for g in instrument.get("reaches") or [] if g in case_groups],
            )
    for position, m in enumerate(_moment_dates(version, dates)):
        CouncilMoment.objects.create(
            process=process,
            moment=m.get("moment") or "",
            phase=m.get("phase") or "",
            message=(m.get("message") or "")[:2000],
            due=m.get("due"),
            position=position,
        )
    return process


def _instrument_name(instrument_id: str) -> str:
    from participatiemix.plans.selectors import instrument_label

    return instrument_label(instrument_id, "nl") or instrument_id


def activity_add(
    *,
    phase: Phase,
    instrument: str,
    position: int = 0,
    target_groups: list[str] | None = None,
    title: str = "",
    from_plan: bool = True,
) -> Activity:
    runner = registry.for_catalogue_id(instrument)
    activity = Activity.objects.create(
        phase=phase,
        instrument=instrument,
        app=runner.app,
        kind=runner.kind,
        title=(clean_text(title, multiline=False) or _instrument_name(instrument))[:200],
        position=position,
        target_groups=list(target_groups or []),
        from_plan=from_plan,
        allow_anonymous=runner.kind == "online",
    )
    runner.setup(activity)
    return activity


ACTIVITY_SETTINGS = {"title", "description", "status", "allow_anonymous", "starts", "ends"}


def activity_update(*, activity: Activity, **changes: Any) -> Activity:
    """Change an activity's own settings; instrument apps call this instead of saving the model themselves."""
    unknown = set(changes) - ACTIVITY_SETTINGS
    if unknown:
        raise ValueError(f"not an activity setting: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(activity, name) != value]
    for name in changed:
        value = changes[name]
        setattr(activity, name, clean_text(value) if isinstance(value, str) else value)
    if changed:
        activity.full_clean()
        activity.save(update_fields=changed)
    return activity


@transaction.atomic
def process_follow_version(*, process: Process, version: PlanVersion) -> Process:
    """Run a newer version of the same plan: activities for instruments the new mix adds; nothing is removed
    (input already given stays), activities no longer in the plan are marked as not from the plan."""
    if version.plan_id != process.plan_id:
        raise ValidationError(_("Deze versie hoort bij een ander plan."))
    process.plan_version = version
    process.save(update_fields=["plan_version"])
    phases = {p.phase: p for p in process.phases.all()}
    wanted: set[tuple[str, str]] = set()
    for p in version.advice.get("phases") or []:
        phase = phases.get(p.get("phase"))
        if phase is None:
            continue
        for order, instrument in enumerate(p.get("instruments") or []):
            wanted.add((phase.phase, instrument.get("id")))
            if not phase.activities.filter(instrument=instrument.get("id")).exists():
                activity_add(phase=phase, instrument=instrument.get("id"), position=order)
    for activity in Activity.objects.filter(phase__process=process).select_related("phase"):
        in_plan = (activity.phase.phase, activity.instrument) in wanted
        if activity.from_plan != in_plan:
            activity.from_plan = in_plan
            activity.save(update_fields=["from_plan"])
    return process


# --------------------------------------------------------------------------- taking part


def participant_for(*, process: Process, request, create: bool = True) -> Participant | None:
    """The participant of this browser in this process: the account's, or an anonymous one whose key is in
    the session. With `create=False` None when there is none yet."""
    user = request.user
    if user.is_authenticated:
        participant = Participant.objects.filter(process=process, user=user).first()
        if participant is None and create:
            try:
                with transaction.atomic():
                    participant = Participant.objects.create(process=process, user=user)
            except IntegrityError:  # the same person in two tabs at once
                participant = Participant.objects.get(process=process, user=user)
        return participant
    keys = request.session.get(SESSION_KEY) or {}
    key = keys.get(str(process.pk))
    participant = Participant.objects.filter(process=process, key=key, user=None).first() if key else None
    if participant is None and create:
        participant = Participant.objects.create(process=process)
        keys[str(process.pk)] = participant.key
        request.session[SESSION_KEY] = keys
    return participant


def participants_of_session(request) -> list[Participant]:
    keys = list((request.session.get(SESSION_KEY) or {}).values())
    return list(Participant.objects.filter(key__in=keys, user=None)) if keys else []


def may_participate(*, user, activity: Activity, today: dt.date | None = None) -> tuple[bool, str]:
    """Whether this person may hand in input now, and if not, why (in words for the page). The active phase and
    the activity's settings decide; staff abilities play no part."""
    if not activity.is_open(today):
        if activity.status == Activity.Status.CANCELLED:
            return False, _("Deze activiteit gaat niet door.")
        today = today or timezone.localdate()
        if today < activity.opens():
            return False, _("Meedoen kan vanaf %(date)s.") % {"date": activity.opens().strftime("%d-%m-%Y")}
        return False, _("Meedoen is gesloten sinds %(date)s.") % {"date": activity.closes().strftime("%d-%m-%Y")}
    if not activity.allow_anonymous and not getattr(user, "is_authenticated", False):
        return False, _("Voor deze activiteit heeft u een account nodig. Log in of maak een account.")
    return True, ""


def contribution_create(
    *,
    activity: Activity,
    participant: Participant | None,
    kind: str,
    summary: str = "",
    text: str = "",
    source: str = Contribution.Source.ONLINE,
    is_example: bool = False,
    created_at: dt.datetime | None = None,
) -> Contribution:
    """Store one contribution. Call inside the instrument's own transaction, so its record and this are stored
    together or not at all."""
    if participant is not None and participant.process_id != activity.phase.process_id:
        raise ValidationError(_("Deze deelnemer hoort bij een ander proces."))
    return Contribution.objects.create(
        activity=activity,
        participant=participant,
        kind=kind,
        source=source,
        summary=clean_text(summary, multiline=False)[:300],
        text=clean_text(text)[:20000],
        is_example=is_example,
        created_at=created_at or timezone.now(),
    )


@transaction.atomic
def profile_save(*, participant: Participant, age_band: str = "", district: str = "", target_groups=()) -> Profile:
    profile, _created = Profile.objects.get_or_create(participant=participant)
    profile.age_band = age_band or ""
    profile.district = clean_text(district, multiline=False)[:100]
    profile.target_groups = sorted(set(target_groups or []))
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution) -> None:
    """The participant takes their input back: it is deleted with the instrument's record (cascade)."""
    contribution.delete()


# --------------------------------------------------------------------------- feedback


NEEDS_RESPONSE = {ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED}


def contributions_set_status(
    *, contributions: Iterable[Contribution], status: str, response: str = "", notify: bool = True
) -> list[int]:
    """Give these contributions a status (singly or in bulk); verwerkt and niet overgenomen need a response.
    Participants with an e-mail address hear about it (in the background). Returns the ids changed."""
    if status not in ContributionStatus.values:
        raise ValidationError(_("Kies een van de statussen: ontvangen, in behandeling, verwerkt, niet overgenomen."))
    response = clean_text(response)[:2000]
    if status in NEEDS_RESPONSE and not response:
        raise ValidationError(
            _("Schrijf erbij wat er met de inbreng is gedaan (verwerkt) of waarom niet (niet overgenomen).")
        )
    now = timezone.now()
    with transaction.atomic():
        ids = [c.pk for c in contributions]
        changed = list(
            Contribution.objects.filter(pk__in=ids)
            .exclude(status=status, response=response)
            .values_list("pk", flat=True)
        )
        Contribution.objects.filter(pk__in=changed).update(status=status, response=response, status_changed_at=now)
    if notify and changed:
        from participatiemix.processes.tasks import notify_status

        transaction.on_commit(lambda: notify_status.enqueue(contribution_ids=changed))
    return changed


def phase_update(*, phase: Phase, data: dict[str, Any]) -> Phase:
    for name in ("promise", "we_did", "judgement"):
        if name in data:
            setattr(phase, name, clean_text(data[name]))
    for name in ("starts", "ends"):
        if name in data and data[name]:
            setattr(phase, name, data[name])
    phase.full_clean()
    phase.save()
    return phase
