"""The admin shows meetings only to staff of the organisation that runs the process."""

import pytest

from participatiemix.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_admin_lists_only_own_meetings(client, make_user, organisation, other_organisation, meeting):
    own = make_user(Role.BEHEERDER, organisation, is_staff=True)
    other = make_user(Role.BEHEERDER, other_organisation, is_staff=True)
    client.force_login(own)
    assert meeting.title in client.get("/beheer/meetings/meeting/").content.decode()
    assert client.get(f"/beheer/meetings/meeting/{meeting.pk}/change/").status_code == 200
    client.force_login(other)
    assert meeting.title not in client.get("/beheer/meetings/meeting/").content.decode()
    assert client.get(f"/beheer/meetings/meeting/{meeting.pk}/change/").status_code in (302, 404)
