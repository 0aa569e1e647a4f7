from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model

from participatiemix.mix.vocabulary import DATA_DIR

CASE_FILE = DATA_DIR / "cases" / "aardgasvrij.yaml"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(username="ambtenaar", password="een-lang-wachtwoord-42", is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def case_text() -> str:
    return Path(CASE_FILE).read_text(encoding="utf-8")


@pytest.fixture
def case_data(case_text) -> dict:
    return yaml.safe_load(case_text)


@pytest.fixture
def plan(db, case_text, staff):
    from participatiemix.plans import services

    data = yaml.safe_load(case_text)
    data["preconditions"] = {"room_for_influence": True, "enough_time": True, "commitment": True, "capacity": True}
    return services.plan_import(
        text=yaml.safe_dump(data, allow_unicode=True), filename="aardgasvrij.yaml", created_by=staff
    )


@pytest.fixture(autouse=True)
def dutch():
    """A request in English leaves English active in the thread; every test starts in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
