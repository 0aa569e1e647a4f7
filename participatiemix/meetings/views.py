"""Meeting pages (/bijeenkomsten/): public pages per activity and per meeting (register, cancel, calendar file,
what was gathered) and staff pages (sessions, registrations, attendance, minutes, input).

Staff pages go through the permission layer: reading needs VIEW in the process's organisation (the griffie
reads too), changing needs EDIT; an activity of another organisation is a 404. Public pages show only
published processes (staff with VIEW may preview a draft). Registration is rate limited per address.
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.meetings import exports, ics, selectors, services
from participatiemix.meetings.forms import AttendanceForm, InputForm, MeetingForm, MinutesForm, RegistrationForm
from participatiemix.meetings.models import Meeting, MeetingInput, Registration
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.organisations.roles import Ability
from participatiemix.processes.models import Activity
from participatiemix.processes.services import participant_for
from participatiemix.site.downloads import download_response
from participatiemix.site.i18n import current_lang
from participatiemix.site.permissions import get_for_user_or_404, has_ability

REGISTER_RATE = "20/10m"  # sign-ups per address: a family or a library fits, a script does not
TOKEN_RATE = "60/m"
ACTIVITIES = Activity.objects.select_related("phase__process__organisation").filter(app="meetings")


# --------------------------------------------------------------------------- lookups


def _staff_activity(request: HttpRequest, pk: int, ability: str = Ability.VIEW) -> Activity:
    activity = get_for_user_or_404(ACTIVITIES, request.user, Ability.VIEW, pk=pk)
    if ability != Ability.VIEW and not has_ability(request.user, ability, activity):
        raise PermissionDenied
    return activity


def _staff_meeting(request: HttpRequest, pk: int, ability: str = Ability.VIEW) -> Meeting:
    meeting = selectors.meeting_detail(pk)
    if meeting is None or not has_ability(request.user, Ability.VIEW, meeting):
        raise Http404
    if ability != Ability.VIEW and not has_ability(request.user, ability, meeting):
        raise PermissionDenied
    return meeting


def _visible(request: HttpRequest, activity: Activity) -> bool:
    return activity.phase.process.is_public or has_ability(request.user, Ability.VIEW, activity)


def _public_activity(request: HttpRequest, pk: int) -> Activity:
    activity = ACTIVITIES.filter(pk=pk).first()
    if activity is None or not _visible(request, activity):
        raise Http404
    return activity


def _public_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_detail(pk)
    if meeting is None or not _visible(request, meeting.activity):
        raise Http404
    return meeting


def _staff_context(request: HttpRequest, activity: Activity, **extra) -> dict:
    return {
        "activity": activity,
        "process": activity.phase.process,
        "can_edit": has_ability(request.user, Ability.EDIT, activity),
        "phase_label": load_vocabulary().label("phases", activity.phase.phase, current_lang()),
        **extra,
    }


# --------------------------------------------------------------------------- public


@require_GET
def activity_public(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _public_activity(request, activity)
    meetings = list(selectors.meetings_of(activity))
    for meeting in meetings:
        meeting.seats_left = selectors.seats_left(meeting)
    context = {
        "activity": activity,
        "phase": activity.phase,
        "process": activity.phase.process,
        "meetings": meetings,
        "now": timezone.now(),
        "can_view_staff": has_ability(request.user, Ability.VIEW, activity),
    }
    return render(request, "meetings/activity.html", context)


def _detail_page(request: HttpRequest, meeting: Meeting, form=None, error: str = "", status: int = 200):
    activity = meeting.activity
    own = selectors.own_registration(meeting=meeting, user=request.user)
    can_register, reason = True, ""
    try:
        services.registration_check(meeting=meeting, user=request.user)
    except services.MeetingError as exc:
        can_register, reason = False, exc.message
    ended = meeting.has_ended()
    context = {
        "meeting": meeting,
        "activity": activity,
        "phase": activity.phase,
        "process": activity.phase.process,
        "seats_left": selectors.seats_left(meeting),
        "own": own,
        "own_place": selectors.waiting_place(own) if own and own.status == Registration.Status.WAITING else None,
        "can_register": can_register and own is None,
        "reason": reason,
        "needs_details": not request.user.is_authenticated,
        "form": form or (RegistrationForm() if not request.user.is_authenticated else None),
        "error": error,
        "ended": ended,
        "inputs": list(selectors.inputs_of(meeting, public=True)) if ended else [],
        "minutes": getattr(meeting, "minutes", None) if ended else None,
        "attendance": selectors.attendance_table(meeting, current_lang(), public=True) if ended else [],
        "present": selectors.head_count(meeting) if ended else None,
        "can_view_staff": has_ability(request.user, Ability.VIEW, meeting),
        "login_url": reverse("site:login") + "?next=" + meeting.get_absolute_url(),
    }
    return render(request, "meetings/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _public_meeting(request, pk))


@ratelimit(group="meetings-register", key="ip", rate=REGISTER_RATE, method="POST", block=True)
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _public_meeting(request, pk)
    form = None
    try:
        if request.user.is_authenticated:
            registration = services.registration_create(meeting=meeting, user=request.user)
            # The account becomes a participant of the process, so "Mijn inbreng" and the AVG download find the
            # registration (counts in the report come from contributions and head counts, not from this).
            participant_for(process=meeting.activity.phase.process, request=request)
        else:
            form = RegistrationForm(request.POST)
            if not form.is_valid():
                return _detail_page(request, meeting, form=form, status=400)
            registration = services.registration_create(
                meeting=meeting, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            )
    except services.MeetingError as exc:
        if form is not None and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
            return _detail_page(request, meeting, form=form, status=400)
        return _detail_page(request, meeting, form=form, error=exc.message, status=400)
    if registration.status == Registration.Status.WAITING:
        messages.info(
            request,
            _(
                "De bijeenkomst is vol. U staat op de wachtlijst. "
                "Komt er een plaats vrij, dan krijgt u die vanzelf en een e-mail."
            ),
        )
    else:
        messages.success(request, _("U bent aangemeld. U krijgt een bevestiging per e-mail."))
    return redirect(meeting)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _public_meeting(request, pk)
    own = selectors.own_registration(meeting=meeting, user=request.user)
    if own is None:
        messages.info(request, _("U was niet aangemeld voor deze bijeenkomst."))
    else:
        waiting = own.status == Registration.Status.WAITING
        services.registration_cancel(registration=own)
        messages.success(request, _cancelled_message(waiting))
    return redirect(meeting)


def _cancelled_message(waiting: bool) -> str:
    if waiting:
        return _("U staat niet meer op de wachtlijst.")
    return _("U bent afgemeld. Uw plaats gaat naar de eerste op de wachtlijst.")


@ratelimit(group="meetings-token", key="ip", rate=TOKEN_RATE, method=ratelimit.ALL, block=True)
@require_http_methods(["GET", "POST"])
def cancel_token(request: HttpRequest, token: str) -> HttpResponse:
    registration = services.registration_from_token(token)
    if registration is None:
        return render(
            request,
            "site/message.html",
            {
                "title": _("Deze link kennen we niet"),
                "text": _("Controleer of u de hele link uit de e-mail heeft overgenomen."),
            },
            status=404,
        )
    meeting = registration.meeting
    done = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not done:
        waiting = registration.status == Registration.Status.WAITING
        services.registration_cancel(registration=registration)
        messages.success(request, _cancelled_message(waiting))
        return redirect(meeting)
    return render(request, "meetings/cancel.html", {"registration": registration, "meeting": meeting, "done": done})


@require_GET
def ics_file(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _public_meeting(request, pk)
    content = ics.meeting_ics(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()))
    return download_response(content, stem=meeting.title, extension="ics")


# --------------------------------------------------------------------------- staff


@login_required
@require_GET
def manage(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _staff_activity(request, activity)
    meetings = list(selectors.meetings_of(activity))
    for meeting in meetings:
        meeting.seats_left = selectors.seats_left(meeting)
    figures = selectors.activity_figures(activity)
    links = exports.links(activity)
    if not has_ability(request.user, Ability.FACILITATE, activity):  # the registrations list has names
        links = [(label, url) for label, url in links if "aanmeldingen" not in url]
    context = _staff_context(request, activity, meetings=meetings, figures=figures, exports=links)
    return render(request, "meetings/manage.html", context)


def _meeting_form_page(request, activity, form, meeting=None, status=200):
    context = _staff_context(request, activity, form=form, meeting=meeting)
    return render(request, "meetings/meeting_form.html", context, status=status)


def _save_meeting(request, activity, form, meeting=None):
    data = {name: form.cleaned_data.get(name) for name in services.MEETING_FIELDS}
    if meeting is None:
        meeting = services.meeting_create(activity=activity, data=data)
        moved = []
    else:
        moved = services.meeting_update(meeting=meeting, data=data)
    services.activity_allow_anonymous(activity=activity, allow=form.cleaned_data.get("allow_anonymous", False))
    if moved:
        messages.info(
            request, _("%(n)d mensen van de wachtlijst hebben nu een plaats en krijgen een e-mail.") % {"n": len(moved)}
        )
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _staff_activity(request, activity, Ability.EDIT)
    form = MeetingForm(request.POST or None, activity=activity, initial={"title": activity.title})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = _save_meeting(request, activity, form)
        except services.MeetingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("meetings:manage", activity=meeting.activity_id)
    return _meeting_form_page(request, activity, form, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk, Ability.EDIT)
    activity = meeting.activity
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk), activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            _save_meeting(request, activity, form, meeting=meeting)
        except services.MeetingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("meetings:manage", activity=activity.pk)
    return _meeting_form_page(request, activity, form, meeting=meeting, status=400 if form.errors else 200)


@login_required
@require_POST
def activity_held(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _staff_activity(request, activity, Ability.EDIT)
    try:
        services.activity_mark_held(activity=activity, held=request.POST.get("held") == "1")
    except services.MeetingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De status van de activiteit is bijgewerkt."))
    return redirect("meetings:manage", activity=activity.pk)


@login_required
@require_GET
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk)
    rows = list(selectors.registrations_of(meeting))
    # Names and addresses only for those who run meetings (data minimisation): the griffie reads the numbers.
    show_people = has_ability(request.user, Ability.FACILITATE, meeting)
    context = _staff_context(
        request,
        meeting.activity,
        meeting=meeting,
        rows=rows,
        seats_left=selectors.seats_left(meeting),
        show_people=show_people,
    )
    return render(request, "meetings/registrations.html", context)


@login_required
@require_GET
def registrations_csv(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _staff_activity(request, activity, Ability.FACILITATE)
    return download_response(
        exports.registrations_csv(activity), stem=f"aanmeldingen-{activity.title}", extension="csv"
    )


@login_required
@require_GET
def input_csv(request: HttpRequest, activity: int) -> HttpResponse:
    activity = _staff_activity(request, activity)
    return download_response(exports.inputs_csv(activity), stem=f"inbreng-{activity.title}", extension="csv")


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk, Ability.EDIT if request.method == "POST" else Ability.VIEW)
    groups = selectors.attendance_groups(meeting.activity, current_lang())
    form = AttendanceForm(request.POST or None, groups=groups, initial_counts=selectors.attendance_counts(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_save(meeting=meeting, counts=form.counts())
        except services.MeetingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De aantallen zijn opgeslagen."))
            return redirect("meetings:attendance", pk=meeting.pk)
    context = _staff_context(
        request,
        meeting.activity,
        meeting=meeting,
        form=form,
        table=selectors.attendance_table(meeting, current_lang(), public=False),
    )
    return render(request, "meetings/attendance.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk, Ability.EDIT if request.method == "POST" else Ability.VIEW)
    current = getattr(meeting, "minutes", None)
    form = MinutesForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        services.minutes_save(meeting=meeting, text=form.cleaned_data["text"])
        messages.success(request, _("Het verslag is opgeslagen."))
        return redirect("meetings:minutes", pk=meeting.pk)
    context = _staff_context(request, meeting.activity, meeting=meeting, form=form)
    return render(request, "meetings/minutes.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def inputs(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk, Ability.EDIT if request.method == "POST" else Ability.VIEW)
    form = InputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.inputs_add(
                meeting=meeting,
                items=services.input_lines(form.cleaned_data["items"]),
                public=form.cleaned_data["public"],
                user=request.user,
            )
        except services.MeetingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("%(n)d punten opgeslagen als inbreng.") % {"n": len(added)})
            return redirect("meetings:inputs", pk=meeting.pk)
    rows = list(selectors.inputs_of(meeting, public=False))
    context = _staff_context(request, meeting.activity, meeting=meeting, form=form, rows=rows)
    return render(request, "meetings/inputs.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def input_delete(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    meeting = _staff_meeting(request, pk, Ability.EDIT)
    meeting_input = MeetingInput.objects.filter(meeting=meeting, pk=item).select_related("contribution").first()
    if meeting_input is None:
        raise Http404
    services.input_delete(meeting_input=meeting_input)
    messages.success(request, _("Het punt is verwijderd."))
    return redirect("meetings:inputs", pk=meeting.pk)
