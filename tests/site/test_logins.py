"""Logins: lockout after repeated failures (django-axes), password rules, sessions that end."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from participatiemix.organisations.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-42"
LOGIN_PAGES = ["/inloggen/", "/beheer/login/"]


def try_login(client, url, username, password, ip="192.0.2.10"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_twenty_wrong_passwords_end_in_a_dutch_lockout(client, make_user, organisation, url):
    make_user(Role.BEHEERDER, organisation, username="wethouder", is_staff=True)
    statuses = [try_login(client, url, "wethouder", f"fout-{i}").status_code for i in range(20)]
    assert statuses[:4] == [200] * 4, "the first mistakes get the normal form again"
    assert set(statuses[4:]) == {429}, f"locked from the 5th failure on: {statuses}"
    page = try_login(client, url, "wethouder", "nog-een-keer").content.decode()
    assert "Te veel pogingen" in page
    assert "15 minuten" in page
    assert "beheerder" in page  # says who can unlock it
    assert "wethouder" not in page  # the page does not echo the username back


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_locked_username_is_refused_even_with_the_right_password(client, make_user, organisation, url):
    make_user(Role.BEHEERDER, organisation, username="wethouder", is_staff=True)
    for i in range(5):
        try_login(client, url, "wethouder", f"fout-{i}")
    response = try_login(client, url, "wethouder", PASSWORD, ip="198.51.100.7")
    assert response.status_code == 429, "the username lock holds from another address too"
    assert "_auth_user_id" not in client.session


def test_one_address_gets_more_tries_than_one_username(client, make_user, organisation):
    """A town hall behind one NAT address: one person's typos do not lock out colleagues."""
    make_user(Role.AMBTENAAR, organisation, username="collega")
    for name in ("anna", "bram", "cees"):
        for i in range(4):  # under the per-username limit of 5
            assert try_login(client, "/inloggen/", name, f"fout-{i}").status_code == 200
    # 12 failures from this address so far: a colleague still gets in.
    response = try_login(client, "/inloggen/", "collega", PASSWORD)
    assert response.status_code == 302


def test_an_address_is_locked_after_twenty_failures_over_many_usernames(client, make_user, organisation):
    make_user(Role.AMBTENAAR, organisation, username="collega")
    statuses = [try_login(client, "/inloggen/", f"gok{i}", "fout").status_code for i in range(20)]
    assert statuses[:19] == [200] * 19 and statuses[19] == 429
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 429
    # Another address is not affected.
    assert try_login(Client(), "/inloggen/", "collega", PASSWORD, ip="198.51.100.7").status_code == 302


def test_lockout_ends_after_the_cool_off(client, make_user, organisation):
    make_user(Role.AMBTENAAR, organisation, username="collega")
    for i in range(5):
        try_login(client, "/inloggen/", "collega", f"fout-{i}")
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 429
    later = timezone.now() + dt.timedelta(minutes=16)
    # axes imports `now` by name in these two modules
    with (
        mock.patch("axes.attempts.now", return_value=later),
        mock.patch("axes.handlers.proxy.now", return_value=later),
    ):
        assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 302


def test_a_beheerder_unlocks_a_member(client, make_user, organisation):
    beheerder = make_user(Role.BEHEERDER, organisation, username="baas")
    member = make_user(Role.AMBTENAAR, organisation, username="collega")
    for i in range(5):
        try_login(client, "/inloggen/", "collega", f"fout-{i}")
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 429

    admin = Client()
    admin.force_login(beheerder)
    members_page = admin.get(f"/organisatie/{organisation.slug}/leden/").content.decode()
    assert "collega ontgrendelen" in members_page, "the members page shows the lock"
    membership = member.memberships.get(organisation=organisation)
    unlock = admin.post(f"/organisatie/{organisation.slug}/leden/{membership.pk}/ontgrendelen/")
    assert unlock.status_code == 302

    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 302


def test_forwarded_for_header_cannot_dodge_the_address_lock(client, make_user, organisation):
    """Without trusted proxies X-Forwarded-For is ignored: a made-up address per try does not help."""
    make_user(Role.AMBTENAAR, organisation, username="collega")
    for i in range(20):
        client.post(
            "/inloggen/",
            {"username": f"gok{i}", "password": "fout"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort-42", "te kort"),
        ("123456789012345", "alleen cijfers"),
        ("qwerty123456", "veelgebruikt"),
        ("jansen.gemeente", "lijkt op de naam"),
    ],
)
def test_weak_passwords_are_refused(make_user, password, reason):
    user = make_user(None, None, username="jansen.gemeente", email="jansen@gemeente.example")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_unusual_password_is_accepted(make_user):
    user = make_user(None, None, username="jansen")
    validate_password("paarse-fiets-op-het-dak", user)


def test_logout_ends_the_session_on_the_server(client, make_user, organisation):
    make_user(Role.AMBTENAAR, organisation, username="collega")
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 302
    old_key = client.session.session_key
    assert client.post("/uitloggen/").status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    stale = Client()
    stale.cookies["sessionid"] = old_key
    assert stale.get("/organisatie/").status_code == 302, "the old cookie no longer logs anyone in"


def test_session_ends_after_two_hours_without_activity(client, make_user, organisation):
    make_user(Role.AMBTENAAR, organisation, username="collega")
    assert try_login(client, "/inloggen/", "collega", PASSWORD).status_code == 302
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=100)):
        assert client.get("/organisatie/").status_code == 200, "active within two hours: still logged in"
    # Activity at 100 minutes moved the end: 3 hours after the login the session still lives.
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=180)):
        assert client.get("/organisatie/").status_code == 200
    # Then 2 hours and a bit of nothing: logged out.
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=180 + 121)):
        response = client.get("/organisatie/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_session_cookie_ends_with_the_browser(client, make_user, organisation):
    """A library computer: closing the browser ends the login."""
    make_user(Role.AMBTENAAR, organisation, username="collega")
    response = try_login(client, "/inloggen/", "collega", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_lockout_page_in_english(client, make_user, organisation):
    make_user(Role.AMBTENAAR, organisation, username="collega")
    client.cookies["django_language"] = "en"
    for i in range(5):
        response = try_login(client, "/inloggen/", "collega", f"fout-{i}")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts" in page and "15 minutes" in page and "administrator" in page


def test_is_username_locked_counts_failures_from_every_address(client, make_user, organisation):
    from participatiemix.site.security import is_username_locked

    make_user(Role.AMBTENAAR, organisation, username="collega")
    for i in range(4):
        try_login(client, "/inloggen/", "collega", "fout", ip=f"198.51.100.{i}")
    assert not is_username_locked("collega")
    try_login(Client(), "/inloggen/", "collega", "fout", ip="198.51.100.99")
    assert is_username_locked("collega")
    assert try_login(Client(), "/inloggen/", "collega", PASSWORD, ip="192.0.2.1").status_code == 429
    later = timezone.now() + dt.timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert not is_username_locked("collega")
