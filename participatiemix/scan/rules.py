"""Zelfscan permissions (django-rules, autodiscovered): reading a round's results, report, agenda and trend
needs VIEW in its organisation (griffie and raadsleden read); making, changing and deleting rounds needs EDIT."""

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import register

register(
    "scan.scanround",
    {"view": Ability.VIEW, "add": Ability.EDIT, "change": Ability.EDIT, "delete": Ability.EDIT},
)
