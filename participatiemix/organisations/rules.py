"""Permissions on organisations themselves: members are managed by a beheerder of that organisation."""

import rules

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import rule

rules.add_perm("organisations.manage_organisation", rule(Ability.MANAGE))
