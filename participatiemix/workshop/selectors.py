"""Reads for werksessies. The poll keys are single queries; page contexts use a fixed, small number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from participatiemix.workshop.models import Group, Note, Question, Thread, Workshop
from participatiemix.workshop.services import is_valid_code_form, normalise_code


def workshop_by_code(*, code: str) -> Workshop | None:
    code = normalise_code(code)
    if not is_valid_code_form(code):
        return None
    return Workshop.objects.filter(code=code).first()


def workshop_poll_key(*, code: str) -> str | None:
    """The projector's poll key: one query on one row."""
    row = Workshop.objects.filter(code=code).values_list("version", "phase").first()
    return f"w{row[0]}-{row[1]}" if row else None


def group_poll_key(*, group_id: int) -> str | None:
    """The flip-over's poll key: the group's notes version and the workshop phase, in one query."""
    row = Group.objects.filter(pk=group_id).values_list("version", "workshop__phase").first()
    return f"g{row[0]}-{row[1]}" if row else None


def remaining_seconds(*, workshop: Workshop, now: dt.datetime | None = None) -> int | None:
    """Seconds left in a timed phase (never below 0); None when the phase has no time limit."""
    if workshop.phase_ends_at is None:
        return None
    now = now or timezone.now()
    return max(0, int((workshop.phase_ends_at - now).total_seconds() + 0.999))


def format_remaining(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass
class QuestionNotes:
    question: Question
    notes: list[Note] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # set by the view when an added note was refused
    value: str = ""


def flipover(*, group: Group) -> list[QuestionNotes]:
    """A group's notes per question (two queries)."""
    questions = [QuestionNotes(q) for q in Question.objects.filter(workshop_id=group.workshop_id)]
    by_id = {qn.question.pk: qn for qn in questions}
    for note in Note.objects.filter(group=group).order_by("created_at", "pk"):
        by_id[note.question_id].notes.append(note)
    return questions


@dataclass
class GroupColumn:
    group: Group
    notes: list[Note] = field(default_factory=list)


@dataclass
class QuestionRound:
    question: Question
    columns: list[GroupColumn] = field(default_factory=list)

    @property
    def note_count(self) -> int:
        return sum(len(c.notes) for c in self.columns)


def rondgang(*, workshop: Workshop) -> list[QuestionRound]:
    """Per question, every group's notes side by side (three queries)."""
    groups = list(Group.objects.filter(workshop=workshop))
    rounds = [QuestionRound(q, [GroupColumn(g) for g in groups]) for q in workshop.questions.all()]
    column = {(r.question.pk, c.group.pk): c for r in rounds for c in r.columns}
    notes = Note.objects.filter(group__workshop=workshop).order_by("created_at", "pk")
    for note in notes:
        column[(note.question_id, note.group_id)].notes.append(note)
    return rounds


@dataclass
class ThreadView:
    thread: Thread
    notes: list[Note]
    group_names: list[str]

    @property
    def group_count(self) -> int:
        return len(self.group_names)


@dataclass
class QuestionThreads:
    question: Question
    threads: list[ThreadView] = field(default_factory=list)
    removed: list[ThreadView] = field(default_factory=list)
    unassigned: list[Note] = field(default_factory=list)


def threads_overview(*, workshop: Workshop) -> list[QuestionThreads]:
    """Rode draden per question with their notes and the groups that raised them (four queries)."""
    questions = [QuestionThreads(q) for q in workshop.questions.all()]
    by_question = {qt.question.pk: qt for qt in questions}
    notes = {n.pk: n for n in Note.objects.filter(group__workshop=workshop).select_related("group")}
    assigned: set[int] = set()
    threads = Thread.objects.filter(workshop=workshop).prefetch_related("notes")
    for thread in threads:
        members = sorted((notes[n.pk] for n in thread.notes.all() if n.pk in notes), key=lambda n: (n.group_id, n.pk))
        assigned.update(n.pk for n in members)
        names = sorted({n.group.name for n in members}, key=str.casefold)
        view = ThreadView(thread, members, names)
        target = by_question[thread.question_id]
        (target.removed if thread.removed else target.threads).append(view)
    for note in notes.values():
        if note.pk not in assigned:
            by_question[note.question_id].unassigned.append(note)
    return questions


def group_notes_by_question(*, group: Group) -> dict[int, list[str]]:
    """A group's note texts per question number (for the mapping to a draft plan)."""
    result: dict[int, list[str]] = {}
    for number, text in (
        Note.objects.filter(group=group)
        .order_by("question__number", "created_at", "pk")
        .values_list("question__number", "text")
    ):
        result.setdefault(number, []).append(text)
    return result
