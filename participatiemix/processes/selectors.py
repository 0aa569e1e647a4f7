"""Reads for process pages: what is open now, what comes next, what was done with earlier input.

Counts come from the database in one grouped query per page (never a loop over contributions), so the process
page stays fast with tens of thousands of contributions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.processes import registry
from participatiemix.processes.models import (
    Activity,
    Contribution,
    ContributionStatus,
    Phase,
    PhaseState,
    Process,
)

FEEDBACK_SHOWN = 5  # "u zei, wij deden": examples per phase on the process page


def public_processes() -> QuerySet[Process]:
    return Process.objects.exclude(status=Process.Status.DRAFT).select_related("organisation").order_by("-created_at")


def process_queryset() -> QuerySet[Process]:
    return Process.objects.select_related("organisation", "plan", "plan_version")


@dataclass
class ActivityRow:
    activity: Activity
    contributions: int = 0
    public_url: str | None = None
    setup_url: str | None = None
    exports: list[tuple[str, str]] = field(default_factory=list)
    is_open: bool = False

    @property
    def runner(self):
        return registry.get(self.activity.app)


@dataclass
class PhaseRow:
    phase: Phase
    state: str
    label: str
    level_label: str
    goal_labels: list[str]
    activities: list[ActivityRow]
    feedback: dict[str, int]
    examples: list[Contribution] = field(default_factory=list)

    @property
    def contributions(self) -> int:
        return sum(self.feedback.values())

    @property
    def answered(self) -> int:
        return self.feedback.get(ContributionStatus.ADOPTED, 0) + self.feedback.get(ContributionStatus.NOT_ADOPTED, 0)


def _counts(activity_ids: list[int]) -> dict[tuple[int, str], int]:
    """{(activity id, status): contributions} in one grouped query (an index-only scan on activity and status)."""
    rows = (
        Contribution.objects.filter(activity_id__in=activity_ids)
        .values_list("activity_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(a, s): n for a, s, n in rows}


def _examples(by_phase: dict[int, list[Activity]], per_phase: int) -> dict[int, list[Contribution]]:
    """The latest answered contributions per phase: "u zei, wij deden" (one query per phase with answers, served
    by the partial index on answered input)."""
    examples: dict[int, list[Contribution]] = {}
    for phase_id, activities in by_phase.items():
        examples[phase_id] = list(
            Contribution.objects.filter(
                activity_id__in=[a.pk for a in activities],
                status__in=[ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED],
            )
            .exclude(summary="")
            .order_by("-status_changed_at")
            .only("summary", "response", "status", "activity_id")[:per_phase]
        )
    return examples


def process_overview(
    *, process: Process, lang: str = "nl", today: dt.date | None = None, staff: bool = False, examples: int = 0
) -> dict[str, Any]:
    """Phases with their state, activities with counts and links, feedback per phase; and what is open now,
    what comes next and which phases are done."""
    today = today or timezone.localdate()
    vocab = load_vocabulary()
    phases = list(process.phases.all())
    activities = list(Activity.objects.filter(phase__process=process).select_related("phase__process"))
    counts = _counts([a.pk for a in activities])
    by_phase: dict[int, list[Activity]] = {}
    for activity in activities:
        by_phase.setdefault(activity.phase_id, []).append(activity)
    answered = {
        a for (a, s), n in counts.items() if n and s in (ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED)
    }
    with_answers = {p: acts for p, acts in by_phase.items() if any(a.pk in answered for a in acts)}
    example_rows = _examples(with_answers, examples) if examples else {}
    rows = []
    for phase in phases:
        activity_rows = []
        feedback = dict.fromkeys(ContributionStatus.values, 0)
        for activity in by_phase.get(phase.pk, []):
            runner = registry.get(activity.app)
            n = 0
            for status in ContributionStatus.values:
                k = counts.get((activity.pk, status), 0)
                feedback[status] += k
                n += k
            activity_rows.append(
                ActivityRow(
                    activity=activity,
                    contributions=n,
                    public_url=runner.public_url(activity),
                    setup_url=runner.setup_url(activity) if staff else None,
                    exports=runner.exports(activity) if staff else [],
                    is_open=activity.is_open(today),
                )
            )
        rows.append(
            PhaseRow(
                phase=phase,
                state=phase.state(today),
                label=vocab.label("phases", phase.phase, lang),
                level_label=vocab.label("levels", phase.level, lang),
                goal_labels=[vocab.label("goals", g, lang) for g in phase.goals],
                activities=activity_rows,
                feedback=feedback,
                examples=example_rows.get(phase.pk, []),
            )
        )
    return {
        "phases": rows,
        "open_now": [r for r in rows if r.state == PhaseState.OPEN],
        "next": next((r for r in rows if r.state == PhaseState.UPCOMING), None),
        "done": [r for r in rows if r.state == PhaseState.CLOSED or r.answered or r.phase.we_did],
        "open_activities": [a for r in rows for a in r.activities if a.is_open],
        "contributions": sum(r.contributions for r in rows),
    }


def phase_feedback(*, phase: Phase) -> QuerySet[Contribution]:
    """Answered contributions of a phase, newest answer first (for the phase page, paginated there)."""
    return (
        Contribution.objects.filter(
            activity__phase=phase, status__in=[ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED]
        )
        .select_related("activity")
        .order_by("-status_changed_at", "-pk")
    )


def contributions_for_staff(*, process: Process, filters: dict[str, Any]) -> QuerySet[Contribution]:
    qs = Contribution.objects.filter(activity__phase__process=process).select_related("activity__phase")
    if filters.get("phase"):
        qs = qs.filter(activity__phase_id=filters["phase"])
    if filters.get("activity"):
        qs = qs.filter(activity_id=filters["activity"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("source"):
        qs = qs.filter(source=filters["source"])
    if filters.get("q"):
        qs = qs.filter(Q(summary__icontains=filters["q"]) | Q(text__icontains=filters["q"]))
    return qs.order_by("-created_at", "-pk")


def status_counts(*, process: Process) -> dict[str, int]:
    rows = (
        Contribution.objects.filter(activity__phase__process=process)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(ContributionStatus.values, 0)
    counts.update(dict(rows))
    return counts
