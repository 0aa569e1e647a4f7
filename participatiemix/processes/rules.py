"""Process permissions (django-rules, autodiscovered): staff of the organisation read a process's back office and
report (the griffie too); beheerders and ambtenaren make and change processes and set feedback statuses.
What a resident may do follows from the active phase and the activity (services.may_participate)."""

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import register

register(
    "processes.process",
    {"view": Ability.VIEW, "add": Ability.EDIT, "change": Ability.EDIT, "delete": Ability.EDIT},
)
