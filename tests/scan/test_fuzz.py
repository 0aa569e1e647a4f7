"""Fuzzing the zelfscan forms (hypothesis): random and hostile strings and numbers at every form.

Asserted for every example: never a 500; a refused form stores nothing (no half response, no half round);
an accepted one stores exactly one thing; the pages still render and the report still opens afterwards.
"""

import datetime as dt
import io
import itertools

import docx
import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from participatiemix.mix import scan as mix_scan
from participatiemix.scan.forms import CodesForm
from participatiemix.scan.models import AccessCode, Answer, OpenAnswer, Priority, Response, ScanRound
from participatiemix.scan.services import MAX_CODES_PER_BATCH

pytestmark = pytest.mark.django_db

Q = mix_scan.load_questionnaire()
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text people (and attackers) type: controls, zero-width and bidi characters, markup, very long runs.
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x01",
        "\x0b",
        "\x1f",
        "\x7f",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\u3164",
        "<script>alert(1)</script>",
        "&lt;b&gt;",
        "javascript:alert(1)",
        "' OR 1=1 --",
        "{{ 7*7 }}",
        "%(x)s",
        "9" * 40,
        "-1",
        "1e309",
        "NaN",
    ]
)
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.lists(HOSTILE, min_size=1, max_size=4).map("".join),
    st.text(max_size=1).map(lambda s: s * 1200),
)
LIKERT_VALUE = st.one_of(st.sampled_from(["1", "2", "3", "4", "5", "dk", ""]), TEXT)
addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))


def _client() -> Client:
    return Client(raise_request_exception=False)


def _fresh() -> None:
    cache.clear()  # rate limits would end the fuzzing early


def _counts() -> tuple[int, int, int]:
    return Response.objects.count(), Answer.objects.count(), OpenAnswer.objects.count()


@FUZZ
@given(
    likert=st.dictionaries(st.sampled_from([*Q.item_ids[:6], "custom1", "x", "custom9"]), LIKERT_VALUE, max_size=6),
    texts=st.dictionaries(st.sampled_from(["open_good", "open_better", "custom2", "nope"]), TEXT, max_size=3),
)
def test_respond_open_link(scan_round, group, likert, texts):
    _fresh()
    url = group("residents").get_absolute_url()
    data = {f"q_{k}": v for k, v in likert.items()} | {f"t_{k}": v for k, v in texts.items()}
    before = _counts()
    response = _client().post(url, data | {"action": "confirm"}, REMOTE_ADDR=next(addresses))
    assert response.status_code in (302, 400), response.status_code
    after = _counts()
    if response.status_code == 400:
        assert after == before, "a refused answer stored something"
    else:
        assert after[0] == before[0] + 1
    for text in OpenAnswer.objects.values_list("text", flat=True):
        assert not any(ch in text for ch in "\x00\x01\x0b\x1f\x7f\u202e\u2066")
        assert text.strip()


@FUZZ
@given(code=TEXT, step=st.sampled_from(["code", "answers", "", "x"]), answer=LIKERT_VALUE)
def test_code_entry(scan_round, group, code, step, answer):
    _fresh()
    before = _counts()
    response = _client().post(group("council").get_absolute_url(), {"step": step, "code": code, "q_par_room": answer})
    assert response.status_code in (200, 400), response.status_code
    assert _counts() == before  # no valid code was ever given


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {
            "municipality": TEXT,
            "title": TEXT,
            "opens_on": st.one_of(TEXT, st.dates().map(dt.date.isoformat)),
            "closes_on": st.one_of(TEXT, st.dates().map(dt.date.isoformat)),
            "custom_1_text": TEXT,
            "custom_1_kind": st.one_of(st.sampled_from(["likert", "open"]), TEXT),
        }
    ),
    groups=st.lists(st.one_of(st.sampled_from(["council", "residents", "staff"]), TEXT), max_size=3),
)
def test_round_form(staff_client, fields, groups):
    before = ScanRound.objects.count()
    response = staff_client.post("/zelfscan/nieuw/", {**fields, "groups": groups})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert ScanRound.objects.count() == before
        return
    scan_round = ScanRound.objects.order_by("-created_at", "-pk").first()
    assert scan_round.municipality.strip() and scan_round.title.strip()
    assert (scan_round.closes_on - scan_round.opens_on).days <= 5 * 366
    assert staff_client.get(scan_round.get_absolute_url()).status_code == 200


@FUZZ
@given(
    count=st.one_of(TEXT, st.integers(min_value=-(10**30), max_value=10**30).map(str)),
    group_name=st.sampled_from(["council", "residents", "nope"]),
)
@example(count="25", group_name="council")  # the download branch runs every time
@example(count="501", group_name="council")
def test_codes_form(staff_client, scan_round, count, group_name):
    before = AccessCode.objects.count()
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/codes/{group_name}/", {"count": count})
    assert response.status_code in (200, 302, 404), response.status_code
    added = AccessCode.objects.count() - before
    form = CodesForm({"count": count})
    valid = group_name == "council" and form.is_valid()
    if response.status_code != 200:
        assert added == 0 and not valid, (count, group_name)
        return
    # A download: exactly the codes asked for, one CSV row each (after the header), all stored.
    assert valid and added == form.cleaned_data["count"] and 1 <= added <= MAX_CODES_PER_BATCH
    rows = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    assert len(rows.strip().splitlines()) == added + 1


@FUZZ
@given(
    chosen=st.lists(st.one_of(st.sampled_from([d.id for d in Q.dimensions]), TEXT), max_size=4),
    note=TEXT,
    met=TEXT,
)
def test_agenda_and_compare(staff_client, scan_round, chosen, note, met):
    before = list(Priority.objects.values_list("dimension", "note"))
    data = {"priority": chosen} | {f"note_{d}": note for d in chosen if isinstance(d, str)}
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/", data)
    # 400: Django refuses a field name longer than a request header may be (a 1200-character dimension).
    assert response.status_code in (302, 400), response.status_code
    known = {d.id for d in Q.dimensions}
    if response.status_code == 400 or not set(chosen) <= known:
        assert list(Priority.objects.values_list("dimension", "note")) == before  # all or nothing
    assert staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/").status_code == 200
    compare = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/vergelijken/", {"met": met})
    assert compare.status_code in (200, 302, 400)


def test_after_the_fuzzing_the_report_still_opens(staff_client, scan_round, group):
    """A last round of hostile answers, then every page and both report formats."""
    from participatiemix.scan import demo

    demo.fill_round(scan_round=scan_round, counts={"residents": 8, "council": 5}, seed=1)
    url = group("residents").get_absolute_url()
    for n, hostile in enumerate(["\x01\x0b<script>", "\u202e\u200bTekst", "&lt;b&gt;" * 100, "javascript:x"]):
        _client().post(
            url, {"q_par_room": "3", "t_open_better": hostile, "action": "confirm"}, REMOTE_ADDR=f"10.7.0.{n}"
        )
    for suffix in ("", "resultaten/", "verbeteragenda/", "vergelijken/"):
        assert staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/{suffix}").status_code in (200, 302)
    report = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.docx")
    assert report.status_code == 200
    docx.Document(io.BytesIO(report.content))
    assert staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.pdf").status_code == 200
    assert OpenAnswer.objects.filter(text="<script>").exists()  # kept as typed, minus controls; escaped on output
    assert "&lt;script&gt;" in staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/resultaten/").content.decode()
