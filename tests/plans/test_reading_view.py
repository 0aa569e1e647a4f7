"""Issue 15, items 5 and 6: two faces of the plan page, and a decision month that becomes dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from participatiemix.plans.forms import ConstraintsForm, decision_month_choices, month_start
from participatiemix.plans.notes import worded
from participatiemix.plans.selectors import advice_view
from participatiemix.plans.timeline import timeline

pytestmark = pytest.mark.django_db

INSTRUMENT_FORM = 'action="/plannen/{pk}/instrument/"'


@pytest.fixture
def griffie(make_user, organisation):
    from django.test import Client

    from participatiemix.organisations.roles import Role

    client = Client()
    client.force_login(make_user(Role.GRIFFIE, organisation, username="griffier"))
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reader_gets_the_reading_view_with_the_plan_in_short(plan, griffie):
    html = page(griffie, f"/plannen/{plan.pk}/")
    assert "Het plan in het kort" in html
    assert INSTRUMENT_FORM.format(pk=plan.pk) not in html
    assert "pmx-view-switch" not in html  # one face for a reader; ?weergave=bewerken changes nothing
    assert INSTRUMENT_FORM.format(pk=plan.pk) not in page(griffie, f"/plannen/{plan.pk}/?weergave=bewerken")
    short = html.split('id="short-title"')[1].split('id="details-title"')[0]
    assert "pmx-verdict" in short and "Doel en mix per fase" in short
    assert "Momenten van de raad" in short and "Ambtelijke uren" in short and "Kosten" in short


def test_an_editor_opens_the_editing_view_and_can_switch(plan, staff_client):
    html = page(staff_client, f"/plannen/{plan.pk}/")
    assert INSTRUMENT_FORM.format(pk=plan.pk) in html
    assert re.search(r'href="\?weergave=bewerken" aria-current="page"', html)
    reading = page(staff_client, f"/plannen/{plan.pk}/?weergave=lezen")
    assert "Het plan in het kort" in reading
    assert INSTRUMENT_FORM.format(pk=plan.pk) not in reading
    assert re.search(r'href="\?weergave=lezen" aria-current="page"', reading)
    assert 'id="share-title"' not in reading  # sharing is an editing task


def test_the_share_link_opens_the_reading_view(plan, staff_client):
    from django.test import Client

    from tests.plans.test_share import make_link

    url = make_link(staff_client, plan)
    html = page(Client(), url.replace("http://testserver", ""))
    assert "Het plan in het kort" in html and "pmx-view-switch" not in html


def test_time_is_said_apart_before_and_after_the_decision(plan, staff_client):
    html = page(staff_client, f"/plannen/{plan.pk}/")
    assert "Doorlooptijd" not in html
    assert "Tot het besluit" in html and "Na het besluit" in html and "Hele proces" in html
    weeks = plan.latest_version.case["constraints"]["weeks"]
    assert f"{weeks:g} beschikbaar" in html  # needed and available, side by side


def test_the_documents_say_time_before_and_after_the_decision_apart(plan):
    from participatiemix.documents.plan import plan_markdown

    text = plan_markdown(plan.latest_version.advice)
    assert "Doorlooptijd" not in text
    assert "Nodig tot het besluit" in text and "Beschikbare tijd tot het besluit" in text and "Hele proces" in text


def test_the_timeline_counts_back_from_the_decision_month(plan):
    version = plan.latest_version
    view = advice_view(version.advice)
    june = date(2030, 6, 1)
    t = timeline(view, version.advice, june, date(2026, 1, 1))
    decide = [m for m in t["moments"] if m["moment"] == "decide"]
    assert decide and decide[0]["date"] == june
    before = [p for p in t["phases"] if not p["after_decision"]]
    assert before[-1]["end"] == june
    assert t["start"] == june - timedelta(weeks=t["weeks_to_decision"])
    assert [e["week"] for e in t["events"]] == sorted(e["week"] for e in t["events"])
    assert t["weeks_to_decision"] + t["weeks_after_decision"] == t["weeks_total"]
    assert not t["late"]
    assert timeline(view, version.advice, june, date(2030, 5, 30))["late"]
    # Without a month: weeks from the start, no dates.
    assert all(e["date"] is None for e in timeline(view, version.advice, None, date(2026, 1, 1))["events"])


def test_the_plan_page_shows_dates_and_warns_when_too_late(plan, griffie):
    plan.decision_month = date(2031, 6, 1)
    plan.save()
    html = page(griffie, f"/plannen/{plan.pk}/")
    assert "De raad besluit in juni 2031" in html
    assert 'datetime="2031-06-01"' in html
    plan.decision_month = timezone.localdate().replace(day=1)
    plan.save()
    html = page(griffie, f"/plannen/{plan.pk}/")
    assert "had dit plan op" in html


def test_month_helpers():
    assert month_start("2027-06") == date(2027, 6, 1)
    assert month_start("") is None and month_start("juni") is None and month_start("2027-13") is None
    choices = decision_month_choices()
    assert choices[0][0] == "" and len(choices) == 37
    assert decision_month_choices("2020-01")[1][0] == "2020-01"  # a stored earlier month stays choosable


STEP6 = {"budget_eur": "80000", "staff_hours": "900", "online_only": "nee", "trust": "normal", "polarisation": "low"}


def test_the_intake_asks_the_decision_month_and_counts_the_weeks(plan, staff_client):
    month = decision_month_choices()[13][0]  # a year ahead
    html = page(staff_client, f"/plannen/{plan.pk}/stap/6/")
    assert "In welke maand besluit de raad?" in html
    response = staff_client.post(
        f"/plannen/{plan.pk}/stap/6/", {**STEP6, "weeks": "", "decision_month": month, "nav": "finish"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.decision_month == month_start(month)
    weeks = plan.case_data["constraints"]["weeks"]
    assert weeks == (month_start(month) - timezone.localdate()).days // 7
    # Weeks typed in win; the month stays; "not known" clears it.
    staff_client.post(f"/plannen/{plan.pk}/stap/6/", {**STEP6, "weeks": "30", "decision_month": month, "nav": "finish"})
    plan.refresh_from_db()
    assert plan.case_data["constraints"]["weeks"] == 30 and plan.decision_month == month_start(month)
    assert f'value="{month}" selected' in page(staff_client, f"/plannen/{plan.pk}/stap/6/")
    staff_client.post(f"/plannen/{plan.pk}/stap/6/", {**STEP6, "weeks": "30", "decision_month": "", "nav": "finish"})
    plan.refresh_from_db()
    assert plan.decision_month is None


def test_a_tampered_month_is_refused(plan, staff_client):
    response = staff_client.post(
        f"/plannen/{plan.pk}/stap/6/", {**STEP6, "weeks": "30", "decision_month": "1999-99", "nav": "finish"}
    )
    assert response.status_code in (200, 400)
    assert "aria-invalid" in response.content.decode()
    assert ConstraintsForm(data={**STEP6, "decision_month": "1999-99"}).is_valid() is False


def test_version_notes_are_stored_as_codes_and_worded_in_the_active_language(plan, staff_client):
    """Item 11: in English the version notes were Dutch (stored as Dutch sentences)."""
    from django.utils import translation

    from participatiemix.plans import services

    assert plan.latest_version.note == "pmx:import:aardgasvrij.yaml"
    phase = plan.latest_version.advice["phases"][0]
    version = services.plan_instrument_change(
        plan=plan, phase=phase["phase"], action="remove", instrument=phase["instruments"][0]["id"], replacement=""
    )
    assert version.note.startswith("pmx:remove:")
    assert "weggehaald uit" in worded(version.note)
    with translation.override("en"):
        english = worded(version.note)
    assert "weggehaald" not in english and "removed from" in english
    staff_client.cookies["django_language"] = "en"
    html = page(staff_client, f"/plannen/{plan.pk}/versies/")
    assert "Imported from aardgasvrij.yaml" in html and "removed from" in html
    # A note stored before the codes is shown as it was.
    version.note = "Oude toelichting"
    assert worded(version.note) == "Oude toelichting"


def test_the_documents_date_the_council_moments_from_the_decision_month(plan, staff_client):
    from participatiemix.documents.plan import plan_markdown

    assert "Wanneer" not in plan_markdown(plan.latest_version.advice)
    plan.decision_month = date(2030, 6, 1)
    plan.save()
    text = staff_client.get(f"/plannen/{plan.pk}/download/md/").content.decode()
    assert "De raad besluit in juni 2030" in text and "1 juni 2030" in text
    advice = plan.latest_version.advice_en
    schedule = timeline(advice_view(advice, lang="en"), advice, date(2030, 6, 1), date(2026, 1, 1))
    english = plan_markdown(advice, "en", schedule)
    assert "The council decides in June 2030" in english and "1 June 2030" in english
