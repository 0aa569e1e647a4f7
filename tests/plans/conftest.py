from pathlib import Path

import pytest
import yaml

from participatiemix.mix.vocabulary import DATA_DIR

CASE_FILE = DATA_DIR / "cases" / "aardgasvrij.yaml"


@pytest.fixture
def staff(staff_user):
    """An ambtenaar of `organisation` (tests/conftest.py), who may edit its plans."""
    return staff_user


@pytest.fixture
def case_text() -> str:
    return Path(CASE_FILE).read_text(encoding="utf-8")


@pytest.fixture
def case_data(case_text) -> dict:
    return yaml.safe_load(case_text)


@pytest.fixture
def plan(db, case_text, staff, organisation):
    from participatiemix.plans import services

    data = yaml.safe_load(case_text)
    data["preconditions"] = {"room_for_influence": True, "enough_time": True, "commitment": True, "capacity": True}
    return services.plan_import(
        text=yaml.safe_dump(data, allow_unicode=True),
        filename="aardgasvrij.yaml",
        created_by=staff,
        organisation=organisation,
    )


@pytest.fixture
def fresh_rate_limits(db):
    """Rate limits live in the shared cache (the database cache in tests): a test starts with a full budget."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def dutch():
    """A request in English leaves English active in the thread; every test starts in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
