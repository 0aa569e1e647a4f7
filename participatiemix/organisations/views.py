"""Organisation pages: which organisation you work for, and (for a beheerder) its members and their roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from participatiemix.organisations import services
from participatiemix.organisations.forms import AddMemberForm, ChooseOrganisationForm, RoleForm
from participatiemix.organisations.models import Membership, Organisation
from participatiemix.organisations.roles import ROLE_HELP, Ability, Role
from participatiemix.site import organisation as active
from participatiemix.site.permissions import forget_roles, has_ability, org_roles


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    roles = org_roles(request.user)
    organisations = list(active.choices(request.user, Ability.VIEW))
    items = [
        {
            "organisation": org,
            "role": Role(roles[org.pk]).label if org.pk in roles else _("Beheerder van Participatiemix"),
            "can_manage": has_ability(request.user, Ability.MANAGE, org),
        }
        for org in organisations
    ]
    current = active.active_organisation(request, Ability.VIEW)
    form = ChooseOrganisationForm(
        organisations=organisations, initial={"organisation": current.pk if current else None}
    )
    return render(
        request,
        "organisations/overview.html",
        {
            "items": items,
            "current": current,
            "choose_form": form,
            "role_help": [(Role(r).label, h) for r, h in ROLE_HELP.items()],
        },
    )


@login_required
@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    organisations = list(active.choices(request.user, Ability.VIEW))
    form = ChooseOrganisationForm(request.POST, organisations=organisations)
    if form.is_valid():
        active.choose(request, form.cleaned_data["organisation"])
        names = {o.pk: o.name for o in organisations}
        messages.success(request, _("U werkt nu voor %(org)s.") % {"org": names[form.cleaned_data["organisation"]]})
    else:
        messages.error(request, _("Kies een organisatie waar u lid van bent."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "organisations:overview"
    return redirect(target)


def _manageable(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, when the user is its beheerder; a 404 otherwise (also when it does not exist)."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None or not has_ability(request.user, Ability.MANAGE, org):
        raise Http404
    return org


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    org = _manageable(request, slug)
    add_form = AddMemberForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if add_form.is_valid():
            try:
                services.member_add(
                    organisation=org, user=add_form.cleaned_data["who"], role=add_form.cleaned_data["role"]
                )
            except ValidationError as exc:
                add_form.add_error("who", exc)
            else:
                messages.success(request, _("Lid toegevoegd."))
                return redirect("organisations:members", org.slug)
        status = 400
    memberships = Membership.objects.filter(organisation=org).select_related("user")
    rows = [
        {"membership": m, "form": RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"), "locked": _is_locked(m.user)}
        for m in memberships
    ]
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": org,
            "rows": rows,
            "add_form": add_form,
            "role_help": [(Role(r).label, h) for r, h in ROLE_HELP.items()],
        },
        status=status,
    )


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    org = _manageable(request, slug)
    try:
        return Membership.objects.select_related("user", "organisation").get(organisation=org, pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    form = RoleForm(request.POST, prefix=f"m{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Kies een van de rollen in de lijst."))
    else:
        try:
            services.member_set_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            forget_roles(request.user)
            messages.success(request, _("De rol van %(user)s is gewijzigd.") % {"user": membership.user.get_username()})
    return redirect("organisations:members", slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    try:
        services.member_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(user)s is geen lid meer.") % {"user": membership.user.get_username()})
    return redirect("organisations:members", slug)


def _is_locked(user) -> bool:
    """Locked by django-axes: failures for this username from every address within the cool-off count."""
    from participatiemix.site.security import is_username_locked

    return is_username_locked(user.get_username())


@login_required
@require_POST
def member_unlock(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    from axes.utils import reset

    reset(username=membership.user.get_username())
    messages.success(request, _("Het account van %(user)s is weer open.") % {"user": membership.user.get_username()})
    return redirect("organisations:members", slug)
