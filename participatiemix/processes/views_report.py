"""The council report (participatieverslag) on screen, as a file made in the background, and the evaluation.

Reading the report and the evaluation needs VIEW in the process's organisation (staff and the griffie); changing
the evaluation needs EDIT (beheerder, ambtenaar). A process of another organisation is a 404.
A file is made by a background job (report_tasks.py): the start page waits up to a second for it, so a quick
report downloads at once; a slow one shows a job page with its progress that refreshes itself (htmx polling,
and a meta refresh without JavaScript).
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.documents import process_report as doc
from participatiemix.organisations.roles import Ability
from participatiemix.processes.forms_report import (
    ActivityActualsForm,
    CouncilMomentForm,
    PhaseJudgementForm,
    ReportFormatForm,
)
from participatiemix.processes.models import Activity, Process, ReportJob
from participatiemix.processes.report import process_report_data
from participatiemix.processes.report_tasks import report_start as job_start
from participatiemix.site.downloads import download_response
from participatiemix.site.i18n import current_lang
from participatiemix.site.permissions import get_for_user_or_404, has_ability

WAIT_SECONDS = 1.0  # a report ready within this time downloads at once; a slower one gets the progress page
REFRESH_SECONDS = 2
START_RATE = "20/m"  # report files per user: making a PDF costs a few seconds of CPU


def _process(request: HttpRequest, slug: str, ability: str = Ability.VIEW) -> Process:
    """The process when the user may read its back office (else 404); 403 when they may read but not `ability`."""
    process = get_for_user_or_404(
        Process.objects.select_related("organisation", "plan_version"), request.user, Ability.VIEW, slug=slug
    )
    if ability != Ability.VIEW and not has_ability(request.user, ability, process):
        raise PermissionDenied
    return process


def _job(process: Process, pk: int) -> ReportJob:
    job = ReportJob.objects.filter(process=process, pk=pk).defer("content").first()
    if job is None:
        raise Http404
    return job


def _phase_tables(data: dict) -> list[dict]:
    """Per phase the same tables the documents show, so screen, Word and PDF never differ."""
    return [
        {
            "phase": phase,
            "facts": doc.phase_facts(data, phase),
            "activities": doc.activities_table(data, phase),
            "summaries": [f"{a['title']}: {line}" for a in phase["activities"] for line in a.get("summary") or []],
            "reach": doc.reach_table(data, phase),
            "missed": doc.missed_note(data, phase),
            "themes": doc.themes_table(data, phase),
            "themes_note": doc.themes_note(data, phase),
            "feedback": doc.feedback_table(data, phase),
            "feedback_bars": _bars(data, phase),
        }
        for phase in data["phases"]
    ]


def _bars(data: dict, phase: dict) -> list[dict]:
    """Feedback statuses for a bar chart (<meter>, no script or inline style); the table beside it has the numbers."""
    total = sum(phase["feedback"].values())
    labels = doc.t(data["lang"], "feedback")
    return [{"key": k, "label": labels[k], "n": phase["feedback"].get(k, 0), "total": total} for k in labels]


@login_required
@require_GET
def report(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    lang = current_lang()
    data = process_report_data(process=process, lang=lang)
    context = {
        "process": process,
        "data": data,
        "facts": doc.facts(data),
        "phases": _phase_tables(data),
        "moments": doc.moments_table(data),
        "moments_missed": doc.missed_moments_note(data),
        "how": doc.t(lang, "how", n=data["min_group"]),
        "reach_intro": doc.t(lang, "reach_intro", n=data["min_group"]),
        "jobs": ReportJob.objects.filter(process=process).defer("content")[:5],
        "form": ReportFormatForm(),
        "can_edit": has_ability(request.user, Ability.EDIT, process),
    }
    return render(request, "processes/report.html", context)


@login_required
@require_POST
@ratelimit(key="user", rate=START_RATE, group="processes:report", block=True)
def report_start(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    form = ReportFormatForm(request.POST)
    if not form.is_valid():
        return render(request, "processes/report_refused.html", {"process": process, "form": form}, status=400)
    job = job_start(process=process, fmt=form.cleaned_data["format"], lang=current_lang(), user=request.user)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        job.refresh_from_db(fields=["status"])
        if job.status == ReportJob.Status.DONE:
            return redirect("processes:report_download", slug=process.slug, pk=job.pk)
        if job.status == ReportJob.Status.FAILED or time.monotonic() >= deadline:
            return redirect("processes:report_job", slug=process.slug, pk=job.pk)
        time.sleep(0.1)


@login_required
@require_GET
def report_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(request, slug)
    job = _job(process, pk)
    busy = job.status in (ReportJob.Status.WAITING, ReportJob.Status.RUNNING)
    context = {
        "process": process,
        "job": job,
        "busy": busy,
        "refresh": REFRESH_SECONDS,
        "poll_url": reverse("processes:report_job", kwargs={"slug": process.slug, "pk": job.pk}),
    }
    if request.htmx:
        return render(request, "processes/report_job_status.html", context)
    return render(request, "processes/report_job.html", context)


@login_required
@require_GET
def report_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(request, slug)
    job = _job(process, pk)
    if job.status != ReportJob.Status.DONE or job.content is None:
        return redirect("processes:report_job", slug=process.slug, pk=job.pk)
    stem = f"participatieverslag-{process.slug}-{job.created_at:%Y%m%d}"
    return download_response(bytes(job.content), stem=stem, extension=job.format)


# --------------------------------------------------------------------------- evaluation

PARTS = ("activities", "phases", "moments")


def _evaluation_forms(process: Process, data=None, part: str = "") -> dict[str, list]:
    """The forms of each part; only the part being saved is bound to the posted data."""
    activities = (
        Activity.objects.filter(phase__process=process)
        .select_related("phase")
        .order_by("phase__position", "position", "pk")
    )

    def bound(name):
        return data if part == name else None

    return {
        "activities": [ActivityActualsForm(bound("activities"), instance=a, prefix=f"a{a.pk}") for a in activities],
        "phases": [
            PhaseJudgementForm(bound("phases"), instance=p, prefix=f"p{p.pk}")
            for p in process.phases.order_by("position", "pk")
        ],
        "moments": [
            CouncilMomentForm(bound("moments"), instance=m, prefix=f"m{m.pk}")
            for m in process.council_moments.order_by("position", "pk")
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug, Ability.EDIT if request.method == "POST" else Ability.VIEW)
    part = request.POST.get("part", "") if request.method == "POST" else ""
    if request.method == "POST" and part not in PARTS:
        messages.error(request, _("Dit formulier kennen we niet. Laad de pagina opnieuw en probeer het nog eens."))
        part = ""
    forms = _evaluation_forms(process, request.POST if part else None, part)
    status = 200
    if part:
        group = forms[part]
        if all(f.is_valid() for f in group):
            with transaction.atomic():  # the whole part or nothing
                for f in group:
                    if f.has_changed():
                        f.save()
            messages.success(request, _("Opgeslagen."))
            return redirect(reverse("processes:evaluation", kwargs={"slug": process.slug}) + f"#{part}")
        status = 400
    elif request.method == "POST":
        status = 400
    lang = current_lang()
    data = process_report_data(process=process, lang=lang, themes=False)
    labels = data["labels"]
    # Each form's own name for the error summary: the same field occurs once per activity, phase or moment.
    for f in forms["activities"]:
        f.phase_label = labels["phases"].get(f.instance.phase.phase, f.instance.phase.phase)
        f.legend = f.instance.title
    for f in forms["phases"]:
        f.phase_label = f.legend = labels["phases"].get(f.instance.phase, f.instance.phase)
        f.goals = [labels["goals"].get(g, g) for g in f.instance.goals or []]
    for f in forms["moments"]:
        f.moment_label = f.legend = labels["council_moments"].get(f.instance.moment, f.instance.moment)
        f.phase_label = labels["phases"].get(f.instance.phase, f.instance.phase)
        f.status = doc.t(lang, "moment_status").get(f.instance.status(), "")
    context = {
        "process": process,
        "data": data,
        "planned_held": doc.planned_held_table(data),
        "cost": doc.cost_table(data),
        "goals": doc.goals_table(data),
        "forms": forms,
        "part": part,
        "errors": [f for group in forms.values() for f in group if f.is_bound and f.errors],
        "can_edit": has_ability(request.user, Ability.EDIT, process),
    }
    return render(request, "processes/evaluation.html", context, status=status)
