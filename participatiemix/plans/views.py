"""Plan pages: list, intake (one step per screen), advice, versions, comparisons, downloads, share links, comments.

Views parse input, call a service or selector, and render. Every form is a plain POST followed by a
redirect (works without JavaScript). Every view asks the permission layer (site/permissions.py): staff see
only their organisations' plans; reading needs VIEW, changing EDIT, commenting COMMENT. A plan that is not
the user's is a 404. The council reads a plan without an account through a share link (`shared`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.mix.errors import DataError
from participatiemix.organisations.roles import Ability
from participatiemix.plans import selectors, services
from participatiemix.plans.forms import (
    STEP_FORMS,
    CaseUploadForm,
    CommentForm,
    ComparePlansForm,
    CompareVersionsForm,
    InstrumentChangeForm,
    ShareLinkForm,
)
from participatiemix.plans.intake import LAST_STEP, first_incomplete_step, make_form, reachable
from participatiemix.plans.models import Plan, PlanComment, PlanShareLink, PlanVersion
from participatiemix.plans.notes import worded
from participatiemix.plans.timeline import timeline
from participatiemix.site.downloads import download_response
from participatiemix.site.i18n import current_lang
from participatiemix.site.organisation import active_organisation
from participatiemix.site.permissions import ability_required, get_for_user_or_404, has_ability, scoped

DOWNLOAD_FORMATS = ("docx", "pdf", "md", "yaml")
SHARED_FORMATS = ("pdf", "docx")
# Per address: enough for a council member paging through, far too few to guess a 256-bit token.
SHARED_RATE = "60/m"


def _plan_for(request: HttpRequest, pk: int, ability: str = Ability.VIEW) -> Plan:
    """The plan when the user may read it (else 404); 403 when they may read but not do `ability`."""
    plan = get_for_user_or_404(selectors.plan_queryset(), request.user, Ability.VIEW, pk=pk)
    if ability != Ability.VIEW and not has_ability(request.user, ability, plan):
        raise PermissionDenied
    return plan


@ability_required(Ability.VIEW)
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(scoped(selectors.plan_list(), request.user, Ability.VIEW))
    can_create = has_ability(request.user, Ability.EDIT)
    context = {"plans": plans, "compare_form": ComparePlansForm(), "can_create": can_create}
    return render(request, "plans/list.html", context)


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
    return {
        "plan": plan,
        "form": form,
        "step": step,
        "step_title": STEP_FORMS[step - 1].title,
        "last_step": LAST_STEP,
        "steps": steps,
        "groups": form.phase_groups() if step == 3 else None,
        "has_version": bool(plan and plan.latest_version_id),
    }


@ability_required(Ability.EDIT)
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    form = make_form(plan=None, step=1, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_start(
            case_update=form.case_update(),
            created_by=request.user,
            organisation=active_organisation(request, Ability.EDIT),
        )
        messages.success(request, _("Stap 1 is opgeslagen als concept."))
        return redirect("plans:step", plan.pk, 2)
    status = 400 if form.is_bound else 200
    return render(request, "plans/step.html", _step_context(request, plan=None, form=form, step=1), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    plan = _plan_for(request, pk, Ability.EDIT)
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


MAX_PROBLEMS = 10


@ability_required(Ability.EDIT)
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    form = CaseUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        filename, content = form.cleaned_data["file"]
        try:
            plan = services.plan_import(
                text=content,
                filename=filename,
                created_by=request.user,
                organisation=active_organisation(request, Ability.EDIT),
            )
        except DataError as exc:
            # The messages quote at most a short excerpt of the file (mix.safe_load); show the first few.
            problems = exc.messages[:MAX_PROBLEMS]
        else:
            messages.success(request, _("De casus is ingelezen en het advies is gemaakt."))
            return redirect(plan)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems}
    return render(request, "plans/import.html", context, status=status)


# --------------------------------------------------------------------------- the plan


def _reading_context(*, plan: Plan, version: PlanVersion, language: str) -> dict:
    stored = version.advice_in(language)
    advice = selectors.advice_view(stored, lang=language)
    return {
        "plan": plan,
        "version": version,
        "advice": advice,
        "timeline": timeline(advice, stored, plan.decision_month, timezone.localdate()),
    }


def _detail_context(request, *, plan: Plan, version: PlanVersion, change_form=None, comment_form=None) -> dict:
    language = current_lang()
    user = request.user
    can_edit = has_ability(user, Ability.EDIT, plan)
    can_comment = has_ability(user, Ability.COMMENT, plan)
    is_latest = version.pk == plan.latest_version_id
    # Two faces: readers (griffie, facilitator, an older version) get the reading view; an editor opens the
    # editing view and may switch to the reading view the council sees (?weergave=lezen).
    can_switch = can_edit and is_latest
    asked = request.GET.get("weergave")
    mode = "edit" if can_switch and (asked != "lezen" or change_form is not None) else "read"
    return {
        **_reading_context(plan=plan, version=version, language=language),
        "is_latest": is_latest,
        "mode": mode,
        "can_switch": can_switch,
        "change_form": change_form,
        "change_errors": [e for errs in change_form.errors.values() for e in errs] if change_form else [],
        "formats": DOWNLOAD_FORMATS,
        "can_edit": can_edit,
        "can_comment": can_comment,
        "comments": selectors.comment_list(plan=plan, user=user),
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "share_links": list(selectors.share_links_active(plan=plan)) if can_edit else [],
        "share_form": ShareLinkForm(initial={"days": 30}) if can_edit else None,
    }


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    if plan.latest_version is None:
        if has_ability(request.user, Ability.EDIT, plan):
            return redirect("plans:step", plan.pk, first_incomplete_step(plan=plan))
        return render(request, "plans/draft.html", {"plan": plan})
    return render(request, "plans/detail.html", _detail_context(request, plan=plan, version=plan.latest_version))


@login_required
@require_POST
def plan_instrument(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk, Ability.EDIT)
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
                % {"note": worded(version.note), "n": version.number},
            )
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#fase-{phase}")
    context = _detail_context(request, plan=plan, version=plan.latest_version, change_form=form)
    return render(request, "plans/detail.html", context, status=400)


@login_required
@require_GET
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    versions = list(selectors.version_list(plan=plan))
    return render(request, "plans/versions.html", {"plan": plan, "versions": versions})


@login_required
@require_GET
def plan_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    version = _version_or_404(plan, number)
    return render(request, "plans/detail.html", _detail_context(request, plan=plan, version=version))


def _bad_compare(request, *, title: str, problems: list[str]) -> HttpResponse:
    return render(request, "plans/compare_error.html", {"title": title, "problems": problems}, status=400)


@login_required
@require_GET
def versions_compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
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
    language = current_lang()
    diff = selectors.compare_advice(left.advice_in(language), right.advice_in(language), lang=language)
    context = {"plan": plan, "left": left, "right": right, "diff": diff, "mode": "versions"}
    return render(request, "plans/compare.html", context)


@ability_required(Ability.VIEW)
@require_GET
def plans_compare(request: HttpRequest) -> HttpResponse:
    form = ComparePlansForm(request.GET)
    title = _("Plannen vergelijken")
    if not form.is_valid():
        return _bad_compare(request, title=title, problems=[_("Kies twee plannen om te vergelijken.")])
    ids = [form.cleaned_data["a"], form.cleaned_data["b"]]
    plans = {p.pk: p for p in scoped(selectors.plan_list(), request.user, Ability.VIEW).filter(pk__in=ids)}
    if any(i not in plans for i in ids):
        raise Http404  # not there, or another organisation's: the same answer
    drafts = [str(i) for i in ids if plans[i].latest_version is None]
    if drafts:
        return _bad_compare(
            request,
            title=title,
            problems=[_("Plan %(ids)s heeft nog geen advies. Maak eerst de intake af.") % {"ids": ", ".join(drafts)}],
        )
    left, right = plans[ids[0]], plans[ids[1]]
    language = current_lang()
    diff = selectors.compare_advice(
        left.latest_version.advice_in(language), right.latest_version.advice_in(language), lang=language
    )
    return render(
        request, "plans/compare.html", {"left_plan": left, "right_plan": right, "diff": diff, "mode": "plans"}
    )


# --------------------------------------------------------------------------- downloads


def _version_or_404(plan: Plan, number) -> PlanVersion:
    """A version of this plan by number; anything else (no number, letters, 30 digits) is a 404."""
    text = str(number)
    if not text.isdigit() or len(text) > 9:
        raise Http404
    try:
        return selectors.version_get(plan=plan, number=int(text))
    except PlanVersion.DoesNotExist:
        raise Http404 from None


def _plan_file(plan: Plan, version: PlanVersion, fmt: str) -> HttpResponse:
    from participatiemix.documents import plan as plan_documents

    language = current_lang()
    render_fn = {"docx": plan_documents.plan_docx, "pdf": plan_documents.plan_pdf, "md": plan_documents.plan_markdown}
    advice = version.advice_in(language)
    schedule = None
    if plan.decision_month is not None:
        view = selectors.advice_view(advice, lang=language)
        schedule = timeline(view, advice, plan.decision_month, timezone.localdate())
    body = render_fn[fmt](advice, lang=language, schedule=schedule)
    return download_response(body, stem=f"{plan.title or 'plan'}-v{version.number}", extension=fmt)


@login_required
@require_GET
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    plan = _plan_for(request, pk)
    version = _version_or_404(plan, request.GET["versie"]) if "versie" in request.GET else plan.latest_version
    if fmt == "yaml":
        content = selectors.case_yaml(plan=plan, version=version)
        return download_response(content, stem=f"{plan.title or 'plan'}-casus", extension="yaml")
    if version is None:
        return redirect(plan)
    return _plan_file(plan, version, fmt)


# --------------------------------------------------------------------------- share links for the council


@login_required
@require_POST
@never_cache
def share_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a link and show it once: only its hash is stored, so it can never be shown again."""
    plan = _plan_for(request, pk, Ability.EDIT)
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De link is niet gemaakt. Kies 7, 30 of 90 dagen."))
        return redirect(reverse("plans:detail", args=[plan.pk]) + "#share-title")
    link, token = services.share_link_create(plan=plan, days=form.cleaned_data["days"], user=request.user)
    url = request.build_absolute_uri(reverse("plans:shared", args=[token]))
    return render(request, "plans/share_created.html", {"plan": plan, "link": link, "url": url})


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    plan = _plan_for(request, pk, Ability.EDIT)
    link = get_for_user_or_404(PlanShareLink.objects.filter(plan=plan), request.user, Ability.EDIT, pk=link_id)
    services.share_link_revoke(link=link, user=request.user)
    messages.success(request, _("De link is ingetrokken. Wie hem nog heeft, kan het plan niet meer openen."))
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#share-title")


def _shared_plan(request: HttpRequest, token: str) -> Plan | None:
    plan = services.share_link_plan(token=token)
    return plan if plan is not None and plan.latest_version is not None else None


def _link_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/shared_gone.html", status=404)


@ratelimit(key="ip", rate=SHARED_RATE, group="plans:shared", block=True)
@require_GET
@never_cache
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The latest version, read-only, for whoever holds the link (no account)."""
    plan = _shared_plan(request, token)
    if plan is None:
        return _link_gone(request)
    language = current_lang()
    context = {
        **_reading_context(plan=plan, version=plan.latest_version, language=language),
        "is_latest": True,
        "mode": "read",
        "shared": True,
        "token": token,
    }
    response = render(request, "plans/detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@ratelimit(key="ip", rate=SHARED_RATE, group="plans:shared", block=True)
@require_GET
@never_cache
def shared_download(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    if fmt not in SHARED_FORMATS:
        raise Http404
    plan = _shared_plan(request, token)
    if plan is None:
        return _link_gone(request)
    return _plan_file(plan, plan.latest_version, fmt)


# --------------------------------------------------------------------------- comments of the griffie and council


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk, Ability.COMMENT)
    if plan.latest_version is None:
        raise Http404
    form = CommentForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, plan=plan, version=plan.latest_version, comment_form=form)
        return render(request, "plans/detail.html", context, status=400)
    services.comment_add(plan=plan, text=form.cleaned_data["text"], user=request.user)
    messages.success(request, _("Uw reactie staat bij het plan."))
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#comments-title")


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    comment = get_for_user_or_404(PlanComment.objects.filter(plan=plan), request.user, Ability.VIEW, pk=comment_id)
    if not request.user.has_perm("plans.delete_plancomment", comment):
        raise PermissionDenied
    services.comment_delete(comment=comment)
    messages.success(request, _("De reactie is verwijderd."))
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#comments-title")
