import pytest
from django.contrib.auth import get_user_model

from participatiemix.workshop import services
from participatiemix.workshop.models import Phase


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("begeleider", password="geheim-wachtwoord-1", is_staff=True)


@pytest.fixture
def workshop(db, staff):
    return services.workshop_create(
        title="Werksessie energie",
        case_text=services.DEFAULT_CASE_TEXT,
        questions=list(services.DEFAULT_QUESTIONS),
        created_by=staff,
    )


@pytest.fixture
def running(workshop):
    return services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)


@pytest.fixture
def group(running):
    return services.group_create(workshop=running, name="Tafel 1")


@pytest.fixture
def question(workshop):
    return workshop.questions.get(number=1)
