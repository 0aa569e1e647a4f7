"""Staff pages for running a process: make it from a plan, publish and close it, phases, activities, and the
feedback on every contribution (singly or in bulk).

Reading the back office needs VIEW in the process's organisation (the griffie reads along); changing anything needs
EDIT. A process of another organisation is a 404, a reader who tries to change something gets a 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.organisations.roles import Ability
from participatiemix.plans.models import Plan
from participatiemix.plans.selectors import instrument_choices
from participatiemix.processes import selectors, services
from participatiemix.processes.forms_staff import (
    ActivityAddForm,
    ActivityForm,
    ContributionFilterForm,
    PhaseForm,
    ProcessCreateForm,
    ProcessSettingsForm,
    StatusForm,
)
from participatiemix.processes.models import Activity, Contribution, Phase, Process
from participatiemix.site.i18n import current_lang
from participatiemix.site.permissions import get_for_user_or_404, has_ability

PER_PAGE = 50
MAX_BULK = 1000


def staff_process(ability: str = Ability.VIEW):
    """Login first; then the process by slug when the user may read it (else 404), and `ability` on it (else 403).
    The view gets the process instead of the slug."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            process = get_for_user_or_404(selectors.process_queryset(), request.user, Ability.VIEW, slug=slug)
            if not has_ability(request.user, ability, process):
                raise PermissionDenied
            return view(request, process, *args, **kwargs)

        return wrapper

    return decorator


def _child(queryset, process: Process, pk: int, path: str):
    obj = queryset.filter(**{path: process}, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --------------------------------------------------------------------------- create


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    plan = get_for_user_or_404(Plan.objects.select_related("latest_version"), request.user, Ability.VIEW, pk=pk)
    if not has_ability(request.user, Ability.EDIT, plan):
        raise PermissionDenied
    versions = list(plan.versions.order_by("-number").only("id", "number", "plan_id"))
    if not versions:
        messages.error(request, _("Dit plan heeft nog geen opgeslagen advies. Maak eerst het advies af."))
        return redirect(reverse("plans:detail", kwargs={"pk": plan.pk}))
    initial = {"title": plan.title, "version": versions[0].number}
    form = ProcessCreateForm(request.POST or None, versions=versions, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = next(v for v in versions if v.number == form.cleaned_data["version"])
        try:
            process = services.process_create(
                plan=plan,
                version=plan.versions.get(pk=version.pk),
                title=form.cleaned_data["title"],
                slug=form.cleaned_data["slug"],
                start=form.cleaned_data["start"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het proces is gemaakt. Het is nog niet zichtbaar voor inwoners."))
            return redirect("processes:manage", slug=process.slug)
    existing = list(plan.processes.all())
    return render(request, "processes/create.html", {"plan": plan, "form": form, "existing": existing})


# --------------------------------------------------------------------------- manage


@staff_process(Ability.VIEW)
def manage(request: HttpRequest, process: Process) -> HttpResponse:
    overview = selectors.process_overview(process=process, lang=current_lang(), staff=True)
    latest = process.plan.latest_version
    context = {
        "process": process,
        "overview": overview,
        "status_counts": selectors.status_counts(process=process),
        "moments": list(process.council_moments.all()),
        "can_edit": has_ability(request.user, Ability.EDIT, process),
        "newer_version": latest if latest and latest.number > process.plan_version.number else None,
        "add_form": ActivityAddForm(instrument_choices=instrument_choices(lang=current_lang())),
    }
    return render(request, "processes/manage.html", context)


@require_POST
@staff_process(Ability.EDIT)
def set_status(request: HttpRequest, process: Process) -> HttpResponse:
    status = request.POST.get("status")
    if status not in Process.Status.values:
        messages.error(request, _("Onbekende status. Kies publiceren, afsluiten of terug naar voorbereiding."))
    else:
        process.status = status
        process.save(update_fields=["status"])
        messages.success(request, _("De status is nu: %(s)s.") % {"s": process.get_status_display()})
    return redirect("processes:manage", slug=process.slug)


@require_POST
@staff_process(Ability.EDIT)
def follow_version(request: HttpRequest, process: Process) -> HttpResponse:
    latest = process.plan.latest_version
    if latest is None or latest.number <= process.plan_version.number:
        messages.info(request, _("Het proces volgt al de nieuwste versie van het plan."))
    else:
        services.process_follow_version(process=process, version=latest)
        messages.success(request, _("Het proces volgt nu versie %(n)s van het plan.") % {"n": latest.number})
    return redirect("processes:manage", slug=process.slug)


@require_http_methods(["GET", "POST"])
@staff_process(Ability.EDIT)
def settings(request: HttpRequest, process: Process) -> HttpResponse:
    form = ProcessSettingsForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De gegevens van het proces zijn opgeslagen."))
        return redirect("processes:manage", slug=process.slug)
    return render(request, "processes/edit.html", {"process": process, "form": form, "title": _("Gegevens")})


@require_http_methods(["GET", "POST"])
@staff_process(Ability.EDIT)
def phase_edit(request: HttpRequest, process: Process, pk: int) -> HttpResponse:
    phase = _child(Phase.objects.all(), process, pk, "process")
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De fase is opgeslagen."))
        return redirect("processes:manage", slug=process.slug)
    title = _("Fase: %(p)s") % {"p": load_vocabulary().label("phases", phase.phase, current_lang())}
    return render(request, "processes/edit.html", {"process": process, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
@staff_process(Ability.EDIT)
def activity_edit(request: HttpRequest, process: Process, pk: int) -> HttpResponse:
    activity = _child(Activity.objects.select_related("phase"), process, pk, "phase__process")
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De activiteit is opgeslagen."))
        return redirect("processes:manage", slug=process.slug)
    title = _("Activiteit: %(t)s") % {"t": activity.title}
    return render(request, "processes/edit.html", {"process": process, "form": form, "title": title})


@require_POST
@staff_process(Ability.EDIT)
def activity_add(request: HttpRequest, process: Process, pk: int) -> HttpResponse:
    phase = _child(Phase.objects.all(), process, pk, "process")
    form = ActivityAddForm(request.POST, instrument_choices=instrument_choices(lang=current_lang()))
    if not form.is_valid():
        messages.error(request, _("Kies een instrument uit de lijst."))
    else:
        activity = services.activity_add(
            phase=phase,
            instrument=form.cleaned_data["instrument"],
            title=form.cleaned_data["title"],
            position=phase.activities.count(),
            from_plan=False,
        )
        messages.success(request, _("'%(t)s' is toegevoegd (niet uit het plan).") % {"t": activity.title})
    return redirect("processes:manage", slug=process.slug)


# --------------------------------------------------------------------------- feedback on contributions


def _filter_form(request, process):
    phases = [(p.pk, p.phase) for p in process.phases.all()]
    activities = [(a.pk, a.title) for a in Activity.objects.filter(phase__process=process)]
    return ContributionFilterForm(request.GET or None, phases=phases, activities=activities)


@require_http_methods(["GET", "POST"])
@staff_process(Ability.VIEW)
def contributions(request: HttpRequest, process: Process) -> HttpResponse:
    filter_form = _filter_form(request, process)
    queryset = selectors.contributions_for_staff(process=process, filters=filter_form.filters())
    can_edit = has_ability(request.user, Ability.EDIT, process)
    status_form = StatusForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        chosen = _chosen(request, process)
        if not chosen:
            status_form.add_error(None, _("Kies eerst een of meer bijdragen met de vakjes in de lijst."))
        elif status_form.is_valid():
            changed = services.contributions_set_status(
                contributions=chosen,
                status=status_form.cleaned_data["status"],
                response=status_form.cleaned_data["response"],
            )
            messages.success(request, _("%(n)s bijdragen kregen een nieuwe status.") % {"n": len(changed)})
            return redirect(request.get_full_path())
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "process": process,
        "page": page,
        "filter_form": filter_form,
        "status_form": status_form,
        "can_edit": can_edit,
        "query": request.GET.urlencode(),
        "status_counts": selectors.status_counts(process=process),
    }
    return render(request, "processes/contributions.html", context, status=400 if status_form.errors else 200)


def _chosen(request, process) -> list[Contribution]:
    ids = []
    for raw in request.POST.getlist("ids")[:MAX_BULK]:
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            continue
    return list(Contribution.objects.filter(activity__phase__process=process, pk__in=ids))


@require_http_methods(["GET", "POST"])
@staff_process(Ability.VIEW)
def contribution(request: HttpRequest, process: Process, pk: int) -> HttpResponse:
    item = _child(
        Contribution.objects.select_related("activity__phase", "participant"), process, pk, "activity__phase__process"
    )
    can_edit = has_ability(request.user, Ability.EDIT, process)
    form = StatusForm(request.POST or None, initial={"status": item.status, "response": item.response})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            services.contributions_set_status(
                contributions=[item], status=form.cleaned_data["status"], response=form.cleaned_data["response"]
            )
            messages.success(request, _("De status is opgeslagen. De inwoner krijgt bericht als dat kan."))
            return redirect("processes:contributions", slug=process.slug)
    context = {"process": process, "item": item, "form": form, "can_edit": can_edit}
    return render(request, "processes/contribution.html", context, status=400 if form.errors else 200)
