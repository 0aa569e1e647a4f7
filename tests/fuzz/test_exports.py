"""Exports still open after hostile text was accepted: plan (Markdown, DOCX, PDF), zelfscan report, workshop report.

Each app's form takes text a person could type (control characters, a bidi override, <script>, a template
tag, a `javascript:` link, zero-width characters); the document built from it must open, and must not carry
control characters, raw HTML or a live `javascript:` link.
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.cache import cache
from django.urls import resolve, reverse

from participatiemix.mix.catalogue import DATA_DIR
from tests.fuzz.crawl import form_defaults

HOSTILE = "Plan\x01\x0b <script>alert(1)</script> {{7*7}} \u202eomgekeerd\u202c [klik](javascript:alert(1)) \u200b"
# Some forms refuse '<' followed by a letter outright (a fine answer); then this text must be taken.
HOSTILE_WITHOUT_TAGS = HOSTILE.replace("<script>alert(1)</script>", "1 < 2 & 3 > 2")
HOSTILE_PLAIN = "Plan\x01\x0b \u202eomgekeerd\u202c & 1 < 2 \u200b"  # only what cleaning must take out
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIVE_JS_LINK = re.compile(r"(?<!\\)\]\(\s*javascript:", re.IGNORECASE)  # an escaped \] is plain text
FORMATS = ("md", "docx", "pdf")


def _open(response, fmt: str) -> str:
    """The document's text; fails when the file does not open."""
    content = b"".join(response) if getattr(response, "streaming", False) else response.content
    if fmt == "pdf":
        assert content.startswith(b"%PDF-"), content[:40]
        return ""
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            assert docx.testzip() is None
            return docx.read("word/document.xml").decode("utf-8")
    return content.decode("utf-8")


def _is_text(field) -> bool:
    """A free-text field (not a number typed into a text box)."""
    return field.kind in ("text", "textarea") and not any(v.strip().isdigit() for v in field.values)


def _offered(world, route: str, fmt: str) -> bool:
    found = world.site.routes.get(route)
    return any(re.search(rf"[/.]{fmt}(/|$|\?)", p) for p in (found.paths if found else []))


def _check(world, route: str, fmt: str, response) -> None:
    app = route.split(":")[0]
    if not _offered(world, route, fmt) and response.status_code != 200:
        assert response.status_code == 404, f"{app} {fmt}: not offered, so 404 (not {response.status_code})"
        return
    assert response.status_code == 200, f"{app} {fmt}: {response.status_code}"
    text = _open(response, fmt)
    assert not CONTROL.search(text), f"{app} {fmt}: control character in the document"
    if fmt == "md":
        assert "<script>" not in text, f"{app} md: raw HTML in the Markdown"
        assert not LIVE_JS_LINK.search(text), f"{app} md: a live javascript: link in the Markdown"


def _form(world, route: str):
    forms = world.site.forms.get(route)
    assert forms, f"no form found for {route}"
    return forms[-1]


def _post(client, form, texts: list[str]):
    """Post the form with hostile text in every free-text field; the softer text when the first is refused."""
    for text in (HOSTILE, HOSTILE_WITHOUT_TAGS, HOSTILE_PLAIN):
        cache.clear()
        data = {**form_defaults(form), **{name: text for name, f in form.fields.items() if name in texts}}
        response = client.post(urlsplit(form.action).path, data)
        if response.status_code != 400:
            break
    return response


@pytest.fixture
def staff(world):
    return world.clients["ambtenaar"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_exports_after_a_hostile_import(world, db, staff, fmt):
    case = yaml.safe_load((DATA_DIR / "cases" / "aardgasvrij.yaml").read_text(encoding="utf-8"))
    case["title"] = HOSTILE
    case["policy_question"] = HOSTILE + "\n\n# Kop\n<img src=x onerror=alert(1)>"
    upload = io.BytesIO(yaml.safe_dump(case, allow_unicode=True).encode("utf-8"))
    upload.name = "casus.yaml"
    form = _form(world, "plans:import")
    response = staff.post(urlsplit(form.action).path, {"file": upload})
    assert response.status_code == 302, response.content[:500]
    pk = resolve(urlsplit(response["Location"]).path).kwargs["pk"]
    detail = staff.get(reverse("plans:detail", kwargs={"pk": pk}))
    assert detail.status_code == 200 and b"<script>alert" not in detail.content
    _check(world, "plans:download", fmt, staff.get(reverse("plans:download", kwargs={"pk": pk, "fmt": fmt})))


@pytest.mark.parametrize("fmt", FORMATS)
def test_workshop_report_after_hostile_notes(world, db, fmt):
    edit = _form(world, "workshop:edit")
    texts = [name for name, f in edit.fields.items() if _is_text(f)]
    response = _post(world.clients["ambtenaar"], edit, texts)
    assert response.status_code == 302, re.findall(rb"pmx-error-summary.*?</ul>", response.content, re.S)
    flipover = _form(world, "workshop:flipover")
    resident = world.clients["anonymous"]
    assert _post(resident, flipover, ["text"]).status_code in (200, 302)
    workshop_path = urlsplit(edit.action).path.rsplit("wijzigen/", 1)[0]
    pk = resolve(workshop_path).kwargs["pk"]
    _check(
        world,
        "workshop:export",
        fmt,
        world.clients["ambtenaar"].get(reverse("workshop:export", kwargs={"pk": pk, "fmt": fmt})),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_scan_report_after_hostile_agenda_notes(world, db, fmt):
    agenda = _form(world, "scan:agenda")
    notes = [name for name, f in agenda.fields.items() if _is_text(f)]
    response = _post(world.clients["ambtenaar"], agenda, notes)
    assert response.status_code in (200, 302), re.findall(rb"pmx-error-summary.*?</ul>", response.content, re.S)
    pk = resolve(urlsplit(agenda.action).path).kwargs["pk"]
    _check(
        world, "scan:report", fmt, world.clients["ambtenaar"].get(reverse("scan:report", kwargs={"pk": pk, "fmt": fmt}))
    )
