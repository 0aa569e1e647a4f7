"""The client's address, read the same way by rate limits (django-ratelimit) and login lockouts (django-axes).

Without trusted proxies the socket address (REMOTE_ADDR) is the client and X-Forwarded-For is ignored: anyone
can send that header. Behind a reverse proxy, say which hops to trust (settings, from the environment):

- PMX_TRUSTED_PROXIES: addresses or networks of your proxies ("127.0.0.1,10.0.0.0/24"). The chain
  X-Forwarded-For + REMOTE_ADDR is read from the right; trusted hops are skipped; the first other address is
  the client. A request that does not come from a trusted proxy keeps REMOTE_ADDR.
- PMX_TRUSTED_PROXY_COUNT: the number of proxies in front of the app, when their addresses change. Only safe
  when the app cannot be reached but through them (gunicorn bound to 127.0.0.1 or a private network).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> str | None:
    """A normalised address, or None for anything that is not one (a port, garbage, an empty entry)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in net for net in networks)


def _chain(request: HttpRequest, remote: str) -> list[str]:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [part.strip() for part in forwarded.split(",") if part.strip()] + [remote]


def client_ip(request: HttpRequest) -> str:
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    networks = _networks(tuple(getattr(settings, "PMX_TRUSTED_PROXIES", ())))
    count = int(getattr(settings, "PMX_TRUSTED_PROXY_COUNT", 0))
    if networks:
        return _by_trusted_networks(request, remote, networks)
    if count > 0:
        return _by_proxy_count(request, remote, count)
    return remote


def _by_trusted_networks(request: HttpRequest, remote: str, networks: tuple[Network, ...]) -> str:
    if not _is_trusted(remote, networks):
        return remote  # not from our proxy: the header is the client's own claim
    client = remote
    for hop in reversed(_chain(request, remote)[:-1]):
        address = _address(hop)
        if address is None:
            return client  # garbage left of a trusted hop: the last hop we know is the answer
        client = address
        if not _is_trusted(address, networks):
            return address
    return client


def _by_proxy_count(request: HttpRequest, remote: str, count: int) -> str:
    chain = _chain(request, remote)
    # Each trusted proxy appends the address it saw; the client is `count` places left of the socket address.
    position = max(len(chain) - 1 - count, 0)
    for hop in chain[position:]:  # from the chosen place towards our side: the first real address
        address = _address(hop)
        if address is not None:
            return address
    return remote
