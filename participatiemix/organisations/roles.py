"""Roles within an organisation and what each may do (abilities). The one table the permission layer reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder")
    AMBTENAAR = "ambtenaar", _("Ambtenaar")
    FACILITATOR = "facilitator", _("Facilitator")
    GRIFFIE = "griffie", _("Griffie of raadslid")


class Ability(models.TextChoices):
    """What a role allows on things an organisation owns. Views ask for an ability, never for a role."""

    VIEW = "view", _("lezen")
    EDIT = "edit", _("maken en wijzigen")
    FACILITATE = "facilitate", _("werksessies leiden")
    COMMENT = "comment", _("reageren")
    MANAGE = "manage", _("leden beheren")


ROLE_ABILITIES: dict[str, frozenset[str]] = {
    Role.BEHEERDER: frozenset(Ability.values),
    Role.AMBTENAAR: frozenset({Ability.VIEW, Ability.EDIT, Ability.FACILITATE, Ability.COMMENT}),
    Role.FACILITATOR: frozenset({Ability.VIEW, Ability.FACILITATE}),
    Role.GRIFFIE: frozenset({Ability.VIEW, Ability.COMMENT}),
}

ROLE_HELP = {
    Role.BEHEERDER: _("Alles binnen de organisatie, ook leden toevoegen en accounts ontgrendelen."),
    Role.AMBTENAAR: _("Maakt en wijzigt plannen, zelfscans, werksessies en lokale kennis."),
    Role.FACILITATOR: _("Leidt werksessies en leest plannen."),
    Role.GRIFFIE: _("Leest plannen en verslagen en kan erop reageren."),
}


def roles_with(ability: str) -> frozenset[str]:
    return frozenset(role for role, abilities in ROLE_ABILITIES.items() if ability in abilities)
