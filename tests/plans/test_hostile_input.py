"""Findings of 'Trust first' on the plans side, each reproduced: odd ids, control characters, hostile case files."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from docx import Document

from participatiemix.plans import services
from participatiemix.plans.models import Plan, PlanVersion
from tests.plans.test_intake import STEP1

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "a=999999999999999999999999999999&b=1",
        "a=1&b=-5",
        "a=1e3&b=1",
        "a=&b=",
        "a=1",
    ],
)
def test_comparing_plans_with_odd_ids_is_a_dutch_400_not_a_500(staff_client, plan, query):
    """Found: /plannen/vergelijk/?a=999999999999999999999999999999&b=1 answered 500."""
    response = staff_client.get(f"/plannen/vergelijk/?{query}")
    assert response.status_code == 400
    assert "Kies twee plannen om te vergelijken" in response.content.decode()


def test_comparing_versions_with_a_huge_number_is_a_400(staff_client, plan):
    response = staff_client.get(f"/plannen/{plan.pk}/vergelijk/?a=99999999999999999999999&b=1")
    assert response.status_code == 400 and "Kies twee versies" in response.content.decode()


def test_control_characters_in_the_intake_are_removed_and_the_docx_opens(staff_client, organisation):
    """Found: \\x01 and \\x0b in an intake title were stored, and the DOCX export then answered 500."""
    hostile = {**STEP1, "title_field": "Warmte\x01 voor\x0b iedereen\u202e", "policy_question": "Hoe\x00 dan?"}
    response = staff_client.post("/plannen/nieuw/", hostile)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.title == "Warmte voor iedereen" and plan.case_data["policy_question"] == "Hoe dan?"


def test_a_title_of_only_invisible_characters_is_refused(staff_client, db):
    response = staff_client.post("/plannen/nieuw/", {**STEP1, "title_field": "\u200b\u200c\u2060 \u3164"})
    assert response.status_code == 400
    assert "Vul een korte naam in" in response.content.decode()
    assert not Plan.objects.exists()


def test_old_stored_text_with_control_characters_still_exports(staff_client, plan):
    """Plans stored before input was cleaned may hold control characters: every export still opens."""
    version = plan.latest_version
    for advice in (version.advice, version.advice_en):
        advice["case"]["title"] = "Oud\x01 plan\x0b"
        advice["case"]["policy_question"] = "Vraag\x1f met \x07 tekens"
    PlanVersion.objects.filter(pk=version.pk).update(advice=version.advice, advice_en=version.advice_en)
    docx = staff_client.get(f"/plannen/{plan.pk}/download/docx/")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Oud plan" in text
    assert staff_client.get(f"/plannen/{plan.pk}/download/pdf/").content.startswith(b"%PDF")
    md = staff_client.get(f"/plannen/{plan.pk}/download/md/").content.decode()
    assert "\x01" not in md and "Oud plan" in md


def test_control_characters_in_an_imported_json_are_removed(staff_client, case_data):
    case_data["title"] = "Import\x01 met\x0b tekens"
    upload = SimpleUploadedFile("casus.json", json.dumps(case_data).encode())
    response = staff_client.post("/plannen/importeren/", {"file": upload})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.title == "Import met tekens"
    assert staff_client.get(f"/plannen/{plan.pk}/download/docx/").status_code == 200


def _nested(depth: int) -> bytes:
    return ("title: x\nnested: " + "[" * depth + "]" * depth + "\n").encode()


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines).encode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("diep.yaml", _nested(500), "te diep genest"),
        ("diep.json", ("[" * 500 + "]" * 500).encode(), "te diep genest"),
        ("bom.yaml", _alias_bomb(), "niet toegestaan"),
        ("groot.yaml", b"title: " + b"x" * (300 * 1024) + b"\n", "te groot"),
        ("binair.yaml", b"\x00\xff\xfe\x00" * 10, "UTF-8"),
        ("getal.yaml", b"title: x\nconstraints: {budget_eur: " + b"9" * 5000 + b"}\n", "kan niet worden gelezen"),
    ],
)
def test_hostile_case_files_get_a_dutch_400_and_store_nothing(staff_client, db, name, content, message):
    """Found: YAML nested 500 deep -> 500; alias bombs cost seconds and memory; a 1 MB value was echoed."""
    response = staff_client.post("/plannen/importeren/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" not in page
    assert "9" * 100 not in page
    assert not Plan.objects.exists()


def test_a_long_refused_value_is_quoted_as_a_short_excerpt(staff_client, case_data):
    case_data["scale"] = "z" * 100_000
    upload = SimpleUploadedFile("casus.yaml", yaml.safe_dump(case_data).encode())
    response = staff_client.post("/plannen/importeren/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "scale" in page and "z" * 200 not in page
    assert len(page) < 40_000


@pytest.mark.django_db(transaction=True)
def test_import_reads_and_advises_outside_the_write_transaction(staff_user, organisation, case_text, monkeypatch):
    """Found: five parallel imports held SQLite's write lock ~20 s. Parsing and the advisor run before it."""
    seen: list[bool] = []
    real = services.run_advice

    def spy(**kwargs):
        seen.append(connection.in_atomic_block)
        return real(**kwargs)

    monkeypatch.setattr(services, "run_advice", spy)
    plan = services.plan_import(text=case_text, filename="aardgasvrij.yaml", organisation=organisation)
    assert plan.latest_version is not None
    assert seen == [False, False]  # nl and en, neither inside a transaction


@pytest.mark.django_db(transaction=True)
def test_a_refused_import_writes_nothing(organisation, case_data):
    from participatiemix.mix.errors import DataError

    case_data["target_groups"] = ["aliens"]
    with pytest.raises(DataError):
        services.plan_import(text=yaml.safe_dump(case_data), filename="x.yaml", organisation=organisation)
    assert not Plan.objects.exists()


def test_a_step_change_runs_the_advisor_before_its_first_write(plan, monkeypatch):
    """The advisor takes a while; SQLite holds its write lock from the first write, so that comes after it."""
    from django.test.utils import CaptureQueriesContext

    writes_before_advice: list[int] = []
    real = services.run_advice

    with CaptureQueriesContext(connection) as queries:

        def spy(**kwargs):
            writes_before_advice.append(
                sum(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in queries.captured_queries)
            )
            return real(**kwargs)

        monkeypatch.setattr(services, "run_advice", spy)
        _plan, version = services.plan_step_save(
            plan=plan, case_update={"title": "Nieuwe naam"}, plan_update={}, step=1, user=None
        )
    assert version is not None and version.number == 2
    assert writes_before_advice == [0, 0]
