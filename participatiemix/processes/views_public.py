"""Public process pages for residents: the list, one process (open now, next, done), a phase, an activity.

A draft process is visible only to its organisation's staff (as a preview); everyone else gets a 404. Every page of
a phase shows its promise under "Wat gebeurt er met uw inbreng?".
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from participatiemix.organisations.roles import Ability
from participatiemix.processes import registry, selectors
from participatiemix.processes.models import Activity, Phase, Process
from participatiemix.processes.services import may_participate
from participatiemix.site.i18n import current_lang
from participatiemix.site.permissions import has_ability

FEEDBACK_PER_PAGE = 20


def visible_process(request: HttpRequest, slug: str) -> Process:
    process = selectors.process_queryset().filter(slug=slug).first()
    if process is None or not (process.is_public or has_ability(request.user, Ability.VIEW, process)):
        raise Http404
    return process


def _can_manage(request, process) -> bool:
    return has_ability(request.user, Ability.VIEW, process)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    processes = list(selectors.public_processes()[:200])
    return render(request, "processes/index.html", {"processes": processes})


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = visible_process(request, slug)
    overview = selectors.process_overview(process=process, lang=current_lang(), examples=selectors.FEEDBACK_SHOWN)
    moments = list(process.council_moments.all())
    context = {
        "process": process,
        "overview": overview,
        "moments": moments,
        "can_manage": _can_manage(request, process),
    }
    return render(request, "processes/detail.html", context)


@require_GET
def phase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = visible_process(request, slug)
    phase = Phase.objects.filter(process=process, pk=pk).first()
    if phase is None:
        raise Http404
    overview = selectors.process_overview(process=process, lang=current_lang())
    row = next(r for r in overview["phases"] if r.phase.pk == phase.pk)
    page = Paginator(selectors.phase_feedback(phase=phase), FEEDBACK_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "process": process,
        "row": row,
        "phase": phase,
        "page": page,
        "can_manage": _can_manage(request, process),
    }
    return render(request, "processes/phase.html", context)


@require_GET
def activity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = visible_process(request, slug)
    activity = Activity.objects.select_related("phase__process").filter(phase__process=process, pk=pk).first()
    if activity is None:
        raise Http404
    runner = registry.get(activity.app)
    allowed, reason = may_participate(user=request.user, activity=activity)
    overview = selectors.process_overview(process=process, lang=current_lang())
    row = next(r for r in overview["phases"] if r.phase.pk == activity.phase_id)
    context = {
        "process": process,
        "activity": activity,
        "row": row,
        "runner": runner,
        "public_url": runner.public_url(activity),
        "allowed": allowed,
        "reason": reason,
        "can_manage": _can_manage(request, process),
    }
    return render(request, "processes/activity.html", context)
