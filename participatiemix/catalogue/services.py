"""Writes for local knowledge. Forms validate and sanitise; these store atomically and re-check the rules."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participatiemix.catalogue.forms import RESERVED_IDS, curated_ids
from participatiemix.catalogue.models import Experience, LocalInstrument

ADD_INSTRUMENT_PERMISSION = "catalogue.add_localinstrument"
ADD_EXPERIENCE_PERMISSION = "catalogue.add_experience"


def can_add_local_instrument(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(ADD_INSTRUMENT_PERMISSION))
    )


def can_add_experience(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(ADD_EXPERIENCE_PERMISSION))
    )


def local_instrument_create(*, user: AbstractBaseUser, data: dict[str, Any]) -> LocalInstrument:
    """Store a local instrument from a form's cleaned data; never under a curated id."""
    if not can_add_local_instrument(user):
        raise PermissionDenied(_("U mag geen lokale instrumenten toevoegen."))
    slug = data["slug"]
    if slug in curated_ids() or slug in RESERVED_IDS:
        raise ValidationError({"slug": _("De code ‘%(id)s’ hoort bij een instrument uit de catalogus.") % {"id": slug}})
    with transaction.atomic():
        instrument = LocalInstrument(created_by=user, **data)
        instrument.full_clean()
        instrument.save()
    return instrument


def experience_create(*, user: AbstractBaseUser, data: dict[str, Any], known_ids: set[str]) -> Experience:
    """Store an experience with an instrument that exists (curated or local)."""
    if not can_add_experience(user):
        raise PermissionDenied(_("U mag geen ervaringen toevoegen."))
    if data["instrument_id"] not in known_ids:
        raise ValidationError({"instrument_id": _("Dit instrument bestaat niet.")})
    with transaction.atomic():
        experience = Experience(created_by=user, **data)
        experience.full_clean()
        experience.save()
    return experience
