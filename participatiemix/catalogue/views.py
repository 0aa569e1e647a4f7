"""Catalogue pages: browse and filter, one instrument, compare, and add local knowledge. Views stay thin."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participatiemix.catalogue import selectors, services
from participatiemix.catalogue.forms import ExperienceForm, LocalInstrumentForm
from participatiemix.mix.errors import DataError

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


def instrument_list(request: HttpRequest) -> HttpResponse:
    lang = selectors.current_lang()
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


def instrument_detail(request: HttpRequest, instrument_id: str) -> HttpResponse:
    lang = selectors.current_lang()
    try:
        entry = selectors.entry_by_id(instrument_id)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    if entry is None:
        raise Http404(instrument_id)
    if entry.instrument is not None:
        detail = selectors.curated_detail(entry.instrument, lang=lang)
    else:
        detail = selectors.local_detail(entry.local, lang=lang)
    return render(
        request,
        "catalogue/detail.html",
        {
            "entry": entry,
            "detail": detail,
            "experiences": selectors.experiences_for(entry.id),
            "can_add_experience": services.can_add_experience(request.user),
        },
    )


def instrument_compare(request: HttpRequest) -> HttpResponse:
    lang = selectors.current_lang()
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


def _require(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied
    return None


@require_http_methods(["GET", "POST"])
def local_instrument_add(request: HttpRequest) -> HttpResponse:
    refused = _require(request, services.can_add_local_instrument(request.user))
    if refused:
        return refused
    form = LocalInstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        instrument = services.local_instrument_create(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Het instrument ‘%(name)s’ is toegevoegd.") % {"name": instrument.name_nl})
        return redirect("catalogue:detail", instrument_id=instrument.slug)
    status = 400 if form.is_bound else 200
    return render(request, "catalogue/local_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def experience_add(request: HttpRequest) -> HttpResponse:
    refused = _require(request, services.can_add_experience(request.user))
    if refused:
        return refused
    lang = selectors.current_lang()
    try:
        initial = {"instrument_id": request.GET.get("instrument", "")}
        form = ExperienceForm(request.POST or None, initial=initial)
    except DataError as exc:
        return _catalogue_unavailable(request, exc)
    if request.method == "POST" and form.is_valid():
        known = {value for value, _label in selectors.instrument_choices(lang=lang)}
        experience = services.experience_create(user=request.user, data=form.cleaned_data, known_ids=known)
        messages.success(request, _("Uw ervaring is toegevoegd. Dank u wel."))
        return redirect(reverse("catalogue:detail", args=[experience.instrument_id]) + "#ervaringen")
    status = 400 if form.is_bound else 200
    return render(request, "catalogue/experience_form.html", {"form": form}, status=status)
