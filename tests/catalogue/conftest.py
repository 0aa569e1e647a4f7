"""Pages and forms see generated instruments (plus the model file), not the shipped catalogue."""

from __future__ import annotations

import pytest

from participatiemix.catalogue import selectors
from tests.catalogue.factories import build_catalogue


@pytest.fixture(scope="session")
def small_catalogue(tmp_path_factory):
    return build_catalogue(tmp_path_factory.mktemp("instruments"), 12)


@pytest.fixture
def catalogue(small_catalogue, monkeypatch):
    """The pages and forms see 12 generated instruments plus `burgerberaad`."""
    monkeypatch.setattr(selectors, "load_catalogue", lambda: small_catalogue)
    return small_catalogue


@pytest.fixture
def staff(staff_user):
    """An ambtenaar of `organisation` (the one staff fixture of tests/conftest.py)."""
    return staff_user
