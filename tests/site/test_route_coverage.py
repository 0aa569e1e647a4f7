"""Every named URL of the site is in some access matrix (tests/<app>/test_access.py, ROUTES).

A new view without a row in a matrix fails here, so nobody can add a page that skips the permission check.
The Django admin (/beheer/) is covered by its own tests (scoped model admins), not by route names.
"""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import tests


def _names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def covered_routes() -> set[str]:
    covered: set[str] = set()
    for pkg in pkgutil.iter_modules(tests.__path__):
        if not pkg.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{pkg.name}.test_access")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.{pkg.name}.test_access":
                raise
            continue
        covered |= set(module.ROUTES)
    return covered


def test_every_route_is_in_an_access_matrix():
    routes = {name for name in _names(get_resolver().url_patterns) if not name.startswith("admin:")}
    missing = sorted(routes - covered_routes())
    assert missing == [], "Deze routes staan in geen toegangsmatrix (tests/<app>/test_access.py):\n" + "\n".join(
        missing
    )


def test_matrices_name_only_real_routes():
    routes = _names(get_resolver().url_patterns)
    unknown = sorted(covered_routes() - routes)
    assert unknown == [], f"ROUTES noemen routes die niet bestaan: {unknown}"
