"""The one permission layer: who may do what with things an organisation owns.

Every owned model has an `organisation` foreign key. A user's roles per organisation (Membership) give
abilities (organisations/roles.py). Views, templates and the admin ask through this module only:

- `has_ability(user, ability, obj=None)`: may the user do this (to this object, or anywhere)?
- `scoped(queryset, user, ability)`: only the rows the user may see or change.
- `get_for_user_or_404(...)`: one object, or a 404 when it is not the user's (never a 403 that confirms it exists).
- `@ability_required(ability)`: a page without an object (a list, a create form).
- `rule(ability)`: a django-rules predicate, so `user.has_perm("plans.change_plan", plan)` and `{% has_perm %}` agree.

Superusers may do everything. Anonymous users and residents (no membership) have no staff abilities.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from participatiemix.organisations.roles import Ability, roles_with

_CACHE_ATTR = "_pmx_org_roles"


def org_roles(user) -> dict[int, str]:
    """{organisation id: role} for an active, logged-in user; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from participatiemix.organisations.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """After a membership change in the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def organisation_ids(user, ability: str) -> set[int]:
    allowed = roles_with(ability)
    return {org_id for org_id, role in org_roles(user).items() if role in allowed}


def owner_id(obj: Any) -> int | None:
    """The organisation that owns obj: its `organisation_id`, or for a child object the end of the model's
    `organisation_path` (e.g. "round_group__round__organisation"), or `owner_organisation_id`."""
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    path = getattr(type(obj), "organisation_path", None)
    if path:
        *parents, last = path.split("__")
        for name in parents:
            obj = getattr(obj, name)
        return getattr(obj, f"{last}_id")
    if hasattr(obj, "owner_organisation_id"):
        return obj.owner_organisation_id
    raise TypeError(f"{type(obj).__name__} has no organisation")


def has_ability(user, ability: str, obj: Any = None) -> bool:
    if is_superuser(user):
        return True
    ids = organisation_ids(user, ability)
    if obj is None:
        return bool(ids)
    return owner_id(obj) in ids


def rule(ability: str) -> rules.Predicate:
    @rules.predicate(name=f"pmx_{ability}")
    def predicate(user, obj=None) -> bool:
        return has_ability(user, ability, obj)

    return predicate


def scoped(queryset: QuerySet, user, ability: str = Ability.VIEW, field: str | None = "organisation") -> QuerySet:
    """Rows owned (through `field`) by the user's organisations; field=None scopes Organisation rows themselves."""
    if is_superuser(user):
        return queryset
    lookup = f"{field}_id__in" if field else "pk__in"
    return queryset.filter(**{lookup: organisation_ids(user, ability)})


def get_for_user_or_404(queryset: QuerySet, user, ability: str = Ability.VIEW, **lookup) -> Model:
    """The object, when the user may do `ability` with it; otherwise Http404 (also for malformed or huge ids)."""
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    if not has_ability(user, ability, obj):
        raise Http404
    return obj


def ability_required(ability: str) -> Callable:
    """Login first; then at least one organisation where the user has `ability` (else the Dutch 403 page)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_ability(request.user, ability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def register(app_model: str, abilities: dict[str, str]) -> None:
    """Register django-rules permissions, e.g. register("plans.plan", {"view": VIEW, "change": EDIT})."""
    app, model = app_model.split(".")
    for action, ability in abilities.items():
        name = f"{app}.{action}_{model}"
        if rules.perm_exists(name):
            rules.remove_perm(name)
        rules.add_perm(name, rule(ability))
