"""Rate limits for every URL that takes a werksessie code (django-ratelimit, key "ip", the shared cache).

Two budgets per address:

- Wrong codes (a lookup that finds no werksessie) are what guessing looks like. They get a small budget
  (MISS_RATES); once it is spent, the address is blocked for that rate's period and every code URL answers
  429, so a guesser cannot go on with "valid" requests either. A room of people mistyping a code now and
  then stays well below it. The block is one cache key, so each request reads one key before the lookup.
- Requests with a code that exists share a generous budget (CODE_RATE): a room of 150 phones behind one
  public address, each polling its flip-over every 3 s, plus the projector polling every 2 s, stays below it.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from participatiemix.site.client_ip import client_ip

# A big room behind one address: 30 groups x 5 phones polling every 3 s is 3,000 a minute, plus pages,
# notes and the projector. Guessing is held by the miss budget; this is only a ceiling against floods.
CODE_RATE = "6000/m"
# At 300 wrong codes an hour, finding one of 50 live codes among 887 million (31^6) takes one address about
# 7 years on average (17.7 million guesses); in a 3-hour session its chance is about 1 in 20,000.
MISS_RATES = ("60/m", "300/h")
CODE_GROUP = "workshop-code"
MISS_GROUP = "workshop-code-miss"
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _block_key(request) -> str:
    """Per address as django-ratelimit counts it: an IPv6 /64 is one address (one home or phone network)."""
    ip = ipaddress.ip_address(client_ip(request))
    bits = (
        getattr(settings, "RATELIMIT_IPV6_MASK", 64)
        if ip.version == 6
        else getattr(settings, "RATELIMIT_IPV4_MASK", 32)
    )
    return f"workshop-code-blocked:{ipaddress.ip_network(f'{ip}/{bits}', strict=False)}"


def _is_blocked(request) -> bool:
    return bool(cache.get(_block_key(request)))


def count_miss(request) -> None:
    """A code that matched no werksessie: count it; past a budget, block the address for that period."""
    for rate in MISS_RATES:
        # Each rate is its own counter: evaluate all of them so every counter is incremented.
        if is_ratelimited(request, group=MISS_GROUP, key="ip", rate=rate, increment=True):
            cache.set(_block_key(request), True, timeout=_SECONDS[rate[-1]])
    if _is_blocked(request):
        raise Ratelimited()


def _code_rate(group, request) -> str:
    return CODE_RATE  # read at request time, so a test can lower it


def code_url(view):
    """For every view that takes a code (GET included): the miss budget first, then the generous one."""

    limited_view = ratelimit(group=CODE_GROUP, key="ip", rate=_code_rate, block=True)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if _is_blocked(request):
            raise Ratelimited()
        return limited_view(request, *args, **kwargs)

    return wrapped
