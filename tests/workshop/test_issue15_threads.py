"""Issue 15, item 10 (werksessie side): rode draden grouped by meaning, labelled with a statement, an exact
group count; the facilitator moves a note, splits a thread and undoes; earlier decisions survive a regroup."""

import pytest
from django.urls import reverse

from participatiemix.workshop import selectors, services
from participatiemix.workshop.models import Phase, Thread

pytestmark = pytest.mark.django_db

NOTES = {
    "Noord": ["Draagvlak voor het warmtenet", "Eerlijk zijn over de kosten", "Venstertijden voor bevoorrading"],
    "Zuid": ["Draagvlak vergroten voor het warmtenet", "Kosten per huishouden duidelijk"],
    "West": ["Jongeren betrekken via school", "Draagvlak voor het alternatief"],
}


@pytest.fixture
def facilitator(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def question(running):
    q = running.questions.get(number=1)
    for name, texts in NOTES.items():
        group = services.group_create(workshop=running, name=name)
        for text in texts:
            services.note_add(group=group, question=q, text=text)
    services.workshop_set_phase(workshop=running, phase=Phase.THREADS)
    return q


def _overview(running):
    return selectors.threads_overview(workshop=running)[0]


def test_labels_are_statements_and_the_group_count_is_exact(running, question):
    all_texts = {t for texts in NOTES.values() for t in texts}
    for tv in _overview(running).threads:
        # A statement made from a note (not "kaders, raad, stellen"): it starts like one of the notes.
        assert any(text.lower().startswith(tv.thread.label.lower()[:12]) for text in all_texts), tv.thread.label
        assert ", " not in tv.thread.label or tv.thread.label in all_texts
        assert tv.group_count == len({n.group_id for n in tv.notes})
    delivery = next(tv for tv in _overview(running).threads if any("Venstertijden" in n.text for n in tv.notes))
    assert [n.text for n in delivery.notes] == ["Venstertijden voor bevoorrading"] and delivery.group_count == 1


def test_a_note_moves_to_another_thread_and_keeps_there_after_a_regroup(running, question):
    threads = _overview(running).threads
    source = next(tv for tv in threads if len(tv.notes) > 1)
    target = next(tv for tv in threads if tv.thread.pk != source.thread.pk)
    note = source.notes[0]
    services.note_move(workshop=running, note_id=note.pk, to_thread_id=target.thread.pk)
    services.threads_regroup(workshop=running)
    holder = Thread.objects.get(notes=note)
    assert holder.pk == target.thread.pk
    # To a thread of its own: a split of one note, labelled with that note.
    moved = services.note_move(workshop=running, note_id=note.pk, to_thread_id=None)
    assert list(moved.notes.all()) == [note] and moved.label == note.text
    other_question = running.questions.get(number=2)
    foreign = Thread.objects.create(workshop=running, question=other_question, label="Andere vraag")
    with pytest.raises(services.ValidationError):
        services.note_move(workshop=running, note_id=note.pk, to_thread_id=foreign.pk)


def test_a_thread_splits_and_undo_puts_everything_back(facilitator, running, question):
    url = reverse("workshop:threads", args=[running.pk])
    big = next(tv for tv in _overview(running).threads if len(tv.notes) > 1)
    before = {t.pk: sorted(t.notes.values_list("pk", flat=True)) for t in Thread.objects.filter(question=question)}
    labels_before = sorted(Thread.objects.filter(question=question).values_list("label", flat=True))
    action = reverse("workshop:thread_action", args=[running.pk, big.thread.pk])
    chosen = big.notes[-1]
    facilitator.post(action, {"action": "split", "notes": [chosen.pk]})
    split = Thread.objects.get(notes=chosen)
    assert split.pk != big.thread.pk and list(split.notes.all()) == [chosen] and split.label == chosen.text
    html = facilitator.get(url).content.decode()
    assert "Ongedaan maken: draad splitsen" in html and f'id="move-{chosen.pk}"' in html
    # Split everything off: refused, nothing changes, and nothing to undo from that refusal.
    response = facilitator.post(
        reverse("workshop:thread_action", args=[running.pk, split.pk]), {"action": "split", "notes": [chosen.pk]}
    )
    assert response.status_code == 302
    facilitator.post(reverse("workshop:undo", args=[running.pk]))
    after = {tuple(sorted(t.notes.values_list("pk", flat=True))) for t in Thread.objects.filter(question=question)}
    assert after == {tuple(v) for v in before.values()}
    assert sorted(Thread.objects.filter(question=question).values_list("label", flat=True)) == labels_before
    assert "U heeft nog niets aangepast." in facilitator.get(url).content.decode()


def test_undo_reverses_a_rename_a_merge_and_a_regroup_in_order(facilitator, running, question):
    first, second = list(Thread.objects.filter(question=question).order_by("position"))[:2]
    facilitator.post(
        reverse("workshop:thread_action", args=[running.pk, first.pk]), {"action": "rename", "label": "Eerst"}
    )
    facilitator.post(reverse("workshop:merge", args=[running.pk]), {"threads": [first.pk, second.pk]})
    assert Thread.objects.filter(question=question, merged=True).count() == 1
    facilitator.post(reverse("workshop:undo", args=[running.pk]))
    assert Thread.objects.filter(question=question, merged=True).count() == 0
    assert Thread.objects.filter(question=question, label="Eerst", renamed=True).count() == 1
    facilitator.post(reverse("workshop:undo", args=[running.pk]))
    assert not Thread.objects.filter(question=question, renamed=True).exists()
    response = facilitator.post(reverse("workshop:undo", args=[running.pk]), follow=True)
    assert "Er is niets om ongedaan te maken." in response.content.decode()


def test_a_saved_note_is_embedded_at_once(running, monkeypatch, django_capture_on_commit_callbacks):
    from participatiemix.mix import threads

    seen = []
    monkeypatch.setattr(threads, "prefetch", lambda texts: seen.append(list(texts)) or True)
    group = services.group_create(workshop=running, name="Oost")
    with django_capture_on_commit_callbacks(execute=True):
        note = services.note_add(group=group, question=running.questions.get(number=1), text="Buurtbus inzetten")
    with django_capture_on_commit_callbacks(execute=True):
        services.note_update(group=group, note_id=note.pk, text="Buurtbus vaker inzetten", version=note.version)
    assert seen == [["Buurtbus inzetten"], ["Buurtbus vaker inzetten"]]
