"""Who may read and change local knowledge (autodiscovered by django-rules; views and templates ask the same).

The catalogue is a kennisplatform: municipalities learn from each other.

- The curated catalogue (YAML files) is public, for everyone, anonymous visitors included.
- Local instruments are public too (name, summary, phases, costs), marked "Lokaal toegevoegd door <organisation>".
- Experiences and contact details (a function such as "wijkregisseur") are for colleagues: staff of ANY
  organisation read them, whichever organisation added them. Anonymous visitors and residents do not see them:
  an experience says candidly what did not work, and a contact is an invitation to colleagues, not to the public.
- Adding needs EDIT in at least one organisation (the new item belongs to the active organisation); changing
  and deleting need EDIT in the organisation that owns the item.
"""

from __future__ import annotations

import rules

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import has_ability, register


def is_colleague(user, obj=None) -> bool:
    """Staff (any role) of any organisation: reads experiences and contacts of every organisation."""
    return has_ability(user, Ability.VIEW)


def can_add(user) -> bool:
    return has_ability(user, Ability.EDIT)


def can_change(user, obj) -> bool:
    return has_ability(user, Ability.EDIT, obj)


register(
    "catalogue.localinstrument",
    {"add": Ability.EDIT, "change": Ability.EDIT, "delete": Ability.EDIT},
)
register(
    "catalogue.experience",
    {"add": Ability.EDIT, "change": Ability.EDIT, "delete": Ability.EDIT},
)
for name, predicate in (
    ("catalogue.view_localinstrument", rules.always_allow),
    ("catalogue.view_experience", rules.predicate(is_colleague)),
    ("catalogue.view_contact", rules.predicate(is_colleague)),
):
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, predicate)
