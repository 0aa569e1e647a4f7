import datetime as dt

import pytest
from django.contrib.auth import get_user_model
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
def staff(db):
    return get_user_model().objects.create_user("griffier", password="geheim-wachtwoord-1", is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def scan_round(db, staff):
    today = timezone.localdate()
    return services.round_create(
        municipality="Voorbeeldgemeente",
        title="Zelfscan 2027",
        groups=["council", "executive", "staff", "residents"],
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=20),
        custom_questions=[
            services.CustomQuestionInput(text="De gemeente legt het centrumplan goed uit.", kind="likert"),
            services.CustomQuestionInput(text="Wat wilt u de raad nog meegeven?", kind="open"),
        ],
        created_by=staff,
    )


@pytest.fixture
def group(scan_round):
    return lambda name: scan_round.groups.get(group=name)
