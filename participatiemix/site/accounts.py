"""Residents' accounts (django-allauth) tied to the site: the adapter, the login backend and django-axes' key.

The client address is read as everywhere else (site/client_ip.py, also behind a proxy), and the language a person
last used is remembered for the e-mails sent to them later (processes/tasks.py).
"""

from __future__ import annotations

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from django.core.cache import cache
from django.urls import reverse

from participatiemix.site.client_ip import client_ip
from participatiemix.site.i18n import current_lang

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
