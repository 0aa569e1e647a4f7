"""A beheerder manages members by keyboard; the organisation pages pass axe-core and fit 320 px."""

import pytest

from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord-42"


def login(page, base: str, username: str) -> None:
    page.goto(base + "/inloggen/?next=/organisatie/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/organisatie/")


def test_beheerder_adds_a_colleague_and_changes_the_role_by_keyboard(
    live_server, new_page, a11y, make_user, organisation
):
    make_user(Role.BEHEERDER, organisation, username="beheer")
    make_user(None, None, username="collega")
    page = new_page(width=320, height=800)
    login(page, live_server.url, "beheer")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    page.get_by_role("link", name=f"Leden van {organisation.name} beheren").click()
    a11y.shot(page, "organisations-members-320")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)

    page.get_by_label("Gebruikersnaam of e-mailadres").fill("bestaat-niet")
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").press("Enter")
    assert page.get_by_role("alert").is_visible()
    assert "geen actief account" in page.locator("main").inner_text()
    a11y.shot(page, "organisations-members-error-320")
    a11y.accessible(page)

    page.get_by_label("Gebruikersnaam of e-mailadres").fill("collega")
    page.get_by_label("Rol", exact=True).select_option(Role.GRIFFIE)
    page.get_by_role("button", name="Toevoegen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Membership.objects.get(user__username="collega").role == Role.GRIFFIE
    page.get_by_label("Rol van collega").select_option(Role.AMBTENAAR)
    with page.expect_navigation():
        page.get_by_role("button", name="Rol opslaan").nth(1).press("Enter")
    assert "De rol van collega is gewijzigd" in page.locator("main").inner_text()
    assert Membership.objects.get(user__username="collega").role == Role.AMBTENAAR
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "organisations-members-320")
