"""Writes for local knowledge. Forms validate and clean; these check the permission layer and store atomically.

Every write asks site/permissions.py (through catalogue/rules.py): adding needs EDIT in the organisation the
item is added for; changing and deleting need EDIT in the organisation that owns the item.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participatiemix.catalogue.forms import RESERVED_IDS, curated_ids
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.catalogue.rules import can_change
from participatiemix.organisations.models import Organisation
from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import is_superuser, organisation_ids

# Set by the service, never taken from a form.
_PROTECTED = {"organisation", "organisation_id", "created_by", "created_by_id", "municipality", "slug"}


def _require_edit_in(user: AbstractBaseUser, organisation: Organisation | None) -> None:
    if is_superuser(user) and organisation is not None:
        return
    if organisation is None or organisation.pk not in organisation_ids(user, Ability.EDIT):
        raise PermissionDenied(_("U mag voor deze organisatie niets toevoegen."))


def _require_change(user: AbstractBaseUser, obj: LocalInstrument | Experience) -> None:
    if not can_change(user, obj):
        raise PermissionDenied(_("U mag dit niet wijzigen."))


def _editable(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _PROTECTED}


def local_instrument_create(
    *, user: AbstractBaseUser, organisation: Organisation | None, data: dict[str, Any]
) -> LocalInstrument:
    """Store a local instrument for `organisation`; never under a curated id."""
    _require_edit_in(user, organisation)
    slug = data["slug"]
    if slug in curated_ids() or slug in RESERVED_IDS:
        raise ValidationError({"slug": _("De code ‘%(id)s’ hoort bij een instrument uit de catalogus.") % {"id": slug}})
    with transaction.atomic():
        instrument = LocalInstrument(
            created_by=user, organisation=organisation, municipality=organisation.name, slug=slug, **_editable(data)
        )
        instrument.full_clean()
        instrument.save()
    return instrument


def local_instrument_update(*, user: AbstractBaseUser, instrument: LocalInstrument, data: dict[str, Any]) -> None:
    """Change the texts and facets; the code and the owner stay."""
    _require_change(user, instrument)
    for key, value in _editable(data).items():
        setattr(instrument, key, value)
    with transaction.atomic():
        instrument.full_clean()
        instrument.save()


def local_instrument_delete(*, user: AbstractBaseUser, instrument: LocalInstrument) -> None:
    """Delete it with the owner's own experiences; refused while other organisations' experiences refer to it."""
    _require_change(user, instrument)
    with transaction.atomic():
        experiences = Experience.objects.select_for_update().filter(instrument_id=instrument.slug)
        if experiences.exclude(organisation_id=instrument.organisation_id).exists():
            raise ValidationError(
                _(
                    "Andere organisaties hebben een ervaring met dit instrument gedeeld. "
                    "Daarom kunt u het niet verwijderen. U kunt de tekst wel aanpassen."
                )
            )
        experiences.delete()
        instrument.delete()


def experience_create(
    *, user: AbstractBaseUser, organisation: Organisation | None, data: dict[str, Any], known_ids: set[str]
) -> Experience:
    """Store an experience of `organisation` with an instrument that exists (curated or local)."""
    _require_edit_in(user, organisation)
    if data["instrument_id"] not in known_ids:
        raise ValidationError({"instrument_id": _("Dit instrument bestaat niet.")})
    with transaction.atomic():
        experience = Experience(
            created_by=user, organisation=organisation, municipality=organisation.name, **_editable(data)
        )
        experience.full_clean()
        experience.save()
    return experience


def experience_update(
    *, user: AbstractBaseUser, experience: Experience, data: dict[str, Any], known_ids: set[str]
) -> None:
    _require_change(user, experience)
    if data["instrument_id"] not in known_ids:
        raise ValidationError({"instrument_id": _("Dit instrument bestaat niet.")})
    for key, value in _editable(data).items():
        setattr(experience, key, value)
    with transaction.atomic():
        experience.full_clean()
        experience.save()


def experience_delete(*, user: AbstractBaseUser, experience: Experience) -> None:
    _require_change(user, experience)
    experience.delete()
