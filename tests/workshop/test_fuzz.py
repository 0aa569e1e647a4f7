"""Hostile and random input at every werksessie form: never a 500, nothing half-stored, pages and reports still open.

Each hypothesis example posts through the real views (CleanForm, services) as a facilitator or a group.
"""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.site.text import clean_text
from participatiemix.workshop.models import Group, Note, Question, Workshop
from participatiemix.workshop.views import SESSION_KEY

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "\x00",
    "\x01\x0b\x0c",
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    "\u3164",
    "<script>alert(1)</script>",
    "&lt;script&gt;",
    "javascript:alert(1)",
    "[klik](javascript:alert(1))",
    "9" * 40,
    "-1",
    "0",
    "1e9",
    "0x10",
    "١٢",
    "𝟙𝟚",
    "a" * 6000,
    "Ω≈ç√∫˜µ≤≥÷ 🎉 \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "'; DROP TABLE workshop_note; --",
    "%s %(x)s {0} {{ x }}",
]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
NUMBER = st.one_of(st.sampled_from(HOSTILE), st.integers(min_value=-(10**30), max_value=10**30).map(str))
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {"\x7f", "\u202e"}


def _clean(value: str) -> bool:
    return not (set(value) & CONTROL)


@pytest.fixture
def facilitator(client, staff):
    client.force_login(staff)
    return client


@FUZZ
@given(title=TEXT, case=TEXT, q1=TEXT, q2=TEXT, minutes=NUMBER, count=NUMBER)
def test_setup_form(facilitator, title, case, q1, q2, minutes, count):
    before = (Workshop.objects.count(), Question.objects.count())
    data = {
        "title": title,
        "case_text": case,
        "question_1": q1,
        "question_2": q2,
        "question_3": "Wat vraagt het?",
        "group_minutes": minutes,
        "rondgang_minutes": "10",
        "group_count": count,
    }
    response = facilitator.post(reverse("workshop:create"), data)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert (Workshop.objects.count(), Question.objects.count()) == before, "half stored"
        assert "Controleer deze gegevens" in response.content.decode()
        return
    workshop = Workshop.objects.latest("pk")
    assert workshop.questions.count() == 3
    assert all(
        _clean(v) for v in (workshop.title, workshop.case_text, *workshop.questions.values_list("text", flat=True))
    )
    assert facilitator.get(workshop.get_absolute_url()).status_code == 200
    for fmt in ("md", "docx"):
        assert facilitator.get(reverse("workshop:export", args=[workshop.pk, fmt])).status_code == 200


@FUZZ
@given(code=TEXT, method=st.sampled_from(["GET", "POST"]))
def test_join_code(client, running, code, method):
    cache.clear()
    call = client.get if method == "GET" else client.post
    response = call(reverse("workshop:join"), {"code": code})
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 302:
        assert response["Location"].endswith(f"/doe-mee/{running.code}/")


@FUZZ
@given(name=TEXT, note=TEXT, question=NUMBER, version=NUMBER, group=NUMBER)
def test_group_and_notes(client, running, name, note, question, version, group):
    cache.clear()
    groups_before = Group.objects.count()
    join = reverse("workshop:join_group", args=[running.code])
    response = client.post(join, {"action": "existing", "group": group})
    assert response.status_code in (302, 404), response.status_code
    response = client.post(join, {"action": "new", "name": name})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert Group.objects.count() == groups_before
        response = client.post(join, {"action": "new", "name": f"Tafel {groups_before}"})
    group_obj = Group.objects.get(pk=client.session[SESSION_KEY][running.code])
    assert _clean(group_obj.name)

    notes_before = Note.objects.count()
    flipover = reverse("workshop:flipover", args=[running.code])
    response = client.post(flipover, {"question": question, "text": note})
    assert response.status_code in (200, 302, 400), response.status_code
    added = Note.objects.count() - notes_before
    assert added in (0, 1)
    if added:
        stored = Note.objects.latest("pk")
        assert stored.text == clean_text(note) and _clean(stored.text)
        edit = reverse("workshop:note_edit", args=[running.code, stored.pk])
        response = client.post(edit, {"text": note[::-1], "version": version})
        assert response.status_code in (200, 302, 400, 409), response.status_code
        assert _clean(Note.objects.get(pk=stored.pk).text)
    assert client.get(flipover).status_code == 200


def test_fuzzed_session_report_still_opens(facilitator, running):
    """After hostile notes, every export of the session opens."""
    from docx import Document

    from participatiemix.workshop import services

    group = services.group_create(workshop=running, name="Tafel \x01")
    question = running.questions.first()
    for text in ("Eerst\x0b luisteren", "Raad \u202ebeslist", "Ω≈ç√ 🎉", "'; DROP TABLE --"):
        services.note_add(group=group, question=question, text=text)
    docx = facilitator.get(reverse("workshop:export", args=[running.pk, "docx"]))
    assert "Eerst luisteren" in "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert facilitator.get(reverse("workshop:export", args=[running.pk, "pdf"])).content.startswith(b"%PDF")
    assert "Raad beslist" in facilitator.get(reverse("workshop:export", args=[running.pk, "md"])).content.decode()
