"""The werksessie admin (/beheer/) follows the same permission layer as the pages."""

import pytest

from participatiemix.organisations.roles import Role
from participatiemix.workshop import services
from participatiemix.workshop.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(organisation, other_organisation):
    def make(org, title):
        workshop = services.workshop_create(title=title, case_text="Casus.", questions=["Vraag?"], organisation=org)
        group = services.group_create(workshop=workshop, name=f"Groep {title}")
        services.note_add(group=group, question=workshop.questions.get(), text=f"Notitie {title}")
        return workshop

    return make(organisation, "Eigen sessie"), make(other_organisation, "Andermans sessie")


@pytest.mark.parametrize("model", ["workshop", "group", "note"])
def test_staff_see_only_their_organisations_rows(client, make_user, organisation, sessions, model):
    own, theirs = sessions
    client.force_login(make_user(Role.FACILITATOR, organisation, is_staff=True))
    html = client.get(f"/beheer/workshop/{model}/").content.decode()
    assert "Eigen sessie" in html and "Andermans sessie" not in html
    assert client.get(f"/beheer/workshop/workshop/{theirs.pk}/change/").status_code in (302, 404)
    assert client.get(f"/beheer/workshop/workshop/{own.pk}/change/").status_code == 200


def test_griffie_reads_but_cannot_change_or_delete(client, make_user, organisation, sessions):
    own, _theirs = sessions
    client.force_login(make_user(Role.GRIFFIE, organisation, is_staff=True))
    assert client.get(f"/beheer/workshop/workshop/{own.pk}/change/").status_code == 200
    client.post(f"/beheer/workshop/workshop/{own.pk}/delete/", {"post": "yes"})
    assert Workshop.objects.filter(pk=own.pk).exists()
    assert client.get("/beheer/workshop/workshop/add/").status_code == 403


def test_groups_and_notes_are_not_added_in_the_admin(client, make_user, organisation, sessions):
    client.force_login(make_user(Role.BEHEERDER, organisation, is_staff=True))
    assert client.get("/beheer/workshop/group/add/").status_code == 403
    assert client.get("/beheer/workshop/note/add/").status_code == 403
