"""Werksessie permissions (autodiscovered by django-rules), answered by the one permission layer.

Reading a session and its report: VIEW. Setting it up, changing it and running it (phases, timer,
rode draden, a draft plan from a group): FACILITATE (beheerder, ambtenaar, facilitator).
"""

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import register

register(
    "workshop.workshop",
    {
        "view": Ability.VIEW,
        "add": Ability.FACILITATE,
        "change": Ability.FACILITATE,
        "delete": Ability.FACILITATE,
        "run": Ability.FACILITATE,
    },
)
