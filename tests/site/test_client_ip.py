"""The client address for rate limits and lockouts: X-Forwarded-For only counts from trusted proxies."""

import pytest
from django.test import RequestFactory, override_settings
from django_ratelimit.core import get_usage

from participatiemix.site.client_ip import client_ip


def request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


@override_settings(PMX_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.20", "198.51.100.20"),  # one proxy
        ("127.0.0.1", "1.2.3.4, 198.51.100.20", "198.51.100.20"),  # a spoofed entry left of the real one
        ("127.0.0.1", "198.51.100.20, 10.1.2.3", "198.51.100.20"),  # two trusted hops
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not from our proxy: its header is not believed
        ("127.0.0.1", "zomaar-iets, 198.51.100.20", "198.51.100.20"),
        ("127.0.0.1", "zomaar-iets", "127.0.0.1"),  # garbage only: the proxy itself
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "2001:DB8::1", "2001:db8::1"),  # normalised
    ],
)
def test_trusted_proxy_addresses(remote, forwarded, expected):
    assert client_ip(request(remote, forwarded)) == expected


@override_settings(PMX_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.20", "198.51.100.20"),
        ("1.2.3.4, 198.51.100.20", "198.51.100.20"),  # what the client wrote itself is left of our proxy's entry
        (None, "203.0.113.9"),
    ],
)
def test_trusted_proxy_count(forwarded, expected):
    assert client_ip(request("203.0.113.9", forwarded)) == expected


def test_garbage_remote_addr_never_crashes():
    assert client_ip(request("")) == "0.0.0.0"


@pytest.mark.django_db
def test_rate_limits_use_the_same_address():
    """django-ratelimit's key='ip' goes through client_ip: a fresh X-Forwarded-For per try does not help."""
    for i in range(3):
        usage = get_usage(request("192.0.2.55", f"203.0.113.{i}"), group="t", key="ip", rate="3/d", increment=True)
    assert usage["should_limit"] is False and usage["count"] == 3
    usage = get_usage(request("192.0.2.55", "203.0.113.99"), group="t", key="ip", rate="3/d", increment=True)
    assert usage["should_limit"] is True
