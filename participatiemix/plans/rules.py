"""Plan permissions for django-rules, so views, templates (`{% has_perm %}`) and the admin agree."""

import rules

from participatiemix.organisations.roles import Ability
from participatiemix.site.permissions import has_ability, register

register(
    "plans.plan",
    {
        "view": Ability.VIEW,
        "add": Ability.EDIT,
        "change": Ability.EDIT,
        "delete": Ability.EDIT,
        "comment": Ability.COMMENT,
    },
)
register("plans.plansharelink", {"view": Ability.EDIT, "add": Ability.EDIT, "delete": Ability.EDIT})


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def may_view_comment(user, comment) -> bool:
    return comment is not None and has_ability(user, Ability.VIEW, comment)


@rules.predicate
def may_edit_plan_of(user, comment) -> bool:
    return comment is not None and has_ability(user, Ability.EDIT, comment)


# The author (while still a reader of the plan) or anyone who may change the plan removes a comment.
rules.set_perm("plans.delete_plancomment", (is_comment_author & may_view_comment) | may_edit_plan_of)
