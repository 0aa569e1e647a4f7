"""Registration with capacity and waiting list: seats, moving up by itself with an e-mail, the race for the last
seat, and the waiting-list invariant under any sequence of sign-ups and cancellations (hypothesis)."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.meetings import selectors, services
from participatiemix.meetings.models import Meeting, Registration

pytestmark = pytest.mark.django_db

S = Registration.Status


def statuses(meeting):
    return list(meeting.registrations.order_by("position").values_list("email", "status"))


def test_full_meeting_puts_people_on_the_waiting_list_in_order(meeting, activity):
    activity.allow_anonymous = True
    activity.save()
    people = [services.registration_create(meeting=meeting, name=f"P{n}", email=f"p{n}@example.org") for n in range(5)]
    assert [r.status for r in people] == [S.REGISTERED, S.REGISTERED, S.WAITING, S.WAITING, S.WAITING]
    assert [r.position for r in people] == [1, 2, 3, 4, 5]
    assert selectors.waiting_place(people[3]) == 2
    assert selectors.seats_left(selectors.meeting_detail(meeting.pk)) == 0


def test_cancelling_moves_the_first_waiting_person_up_with_an_email(
    meeting, activity, make_user, django_capture_on_commit_callbacks
):
    first = make_user(None, None, username="eerste", email="eerste@example.org")
    second = make_user(None, None, username="tweede", email="tweede@example.org")
    third = make_user(None, None, username="derde", email="derde@example.org")
    fourth = make_user(None, None, username="vierde", email="vierde@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        regs = [services.registration_create(meeting=meeting, user=u) for u in (first, second, third, fourth)]
    assert [m.to for m in mail.outbox] == [[u.email] for u in (first, second, third, fourth)]
    assert "wachtlijst" in mail.outbox[2].subject and "aangemeld" in mail.outbox[0].subject
    assert "/bijeenkomsten/afmelden/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_cancel(registration=regs[0])
    assert [r.pk for r in moved] == [regs[2].pk]  # the first on the waiting list, not the last
    assert Registration.objects.get(pk=regs[2].pk).status == S.REGISTERED
    assert Registration.objects.get(pk=regs[3].pk).status == S.WAITING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["derde@example.org"]
    assert "Er is plaats voor u" in mail.outbox[0].subject
    # Cancelling from the waiting list frees no seat: nobody moves.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=regs[3]) == []
        assert services.registration_cancel(registration=regs[3]) == []  # twice is harmless
    assert len(mail.outbox) == 1


def test_more_seats_move_people_up(meeting, make_user, django_capture_on_commit_callbacks):
    users = [make_user(None, None, email=f"u{n}@example.org") for n in range(4)]
    for u in users:
        services.registration_create(meeting=meeting, user=u)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.meeting_update(meeting=meeting, data={"capacity": 3})
    assert [r.user for r in moved] == [users[2]]
    assert len(mail.outbox) == 1
    assert meeting.registrations.filter(status=S.WAITING).count() == 1


def test_one_live_registration_per_person(meeting, activity, make_user):
    user = make_user(None, None)
    services.registration_create(meeting=meeting, user=user)
    with pytest.raises(services.MeetingError, match="al aangemeld"):
        services.registration_create(meeting=meeting, user=user)
    activity.allow_anonymous = True
    activity.save()
    services.registration_create(meeting=meeting, name="Els", email="Els@Example.org")
    with pytest.raises(services.MeetingError) as exc:
        services.registration_create(meeting=meeting, name="Els", email="els@example.org")
    assert exc.value.field == "email"
    assert meeting.registrations.count() == 2


def test_anonymous_registration_only_where_the_activity_allows_it(meeting, activity):
    with pytest.raises(services.MeetingError, match="account"):
        services.registration_create(meeting=meeting, name="Els", email="els@example.org")
    activity.allow_anonymous = True
    activity.save()
    for name, email, field in [
        ("", "els@example.org", "name"),
        ("Els", "geen-adres", "email"),
        ("\u200b", "a@b.nl", "name"),
    ]:
        with pytest.raises(services.MeetingError) as exc:
            services.registration_create(meeting=meeting, name=name, email=email)
        assert exc.value.field == field
    assert not Registration.objects.exists()


def test_no_registration_after_the_start_when_closed_or_for_a_cancelled_activity(make_meeting, activity, make_user):
    user = make_user(None, None)
    started = make_meeting(days=-1)
    closed = make_meeting(registration_open=False)
    for m, words in ((started, "al begonnen"), (closed, "gesloten")):
        with pytest.raises(services.MeetingError, match=words):
            services.registration_create(meeting=m, user=user)
    activity.status = activity.Status.CANCELLED
    activity.save()
    with pytest.raises(services.MeetingError, match="gaat niet door"):
        services.registration_create(meeting=make_meeting(), user=user)
    assert not Registration.objects.exists()


def test_the_cancel_token_is_signed(meeting, make_user):
    registration = services.registration_create(meeting=meeting, user=make_user(None, None))
    token = services.cancel_token(registration)
    assert services.registration_from_token(token) == registration
    assert services.registration_from_token(token[:-2] + "xx") is None
    assert services.registration_from_token("x" * 500) is None
    assert services.registration_from_token(str(registration.pk)) is None


def test_seats_are_handed_out_under_a_lock_on_the_meeting(meeting, make_user, monkeypatch):
    """The count of seats and the insert happen with the meeting row locked (select_for_update)."""
    locked = []
    original = Meeting.objects.select_for_update

    def spy(*args, **kwargs):
        locked.append(connection.in_atomic_block)
        return original(*args, **kwargs)

    monkeypatch.setattr(Meeting.objects, "select_for_update", spy)
    registration = services.registration_create(meeting=meeting, user=make_user(None, None))
    services.registration_cancel(registration=registration)
    assert locked == [True, True]


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_do_not_overfill_it(make_meeting, make_user):
    """Real concurrency: many threads, each with its own connection, race for 3 seats."""
    meeting = make_meeting(capacity=3)
    users = [make_user(None, None, username=f"racer{n}") for n in range(10)]
    barrier = threading.Barrier(len(users))
    errors = []

    def take(user):
        try:
            barrier.wait()
            services.registration_create(meeting=meeting, user=user)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert meeting.registrations.filter(status=S.REGISTERED).count() == 3
    assert meeting.registrations.filter(status=S.WAITING).count() == 7
    positions = list(meeting.registrations.values_list("position", flat=True))
    assert sorted(positions) == list(range(1, 11))  # no two got the same place in the queue


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    capacity=st.integers(min_value=1, max_value=4),
    steps=st.lists(st.one_of(st.just(("join", 0)), st.tuples(st.just("leave"), st.integers(0, 12))), max_size=25),
)
def test_waiting_list_invariant(make_meeting, activity, capacity, steps):
    """Whatever happens: never more registered than seats; nobody waits while a seat is free; the waiting list
    keeps the order of sign-up."""
    activity.allow_anonymous = True
    activity.save()
    meeting = make_meeting(capacity=capacity)
    joined = []
    for n, (action, index) in enumerate(steps):
        if action == "join":
            joined.append(services.registration_create(meeting=meeting, name=f"P{n}", email=f"p{n}@example.org"))
        elif joined:
            services.registration_cancel(registration=joined[index % len(joined)])
        registered = list(meeting.registrations.filter(status=S.REGISTERED).values_list("position", flat=True))
        waiting = list(meeting.registrations.filter(status=S.WAITING).order_by("position").values_list("pk", flat=True))
        assert len(registered) <= capacity
        assert not waiting or len(registered) == capacity
        # The waiting list is in the order people joined, and everyone with a seat joined before anyone waiting.
        assert waiting == [r.pk for r in joined if r.pk in set(waiting)]
        if waiting and registered:
            assert max(registered) < Registration.objects.get(pk=waiting[0]).position


def test_deleting_an_account_frees_its_seat_for_the_waiting_list(
    meeting, make_user, django_capture_on_commit_callbacks
):
    users = [make_user(None, None, email=f"d{n}@example.org") for n in range(3)]
    for u in users:
        services.registration_create(meeting=meeting, user=u)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        users[0].delete()
    assert list(meeting.registrations.values_list("user_id", "status")) == [
        (users[1].pk, S.REGISTERED),
        (users[2].pk, S.REGISTERED),
    ]
    assert [m.to for m in mail.outbox] == [["d2@example.org"]]
