"""The 'Trust first' findings for werksessies, each reproduced as a test.

- Code URLs (projector time and live, GET join, flip-over, ...) had no rate limit: ~124 guesses/s.
- A closed session's notes were still shown to anyone with the code.
- Control characters and invisible-only text reached the database.
"""

import io

import pytest
from django.urls import reverse

from participatiemix.workshop import services, throttle
from participatiemix.workshop.models import Note, Phase
from participatiemix.workshop.views import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_rate_window(monkeypatch):
    """django-ratelimit counts in clock-aligned windows; a slow run that crosses a minute would start afresh."""
    import time
    from types import SimpleNamespace

    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: now))


MISS_LIMIT = min(int(rate.split("/")[0]) for rate in throttle.MISS_RATES)


def wrong_codes(n: int, real: str):
    """n distinct well-formed codes that are not `real`."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    codes = (f"ZZ{a}{b}{c}{d}" for a in alphabet for b in alphabet for c in alphabet for d in alphabet)
    return [c for _, c in zip(range(n + 1), codes, strict=False) if c != real][:n]


CODE_URLS = [
    "workshop:projector_timer",
    "workshop:projector_live",
    "workshop:projector",
    "workshop:join_group",
    "workshop:flipover",
]


@pytest.mark.parametrize("name", CODE_URLS)
def test_guessing_codes_is_stopped_after_a_few_misses(client, running, name):
    statuses = [
        client.get(reverse(name, args=[code])).status_code for code in wrong_codes(MISS_LIMIT + 2, running.code)
    ]
    assert set(statuses[:MISS_LIMIT]) <= {302, 404}, statuses[:MISS_LIMIT]
    assert statuses[-1] == 429
    # Blocked for every code URL, a real code included: a guesser learns nothing more.
    response = client.get(reverse("workshop:projector", args=[running.code]))
    assert response.status_code == 429 and "te veel verzoeken" in response.content.decode()


def test_new_ipv6_addresses_in_one_network_do_not_buy_new_guesses(client, running):
    """A /64 is one home or phone network: rotating addresses inside it keeps the same budget."""
    codes = wrong_codes(MISS_LIMIT + 5, running.code)
    statuses = [
        client.get(reverse("workshop:projector_timer", args=[code]), REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}").status_code
        for i, code in enumerate(codes)
    ]
    assert statuses[:MISS_LIMIT] == [404] * MISS_LIMIT and set(statuses[MISS_LIMIT:]) == {429}
    # A fresh address in that network that tries the real code learns nothing: blocked as well.
    fresh = client.get(reverse("workshop:projector", args=[running.code]), REMOTE_ADDR="2001:db8:1:2::ffff")
    assert fresh.status_code == 429
    other_network = client.get(reverse("workshop:projector", args=[running.code]), REMOTE_ADDR="2001:db8:9::1")
    assert other_network.status_code == 200


def test_guessing_through_the_join_form_counts_too(client, running):
    statuses = [
        client.get(reverse("workshop:join"), {"code": code}).status_code
        for code in [*wrong_codes(MISS_LIMIT - 1, running.code), "abc", "ABCDEF"]
    ]
    assert set(statuses[:-1]) == {400} and statuses[-1] == 429
    assert client.post(reverse("workshop:join"), {"code": running.code}).status_code == 429


def test_a_flood_of_valid_requests_hits_the_ceiling(client, running, monkeypatch):
    monkeypatch.setattr(throttle, "CODE_RATE", "10/m")
    url = reverse("workshop:projector_timer", args=[running.code])
    statuses = [client.get(url).status_code for _ in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429


def test_a_real_room_is_never_limited(client, running, django_user_model):
    """30 phones behind one address poll their flip-over every 3 s, the projector polls every 2 s; a few typos."""
    phones = []
    for i in range(30):
        phone = type(client)()
        if i % 10 == 0:  # some mistype the code first
            assert phone.get(reverse("workshop:join_group", args=["ABCDEF"])).status_code == 404
        phone.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": f"Tafel {i}"})
        phones.append(phone)
    statuses = set()
    live = reverse("workshop:flipover_live", args=[running.code])
    for _second in range(0, 60, 3):  # one minute of polling
        for phone in phones:
            statuses.add(phone.get(live, {"v": "x"}).status_code)
        statuses.add(client.get(reverse("workshop:projector_live", args=[running.code])).status_code)
        statuses.add(client.get(reverse("workshop:projector_timer", args=[running.code])).status_code)
    assert 429 not in statuses and statuses <= {200, 204}


def test_a_closed_session_shows_no_notes_by_code(client, running, staff):
    services.note_add(
        group=services.group_create(workshop=running, name="Noord"),
        question=running.questions.first(),
        text="Geheime notitie",
    )
    member = type(client)()
    member.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": "Zuid"})
    services.note_add(
        group=running.groups.get(name="Zuid"), question=running.questions.first(), text="Onze eigen notitie"
    )
    services.workshop_set_phase(workshop=running, phase=Phase.THREADS)
    services.workshop_set_phase(workshop=running, phase=Phase.CLOSED)
    note = Note.objects.get(text="Onze eigen notitie")
    for c in (client, member):
        for url in (
            reverse("workshop:projector", args=[running.code]),
            reverse("workshop:projector_live", args=[running.code]),
            reverse("workshop:flipover", args=[running.code]),
            reverse("workshop:note_edit", args=[running.code, note.pk]),
        ):
            response = c.get(url, follow=True)
            html = response.content.decode()
            assert "Geheime notitie" not in html and "Onze eigen notitie" not in html, url
    html = member.get(reverse("workshop:flipover", args=[running.code])).content.decode()
    assert "Deze werksessie is gesloten" in html
    assert (
        "Deze werksessie is gesloten" in client.get(reverse("workshop:projector", args=[running.code])).content.decode()
    )
    # A poll from a page that was open: the page reloads itself and then shows that it is closed.
    polled = member.get(reverse("workshop:flipover_live", args=[running.code]), {"v": "old"}, HTTP_HX_REQUEST="true")
    assert polled.status_code == 204 and polled["HX-Refresh"] == "true"
    # Nothing can be changed any more through the code.
    member.post(reverse("workshop:note_edit", args=[running.code, note.pk]), {"text": "Later", "version": note.version})
    assert Note.objects.get(pk=note.pk).text == "Onze eigen notitie"
    # The facilitator still sees everything.
    client.force_login(staff)
    html = client.get(reverse("workshop:projector", args=[running.code])).content.decode()
    assert "Afsluiting: de rode draden" in html and "Deze werksessie is gesloten" not in html
    assert "Geheime notitie" in client.get(reverse("workshop:export", args=[running.pk, "md"])).content.decode()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Eerst\x01 luisteren\x0b", "Eerst luisteren"),
        ("Raad\u202e stelt kaders", "Raad stelt kaders"),
        ("Tab\tblijft", "Tab blijft"),
    ],
)
def test_control_characters_never_reach_the_database_or_the_report(client, running, staff, typed, stored):
    from docx import Document

    client.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": "Tafel\x01 1"})
    assert client.session[SESSION_KEY]
    response = client.post(reverse("workshop:flipover", args=[running.code]), {"question": "1", "text": typed})
    assert response.status_code == 302
    assert Note.objects.get().text == stored
    assert running.groups.get().name == "Tafel 1"
    client.force_login(staff)
    response = client.get(reverse("workshop:export", args=[running.pk, "docx"]))
    assert response.status_code == 200
    assert stored in "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u3164", " \u200d\ufeff ", "\x01\x0b"])
def test_invisible_only_notes_and_names_are_refused(client, running, invisible):
    response = client.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": invisible})
    assert response.status_code == 400 and "De groepsnaam is leeg" in response.content.decode()
    client.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": "Tafel 1"})
    response = client.post(reverse("workshop:flipover", args=[running.code]), {"question": "1", "text": invisible})
    assert response.status_code == 400 and "De notitie is leeg" in response.content.decode()
    assert Note.objects.count() == 0


def test_huge_numbers_in_forms_are_a_clear_message_not_a_500(client, running, staff):
    client.force_login(staff)
    huge = "9" * 40
    for name, data in (
        ("workshop:extend", {"minutes": huge}),
        ("workshop:question", {"number": huge}),
        ("workshop:merge", {"threads": [huge, "1"]}),
    ):
        response = client.post(reverse(name, args=[running.pk]), data, follow=True)
        assert response.status_code == 200, name
    client.logout()
    response = client.post(reverse("workshop:join_group", args=[running.code]), {"action": "existing", "group": huge})
    assert response.status_code == 404
