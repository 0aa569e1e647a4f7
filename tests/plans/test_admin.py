"""The admin follows the same permission layer: staff see only their organisations' plans, links and comments."""

from __future__ import annotations

import pytest
import yaml
from django.test import Client

from participatiemix.organisations.roles import Role
from participatiemix.plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user, organisation):
    c = Client()
    c.force_login(make_user(Role.AMBTENAAR, organisation, username="beheerder-admin", is_staff=True))
    return c


@pytest.fixture
def other_plan(case_data, other_organisation):
    case_data["title"] = "Plan van Zuiderhaven"
    return services.plan_import(text=yaml.safe_dump(case_data), filename="ander.yaml", organisation=other_organisation)


def test_the_admin_lists_only_own_plans(admin_client, plan, other_plan):
    page = admin_client.get("/beheer/plans/plan/").content.decode()
    assert f"/beheer/plans/plan/{plan.pk}/change/" in page
    assert f"/beheer/plans/plan/{other_plan.pk}/change/" not in page
    versions = admin_client.get("/beheer/plans/planversion/").content.decode()
    assert f"/beheer/plans/planversion/{plan.latest_version.pk}/change/" in versions
    assert f"/beheer/plans/planversion/{other_plan.latest_version.pk}/change/" not in versions


def test_another_organisations_plan_cannot_be_opened_or_deleted_in_the_admin(admin_client, other_plan):
    for url in (f"/beheer/plans/plan/{other_plan.pk}/change/", f"/beheer/plans/plan/{other_plan.pk}/delete/"):
        response = admin_client.get(url)
        assert response.status_code in (302, 404)
        assert other_plan.title not in response.content.decode()
    assert admin_client.post(f"/beheer/plans/plan/{other_plan.pk}/delete/", {"post": "yes"}).status_code in (302, 404)
    other_plan.refresh_from_db()  # still there


def test_share_links_and_comments_in_the_admin_are_scoped(admin_client, plan, other_plan):
    own, _token = services.share_link_create(plan=plan, days=7)
    elsewhere, _token = services.share_link_create(plan=other_plan, days=7)
    services.comment_add(plan=other_plan, text="Elders", user=None)
    links = admin_client.get("/beheer/plans/plansharelink/").content.decode()
    assert f"/beheer/plans/plansharelink/{own.pk}/change/" in links
    assert f"/beheer/plans/plansharelink/{elsewhere.pk}/change/" not in links and "Zuiderhaven" not in links
    assert "Elders" not in admin_client.get("/beheer/plans/plancomment/").content.decode()
    # Links are made on the plan page only (the token is shown there once).
    assert admin_client.get("/beheer/plans/plansharelink/add/").status_code == 403
