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
def staff(django_user_model):
    return django_user_model.objects.create_user("medewerker", password="geheim-wachtwoord-123", is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Users are created in many tests; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
