"""Comments of the griffie and council members on a plan: cleaned text, shown with author and date, deletable."""

from __future__ import annotations

import pytest

from participatiemix.organisations.roles import Role
from participatiemix.plans.models import PlanComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffie(make_user, organisation):
    from django.test import Client

    c = Client()
    c.force_login(make_user(Role.GRIFFIE, organisation, username="griffier"))
    return c


def post(c, plan, text):
    return c.post(f"/plannen/{plan.pk}/reacties/", {"text": text})


def test_a_comment_is_shown_with_author_date_and_version(griffie, staff_client, plan):
    response = post(griffie, plan, "Graag ook een avond in Noorddorp.\nDank!")
    assert response.status_code == 302 and response["Location"].endswith("#comments-title")
    comment = PlanComment.objects.get()
    assert comment.version_number == plan.latest_version.number and comment.author.username == "griffier"
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert "Graag ook een avond in Noorddorp.<br>Dank!" in page
    assert "griffier op" in page and "bij versie 1" in page and "Reacties (1)" in page


def test_control_characters_are_removed_and_markup_is_shown_as_text(griffie, plan):
    post(griffie, plan, "\x01Goed\x0b plan <script>alert(1)</script>\u202e")
    assert PlanComment.objects.get().text == "Goed plan <script>alert(1)</script>"
    page = griffie.get(f"/plannen/{plan.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Schrijf een reactie"),
        ("\u200b\u200b \u2060", "Schrijf een reactie"),
        ("x" * 2001, "hoogstens 2000 tekens"),
    ],
)
def test_empty_invisible_or_too_long_comments_are_refused(griffie, plan, text, message):
    response = post(griffie, plan, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'aria-invalid="true"' in page
    assert not PlanComment.objects.exists()


def test_exactly_2000_characters_is_allowed(griffie, plan):
    assert post(griffie, plan, "y" * 2000).status_code == 302
    assert len(PlanComment.objects.get().text) == 2000


def test_readers_without_comment_rights_see_comments_but_no_form(griffie, make_user, organisation, plan):
    from django.test import Client

    post(griffie, plan, "Zichtbaar voor collega's")
    facilitator = Client()
    facilitator.force_login(make_user(Role.FACILITATOR, organisation, username="begeleider"))
    page = facilitator.get(f"/plannen/{plan.pk}/").content.decode()
    assert "Zichtbaar voor collega&#x27;s" in page
    assert f'action="/plannen/{plan.pk}/reacties/' not in page and "Reactie verwijderen" not in page


def test_the_author_sees_a_delete_button_for_their_own_comment_only(griffie, staff_client, plan):
    post(griffie, plan, "Van de griffie")
    post(staff_client, plan, "Van de ambtenaar")
    page = griffie.get(f"/plannen/{plan.pk}/").content.decode()
    assert page.count("Reactie verwijderen") == 1
    # The ambtenaar (EDIT) may remove both.
    assert staff_client.get(f"/plannen/{plan.pk}/").content.decode().count("Reactie verwijderen") == 2
