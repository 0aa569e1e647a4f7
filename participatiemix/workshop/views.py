"""Werksessie pages. Thin: parse input, call a service or selector, render.

Facilitator pages go through the one permission layer (site/permissions.py): reading a session and its
report needs VIEW, setting it up and running it needs FACILITATE, both in the organisation that owns it;
anything else is a 404. Groups join with the code only; the group they joined is kept in their session.
Every URL that takes a code is rate limited (throttle.py). After the session is closed, participant and
projector URLs show only that it is closed. Poll endpoints answer 204 when the caller's version is current.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.organisations.roles import Ability
from participatiemix.site.downloads import download_response
from participatiemix.site.forms import error_summary
from participatiemix.site.i18n import current_lang
from participatiemix.site.organisation import active_organisation
from participatiemix.site.permissions import ability_required, get_for_user_or_404, has_ability, scoped
from participatiemix.workshop import selectors, services
from participatiemix.workshop.forms import JoinForm, NoteForm, WorkshopForm
from participatiemix.workshop.models import Group, Note, Phase, Question, Thread, Workshop
from participatiemix.workshop.qr import qr_svg
from participatiemix.workshop.throttle import code_url, count_miss

SESSION_KEY = "workshop_groups"  # {code: group id}
JOIN_RATE = "200/m"  # new groups from one address: a whole conference room shares one public address


def _messages(error: ValidationError) -> list[str]:
    return list(error.messages)


# --------------------------------------------------------------------------- facilitator


def _workshop(request: HttpRequest, pk: int, ability: str) -> Workshop:
    """The werksessie when the user may do `ability` with it; a 404 otherwise (never a 403 that confirms it)."""
    return get_for_user_or_404(Workshop.objects.all(), request.user, ability, pk=pk)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    workshops = None
    if has_ability(user, Ability.VIEW):
        workshops = scoped(Workshop.objects.select_related("organisation"), user, Ability.VIEW)[:50]
    return render(
        request,
        "workshop/index.html",
        {"workshops": workshops, "join_form": JoinForm(), "can_create": has_ability(user, Ability.FACILITATE)},
    )


def _form_initial(workshop: Workshop | None) -> dict:
    if workshop is None:
        questions = services.DEFAULT_QUESTIONS
        return {
            "title": _("Werksessie participatiemix: de energietransitie"),
            "case_text": services.DEFAULT_CASE_TEXT,
            **{f"question_{i}": q for i, q in enumerate(questions, start=1)},
            "group_minutes": 20,
            "rondgang_minutes": 10,
            "group_count": 6,
        }
    questions = {q.number: q.text for q in workshop.questions.all()}
    return {
        "title": workshop.title,
        "case_text": workshop.case_text,
        **{f"question_{i}": questions.get(i, "") for i in (1, 2, 3)},
        "group_minutes": workshop.group_minutes,
        "rondgang_minutes": workshop.rondgang_minutes,
        "group_count": workshop.group_count,
    }


@ability_required(Ability.FACILITATE)
def workshop_create(request: HttpRequest) -> HttpResponse:
    return _workshop_form(request, None)


@login_required
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _workshop_form(request, _workshop(request, pk, Ability.FACILITATE))


def _workshop_form(request: HttpRequest, workshop: Workshop | None) -> HttpResponse:
    form = WorkshopForm(request.POST if request.method == "POST" else None, initial=_form_initial(workshop))
    organisation = workshop.organisation if workshop else active_organisation(request, Ability.FACILITATE)
    if organisation is None:  # a superuser while no organisation exists yet
        form.add_error(None, _("Er is nog geen organisatie. Maak eerst een organisatie in het beheer."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "case_text": data["case_text"],
            "questions": form.questions(),
            "group_minutes": data["group_minutes"],
            "rondgang_minutes": data["rondgang_minutes"],
            "group_count": data["group_count"],
        }
        try:
            if workshop is None:
                workshop = services.workshop_create(**fields, organisation=organisation, created_by=request.user)
                messages.success(
                    request, _("De werksessie is klaar. Groepen doen mee met code %(code)s.") % {"code": workshop.code}
                )
            else:
                services.workshop_update(workshop=workshop, **fields)
                messages.success(request, _("De werksessie is bijgewerkt."))
            return redirect(workshop.get_absolute_url())
        except ValidationError as exc:
            for message in _messages(exc):
                form.add_error(None, message)
    return render(
        request,
        "workshop/form.html",
        {"form": form, "workshop": workshop, "organisation": organisation, "errors": error_summary(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@login_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.VIEW)
    groups = workshop.groups.all()
    note_counts = {g: c for g, c in ((g, g.notes.count()) for g in groups)}
    return render(
        request,
        "workshop/detail.html",
        {
            "workshop": workshop,
            "questions": workshop.questions.all(),
            "note_counts": note_counts,
            "join_url": request.build_absolute_uri(reverse("workshop:join")),
            "next_phase": services.next_phase(workshop.phase),
            "phase_labels": dict(Phase.choices),
            "remaining": _remaining(workshop),
            "can_run": has_ability(request.user, Ability.FACILITATE, workshop),
        },
    )


def _remaining(workshop: Workshop) -> dict | None:
    seconds = selectors.remaining_seconds(workshop=workshop)
    if seconds is None:
        return None
    return {"seconds": seconds, "text": selectors.format_remaining(seconds), "over": seconds == 0}


def _back(request: HttpRequest, workshop: Workshop) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    allowed = {workshop.get_absolute_url(), reverse("workshop:projector", args=[workshop.code])}
    return redirect(target if target in allowed else workshop.get_absolute_url())


@require_POST
@login_required
def workshop_advance(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    try:
        services.workshop_advance(workshop=workshop, expected_phase=request.POST.get("from", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return _back(request, workshop)


@require_POST
@login_required
def workshop_extend(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    try:
        services.workshop_extend(workshop=workshop, minutes=_bounded_int(request.POST.get("minutes", "5")))
    except (ValidationError, ValueError) as exc:
        messages.error(
            request, " ".join(_messages(exc)) if isinstance(exc, ValidationError) else _("Geef een aantal minuten.")
        )
    return _back(request, workshop)


@require_POST
@login_required
def workshop_question(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    try:
        services.workshop_show_question(workshop=workshop, number=_bounded_int(request.POST.get("number", "0")))
    except (ValidationError, ValueError):
        messages.error(request, _("Kies een vraag uit de lijst."))
    return _back(request, workshop)


# --------------------------------------------------------------------------- projector


def _shown_question(request: HttpRequest) -> int:
    """The rode-draden question on the beamer (`?vraag=2`); anything else is question 1."""
    value = request.GET.get("vraag", "")
    return int(value) if value.isdigit() and 0 < len(value) < 4 else 1


def _projector_context(request: HttpRequest, workshop: Workshop) -> dict:
    context = {
        "workshop": workshop,
        "remaining": _remaining(workshop),
        "poll_key": f"w{workshop.version}-{workshop.phase}",
    }
    if workshop.phase in (Phase.PREPARING, Phase.GROUPS):
        context["questions"] = workshop.questions.all()
        context["groups"] = list(workshop.groups.all())
        join_url = request.build_absolute_uri(reverse("workshop:join_group", args=[workshop.code]))
        context["join_url"] = join_url
        context["join_qr"] = qr_svg(join_url, title=_("QR-code: doe mee met %(url)s") % {"url": join_url})
    if workshop.phase == Phase.RONDGANG:
        rounds = selectors.rondgang(workshop=workshop)
        context["rounds"] = rounds
        context["current"] = next(
            (r for r in rounds if r.question.number == workshop.rondgang_question), rounds[0] if rounds else None
        )
    if workshop.phase in (Phase.THREADS, Phase.CLOSED):
        overview = selectors.threads_overview(workshop=workshop)
        # One question per screen: at 1080p the whole room reads it; previous and next go by link or key.
        number = min(_shown_question(request), len(overview)) or 1
        context["overview"] = overview
        context["shown"] = overview[number - 1] if overview else None
        context["shown_number"] = number
        context["previous_number"] = number - 1 if number > 1 else None
        context["next_number"] = number + 1 if number < len(overview) else None
    return context


def _lookup(request: HttpRequest, code: str) -> Workshop:
    """The werksessie with this code; a wrong code counts towards the guessing budget and is a 404."""
    workshop = selectors.workshop_by_code(code=code)
    if workshop is None:
        count_miss(request)
        raise Http404
    return workshop


def _closed_for(request: HttpRequest, workshop: Workshop) -> bool:
    """After closing, only the organisation's own staff still see the notes through the code URLs."""
    return workshop.is_closed and not has_ability(request.user, Ability.VIEW, workshop)


def _closed(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    if request.htmx:
        # A poll from an open page: reload it, so the page itself shows that the session is closed.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "workshop/closed.html", {"workshop": workshop})


@require_GET
@code_url
def projector(request: HttpRequest, code: str) -> HttpResponse:
    """The beamer view: readable from the back of the room, updated by polling, readable without JS."""
    workshop = _lookup(request, code)
    if _closed_for(request, workshop):
        return _closed(request, workshop)
    context = _projector_context(request, workshop)
    context["is_facilitator"] = has_ability(request.user, Ability.FACILITATE, workshop)
    context["next_phase"] = services.next_phase(workshop.phase)
    context["phase_labels"] = dict(Phase.choices)
    response = render(request, "workshop/projector.html", context)
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@code_url
def projector_live(request: HttpRequest, code: str) -> HttpResponse:
    """The projector's content. 204 when the caller's `v` is current: one query, an empty answer."""
    key = selectors.workshop_poll_key(code=code)
    if key is None:
        count_miss(request)
        raise Http404
    if request.GET.get("v") == key:
        return HttpResponse(status=204)
    workshop = Workshop.objects.filter(code=code).first()
    if workshop is None:  # removed between the two queries
        raise Http404
    if _closed_for(request, workshop):
        return _closed(request, workshop)
    response = render(request, "workshop/_projector_live.html", _projector_context(request, workshop))
    response["ETag"] = f'"{key}"'
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@code_url
def projector_timer(request: HttpRequest, code: str) -> HttpResponse:
    """The remaining time as text; one query."""
    workshop = Workshop.objects.filter(code=code).only("phase", "phase_ends_at", "code").first()
    if workshop is None:
        count_miss(request)
        raise Http404
    response = render(request, "workshop/_timer.html", {"workshop": workshop, "remaining": _remaining(workshop)})
    response["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------- rode draden


@require_GET
@login_required
def threads(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    stack = _undo_stack(request, workshop)
    return render(
        request,
        "workshop/threads.html",
        {
            "workshop": workshop,
            "overview": selectors.threads_overview(workshop=workshop),
            "undo": stack[-1]["what"] if stack else "",
        },
    )


UNDO_KEY = "workshop_threads_undo"  # {workshop pk: [{"what", "questions": {question pk: snapshot}}]}
UNDO_DEPTH = 10


def _undo_stack(request: HttpRequest, workshop: Workshop) -> list[dict]:
    return request.session.get(UNDO_KEY, {}).get(str(workshop.pk), [])


def _before(questions) -> dict[str, list[dict]]:
    """The threads of `questions` as they are now (taken before a step, kept only when the step succeeds)."""
    return {str(q.pk): services.threads_snapshot(question=q) for q in questions}


def _remember(request: HttpRequest, workshop: Workshop, what: str, before: dict[str, list[dict]]) -> None:
    """Keep `before` so that the facilitator's step can be undone."""
    store = request.session.get(UNDO_KEY, {})
    stack = store.get(str(workshop.pk), [])
    stack = [*stack, {"what": what, "questions": before}][-UNDO_DEPTH:]
    store[str(workshop.pk)] = stack
    request.session[UNDO_KEY] = store


@require_POST
@login_required
def threads_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the facilitator's last step on the rode draden (up to ten steps back, in this browser session)."""
    workshop = _workshop(request, pk, Ability.FACILITATE)
    store = request.session.get(UNDO_KEY, {})
    stack = store.get(str(workshop.pk), [])
    if not stack:
        messages.info(request, _("Er is niets om ongedaan te maken."))
        return redirect("workshop:threads", pk=pk)
    last = stack.pop()
    questions = {str(q.pk): q for q in workshop.questions.all()}
    for question_pk, snapshot in last["questions"].items():
        if question_pk in questions:
            services.threads_restore(question=questions[question_pk], snapshot=snapshot)
    store[str(workshop.pk)] = stack
    request.session[UNDO_KEY] = store
    messages.success(request, _("Ongedaan gemaakt: %(what)s.") % {"what": last["what"]})
    return redirect("workshop:threads", pk=pk)


@require_POST
@login_required
def threads_regroup(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    before = _before(workshop.questions.all())
    made = services.threads_regroup(workshop=workshop)
    _remember(request, workshop, _("opnieuw groeperen"), before)
    messages.success(request, _("De notities zijn opnieuw gegroepeerd: %(n)s nieuwe rode draden.") % {"n": made})
    return redirect("workshop:threads", pk=pk)


@require_POST
@login_required
def thread_action(request: HttpRequest, pk: int, thread_id: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    thread = get_object_or_404(Thread, pk=thread_id, workshop=workshop)
    action = request.POST.get("action", "")
    question = thread.question
    steps = {
        "rename": _("hernoemen"),
        "pin": _("vastzetten"),
        "unpin": _("losmaken"),
        "remove": _("verwijderen"),
        "restore": _("terugzetten"),
        "move": _("notitie verplaatsen"),
        "split": _("draad splitsen"),
    }
    before, what = _before([question]), f"{steps.get(action, '')} ({thread.label})"
    try:
        if action == "rename":
            services.thread_rename(thread=thread, label=request.POST.get("label", ""))
            messages.success(request, _("De rode draad heet nu: %(label)s.") % {"label": thread.label})
        elif action in ("pin", "unpin"):
            services.thread_set_pinned(thread=thread, pinned=action == "pin")
        elif action in ("remove", "restore"):
            services.thread_set_removed(thread=thread, removed=action == "remove")
        elif action == "move":
            target = request.POST.get("to", "")
            target_id = None if target == "new" else _bounded_int(target)
            moved = services.note_move(
                workshop=workshop, note_id=_bounded_int(request.POST.get("note")), to_thread_id=target_id
            )
            messages.success(request, _("De notitie staat nu bij: %(label)s.") % {"label": moved.label})
        elif action == "split":
            new = services.thread_split(
                thread=thread, note_ids=[_bounded_int(i) for i in request.POST.getlist("notes")]
            )
            messages.success(request, _("Nieuwe rode draad: %(label)s.") % {"label": new.label})
        else:
            messages.error(request, _("Onbekende actie."))
        if action in steps:
            _remember(request, workshop, what, before)
    except ValueError:
        messages.error(request, _("Kies een notitie en een rode draad."))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return redirect(reverse("workshop:threads", args=[pk]) + f"#vraag-{question.number}")


@require_POST
@login_required
def threads_merge(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, Ability.FACILITATE)
    try:
        ids = [_bounded_int(i) for i in request.POST.getlist("threads")]
        before = _before(workshop.questions.filter(threads__pk__in=ids).distinct())
        merged = services.threads_merge(workshop=workshop, thread_ids=ids)
        _remember(request, workshop, _("samenvoegen"), before)
        messages.success(request, _("Samengevoegd tot: %(label)s.") % {"label": merged.label})
    except ValueError:
        messages.error(request, _("Kies minstens twee rode draden om samen te voegen."))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return redirect("workshop:threads", pk=pk)


@require_GET
@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from participatiemix.documents.base import render as render_document
    from participatiemix.documents.workshop_report import workshop_document

    workshop = _workshop(request, pk, Ability.VIEW)
    if fmt not in ("docx", "pdf", "md"):
        raise Http404
    # documents/ imports no app: the data is gathered here and handed in.
    document = workshop_document(
        workshop=workshop,
        rounds=selectors.rondgang(workshop=workshop),
        overview=selectors.threads_overview(workshop=workshop),
        lang=current_lang(),
    )
    return download_response(render_document(document, fmt), stem=f"werksessie-{workshop.code}", extension=fmt)


# --------------------------------------------------------------------------- to a draft plan


@login_required
def group_to_plan(request: HttpRequest, pk: int, group_id: int) -> HttpResponse:
    """Show what the group's notes map to (and what not); on POST make the draft plan."""
    from participatiemix.workshop import planning

    workshop = _workshop(request, pk, Ability.FACILITATE)
    group = get_object_or_404(Group, pk=group_id, workshop=workshop)
    proposal = planning.propose(workshop=workshop, group=group, lang=current_lang())
    correction = planning.MappingCorrection(proposal)
    status = 200
    if request.method == "POST":
        correction = planning.MappingCorrection(proposal, data=request.POST)
        if not correction.is_valid():
            status = 400
        else:
            proposal = planning.propose(
                workshop=workshop, group=group, lang=current_lang(), corrections=correction.corrections()
            )
            if not proposal.valid:
                status = 400
                messages.error(request, _("Van deze notities kan nog geen conceptplan worden gemaakt."))
            elif request.POST.get("action") != "check":
                plan = planning.create_plan(proposal=proposal, created_by=request.user)
                messages.success(
                    request,
                    _("Het conceptplan van %(group)s is gemaakt. Werk het hier verder uit.") % {"group": group.name},
                )
                return redirect(plan.get_absolute_url())
    context = {"workshop": workshop, "group": group, "proposal": proposal, "correction": correction}
    return render(request, "workshop/to_plan.html", context, status=status)


# --------------------------------------------------------------------------- groups (no account)


def _joined(request: HttpRequest) -> dict[str, int]:
    return request.session.get(SESSION_KEY, {})


@code_url
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or request.GET or None)
    if form.is_bound and not form.is_valid():
        count_miss(request)
    elif form.is_bound:
        workshop = selectors.workshop_by_code(code=form.cleaned_data["code"])
        if workshop is None:
            count_miss(request)
            form.add_error("code", _("Deze code kennen wij niet. Kijk nog eens op het scherm van de begeleider."))
        elif workshop.is_closed:
            form.add_error("code", _("Deze werksessie is gesloten. U kunt niet meer meedoen."))
        else:
            return redirect("workshop:join_group", code=workshop.code)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "workshop/join.html", {"form": form}, status=status)


def _open_workshop(request: HttpRequest, code: str) -> Workshop | None:
    workshop = selectors.workshop_by_code(code=code)
    if workshop is None:
        count_miss(request)
    return workshop if workshop is not None and not workshop.is_closed else None


@code_url
@ratelimit(key="ip", rate=JOIN_RATE, method="POST", block=True)
def join_group(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _open_workshop(request, code)
    if workshop is None:
        error = _("Deze code kennen wij niet of de werksessie is gesloten. Kijk nog eens op het scherm.")
        return render(request, "workshop/join.html", {"form": JoinForm(), "code_error": error}, status=404)
    name, error = "", ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "existing":
                group = get_object_or_404(Group, pk=_bounded_int(request.POST.get("group", "0")), workshop=workshop)
            else:
                name = request.POST.get("name", "")
                group = services.group_create(workshop=workshop, name=name)
            joined = _joined(request)
            joined[workshop.code] = group.pk
            request.session[SESSION_KEY] = joined
            return redirect("workshop:flipover", code=workshop.code)
        except ValueError:
            raise Http404 from None
        except ValidationError as exc:
            error = " ".join(_messages(exc))
    return render(
        request,
        "workshop/join_group.html",
        {"workshop": workshop, "groups": workshop.groups.all(), "name": name, "name_error": error},
        status=400 if error else 200,
    )


def _member_group(request: HttpRequest, code: str) -> Group | None:
    group_id = _joined(request).get(code)
    if group_id is None:
        return None
    return Group.objects.select_related("workshop").filter(pk=group_id, workshop__code=code).first()


def _not_member(request: HttpRequest, code: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(status=204)
    workshop = _open_workshop(request, code)
    if workshop is None:
        return redirect("workshop:join")
    messages.info(request, _("Kies eerst uw groep."))
    return redirect("workshop:join_group", code=workshop.code)


def _flipover_context(group: Group, **extra) -> dict:
    workshop = group.workshop
    return {
        "workshop": workshop,
        "group": group,
        "questions": selectors.flipover(group=group),
        "poll_key": f"g{group.version}-{workshop.phase}",
        **extra,
    }


@code_url
def flipover(request: HttpRequest, code: str) -> HttpResponse:
    group = _member_group(request, code)
    if group is None:
        return _not_member(request, code)
    if group.workshop.is_closed:
        return _closed(request, group.workshop)
    refused: tuple[int, list[str], str] | None = None
    question = None
    if request.method == "POST":
        question = Question.objects.filter(workshop=group.workshop, number=_int(request.POST.get("question"))).first()
        text = request.POST.get("text", "")
        if question is None:
            messages.error(request, _("Kies een vraag om de notitie bij te zetten."))
        else:
            try:
                services.note_add(group=group, question=question, text=text)
                if not request.htmx:
                    return redirect(reverse("workshop:flipover", args=[code]) + f"#vraag-{question.number}")
            except ValidationError as exc:
                refused = (question.pk, _messages(exc), text)
        group.refresh_from_db()
        group.workshop.refresh_from_db()
    context = _flipover_context(group)
    if refused:
        section = next(q for q in context["questions"] if q.question.pk == refused[0])
        section.errors, section.value = refused[1], refused[2]
    if request.htmx and question is not None:
        section = next(q for q in context["questions"] if q.question.pk == question.pk)
        return render(request, "workshop/_flipover_question.html", {**context, "qn": section, "focus": True})
    return render(request, "workshop/flipover.html", context, status=400 if refused else 200)


def _int(value) -> int:
    try:
        return _bounded_int(value)
    except (TypeError, ValueError):
        return 0


def _bounded_int(value) -> int:
    """An id or number from a form; a ValueError for text or for more digits than a database id holds."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise ValueError(text[:20])
    return int(text)


@require_GET
@code_url
def flipover_live(request: HttpRequest, code: str) -> HttpResponse:
    """New notes of the group for the flip-over; 204 when nothing changed (session + one query)."""
    group_id = _joined(request).get(code)
    if group_id is None:
        return HttpResponse(status=204)
    key = selectors.group_poll_key(group_id=group_id)
    if key is None or request.GET.get("v") == key:
        return HttpResponse(status=204)
    group = Group.objects.select_related("workshop").filter(pk=group_id).first()
    if group is None:
        return HttpResponse(status=204)
    if group.workshop.is_closed:
        return _closed(request, group.workshop)
    response = render(request, "workshop/_flipover_live.html", _flipover_context(group))
    response["Cache-Control"] = "no-cache"
    return response


@code_url
def note_edit(request: HttpRequest, code: str, note_id: int) -> HttpResponse:
    """Edit a note; when someone else changed it meanwhile, show both texts and let the user merge."""
    group = _member_group(request, code)
    if group is None:
        return _not_member(request, code)
    if group.workshop.is_closed:
        return _closed(request, group.workshop)
    note = get_object_or_404(Note.objects.select_related("question"), pk=note_id, group=group)
    initial = {"text": note.text, "version": note.version}
    form = NoteForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = None
    if form.is_bound and form.version_or_none() is None:
        # Start again from the note as it is now, keeping what was typed (a bound form, so it can carry the error).
        form = NoteForm({"text": form.data.get("text", ""), "version": note.version})
        form.is_valid()
        form.add_error(None, _("Het formulier is niet compleet. Probeer het opnieuw."))
    elif form.is_bound:
        text, version = form.cleaned_data["text"], form.cleaned_data["version"]
        try:
            if request.POST.get("action") == "delete":
                services.note_delete(group=group, note_id=note.pk, version=version)
                messages.success(request, _("De notitie is verwijderd."))
            else:
                services.note_update(group=group, note_id=note.pk, text=text, version=version)
                messages.success(request, _("De notitie is opgeslagen."))
            return redirect(reverse("workshop:flipover", args=[code]) + f"#vraag-{note.question.number}")
        except services.NoteConflict as exc:
            if exc.current is None:
                messages.info(request, _("Iemand anders heeft deze notitie net verwijderd."))
                return redirect("workshop:flipover", code=code)
            conflict = exc
            # The form now carries the current version: saving it is a deliberate merge, not an overwrite.
            form = NoteForm(initial={"text": exc.attempted_text or exc.current.text, "version": exc.current.version})
            form.fields["text"].label = _("Samengevoegde tekst")
        except ValidationError as exc:
            form.add_error("text", exc)
    status = 409 if conflict else (400 if form.errors else 200)
    context = {"workshop": group.workshop, "group": group, "note": note, "form": form, "conflict": conflict}
    return render(request, "workshop/note_edit.html", context, status=status)
