"""Meetings end to end: on a 360px phone, by keyboard, a resident registers for a meeting and the next one lands
on the waiting list; staff walk every meeting page at 1280px and 360px. axe-core 0 violations on every page."""

import pytest
from django.utils import timezone

from participatiemix.meetings import demo, services
from participatiemix.meetings.models import Registration
from participatiemix.organisations.roles import Role
from participatiemix.processes.models import Activity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord-42"


@pytest.fixture
def meetings(process):
    held_activity, ahead_activity = Activity.objects.filter(phase__process=process, app="meetings")[:2]
    held = demo.build_demo_meetings(held_activity, held=True, seed=3)
    ahead_activity.allow_anonymous = True
    ahead_activity.save()
    start = timezone.now().replace(microsecond=0) + timezone.timedelta(days=5)
    small = services.meeting_create(
        activity=ahead_activity,
        data={
            "title": "Keukentafelgesprek in Oosterend",
            "starts_at": start,
            "ends_at": start + timezone.timedelta(hours=2),
            "place": "Dorpshuis De Schakel",
            "address": "Kerkstraat 12, Oosterend",
            "wheelchair": True,
            "hearing_loop": True,
            "agenda": "19.30 Inloop met koffie\n20.00 Gesprek aan tafel",
            "capacity": 1,
            "registration_open": True,
        },
    )
    return held, small


def type_into(page, selector: str, text: str) -> None:
    page.focus(selector)
    page.keyboard.type(text)


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element has this accessible text (a button or link)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")
        if text == name:
            return
    raise AssertionError(f"'{name}' is met Tab niet bereikt")


def register_by_keyboard(page, url: str, name: str, email: str, button: str) -> None:
    page.goto(url)
    page.locator("#id_name").focus()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_register_and_waiting_list_on_a_phone(live_server, new_page, a11y, meetings):
    _held, small = meetings
    url = live_server.url + small.get_absolute_url()
    first = new_page(width=360, height=740)
    first.goto(url)
    assert first.get_by_text("Nog 1 plaats vrij").is_visible()
    assert first.get_by_role("heading", name="Wat gebeurt er met uw inbreng?").is_visible()
    a11y.accessible(first)
    a11y.no_horizontal_scroll(first)
    a11y.shot(first, "meetings-detail-360")
    register_by_keyboard(first, url, "Anna de Vries", "anna@example.org", "Aanmelden")
    assert first.get_by_text("U bent aangemeld. U krijgt een bevestiging per e-mail.").is_visible()
    a11y.accessible(first)

    second = new_page(width=360, height=740)
    second.goto(url)
    # A bad address is refused with the field named, focus can go straight to it.
    register_by_keyboard(second, url, "Bram Jansen", "bram-at-example", "Zet mij op de wachtlijst")
    assert second.get_by_text("naam@voorbeeld.nl").first.is_visible()
    a11y.accessible(second)
    second.fill("#id_email", "")
    second.focus("#id_email")
    second.keyboard.type("bram@example.org")
    tab_to(second, "Zet mij op de wachtlijst")
    with second.expect_navigation():
        second.keyboard.press("Enter")
    assert second.get_by_text("U staat op de wachtlijst", exact=False).first.is_visible()
    a11y.accessible(second)
    a11y.no_horizontal_scroll(second)
    a11y.shot(second, "meetings-waiting-360")
    statuses = list(small.registrations.order_by("position").values_list("name", "status"))
    assert statuses == [("Anna de Vries", "registered"), ("Bram Jansen", "waiting")]

    # Anna cancels through the link in her e-mail: Bram moves up by himself.
    anna = Registration.objects.get(name="Anna de Vries")
    first.goto(live_server.url + f"/bijeenkomsten/afmelden/{services.cancel_token(anna)}/")
    a11y.accessible(first)
    tab_to(first, "Ja, meld mij af")
    with first.expect_navigation():
        first.keyboard.press("Enter")
    assert Registration.objects.get(name="Bram Jansen").status == Registration.Status.REGISTERED


@pytest.mark.parametrize("width", [1280, 360])
def test_every_meeting_page_is_accessible(live_server, new_page, a11y, meetings, make_user, organisation, width):
    held, small = meetings
    make_user(Role.AMBTENAAR, organisation, username="trekker", password=PASSWORD)
    page = new_page(width=width, height=900)
    page.goto(live_server.url + "/inloggen/?next=/")
    type_into(page, "#id_username", "trekker")
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    m = held[0]
    paths = {
        "activity": f"/bijeenkomsten/activiteit/{m.activity_id}/",
        "detail-held": m.get_absolute_url(),
        "manage": f"/bijeenkomsten/activiteit/{m.activity_id}/beheer/",
        "create": f"/bijeenkomsten/activiteit/{m.activity_id}/nieuw/",
        "edit": f"/bijeenkomsten/{small.pk}/bewerken/",
        "registrations": f"/bijeenkomsten/{m.pk}/aanmeldingen/",
        "attendance": f"/bijeenkomsten/{m.pk}/aanwezigen/",
        "minutes": f"/bijeenkomsten/{m.pk}/verslag/",
        "inputs": f"/bijeenkomsten/{m.pk}/inbreng/",
        "cancel": f"/bijeenkomsten/afmelden/{services.cancel_token(m.registrations.first())}/",
    }
    for name, path in paths.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        a11y.accessible(page)
        if width == 360:
            a11y.no_horizontal_scroll(page)
        a11y.shot(page, f"meetings-{name}-{width}")
    # A refused form keeps every page accessible too.
    page.goto(live_server.url + paths["attendance"])
    page.fill("#id_total", "5")
    page.fill("#id_g1", "9")
    with page.expect_navigation():
        page.get_by_role("button", name="Aantallen opslaan").click()
    assert page.get_by_text("kies hoogstens 5").first.is_visible()
    a11y.accessible(page)
