"""When an account is deleted (AVG: "delete my data"), its registrations go with it. Cancel them through the
service first, so a freed seat still goes to the first person on the waiting list (with an e-mail)."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import pre_delete


def cancel_registrations_of_deleted_user(sender, instance, **kwargs) -> None:
    from participatiemix.meetings.models import Registration
    from participatiemix.meetings.services import registration_cancel

    live = Registration.objects.filter(user=instance).exclude(status=Registration.Status.CANCELLED)
    for registration in live:
        registration_cancel(registration=registration)


def connect() -> None:
    pre_delete.connect(
        cancel_registrations_of_deleted_user, sender=settings.AUTH_USER_MODEL, dispatch_uid="meetings-user-deleted"
    )
