"""The fuzz suite's world: the demo data of `make run`, staff of the demo organisation, and a site map.

Loading the demo and crawling costs a few seconds, so it happens once per module inside a transaction that
is rolled back at the end; each test (and each hypothesis example) runs in a savepoint of its own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.fuzz.crawl import SiteMap, crawl, submit

PERSONAS = ("ambtenaar", "beheerder", "facilitator", "griffie")
SEED_SUBMISSIONS = [
    ("plans:share_create", "beheerder", None),
    ("plans:comment_add", "beheerder", {"text": "Een eerste reactie"}),
    ("plans:instrument", "beheerder", None),  # a second version, so versions can be compared
    ("scan:agenda", "beheerder", None),
    # A fresh workshop (the demo's is finished), opened for groups, joined by a resident.
    (
        "workshop:create",
        "beheerder",
        {"title": "Fuzzsessie", "case_text": "Een casus.", "question_1": "Wat wilt u bereiken?", "group_count": "2"},
    ),
    ("workshop:advance", "beheerder", None),
    ("workshop:join", "anonymous", "code"),
    ("workshop:join_group", "anonymous", {"name": "Groep Fuzz"}),
    ("workshop:flipover", "anonymous", None),  # a note, so a note can be edited
    ("workshop:advance", "beheerder", None),  # the rondgang: the facilitator picks the question shown
]


@dataclass
class World:
    clients: dict[str, Client]
    users: dict
    organisation: object
    site: SiteMap


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def build_world() -> World:
    from django.contrib.auth import get_user_model

    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.organisations.models import Membership, Organisation
    from participatiemix.organisations.roles import Role
    from tests.matrix import ROLE_OF

    call_command("load_demo", stdout=io.StringIO())
    _fewer_scan_responses()
    organisation = demo_organisation()
    users = {}
    for persona in PERSONAS:
        user = get_user_model().objects.create_user(username=f"fuzz-{persona}", password="geheim-wachtwoord-42")
        Membership.objects.create(user=user, organisation=organisation, role=ROLE_OF[persona])
        users[persona] = user
    # A second organisation where the beheerder only reads, so the "which organisation" form shows.
    second = Organisation.objects.create(name="Tweede gemeente", slug="tweede-gemeente")
    Membership.objects.create(user=users["beheerder"], organisation=second, role=Role.GRIFFIE)
    clients = {persona: _client(user) for persona, user in users.items()}
    clients["anonymous"] = _client()
    starts = ["/", "/plannen/", "/zelfscan/", "/werksessies/", "/instrumenten/", "/organisatie/", "/processen/"]
    # The beheerder sees every page staff can see; residents' pages are crawled as anonymous.
    site = crawl(clients, {"beheerder": starts, "anonymous": ["/", "/processen/"]})
    # Codes residents get on paper or a projector: follow what staff pages show as links.
    public = [p for r in site.routes.values() for p in r.paths if "/doe-mee/" in p or "/beamer/" in p]
    crawl(clients, {"anonymous": public}, site)
    # Pages that exist only after something happened: a share link, a comment, a joined group, a next phase.
    for name, persona, data in SEED_SUBMISSIONS:
        submit(clients, site, name, persona, {"code": _workshop_code(site)} if data == "code" else data)
    # A newer plan version (the seed above) and the resident's own input: follow-version, Mijn inbreng, profile.
    crawl(clients, {"beheerder": [reverse("processes:manage", args=["aardgasvrij"])]}, site)
    crawl(clients, {"anonymous": [reverse("processes:mine"), reverse("processes:profile", args=["aardgasvrij"])]}, site)
    # A member locked out by wrong passwords, so the beheerder's unlock form shows.
    for _attempt in range(10):
        _client().post(reverse("site:login"), {"username": "fuzz-griffie", "password": "fout"})
    crawl(clients, {"beheerder": [p for p in site.routes["organisations:members"].paths]}, site)
    return World(clients, users, organisation, site)


def _fewer_scan_responses(keep: int = 12) -> None:
    """The demo's 368 zelfscan responses make every results page and report slow; a dozen per group will do."""
    from django.apps import apps

    Response = apps.get_model("scan", "Response")
    kept = set()
    for group_id in Response.objects.values_list("round_group_id", flat=True).distinct():
        kept |= set(Response.objects.filter(round_group_id=group_id).values_list("pk", flat=True)[:keep])
    Response.objects.exclude(pk__in=kept).delete()


def _workshop_code(site: SiteMap) -> str:
    """The code of the newest workshop, as the path of its projector page shows it."""
    projector = site.routes.get("workshop:projector")
    return projector.paths[-1].rstrip("/").rsplit("/", 1)[-1] if projector else ""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
