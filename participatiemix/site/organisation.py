"""The organisation a user is working for now (kept in the session), used when something new is created."""

from __future__ import annotations

from participatiemix.site.permissions import is_superuser, organisation_ids

SESSION_KEY = "pmx_organisation"


def choices(user, ability: str):
    from participatiemix.organisations.models import Organisation

    if is_superuser(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user, ability))


def active_organisation(request, ability: str):
    """The chosen organisation when the user may do `ability` there, else the first one where they may; or None."""
    orgs = list(choices(request.user, ability))
    chosen = request.session.get(SESSION_KEY)
    for org in orgs:
        if org.pk == chosen:
            return org
    return orgs[0] if orgs else None


def choose(request, organisation_id: int) -> None:
    request.session[SESSION_KEY] = organisation_id
