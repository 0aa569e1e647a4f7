"""Residents' accounts (django-allauth) under Dutch paths, mounted at /account/.

allauth's URL names are kept (account_login, account_signup, account_confirm_email, ...) so its own redirects
work. Only the pages a resident needs are mounted: sign up, confirm the address, log in and out, change or reset
the password. Staff keep their username login at /inloggen/.

The small adapter below ties allauth to the site: the client address is read as everywhere else
(site/client_ip.py, also behind a proxy), and the language a person last used is remembered for the e-mails
sent to them later (processes/tasks.py).
"""

from __future__ import annotations

import secrets

from allauth.account import views
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from django.core.cache import cache
from django.urls import path, re_path, reverse
from django_ratelimit.decorators import ratelimit

from participatiemix.site.client_ip import client_ip
from participatiemix.site.i18n import current_lang

# Sign-ups per address per hour. django-ratelimit answers the one over with the site's Dutch 429 page;
# allauth's own limit (ACCOUNT_RATE_LIMITS["signup"]) is the same number and stays as a backstop.
SIGNUP_RATE = "20/h"
LANG_KEY = "pmx:lang:user:{}"
LANG_SECONDS = 60 * 60 * 24 * 400  # a little over a year


def remember_lang(user) -> None:
    """Remember the language this person uses now, for e-mails sent later without a request."""
    if getattr(user, "is_authenticated", False):
        key, lang = LANG_KEY.format(user.pk), current_lang()
        if cache.get(key) != lang:  # a read per page; a write only when it changes
            cache.set(key, lang, LANG_SECONDS)


def lang_of(user_id: int) -> str:
    return cache.get(LANG_KEY.format(user_id)) or "nl"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # One reading of the client address for every limit (allauth's too), so a proxy is not one client.
        return client_ip(request) or super().get_client_ip(request)

    def populate_username(self, request, user) -> None:
        # Residents log in with their e-mail address. A username nobody can guess keeps the staff login
        # (username + password, no e-mail check) closed to an account whose address is not confirmed.
        user.username = f"inwoner-{secrets.token_hex(8)}"

    def get_login_redirect_url(self, request) -> str:
        return reverse("processes:mine")

    def login(self, request, user) -> None:
        super().login(request, user)
        remember_lang(user)


class EmailLoginBackend(AuthenticationBackend):
    """allauth's backend, for allauth's own login only (it passes `email`). Django's login form passes only
    `username`; without this, a resident could log in there with their e-mail before confirming it."""

    def authenticate(self, request, **credentials):
        if not credentials.get("email"):
            return None
        return super().authenticate(request, **credentials)


def axes_username(request, credentials: dict | None = None) -> str | None:
    """What django-axes counts failures for: the username (staff login) or the e-mail address (allauth)."""
    if credentials:
        name = credentials.get("username") or credentials.get("email")
    else:
        data = getattr(request, "POST", {}) or {}
        name = data.get("username") or data.get("login")
    if name and "@" in name:
        return name.strip().lower()
    return name


signup = ratelimit(key="ip", rate=SIGNUP_RATE, method="POST", group="account:signup", block=True)(views.signup)

urlpatterns = [
    path("aanmelden/", signup, name="account_signup"),
    path("inloggen/", views.login, name="account_login"),
    path("uitloggen/", views.logout, name="account_logout"),
    path("niet-actief/", views.account_inactive, name="account_inactive"),
    path("bevestigen/", views.email_verification_sent, name="account_email_verification_sent"),
    re_path(r"^bevestigen/(?P<key>[-:\w]+)/$", views.confirm_email, name="account_confirm_email"),
    path("wachtwoord/", views.password_change, name="account_change_password"),
    path("wachtwoord/instellen/", views.password_set, name="account_set_password"),
    path("wachtwoord-vergeten/", views.password_reset, name="account_reset_password"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^wachtwoord-vergeten/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("wachtwoord-vergeten/klaar/", views.password_reset_from_key_done, name="account_reset_password_from_key_done"),
]
