import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.workshop import selectors, services
from participatiemix.workshop.models import CODE_ALPHABET, Note, Phase, Thread, Workshop

pytestmark = pytest.mark.django_db


def test_create_gives_a_code_without_ambiguous_characters_and_three_questions(workshop):
    assert len(workshop.code) == 6
    assert set(workshop.code) <= set(CODE_ALPHABET)
    assert not set(workshop.code) & set("IL1O0")
    assert [q.number for q in workshop.questions.all()] == [1, 2, 3]
    assert workshop.phase == Phase.PREPARING
    assert workshop.group_minutes == 20 and workshop.rondgang_minutes == 10


@given(st.text(max_size=12))
def test_normalised_codes_are_valid_only_in_the_alphabet(raw):
    code = services.normalise_code(raw)
    if services.is_valid_code_form(code):
        assert len(code) == 6 and all(c in CODE_ALPHABET for c in code)
        assert code == code.upper()


def test_code_typed_with_spaces_and_lower_case_is_found(workshop):
    typed = " ".join(workshop.code[:3].lower()) + " - " + workshop.code[3:].lower()
    assert selectors.workshop_by_code(code=typed) == workshop
    assert selectors.workshop_by_code(code="ABC") is None
    assert selectors.workshop_by_code(code="IIIIII") is None


def test_phases_set_server_side_end_times(workshop):
    now = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS, now=now)
    workshop.refresh_from_db()
    assert workshop.phase_ends_at == now + dt.timedelta(minutes=20)
    assert selectors.remaining_seconds(workshop=workshop, now=now + dt.timedelta(minutes=5)) == 15 * 60
    assert selectors.remaining_seconds(workshop=workshop, now=now + dt.timedelta(minutes=25)) == 0
    assert selectors.format_remaining(15 * 60 + 7) == "15:07"
    services.workshop_extend(workshop=workshop, minutes=5, now=now + dt.timedelta(minutes=25))
    assert workshop.phase_ends_at == now + dt.timedelta(minutes=30)  # from now, as the time was up
    services.workshop_advance(workshop=workshop)
    assert workshop.phase == Phase.RONDGANG
    assert workshop.phase_ends_at - workshop.phase_started_at == dt.timedelta(minutes=10)
    services.workshop_advance(workshop=workshop)
    assert workshop.phase == Phase.THREADS and workshop.phase_ends_at is None
    assert selectors.remaining_seconds(workshop=workshop) is None


def test_advance_with_stale_expected_phase_does_not_skip(workshop):
    services.workshop_advance(workshop=workshop, expected_phase=Phase.PREPARING)
    services.workshop_advance(workshop=workshop, expected_phase=Phase.PREPARING)  # double click
    assert Workshop.objects.get(pk=workshop.pk).phase == Phase.GROUPS


def test_every_change_bumps_the_versions(group, question):
    workshop = Workshop.objects.get(pk=group.workshop_id)
    before_w, before_g = workshop.version, group.version
    services.note_add(group=group, question=question, text="Eerst luisteren")
    workshop.refresh_from_db()
    group.refresh_from_db()
    assert workshop.version == before_w + 1 and group.version == before_g + 1
    assert selectors.group_poll_key(group_id=group.pk) == f"g{group.version}-groups"
    assert selectors.workshop_poll_key(code=workshop.code) == f"w{workshop.version}-groups"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "leeg"),
        ("   \n ", "leeg"),
        ("x" * 281, "281 tekens"),
        ("<script>alert(1)</script>", "HTML"),
        ("Klik <a href='x'>hier</a>", "HTML"),
        ("<img src=x onerror=alert(1)>", "HTML"),
        ("&lt;script&gt;", "HTML"),
        ("javascript:alert(1)", "HTML"),
    ],
)
def test_bad_notes_are_refused_in_dutch_and_nothing_is_stored(group, question, text, fragment):
    with pytest.raises(ValidationError) as exc:
        services.note_add(group=group, question=question, text=text)
    assert fragment in " ".join(exc.value.messages)
    assert Note.objects.count() == 0


def test_plain_text_with_comparison_signs_is_kept(group, question):
    note = services.note_add(group=group, question=question, text="  Kosten < 100 euro  &  70% > ja ")
    assert note.text == "Kosten < 100 euro & 70% > ja"
    note = services.note_add(group=group, question=question, text="x" * 280)
    assert len(note.text) == 280


def test_notes_cannot_be_written_after_the_rondgang(group, question):
    workshop = Workshop.objects.get(pk=group.workshop_id)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    with pytest.raises(ValidationError, match="fase rode draden"):
        services.note_add(group=group, question=question, text="Te laat")


def test_concurrent_edit_is_a_conflict_never_an_overwrite(group, question):
    note = services.note_add(group=group, question=question, text="Informeren")
    opened_by_anna = opened_by_bert = note.version
    services.note_update(group=group, note_id=note.pk, text="Informeren en raadplegen", version=opened_by_anna)
    with pytest.raises(services.NoteConflict) as exc:
        services.note_update(group=group, note_id=note.pk, text="Informeren, in fasen", version=opened_by_bert)
    assert exc.value.current.text == "Informeren en raadplegen"
    assert exc.value.attempted_text == "Informeren, in fasen"
    assert Note.objects.get(pk=note.pk).text == "Informeren en raadplegen"
    # Bert merges on top of the current version: that is allowed.
    merged = services.note_update(
        group=group, note_id=note.pk, text="Informeren en raadplegen, in fasen", version=exc.value.current.version
    )
    assert merged.text == "Informeren en raadplegen, in fasen" and merged.version == 3


def test_delete_of_a_note_changed_meanwhile_is_a_conflict(group, question):
    note = services.note_add(group=group, question=question, text="Enquête")
    services.note_update(group=group, note_id=note.pk, text="Enquête op papier", version=1)
    with pytest.raises(services.NoteConflict):
        services.note_delete(group=group, note_id=note.pk, version=1)
    assert Note.objects.filter(pk=note.pk).exists()
    services.note_delete(group=group, note_id=note.pk, version=2)
    assert not Note.objects.filter(pk=note.pk).exists()
    services.note_delete(group=group, note_id=note.pk, version=2)  # already gone: no error


def test_another_group_cannot_edit_my_note(group, question):
    other = services.group_create(workshop=Workshop.objects.get(pk=group.workshop_id), name="Tafel 2")
    note = services.note_add(group=group, question=question, text="Van tafel 1")
    with pytest.raises(services.NoteConflict) as exc:
        services.note_update(group=other, note_id=note.pk, text="Overschreven", version=1)
    assert exc.value.current is None
    assert Note.objects.get(pk=note.pk).text == "Van tafel 1"


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_from_several_members_all_survive(workshop):
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    group = services.group_create(workshop=workshop, name="Tafel 1")
    question = workshop.questions.get(number=2)
    errors = []

    def add(text):
        return services.note_add(group=group, question=question, text=text)

    def member(i):
        try:
            for j in range(5):
                add(f"Lid {i} notitie {j}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=member, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Note.objects.filter(group=group).count() == 20
    group.refresh_from_db()
    assert group.version == 21


def test_group_names_are_unique_per_workshop_and_closed_sessions_refuse(running):
    services.group_create(workshop=running, name="Tafel 1")
    with pytest.raises(ValidationError, match="al gekozen"):
        services.group_create(workshop=running, name="tafel 1")
    with pytest.raises(ValidationError, match="HTML"):
        services.group_create(workshop=running, name="<b>Tafel</b>")
    services.workshop_set_phase(workshop=running, phase=Phase.CLOSED)
    with pytest.raises(ValidationError, match="gesloten"):
        services.group_create(workshop=running, name="Tafel 9")


def _fill(workshop):
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    q = workshop.questions.get(number=1)
    texts = {
        "Noord": ["Draagvlak voor het warmtenet", "Eerlijk zijn over de kosten"],
        "Zuid": ["Draagvlak vergroten voor het warmtenet", "Kosten per huishouden duidelijk"],
        "West": ["Jongeren betrekken via school", "Draagvlak voor het alternatief"],
    }
    for name, notes in texts.items():
        g = services.group_create(workshop=workshop, name=name)
        for text in notes:
            services.note_add(group=g, question=q, text=text)
    return q


def test_threads_group_notes_across_groups_and_count_groups(workshop):
    q = _fill(workshop)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    overview = selectors.threads_overview(workshop=workshop)[0]
    assert overview.question == q
    all_notes = [n.pk for tv in overview.threads for n in tv.notes]
    assert sorted(all_notes) == sorted(q.notes.values_list("pk", flat=True))  # each note exactly once
    support = next(tv for tv in overview.threads if "draagvlak" in tv.thread.label.lower())
    assert support.group_count == 3 and support.group_names == ["Noord", "West", "Zuid"]
    assert overview.threads[0] is support  # most groups first
    assert overview.unassigned == []


def test_regroup_keeps_renamed_pinned_merged_and_removed_threads(workshop):
    q = _fill(workshop)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    threads = list(Thread.objects.filter(question=q).order_by("position"))
    assert len(threads) >= 3
    renamed = services.thread_rename(thread=threads[0], label="Draagvlak")
    pinned = services.thread_set_pinned(thread=threads[1], pinned=True)
    removed = services.thread_set_removed(thread=threads[2], removed=True)
    kept_notes = {t.pk: set(t.notes.values_list("pk", flat=True)) for t in (renamed, pinned, removed)}
    services.threads_regroup(workshop=workshop)
    for thread in (renamed, pinned, removed):
        fresh = Thread.objects.get(pk=thread.pk)
        assert set(fresh.notes.values_list("pk", flat=True)) == kept_notes[thread.pk]
    assert Thread.objects.get(pk=renamed.pk).label == "Draagvlak"
    overview = selectors.threads_overview(workshop=workshop)[0]
    assert overview.threads[0].thread.pk == pinned.pk  # pinned first
    assert [tv.thread.pk for tv in overview.removed] == [removed.pk]
    in_threads = [n.pk for tv in overview.threads + overview.removed for n in tv.notes]
    assert len(in_threads) == len(set(in_threads)) == q.notes.count()


def test_merge_combines_notes_and_refuses_across_questions(workshop):
    q = _fill(workshop)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    a, b = list(Thread.objects.filter(question=q).order_by("position"))[:2]
    notes = set(a.notes.values_list("pk", flat=True)) | set(b.notes.values_list("pk", flat=True))
    merged = services.threads_merge(workshop=workshop, thread_ids=[a.pk, b.pk])
    assert set(merged.notes.values_list("pk", flat=True)) == notes
    assert merged.merged and merged.label
    assert not Thread.objects.filter(pk=b.pk).exists()
    with pytest.raises(ValidationError, match="minstens twee"):
        services.threads_merge(workshop=workshop, thread_ids=[merged.pk])
    g = workshop.groups.first()
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    services.note_add(group=g, question=workshop.questions.get(number=2), text="Klankbordgroep")
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    other = Thread.objects.filter(question__number=2).first()
    with pytest.raises(ValidationError, match="dezelfde vraag"):
        services.threads_merge(workshop=workshop, thread_ids=[merged.pk, other.pk])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Tafel A", "Tafel B"]), min_size=1, max_size=6))
def test_rondgang_shows_every_note_once_in_its_group_column(workshop, owners):
    if workshop.phase != Phase.GROUPS:
        services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    Note.objects.filter(group__workshop=workshop).delete()
    groups = {g.name: g for g in workshop.groups.all()}
    for name in ("Tafel A", "Tafel B"):
        if name not in groups:
            groups[name] = services.group_create(workshop=workshop, name=name)
    q = workshop.questions.get(number=1)
    for i, name in enumerate(owners):
        services.note_add(group=groups[name], question=q, text=f"notitie {i}")
    rounds = selectors.rondgang(workshop=workshop)
    column = {c.group.name: [n.text for n in c.notes] for c in rounds[0].columns}
    for name in ("Tafel A", "Tafel B"):
        assert column[name] == [f"notitie {i}" for i, o in enumerate(owners) if o == name]
    assert rounds[0].note_count == len(owners)
