"""Zelfscan pages: the trekker's rounds, results, report, agenda and trend; the respondent's questionnaire.

Trekker pages go through the permission layer (site/permissions.py): reading a round (results, report, agenda,
trend) needs VIEW in its organisation, changing it EDIT; a round of another organisation is a 404. The
respondent pages are public and take a token (and a code): they are rate limited per address.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from participatiemix.documents import base as documents
from participatiemix.documents import scan_report
from participatiemix.mix import scan as mix_scan
from participatiemix.organisations.roles import Ability
from participatiemix.scan import presenters, selectors, services
from participatiemix.scan.forms import CodeForm, CodesForm, RoundForm
from participatiemix.scan.models import Priority, RoundGroup, ScanRound
from participatiemix.site.downloads import download_response
from participatiemix.site.i18n import current_lang
from participatiemix.site.organisation import active_organisation
from participatiemix.site.permissions import ability_required, get_for_user_or_404, has_ability, scoped
from participatiemix.site.text import clean_text
from participatiemix.site.views import ratelimited

DONE_COOKIE_SALT = "participatiemix.scan.done"
DONE_COOKIE_MAX_DAYS = 400  # browsers keep a cookie at most 400 days; a round far in the future must not overflow
TOKEN_RATE = "60/m"  # page views per address of a link with a token: links stay unguessable, a library fits
CODE_RATE = "10/m"  # code guesses per IP: 49-bit codes stay unguessable
SUBMIT_RATE = "30/10m"  # submissions per IP: a library or town hall may share one address
ANOTHER_PERSON = "iemand-anders"  # ?iemand-anders=1 on the open link: the next person on a shared computer
DRAFT_SESSION_PREFIX = "pmx_scan_draft_"  # unsent answers per link in this browser session (server side)
ECHO_LIMIT = 2 * mix_scan.MAX_TEXT  # a refused form shows at most this much of a value again, never 1 MB


def bounded(data):
    """A copy of posted data with every value cut to ECHO_LIMIT characters: fields still refuse what is too
    long (their own max_length), but a refused page never sends a huge value back."""
    copy = data.copy()
    for key, values in data.lists():
        copy.setlist(key, [v[:ECHO_LIMIT] if isinstance(v, str) else v for v in values])
    return copy


def message(request: HttpRequest, title: str, text: str, status: int = 200, **extra) -> HttpResponse:
    return render(request, "site/message.html", {"title": title, "text": text, **extra}, status=status)


# --------------------------------------------------------------------------- trekker


def index(request: HttpRequest) -> HttpResponse:
    """Public: what the zelfscan is. Staff with VIEW also see their organisations' rounds."""
    rounds = None
    if has_ability(request.user, Ability.VIEW):
        rounds = scoped(selectors.rounds_list(), request.user, Ability.VIEW)
    context = {
        "rounds": rounds,
        "can_create": has_ability(request.user, Ability.EDIT),
        "questionnaire": mix_scan.load_questionnaire(),
    }
    return render(request, "scan/index.html", context)


@ability_required(Ability.EDIT)
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(bounded(request.POST) if request.POST else None)
    if request.method == "POST" and form.is_valid():
        try:
            scan_round = services.round_create(
                organisation=active_organisation(request, Ability.EDIT),
                municipality=form.cleaned_data["municipality"],
                title=form.cleaned_data["title"],
                groups=form.cleaned_data["groups"],
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                custom_questions=form.custom_questions(),
                created_by=request.user,
                results_shared=form.cleaned_data.get("results_shared", ""),
            )
        except services.ScanError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("De ronde is aangemaakt. Deel nu de links en codes."))
            return redirect(scan_round)
    return render(request, "scan/round_form.html", {"form": form}, status=400 if form.errors else 200)


def _round(request: HttpRequest, pk: int, ability: str = Ability.VIEW) -> ScanRound:
    """The round when the user may read it (else 404); 403 when they may read but not do `ability`."""
    scan_round = get_for_user_or_404(
        ScanRound.objects.select_related("organisation"), request.user, Ability.VIEW, pk=pk
    )
    if ability != Ability.VIEW and not has_ability(request.user, ability, scan_round):
        raise PermissionDenied
    return scan_round


def _can_edit(request: HttpRequest, scan_round: ScanRound) -> bool:
    return has_ability(request.user, Ability.EDIT, scan_round)


def _counts_context(scan_round: ScanRound) -> dict:
    counts = selectors.response_counts(scan_round=scan_round)
    codes = selectors.used_code_counts(scan_round=scan_round)
    rows = [
        {
            "group": g,
            "label": scan_round.questionnaire.group_label(g, current_lang()),
            "count": n,
            "codes": codes.get(g),
        }
        for g, n in counts.items()
    ]
    return {
        "scan_round": scan_round,
        "count_rows": rows,
        "total": sum(counts.values()),
        "updated": timezone.localtime(),
        "live": scan_round.status() == "open",
    }


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk)
    groups = selectors.round_groups(scan_round=scan_round)
    for group in groups:
        group.link = request.build_absolute_uri(group.get_absolute_url())
    context = {
        "groups": groups,
        "customs": selectors.custom_questions(scan_round=scan_round),
        "codes_form": CodesForm(),
        "status": scan_round.status(),
        "can_edit": _can_edit(request, scan_round),
        "address_limit": services.ADDRESS_DAILY_LIMIT,
        **_counts_context(scan_round),
    }
    return render(request, "scan/round_detail.html", context)


@login_required
@require_GET
def round_counts(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk)
    if not request.htmx:
        return redirect(scan_round)
    return render(request, "scan/_counts.html", _counts_context(scan_round))


@login_required
@require_POST
def round_codes(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    scan_round = _round(request, pk, Ability.EDIT)
    round_group = get_object_or_404(RoundGroup, round=scan_round, group=group)
    form = CodesForm(bounded(request.POST))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["count"]))
        return redirect(scan_round)
    try:
        codes = services.codes_generate(round_group=round_group, count=form.cleaned_data["count"])
    except services.ScanError as exc:
        messages.error(request, exc.message)
        return redirect(scan_round)
    link = request.build_absolute_uri(round_group.get_absolute_url())
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("code"), _("groep"), _("link")])
    label = round_group.get_group_display()
    writer.writerows([code, label, link] for code in codes)
    stem = f"zelfscan-codes-{scan_round.municipality}-{group}-{timezone.localtime():%Y%m%d-%H%M%S}"
    return download_response("\ufeff" + buffer.getvalue(), stem=stem, extension="csv")


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk, Ability.EDIT)
    services.round_close(scan_round=scan_round)
    messages.success(
        request,
        _("De ronde is gesloten. De tijdelijke gegevens om dubbel invullen te voorkomen zijn gewist."),
    )
    return redirect(scan_round)


@login_required
@require_http_methods(["GET", "POST"])
def round_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk, Ability.EDIT)
    if request.method == "POST":
        name = str(scan_round)
        services.round_delete(scan_round=scan_round)
        messages.success(request, _("De ronde '%(name)s' en alle antwoorden zijn verwijderd.") % {"name": name})
        return redirect("scan:index")
    counts = selectors.response_counts(scan_round=scan_round)
    return render(request, "scan/round_delete.html", {"scan_round": scan_round, "total": sum(counts.values())})


def _results_bundle(scan_round: ScanRound):
    customs = selectors.custom_questions(scan_round=scan_round)
    results = selectors.round_results(scan_round=scan_round, customs=customs)
    return customs, results


def _theme_blocks(scan_round, results, customs) -> list[scan_report.ThemeBlock]:
    q = scan_round.questionnaire
    return [
        scan_report.ThemeBlock(
            question=presenters.question_label(q=q, key=block.question, customs=customs, lang=current_lang()),
            total=block.total,
            groups=block.groups,
        )
        for block in selectors.open_answer_themes(scan_round=scan_round, results=results)
    ]


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk)
    customs, aggregated = _results_bundle(scan_round)
    context = presenters.results_context(
        q=scan_round.questionnaire, results=aggregated, customs=customs, lang=current_lang()
    )
    context.update(
        {
            "scan_round": scan_round,
            "themes": _theme_blocks(scan_round, aggregated, customs) if aggregated.has_results else [],
            "has_earlier": selectors.earlier_rounds(scan_round=scan_round).exists(),
        }
    )
    return render(request, "scan/results.html", context)


@login_required
@require_GET
def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"docx", "pdf"}:
        raise Http404
    scan_round = _round(request, pk)
    customs, aggregated = _results_bundle(scan_round)
    instrument_names = {}
    priorities = list(scan_round.priorities.all())
    q = scan_round.questionnaire
    for priority in priorities:
        dimension = q.dimension(priority.dimension)
        if dimension:
            for link in presenters.instrument_links(ids=dimension.agenda.instruments, lang=current_lang()):
                instrument_names[link["id"]] = link["name"]
    data = scan_report.ScanReportInput(
        municipality=scan_round.municipality,
        title=scan_round.title,
        opens_on=scan_round.opens_on,
        closes_on=scan_round.closes_on,
        questionnaire=q,
        results=aggregated,
        custom_likert={c.key: c.text for c in customs if c.kind == "likert"},
        themes=_theme_blocks(scan_round, aggregated, customs) if aggregated.has_results else [],
        priorities=[scan_report.PriorityBlock(dimension=p.dimension, note=p.note) for p in priorities],
        instrument_names=instrument_names,
        lang=current_lang(),
    )
    body = documents.render(scan_report.build_scan_report(data), fmt)
    return download_response(
        body, stem=f"zelfscan-{scan_round.municipality}-{scan_round.opens_on:%Y%m%d}", extension=fmt
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk, Ability.EDIT if request.method == "POST" else Ability.VIEW)
    if request.method == "POST":
        chosen = request.POST.getlist("priority")
        notes = {
            key.removeprefix("note_"): clean_text(value)
            for key, value in request.POST.items()
            if key.startswith("note_")
        }
        try:
            services.priorities_set(scan_round=scan_round, dimensions=chosen, notes=notes)
        except services.ScanError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De verbeteragenda is opgeslagen."))
        return redirect("scan:agenda", pk=scan_round.pk)
    _customs, aggregated = _results_bundle(scan_round)
    chosen = {p.dimension: p for p in scan_round.priorities.all()}
    rows = presenters.agenda_rows(q=scan_round.questionnaire, results=aggregated, chosen=chosen, lang=current_lang())
    return render(
        request,
        "scan/agenda.html",
        {
            "scan_round": scan_round,
            "rows": rows,
            "results": aggregated,
            "has_priorities": bool(chosen),
            "can_edit": _can_edit(request, scan_round),
        },
    )


@login_required
@require_POST
def priority_plan(request: HttpRequest, pk: int, priority: int) -> HttpResponse:
    scan_round = _round(request, pk, Ability.EDIT)
    chosen = get_object_or_404(Priority, pk=priority, round=scan_round)
    url = services.priority_start_plan(priority=chosen, created_by=request.user, lang=current_lang())
    messages.success(request, _("Er is een conceptplan gemaakt. Vul het verder aan in de adviseur."))
    return redirect(url)


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    scan_round = _round(request, pk)
    earlier = list(selectors.earlier_rounds(scan_round=scan_round))
    context: dict = {"scan_round": scan_round, "earlier": earlier, "chosen": None, "error": ""}
    raw = request.GET.get("met", "")
    if raw:
        chosen = next((r for r in earlier if str(r.pk) == raw), None)
        if chosen is None:
            context["error"] = _("Kies een eerdere ronde van %(municipality)s uit de lijst.") % {
                "municipality": scan_round.municipality
            }
        else:
            rows = selectors.round_trend(scan_round=scan_round, earlier=chosen)
            labels = (chosen.title, scan_round.title)
            if labels[0] == labels[1]:
                labels = (f"{chosen.title} ({chosen.opens_on:%Y})", f"{scan_round.title} ({scan_round.opens_on:%Y})")
            context.update(
                presenters.trend_context(q=scan_round.questionnaire, rows=rows, lang=current_lang(), labels=labels)
            )
            context["chosen"] = chosen
    elif len(earlier) == 1:
        return redirect(f"{reverse('scan:compare', args=[scan_round.pk])}?met={earlier[0].pk}")
    return render(request, "scan/compare.html", context, status=400 if context["error"] else 200)


# --------------------------------------------------------------------------- respondent


def _done_cookie(round_group: RoundGroup) -> str:
    return f"pmx_scan_{round_group.token[:10]}"


def _already_done(request: HttpRequest, round_group: RoundGroup) -> bool:
    try:
        return request.get_signed_cookie(_done_cookie(round_group), salt=DONE_COOKIE_SALT) == "1"
    except (KeyError, BadSignature):
        return False


def _answer_fields(request: HttpRequest) -> dict[str, list[str]]:
    """The answers as typed, minus control and other invisible characters (site.text.clean_text)."""
    return {k: [clean_text(v) for v in request.POST.getlist(k)] for k in request.POST if k.startswith(("q_", "t_"))}


def _draft_key(round_group: RoundGroup) -> str:
    return f"{DRAFT_SESSION_PREFIX}{round_group.token[:10]}"


def _draft(request: HttpRequest, round_group: RoundGroup) -> dict:
    """This browser session's unsent answers for this link ({"values": {...}, "code": "..."}), or {}."""
    draft = request.session.get(_draft_key(round_group))
    return draft if isinstance(draft, dict) else {}


def _draft_save(request: HttpRequest, round_group: RoundGroup, values: dict[str, str], code: str = "") -> None:
    """Keep the answers given so far on the server, for this browser session only (gone when it ends)."""
    request.session[_draft_key(round_group)] = {"values": values, "code": code}


def _draft_forget(request: HttpRequest, round_group: RoundGroup) -> None:
    request.session.pop(_draft_key(round_group), None)


def _questionnaire_page(
    request,
    round_group,
    *,
    values=None,
    errors=None,
    general=None,
    code="",
    status=200,
    confirm=False,
    saved=False,
    forget_draft=False,
):
    scan_round = round_group.round
    q = scan_round.questionnaire
    customs = selectors.custom_questions(scan_round=scan_round)
    if values is None:
        values = _draft(request, round_group).get("values") or {}
    sections = presenters.questionnaire_sections(
        q=q, group=round_group.group, customs=customs, lang=current_lang(), values=values, errors=errors or {}
    )
    summary = [
        {"anchor": f"fs-{field['name']}", "statement": field["statement"], "messages": field["errors"]}
        for section in sections
        for field in section["fields"]
        if field["errors"]
    ]
    likert = [(s, f) for s in sections for f in s["fields"] if f["kind"] == "likert"]
    unanswered = [
        {"anchor": f"fs-{f['name']}", "statement": f["statement"], "part": s["number"]}
        for s, f in likert
        if not values.get(f["name"])
    ]
    context = {
        "round_group": round_group,
        "scan_round": scan_round,
        "questionnaire": q,
        "intro": q.intro.get(current_lang()),
        "sections": sections,
        "item_count": len(likert),
        "answered_count": len(likert) - len(unanswered),
        "open_count": sum(1 for s in sections for f in s["fields"] if f["kind"] == "open"),
        "error_summary": summary,
        "general_errors": general or [],
        "code": code,
        "group_label": q.group_label(round_group.group, current_lang()),
        "confirm": confirm and not summary,
        "unanswered": unanswered,
        "saved": saved,
        "has_draft": bool(values),
        "forget_draft": forget_draft,
    }
    return render(request, "scan/respond.html", context, status=status)


def _code_page(request, round_group, form, status=200):
    return render(
        request,
        "scan/respond_code.html",
        {"round_group": round_group, "scan_round": round_group.round, "form": form},
        status=status,
    )


def _closed_page(request, exc: services.ScanError, scan_round: ScanRound):
    status = 410 if scan_round.status() == "closed" else 200
    context = {"title": _("U kunt nu niet meedoen"), "text": exc.message, "scan_round": scan_round}
    return render(request, "scan/respondent_message.html", context, status=status)


def _already_answered_page(request: HttpRequest, round_group: RoundGroup, status: int = 200) -> HttpResponse:
    """The browser answered before. On a shared computer the next person can still take part."""
    return render(
        request,
        "scan/already_done.html",
        {
            "round_group": round_group,
            "scan_round": round_group.round,
            "another_person": ANOTHER_PERSON,
            "address_limit": services.ADDRESS_DAILY_LIMIT,
        },
        status=status,
    )


def _find_group(token: str) -> RoundGroup | None:
    if len(token) > 40:
        return None
    return RoundGroup.objects.select_related("round").filter(token=token).first()


def _unknown_link(request: HttpRequest) -> HttpResponse:
    return message(
        request,
        _("Deze link kennen we niet"),
        _("Controleer of u de hele link uit de uitnodiging heeft overgenomen."),
        status=404,
    )


@ratelimit(group="scan-token", key="ip", rate=TOKEN_RATE, method=ratelimit.ALL, block=True)
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    round_group = _find_group(token)
    if round_group is None:
        return _unknown_link(request)
    scan_round = round_group.round
    if request.method == "POST":
        return (
            _respond_with_code(request, round_group) if round_group.uses_codes else _respond_open(request, round_group)
        )
    try:
        services.round_open_check(scan_round=scan_round)
    except services.ScanError as exc:
        return _closed_page(request, exc, scan_round)
    if round_group.uses_codes:
        # A code already checked in this browser session (a reload, a language switch): straight to the answers.
        code = _draft(request, round_group).get("code") or ""
        if code:
            try:
                services.code_check(round_group=round_group, code=code)
            except services.ScanError:
                code = ""
        if code:
            return _questionnaire_page(request, round_group, code=code)
        return _code_page(request, round_group, CodeForm())
    if request.GET.get(ANOTHER_PERSON):
        # Someone else on a shared computer: forget this browser's "answered" mark (the address cap still holds).
        _draft_forget(request, round_group)
        page = _questionnaire_page(request, round_group, values={}, forget_draft=True)
        page.delete_cookie(_done_cookie(round_group), samesite="Lax")
        return page
    if _already_done(request, round_group):
        return _already_answered_page(request, round_group)
    return _questionnaire_page(request, round_group)


def _action(request: HttpRequest) -> str:
    """What the respondent asked for: "send" (check, then ask to confirm what is unanswered), "confirm" (send
    anyway), "save" (keep the answers, send nothing) or "lang-<code>" (keep the answers, switch language)."""
    action = request.POST.get("action", "send")
    if action.startswith("lang-") and action[5:] in dict(settings.LANGUAGES):
        return action
    return action if action in {"send", "confirm", "save"} else "save"


def _respond_with_code(request: HttpRequest, round_group: RoundGroup) -> HttpResponse:
    if is_ratelimited(request, group="scan-code", key="ip", rate=CODE_RATE, method="POST", increment=True):
        return ratelimited(request)
    form = CodeForm(bounded(request.POST))
    if not form.is_valid():
        return _code_page(request, round_group, form, status=400)
    code = form.cleaned_data["code"]
    if request.POST.get("step") != "answers":
        try:
            services.code_check(round_group=round_group, code=code)
            services.round_open_check(scan_round=round_group.round)
        except services.ScanError as exc:
            form.add_error("code", exc.message)
            return _code_page(request, round_group, form, status=400)
        draft = _draft(request, round_group)
        _draft_save(request, round_group, draft.get("values") or {}, code)
        return _questionnaire_page(request, round_group, code=code)
    return _submit(request, round_group, code=code)


def _respond_open(request: HttpRequest, round_group: RoundGroup) -> HttpResponse:
    sending = _action(request) in {"send", "confirm"}
    if sending and is_ratelimited(
        request, group="scan-submit", key="ip", rate=SUBMIT_RATE, method="POST", increment=True
    ):
        return ratelimited(request)
    if _already_done(request, round_group):
        return _already_answered_page(request, round_group, status=409)
    return _submit(request, round_group, address=request.META.get("REMOTE_ADDR", ""))


def _done_cookie_max_age(scan_round: ScanRound) -> int:
    """Seconds until the round closes, at least a minute and at most DONE_COOKIE_MAX_DAYS (no date overflow)."""
    days_left = (scan_round.closes_on - timezone.localdate()).days + 1
    return max(60, min(days_left, DONE_COOKIE_MAX_DAYS) * 86400)


def _switch_language(request: HttpRequest, round_group: RoundGroup, lang: str) -> HttpResponse:
    """Back to the questionnaire in the other language; the answers wait in the session draft."""
    response = redirect(round_group.get_absolute_url())
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _submit(request, round_group, *, code=None, address=None) -> HttpResponse:
    action = _action(request)
    fields = _answer_fields(request)
    values = {k: v[0][:ECHO_LIMIT] for k, v in fields.items() if len(v) == 1 and v[0]}
    if round_group.round.status() == "open":
        _draft_save(request, round_group, values, code or "")
    if action.startswith("lang-"):
        return _switch_language(request, round_group, action[5:])
    if action == "save":
        return _questionnaire_page(request, round_group, values=values, code=code or "", saved=True)
    likert, texts = services.question_ids(scan_round=round_group.round)
    try:
        submission = mix_scan.parse_submission(fields, likert_ids=likert, text_ids=texts)
        if action != "confirm" and set(likert) - set(submission.likert):
            # Not everything is answered: show what is still open and ask to confirm. Nothing is sent yet.
            return _questionnaire_page(request, round_group, values=values, code=code or "", confirm=True)
        services.response_submit(round_group=round_group, submission=submission, code=code, address=address)
    except mix_scan.SubmissionError as exc:
        errors: dict[str, list[str]] = {}
        for field, text in exc.errors:
            errors.setdefault(field or "", []).append(text)
        general = errors.pop("", [])
        return _questionnaire_page(
            request, round_group, values=values, errors=errors, general=general, code=code or "", status=400
        )
    except services.ScanError as exc:
        if exc.field == "code":
            form = CodeForm({"code": code or ""})
            form.is_valid()
            form.add_error("code", exc.message)
            return _code_page(request, round_group, form, status=400)
        if round_group.round.status() != "open":
            return _closed_page(request, exc, round_group.round)
        return _questionnaire_page(
            request, round_group, values=values, general=[exc.message], code=code or "", status=400
        )
    _draft_forget(request, round_group)
    response = redirect("scan:thanks", token=round_group.token)
    if not round_group.uses_codes:
        response.set_signed_cookie(
            _done_cookie(round_group),
            "1",
            salt=DONE_COOKIE_SALT,
            max_age=_done_cookie_max_age(round_group.round),
            httponly=True,
            samesite="Lax",
        )
    return response


@ratelimit(group="scan-token", key="ip", rate=TOKEN_RATE, method=ratelimit.ALL, block=True)
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    round_group = _find_group(token)
    if round_group is None:
        return _unknown_link(request)
    return render(request, "scan/thanks.html", {"round_group": round_group, "scan_round": round_group.round})
