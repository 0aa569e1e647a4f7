"""Council report end to end: a staff member reads the report (1280 and 360 px), downloads it as Word through the
background job, and fills in the evaluation (a refused number first). axe-core reports 0 violations throughout."""

import io

import docx
import pytest
from django.contrib.auth import get_user_model

from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from participatiemix.processes.models import Activity, Contribution, Participant, Profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filled(process):
    phase = process.phases.first()
    survey = phase.activities.get(instrument="enquete")
    texts = ["Het warmtenet is te duur voor huurders", "Meer uitleg op papier voor ouderen", "Isolatie eerst"]
    for i in range(24):
        person = Participant.objects.create(process=process)
        if i < 6:
            Profile.objects.create(participant=person, target_groups=["tenants", "elderly"])
        Contribution.objects.create(
            activity=survey,
            participant=person,
            kind="survey_response",
            text=texts[i % 3],
            status=["received", "adopted", "not_adopted"][i % 3],
        )
    phase.we_did = "Wij maken een folder op papier."
    phase.save()
    user = get_user_model().objects.create_user("verslag", password="geheim-wachtwoord-1")
    Membership.objects.create(user=user, organisation=process.organisation, role=Role.AMBTENAAR)
    return process


def login(page, url):
    page.goto(url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("verslag")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 360])
def test_report_page_reads_well(live_server, new_page, a11y, filled, width):
    page = new_page(width=width, height=900)
    login(page, live_server.url)
    page.goto(f"{live_server.url}/processen/{filled.slug}/verslag/")
    assert page.get_by_role("heading", name="Agendavorming").is_visible()
    assert page.get_by_text("Wij maken een folder op papier.").is_visible()
    assert page.get_by_role("button", name="Download als PDF").is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, f"report-{width}")


def test_download_word_and_fill_in_the_evaluation(live_server, new_page, a11y, filled):
    page = new_page(width=1280, height=900)
    login(page, live_server.url)
    page.goto(f"{live_server.url}/processen/{filled.slug}/verslag/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download als Word").click()
    path = info.value.path()
    with open(path, "rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "24" in cells and "Verwerkt" in cells

    page.goto(f"{live_server.url}/processen/{filled.slug}/evaluatie/")
    a11y.accessible(page)
    first = Activity.objects.filter(phase__process=filled).order_by("phase__position", "position", "pk").first()
    field = page.locator(f"#id_a{first.pk}-actual_cost_eur")
    field.fill("12,5")
    page.get_by_role("button", name="Activiteiten opslaan").click()
    alert = page.get_by_role("alert")
    assert alert.get_by_text("Er is niets opgeslagen").is_visible()
    assert page.locator(f"#id_a{first.pk}-actual_cost_eur").get_attribute("aria-invalid") == "true"
    a11y.accessible(page)
    a11y.shot(page, "evaluation-errors")
    page.locator(f"#id_a{first.pk}-actual_cost_eur").fill("1250")
    page.locator(f"#id_a{first.pk}-status").select_option("held")
    page.get_by_role("button", name="Activiteiten opslaan").click()
    assert page.get_by_text("Opgeslagen.").is_visible()
    first.refresh_from_db()
    assert (first.status, first.actual_cost_eur) == ("held", 1250)
    a11y.accessible(page)
    a11y.shot(page, "evaluation-1280")
    phone = new_page(width=360, height=800)
    login(phone, live_server.url)
    phone.goto(f"{live_server.url}/processen/{filled.slug}/evaluatie/")
    a11y.accessible(phone)
    a11y.no_horizontal_scroll(phone)
    a11y.shot(phone, "evaluation-360")
