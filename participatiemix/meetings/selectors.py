"""Reads for offline activities: meetings with their seats, attendance tables (with the <5 rule for the public),
what was gathered, and the figures the registry hands the process pages and the council report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from participatiemix.meetings.models import Attendance, Meeting, MeetingInput, Registration
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.processes.models import MIN_GROUP, Activity, Profile

Dimension = Attendance.Dimension


def meetings_of(activity: Activity) -> QuerySet[Meeting]:
    """The sessions of an activity, each with `registered` and `waiting` counted in the same query."""
    return (
        Meeting.objects.filter(activity=activity)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        )
        .order_by("starts_at", "pk")
    )


def meeting_detail(pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("activity__phase__process__organisation")
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        )
        .filter(pk=pk)
        .first()
    )


def seats_left(meeting: Meeting) -> int | None:
    """Free seats (None: no limit). Needs the `registered` annotation."""
    if meeting.capacity is None:
        return None
    return max(0, meeting.capacity - meeting.registered)


def own_registration(*, meeting: Meeting, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return meeting.registrations.filter(user=user).exclude(status=Registration.Status.CANCELLED).first()


def waiting_place(registration: Registration) -> int:
    """1 for the first on the waiting list."""
    return registration.meeting.registrations.filter(
        status=Registration.Status.WAITING, position__lte=registration.position
    ).count()


def registrations_of(meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.select_related("user").order_by("position", "pk")


def registrations_for_export(activity: Activity) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(meeting__activity=activity)
        .select_related("meeting", "user")
        .order_by("meeting__starts_at", "meeting_id", "position")
    )


# --------------------------------------------------------------------------- groups and attendance


@dataclass(frozen=True)
class Group:
    dimension: str
    group: str
    label: str


def attendance_groups(activity: Activity, lang: str = "nl") -> list[Group]:
    """The groups attendance is counted for: age bands, the process's districts, the target groups planned for
    the activity's phase (and the activity itself)."""
    vocab = load_vocabulary()
    groups = [Group(Dimension.TOTAL, "", str(Dimension.TOTAL.label))]
    groups += [Group(Dimension.AGE_BAND, value, str(label)) for value, label in Profile.AgeBand.choices]
    groups += [Group(Dimension.DISTRICT, d, d) for d in activity.phase.process.districts or []]
    targets = list(dict.fromkeys([*activity.phase.target_groups, *activity.target_groups]))
    groups += [Group(Dimension.TARGET_GROUP, t, vocab.label("target_groups", t, lang)) for t in targets]
    return groups


def attendance_counts(meeting: Meeting) -> dict[tuple[str, str], int]:
    return {(a.dimension, a.group): a.count for a in meeting.attendance.all()}


def attendance_table(meeting: Meeting, lang: str = "nl", *, public: bool) -> list[dict]:
    """Rows of {dimension label, group label, count} for what was entered. For the public, a group of fewer than
    MIN_GROUP people shows as "fewer than 5" (count None), so nobody can be picked out; the total always shows."""
    counts = attendance_counts(meeting)
    rows = []
    known = {(g.dimension, g.group): g for g in attendance_groups(meeting.activity, lang)}
    for key, count in counts.items():
        group = known.get(key) or Group(key[0], key[1], key[1])
        hidden = public and key[0] != Dimension.TOTAL and count < MIN_GROUP
        rows.append(
            {
                "dimension": str(Dimension(key[0]).label),
                "label": group.label,
                "count": None if hidden else count,
                "order": (list(Dimension.values).index(key[0]), list(known).index(key) if key in known else 999),
            }
        )
    return sorted(rows, key=lambda r: r["order"])


def head_count(meeting: Meeting) -> int | None:
    row = meeting.attendance.filter(dimension=Dimension.TOTAL, group="").first()
    return row.count if row else None


# --------------------------------------------------------------------------- input


def inputs_of(meeting: Meeting, *, public: bool) -> QuerySet[MeetingInput]:
    rows = meeting.inputs.select_related("contribution").order_by("pk")
    return rows.filter(public=True) if public else rows


def inputs_for_export(activity: Activity) -> QuerySet[MeetingInput]:
    return (
        MeetingInput.objects.filter(meeting__activity=activity)
        .select_related("meeting", "contribution")
        .order_by("meeting__starts_at", "meeting_id", "pk")
    )


# --------------------------------------------------------------------------- figures for the registry


def head_counts(activity_ids: list[int]) -> dict[int, int]:
    """{activity id: people present over all its meetings}, for activities with a head count entered."""
    rows = (
        Attendance.objects.filter(meeting__activity_id__in=activity_ids, dimension=Dimension.TOTAL)
        .values("meeting__activity_id")
        .annotate(total=Sum("count"))
    )
    return {r["meeting__activity_id"]: r["total"] for r in rows}


def activity_figures(activity: Activity) -> dict[str, int]:
    meetings = Meeting.objects.filter(activity=activity).count()
    present = head_counts([activity.pk]).get(activity.pk, 0)
    inputs = MeetingInput.objects.filter(meeting__activity=activity).count()
    return {"meetings": meetings, "present": present, "inputs": inputs}


def target_group_counts(activity: Activity) -> dict[str, int]:
    rows = (
        Attendance.objects.filter(meeting__activity=activity, dimension=Dimension.TARGET_GROUP)
        .values("group")
        .annotate(total=Sum("count"))
    )
    return {r["group"]: r["total"] for r in rows}


def registrations_of_user(user, process_id: int | None = None) -> QuerySet[Registration]:
    rows = Registration.objects.filter(user=user).select_related("meeting__activity__phase__process")
    if process_id is not None:
        rows = rows.filter(meeting__activity__phase__process_id=process_id)
    return rows.order_by("meeting__starts_at")
