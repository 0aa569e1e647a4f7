"""Fuzz: random and hostile strings and numbers into every catalogue form and query.

Whatever comes in: never a 500; a refused form stores nothing (400); a stored item holds no control
characters and its page still renders.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from participatiemix.catalogue.models import Experience, LocalInstrument
from tests.catalogue.helpers import make_experience, make_local
from tests.catalogue.test_local import EXPERIENCE, VALID

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = [
    "",
    " ",
    "\x00",
    "\x01\x0b",
    "\u200b\u200b",
    "\u3164",
    "\ufeff",
    "<script>alert(1)</script>",
    "&lt;script&gt;",
    "[x](javascript:alert(1))",
    "\u202egnp.exe",
    "9" * 30,
    "-1",
    "1e9",
    "NaN",
    "0x10",
    "x" * 5000,
    "😀" * 50,
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200), st.integers().map(str))
LOCAL_FIELDS = list(VALID)
EXPERIENCE_FIELDS = list(EXPERIENCE)


def _changes(fields: list[str]):
    return st.dictionaries(st.sampled_from(fields), st.one_of(values, st.lists(values, max_size=3)), max_size=4)


def _assert_clean(obj) -> None:
    for field in obj._meta.get_fields():
        value = getattr(obj, field.name, None) if hasattr(field, "attname") else None
        if isinstance(value, str):
            assert not CONTROL.search(value), (field.name, value)


@FUZZ
@given(changes=_changes(LOCAL_FIELDS))
def test_local_instrument_form_never_fails(staff_client, catalogue, changes):
    response = staff_client.post("/instrumenten/lokaal/nieuw/", VALID | changes)
    try:
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert LocalInstrument.objects.count() == 0
            assert "Controleer deze gegevens" in response.content.decode()
        else:
            local = LocalInstrument.objects.get()
            _assert_clean(local)
            assert staff_client.get(response["Location"]).status_code == 200
            assert staff_client.get("/instrumenten/").status_code == 200
    finally:
        LocalInstrument.objects.all().delete()


@FUZZ
@given(changes=_changes(EXPERIENCE_FIELDS))
def test_experience_form_never_fails(staff_client, catalogue, changes):
    response = staff_client.post("/instrumenten/ervaringen/nieuw/", EXPERIENCE | changes)
    try:
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert Experience.objects.count() == 0
        else:
            experience = Experience.objects.get()
            _assert_clean(experience)
            assert staff_client.get(response["Location"]).status_code == 200
    finally:
        Experience.objects.all().delete()


@FUZZ
@given(changes=_changes(LOCAL_FIELDS))
def test_editing_keeps_the_old_row_when_refused(staff_client, catalogue, organisation, changes):
    local = make_local(organisation)
    try:
        response = staff_client.post("/instrumenten/lokaal/buurtsoep/wijzigen/", VALID | changes)
        assert response.status_code in (302, 400), response.status_code
        refreshed = LocalInstrument.objects.get(pk=local.pk)
        if response.status_code == 400:
            assert refreshed.name_nl == "Buurtsoep" and refreshed.updated_at == local.updated_at  # nothing half-stored
        _assert_clean(refreshed)
        assert refreshed.slug == "buurtsoep" and refreshed.organisation_id == organisation.pk
    finally:
        LocalInstrument.objects.all().delete()


@FUZZ
@given(changes=_changes(EXPERIENCE_FIELDS))
def test_editing_an_experience_never_fails(staff_client, catalogue, organisation, changes):
    experience = make_experience(organisation)
    try:
        response = staff_client.post(f"/instrumenten/ervaringen/{experience.pk}/wijzigen/", EXPERIENCE | changes)
        assert response.status_code in (302, 400), response.status_code
        refreshed = Experience.objects.get(pk=experience.pk)
        if response.status_code == 400:
            assert refreshed.where == "Binnenstad"
        _assert_clean(refreshed)
    finally:
        Experience.objects.all().delete()


QUERY_KEYS = ["fase", "trede", "doel", "bereikt", "democratievorm", "online", "kosten", "zoek", "pagina", "id"]


@FUZZ
@given(query=st.lists(st.tuples(st.sampled_from(QUERY_KEYS), values), max_size=8))
def test_list_and_compare_queries_never_fail(client, catalogue, query):
    for url in ("/instrumenten/", "/instrumenten/vergelijk/"):
        params: dict[str, list[str]] = {}
        for key, value in query:
            params.setdefault(key, []).append(value.replace("\x00", ""))  # a NUL cannot travel in a URL
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, response.status_code)
        response = client.get(url, params, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 400), (url, response.status_code)


@FUZZ
@given(path=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-%.", min_size=1, max_size=80))
@example(path="vergelijk")  # found in CI: /instrumenten/vergelijk/ without ids is the compare page's Dutch 400
def test_any_instrument_address_is_a_page_or_a_404(client, catalogue, path):
    for url in (
        f"/instrumenten/{path}/",
        f"/instrumenten/lokaal/{path}/wijzigen/",
        f"/instrumenten/ervaringen/{path}/verwijderen/",
    ):
        response = client.get(url)
        if path == "vergelijk" and url == "/instrumenten/vergelijk/":
            assert response.status_code == 400 and "Kies minstens 2 instrumenten" in response.content.decode()
        else:
            assert response.status_code in (200, 302, 404), url
