"""Werksessie pages. Thin: parse input, call a service or selector, render.

Facilitator pages need a staff login. Groups join with the code only; the group they joined is kept in
their session. Poll endpoints answer 204 (nothing to swap) when the caller's version is current.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.workshop import selectors, services
from participatiemix.workshop.forms import JoinForm, WorkshopForm
from participatiemix.workshop.models import NOTE_MAX_LENGTH, Group, Note, Phase, Question, Thread, Workshop

SESSION_KEY = "workshop_groups"  # {code: group id}
JOIN_RATE = "200/m"  # a whole conference room shares one public address; codes have 887 million values


def _messages(error: ValidationError) -> list[str]:
    return list(error.messages)


# --------------------------------------------------------------------------- facilitator


def facilitator_required(view):
    """Staff only; anonymous users go to the login page, others get a 403."""

    @functools.wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def index(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.all()[:50] if request.user.is_authenticated and request.user.is_staff else None
    return render(request, "workshop/index.html", {"workshops": workshops, "join_form": JoinForm()})


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


@facilitator_required
def workshop_create(request: HttpRequest) -> HttpResponse:
    return _workshop_form(request, None)


@facilitator_required
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _workshop_form(request, get_object_or_404(Workshop, pk=pk))


def _workshop_form(request: HttpRequest, workshop: Workshop | None) -> HttpResponse:
    form = WorkshopForm(request.POST or None, initial=_form_initial(workshop))
    if request.method == "POST" and form.is_valid():
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
                workshop = services.workshop_create(**fields, created_by=request.user)
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
    return render(request, "workshop/form.html", {"form": form, "workshop": workshop})


@facilitator_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
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
@facilitator_required
def workshop_advance(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        services.workshop_advance(workshop=workshop, expected_phase=request.POST.get("from", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return _back(request, workshop)


@require_POST
@facilitator_required
def workshop_extend(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        services.workshop_extend(workshop=workshop, minutes=int(request.POST.get("minutes", "5")))
    except (ValidationError, ValueError) as exc:
        messages.error(
            request, " ".join(_messages(exc)) if isinstance(exc, ValidationError) else _("Geef een aantal minuten.")
        )
    return _back(request, workshop)


@require_POST
@facilitator_required
def workshop_question(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        services.workshop_show_question(workshop=workshop, number=int(request.POST.get("number", "0")))
    except (ValidationError, ValueError):
        messages.error(request, _("Kies een vraag uit de lijst."))
    return _back(request, workshop)


# --------------------------------------------------------------------------- projector


def _projector_context(workshop: Workshop) -> dict:
    context = {
        "workshop": workshop,
        "remaining": _remaining(workshop),
        "poll_key": f"w{workshop.version}-{workshop.phase}",
    }
    if workshop.phase in (Phase.PREPARING, Phase.GROUPS):
        context["questions"] = workshop.questions.all()
        context["groups"] = list(workshop.groups.all())
    if workshop.phase == Phase.RONDGANG:
        rounds = selectors.rondgang(workshop=workshop)
        context["rounds"] = rounds
        context["current"] = next(
            (r for r in rounds if r.question.number == workshop.rondgang_question), rounds[0] if rounds else None
        )
    if workshop.phase in (Phase.THREADS, Phase.CLOSED):
        context["overview"] = selectors.threads_overview(workshop=workshop)
    return context


@require_GET
def projector(request: HttpRequest, code: str) -> HttpResponse:
    """The beamer view: readable from the back of the room, updated by polling, readable without JS."""
    workshop = selectors.workshop_by_code(code=code)
    if workshop is None:
        raise Http404
    context = _projector_context(workshop)
    context["is_facilitator"] = request.user.is_authenticated and request.user.is_staff
    context["next_phase"] = services.next_phase(workshop.phase)
    context["phase_labels"] = dict(Phase.choices)
    response = render(request, "workshop/projector.html", context)
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def projector_live(request: HttpRequest, code: str) -> HttpResponse:
    """The projector's content. 204 when the caller's `v` is current: one query, an empty answer."""
    key = selectors.workshop_poll_key(code=code)
    if key is None:
        raise Http404
    if request.GET.get("v") == key:
        return HttpResponse(status=204)
    workshop = Workshop.objects.get(code=code)
    response = render(request, "workshop/_projector_live.html", _projector_context(workshop))
    response["ETag"] = f'"{key}"'
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def projector_timer(request: HttpRequest, code: str) -> HttpResponse:
    """The remaining time as text; one query."""
    workshop = Workshop.objects.filter(code=code).only("phase", "phase_ends_at", "code").first()
    if workshop is None:
        raise Http404
    response = render(request, "workshop/_timer.html", {"workshop": workshop, "remaining": _remaining(workshop)})
    response["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------- rode draden


@facilitator_required
def threads(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    return render(
        request,
        "workshop/threads.html",
        {"workshop": workshop, "overview": selectors.threads_overview(workshop=workshop)},
    )


@require_POST
@facilitator_required
def threads_regroup(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    made = services.threads_regroup(workshop=workshop)
    messages.success(request, _("De notities zijn opnieuw gegroepeerd: %(n)s nieuwe rode draden.") % {"n": made})
    return redirect("workshop:threads", pk=pk)


@require_POST
@facilitator_required
def thread_action(request: HttpRequest, pk: int, thread_id: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    thread = get_object_or_404(Thread, pk=thread_id, workshop=workshop)
    action = request.POST.get("action", "")
    try:
        if action == "rename":
            services.thread_rename(thread=thread, label=request.POST.get("label", ""))
            messages.success(request, _("De rode draad heet nu: %(label)s.") % {"label": thread.label})
        elif action in ("pin", "unpin"):
            services.thread_set_pinned(thread=thread, pinned=action == "pin")
        elif action in ("remove", "restore"):
            services.thread_set_removed(thread=thread, removed=action == "remove")
        else:
            messages.error(request, _("Onbekende actie."))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return redirect(reverse("workshop:threads", args=[pk]) + f"#vraag-{thread.question.number}")


@require_POST
@facilitator_required
def threads_merge(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        ids = [int(i) for i in request.POST.getlist("threads")]
        merged = services.threads_merge(workshop=workshop, thread_ids=ids)
        messages.success(request, _("Samengevoegd tot: %(label)s.") % {"label": merged.label})
    except ValueError:
        messages.error(request, _("Kies minstens twee rode draden om samen te voegen."))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages(exc)))
    return redirect("workshop:threads", pk=pk)


@require_GET
@facilitator_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from participatiemix.documents.base import CONTENT_TYPES
    from participatiemix.documents.base import render as render_document
    from participatiemix.documents.workshop_report import workshop_document

    if fmt not in ("docx", "pdf", "md"):
        raise Http404
    workshop = get_object_or_404(Workshop, pk=pk)
    document = workshop_document(workshop=workshop, lang="en" if get_language() == "en" else "nl")
    response = HttpResponse(render_document(document, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"werksessie-{workshop.code.lower()}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    return response


# --------------------------------------------------------------------------- to a draft plan


@facilitator_required
def group_to_plan(request: HttpRequest, pk: int, group_id: int) -> HttpResponse:
    """Show what the group's notes map to (and what not); on POST make the draft plan."""
    from participatiemix.workshop import planning

    workshop = get_object_or_404(Workshop, pk=pk)
    group = get_object_or_404(Group, pk=group_id, workshop=workshop)
    lang = "en" if get_language() == "en" else "nl"
    proposal = planning.propose(workshop=workshop, group=group, lang=lang)
    if request.method == "POST":
        if not proposal.valid:
            messages.error(request, _("Van deze notities kan nog geen conceptplan worden gemaakt."))
        else:
            plan = planning.create_plan(proposal=proposal, created_by=request.user)
            messages.success(
                request,
                _("Het conceptplan van %(group)s is gemaakt. Werk het hier verder uit.") % {"group": group.name},
            )
            return redirect(plan.get_absolute_url())
    return render(request, "workshop/to_plan.html", {"workshop": workshop, "group": group, "proposal": proposal})


# --------------------------------------------------------------------------- groups (no account)


def _joined(request: HttpRequest) -> dict[str, int]:
    return request.session.get(SESSION_KEY, {})


@ratelimit(key="ip", rate=JOIN_RATE, block=True)
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        workshop = selectors.workshop_by_code(code=form.cleaned_data["code"])
        if workshop is None:
            form.add_error("code", _("Deze code kennen wij niet. Kijk nog eens op het scherm van de begeleider."))
        elif workshop.is_closed:
            form.add_error("code", _("Deze werksessie is gesloten. U kunt niet meer meedoen."))
        else:
            return redirect("workshop:join_group", code=workshop.code)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "workshop/join.html", {"form": form}, status=status)


def _open_workshop(code: str) -> Workshop | None:
    workshop = selectors.workshop_by_code(code=code)
    return workshop if workshop is not None and not workshop.is_closed else None


@ratelimit(key="ip", rate=JOIN_RATE, method="POST", block=True)
def join_group(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _open_workshop(code)
    if workshop is None:
        error = _("Deze code kennen wij niet of de werksessie is gesloten. Kijk nog eens op het scherm.")
        return render(request, "workshop/join.html", {"form": JoinForm(), "code_error": error}, status=404)
    name, error = "", ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "existing":
                group = get_object_or_404(Group, pk=int(request.POST.get("group", "0")), workshop=workshop)
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
    messages.info(request, _("Kies eerst uw groep."))
    return redirect("workshop:join_group", code=code) if _open_workshop(code) else redirect("workshop:join")


def _flipover_context(group: Group, **extra) -> dict:
    workshop = group.workshop
    return {
        "workshop": workshop,
        "group": group,
        "questions": selectors.flipover(group=group),
        "poll_key": f"g{group.version}-{workshop.phase}",
        **extra,
    }


def flipover(request: HttpRequest, code: str) -> HttpResponse:
    group = _member_group(request, code)
    if group is None:
        return _not_member(request, code)
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
        return int(value)
    except (TypeError, ValueError):
        return 0


@require_GET
def flipover_live(request: HttpRequest, code: str) -> HttpResponse:
    """New notes of the group for the flip-over; 204 when nothing changed (session + one query)."""
    group_id = _joined(request).get(code)
    if group_id is None:
        return HttpResponse(status=204)
    key = selectors.group_poll_key(group_id=group_id)
    if key is None or request.GET.get("v") == key:
        return HttpResponse(status=204)
    group = Group.objects.select_related("workshop").get(pk=group_id)
    response = render(request, "workshop/_flipover_live.html", _flipover_context(group))
    response["Cache-Control"] = "no-cache"
    return response


def note_edit(request: HttpRequest, code: str, note_id: int) -> HttpResponse:
    """Edit a note; when someone else changed it meanwhile, show both texts and let the user merge."""
    group = _member_group(request, code)
    if group is None:
        return _not_member(request, code)
    note = get_object_or_404(Note.objects.select_related("question"), pk=note_id, group=group)
    text, version, error, conflict = note.text, note.version, "", None
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            version = int(request.POST.get("version", ""))
            if request.POST.get("action") == "delete":
                services.note_delete(group=group, note_id=note.pk, version=version)
                messages.success(request, _("De notitie is verwijderd."))
            else:
                services.note_update(group=group, note_id=note.pk, text=text, version=version)
                messages.success(request, _("De notitie is opgeslagen."))
            return redirect(reverse("workshop:flipover", args=[code]) + f"#vraag-{note.question.number}")
        except ValueError:
            version, error = note.version, _("Het formulier is niet compleet. Probeer het opnieuw.")
        except services.NoteConflict as exc:
            if exc.current is None:
                messages.info(request, _("Iemand anders heeft deze notitie net verwijderd."))
                return redirect("workshop:flipover", code=code)
            conflict = exc
            # The form now carries the current version: saving it is a deliberate merge, not an overwrite.
            text = exc.attempted_text or exc.current.text
            version = exc.current.version
        except ValidationError as exc:
            error = " ".join(_messages(exc))
    status = 409 if conflict else (400 if error else 200)
    return render(
        request,
        "workshop/note_edit.html",
        {
            "workshop": group.workshop,
            "group": group,
            "note": note,
            "text": text,
            "version": version,
            "error": error,
            "conflict": conflict,
            "max_length": NOTE_MAX_LENGTH,
        },
        status=status,
    )
