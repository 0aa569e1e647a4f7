"""Shared fixtures: a real Chromium through Playwright, and the accessibility checks every page must pass."""

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CI runs the same hypothesis examples every time (a red CI must be reproducible; no deadline on a loaded
# 2-core machine); a developer's run explores new examples and keeps failures in .hypothesis/.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

AXE_JS = Path(__file__).resolve().parent.parent / "participatiemix/site/static/vendor/axe-core/axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Hashing with PBKDF2 at full strength costs ~0.3 s per login; tests do not need that."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in Dutch: a request in English (a language cookie) leaves English active in the thread,
    which would change the next test's numbers ("3,3" → "3.3") and texts."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def organisation(db):
    from participatiemix.organisations.models import Organisation

    return Organisation.objects.create(name="Gemeente Noorderveld", slug="noorderveld")


@pytest.fixture
def other_organisation(db):
    from participatiemix.organisations.models import Organisation

    return Organisation.objects.create(name="Gemeente Zuiderhaven", slug="zuiderhaven")


@pytest.fixture
def make_user(db):
    """make_user(role, organisation, username=...): a user with that role there (no role: a resident)."""
    from django.contrib.auth import get_user_model

    from participatiemix.organisations.models import Membership

    counter = iter(range(1, 10_000))

    def make(role=None, organisation=None, *, username=None, password="geheim-wachtwoord-42", **extra):
        username = username or f"{role or 'inwoner'}{next(counter)}"
        user = get_user_model().objects.create_user(username=username, password=password, **extra)
        if role is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def staff_user(make_user, organisation):
    """The one staff fixture: an ambtenaar of `organisation` (edits plans, rounds, workshops)."""
    from participatiemix.organisations.roles import Role

    return make_user(Role.AMBTENAAR, organisation, username="ambtenaar")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def persona_clients(db, make_user, organisation, other_organisation):
    """A logged-in test client per persona of tests/matrix.py (own staff belong to `organisation`)."""
    from django.test import Client

    from participatiemix.organisations.roles import Role
    from tests.matrix import ROLE_OF

    clients = {"anonymous": Client()}
    users = {
        "resident": make_user(None, None, username="inwoner"),
        "other_org": make_user(Role.BEHEERDER, other_organisation, username="ander"),
    }
    users.update({name: make_user(role, organisation, username=name) for name, role in ROLE_OF.items()})
    for name, user in users.items():
        c = Client()
        c.force_login(user)
        clients[name] = c
    clients["users"] = users
    return clients


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: `make test` installeert Debian's chromium (scripts/system-deps.sh).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """Factory for pages with their own context (cookies), e.g. a facilitator and two groups."""
    contexts = []

    def make(width: int = 1280, height: int = 900, locale: str = "nl-NL"):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})).violations"
    )


def assert_accessible(page) -> None:
    """axe-core reports 0 violations (WCAG 2.2 A/AA) on the page as it is now."""
    violations = axe_violations(page)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in violations]
    assert violations == [], f"axe-core op {page.url}:\n" + "\n".join(summary)


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolt {overflow}px horizontaal bij {page.viewport_size['width']}px breed"


def screenshot(page, name: str) -> Path:
    """Keep a screenshot for people to look at (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def a11y():
    """The checks as a fixture, so e2e tests need no import from conftest."""

    class Checks:
        accessible = staticmethod(assert_accessible)
        no_horizontal_scroll = staticmethod(assert_no_horizontal_scroll)
        shot = staticmethod(screenshot)

    return Checks


@pytest.fixture
def make_process(db, organisation):
    """make_process(organisation=..., start=..., status=...): a process run from the deck's energy case (the demo
    plan's case file), phases counted on from `start` (default: the first phase opened a week ago)."""
    import datetime as dt

    import yaml
    from django.utils import timezone

    from participatiemix.plans import services as plan_services
    from participatiemix.plans.demo import demo_case_path
    from participatiemix.processes import services
    from participatiemix.processes.models import Process

    def make(organisation=organisation, *, start=None, status=Process.Status.PUBLISHED, slug="", **extra):
        data = yaml.safe_load(demo_case_path().read_text(encoding="utf-8"))
        plan = plan_services.plan_import(
            text=yaml.safe_dump(data, allow_unicode=True), filename="aardgasvrij.yaml", organisation=organisation
        )
        start = start or timezone.localdate() - dt.timedelta(days=7)
        process = services.process_create(plan=plan, start=start, slug=slug, **extra)
        process.status = status
        process.save(update_fields=["status"])
        return process

    return make


@pytest.fixture
def process(make_process):
    """A published process of `organisation` whose first phase is open now."""
    return make_process()
