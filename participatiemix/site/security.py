"""Login lockout (django-axes), tuned for a town hall.

One username is locked after AXES_FAILURE_LIMIT failures (5), from any address. One address is locked after
PMX_AXES_IP_FAILURE_LIMIT failures (20) over any usernames: colleagues behind one NAT address are not locked
out by one person's typos, while guessing many usernames from one place still stops. Both locks last
AXES_COOLOFF_TIME (15 minutes); a beheerder unlocks a member earlier (organisations: member_unlock).

Attempts are kept in the database (AxesDatabaseHandler), so every worker and host sees the same count.
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _limit_for(parameters: dict) -> int:
    """Failures allowed for one lockout group: an address alone gets the higher limit."""
    if set(parameters) == {"ip_address"}:
        return settings.PMX_AXES_IP_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """Axes compares one number with AXES_FAILURE_LIMIT; give it each group's count scaled to that limit.

    A group with its own limit L and n failures reports floor(n * LIMIT / L), which reaches LIMIT exactly
    when n reaches L. The largest of these decides.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        groups = get_client_parameters(username, request.axes_ip_address, request.axes_user_agent, request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        scores = [0]
        for parameters, attempts in zip(groups, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scores.append(failures * limit // _limit_for(parameters))
        return max(scores)


class LoginBackend(AxesStandaloneBackend):
    """Axes' check before the password check. Web logins always pass the request (login page, admin);
    code without one (the test client's login(), a shell) has no address to count, so it is not checked."""

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The Dutch lockout page (429): what happened, how long it lasts, who can help. No username echoed."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    duration = ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}
    context = {
        "title": _("Te veel pogingen"),
        "duration": duration,
    }
    return render(request, "site/locked_out.html", context, status=429)


def is_username_locked(username: str) -> bool:
    """Is this username locked now? Counts its failures over every address and browser within the cool-off,
    as the lockout itself does (a member page shows the unlock button with this)."""
    from axes.models import AccessAttempt
    from django.utils import timezone

    since = timezone.now() - get_cool_off()
    failures = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.AXES_FAILURE_LIMIT
