"""Residents' accounts (django-allauth) under Dutch paths, mounted at /account/.

allauth's URL names are kept (account_login, account_signup, account_confirm_email, ...) so its own redirects
work. Only the pages a resident needs are mounted: sign up, confirm the address, log in and out, change or reset
the password. Staff keep their username login at /inloggen/.

The adapter, the login backend and django-axes' key live in site/accounts.py.
"""

from __future__ import annotations

from allauth.account import views
from django.urls import path, re_path
from django_ratelimit.decorators import ratelimit

# Sign-ups per address per hour. django-ratelimit answers the one over with the site's Dutch 429 page;
# allauth's own limit (ACCOUNT_RATE_LIMITS["signup"]) is the same number and stays as a backstop.
SIGNUP_RATE = "20/h"


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
