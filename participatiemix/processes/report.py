"""The council report (participatieverslag) as plain data, in the shape of CONTRACTS §5, plus the evaluation.

Counts are recomputed from what is stored on every call, in the database (a handful of grouped queries, never a
loop over all contributions), so one more stored contribution raises `contributions` by exactly one. Only the
themes are costly: they are made from the phase's texts with the shared text grouping (mix/threads.py) and kept
in the cache under a key that changes whenever the phase's input changes; a large phase is grouped on a bounded,
evenly spread sample and the report says so.

The web page, the command and the documents (documents/process_report.py) all take this one dict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.functions import Mod
from django.utils import timezone

from participatiemix.mix import threads
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.processes import registry
from participatiemix.processes.models import (
    MIN_GROUP,
    Activity,
    Contribution,
    ContributionStatus,
    Phase,
    Process,
)

FEEDBACK_KEYS = tuple(ContributionStatus.values)  # received, in_progress, adopted, not_adopted
ANSWERED = (ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED)
# Up to this many texts a phase is grouped whole (embeddings when they load); above it on an evenly spread
# sample of THEME_SAMPLE texts with character n-grams, so a phase of 50,000 contributions is grouped in ~0.1 s.
THEME_WHOLE_MAX = threads.DEFAULT_MAX_EMBED
THEME_SAMPLE = 400
THEME_LIMIT = 8  # themes shown per phase (the largest); the rest are counted as "other"
THEME_CACHE_SECONDS = 24 * 3600
ALL_RESIDENTS = "all_residents"


# --------------------------------------------------------------------------- counting


def _status_counts(process: Process) -> dict[int, dict[str, int]]:
    """{activity id: {status: contributions}} in one grouped query."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FEEDBACK_KEYS, 0))
    rows = (
        Contribution.objects.filter(activity__phase__process=process)
        .values("activity_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["activity_id"]][row["status"]] = row["n"]
    return counts


def _distinct_participants(process: Process, by: str) -> dict[int, int]:
    rows = (
        Contribution.objects.filter(activity__phase__process=process, participant__isnull=False)
        .values(by)
        .annotate(n=Count("participant", distinct=True))
        .order_by()
    )
    return {row[by]: row["n"] for row in rows}


def _hook_participants(activities: list[Activity]) -> dict[int, int]:
    """Participants an instrument counts itself (a meeting's head count), asked once per app."""
    by_app: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_app[activity.app].append(activity)
    counted: dict[int, int] = {}
    for app, members in by_app.items():
        try:
            runner = registry.get(app)
        except KeyError:  # an app no longer installed: count its contributions' participants
            continue
        for activity_id, n in (runner.participants(members) or {}).items():
            if n is not None:
                counted[int(activity_id)] = int(n)
    return counted


def _profile_group_counts(process: Process, groups: set[str]) -> dict[int, dict[str, int]]:
    """{phase id: {target group: distinct participants of the phase whose profile says they belong to it}}.

    One grouped query with a filtered count per group. The group ids are vocabulary ids (snake_case), so the
    quoted id matched in the stored JSON list is that element and nothing else, on SQLite and PostgreSQL alike.
    """
    if not groups:
        return {}
    ordered = sorted(groups)
    annotations = {
        f"g{i}": Count(
            "participant",
            distinct=True,
            filter=Q(participant__profile__target_groups__icontains=f'"{group}"'),
        )
        for i, group in enumerate(ordered)
    }
    rows = (
        Contribution.objects.filter(activity__phase__process=process, participant__isnull=False)
        .values("activity__phase_id")
        .annotate(**annotations)
        .order_by()
    )
    return {row["activity__phase_id"]: {g: row[f"g{i}"] for i, g in enumerate(ordered)} for row in rows}


def _reach(
    phase: Phase,
    activities: list[Activity],
    profile_counts: dict[str, int],
    labels: dict[str, str],
    everyone: int,
) -> dict[str, Any]:
    """Planned groups against those reached: 5 or more participants with that group in their profile, or 5 or
    more counted at an activity (meeting attendance). Smaller numbers are never shown, only "fewer than 5".
    "All residents" is everyone who took part in the phase (`everyone`): nobody ticks it in a profile."""
    planned = list(phase.target_groups or [])
    at_activities: dict[str, int] = defaultdict(int)
    for activity in activities:
        if activity.status == Activity.Status.CANCELLED:
            continue
        try:
            counts = registry.get(activity.app).group_counts(activity) or {}
        except KeyError:
            counts = {}
        for group, n in counts.items():
            at_activities[group] += int(n or 0)
    ran = [a for a in activities if a.status != Activity.Status.CANCELLED]
    reached, detail = [], []
    for group in planned:
        by_profile = everyone if group == ALL_RESIDENTS else profile_counts.get(group, 0)
        counted = at_activities.get(group, 0)
        ok = by_profile >= MIN_GROUP or counted >= MIN_GROUP
        if ok:
            reached.append(group)
        detail.append(
            {
                "group": group,
                "label": labels.get(group, group),
                "reached": ok,
                # Only groups of MIN_GROUP or more are reported as a number (privacy).
                "profiles": by_profile if by_profile >= MIN_GROUP else None,
                "counted_at_activities": counted if counted >= MIN_GROUP else None,
                "activities_aimed": [a.title for a in ran if group in (a.target_groups or [])],
            }
        )
    missed = [g for g in planned if g not in reached]
    return {"planned": planned, "reached": reached, "missed": missed, "min_group": MIN_GROUP, "detail": detail}


# --------------------------------------------------------------------------- themes


def _theme_key(phase: Phase, lang: str) -> tuple[str, int] | None:
    """A cache key that changes with the phase's texts (count, newest id, latest withdrawal shows in the count)."""
    stats = (
        Contribution.objects.filter(activity__phase=phase)
        .exclude(text="", summary="")
        .aggregate(n=Count("pk"), last=Max("pk"))
    )
    if not stats["n"]:
        return None
    made = phase.process.created_at.isoformat() if phase.process.created_at else ""
    raw = f"{phase.pk}:{made}:{stats['n']}:{stats['last']}:{lang}:{THEME_SAMPLE}:{THEME_WHOLE_MAX}"
    return "pmx-report-themes:" + hashlib.sha256(raw.encode()).hexdigest()[:32], stats["n"]


def _theme_texts(phase: Phase, total: int) -> list[str]:
    rows = Contribution.objects.filter(activity__phase=phase).exclude(text="", summary="")
    if total > THEME_WHOLE_MAX:
        # An evenly spread sample chosen in the database (every k-th id), so 50,000 rows never reach Python.
        step = max(1, total // THEME_SAMPLE)
        rows = rows.annotate(_m=Mod("pk", step)).filter(_m=0)
    values = rows.order_by("pk").values_list("text", "summary")[:THEME_SAMPLE]
    return [(text or summary)[:2000] for text, summary in values]


def phase_themes(*, phase: Phase, lang: str = "nl") -> dict[str, Any]:
    """{"items": [{label, contributions}], "method", "grouped", "of"}: `grouped` texts were grouped (all of
    them, or a sample of `of`); theme counts are of the grouped texts."""
    keyed = _theme_key(phase, lang)
    if keyed is None:
        return {"items": [], "method": "", "grouped": 0, "of": 0, "sample": False}
    key, total = keyed
    cached = cache.get(key)
    if cached is not None:
        return cached
    texts = _theme_texts(phase, total)
    method = "auto" if total <= THEME_WHOLE_MAX else threads.METHOD_CHAR_NGRAMS
    result = threads.group_notes(texts, method=method)
    items = [{"label": t.label, "contributions": len(t)} for t in result.threads[:THEME_LIMIT]]
    rest = sum(len(t) for t in result.threads[THEME_LIMIT:])
    data = {
        "items": items,
        "other": rest,
        "method": result.method,
        "grouped": len(texts),
        "of": total,
        "sample": len(texts) < total,
    }
    cache.set(key, data, THEME_CACHE_SECONDS)
    return data


# --------------------------------------------------------------------------- labels


def _labels(process: Process, phases: list[Phase], activities: list[Activity], lang: str) -> dict[str, dict]:
    from participatiemix.plans.selectors import instrument_label

    vocab = load_vocabulary()
    groups = {g for p in phases for g in p.target_groups or []} | {g for a in activities for g in a.target_groups}
    return {
        "phases": {p.phase: vocab.label("phases", p.phase, lang) for p in phases},
        "levels": {p.level: vocab.label("levels", p.level, lang) for p in phases},
        "goals": {g: vocab.label("goals", g, lang) for p in phases for g in p.goals or []},
        "target_groups": {g: vocab.label("target_groups", g, lang) for g in sorted(groups)},
        "council_moments": {m: vocab.label("council_moments", m, lang) for m in vocab.ids("council_moments")},
        "instruments": {a.instrument: instrument_label(a.instrument, lang) for a in activities},
    }


# --------------------------------------------------------------------------- the report


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _activity_row(
    activity: Activity, statuses: dict[str, int], participants: int, from_hook: bool, labels: dict
) -> dict[str, Any]:
    try:
        runner = registry.get(activity.app)
        summary = [str(line) for line in runner.summary(activity) or []]
        app_label = str(runner.label)
    except KeyError:
        summary, app_label = [], activity.app
    return {
        "id": activity.pk,
        "instrument": activity.instrument,
        "instrument_label": labels["instruments"].get(activity.instrument, activity.instrument),
        "kind": activity.kind,
        "title": activity.title,
        "app": activity.app,
        "app_label": app_label,
        "status": activity.status,
        "from_plan": activity.from_plan,
        "participants": participants,
        "participants_counted_by": "instrument" if from_hook else "contributions",
        "contributions": sum(statuses.values()),
        "feedback": dict(statuses),
        "target_groups": list(activity.target_groups or []),
        "opens": _iso(activity.opens()),
        "closes": _iso(activity.closes()),
        "summary": summary,
        "cost": {
            "planned_eur": activity.planned_cost_eur,
            "actual_eur": activity.actual_cost_eur,
            "planned_hours": activity.planned_hours,
            "actual_hours": activity.actual_hours,
        },
    }


def _sum_known(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _evaluation(process: Process, phases: list[dict], activities: list[Activity]) -> dict[str, Any]:
    """Planned against held: activities, cost and hours (staff enter actuals), and the goals per phase with the
    staff's judgement."""
    rows = [a for p in phases for a in p["activities"]]
    planned = [a for a in rows if a["from_plan"]]
    count = lambda items, status: sum(1 for a in items if a["status"] == status)  # noqa: E731
    estimate = (process.plan_version.advice or {}).get("estimate") or {}
    return {
        "activities": {
            "planned": len(planned),
            "held": count(rows, Activity.Status.HELD),
            "held_of_planned": count(planned, Activity.Status.HELD),
            "cancelled": count(rows, Activity.Status.CANCELLED),
            "not_yet": count(rows, Activity.Status.PLANNED),
            "added": len(rows) - len(planned),
        },
        "cost": {
            "estimate_eur": estimate.get("cost_eur"),
            "estimate_likely_eur": estimate.get("cost_likely_eur"),
            "planned_eur": _sum_known([a.planned_cost_eur for a in activities]),
            "actual_eur": _sum_known([a.actual_cost_eur for a in activities]),
        },
        "hours": {
            "estimate": estimate.get("staff_hours"),
            "estimate_likely": estimate.get("staff_hours_likely"),
            "planned": _sum_known([a.planned_hours for a in activities]),
            "actual": _sum_known([a.actual_hours for a in activities]),
        },
        "goals": [
            {"phase": p["phase"], "goals": p["goals"], "level": p["level"], "judgement": p["judgement"]} for p in phases
        ],
    }


def process_report_data(
    *, process: Process, lang: str = "nl", today: dt.date | None = None, themes: bool = True
) -> dict[str, Any]:
    """The council report of `process` as JSON-ready data (CONTRACTS §5, with labels and the evaluation)."""
    today = today or timezone.localdate()
    phases = list(process.phases.order_by("position", "pk"))
    by_pk = {p.pk: p for p in phases}
    for phase in phases:
        phase.process = process  # no query per phase for what we already hold
    activities = list(Activity.objects.filter(phase__process=process).order_by("phase__position", "position", "pk"))
    for activity in activities:
        activity.phase = by_pk[activity.phase_id]
    labels = _labels(process, phases, activities, lang)
    statuses = _status_counts(process)
    by_activity = _distinct_participants(process, "activity_id")
    by_phase = _distinct_participants(process, "activity__phase_id")
    from_hooks = _hook_participants(activities)
    planned_groups = {g for p in phases for g in p.target_groups or []}
    profiles = _profile_group_counts(process, planned_groups)
    empty = dict.fromkeys(FEEDBACK_KEYS, 0)

    phase_rows = []
    for phase in phases:
        own = [a for a in activities if a.phase_id == phase.pk]
        rows = [
            _activity_row(
                a,
                statuses.get(a.pk, empty),
                from_hooks.get(a.pk, by_activity.get(a.pk, 0)),
                a.pk in from_hooks,
                labels,
            )
            for a in own
        ]
        feedback = {k: sum(r["feedback"][k] for r in rows) for k in FEEDBACK_KEYS}
        phase_rows.append(
            {
                "phase": phase.phase,
                "label": labels["phases"].get(phase.phase, phase.phase),
                "goals": list(phase.goals or []),
                "level": phase.level,
                "promise": phase.promise,
                "starts": _iso(phase.starts),
                "ends": _iso(phase.ends),
                "state": str(phase.state(today)),
                "activities": rows,
                "contributions": sum(r["contributions"] for r in rows),
                "reach": _reach(
                    phase,
                    own,
                    profiles.get(phase.pk, {}),
                    labels["target_groups"],
                    by_phase.get(phase.pk, 0) + sum(from_hooks.get(a.pk, 0) for a in own),
                ),
                "themes": [],
                "themes_method": {},
                "feedback": feedback,
                "we_did": phase.we_did,
                "judgement": phase.judgement,
            }
        )
        if themes:
            found = phase_themes(phase=phase, lang=lang)
            phase_rows[-1]["themes"] = found["items"]
            phase_rows[-1]["themes_method"] = {k: v for k, v in found.items() if k != "items"}

    contributions = sum(r["contributions"] for p in phase_rows for r in p["activities"])
    answered = sum(p["feedback"][s] for p in phase_rows for s in ANSWERED)
    # People counted by the instrument itself (a meeting's head count) are added; their activities' own
    # contributions (entered by staff) are left out of the distinct count, so nobody is counted twice.
    distinct = (
        Contribution.objects.filter(activity__phase__process=process, participant__isnull=False)
        .exclude(activity_id__in=list(from_hooks))
        .aggregate(n=Count("participant", distinct=True))["n"]
    )
    moments = [
        {
            "moment": m.moment,
            "label": labels["council_moments"].get(m.moment, m.moment),
            "phase": m.phase,
            "status": m.status(today),
            "due": _iso(m.due),
            "done_on": _iso(m.done_on),
            "message": m.message,
            "note": m.note,
        }
        for m in process.council_moments.order_by("position", "pk")
    ]
    return {
        "process": {
            "slug": process.slug,
            "title": process.title,
            "municipality": process.municipality,
            "plan_version": process.plan_version.number,
            "status": process.status,
            "question": process.question,
            "is_example": process.is_example,
        },
        "generated_on": today.isoformat(),
        "lang": lang,
        "min_group": MIN_GROUP,
        "phases": phase_rows,
        "council_moments": moments,
        "totals": {
            "participants": (distinct or 0) + sum(from_hooks.values()),
            "contributions": contributions,
            "with_feedback_share": round(answered / contributions, 4) if contributions else 0.0,
        },
        "evaluation": _evaluation(process, phase_rows, activities),
        "labels": labels,
    }
