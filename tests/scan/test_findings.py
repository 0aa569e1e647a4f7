"""The zelfscan findings of issue 'Trust first', each reproduced: control characters, far dates, rate limits."""

import datetime as dt
import io

import docx
import pytest
from django.utils import timezone

from participatiemix.scan import demo
from participatiemix.scan.models import CustomQuestion, OpenAnswer, Priority, Response, ScanRound

pytestmark = pytest.mark.django_db


def round_data(**extra) -> dict:
    today = timezone.localdate()
    data = {
        "municipality": "Noorderveld",
        "title": "Zelfscan",
        "groups": ["residents"],
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=20)).isoformat(),
        **{f"custom_{n}_kind": "likert" for n in range(1, 5)},
    }
    data.update(extra)
    return data


def test_control_characters_in_an_open_answer_are_not_stored_and_the_report_opens(
    client, staff_client, scan_round, group
):
    url = group("residents").get_absolute_url()
    hostile = "Meer\x01 inspraak\x0b voor \u202ejongeren\x00\ttoch"
    response = client.post(
        url, {"q_par_room": "4", "t_open_better": hostile, "t_open_good": "\u200b\u200b", "action": "confirm"}
    )
    assert response.status_code == 302
    stored = OpenAnswer.objects.get()  # the zero-width-only answer counts as no answer
    assert stored.question == "open_better" and stored.text == "Meer inspraak voor jongeren toch"
    demo.fill_round(scan_round=scan_round, counts={"residents": 8}, seed=2)
    report = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.docx")
    assert report.status_code == 200
    paragraphs = docx.Document(io.BytesIO(report.content)).paragraphs
    assert "Meer inspraak voor jongeren" in "\n".join(p.text for p in paragraphs)


def test_report_survives_control_characters_stored_before_the_fix(staff_client, scan_round):
    """Old rows were stored uncleaned: the DOCX export then answered 500 for the whole round."""
    demo.fill_round(scan_round=scan_round, counts={"residents": 8}, seed=2, open_rate=0)
    response = Response.objects.filter(round_group__round=scan_round).first()
    OpenAnswer.objects.create(response=response, question="open_better", text="Oude\x01 tekst\x0b met \x1ftekens")
    CustomQuestion.objects.filter(round=scan_round, kind="likert").update(text="Eigen\x0c vraag")
    Priority.objects.create(round=scan_round, dimension="inclusion", note="Noot\x08 met teken")
    ScanRound.objects.filter(pk=scan_round.pk).update(title="Ronde\x01 oud", municipality="Gemeente\x02")
    for fmt in ("docx", "pdf"):
        report = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.{fmt}")
        assert report.status_code == 200, fmt
    text = "\n".join(
        p.text
        for p in docx.Document(
            io.BytesIO(staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.docx").content)
        ).paragraphs
    )
    assert "Oude tekst met tekens" in text and "Noot met teken" in text
    assert staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/resultaten/").status_code == 200


def test_a_round_closing_on_9999_12_31_takes_answers_without_an_error(client, scan_round, group):
    """The resident's answer was stored, then the thank-you cookie's expiry overflowed: a 500."""
    ScanRound.objects.filter(pk=scan_round.pk).update(closes_on=dt.date(9999, 12, 31))
    url = group("residents").get_absolute_url()
    response = client.post(url, {"q_par_room": "4", "action": "confirm"})
    assert response.status_code == 302 and Response.objects.count() == 1
    cookie = response.cookies[f"pmx_scan_{group('residents').token[:10]}"]
    assert cookie["max-age"] == 400 * 86400
    assert "U heeft al meegedaan" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"closes_on": "9999-12-31"}, "Een ronde duurt hoogstens vijf jaar."),
        ({"opens_on": "9999-12-01", "closes_on": "9999-12-31"}, "De begindatum ligt te ver weg."),
        ({"opens_on": "0001-01-01"}, "Een ronde duurt hoogstens vijf jaar."),
        ({"closes_on": "99999-01-01"}, "Vul een datum in, bijvoorbeeld 2027-03-31."),
        ({"opens_on": "2027-02-30"}, "Vul een datum in, bijvoorbeeld 2027-03-01."),
    ],
)
def test_round_form_refuses_dates_that_make_no_sense(staff_client, dates, message):
    response = staff_client.post("/zelfscan/nieuw/", round_data(**dates))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ScanRound.objects.count() == 0


def test_round_form_cleans_text_and_refuses_invisible_names(staff_client):
    invisible = staff_client.post("/zelfscan/nieuw/", round_data(municipality="\u200b\u200d\u2060", title="\u3164"))
    html = invisible.content.decode()
    assert invisible.status_code == 400
    assert "Vul de naam van de gemeente in." in html and "Geef de ronde een naam." in html
    created = staff_client.post(
        "/zelfscan/nieuw/",
        round_data(
            municipality="Noord\x01erveld", title="Scan\x0b 2027", custom_1_text="\u200b", custom_2_text="Vraag\x01"
        ),
    )
    assert created.status_code == 302
    scan_round = ScanRound.objects.get()
    assert (scan_round.municipality, scan_round.title) == ("Noorderveld", "Scan 2027")
    assert list(scan_round.custom_questions.values_list("text", flat=True)) == ["Vraag"]


def test_every_link_with_a_token_is_rate_limited_per_address(client, scan_round, group, frozen_rate_clock):
    url = group("residents").get_absolute_url()
    statuses = [client.get(url, REMOTE_ADDR="10.9.9.9").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429
    assert client.get(url + "bedankt/", REMOTE_ADDR="10.9.9.9").status_code == 429
    assert client.get("/zelfscan/doe-mee/geraden-token/", REMOTE_ADDR="10.9.9.9").status_code == 429
    blocked = client.post(url, {"q_par_room": "4", "action": "confirm"}, REMOTE_ADDR="10.9.9.9")
    assert blocked.status_code == 429 and Response.objects.count() == 0
    assert "U heeft te veel verzoeken kort na elkaar gedaan" in blocked.content.decode()
    # Another address is not held back.
    assert client.get(url, REMOTE_ADDR="10.9.9.10").status_code == 200


def test_token_guessing_is_rate_limited_too(client, scan_round, frozen_rate_clock):
    statuses = [client.get(f"/zelfscan/doe-mee/gok{n}/", REMOTE_ADDR="10.8.8.8").status_code for n in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 429


@pytest.mark.parametrize(
    ("url_of", "data"),
    [
        (lambda g: "/zelfscan/nieuw/", {"municipality": "x" * 1_000_000, "title": "y" * 1_000_000}),
        (lambda g: g("council").get_absolute_url(), {"step": "code", "code": "Z" * 1_000_000}),
        (lambda g: g("residents").get_absolute_url(), {"q_par_room": "4", "t_open_better": "w" * 1_000_000}),
    ],
)
def test_a_refused_huge_value_is_not_echoed_back_whole(staff_client, client, group, url_of, data):
    poster = staff_client if url_of(group) == "/zelfscan/nieuw/" else client
    empty_page = len(poster.get(url_of(group)).content)
    response = poster.post(url_of(group), data)
    assert response.status_code == 400
    assert len(response.content) < empty_page + 10_000  # the form again, with at most a few KB of the value
    assert ScanRound.objects.count() == 1 and Response.objects.count() == 0
