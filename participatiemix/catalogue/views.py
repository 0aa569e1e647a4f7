"""Catalogue pages: browse and filter, one instrument, compare, and add local knowledge. Views stay thin."""

from __future__ import annotations

import logging
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from participatiemix.catalogue import selectors, services
from participatiemix.catalogue.forms import ExperienceForm, LocalInstrumentForm
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.catalogue.rules import can_add, is_colleague
from participatiemix.mix.errors import DataError
from participatiemix.organisations.roles import Ability
from participatiemix.site.i18n import current_lang
from participatiemix.site.organisation import active_organisation
from participatiemix.site.permissions import ability_required, get_for_user_or_404

log = logging.getLogger(__name__)


def _catalogue_unavailable(request: HttpRequest, exc: DataError) -> HttpResponse:
    # The files are checked in CI and by `make run`; if one is broken anyway, say so plainly (no trace).
    log.error("Catalogue refused:\n%s", "\n".join(exc.messages))
    return render(
        request,
        "site/message.html",
        {
            "title": _("De instrumenten zijn even niet beschikbaar"),
            "text": _("De catalogus bevat een fout en wordt nu niet getoond. Probeer het later opnieuw."),
        },
        status=503,
    )


@require_safe
def instrument_list(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    filters, ignored = selectors.parse_filters(request.GET)
    try:
        entries = selectors.catalogue_entries(lang=lang)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    found = selectors.filter_entries(entries, filters)
    paginator = Paginator(found, selectors.PAGE_SIZE)
    page = paginator.get_page(request.GET.get(selectors.PAGE_PARAM))
    base_query = urlencode(filters.query_items())
    context = {
        "lang": lang,
        "filters": filters,
        "facets": selectors.facet_options(filters, lang=lang),
        "ignored": ignored,
        "page": page,
        "cards": selectors.cards(page.object_list, lang=lang),
        "count": paginator.count,
        "total": len(entries),
        "base_query": base_query,
        "search": filters.search,
        "search_param": selectors.SEARCH_PARAM,
        "page_param": selectors.PAGE_PARAM,
    }
    if request.htmx:
        return render(request, "catalogue/_results.html", context)
    return render(request, "catalogue/list.html", context)


@require_safe
def instrument_detail(request: HttpRequest, instrument_id: str) -> HttpResponse:
    lang = current_lang()
    try:
        entry = selectors.entry_by_id(instrument_id)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    if entry is None:
        raise Http404(instrument_id)
    colleague = is_colleague(request.user)
    if entry.instrument is not None:
        detail = selectors.curated_detail(entry.instrument, lang=lang)
    else:
        detail = selectors.local_detail(entry.local, lang=lang)
        if not colleague:
            detail.pop("contact_role")  # contacts are for colleagues only (catalogue/rules.py)
    return render(
        request,
        "catalogue/detail.html",
        {
            "entry": entry,
            "detail": detail,
            "colleague": colleague,
            "experiences": selectors.experiences_for(entry.id) if colleague else [],
            "can_add": can_add(request.user),
        },
    )


@require_safe
def instrument_compare(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    try:
        entries, problems = selectors.parse_compare_ids(request.GET.getlist("id"))
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    context = {"problems": problems, "entries": entries}
    if problems:
        return render(request, "catalogue/compare.html", context, status=400)
    context["comparison"] = selectors.comparison(entries, lang=lang)
    context["cards"] = selectors.cards(entries, lang=lang)
    return render(request, "catalogue/compare.html", context)


def _login_first(view):
    """Object pages: anonymous visitors log in first; everyone else gets the object or a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], form) -> HttpResponse:
    status = 400 if form.is_bound else 200
    return render(request, template, {"form": form, **context}, status=status)


def _known_ids() -> set[str]:
    return {value for value, _label in selectors.instrument_choices(lang=current_lang())}


@require_http_methods(["GET", "POST"])
@ability_required(Ability.EDIT)
def local_instrument_add(request: HttpRequest) -> HttpResponse:
    organisation = active_organisation(request, Ability.EDIT)
    form = LocalInstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.local_instrument_create(
                user=request.user, organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het instrument ‘%(name)s’ is toegevoegd.") % {"name": instrument.name_nl})
            return redirect("catalogue:detail", instrument_id=instrument.slug)
    return _form_page(request, "catalogue/local_form.html", {"organisation": organisation}, form)


@require_http_methods(["GET", "POST"])
@_login_first
def local_instrument_edit(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = get_for_user_or_404(
        LocalInstrument.objects.select_related("organisation"), request.user, Ability.EDIT, slug=instrument_id
    )
    form = LocalInstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_instrument_update(user=request.user, instrument=instrument, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het instrument ‘%(name)s’ is gewijzigd.") % {"name": instrument.name_nl})
            return redirect("catalogue:detail", instrument_id=instrument.slug)
    context = {"organisation": instrument.organisation, "instrument": instrument}
    return _form_page(request, "catalogue/local_form.html", context, form)


@require_http_methods(["GET", "POST"])
@_login_first
def local_instrument_delete(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = get_for_user_or_404(LocalInstrument.objects.all(), request.user, Ability.EDIT, slug=instrument_id)
    problem = ""
    if request.method == "POST":
        try:
            services.local_instrument_delete(user=request.user, instrument=instrument)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(request, _("Het instrument ‘%(name)s’ is verwijderd.") % {"name": instrument.name_nl})
            return redirect("catalogue:list")
    context = {
        "title": _("Instrument ‘%(name)s’ verwijderen?") % {"name": instrument.name_nl},
        "text": _("Uw eigen ervaringen met dit instrument verdwijnen ook. Dit kunt u niet ongedaan maken."),
        "problem": problem,
        "back": reverse("catalogue:detail", args=[instrument.slug]),
    }
    return render(request, "catalogue/confirm_delete.html", context, status=400 if problem else 200)


@require_http_methods(["GET", "POST"])
@ability_required(Ability.EDIT)
def experience_add(request: HttpRequest) -> HttpResponse:
    organisation = active_organisation(request, Ability.EDIT)
    try:
        initial = {"instrument_id": request.GET.get("instrument", "")[:60]}
        form = ExperienceForm(request.POST or None, initial=initial)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_create(
                user=request.user, organisation=organisation, data=form.cleaned_data, known_ids=_known_ids()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uw ervaring is toegevoegd. Dank u wel."))
            return redirect(reverse("catalogue:detail", args=[experience.instrument_id]) + "#ervaringen")
    return _form_page(request, "catalogue/experience_form.html", {"organisation": organisation}, form)


@require_http_methods(["GET", "POST"])
@_login_first
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    experience = get_for_user_or_404(
        Experience.objects.select_related("organisation"), request.user, Ability.EDIT, pk=pk
    )
    try:
        form = ExperienceForm(request.POST or None, instance=experience)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_update(
                user=request.user, experience=experience, data=form.cleaned_data, known_ids=_known_ids()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uw ervaring is gewijzigd."))
            return redirect(reverse("catalogue:detail", args=[experience.instrument_id]) + "#ervaringen")
    context = {"organisation": experience.organisation, "experience": experience}
    return _form_page(request, "catalogue/experience_form.html", context, form)


@require_http_methods(["GET", "POST"])
@_login_first
def experience_delete(request: HttpRequest, pk: int) -> HttpResponse:
    experience = get_for_user_or_404(Experience.objects.all(), request.user, Ability.EDIT, pk=pk)
    back = reverse("catalogue:detail", args=[experience.instrument_id]) + "#ervaringen"
    if request.method == "POST":
        services.experience_delete(user=request.user, experience=experience)
        messages.success(request, _("De ervaring is verwijderd."))
        return redirect(back)
    context = {
        "title": _("Ervaring verwijderen?"),
        "text": _("De ervaring ‘%(where)s’ verdwijnt voor iedereen. Dit kunt u niet ongedaan maken.")
        % {"where": experience.where},
        "problem": "",
        "back": back,
    }
    return render(request, "catalogue/confirm_delete.html", context)
