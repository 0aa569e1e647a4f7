"""Respondents: codes for closed groups, the open resident link, bad input refused with nothing stored."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from participatiemix.mix import scan as mix_scan
from participatiemix.scan import services
from participatiemix.scan.models import AccessCode, AddressTally, Answer, OpenAnswer, Response

pytestmark = pytest.mark.django_db

Q = mix_scan.load_questionnaire()


def full_answers(value: str = "4") -> dict:
    data = {f"q_{item}": value for item in Q.item_ids}
    data["q_rep_council_knows"] = "dk"
    data["q_custom1"] = "2"
    data["t_open_better"] = "Laat weten wat er met onze inbreng is gedaan."
    data["t_custom2"] = "Luister naar de dorpen."
    return data


def make_codes(staff_client, scan_round, group: str, count: int = 3) -> list[str]:
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/codes/{group}/", {"count": count})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["code", "groep", "link"]
    return [row[0] for row in rows[1:]]


def test_codes_are_exported_once_and_stored_only_as_hashes(staff_client, scan_round):
    codes = make_codes(staff_client, scan_round, "council", 5)
    assert len(codes) == len(set(codes)) == 5
    assert all(len(c) == 11 and c[5] == "-" for c in codes)
    stored = list(AccessCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 5 and all(len(h) == 64 for h in stored)
    assert not any(services.normalise_code(c) in h for c in codes for h in stored)
    # Residents use the open link: no codes for them.
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/codes/residents/", {"count": 3}, follow=True)
    assert "geen codes nodig" in response.content.decode()
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/codes/council/", {"count": 501}, follow=True)
    assert "Kies hoogstens 500 codes per keer." in response.content.decode()
    assert AccessCode.objects.count() == 5


def test_council_member_answers_with_a_code_once(client, staff_client, scan_round, group):
    code = make_codes(staff_client, scan_round, "council")[0]
    url = group("council").get_absolute_url()
    page = client.get(url)
    assert "Uw code" in page.content.decode()
    step = client.post(url, {"step": "code", "code": code.lower().replace("-", " ")})
    assert step.status_code == 200
    html = step.content.decode()
    assert "Deel 1 van 13" in html and 'name="code"' in html
    done = client.post(url, {"step": "answers", "code": code, **full_answers()})
    assert done.status_code == 302 and done["Location"].endswith("/bedankt/")
    response = Response.objects.get()
    assert response.round_group.group == "council"
    assert Answer.objects.filter(response=response).count() == len(Q.item_ids) + 1
    assert Answer.objects.get(item="rep_council_knows").value is None
    assert set(OpenAnswer.objects.values_list("question", flat=True)) == {"open_better", "custom2"}
    assert AccessCode.objects.filter(used=True).count() == 1
    # No link from code to answers: a response has no code, no time of day, no user.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "round_group",
        "submitted_on",
        "questionnaire_version",
        "answers",
        "open_answers",
    }

    again = client.post(url, {"step": "code", "code": code})
    assert again.status_code == 400
    assert "Met deze code is de vragenlijst al ingevuld" in again.content.decode()
    replay = client.post(url, {"step": "answers", "code": code, **full_answers()})
    assert replay.status_code == 400 and Response.objects.count() == 1


def test_unknown_code_and_code_of_another_group_are_refused(client, staff_client, scan_round, group):
    staff_code = make_codes(staff_client, scan_round, "staff")[0]
    url = group("council").get_absolute_url()
    for code in ("ABCDE-FGH23", staff_code):
        response = client.post(url, {"step": "code", "code": code})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Deze code kennen we niet." in html
        assert 'aria-invalid="true"' in html and 'aria-describedby="id_code_helptext id_code_error"' in html
    empty = client.post(url, {"step": "code", "code": ""})
    assert "Vul de code in die u bij de uitnodiging heeft gekregen." in empty.content.decode()
    assert Response.objects.count() == 0


def test_expired_code_after_the_round_closed(client, staff_client, scan_round, group):
    code = make_codes(staff_client, scan_round, "executive")[0]
    services.round_close(scan_round=scan_round)
    url = group("executive").get_absolute_url()
    response = client.post(url, {"step": "answers", "code": code, **full_answers()})
    assert response.status_code == 400
    assert "Deze code is verlopen: de zelfscan is gesloten." in response.content.decode()
    assert Response.objects.count() == 0 and not AccessCode.objects.filter(used=True).exists()
    page = client.get(url)
    assert page.status_code == 410 and "Deze zelfscan is gesloten." in page.content.decode()


def test_round_not_yet_open_and_unknown_link(client, scan_round, group):
    scan_round.opens_on = timezone.localdate() + dt.timedelta(days=3)
    scan_round.save()
    page = client.get(group("residents").get_absolute_url())
    assert "Deze zelfscan begint op" in page.content.decode()
    post = client.post(group("residents").get_absolute_url(), full_answers())
    assert "Deze zelfscan begint op" in post.content.decode() and Response.objects.count() == 0
    missing = client.get("/zelfscan/doe-mee/onbekend/")
    assert missing.status_code == 404 and "Deze link kennen we niet" in missing.content.decode()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            {"q_par_room": "9"},
            "&#x27;9&#x27; is geen geldig antwoord. Kies 1 tot en met 5 of &#x27;weet ik niet&#x27;.",
        ),
        ({"q_par_room": "-1"}, "is geen geldig antwoord"),
        ({"q_vraag_die_niet_bestaat": "3"}, "Het formulier bevat een vraag die niet in deze zelfscan staat"),
        ({"q_custom3": "3"}, "Het formulier bevat een vraag die niet in deze zelfscan staat"),
        ({"t_open_good": "x" * 1001}, "Het mag hoogstens 1000 tekens zijn."),
    ],
)
def test_tampered_form_is_refused_and_nothing_is_stored(client, scan_round, group, tamper, message):
    url = group("residents").get_absolute_url()
    response = client.post(url, {**full_answers(), **tamper})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Uw antwoorden zijn nog niet verstuurd" in html
    # The answers given so far are kept on the page, so nothing has to be filled in again.
    assert 'id="q_can_skills-4" value="4" checked' in html
    assert Response.objects.count() == Answer.objects.count() == AddressTally.objects.count() == 0


def test_error_on_a_statement_is_linked_to_its_radio_group(client, scan_round, group):
    response = client.post(group("residents").get_absolute_url(), {"q_par_room": "7"})
    html = response.content.decode()
    assert 'id="fs-q_par_room" aria-describedby="err-q_par_room"' in html
    assert '<a class="utrecht-link" href="#fs-q_par_room">' in html


def test_submission_is_all_or_nothing(client, staff_client, scan_round, group, monkeypatch):
    code = make_codes(staff_client, scan_round, "staff")[0]

    def fail(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(OpenAnswer.objects, "bulk_create", fail)
    client.raise_request_exception = False
    response = client.post(group("staff").get_absolute_url(), {"step": "answers", "code": code, **full_answers()})
    assert response.status_code == 500 and "schijf vol" not in response.content.decode()
    assert Response.objects.count() == Answer.objects.count() == 0
    assert not AccessCode.objects.filter(used=True).exists()  # the code can still be used


def test_resident_answers_once_per_browser_and_a_shared_computer_can_go_on(client, scan_round, group):
    url = group("residents").get_absolute_url()
    first = client.post(url, full_answers(), HTTP_USER_AGENT="Telefoon 1", REMOTE_ADDR="10.0.0.7")
    assert first.status_code == 302 and Response.objects.count() == 1
    tally = AddressTally.objects.get()
    assert tally.answers == 1 and "10.0.0.7" not in tally.digest and len(tally.digest) == 64
    # Same browser: the signed cookie says it is done, and the page says what a second person can do.
    again = client.get(url).content.decode()
    assert "U heeft al meegedaan" in again and "Deelt u deze computer?" in again
    assert client.post(url, full_answers()).status_code == 409
    # Someone else on this computer (a library): the cookie goes, the questionnaire opens, the answer counts.
    other_person = client.get(url + "?iemand-anders=1")
    assert "Deel 1 van 13" in other_person.content.decode()
    assert other_person.cookies[f"pmx_scan_{group('residents').token[:10]}"]["max-age"] == 0
    second = client.post(url, full_answers("2"), HTTP_USER_AGENT="Telefoon 1", REMOTE_ADDR="10.0.0.7")
    assert second.status_code == 302 and Response.objects.count() == 2
    # Same phone type on the same Wi-Fi in a fresh browser: welcome (no hour-long lock-out any more).
    client.cookies.clear()
    third = client.post(url, full_answers("3"), HTTP_USER_AGENT="Telefoon 1", REMOTE_ADDR="10.0.0.7")
    assert third.status_code == 302 and AddressTally.objects.get().answers == 3
    # A forged cookie is ignored (signature check) and does not block anyone.
    client.cookies.clear()
    client.cookies[f"pmx_scan_{group('residents').token[:10]}"] = "1"
    assert "Deel 1 van 13" in client.get(url).content.decode()


def test_at_most_ten_answers_per_address_per_day(client, scan_round, group):
    url = group("residents").get_absolute_url()
    for _ in range(services.ADDRESS_DAILY_LIMIT):
        client.cookies.clear()
        assert client.post(url, full_answers(), REMOTE_ADDR="10.0.0.8").status_code == 302
    client.cookies.clear()
    refused = client.post(url, full_answers(), REMOTE_ADDR="10.0.0.8")
    assert refused.status_code == 400 and "al 10 antwoorden gegeven" in refused.content.decode()
    assert Response.objects.count() == services.ADDRESS_DAILY_LIMIT
    # Another address is not affected.
    assert client.post(url, full_answers(), REMOTE_ADDR="10.0.0.9").status_code == 302
    # The next day the count starts again, with a new key: yesterday's digests are gone.
    yesterday_salt = scan_round.__class__.objects.get(pk=scan_round.pk).tally_salt
    scan_round.__class__.objects.filter(pk=scan_round.pk).update(tally_day=timezone.localdate() - dt.timedelta(days=1))
    client.cookies.clear()
    assert client.post(url, full_answers(), REMOTE_ADDR="10.0.0.8").status_code == 302
    assert AddressTally.objects.count() == 1 and AddressTally.objects.get().answers == 1
    assert scan_round.__class__.objects.get(pk=scan_round.pk).tally_salt != yesterday_salt


def test_rate_limit_on_code_guessing(client, scan_round, group, frozen_rate_clock):
    url = group("council").get_absolute_url()
    statuses = [client.post(url, {"step": "code", "code": f"AAAAA-AAAA{i % 10}"}).status_code for i in range(12)]
    assert statuses[:10] == [400] * 10
    assert statuses[-1] == 429
    assert "U heeft te veel verzoeken kort na elkaar gedaan" in client.post(url, {"code": "x"}).content.decode()


def test_thanks_page(client, scan_round, group):
    response = client.get(group("residents").get_absolute_url() + "bedankt/")
    assert "Dank u wel!" in response.content.decode()


def test_questionnaire_in_english(client, scan_round, group):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(group("residents").get_absolute_url()).content.decode()
    assert '<html lang="en"' in html
    assert "Part 1 of 13" in html and "Strongly disagree" in html
    assert "It is clear how decisions are made in our municipality." in html
    assert "Send answers" in html and "Don&#x27;t know" in html
