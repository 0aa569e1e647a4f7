"""The council's read-only share link: unguessable, stored only as a hash, revocable, expiring, one plan only."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta

import pytest
import yaml
from django.utils import timezone
from docx import Document

from participatiemix.plans import services
from participatiemix.plans.models import PlanShareLink

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def anon():
    """A browser without a login (`client` is the one `staff_client` logs in)."""
    from django.test import Client

    return Client()


def make_link(staff_client, plan, days: str = "30") -> str:
    """Make a link on the plan page as staff; return the URL shown once."""
    response = staff_client.post(f"/plannen/{plan.pk}/delen/", {"days": days})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'value="(http://testserver/plannen/gedeeld/([^/"]+)/)"', response.content.decode())
    assert match, "the page shows the link once"
    return match.group(1)


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_the_link_is_unguessable_and_only_its_hash_is_stored(staff_client, plan):
    url = make_link(staff_client, plan)
    token = token_of(url)
    # token_urlsafe(32): 32 random bytes, 43 characters of base64 (6 bits each) -> 256 bits (>= 128 asked).
    assert len(token) >= 43 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    link = PlanShareLink.objects.get(plan=plan)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(str(v) for v in PlanShareLink.objects.values().get().values())
    assert token not in stored
    # The plan page lists the link with its expiry, but never shows the link itself again.
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert token not in page and "Links die nu werken" in page and "Link intrekken" in page
    assert make_link(staff_client, plan) != url


def test_anyone_with_the_link_reads_the_latest_version_without_edit_controls(anon, staff_client, plan):
    url = make_link(staff_client, plan)
    response = anon.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert plan.title in page and "gedeelde link" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "no-referrer"
    for staff_only in ("/instrument/", "/stap/", "/delen/", "/reacties/", "/versies/", "Alle plannen"):
        assert staff_only not in page, staff_only
    # A new version made later is what the link shows.
    services.plan_step_save(plan=plan, case_update={"title": "Nieuwe titel"}, plan_update={}, step=1, user=None)
    assert "Nieuwe titel" in anon.get(url).content.decode()


def test_logged_in_staff_also_get_the_read_only_page_through_the_link(staff_client, plan):
    url = make_link(staff_client, plan)
    page = staff_client.get(url).content.decode()
    assert f"/plannen/{plan.pk}/instrument/" not in page and f"/plannen/{plan.pk}/stap/1/" not in page


def test_pdf_and_docx_through_the_link(anon, staff_client, plan):
    url = make_link(staff_client, plan)
    docx = anon.get(f"{url}download/docx/")
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert plan.title in text
    pdf = anon.get(f"{url}download/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Only the documents for reading: no case file, no Markdown through the link.
    for fmt in ("yaml", "md", "xlsx"):
        assert anon.get(f"{url}download/{fmt}/").status_code == 404


def test_revoked_links_stop_working(anon, staff_client, plan):
    url = make_link(staff_client, plan)
    link = PlanShareLink.objects.get(plan=plan)
    response = staff_client.post(f"/plannen/{plan.pk}/delen/{link.pk}/intrekken/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by.username == "ambtenaar"
    gone = anon.get(url)
    assert gone.status_code == 404
    page = gone.content.decode()
    assert "Deze link werkt niet meer" in page and "griffie" in page
    assert anon.get(f"{url}download/pdf/").status_code == 404
    assert "Er is nu geen link die werkt" in staff_client.get(f"/plannen/{plan.pk}/").content.decode()


def test_expired_links_stop_working(anon, staff_client, plan):
    url = make_link(staff_client, plan, days="7")
    link = PlanShareLink.objects.get(plan=plan)
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    assert anon.get(url).status_code == 200
    PlanShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert anon.get(url).status_code == 404
    assert anon.get(f"{url}download/docx/").status_code == 404


@pytest.mark.parametrize("days", ["1", "365", "dertig", ""])
def test_only_7_30_or_90_days(staff_client, plan, days):
    response = staff_client.post(f"/plannen/{plan.pk}/delen/", {"days": days})
    assert response.status_code == 302
    assert not PlanShareLink.objects.exists()
    assert "Kies 7, 30 of 90 dagen" in staff_client.get(response["Location"]).content.decode()


def test_the_default_is_30_days(staff_client, plan):
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert re.search(r'<input[^>]*value="30"[^>]*checked', page)
    make_link(staff_client, plan, days="90")
    link = PlanShareLink.objects.get()
    assert timedelta(days=89) < link.expires_at - timezone.now() <= timedelta(days=90)


@pytest.mark.parametrize(
    "token",
    ["x", "A" * 43, "A" * 200, "..%2F..%2Fetc", "0"],
)
def test_unknown_tokens_are_the_same_404(anon, db, token):
    response = anon.get(f"/plannen/gedeeld/{token}/")
    assert response.status_code == 404


def test_a_link_opens_only_its_own_plan(anon, staff_client, plan, case_text, organisation):
    data = yaml.safe_load(case_text)
    data["title"] = "Een ander plan"
    other = services.plan_import(text=yaml.safe_dump(data), filename="ander.yaml", organisation=organisation)
    url = make_link(staff_client, plan)
    page = anon.get(url).content.decode()
    assert plan.title in page and "Een ander plan" not in page
    # The token is no key to the staff pages of this or another plan.
    for path in (f"/plannen/{plan.pk}/", f"/plannen/{other.pk}/", f"/plannen/{other.pk}/download/pdf/"):
        assert anon.get(path, {"token": token_of(url)})["Location"].startswith("/inloggen/")


def test_nothing_can_be_posted_through_the_link(anon, staff_client, plan):
    url = make_link(staff_client, plan)
    before = plan.versions.count()
    for target in (url, f"{url}download/pdf/"):
        assert anon.post(target, {"title_field": "x", "action": "remove"}).status_code == 405
    assert plan.versions.count() == before


def test_the_link_is_rate_limited_per_address(anon, db):
    statuses = [anon.get("/plannen/gedeeld/raden/").status_code for _ in range(61)]
    assert statuses[:60] == [404] * 60
    assert statuses[60] == 429
    # Another address has its own budget.
    assert anon.get("/plannen/gedeeld/raden/", REMOTE_ADDR="192.0.2.7").status_code == 404


def test_a_draft_cannot_be_shared_to_be_read(anon, organisation):
    draft = services.draft_plan_create(case_data={"title": "Concept"}, organisation=organisation)
    _link, token = services.share_link_create(plan=draft, days=7)
    assert anon.get(f"/plannen/gedeeld/{token}/").status_code == 404


def test_the_share_and_comment_texts_are_in_english_too(anon, staff_client, plan):
    url = make_link(staff_client, plan)
    staff_client.cookies["django_language"] = "en"
    page = staff_client.get(f"/plannen/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Share with the council" in page and "Comments (0)" in page and "30 days" in page
    anon.cookies["django_language"] = "en"
    assert "You are reading this plan through a shared link" in anon.get(url).content.decode()
    assert "This link no longer works" in anon.get("/plannen/gedeeld/onbekend/").content.decode()
