"""Registers meetings as the runnable instrument for every offline activity (the registry's fallback): every
instrument of a plan that no online app claims (informatiebijeenkomst, wijkgesprek, keukentafelgesprek, ...) is
run here as one or more sessions with registration, attendance, minutes and input entered by staff."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from participatiemix.processes.registry import RunnableInstrument, register


def _setup_url(activity) -> str:
    return reverse("meetings:manage", kwargs={"activity": activity.pk})


def _public_url(activity) -> str:
    return reverse("meetings:activity", kwargs={"activity": activity.pk})


def _participants(activities) -> dict[int, int]:
    from participatiemix.meetings.selectors import head_counts

    return head_counts([a.pk for a in activities])


def _summary(activity) -> list[str]:
    from participatiemix.meetings.selectors import activity_figures

    f = activity_figures(activity)
    parts = [
        ngettext("%(n)d bijeenkomst", "%(n)d bijeenkomsten", f["meetings"]) % {"n": f["meetings"]},
        ngettext("%(n)d aanwezige", "%(n)d aanwezigen", f["present"]) % {"n": f["present"]},
        ngettext("%(n)d punt ingebracht", "%(n)d punten ingebracht", f["inputs"]) % {"n": f["inputs"]},
    ]
    return [", ".join(parts)]


def _exports(activity) -> list[tuple[str, str]]:
    from participatiemix.meetings.exports import links

    return links(activity)


def _contribution_url(contribution) -> str | None:
    from participatiemix.meetings.models import MeetingInput

    meeting_id = MeetingInput.objects.filter(contribution=contribution).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        return None
    return reverse("meetings:detail", kwargs={"pk": meeting_id}) + f"#inbreng-{contribution.pk}"


def _group_counts(activity) -> dict[str, int]:
    """People present per target group id, summed over the meetings (raw counts: the report applies MIN_GROUP)."""
    from participatiemix.meetings.selectors import target_group_counts

    return target_group_counts(activity)


def _personal_data(person) -> list[dict]:
    """The registrations of a user (or of a Participant's user, for that process only)."""
    from participatiemix.meetings.selectors import registrations_of_user

    user, process_id = getattr(person, "user", person), getattr(person, "process_id", None)
    if not getattr(user, "pk", None):
        return []
    return [
        {
            "type": "meeting_registration",
            "meeting": r.meeting.title,
            "process": r.meeting.activity.phase.process.slug,
            "starts_at": timezone.localtime(r.meeting.starts_at).isoformat(),
            "place": r.meeting.place,
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
        }
        for r in registrations_of_user(user, process_id)
    ]


register(
    RunnableInstrument(
        app="meetings",
        label=gettext_lazy("Bijeenkomst"),
        kind="offline",
        fallback=True,
        collects=gettext_lazy("inbreng tijdens de bijeenkomst"),
        setup_url=_setup_url,
        public_url=_public_url,
        participants=_participants,
        summary=_summary,
        exports=_exports,
        contribution_url=_contribution_url,
        group_counts=_group_counts,
        personal_data=_personal_data,
    )
)
