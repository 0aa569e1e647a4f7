import pytest

from participatiemix.organisations.roles import Role
from participatiemix.workshop import services
from participatiemix.workshop.models import Phase


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: every test starts with a full budget."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(make_user, organisation):
    """The facilitator who runs the sessions of `organisation`."""
    return make_user(Role.FACILITATOR, organisation, username="begeleider")


@pytest.fixture
def workshop(db, staff, organisation):
    return services.workshop_create(
        title="Werksessie energie",
        case_text=services.DEFAULT_CASE_TEXT,
        questions=list(services.DEFAULT_QUESTIONS),
        organisation=organisation,
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
