"""The plan page: stored advice, instrument changes as new versions, comparisons, downloads, import."""

import io
import subprocess

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as DocxDocument

from participatiemix.plans import services
from participatiemix.plans.models import Plan, PlanVersion
from participatiemix.plans.notes import worded


def mix(plan, phase):
    plan.refresh_from_db()
    return [i["id"] for p in plan.latest_version.advice["phases"] if p["phase"] == phase for i in p["instruments"]]


def test_plan_page_shows_the_stored_advice(staff_client, plan):
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    advice = plan.latest_version.advice
    for expected in (
        "Een alternatief voor Gronings gas kiezen",
        "Kan participatie beginnen?",
        "Belofte aan deelnemers",
        "Momenten van de raad",
        "Kaders stellen",
        "Wie bereikt u?",
        "Wat vraagt dit van de gemeente?",
        "Competenties",
        "Interne organisatie",
        "Schatting",
        "pmx-severity-warning",
        "Kaders van de raad ontbreken",
    ):
        assert expected in page, expected
    first = advice["phases"][0]["instruments"][0]
    assert first["reasons"][0].replace("'", "&#x27;") in page
    # Every target group is a row of the coverage table.
    assert page.count('<tr class="utrecht-table__row') >= len(advice["coverage"]["target_groups"])


def test_plan_page_does_not_recompute_the_advice(staff_client, plan, monkeypatch, django_assert_max_num_queries):
    def boom(*args, **kwargs):
        raise AssertionError("the plan page must show the stored advice")

    monkeypatch.setattr("participatiemix.mix.advisor.advise", boom)
    # session, user, plan, the user's roles (once per request), comments, share links, the processes run
    # from the plan; plus saving the session on every request (inactivity timeout: a savepoint, the update, its
    # release)
    with django_assert_max_num_queries(10):
        response = staff_client.get(f"/plannen/{plan.pk}/")
    assert response.status_code == 200


def test_plan_list_query_count_is_bounded(staff_client, plan, organisation, django_assert_max_num_queries):
    for _ in range(5):
        services.draft_plan_create(case_data={"title": "Concept"}, organisation=organisation)
    # session, user, roles, plans; plus the session save of every request (savepoint, update, release)
    with django_assert_max_num_queries(8):
        response = staff_client.get("/plannen/")
    assert response.status_code == 200
    assert "Concept: intake nog niet af" in response.content.decode()


def test_remove_add_and_replace_make_new_versions(staff_client, plan):
    phase = "policy_preparation"
    before = mix(plan, phase)
    removed = before[0]
    response = staff_client.post(
        f"/plannen/{plan.pk}/instrument/", {"phase": phase, "action": "remove", "instrument": removed}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#fase-{phase}")
    assert removed not in mix(plan, phase)
    assert plan.latest_version.number == 2
    assert plan.latest_version.choices[phase]["exclude"] == [removed]

    response = staff_client.post(
        f"/plannen/{plan.pk}/instrument/", {"phase": phase, "action": "add", "instrument": removed}
    )
    assert removed in mix(plan, phase)
    assert plan.latest_version.number == 3
    assert plan.latest_version.choices[phase] == {"include": [removed], "exclude": []}

    current = mix(plan, phase)
    new = next(i for i in ("focusgroep", "burgerberaad", "enquete", "klankbordgroep") if i not in current)
    staff_client.post(
        f"/plannen/{plan.pk}/instrument/",
        {"phase": phase, "action": "replace", "instrument": current[-1], "replacement": new},
    )
    after = mix(plan, phase)
    assert new in after and current[-1] not in after
    assert plan.latest_version.number == 4
    assert "vervangen door" in worded(plan.latest_version.note)
    # Earlier versions keep their advice exactly.
    assert [i["id"] for i in plan.versions.get(number=1).advice["phases"][1]["instruments"]] == before


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            {"phase": "policy_preparation", "action": "remove", "instrument": "kernfusie"},
            "‘kernfusie’: deze keuze bestaat niet",
        ),
        (
            {"phase": "policy_preparation", "action": "explode", "instrument": "enquete"},
            "Kies uit: Weghalen, Toevoegen, Vervangen",
        ),
        ({"phase": "evaluation", "action": "add", "instrument": "enquete"}, "zit niet in dit plan"),
        ({"phase": "policy_preparation", "action": "remove", "instrument": "referendum"}, "staat niet in de mix"),
        ({"phase": "policy_preparation", "action": "replace", "instrument": "referendum"}, "Vervangen door"),
        ({"phase": "policy_preparation", "action": "add"}, "Kies een instrument"),
    ],
)
def test_tampered_instrument_changes_are_refused_and_store_nothing(staff_client, plan, data, text):
    response = staff_client.post(f"/plannen/{plan.pk}/instrument/", data)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_adding_an_instrument_already_in_the_mix_is_refused(staff_client, plan):
    phase = "policy_preparation"
    current = mix(plan, phase)[0]
    response = staff_client.post(
        f"/plannen/{plan.pk}/instrument/", {"phase": phase, "action": "add", "instrument": current}
    )
    assert response.status_code == 400
    assert "staat al in de mix" in response.content.decode()


def test_versions_and_compare(staff_client, plan):
    phase = "agenda_setting"
    removed = mix(plan, phase)[0]
    staff_client.post(f"/plannen/{plan.pk}/instrument/", {"phase": phase, "action": "remove", "instrument": removed})
    page = staff_client.get(f"/plannen/{plan.pk}/versies/").content.decode()
    assert "Versie 2" in page and "Versie 1" in page and "weggehaald" in page
    response = staff_client.get(f"/plannen/{plan.pk}/vergelijk/?a=1&b=2")
    assert response.status_code == 200
    page = response.content.decode()
    name = plan.latest_version.advice and services.load_vocabulary().label("instruments", removed)
    assert f"− {name}" in page or "pmx-diff-del" in page
    old = staff_client.get(f"/plannen/{plan.pk}/versies/1/").content.decode()
    assert "U bekijkt versie 1" in old
    assert "Het plan in het kort" in old and '/instrument/"' not in old  # an older version opens read-only


@pytest.mark.parametrize("query", ["?a=1&b=9", "?a=x&b=1", "?a=-1&b=1", ""])
def test_compare_bad_versions(staff_client, plan, query):
    response = staff_client.get(f"/plannen/{plan.pk}/vergelijk/{query}")
    assert response.status_code == 400
    assert "versie" in response.content.decode().lower()


def test_compare_two_plans(staff_client, plan, case_text):
    data = yaml.safe_load(case_text)
    data["title"] = "Alternatief: alleen online"
    data["constraints"]["online_only"] = True
    other = services.plan_import(text=yaml.safe_dump(data), filename="online.yaml", organisation=plan.organisation)
    response = staff_client.get(f"/plannen/vergelijk/?a={plan.pk}&b={other.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alternatief: alleen online" in page and "Twee plannen vergeleken" in page
    assert "digital_exclusion" in {w["code"] for w in other.latest_version.advice["warnings"]}
    assert "Digitale uitsluiting" in page.split("Erbij gekomen")[1].split("Verdwenen")[0]
    draft = services.draft_plan_create(case_data={"title": "Nog niet af"}, organisation=plan.organisation)
    assert staff_client.get(f"/plannen/vergelijk/?a={plan.pk}&b={draft.pk}").status_code == 400


def test_downloads(staff_client, plan, tmp_path):
    base = f"/plannen/{plan.pk}/download"
    md = staff_client.get(f"{base}/md/")
    assert md.status_code == 200 and md["Content-Type"].startswith("text/markdown")
    assert "# Een alternatief voor Gronings gas kiezen" in md.content.decode()

    docx = staff_client.get(f"{base}/docx/")
    assert docx["Content-Disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx.content)).paragraphs)
    assert "Een alternatief voor Gronings gas kiezen" in text
    assert "Hoe betrekken we inwoners" in text

    pdf = staff_client.get(f"{base}/pdf/")
    assert pdf.content[:4] == b"%PDF"
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.content)
    extracted = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Gronings gas" in extracted and "Momenten van de raad" in extracted

    case_file = staff_client.get(f"{base}/yaml/")
    exported = yaml.safe_load(case_file.content)
    assert exported["title"] == "Een alternatief voor Gronings gas kiezen"
    assert exported["preconditions"]["commitment"] is True
    assert staff_client.get(f"{base}/exe/").status_code == 404
    assert staff_client.get(f"{base}/pdf/?versie=7").status_code == 404


def test_export_then_import_gives_the_same_case(staff_client, plan):
    exported = staff_client.get(f"/plannen/{plan.pk}/download/yaml/").content
    response = staff_client.post(
        "/plannen/importeren/", {"file": SimpleUploadedFile("terug.yaml", exported, content_type="application/yaml")}
    )
    assert response.status_code == 302
    copy = Plan.objects.latest("id")
    assert copy.latest_version.case == plan.latest_version.case
    assert copy.preconditions == plan.preconditions


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("casus.yaml", b"title: x\n", "policy_question: dit veld ontbreekt"),
        ("casus.yaml", b"title: [unclosed\n", "geen geldige YAML"),
        ("casus.txt", b"title: x\n", "geen YAML- of JSON-bestand"),
        ("casus.yaml", b"\xff\xfe\x00", "geen tekst in UTF-8"),
        ("casus.json", b'{"title": "x", "preconditions": {"capacity": "soms"}}', "preconditions.capacity"),
    ],
)
def test_import_refuses_bad_files_with_field_messages(staff_client, db, name, content, text):
    response = staff_client.post("/plannen/importeren/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (lambda c: c.update(phases=list(reversed(c["phases"]))), "niet in de volgorde van de beleidscyclus"),
        (lambda c: c["constraints"].update(budget_eur=-10), "constraints.budget_eur: -10 moet minstens 0"),
        (lambda c: c.update(target_groups=["aliens"]), "'aliens' is geen bekende doelgroep"),
        (lambda c: c.pop("scale"), "scale: dit veld ontbreekt"),
    ],
)
def test_import_refuses_invalid_cases(staff_client, case_data, change, text):
    change(case_data)
    upload = SimpleUploadedFile("casus.yaml", yaml.safe_dump(case_data).encode())
    response = staff_client.post("/plannen/importeren/", {"file": upload})
    assert response.status_code == 400
    assert text in response.content.decode().replace("&#x27;", "'")
    assert not Plan.objects.exists()


def test_other_users_plans_need_login(client, plan):
    for url in (f"/plannen/{plan.pk}/", f"/plannen/{plan.pk}/download/pdf/", f"/plannen/{plan.pk}/versies/"):
        assert client.get(url)["Location"].startswith("/inloggen/")
    response = client.post(
        f"/plannen/{plan.pk}/instrument/", {"phase": "agenda_setting", "action": "remove", "instrument": "enquete"}
    )
    assert response.status_code == 302
    assert plan.versions.count() == 1


def test_unknown_plan_is_404(staff_client, db):
    assert staff_client.get("/plannen/999/").status_code == 404
    assert staff_client.get("/plannen/999/stap/1/").status_code == 404


def test_plan_page_in_english_uses_the_english_advice(staff_client, plan):
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert "Can participation start?" in page and "Promise to participants" in page
    assert plan.latest_version.advice_en["phases"][0]["promise"].split(".")[0] in page
    docx = staff_client.get(f"/plannen/{plan.pk}/download/docx/")
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx.content)).paragraphs)
    assert "Council moments" in text
