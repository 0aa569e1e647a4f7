"""The access matrix: every view tried by every kind of person.

Personas: anonymous, a resident (an account, no membership), staff of another organisation (a beheerder
there), and own staff per role. Each app's `tests/<app>/test_access.py` lists its routes in ROUTES and
checks them with `check()`; tests/site/test_route_coverage.py fails when a route of the site is in no matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from participatiemix.organisations.roles import Role

PERSONAS = ("anonymous", "resident", "other_org", "beheerder", "ambtenaar", "facilitator", "griffie")
STAFF = ("beheerder", "ambtenaar", "facilitator", "griffie")
OUTSIDERS = ("anonymous", "resident", "other_org")
ROLE_OF = {
    "beheerder": Role.BEHEERDER,
    "ambtenaar": Role.AMBTENAAR,
    "facilitator": Role.FACILITATOR,
    "griffie": Role.GRIFFIE,
}


@dataclass
class Outcome:
    """What a persona gets: `ok` (2xx or a redirect back into the app), `login` (sent to log in), or a status."""

    kind: str
    status: int | None = None
    extra: dict = field(default_factory=dict)


OK = Outcome("ok")
LOGIN = Outcome("login")
NOT_FOUND = Outcome("status", 404)
FORBIDDEN = Outcome("status", 403)


def matches(response, outcome: Outcome) -> bool:
    if outcome.kind == "login":
        return response.status_code == 302 and "/inloggen/" in response["Location"]
    if outcome.kind == "status":
        return response.status_code == outcome.status
    if response.status_code == 302:
        return "/inloggen/" not in response["Location"]
    return 200 <= response.status_code < 300 or response.status_code == 400  # 400: a form that was refused


def check(clients: dict, method: str, url: str, expected: dict[str, Outcome], data: dict | None = None) -> list[str]:
    """Try the URL as every persona in `expected`; return the mismatches as readable lines (empty when all fit)."""
    problems = []
    for persona, outcome in expected.items():
        client = clients[persona]
        response = client.get(url, data or {}) if method == "GET" else client.post(url, data or {})
        if not matches(response, outcome):
            where = response.get("Location", "")
            problems.append(f"{method} {url} als {persona}: {response.status_code} {where} (verwacht {outcome})")
    return problems


def expect(outsiders: Outcome | dict, **roles: Outcome) -> dict[str, Outcome]:
    """`expect(LOGIN_OR_404, beheerder=OK, ...)`: outsiders get one outcome (or a dict per outsider)."""
    result = dict(outsiders) if isinstance(outsiders, dict) else {p: outsiders for p in OUTSIDERS}
    for role in STAFF:
        result[role] = roles.get(role, roles.get("default", NOT_FOUND))
    return result


def hidden_from_outsiders() -> dict[str, Outcome]:
    """An object page: anonymous is asked to log in; a resident and other organisations' staff get a 404."""
    return {"anonymous": LOGIN, "resident": NOT_FOUND, "other_org": NOT_FOUND}
