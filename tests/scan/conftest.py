import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from participatiemix.scan import services


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and theme groupings live in the cache: start every test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(staff_user):
    """The trekker: an ambtenaar of `organisation` (tests/conftest.py)."""
    return staff_user


@pytest.fixture
def make_round(db, organisation):
    def make(*, organisation=organisation, municipality="Voorbeeldgemeente", title="Zelfscan 2027", **extra):
        today = timezone.localdate()
        values = {
            "groups": ["council", "executive", "staff", "residents"],
            "opens_on": today - dt.timedelta(days=1),
            "closes_on": today + dt.timedelta(days=20),
            **extra,
        }
        return services.round_create(organisation=organisation, municipality=municipality, title=title, **values)

    return make


@pytest.fixture
def scan_round(make_round):
    return make_round(
        custom_questions=[
            services.CustomQuestionInput(text="De gemeente legt het centrumplan goed uit.", kind="likert"),
            services.CustomQuestionInput(text="Wat wilt u de raad nog meegeven?", kind="open"),
        ],
    )


@pytest.fixture
def group(scan_round):
    return lambda name: scan_round.groups.get(group=name)


@pytest.fixture
def frozen_rate_clock(monkeypatch):
    """Rate limits count per window of time; a slow test (PostgreSQL, a busy machine) must not cross one."""
    import types

    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_900_000_000.0))
