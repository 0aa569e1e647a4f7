"""Plan pages: list, intake (one step per screen), advice, versions, comparisons and downloads.

Views parse input, call a service or selector, and render. Every form is a plain POST followed by a
redirect (works without JavaScript). Only logged-in municipal staff use these pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from participatiemix.mix.errors import DataError
from participatiemix.plans import selectors, services
from participatiemix.plans.forms import (
    STEP_FORMS,
    CaseUploadForm,
    ComparePlansForm,
    CompareVersionsForm,
    InstrumentChangeForm,
    field_spec,
    lang,
)
from participatiemix.plans.intake import LAST_STEP, first_incomplete_step, make_form, reachable
from participatiemix.plans.models import Plan, PlanVersion

DOWNLOAD_FORMATS = ("docx", "pdf", "md", "yaml")


def _plan_or_404(pk: int) -> Plan:
    try:
        return selectors.plan_get(pk=pk)
    except Plan.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.plan_list())
    return render(request, "plans/list.html", {"plans": plans, "compare_form": ComparePlansForm()})


# --------------------------------------------------------------------------- intake


def _step_context(request, *, plan, form, step: int) -> dict:
    steps = [
        {
            "number": cls.step,
            "title": cls.title,
            "url": reverse("plans:step", args=[plan.pk, cls.step]) if plan else "",
            "reachable": plan is not None and reachable(plan=plan, step=cls.step),
            "current": cls.step == step,
        }
        for cls in STEP_FORMS
    ]
    fields = [field_spec(form[name]) for name in form.fields]
    errors = [
        {
            "id": f["id"],
            "label": f["label"],
            "messages": f["errors"],
            "anchor": f["options"][0]["id"] if f["kind"] in ("radios", "checkboxes") and f["options"] else f["id"],
        }
        for f in fields
        if f["errors"]
    ]
    groups = None
    if step == 3:
        groups = [{**g, "fields": [field_spec(bf) for bf in g["fields"]]} for g in form.phase_groups()]
    return {
        "plan": plan,
        "form": form,
        "step": step,
        "step_title": STEP_FORMS[step - 1].title,
        "last_step": LAST_STEP,
        "steps": steps,
        "fields": fields,
        "groups": groups,
        "error_summary": errors,
        "non_field_errors": form.non_field_errors(),
        "has_version": bool(plan and plan.latest_version_id),
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    form = make_form(plan=None, step=1, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_start(case_update=form.case_update(), created_by=request.user)
        messages.success(request, _("Stap 1 is opgeslagen als concept."))
        return redirect("plans:step", plan.pk, 2)
    status = 400 if form.is_bound else 200
    return render(request, "plans/step.html", _step_context(request, plan=None, form=form, step=1), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    if not 1 <= step <= LAST_STEP:
        raise Http404
    if not reachable(plan=plan, step=step):
        first = first_incomplete_step(plan=plan)
        messages.info(request, _("Vul eerst stap %(step)s in.") % {"step": first})
        return redirect("plans:step", plan.pk, first)
    if request.method == "GET":
        form = make_form(plan=plan, step=step)
        return render(request, "plans/step.html", _step_context(request, plan=plan, form=form, step=step))
    form = make_form(plan=plan, step=step, data=request.POST)
    if not form.is_valid():
        context = _step_context(request, plan=plan, form=form, step=step)
        return render(request, "plans/step.html", context, status=400)
    plan, version = services.plan_step_save(
        plan=plan, case_update=form.case_update(), plan_update=form.plan_update(), step=step, user=request.user
    )
    nav = request.POST.get("nav", "next")
    if nav == "back":
        return redirect("plans:step", plan.pk, max(step - 1, 1))
    if step < LAST_STEP and nav != "finish":
        return redirect("plans:step", plan.pk, step + 1)
    if plan.latest_version_id is None:
        try:
            services.plan_advise(plan=plan, user=request.user)
        except DataError as exc:
            # The step forms check every field; this only happens for a draft with data no step shows.
            for message in exc.messages:
                messages.error(request, message)
            return redirect("plans:step", plan.pk, first_incomplete_step(plan=plan))
        messages.success(request, _("Het advies is klaar. Dit is versie 1 van het plan."))
    elif version is not None:
        messages.success(
            request, _("Opgeslagen. Het advies is opnieuw gemaakt (versie %(n)s).") % {"n": version.number}
        )
    else:
        messages.info(request, _("Opgeslagen. Er was niets veranderd, dus het advies is hetzelfde gebleven."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    form = CaseUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["file"]
        try:
            plan = services.plan_import(text=text, filename=filename, created_by=request.user)
        except DataError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("De casus is ingelezen en het advies is gemaakt."))
            return redirect(plan)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "field": field_spec(form["file"]), "problems": problems}
    return render(request, "plans/import.html", context, status=status)


# --------------------------------------------------------------------------- the plan


def _detail_context(request, *, plan: Plan, version: PlanVersion, change_form=None) -> dict:
    language = lang()
    return {
        "plan": plan,
        "version": version,
        "is_latest": version.pk == plan.latest_version_id,
        "advice": selectors.advice_view(version.advice_in(language), lang=language),
        "change_form": change_form,
        "change_errors": [e for errs in change_form.errors.values() for e in errs] if change_form else [],
        "formats": DOWNLOAD_FORMATS,
    }


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    if plan.latest_version is None:
        return redirect(plan)
    return render(request, "plans/detail.html", _detail_context(request, plan=plan, version=plan.latest_version))


@login_required
@require_POST
def plan_instrument(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    if plan.latest_version is None:
        return redirect(plan)
    form = InstrumentChangeForm(request.POST)
    phase = request.POST.get("phase", "")
    if form.is_valid():
        try:
            version = services.plan_instrument_change(
                plan=plan,
                phase=phase,
                action=form.cleaned_data["action"],
                instrument=form.cleaned_data["instrument"],
                replacement=form.cleaned_data.get("replacement") or "",
                user=request.user,
            )
        except DataError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(note)s. Het advies is opnieuw gecontroleerd (versie %(n)s).")
                % {"note": version.note, "n": version.number},
            )
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#fase-{phase}")
    context = _detail_context(request, plan=plan, version=plan.latest_version, change_form=form)
    return render(request, "plans/detail.html", context, status=400)


@login_required
@require_GET
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    versions = list(selectors.version_list(plan=plan))
    return render(request, "plans/versions.html", {"plan": plan, "versions": versions})


@login_required
@require_GET
def plan_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    try:
        version = selectors.version_get(plan=plan, number=number)
    except PlanVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "plans/detail.html", _detail_context(request, plan=plan, version=version))


def _bad_compare(request, *, title: str, problems: list[str]) -> HttpResponse:
    return render(request, "plans/compare_error.html", {"title": title, "problems": problems}, status=400)


@login_required
@require_GET
def versions_compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    form = CompareVersionsForm(request.GET)
    title = _("Versies vergelijken")
    if not form.is_valid():
        return _bad_compare(
            request, title=title, problems=[_("Kies twee versies (a en b) met een versienummer van 1 of hoger.")]
        )
    found = {v.number: v for v in plan.versions.filter(number__in=[form.cleaned_data["a"], form.cleaned_data["b"]])}
    missing = [str(n) for n in (form.cleaned_data["a"], form.cleaned_data["b"]) if n not in found]
    if missing:
        return _bad_compare(
            request,
            title=title,
            problems=[
                _("Versie %(n)s bestaat niet bij dit plan. Er zijn %(count)s versies.")
                % {"n": ", ".join(missing), "count": plan.versions.count()}
            ],
        )
    left, right = found[form.cleaned_data["a"]], found[form.cleaned_data["b"]]
    language = lang()
    diff = selectors.compare_advice(left.advice_in(language), right.advice_in(language), lang=language)
    context = {"plan": plan, "left": left, "right": right, "diff": diff, "mode": "versions"}
    return render(request, "plans/compare.html", context)


@login_required
@require_GET
def plans_compare(request: HttpRequest) -> HttpResponse:
    form = ComparePlansForm(request.GET)
    title = _("Plannen vergelijken")
    if not form.is_valid():
        return _bad_compare(request, title=title, problems=[_("Kies twee plannen om te vergelijken.")])
    ids = [form.cleaned_data["a"], form.cleaned_data["b"]]
    plans = {p.pk: p for p in selectors.plan_list().filter(pk__in=ids)}
    unusable = [str(i) for i in ids if i not in plans or plans[i].latest_version is None]
    if unusable:
        return _bad_compare(
            request,
            title=title,
            problems=[_("Plan %(ids)s bestaat niet of heeft nog geen advies.") % {"ids": ", ".join(unusable)}],
        )
    left, right = plans[ids[0]], plans[ids[1]]
    language = lang()
    diff = selectors.compare_advice(
        left.latest_version.advice_in(language), right.latest_version.advice_in(language), lang=language
    )
    return render(
        request, "plans/compare.html", {"left_plan": left, "right_plan": right, "diff": diff, "mode": "plans"}
    )


# --------------------------------------------------------------------------- downloads


@login_required
@require_GET
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from participatiemix.documents import plan as plan_documents
    from participatiemix.documents.base import CONTENT_TYPES

    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    plan = _plan_or_404(pk)
    version = plan.latest_version
    if "versie" in request.GET:
        try:
            version = selectors.version_get(plan=plan, number=int(request.GET["versie"]))
        except (ValueError, PlanVersion.DoesNotExist):
            raise Http404 from None
    name = slugify(plan.title or "plan")[:60] or "plan"
    if fmt == "yaml":
        response = HttpResponse(
            selectors.case_yaml(plan=plan, version=version), content_type="application/yaml; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-casus.yaml"'
        return response
    if version is None:
        return redirect(plan)
    language = lang()
    advice = version.advice_in(language)
    render_fn = {"docx": plan_documents.plan_docx, "pdf": plan_documents.plan_pdf, "md": plan_documents.plan_markdown}[
        fmt
    ]
    body = render_fn(advice, lang=language)
    if isinstance(body, str):
        body = body.encode("utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-v{version.number}.{fmt}"'
    return response
