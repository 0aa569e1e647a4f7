"""A resident on a 360 px phone, by keyboard only: makes an account, confirms it through the link in the e-mail,
fills in the voluntary profile and finds their input on Mijn inbreng. Every page passes axe-core (also every
account page a resident sees: sign up, confirm, log in, password reset, log out) and fits without sideways scroll.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction

from participatiemix.processes import services
from participatiemix.processes.models import Participant, Profile
from tests.e2e.keyboard import tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "fatima@example.org"
PASSWORD = "een-lange-wachtzin-voor-mij"


def check_page(page, a11y, name: str) -> None:
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, name)


def test_resident_signs_up_confirms_fills_profile_and_sees_mine_by_keyboard(live_server, new_page, a11y, process):
    base = live_server.url
    page = new_page(width=360, height=740)
    page.goto(base + "/")

    # The header leads to the sign-up page.
    tab_to(page, 'a[href="/account/aanmelden/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/account/aanmelden/")
    check_page(page, a11y, "participant-signup-360")

    # A mistake first: the error summary names the field, in Dutch.
    tab_to(page, "input[name=email]")
    page.keyboard.type("fatima-zonder-apenstaartje")
    tab_to(page, "input[name=password1]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "input[name=password2]")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Controleer deze gegevens" in page.locator("main").inner_text()
    check_page(page, a11y, "participant-signup-error-360")

    page.locator("input[name=email]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(EMAIL)
    tab_to(page, "input[name=password1]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "input[name=password2]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/account/bevestigen/")
    assert "Bevestig uw e-mailadres" in page.locator("h1").inner_text()
    check_page(page, a11y, "participant-verification-sent-360")

    # The link from the e-mail (locmem backend in tests; the console in development).
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/account/bevestigen/[^\s/]+/)", mail.outbox[0].body).group(1)
    page.goto(base + link)
    assert EMAIL in page.locator("main").inner_text()
    check_page(page, a11y, "participant-confirm-360")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    user = get_user_model().objects.get(email=EMAIL)
    assert user.emailaddress_set.get().verified

    # Logged in: the voluntary profile of the process.
    page.goto(base + f"/processen/{process.slug}/profiel/")
    assert "Dit is vrijwillig." in page.locator("main").inner_text()
    check_page(page, a11y, "participant-profile-360")
    tab_to(page, "select[name=age_band]")
    page.keyboard.press("End")  # the last choice: 65 of ouder
    tab_to(page, 'input[name=target_groups][value="tenants"]')
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Uw antwoorden zijn opgeslagen" in page.locator("main").inner_text()
    profile = Profile.objects.get(participant__user=user, participant__process=process)
    assert profile.age_band == "65+" and profile.target_groups == ["tenants"]
    check_page(page, a11y, "participant-profile-saved-360")

    # Some input, then Mijn inbreng through the header.
    participant = Participant.objects.get(user=user, process=process)
    with transaction.atomic():
        contribution = services.contribution_create(
            activity=process.phases.first().activities.first(),
            participant=participant,
            kind="idea",
            summary="Een deelauto in onze straat",
        )
    services.contributions_set_status(contributions=[contribution], status="adopted", response="Komt in het plan.")
    page.goto(base + "/")
    tab_to(page, 'a[href="/processen/mijn-inbreng/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main").inner_text()
    assert "Een deelauto in onze straat" in main and "Verwerkt" in main and "Komt in het plan." in main
    check_page(page, a11y, "participant-mine-360")

    # Withdraw: a confirm page, then gone.
    tab_to(page, f'a[href="/processen/mijn-inbreng/{contribution.pk}/intrekken/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page, a11y, "participant-withdraw-360")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "U heeft nog niets ingebracht." in page.locator("main").inner_text()

    # The delete page asks for the password; then log out through the account page.
    page.goto(base + "/processen/mijn-inbreng/verwijderen/")
    check_page(page, a11y, "participant-delete-360")
    page.goto(base + "/account/uitloggen/")
    check_page(page, a11y, "participant-logout-360")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/account/inloggen/",
        "/account/aanmelden/",
        "/account/wachtwoord-vergeten/",
        "/account/wachtwoord-vergeten/verstuurd/",
        "/account/wachtwoord-vergeten/1-geen-sleutel/",
        "/account/bevestigen/geen-sleutel/",
        "/processen/mijn-inbreng/",
    ],
)
def test_account_pages_are_accessible_and_fit(live_server, new_page, a11y, path, width):
    page = new_page(width=width, height=800)
    page.goto(live_server.url + path)
    name = path.strip("/").replace("/", "-")
    check_page(page, a11y, f"participant-{name}-{width}")


def test_login_with_errors_is_accessible(live_server, new_page, a11y, make_user):
    page = new_page(width=360, height=800)
    page.goto(live_server.url + "/account/inloggen/")
    page.locator("input[name=login]").fill("niemand@example.org")
    page.locator("input[name=password]").fill("fout")
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    assert page.get_by_role("alert").is_visible()
    check_page(page, a11y, "participant-login-error-360")


def test_profile_page_at_1280(live_server, new_page, a11y, process):
    page = new_page(width=1280, height=900)
    page.goto(live_server.url + f"/processen/{process.slug}/profiel/")
    check_page(page, a11y, "participant-profile-1280")
