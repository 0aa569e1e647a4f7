"""Writes for werksessies: set-up, phases and timer, groups, notes (with optimistic concurrency), rode draden.

Every change bumps the workshop's version (and the group's, for notes) in the same transaction, so a
poll that still has the current version can be answered with an empty response.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import secrets
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from participatiemix.mix import threads as rode_draden
from participatiemix.site.text import clean_text
from participatiemix.workshop.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    GROUP_NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PHASE_ORDER,
    Group,
    Note,
    Phase,
    Question,
    Thread,
    Workshop,
)

MAX_GROUPS = 60
MAX_NOTES_PER_GROUP = 300
MAX_MINUTES = 240
THREAD_LABEL_MAX_LENGTH = 120

# The deck's case, in our own words: the taskforce advises on the process, not on the technique.
DEFAULT_CASE_TEXT = (
    "Jullie zijn de taskforce lokale democratie: een groep ambtenaren die het college adviseert. "
    "Onze gemeente moet van het aardgas uit Groningen af. Per wijk komt er een alternatief, zoals een "
    "warmtenet, all-electric of groen gas. De vraag aan jullie: hoe betrekken we inwoners bij die keuze?\n\n"
    "Het gaat niet om de techniek of om welk alternatief het beste is. Het gaat om het proces: wie doet "
    "wanneer mee, met welk doel en met welke rol.\n\n"
    "Vergeet de gemeenteraad niet. De raad stelt de kaders en neemt het besluit. Inwoners praten, denken of "
    "beslissen mee. Zo werken verschillende vormen van democratie samen."
)
DEFAULT_QUESTIONS = (
    "Welk doel willen jullie bereiken? Zijn er fasen met elk een eigen doel?",
    "Hoe pakken jullie dit aan? Denk aan de doelgroep, de kaders en de rolverdeling, en het instrument.",
    "Wat vraagt deze aanpak van de gemeente? Denk aan competenties, randvoorwaarden, de raad en de interne "
    "organisatie.",
)

_TAG_LIKE = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?[a-zA-Z0-9]+;|javascript:", re.IGNORECASE)


class NoteConflict(Exception):
    """Someone else changed (or removed) the note since it was opened: show both texts, never overwrite."""

    def __init__(self, *, current: Note | None, attempted_text: str):
        super().__init__("note changed meanwhile")
        self.current = current
        self.attempted_text = attempted_text


# --------------------------------------------------------------------------- validation


def clean_plain_text(text: str, *, what: str, max_length: int, required: bool = True) -> str:
    """Plain text as typed: no HTML or code, no control characters, within the length. Dutch errors.

    The site's one cleaner (site.text) goes first, so every way in (form, htmx, service call) stores the
    same: no control or bidi characters, and text of only invisible characters counts as empty.
    """
    text = clean_text(text)
    if required and not text:
        raise ValidationError(_("%(what)s is leeg. Schrijf eerst iets op.") % {"what": what}, code="empty")
    if len(text) > max_length:
        raise ValidationError(
            _("%(what)s is te lang: %(n)s tekens. Het mag maximaal %(max)s tekens zijn.")
            % {"what": what, "n": len(text), "max": max_length},
            code="too_long",
        )
    if _TAG_LIKE.search(text):
        raise ValidationError(
            _(
                "%(what)s bevat HTML of code (zoals <script>). Dat kan hier niet. "
                "Schrijf gewone tekst, zonder < gevolgd door een letter."
            )
            % {"what": what},
            code="html",
        )
    return text


def clean_note_text(text: str) -> str:
    return clean_plain_text(text, what=_("De notitie"), max_length=NOTE_MAX_LENGTH)


def clean_group_name(name: str) -> str:
    name = clean_plain_text(name, what=_("De groepsnaam"), max_length=GROUP_NAME_MAX_LENGTH)
    return " ".join(name.split())


def normalise_code(raw: str) -> str:
    """What a participant typed, as a code: capitals, without spaces or dashes."""
    return re.sub(r"[\s\-.]", "", raw or "").upper()


def is_valid_code_form(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


def generate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --------------------------------------------------------------------------- workshop


def _bump(*, workshop_id: int, group_id: int | None = None) -> None:
    Workshop.objects.filter(pk=workshop_id).update(version=F("version") + 1, updated_at=timezone.now())
    if group_id is not None:
        Group.objects.filter(pk=group_id).update(version=F("version") + 1)


def _check_minutes(value: int, what: str) -> int:
    if not 1 <= int(value) <= MAX_MINUTES:
        raise ValidationError(
            _("%(what)s moet tussen 1 en %(max)s minuten liggen.") % {"what": what, "max": MAX_MINUTES}
        )
    return int(value)


@transaction.atomic
def workshop_create(
    *,
    title: str,
    case_text: str,
    questions: Sequence[str],
    group_minutes: int = 20,
    rondgang_minutes: int = 10,
    group_count: int = 6,
    organisation,
    created_by=None,
    code: str | None = None,
) -> Workshop:
    title = clean_plain_text(title, what=_("De titel"), max_length=200)
    case_text = clean_plain_text(case_text, what=_("De casus"), max_length=5000)
    cleaned_questions = [clean_plain_text(q, what=_("Een vraag"), max_length=500) for q in questions]
    if not 1 <= len(cleaned_questions) <= 5:
        raise ValidationError(_("Een werksessie heeft 1 tot 5 vragen."))
    if not 1 <= int(group_count) <= MAX_GROUPS:
        raise ValidationError(_("Het aantal groepen moet tussen 1 en %(max)s liggen.") % {"max": MAX_GROUPS})
    workshop = None
    for _attempt in range(10):
        candidate = code or generate_code()
        try:
            with transaction.atomic():
                workshop = Workshop.objects.create(
                    organisation=organisation,
                    title=title,
                    case_text=case_text,
                    code=candidate,
                    group_minutes=_check_minutes(group_minutes, _("De tijd in groepen")),
                    rondgang_minutes=_check_minutes(rondgang_minutes, _("De tijd voor de rondgang")),
                    group_count=int(group_count),
                    created_by=created_by,
                )
            break
        except IntegrityError:
            if code:
                raise ValidationError(_("De code %(code)s is al in gebruik.") % {"code": code}) from None
    if workshop is None:  # ten clashes in 887 million codes: the database, not chance, is wrong
        raise RuntimeError("no free workshop code")
    Question.objects.bulk_create(
        Question(workshop=workshop, number=i, text=text) for i, text in enumerate(cleaned_questions, start=1)
    )
    return workshop


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    title: str,
    case_text: str,
    questions: Sequence[str],
    group_minutes: int,
    rondgang_minutes: int,
    group_count: int,
) -> Workshop:
    workshop.title = clean_plain_text(title, what=_("De titel"), max_length=200)
    workshop.case_text = clean_plain_text(case_text, what=_("De casus"), max_length=5000)
    workshop.group_minutes = _check_minutes(group_minutes, _("De tijd in groepen"))
    workshop.rondgang_minutes = _check_minutes(rondgang_minutes, _("De tijd voor de rondgang"))
    if not 1 <= int(group_count) <= MAX_GROUPS:
        raise ValidationError(_("Het aantal groepen moet tussen 1 en %(max)s liggen.") % {"max": MAX_GROUPS})
    workshop.group_count = int(group_count)
    workshop.save(update_fields=["title", "case_text", "group_minutes", "rondgang_minutes", "group_count"])
    existing = {q.number: q for q in workshop.questions.all()}
    for number, text in enumerate(questions, start=1):
        text = clean_plain_text(text, what=_("Een vraag"), max_length=500)
        if number in existing:
            if existing[number].text != text:
                existing[number].text = text
                existing[number].save(update_fields=["text"])
        else:
            Question.objects.create(workshop=workshop, number=number, text=text)
    _bump(workshop_id=workshop.pk)
    return workshop


@transaction.atomic
def workshop_set_phase(*, workshop: Workshop, phase: str, now: dt.datetime | None = None) -> Workshop:
    """Move to a phase; the groups and rondgang phases get an end time from the set-up."""
    if phase not in Phase.values:
        raise ValidationError(_("Onbekende fase: %(phase)s.") % {"phase": phase})
    now = now or timezone.now()
    minutes = {Phase.GROUPS: workshop.group_minutes, Phase.RONDGANG: workshop.rondgang_minutes}.get(phase)
    workshop.phase = phase
    workshop.phase_started_at = now
    workshop.phase_ends_at = now + dt.timedelta(minutes=minutes) if minutes else None
    if phase == Phase.RONDGANG:
        workshop.rondgang_question = 1
    workshop.save(update_fields=["phase", "phase_started_at", "phase_ends_at", "rondgang_question"])
    if phase == Phase.THREADS:
        threads_regroup(workshop=workshop)
    _bump(workshop_id=workshop.pk)
    workshop.refresh_from_db(fields=["version"])
    return workshop


def next_phase(phase: str) -> str | None:
    index = PHASE_ORDER.index(phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def workshop_advance(*, workshop: Workshop, expected_phase: str | None = None) -> Workshop:
    """Go to the next phase. `expected_phase` guards against a double click advancing twice."""
    if expected_phase and expected_phase != workshop.phase:
        return workshop
    following = next_phase(workshop.phase)
    if following is None:
        raise ValidationError(_("De werksessie is al gesloten."))
    return workshop_set_phase(workshop=workshop, phase=following)


@transaction.atomic
def workshop_extend(*, workshop: Workshop, minutes: int, now: dt.datetime | None = None) -> Workshop:
    """Give the current timed phase more time (from now when the time was already up)."""
    if workshop.phase_ends_at is None:
        raise ValidationError(_("In deze fase loopt geen tijd."))
    if not 1 <= int(minutes) <= 60:
        raise ValidationError(_("U kunt 1 tot 60 minuten extra geven."))
    now = now or timezone.now()
    workshop.phase_ends_at = max(workshop.phase_ends_at, now) + dt.timedelta(minutes=int(minutes))
    workshop.save(update_fields=["phase_ends_at"])
    _bump(workshop_id=workshop.pk)
    return workshop


@transaction.atomic
def workshop_show_question(*, workshop: Workshop, number: int) -> Workshop:
    if not workshop.questions.filter(number=number).exists():
        raise ValidationError(_("Vraag %(n)s bestaat niet in deze werksessie.") % {"n": number})
    workshop.rondgang_question = number
    workshop.save(update_fields=["rondgang_question"])
    _bump(workshop_id=workshop.pk)
    return workshop


# --------------------------------------------------------------------------- groups and notes


@transaction.atomic
def group_create(*, workshop: Workshop, name: str) -> Group:
    if workshop.is_closed:
        raise ValidationError(_("Deze werksessie is gesloten. U kunt niet meer meedoen."))
    name = clean_group_name(name)
    if workshop.groups.filter(name__iexact=name).exists():
        raise ValidationError(
            _("De naam %(name)s is al gekozen. Hoort u bij die groep? Kies dan de groep in de lijst.") % {"name": name}
        )
    if workshop.groups.count() >= MAX_GROUPS:
        raise ValidationError(
            _("Er doen al %(max)s groepen mee. Sluit aan bij een bestaande groep.") % {"max": MAX_GROUPS}
        )
    try:
        with transaction.atomic():
            group = Group.objects.create(workshop=workshop, name=name)
    except IntegrityError:  # two phones chose the same new name at the same moment
        raise ValidationError(_("De naam %(name)s is net door een andere groep gekozen.") % {"name": name}) from None
    _bump(workshop_id=workshop.pk)
    return group


def _check_writable(workshop: Workshop) -> None:
    if not workshop.is_writable:
        raise ValidationError(
            _("De werksessie is in de fase %(phase)s. Notities kunnen niet meer worden gewijzigd.")
            % {"phase": workshop.get_phase_display().lower()}
        )


@transaction.atomic
def note_add(*, group: Group, question: Question, text: str) -> Note:
    """A new note is a new row: two members adding at the same moment both keep their text."""
    workshop = Workshop.objects.get(pk=group.workshop_id)
    _check_writable(workshop)
    if question.workshop_id != group.workshop_id:
        raise ValidationError(_("Deze vraag hoort niet bij uw werksessie."))
    text = clean_note_text(text)
    if group.notes.count() >= MAX_NOTES_PER_GROUP:
        raise ValidationError(
            _("Uw groep heeft al %(max)s notities. Wijzig of verwijder er eerst een.") % {"max": MAX_NOTES_PER_GROUP}
        )
    note = Note.objects.create(group=group, question=question, text=text)
    _bump(workshop_id=group.workshop_id, group_id=group.pk)
    _prefetch_after_commit(text)
    return note


def _prefetch(text: str) -> None:
    # A cache warm-up must never cost a note: the grouping embeds it later if this fails.
    with contextlib.suppress(Exception):
        rode_draden.prefetch([text])


def _prefetch_after_commit(text: str) -> None:
    """Embed a saved note now, so grouping the rode draden later is quick; after the commit, outside the lock."""
    transaction.on_commit(lambda: _prefetch(text))


@transaction.atomic
def note_update(*, group: Group, note_id: int, text: str, version: int) -> Note:
    """Save an edit only if nobody changed the note since `version`; otherwise raise NoteConflict."""
    workshop = Workshop.objects.get(pk=group.workshop_id)
    _check_writable(workshop)
    text = clean_note_text(text)
    updated = Note.objects.filter(pk=note_id, group=group, version=version).update(
        text=text, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise NoteConflict(current=Note.objects.filter(pk=note_id, group=group).first(), attempted_text=text)
    _bump(workshop_id=group.workshop_id, group_id=group.pk)
    _prefetch_after_commit(text)
    return Note.objects.get(pk=note_id)


@transaction.atomic
def note_delete(*, group: Group, note_id: int, version: int) -> None:
    """Remove a note, unless someone changed it since `version` (then they decide together)."""
    workshop = Workshop.objects.get(pk=group.workshop_id)
    _check_writable(workshop)
    deleted, _detail = Note.objects.filter(pk=note_id, group=group, version=version).delete()
    if not deleted:
        current = Note.objects.filter(pk=note_id, group=group).first()
        if current is None:
            return  # already gone: the wish is fulfilled
        raise NoteConflict(current=current, attempted_text="")
    _bump(workshop_id=group.workshop_id, group_id=group.pk)


# --------------------------------------------------------------------------- rode draden


def _group_count(thread: Thread) -> int:
    return len({n.group_id for n in thread.notes.all()})


def _reorder(*, question: Question) -> None:
    """Pinned first, then the threads most groups raised, then the biggest."""
    threads = list(Thread.objects.filter(question=question, removed=False).prefetch_related("notes"))
    threads.sort(key=lambda t: (not t.pinned, -_group_count(t), -len(t.notes.all()), t.pk))
    for position, thread in enumerate(threads):
        if thread.position != position:
            thread.position = position
            thread.save(update_fields=["position"])


# Threads holding a facilitator's decision: a new grouping run leaves them (and their notes) alone.
_KEPT = Q(pinned=True) | Q(renamed=True) | Q(merged=True) | Q(removed=True)


def _fallback_label() -> str:
    return _("Overige notities")


@transaction.atomic
def threads_regroup(*, workshop: Workshop) -> int:
    """Group every question's notes into threads again; renamed, merged, pinned and removed threads stay.

    Returns the number of threads made. Notes in threads that stay are not regrouped.
    """
    made = 0
    for question in workshop.questions.all():
        kept = list(Thread.objects.filter(question=question).filter(_KEPT).prefetch_related("notes"))
        Thread.objects.filter(question=question).exclude(pk__in=[t.pk for t in kept]).delete()
        taken = {n.pk for t in kept for n in t.notes.all()}
        pool = [n for n in question.notes.order_by("group_id", "created_at", "pk") if n.pk not in taken]
        if not pool:
            _reorder(question=question)
            continue
        grouping = rode_draden.group_notes([n.text for n in pool], [str(n.group_id) for n in pool])
        through = Thread.notes.through
        links = []
        for group in grouping.threads:
            thread = Thread.objects.create(
                workshop=workshop,
                question=question,
                label=(group.label or _fallback_label())[:THREAD_LABEL_MAX_LENGTH],
                label_terms=[grouping.method],
            )
            links += [through(thread_id=thread.pk, note_id=pool[i].pk) for i in group.member_indices]
            made += 1
        through.objects.bulk_create(links)
        _reorder(question=question)
    _bump(workshop_id=workshop.pk)
    return made


@transaction.atomic
def thread_rename(*, thread: Thread, label: str) -> Thread:
    thread.label = clean_plain_text(label, what=_("De naam van de rode draad"), max_length=THREAD_LABEL_MAX_LENGTH)
    thread.renamed = True
    thread.save(update_fields=["label", "renamed"])
    _bump(workshop_id=thread.workshop_id)
    return thread


@transaction.atomic
def thread_set_pinned(*, thread: Thread, pinned: bool) -> Thread:
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])
    _reorder(question=thread.question)
    _bump(workshop_id=thread.workshop_id)
    return thread


@transaction.atomic
def thread_set_removed(*, thread: Thread, removed: bool) -> Thread:
    """A removed thread is kept aside (its notes are not grouped again) and can be put back."""
    thread.removed = removed
    if removed:
        thread.pinned = False
    thread.save(update_fields=["removed", "pinned"])
    _reorder(question=thread.question)
    _bump(workshop_id=thread.workshop_id)
    return thread


@transaction.atomic
def threads_merge(*, workshop: Workshop, thread_ids: Iterable[int]) -> Thread:
    """Merge threads of one question into the first; it keeps a facilitator's name, else gets new key words."""
    threads = list(
        Thread.objects.filter(workshop=workshop, pk__in=list(thread_ids), removed=False)
        .select_related("question")
        .prefetch_related("notes")
        .order_by("-pinned", "position", "pk")
    )
    if len(threads) < 2:
        raise ValidationError(_("Kies minstens twee rode draden om samen te voegen."))
    if len({t.question_id for t in threads}) > 1:
        raise ValidationError(_("U kunt alleen rode draden bij dezelfde vraag samenvoegen."))
    target, others = threads[0], threads[1:]
    note_ids = {n.pk for t in threads for n in t.notes.all()}
    renamed = next((t for t in threads if t.renamed), None)
    target.notes.set(note_ids)
    if renamed is not None:
        target.label, target.renamed = renamed.label, True
    else:
        target.label = _statement_for(Note.objects.filter(pk__in=note_ids).order_by("group_id", "pk"))
    target.merged = True
    target.pinned = any(t.pinned for t in threads)
    target.save()
    Thread.objects.filter(pk__in=[t.pk for t in others]).delete()
    _reorder(question=target.question)
    _bump(workshop_id=workshop.pk)
    return target


def _statement_for(notes) -> str:
    """The label of a set of notes: its most central note as a short statement (never a list of key words)."""
    texts = [n.text for n in notes]
    if not texts:
        return _fallback_label()
    if len(texts) == 1:
        return rode_draden.statement(texts[0])[:THREAD_LABEL_MAX_LENGTH]
    # One cluster (a cut above any distance): its label is the statement of the most central note.
    grouping = rode_draden.group_notes(texts, threshold=10.0)
    return (grouping.threads[0].label or _fallback_label())[:THREAD_LABEL_MAX_LENGTH]


def _relabel(thread: Thread) -> None:
    """A thread whose notes changed says what its notes say now, unless the facilitator named it."""
    if not thread.renamed:
        thread.label = _statement_for(thread.notes.order_by("group_id", "pk"))
    # Shaped by the facilitator: a new grouping run leaves it alone, like a merged thread.
    thread.merged = True
    thread.save(update_fields=["label", "merged"])


@transaction.atomic
def note_move(*, workshop: Workshop, note_id: int, to_thread_id: int | None) -> Thread:
    """Move a note to another thread of the same question, or (``to_thread_id`` None) to a thread of its own.

    Both threads keep the change through a new grouping run; a thread left without notes disappears.
    """
    note = Note.objects.filter(pk=note_id, group__workshop=workshop).select_related("question").first()
    if note is None:
        raise ValidationError(_("Deze notitie bestaat niet (meer)."))
    sources = list(Thread.objects.filter(workshop=workshop, notes=note))
    if to_thread_id is None:
        target = Thread.objects.create(
            workshop=workshop, question=note.question, label=rode_draden.statement(note.text)[:120]
        )
    else:
        target = Thread.objects.filter(pk=to_thread_id, workshop=workshop, removed=False).first()
        if target is None or target.question_id != note.question_id:
            raise ValidationError(_("U kunt een notitie alleen naar een rode draad bij dezelfde vraag verplaatsen."))
    for source in sources:
        if source.pk != target.pk:
            source.notes.remove(note)
    target.notes.add(note)
    for thread in {t.pk: t for t in [*sources, target]}.values():
        if not thread.notes.exists():
            thread.delete()
        else:
            _relabel(thread)
    _reorder(question=note.question)
    _bump(workshop_id=workshop.pk)
    return target


@transaction.atomic
def thread_split(*, thread: Thread, note_ids: Iterable[int]) -> Thread:
    """Take the chosen notes out of a thread into a new thread of their own; both keep their new shape."""
    chosen = set(thread.notes.filter(pk__in=list(note_ids)).values_list("pk", flat=True))
    if not chosen:
        raise ValidationError(_("Vink de notities aan die een eigen rode draad worden."))
    if len(chosen) == thread.notes.count():
        raise ValidationError(_("Laat minstens één notitie in de rode draad staan."))
    new = Thread.objects.create(workshop=thread.workshop, question=thread.question, label=_fallback_label())
    new.notes.set(chosen)
    thread.notes.remove(*chosen)
    _relabel(new)
    _relabel(thread)
    _reorder(question=thread.question)
    _bump(workshop_id=thread.workshop_id)
    return new


# --------------------------------------------------------------------------- undo


def threads_snapshot(*, question: Question) -> list[dict]:
    """The threads of one question as plain data (JSON-safe), to put back with `threads_restore`."""
    return [
        {
            "label": t.label,
            "label_terms": t.label_terms,
            "renamed": t.renamed,
            "merged": t.merged,
            "pinned": t.pinned,
            "removed": t.removed,
            "position": t.position,
            "notes": sorted(n.pk for n in t.notes.all()),
        }
        for t in Thread.objects.filter(question=question).prefetch_related("notes")
    ]


@transaction.atomic
def threads_restore(*, question: Question, snapshot: list[dict]) -> None:
    """Put a question's threads back as they were; notes deleted since then are left out."""
    existing = set(question.notes.values_list("pk", flat=True))
    Thread.objects.filter(question=question).delete()
    for item in snapshot:
        notes = [pk for pk in item.get("notes", []) if pk in existing]
        if not notes:
            continue
        thread = Thread.objects.create(
            workshop_id=question.workshop_id,
            question=question,
            label=str(item.get("label", ""))[:THREAD_LABEL_MAX_LENGTH] or _fallback_label(),
            label_terms=item.get("label_terms") or [],
            renamed=bool(item.get("renamed")),
            merged=bool(item.get("merged")),
            pinned=bool(item.get("pinned")),
            removed=bool(item.get("removed")),
            position=int(item.get("position") or 0),
        )
        thread.notes.set(notes)
    _bump(workshop_id=question.workshop_id)
