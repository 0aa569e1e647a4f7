"""Background work for processes (django-tasks): telling participants what happened with their input."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from participatiemix.processes.models import Contribution


@task()
def notify_status(contribution_ids: list[int]) -> int:
    """One e-mail per participant with an account, listing their contributions whose status changed.
    Anonymous and paper input has no address: those people see the status on the process page."""
    rows = (
        Contribution.objects.filter(pk__in=contribution_ids, participant__user__isnull=False)
        .exclude(participant__user__email="")
        .select_related("participant__user", "activity__phase__process")
        .order_by("participant_id", "pk")
    )
    by_user: dict[int, list[Contribution]] = {}
    for contribution in rows:
        by_user.setdefault(contribution.participant.user_id, []).append(contribution)
    base = getattr(settings, "PMX_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    sent = 0
    for contributions in by_user.values():
        user = contributions[0].participant.user
        context = {"contributions": contributions, "user": user, "mine_url": base + reverse("processes:mine")}
        send_mail(
            subject=render_to_string("processes/email/status_subject.txt", context).strip(),
            message=render_to_string("processes/email/status_body.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
        sent += 1
    return sent
