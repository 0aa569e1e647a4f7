"""The zelfscan permissions agree everywhere: django-rules (templates, has_perm), the pages and the admin."""

import pytest
from django.test import Client

from participatiemix.organisations.roles import Role

pytestmark = pytest.mark.django_db

EXPECTED = {
    # role: (view, change)
    Role.BEHEERDER: (True, True),
    Role.AMBTENAAR: (True, True),
    Role.FACILITATOR: (True, False),
    Role.GRIFFIE: (True, False),
}


def test_has_perm_follows_the_role_in_the_rounds_organisation(make_user, organisation, other_organisation, make_round):
    own, other = make_round(), make_round(organisation=other_organisation)
    for role, (view, change) in EXPECTED.items():
        user = make_user(role, organisation)
        assert user.has_perm("scan.view_scanround", own) is view, role
        for action in ("change", "delete"):
            assert user.has_perm(f"scan.{action}_scanround", own) is change, (role, action)
        assert user.has_perm("scan.add_scanround") is change, role
        for action in ("view", "change", "delete"):
            assert not user.has_perm(f"scan.{action}_scanround", other), (role, action)
    resident = make_user(None, None)
    assert not resident.has_perm("scan.view_scanround", own) and not resident.has_perm("scan.add_scanround")


def _admin_client(make_user, role, organisation, username):
    user = make_user(role, organisation, username=username, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_admin_shows_only_own_rounds(make_user, organisation, other_organisation, make_round):
    own = make_round(title="Eigen ronde")
    other = make_round(organisation=other_organisation, title="Ronde van Zuiderhaven")
    client = _admin_client(make_user, Role.BEHEERDER, organisation, "admin-eigen")
    listing = client.get("/beheer/scan/scanround/").content.decode()
    assert "Eigen ronde" in listing and "Ronde van Zuiderhaven" not in listing
    assert client.get(f"/beheer/scan/scanround/{own.pk}/change/").status_code == 200
    # Another organisation's round: the admin acts as if it does not exist, and it cannot be deleted.
    assert client.get(f"/beheer/scan/scanround/{other.pk}/change/").status_code == 302
    client.post(f"/beheer/scan/scanround/{other.pk}/delete/", {"post": "yes"})
    assert type(other).objects.filter(pk=other.pk).exists()


def test_admin_lets_a_reader_look_but_not_change(make_user, organisation, make_round):
    own = make_round(title="Eigen ronde")
    client = _admin_client(make_user, Role.GRIFFIE, organisation, "admin-griffie")
    page = client.get(f"/beheer/scan/scanround/{own.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(f"/beheer/scan/scanround/{own.pk}/delete/", {"post": "yes"})
    assert type(own).objects.filter(pk=own.pk).exists()
