"""Access matrix for the residents' account pages (django-allauth under /account/).

Signing up, logging in, confirming an address and resetting a password are open to everybody (someone logged in
is sent on to Mijn inbreng); changing the password needs a login; logging out asks first. No page reveals
anything about another person.
"""

import pytest

from tests.matrix import LOGIN, OK, PERSONAS, check

pytestmark = pytest.mark.django_db

ROUTES = {
    "account_signup",
    "account_login",
    "account_logout",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
}

EVERYONE = dict.fromkeys(PERSONAS, OK)
LOGGED_IN = {**EVERYONE, "anonymous": LOGIN}

OPEN_PAGES = [
    "/account/aanmelden/",
    "/account/inloggen/",
    "/account/uitloggen/",
    "/account/niet-actief/",
    "/account/bevestigen/",
    "/account/bevestigen/geen-echte-sleutel/",
    "/account/wachtwoord-vergeten/",
    "/account/wachtwoord-vergeten/verstuurd/",
    "/account/wachtwoord-vergeten/1-geen-echte-sleutel/",
    "/account/wachtwoord-vergeten/klaar/",
]


@pytest.mark.parametrize("url", OPEN_PAGES)
def test_open_account_pages(persona_clients, url):
    assert check(persona_clients, "GET", url, EVERYONE) == []


@pytest.mark.parametrize("url", ["/account/wachtwoord/", "/account/wachtwoord/instellen/"])
def test_password_pages_need_a_login(persona_clients, url):
    assert check(persona_clients, "GET", url, LOGGED_IN) == []


def test_logged_in_people_are_sent_on_from_login_and_signup(persona_clients):
    for url in ("/account/inloggen/", "/account/aanmelden/"):
        response = persona_clients["resident"].get(url)
        assert response.status_code == 302 and response["Location"] == "/processen/mijn-inbreng/"
        assert persona_clients["anonymous"].get(url).status_code == 200


def test_logout_asks_first_and_a_get_does_not_log_out(persona_clients):
    resident = persona_clients["resident"]
    page = resident.get("/account/uitloggen/")
    assert page.status_code == 200 and "Wilt u uitloggen?" in page.content.decode()
    assert "_auth_user_id" in resident.session
    assert resident.post("/account/uitloggen/").status_code == 302
    assert "_auth_user_id" not in resident.session


def test_a_wrong_confirmation_key_says_so_in_dutch(persona_clients):
    html = persona_clients["anonymous"].get("/account/bevestigen/geen-echte-sleutel/").content.decode()
    assert "Deze link werkt niet (meer)" in html
    html = persona_clients["anonymous"].get("/account/wachtwoord-vergeten/1-geen-echte-sleutel/").content.decode()
    assert "Deze link werkt niet (meer)" in html and "Vraag een nieuwe link" in html


def test_forms_post_without_csrf_token_are_refused():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for url, data in (
        ("/account/aanmelden/", {"email": "a@example.org", "password1": "x" * 14, "password2": "x" * 14}),
        ("/account/inloggen/", {"login": "a@example.org", "password": "x"}),
        ("/account/wachtwoord-vergeten/", {"email": "a@example.org"}),
    ):
        assert client.post(url, data).status_code == 403, url


def test_an_account_without_password_sets_one_on_a_dutch_page(make_user):
    from django.test import Client

    user = make_user(None, None, username="zonder-wachtwoord")
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    response = client.get("/account/wachtwoord/")
    assert response.status_code == 302 and response["Location"] == "/account/wachtwoord/instellen/"
    html = client.get("/account/wachtwoord/instellen/").content.decode()
    assert "Wachtwoord instellen" in html and "minstens 12 tekens" in html
    new = "een-nieuw-lang-wachtwoord-9"
    assert client.post("/account/wachtwoord/instellen/", {"password1": new, "password2": new}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
