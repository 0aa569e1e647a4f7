"""Residents' accounts: sign up, confirm the address by e-mail, log in; what is refused and how politely."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from participatiemix.site.accounts import axes_username
from participatiemix.site.urls_accounts import SIGNUP_RATE

pytestmark = pytest.mark.django_db

PASSWORD = "lange-zin-als-wachtwoord-7"
EMAIL = "jan.jansen@example.org"


def sign_up(client, email=EMAIL, ip="192.0.2.20", password=PASSWORD):
    return client.post(
        "/account/aanmelden/", {"email": email, "password1": password, "password2": password}, REMOTE_ADDR=ip
    )


def log_in(client, login=EMAIL, password=PASSWORD, ip="192.0.2.20"):
    return client.post("/account/inloggen/", {"login": login, "password": password}, REMOTE_ADDR=ip)


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/bevestigen/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_confirm_by_mail_then_log_in():
    client = Client()
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/account/bevestigen/"
    assert "_auth_user_id" not in client.session, "no login before the address is confirmed"
    user = get_user_model().objects.get(email=EMAIL)
    assert re.fullmatch(r"inwoner-[0-9a-f]{16}", user.username), "a username nobody can guess"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert "Bevestig uw e-mailadres" in message.subject
    assert "Beste inwoner" in message.body and "Klik op de link" in message.body
    link = confirmation_link(message)

    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert EMAIL in html and "Ja, bevestigen" in html
    assert not EmailAddress.objects.get(user=user).verified, "opening the link (a mail scanner) confirms nothing"

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk), "confirming in the same browser logs in"

    other = Client()
    response = log_in(other)
    assert response.status_code == 302 and response["Location"] == "/processen/mijn-inbreng/"
    assert other.session["_auth_user_id"] == str(user.pk)
    page = other.get(response["Location"]).content.decode()
    assert "U bent ingelogd." in page and user.username not in page, "no generated username shown"


def test_an_unconfirmed_account_cannot_log_in():
    sign_up(Client())
    mail.outbox.clear()
    client = Client()
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/account/bevestigen/"
    assert "_auth_user_id" not in client.session
    page = client.get("/account/bevestigen/").content.decode()
    assert "Bevestig uw e-mailadres" in page
    # A new link goes out at a login attempt, but at most one per 3 minutes (ACCOUNT_RATE_LIMITS confirm_email).
    assert mail.outbox == []


def test_wrong_password_gets_a_dutch_message_and_no_login():
    sign_up(Client())
    client = Client()
    response = log_in(client, password="helemaal-fout-123")
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-alert--error" in html and "wachtwoord" in html.lower()
    assert "_auth_user_id" not in client.session


def test_bad_sign_up_input_is_named_in_dutch_and_stores_nothing():
    client = Client()
    data = {"email": "geen-adres", "password1": "kort", "password2": "anders"}
    response = client.post("/account/aanmelden/", data, REMOTE_ADDR="192.0.2.21")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer deze gegevens" in html
    assert "e-mailadres" in html.lower()
    assert get_user_model().objects.count() == 0
    assert mail.outbox == []


def test_signing_up_twice_with_one_address_tells_nothing_on_the_page():
    sign_up(Client())
    mail.outbox.clear()
    later = time.time() + 4 * 60  # past allauth's one mail per address per 3 minutes
    with mock.patch("allauth.core.internal.ratelimit.time.time", return_value=later):
        response = sign_up(Client(), ip="192.0.2.22")
    # The same answer as a new sign-up (nobody learns who has an account); the owner gets an e-mail instead.
    assert response.status_code == 302 and response["Location"] == "/account/bevestigen/"
    assert get_user_model().objects.filter(email=EMAIL).count() == 1
    assert len(mail.outbox) == 1 and "al een account" in mail.outbox[0].subject


def test_the_21st_sign_up_from_one_address_in_an_hour_is_refused_politely():
    assert SIGNUP_RATE == "20/h"
    client = Client()
    ip = "203.0.113.77"
    for i in range(20):
        assert sign_up(client, email=f"inwoner{i}@example.org", ip=ip).status_code == 302, i
        client.logout()
    response = sign_up(client, email="nummer21@example.org", ip=ip)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even geduld" in html and "te veel verzoeken" in html
    assert not get_user_model().objects.filter(email="nummer21@example.org").exists()
    # Another address is not affected.
    assert sign_up(Client(), email="buurman@example.org", ip="203.0.113.78").status_code == 302


@pytest.mark.parametrize("allauth_limit", [True, False], ids=["with-allauth-limit", "axes-alone"])
def test_failed_allauth_logins_count_toward_the_axes_lockout(settings, allauth_limit):
    if not allauth_limit:  # show that axes alone locks the person out, not only allauth's own limit
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": False}
    client = Client()
    sign_up(client)
    client.post(confirmation_link(mail.outbox[0]))
    for i in range(5):
        log_in(Client(), password=f"fout-{i}", ip="192.0.2.30")
    assert AccessAttempt.objects.get(username=EMAIL).failures_since_start == 5
    # Locked for this person, even with the right password from another address.
    locked = Client()
    response = log_in(locked, ip="198.51.100.9")
    assert "_auth_user_id" not in locked.session
    html = response.content.decode()
    if allauth_limit:
        # allauth refuses first (5 per 5 minutes per address), in Dutch; axes has counted the same failures.
        assert response.status_code == 200 and "Te veel inlogpogingen" in html
    else:
        assert response.status_code == 429 and "Te veel pogingen" in html and "15 minuten" in html


def test_axes_counts_the_email_address_as_the_username():
    assert axes_username(None, {"email": " Jan@Example.org ", "password": "x"}) == "jan@example.org"
    assert axes_username(None, {"username": "collega", "password": "x"}) == "collega"

    class Request:
        POST = {"login": "a@b.nl"}

    assert axes_username(Request(), None) == "a@b.nl"


def test_with_the_email_guard_the_staff_login_does_not_let_an_unconfirmed_resident_in():
    sign_up(Client())
    staff_door = Client()
    staff_door.post("/inloggen/", {"username": EMAIL, "password": PASSWORD}, REMOTE_ADDR="192.0.2.40")
    assert "_auth_user_id" not in staff_door.session
    # allauth's own login still works for a confirmed address.
    link = confirmation_link(mail.outbox[0])
    Client().post(link)
    resident = Client()
    assert log_in(resident, ip="192.0.2.41").status_code == 302
    assert "_auth_user_id" in resident.session


def test_password_reset_sends_a_dutch_mail_with_a_working_link():
    sign_up(Client())
    mail.outbox.clear()
    client = Client()
    response = client.post("/account/wachtwoord-vergeten/", {"email": EMAIL}, REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 302 and response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert len(mail.outbox) == 1 and "Nieuw wachtwoord kiezen" in mail.outbox[0].subject
    link = re.search(r"https?://[^/\s]+(/account/wachtwoord-vergeten/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "Nieuw wachtwoord kiezen" in page.content.decode()
    new = "een-ander-lang-wachtwoord-8"
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link  # allauth hides the key behind a redirect
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    assert get_user_model().objects.get(email=EMAIL).check_password(new)
