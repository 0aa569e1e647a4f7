"""Access matrix for every plans page: anonymous, resident, other organisation's staff, own staff per role.

Who may do what is written in participatiemix/plans/rules.py: reading a plan needs VIEW (every role),
making and changing needs EDIT (beheerder, ambtenaar), commenting needs COMMENT (beheerder, ambtenaar,
griffie). A plan of another organisation is a 404, never a 403. Own staff without the ability get a 403.
The council's share link is public and read-only.
"""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from participatiemix.plans import services
from participatiemix.plans.models import Plan, PlanComment, PlanShareLink
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, PERSONAS, Outcome, check, expect, hidden_from_outsiders
from tests.plans.test_intake import STEP1

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

ROUTES = {
    "plans:list",
    "plans:new",
    "plans:import",
    "plans:compare_plans",
    "plans:detail",
    "plans:step",
    "plans:instrument",
    "plans:versions",
    "plans:version",
    "plans:compare_versions",
    "plans:download",
    "plans:share_create",
    "plans:share_revoke",
    "plans:shared",
    "plans:shared_download",
    "plans:comment_add",
    "plans:comment_delete",
}

# Pages without an object: log in first, then the ability somewhere (other_org has it in their own organisation).
SOMEWHERE = {"anonymous": LOGIN, "resident": FORBIDDEN, "other_org": OK}
LIST = expect(SOMEWHERE, default=OK)
CREATORS = expect(SOMEWHERE, beheerder=OK, ambtenaar=OK, facilitator=FORBIDDEN, griffie=FORBIDDEN)
# A plan: outsiders never learn it exists; own staff read it; changing needs EDIT, commenting COMMENT.
READERS = expect(hidden_from_outsiders(), default=OK)
EDITORS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, facilitator=FORBIDDEN, griffie=FORBIDDEN)
COMMENTERS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, griffie=OK, facilitator=FORBIDDEN)
EVERYONE = {persona: OK for persona in PERSONAS}
NO_POST = {persona: Outcome("status", 405) for persona in PERSONAS}


@pytest.fixture
def plan(case_text, organisation):
    """Made without a user (the personas' usernames would clash with the `staff` fixture)."""
    data = yaml.safe_load(case_text)
    data["preconditions"] = {"room_for_influence": True, "enough_time": True, "commitment": True, "capacity": True}
    return services.plan_import(text=yaml.safe_dump(data), filename="aardgasvrij.yaml", organisation=organisation)


@pytest.fixture
def other_plan(case_text, other_organisation):
    return services.plan_import(text=case_text, filename="ander.yaml", organisation=other_organisation)


@pytest.fixture
def second_plan(case_text, organisation):
    data = yaml.safe_load(case_text)
    data["title"] = "Tweede plan"
    return services.plan_import(text=yaml.safe_dump(data), filename="tweede.yaml", organisation=organisation)


def test_the_list_shows_only_the_own_organisations_plans(persona_clients, plan, other_plan):
    assert check(persona_clients, "GET", "/plannen/", LIST) == []
    own = persona_clients["griffie"].get("/plannen/").content.decode()
    assert f"/plannen/{plan.pk}/" in own and f"/plannen/{other_plan.pk}/" not in own
    elsewhere = persona_clients["other_org"].get("/plannen/").content.decode()
    assert f"/plannen/{other_plan.pk}/" in elsewhere and f"/plannen/{plan.pk}/" not in elsewhere


def test_only_editors_see_the_buttons_to_make_plans(persona_clients, plan):
    for persona, shown in (("ambtenaar", True), ("griffie", False), ("facilitator", False)):
        page = persona_clients[persona].get("/plannen/").content.decode()
        assert ('href="/plannen/nieuw/"' in page) is shown, persona


def test_new_and_import(persona_clients, case_text):
    assert check(persona_clients, "GET", "/plannen/nieuw/", CREATORS) == []
    assert check(persona_clients, "POST", "/plannen/nieuw/", CREATORS, STEP1) == []
    assert check(persona_clients, "GET", "/plannen/importeren/", CREATORS) == []
    # Each allowed POST imports a plan; a fresh upload per persona (a file is read once).
    for persona, outcome in CREATORS.items():
        data = {"file": SimpleUploadedFile("casus.yaml", case_text.encode())}
        assert check(persona_clients, "POST", "/plannen/importeren/", {persona: outcome}, data) == []


def test_new_plans_belong_to_the_makers_organisation(persona_clients, organisation, other_organisation):
    persona_clients["ambtenaar"].post("/plannen/nieuw/", STEP1)
    persona_clients["other_org"].post("/plannen/nieuw/", STEP1)
    assert list(Plan.objects.order_by("id").values_list("organisation", flat=True)) == [
        organisation.pk,
        other_organisation.pk,
    ]


def test_reading_a_plan(persona_clients, plan, second_plan):
    base = f"/plannen/{plan.pk}"
    for url in (
        f"{base}/",
        f"{base}/versies/",
        f"{base}/versies/1/",
        f"{base}/vergelijk/?a=1&b=1",
        f"{base}/download/md/",
        f"{base}/download/yaml/",
    ):
        assert check(persona_clients, "GET", url, READERS) == [], url
    compare = f"/plannen/vergelijk/?a={plan.pk}&b={second_plan.pk}"
    assert check(persona_clients, "GET", compare, expect(SOMEWHERE | {"other_org": NOT_FOUND}, default=OK)) == []


def test_a_draft_sends_editors_to_the_intake_and_shows_readers_that_it_is_not_ready(persona_clients, organisation):
    draft = services.draft_plan_create(case_data={"title": "Nog een concept"}, organisation=organisation)
    url = f"/plannen/{draft.pk}/"
    assert check(persona_clients, "GET", url, READERS) == []
    assert persona_clients["ambtenaar"].get(url)["Location"] == f"/plannen/{draft.pk}/stap/1/"
    page = persona_clients["griffie"].get(url).content.decode()
    assert "nog een concept" in page and "/stap/" not in page


def test_changing_a_plan(persona_clients, plan):
    base = f"/plannen/{plan.pk}"
    assert check(persona_clients, "GET", f"{base}/stap/1/", EDITORS) == []
    assert check(persona_clients, "POST", f"{base}/stap/1/", EDITORS, {**STEP1, "nav": "finish"}) == []
    phase = plan.latest_version.advice["phases"][0]
    change = {"phase": phase["phase"], "action": "remove", "instrument": phase["instruments"][0]["id"]}
    assert check(persona_clients, "POST", f"{base}/instrument/", EDITORS, change) == []


def test_readers_see_no_edit_controls(persona_clients, plan):
    griffie = persona_clients["griffie"].get(f"/plannen/{plan.pk}/").content.decode()
    ambtenaar = persona_clients["ambtenaar"].get(f"/plannen/{plan.pk}/").content.decode()
    for control in (f"/plannen/{plan.pk}/instrument/", f"/plannen/{plan.pk}/stap/1/", f"/plannen/{plan.pk}/delen/"):
        assert control in ambtenaar and control not in griffie, control


def test_finding_a_resident_or_other_organisation_cannot_change_a_plan(persona_clients, plan):
    """Found when tried: any logged-in account POSTed /plannen/<id>/stap/1/ and the change was saved."""
    hostile = {**STEP1, "title_field": "Overgenomen", "nav": "finish"}
    for persona in ("resident", "other_org", "griffie", "facilitator"):
        response = persona_clients[persona].post(f"/plannen/{plan.pk}/stap/1/", hostile)
        assert response.status_code in (403, 404), persona
    plan.refresh_from_db()
    assert plan.title != "Overgenomen" and plan.versions.count() == 1


def test_share_links(persona_clients, plan):
    base = f"/plannen/{plan.pk}/delen"
    assert check(persona_clients, "POST", f"{base}/", EDITORS, {"days": "30"}) == []
    link = PlanShareLink.objects.filter(plan=plan).first()
    assert check(persona_clients, "POST", f"{base}/{link.pk}/intrekken/", EDITORS) == []
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_shared_page_is_public_and_read_only(persona_clients, plan):
    _link, token = services.share_link_create(plan=plan, days=7)
    for url in (f"/plannen/gedeeld/{token}/", f"/plannen/gedeeld/{token}/download/docx/"):
        assert check(persona_clients, "GET", url, EVERYONE) == [], url
        assert check(persona_clients, "POST", url, NO_POST) == [], url


def test_comments(persona_clients, plan):
    url = f"/plannen/{plan.pk}/reacties/"
    assert check(persona_clients, "POST", url, COMMENTERS, {"text": "Graag een extra avond in het dorp."}) == []
    authors = set(PlanComment.objects.values_list("author__username", flat=True))
    assert authors == {"beheerder", "ambtenaar", "griffie"}


@pytest.mark.parametrize(
    ("persona", "author", "outcome"),
    [
        ("anonymous", "griffie", LOGIN),
        ("resident", "griffie", NOT_FOUND),
        ("other_org", "griffie", NOT_FOUND),
        ("griffie", "griffie", OK),  # the author
        ("ambtenaar", "griffie", OK),  # EDIT on the plan
        ("beheerder", "griffie", OK),
        ("facilitator", "griffie", FORBIDDEN),  # reads, but neither author nor editor
        ("griffie", "ambtenaar", FORBIDDEN),  # another author's comment
    ],
)
def test_deleting_a_comment(persona_clients, plan, persona, author, outcome):
    comment = services.comment_add(plan=plan, text="Een reactie", user=persona_clients["users"][author])
    url = f"/plannen/{plan.pk}/reacties/{comment.pk}/verwijderen/"
    assert check(persona_clients, "POST", url, {persona: outcome}) == []
    assert PlanComment.objects.filter(pk=comment.pk).exists() is (outcome is not OK)


def test_every_object_page_of_another_organisation_is_a_404(persona_clients, other_plan):
    """The other organisation's plan, tried by our own staff: nothing confirms it exists."""
    base = f"/plannen/{other_plan.pk}"
    comment = services.comment_add(plan=other_plan, text="x", user=None)
    _link, _token = services.share_link_create(plan=other_plan, days=7)
    link = PlanShareLink.objects.get(plan=other_plan)
    staff_404 = {persona: NOT_FOUND for persona in ("beheerder", "ambtenaar", "facilitator", "griffie")}
    for method, url in (
        ("GET", f"{base}/"),
        ("GET", f"{base}/stap/1/"),
        ("POST", f"{base}/stap/1/"),
        ("POST", f"{base}/instrument/"),
        ("GET", f"{base}/versies/"),
        ("GET", f"{base}/versies/1/"),
        ("GET", f"{base}/vergelijk/?a=1&b=1"),
        ("GET", f"{base}/download/pdf/"),
        ("POST", f"{base}/delen/"),
        ("POST", f"{base}/delen/{link.pk}/intrekken/"),
        ("POST", f"{base}/reacties/"),
        ("POST", f"{base}/reacties/{comment.pk}/verwijderen/"),
    ):
        assert check(persona_clients, method, url, staff_404) == [], url
    link.refresh_from_db()
    assert link.revoked_at is None and PlanComment.objects.filter(pk=comment.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/plannen/999999999999999999999999999999/",
        "/plannen/0/versies/1/",
        "/plannen/{pk}/versies/999999999999999999999999/",
        "/plannen/{pk}/download/pdf/?versie=999999999999999999999999999",
        "/plannen/{pk}/download/pdf/?versie=abc",
        "/plannen/{pk}/download/exe/",
        "/plannen/{pk}/stap/99/",
        "/plannen/{pk}/delen/999999/intrekken/",
    ],
)
def test_odd_ids_are_a_404_never_a_500(persona_clients, plan, url):
    url = url.format(pk=plan.pk)
    client = persona_clients["ambtenaar"]
    method = client.post if "intrekken" in url else client.get
    assert method(url).status_code == 404
