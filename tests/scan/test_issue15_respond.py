"""Issue 15, items 1-4: a resident never loses answers.

Sending is an explicit step (unanswered statements are shown and must be confirmed), a server-side draft per
browser session survives a reload and a language switch, a refused resident reads what to do, and respondents
get a calm page with the municipality's name instead of the staff navigation."""

import re

import pytest

from participatiemix.mix import scan as mix_scan
from participatiemix.scan import services
from participatiemix.scan.models import Response

pytestmark = pytest.mark.django_db

Q = mix_scan.load_questionnaire()


def full_answers(value: str = "4") -> dict:
    data = {f"q_{item}": value for item in Q.item_ids}
    data["q_custom1"] = "2"
    return data


def test_a_half_filled_form_is_not_sent_without_confirmation(client, group):
    url = group("residents").get_absolute_url()
    # "send" (also when a browser posts without a button, e.g. after Enter) only asks: nothing is stored.
    for data in ({"q_par_room": "4"}, {"q_par_room": "4", "action": "send"}):
        page = client.post(url, data)
        html = page.content.decode()
        assert page.status_code == 200 and Response.objects.count() == 0
        assert "Wilt u nu versturen?" in html
        assert f"U heeft {len(Q.item_ids)} stellingen nog niet beantwoord" in html  # 41 statements, 1 answered
        assert 'id="q_par_room-4" value="4" checked' in html
        assert 'value="confirm"' in html
    # Confirming sends what was given.
    done = client.post(url, {"q_par_room": "4", "action": "confirm"})
    assert done.status_code == 302 and Response.objects.count() == 1


def test_a_complete_form_is_sent_at_once(client, group):
    done = client.post(group("residents").get_absolute_url(), {**full_answers(), "action": "send"})
    assert done.status_code == 302 and Response.objects.count() == 1


def test_enter_in_an_answer_field_has_no_button_to_press(client, group):
    """The form's default button (the first submit button in tree order) is disabled: Enter sends nothing."""
    html = client.get(group("residents").get_absolute_url()).content.decode()
    buttons = re.findall(r"<button[^>]*>", html)
    form_buttons = [b for b in buttons if 'form="scan-form"' in b or 'name="action"' in b]
    first = form_buttons[0]
    assert "disabled" in first and "hidden" in first and 'value="none"' in first
    assert re.search(r'<button[^>]*type="submit"[^>]*>', html.split('id="scan-form"')[0]).group(0) == first


def test_save_keeps_a_draft_and_sends_nothing(client, group):
    url = group("residents").get_absolute_url()
    saved = client.post(url, {"q_par_room": "2", "t_open_better": "Meer uitleg", "action": "save"})
    html = saved.content.decode()
    assert saved.status_code == 200 and Response.objects.count() == 0
    assert "Ze zijn nog niet verstuurd" in html or "Het is nog niet verstuurd" in html
    # A reload (a new GET in the same browser session) shows the answers again.
    again = client.get(url).content.decode()
    assert 'id="q_par_room-2" value="2" checked' in again and "Meer uitleg</textarea>" in again


def test_the_language_switch_keeps_the_answers(client, group):
    url = group("residents").get_absolute_url()
    switched = client.post(url, {"q_par_room": "5", "t_open_good": "De inloopavond", "action": "lang-en"})
    assert switched.status_code == 302 and switched["Location"] == url and Response.objects.count() == 0
    html = client.get(url).content.decode()
    assert '<html lang="en"' in html and "Part 1 of 13" in html
    assert 'id="q_par_room-5" value="5" checked' in html and "De inloopavond</textarea>" in html
    # And back to Dutch, still kept; after sending the draft is gone.
    client.post(url, {"q_par_room": "5", "action": "lang-nl"})
    assert 'id="q_par_room-5" value="5" checked' in client.get(url).content.decode()
    assert client.post(url, {"q_par_room": "5", "action": "confirm"}).status_code == 302
    client.cookies.pop(f"pmx_scan_{group('residents').token[:10]}")
    assert "checked" not in client.get(url).content.decode()


def test_the_language_switch_keeps_the_code_and_the_answers(client, staff_client, scan_round, group):
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/codes/council/", {"count": 1})
    code = response.content.decode("utf-8-sig").splitlines()[1].split(";")[0]
    url = group("council").get_absolute_url()
    assert "Deel 1 van 13" in client.post(url, {"step": "code", "code": code}).content.decode()
    client.post(url, {"step": "answers", "code": code, "q_par_room": "1", "action": "lang-en"})
    html = client.get(url).content.decode()
    assert "Part 1 of 13" in html and 'id="q_par_room-1" value="1" checked' in html


def test_a_draft_belongs_to_one_browser_session(client, django_user_model, group):
    from django.test import Client

    url = group("residents").get_absolute_url()
    client.post(url, {"q_par_room": "2", "action": "save"})
    assert "checked" not in Client().get(url).content.decode()
    # "Ik ben iemand anders" on a shared computer starts empty.
    assert "checked" not in client.get(url + "?iemand-anders=1").content.decode()


def test_refused_pages_explain_what_to_do(client, group):
    url = group("residents").get_absolute_url()
    assert client.post(url, {**full_answers(), "action": "confirm"}).status_code == 302
    html = client.get(url).content.decode()
    assert "Deelt u deze computer?" in html and "Ik ben iemand anders en wil ook meedoen" in html
    assert "Waarom ziet u dit?" in html
    assert f"hoogstens {services.ADDRESS_DAILY_LIMIT} mensen meedoen" in html and "mobiele data" in html


def test_the_address_limit_keeps_the_answers_and_says_so(client, group):
    url = group("residents").get_absolute_url()
    for _ in range(services.ADDRESS_DAILY_LIMIT):
        client.cookies.clear()
        assert client.post(url, {**full_answers(), "action": "confirm"}, REMOTE_ADDR="10.0.0.8").status_code == 302
    client.cookies.clear()
    refused = client.post(url, {"q_par_room": "3", "action": "confirm"}, REMOTE_ADDR="10.0.0.8")
    html = refused.content.decode()
    assert refused.status_code == 400 and "mobiele data" in html
    assert "Ze zijn bewaard en gaan niet verloren" in html and 'id="q_par_room-3" value="3" checked' in html


def test_respondent_pages_are_calm_and_name_the_municipality(client, staff_client, scan_round, group, organisation):
    for url in (group("residents").get_absolute_url(), group("council").get_absolute_url()):
        html = client.get(url).content.decode()
        assert organisation.name in html.split("</header>")[0]
        for staff_word in ("Werksessies", "Plannen", "Inloggen", "Hoofdmenu"):
            assert staff_word not in html
    html = client.get(group("residents").get_absolute_url()).content.decode()
    assert "Deel 3 van 13" in html


def test_thanks_page_says_when_and_where_results_are_shared(client, staff_client, scan_round, group):
    default = client.get(group("residents").get_absolute_url() + "bedankt/").content.decode()
    assert "Wanneer hoort u de uitkomsten?" in default and "Werksessies" not in default
    scan_round.results_shared = "Op 12 mei in de raadzaal en daarna op www.voorbeeld.nl/zelfscan."
    scan_round.save()
    html = client.get(group("residents").get_absolute_url() + "bedankt/").content.decode()
    assert "Op 12 mei in de raadzaal" in html


def test_the_trekker_sets_where_results_are_shared(staff_client):
    import datetime as dt

    from django.utils import timezone

    from participatiemix.scan.models import ScanRound

    today = timezone.localdate()
    response = staff_client.post(
        "/zelfscan/nieuw/",
        {
            "municipality": "Voorbeeldgemeente",
            "title": "Zelfscan 2028",
            "groups": ["residents"],
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=20)).isoformat(),
            "results_shared": "Op 1 juni in het gemeentehuis.",
            **{f"custom_{n}_kind": "likert" for n in range(1, 5)},
        },
    )
    assert response.status_code == 302
    assert ScanRound.objects.get(title="Zelfscan 2028").results_shared == "Op 1 juni in het gemeentehuis."


def test_a_closed_round_tells_the_resident_calmly(client, scan_round, group, organisation):
    services.round_close(scan_round=scan_round)
    page = client.get(group("residents").get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 410 and "U kunt nu niet meedoen" in html
    assert organisation.name in html and "Werksessies" not in html
