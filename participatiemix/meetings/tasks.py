"""Background work for meetings (django-tasks): the e-mails about a registration."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from participatiemix.meetings.models import Registration

REASONS = ("registered", "moved_up")


@task()
def send_registration_mail(registration_id: int, reason: str) -> bool:
    """ "registered": a seat or a place on the waiting list, with the cancel link; "moved_up": a seat came free.
    Returns whether a mail went out (no address, or cancelled in the meantime: none)."""
    registration = (
        Registration.objects.select_related("meeting__activity__phase__process", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or reason not in REASONS or registration.status == Registration.Status.CANCELLED:
        return False
    if not registration.address:
        return False
    from participatiemix.meetings.services import cancel_token

    base = getattr(settings, "PMX_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "reason": reason,
        "starts": timezone.localtime(meeting.starts_at),
        "ends": timezone.localtime(meeting.ends_at),
        "meeting_url": base + meeting.get_absolute_url(),
        "ics_url": base + reverse("meetings:ics", kwargs={"pk": meeting.pk}),
        "cancel_url": base + reverse("meetings:cancel_token", kwargs={"token": cancel_token(registration)}),
        "promise": meeting.activity.phase.promise,
    }
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=render_to_string("meetings/email/subject.txt", context).strip(),
            message=render_to_string("meetings/email/body.txt", context),
            from_email=None,
            recipient_list=[registration.address],
        )
    return True
