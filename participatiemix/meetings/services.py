"""Writes for offline activities: meetings, registrations with a waiting list, attendance, minutes and input.

Seats are handed out under a lock on the meeting row (select_for_update; on SQLite the IMMEDIATE transaction
mode serialises writers the same way), so two people taking the last seat at once never overfill a meeting,
and a cancellation moves the first person on the waiting list up in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from participatiemix.meetings.models import INPUT_KIND, Attendance, Meeting, MeetingInput, Minutes, Registration
from participatiemix.processes import services as process_services
from participatiemix.processes.models import Activity, Contribution, Process
from participatiemix.processes.services import contribution_create
from participatiemix.site.text import clean_text

CANCEL_SALT = "participatiemix.meetings.cancel"
LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])(?=\s|$)\s*")  # "- ", "* ", "• ", "1. ", "2) "
MAX_INPUT_LINES = 200  # one bulk entry; more is a paste gone wrong
MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "wheelchair",
    "hearing_loop",
    "accessible_toilet",
    "accessibility_note",
    "agenda",
    "capacity",
    "registration_open",
)
TEXT_FIELDS = {"title", "place", "address", "accessibility_note"}


@dataclass
class MeetingError(Exception):
    """Refused input: `field` names the form field the message belongs to ("" for the form as a whole)."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- meetings


def _apply(meeting: Meeting, data: dict) -> None:
    for name in MEETING_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in TEXT_FIELDS:
            value = clean_text(value, multiline=False)
        elif name == "agenda":
            value = clean_text(value)
        setattr(meeting, name, value)
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise MeetingError("ends_at", _("Eindtijd: kies een tijd na het begin van de bijeenkomst."))
    try:
        meeting.full_clean(exclude=["activity"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise MeetingError(field if field in MEETING_FIELDS else "", " ".join(messages)) from None


def meeting_create(*, activity: Activity, data: dict, is_example: bool = False) -> Meeting:
    if activity.app != "meetings":
        raise MeetingError("", _("Deze activiteit is geen bijeenkomst."))
    meeting = Meeting(activity=activity, is_example=is_example)
    _apply(meeting, data)
    meeting.save()
    return meeting


def meeting_update(*, meeting: Meeting, data: dict) -> list[Registration]:
    """Change a meeting; more seats move people up from the waiting list. Returns who moved up."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _apply(locked, data)
        locked.save()
        moved = _move_up(locked)
    for name in MEETING_FIELDS:
        setattr(meeting, name, getattr(locked, name))
    return moved


# --------------------------------------------------------------------------- registration


def registration_check(*, meeting: Meeting, user) -> None:
    """Why this person may not register now (MeetingError), or nothing."""
    activity = meeting.activity
    process = activity.phase.process
    if not process.is_public or process.status == Process.Status.CLOSED:
        raise MeetingError("", _("Dit proces is gesloten. Aanmelden kan niet meer."))
    if activity.status == Activity.Status.CANCELLED:
        raise MeetingError("", _("Deze activiteit gaat niet door."))
    if meeting.has_started():
        raise MeetingError("", _("Deze bijeenkomst is al begonnen of voorbij. Aanmelden kan niet meer."))
    if not meeting.registration_open:
        raise MeetingError("", _("Aanmelden voor deze bijeenkomst is gesloten."))
    if not getattr(user, "is_authenticated", False) and not activity.allow_anonymous:
        raise MeetingError("", _("Voor deze bijeenkomst meldt u zich aan met een account. Log in of maak een account."))


def registered_count(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=Registration.Status.REGISTERED).count()


def _move_up(meeting: Meeting) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. Call with the meeting row locked."""
    if meeting.capacity is None:
        free = None
    else:
        free = meeting.capacity - registered_count(meeting)
        if free <= 0:
            return []
    waiting = meeting.registrations.filter(status=Registration.Status.WAITING).order_by("position", "pk")
    moved = list(waiting if free is None else waiting[:free])
    if not moved:
        return []
    Registration.objects.filter(pk__in=[r.pk for r in moved]).update(status=Registration.Status.REGISTERED)
    for registration in moved:
        registration.status = Registration.Status.REGISTERED
    _mail_on_commit([r.pk for r in moved], "moved_up")
    return moved


def _mail_on_commit(ids: list[int], reason: str) -> None:
    from participatiemix.meetings.tasks import send_registration_mail

    for pk in ids:
        transaction.on_commit(lambda pk=pk: send_registration_mail.enqueue(registration_id=pk, reason=reason))


def registration_create(*, meeting: Meeting, user=None, name: str = "", email: str = "", is_example: bool = False):
    """A seat, or a place on the waiting list when the meeting is full. People without an account give a name
    and an e-mail address (only where the activity allows taking part without an account)."""
    registration_check(meeting=meeting, user=user)
    account = user if getattr(user, "is_authenticated", False) else None
    if account is None:
        name = clean_text(name, multiline=False)[:200]
        email = clean_text(email, multiline=False).lower()
        if not name:
            raise MeetingError("name", _("Naam: vul uw naam in."))
        try:
            validate_email(email)
        except ValidationError:
            raise MeetingError("email", _("E-mailadres: vul een geldig adres in, zoals naam@voorbeeld.nl.")) from None
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            live = locked.registrations.exclude(status=Registration.Status.CANCELLED)
            if live.filter(user=account).exists() if account else live.filter(email=email).exists():
                raise MeetingError("email" if account is None else "", _("U bent al aangemeld voor deze bijeenkomst."))
            full = locked.capacity is not None and registered_count(locked) >= locked.capacity
            last = locked.registrations.aggregate(last=Max("position"))["last"] or 0
            registration = Registration.objects.create(
                meeting=locked,
                user=account,
                name="" if account else name,
                email="" if account else email,
                status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
                position=last + 1,
                is_example=is_example,
            )
            if not is_example:
                _mail_on_commit([registration.pk], "registered")
    except IntegrityError:  # the same person in two tabs at once: the constraint holds
        raise MeetingError("", _("U bent al aangemeld voor deze bijeenkomst.")) from None
    return registration


def registration_cancel(*, registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first person on the waiting list, who gets an e-mail.
    Returns who moved up."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return []
        Registration.objects.filter(pk=current.pk).update(
            status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
        )
        moved = _move_up(meeting) if current.status == Registration.Status.REGISTERED else []
    registration.status = Registration.Status.CANCELLED
    return moved


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    if len(token) > 200:
        return None
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.select_related("meeting__activity__phase__process").filter(pk=pk).first()


# --------------------------------------------------------------------------- after the meeting


@transaction.atomic
def attendance_save(*, meeting: Meeting, counts: dict[tuple[str, str], int | None]) -> None:
    """Replace the head counts: {(dimension, group): count}; empty counts are left out."""
    total = counts.get((Attendance.Dimension.TOTAL, ""))
    for (dimension, _group), count in counts.items():
        if dimension not in Attendance.Dimension.values:
            raise MeetingError("", _("Onbekende indeling: %(d)s.") % {"d": dimension})
        if count is not None and (count < 0 or (total is not None and count > total)):
            raise MeetingError("", _("Een groep kan niet groter zijn dan het totaal aantal aanwezigen."))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, dimension=d, group=g, count=c) for (d, g), c in counts.items() if c is not None
    )


def minutes_save(*, meeting: Meeting, text: str) -> Minutes | None:
    text = clean_text(text)[:20000]
    if not text:
        Minutes.objects.filter(meeting=meeting).delete()
        return None
    minutes, _created = Minutes.objects.update_or_create(meeting=meeting, defaults={"text": text})
    return minutes


def input_lines(text: str) -> list[str]:
    """One item per line; empty lines and leading list marks ("- ", "* ", "1. ") are dropped."""
    items = []
    for line in clean_text(text).split("\n"):
        line = LIST_MARK.sub("", line).strip()
        if line:
            items.append(line)
    return items


def inputs_add(
    *, meeting: Meeting, items: Iterable[str], public: bool = True, user=None, is_example: bool = False
) -> list[MeetingInput]:
    """Each item becomes exactly one Contribution (source "meeting") with its MeetingInput, all or none."""
    items = [clean_text(i, multiline=False) for i in items]
    items = [i for i in items if i]
    if not items:
        raise MeetingError("items", _("Inbreng: schrijf minstens één punt op, één punt per regel."))
    if len(items) > MAX_INPUT_LINES:
        raise MeetingError("items", _("Inbreng: hoogstens %(n)d punten tegelijk.") % {"n": MAX_INPUT_LINES})
    if too_long := [i for i in items if len(i) > 2000]:
        raise MeetingError(
            "items", _("Inbreng: een punt is hoogstens 2000 tekens (%(start)s…).") % {"start": too_long[0][:30]}
        )
    created = []
    with transaction.atomic():
        for item in items:
            contribution = contribution_create(
                activity=meeting.activity,
                participant=None,
                kind=INPUT_KIND,
                summary=item[:300],
                text=item,
                source=Contribution.Source.MEETING,
                is_example=is_example,
                created_at=min(meeting.ends_at, timezone.now()),
            )
            created.append(
                MeetingInput.objects.create(
                    meeting=meeting,
                    contribution=contribution,
                    public=public,
                    entered_by=user if getattr(user, "is_authenticated", False) else None,
                )
            )
    return created


@transaction.atomic
def input_delete(*, meeting_input: MeetingInput) -> None:
    meeting_input.contribution.delete()  # cascades to the MeetingInput


def activity_mark_held(*, activity: Activity, held: bool) -> Activity:
    """The activity took place (or back to planned). Cancelled activities stay cancelled."""
    if activity.status == Activity.Status.CANCELLED:
        raise MeetingError("", _("Deze activiteit gaat niet door; zet haar eerst terug op gepland."))
    return process_services.activity_update(
        activity=activity, status=Activity.Status.HELD if held else Activity.Status.PLANNED
    )


def activity_allow_anonymous(*, activity: Activity, allow: bool) -> None:
    """Whether people without an account may register with a name and e-mail address."""
    process_services.activity_update(activity=activity, allow_anonymous=allow)
