"""The header: staff see "Mijn organisatie", residents with an account do not (they have no organisation)."""

import pytest

from participatiemix.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_only_members_see_my_organisation(client, make_user, organisation):
    client.force_login(make_user(None, None, username="inwoner"))
    page = client.get("/processen/").content.decode()
    assert "Mijn organisatie" not in page and "Mijn inbreng" in page and "Uitloggen" in page
    client.force_login(make_user(Role.GRIFFIE, organisation))
    assert "Mijn organisatie" in client.get("/processen/").content.decode()
