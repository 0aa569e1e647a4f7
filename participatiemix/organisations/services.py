"""Membership changes. A beheerder cannot remove or demote the last beheerder (the organisation stays manageable)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participatiemix.organisations.models import Membership, Organisation
from participatiemix.organisations.roles import Role


def _guard_last_beheerder(membership: Membership) -> None:
    if membership.role != Role.BEHEERDER:
        return
    others = (
        Membership.objects.select_for_update()
        .filter(organisation=membership.organisation, role=Role.BEHEERDER)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("Dit is de laatste beheerder. Maak eerst iemand anders beheerder."))


@transaction.atomic
def member_add(*, organisation: Organisation, user, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created:
        raise ValidationError(_("%(user)s is al lid van deze organisatie.") % {"user": user.get_username()})
    return membership


@transaction.atomic
def member_set_role(*, membership: Membership, role: str) -> Membership:
    if role != Role.BEHEERDER:
        _guard_last_beheerder(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    _guard_last_beheerder(membership)
    membership.delete()
