"""Run the mix, end to end in a real browser (issue #9, item 11).

Staff start a process from the demo plan and publish it. A resident on a 360 px phone, by keyboard only, makes an
account, confirms it through the e-mailed link, answers the survey and signs up for a village meeting. Staff enter
what was said at the meeting and give feedback in bulk; the resident then reads "Verwerkt" with the reason on Mijn
inbreng. The council report downloads as JSON and its numbers match what was entered. axe-core reports 0
violations on every page on the way.

The survey's questions and the meeting's date and place are set through the apps' services (their own e2e tests
drive the builder and the meeting form by browser), so this test stays about the chain.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from participatiemix.meetings import services as meeting_services
from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from participatiemix.plans import services as plan_services
from participatiemix.plans.demo import demo_case_path
from participatiemix.processes.models import Contribution, Process
from participatiemix.surveys import demo as survey_demo
from tests.e2e.keyboard import choose, log_in, press_enter_and_wait, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "geheim-wachtwoord-42"
EMAIL = "sanne@example.org"
PASSWORD = "een-lange-wachtzin-voor-sanne"
MEETING_INPUT = ["Eerst een proef in onze straat", "Hulp bij isoleren voor ouderen", "Informatie op papier"]
ADOPTED = "Staat nu in de kaders van de raad: eerst een proef per wijk."


def checked(page, a11y, name: str) -> None:
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, name)


@pytest.fixture
def plan(organisation):
    data = yaml.safe_load(demo_case_path().read_text(encoding="utf-8"))
    return plan_services.plan_import(
        text=yaml.safe_dump(data, allow_unicode=True), filename="aardgasvrij.yaml", organisation=organisation
    )


@pytest.fixture
def staff(organisation):
    user = get_user_model().objects.create_user(username="ambtenaar", password=STAFF_PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.AMBTENAAR)
    return user


def staff_log_in(page, base: str) -> None:
    log_in(page, base + "/inloggen/", "ambtenaar", STAFF_PASSWORD)


def staff_start_process(page, base: str, plan, a11y) -> Process:
    page.goto(base + plan.get_absolute_url())
    tab_to(page, f'a[href="/processen/nieuw/{plan.pk}/"]')
    press_enter_and_wait(page)
    checked(page, a11y, "run-create-1280")
    page.locator("#id_title").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Samen van het gas af")
    page.locator("#id_slug").focus()
    page.keyboard.type("gasvrij")
    page.locator("#id_start").fill(timezone.localdate().isoformat())
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    assert page.url.endswith("/processen/gasvrij/beheer/")
    tab_to(page, "main form[action$='/beheer/status/'] button")
    press_enter_and_wait(page)
    checked(page, a11y, "run-manage-1280")
    process = Process.objects.get(slug="gasvrij")
    assert process.status == Process.Status.PUBLISHED and process.plan_version == plan.latest_version
    return process


def set_up_activities(process):
    first = process.phases.get(position=0)
    survey = survey_demo.build_demo_survey(first.activities.get(instrument="enquete"))
    start = timezone.localtime() + dt.timedelta(days=5)
    meeting = meeting_services.meeting_create(
        activity=first.activities.get(instrument="straatgesprek"),
        data={
            "title": "Straatgesprek in Noorddorp",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "place": "Dorpshuis Noorddorp",
            "address": "Brink 1, Noorddorp",
            "capacity": 30,
            "registration_open": True,
        },
    )
    return survey, meeting


def resident_signs_up(page, base: str, a11y) -> None:
    page.goto(base + "/account/aanmelden/")
    tab_to(page, "input[name=email]")
    page.keyboard.type(EMAIL)
    tab_to(page, "input[name=password1]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "input[name=password2]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    link = re.search(r"https?://[^/\s]+(/account/bevestigen/[^\s/]+/)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    checked(page, a11y, "run-resident-confirmed-360")


def resident_answers_survey(page, base: str, process, survey, a11y) -> None:
    page.goto(base + f"/processen/{process.slug}/")
    assert page.get_by_role("heading", name="Wat gebeurt er met uw inbreng?").first.is_visible()
    checked(page, a11y, "run-process-360")
    activity = survey.activity
    tab_to(page, f'a[href="/processen/{process.slug}/activiteit/{activity.pk}/"]')
    press_enter_and_wait(page)
    checked(page, a11y, "run-activity-360")
    tab_to(page, f'a[href="/enquetes/{survey.pk}/"]')
    press_enter_and_wait(page)
    questions = list(survey.questions.order_by("section__position", "position"))
    woning, measures, _which, know, ranking, prefer = questions[:6]
    choose(page, woning.field_name, str(woning.options.first().pk))
    choose(page, measures.field_name, "no")
    choose(page, know.field_name, "3")
    first = ranking.options.order_by("position").first()
    page.locator(f'select[name="{ranking.field_name}_o{first.pk}"]').focus()
    page.keyboard.press("ArrowDown")
    choose(page, prefer.field_name, str(prefer.options.order_by("position").first().pk))
    page.get_by_role("button", name="Antwoorden versturen").focus()
    press_enter_and_wait(page)
    assert "/bedankt/" in page.url
    checked(page, a11y, "run-survey-thanks-360")


def resident_registers(page, base: str, meeting, a11y) -> None:
    page.goto(base + meeting.get_absolute_url())
    checked(page, a11y, "run-meeting-360")
    tab_to(page, "main form button[type=submit]")
    press_enter_and_wait(page)
    assert page.get_by_text("U bent aangemeld", exact=False).first.is_visible()


def staff_enter_input_and_feedback(page, base: str, process, meeting, a11y) -> None:
    page.goto(base + f"/bijeenkomsten/{meeting.pk}/inbreng/")
    page.locator("#id_items").focus()
    page.keyboard.type("\n".join(MEETING_INPUT))
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    checked(page, a11y, "run-meeting-input-1280")
    page.goto(base + f"/processen/{process.slug}/beheer/inbreng/")
    checked(page, a11y, "run-contributions-1280")
    for box in page.locator("input[name=ids]").all():
        box.focus()
        page.keyboard.press("Space")
    page.locator("input[name=status][value=adopted]").focus()
    page.keyboard.press("Space")
    page.locator("#id_response").focus()
    page.keyboard.type(ADOPTED)
    page.get_by_role("button", name="Status opslaan").focus()
    press_enter_and_wait(page)
    assert page.get_by_text("4 bijdragen kregen een nieuwe status.").is_visible()


def test_the_energy_case_runs_from_plan_to_council_report(live_server, new_page, a11y, plan, staff):
    base = live_server.url
    office = new_page(width=1280)
    staff_log_in(office, base)
    process = staff_start_process(office, base, plan, a11y)
    survey, meeting = set_up_activities(process)

    phone = new_page(width=360, height=740)
    resident_signs_up(phone, base, a11y)
    resident_answers_survey(phone, base, process, survey, a11y)
    resident_registers(phone, base, meeting, a11y)

    staff_enter_input_and_feedback(office, base, process, meeting, a11y)
    resident = get_user_model().objects.get(email=EMAIL)
    mine = Contribution.objects.filter(participant__user=resident)
    assert [c.status for c in mine] == ["adopted"]
    assert any(ADOPTED in m.body for m in mail.outbox if m.to == [EMAIL])

    phone.goto(base + "/processen/mijn-inbreng/")
    main = phone.locator("main").inner_text()
    assert "Verwerkt" in main and ADOPTED in main
    checked(phone, a11y, "run-mine-360")
    # "U zei, wij deden" on the phase page, for everyone.
    first_phase = process.phases.get(position=0)
    phone.goto(base + f"/processen/{process.slug}/fase/{first_phase.pk}/")
    assert ADOPTED in phone.locator("main").inner_text()
    checked(phone, a11y, "run-phase-360")
    # The back office pages for one contribution and one phase.
    item = Contribution.objects.filter(activity__phase=first_phase).first()
    for path, name in (
        (f"beheer/inbreng/{item.pk}/", "contribution"),
        (f"beheer/fase/{first_phase.pk}/", "phase-edit"),
    ):
        office.goto(base + f"/processen/{process.slug}/{path}")
        checked(office, a11y, f"run-{name}-1280")

    office.goto(base + f"/processen/{process.slug}/verslag/")
    checked(office, a11y, "run-report-1280")
    with office.expect_download() as download:
        office.locator("form[action$='/verslag/maken/'] button[value=json]").click()
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert report["process"]["slug"] == "gasvrij"
    assert report["totals"]["contributions"] == 1 + len(MEETING_INPUT)
    assert report["totals"]["with_feedback_share"] == 1.0
    first = report["phases"][0]
    by_instrument = {a["instrument"]: a for a in first["activities"]}
    assert by_instrument["enquete"]["contributions"] == 1
    assert by_instrument["straatgesprek"]["contributions"] == len(MEETING_INPUT)
    assert first["feedback"] == {"received": 0, "in_progress": 0, "adopted": 4, "not_adopted": 0}
    assert first["promise"] == process.phases.get(position=0).promise
