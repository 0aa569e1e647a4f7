"""Background work for processes (django-tasks): telling participants what happened with their input."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from participatiemix.processes.models import Contribution
from participatiemix.site.accounts import lang_of


@task()
def notify_status(contribution_ids: list[int]) -> int:
    """One e-mail per person with an account, listing their contributions whose status changed, grouped per
    process, in the language they last used on the site (Dutch when unknown). Anonymous and paper input has
    no address: those people see the status on Mijn inbreng and the process page."""
    rows = (
        Contribution.objects.filter(pk__in=contribution_ids, participant__user__isnull=False)
        .exclude(participant__user__email="")
        .filter(participant__user__is_active=True)
        .select_related("participant__user", "activity__phase__process")
        .order_by("participant__user_id", "activity__phase__process_id", "activity__position", "pk")
    )
    by_user: dict[int, list[Contribution]] = {}
    for contribution in rows:
        by_user.setdefault(contribution.participant.user_id, []).append(contribution)
    base = getattr(settings, "PMX_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    sent = 0
    for user_id, contributions in by_user.items():
        user = contributions[0].participant.user
        with translation.override(lang_of(user_id)):
            context = {
                "contributions": contributions,
                "processes": _per_process(contributions),
                "user": user,
                "mine_url": base + reverse("processes:mine"),
            }
            subject = " ".join(render_to_string("processes/email/status_subject.txt", context).split())
            body = render_to_string("processes/email/status_body.txt", context)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
        sent += 1
    return sent


def _per_process(contributions: list[Contribution]) -> list[tuple[object, list[Contribution]]]:
    groups: dict[int, tuple[object, list[Contribution]]] = {}
    for c in contributions:
        process = c.activity.phase.process
        groups.setdefault(process.pk, (process, []))[1].append(c)
    return list(groups.values())
