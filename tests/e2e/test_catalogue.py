"""The catalogue in a browser: filter, detail, compare, English by keyboard; axe-core and 320px on every page."""

from __future__ import annotations

import pytest

from participatiemix.catalogue import selectors
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.organisations.roles import Role
from tests.catalogue.factories import build_catalogue
from tests.catalogue.helpers import make_experience, make_local

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-geheim-wachtwoord"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return build_catalogue(tmp_path_factory.mktemp("instruments"), 14)


@pytest.fixture(autouse=True)
def catalogue(generated, monkeypatch):
    monkeypatch.setattr(selectors, "load_catalogue", lambda: generated)
    return generated


@pytest.fixture
def local_data(make_user, organisation, other_organisation):
    """A local instrument of our organisation, another organisation's experience, and our ambtenaar."""
    make_local(organisation, summary_nl="Samen soep eten en praten over de buurt.")
    make_experience(other_organisation, what_did_not="Te weinig jongeren.")
    return make_user(Role.AMBTENAAR, organisation, username="medewerker", password=PASSWORD)


def count_text(page) -> str:
    return page.locator("#pmx-count").inner_text().strip()


def log_in(page, base_url: str, next_path: str) -> None:
    page.goto(f"{base_url}/inloggen/?next={next_path}")
    page.locator("#id_username").fill("medewerker")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**{next_path}")


def test_filter_detail_compare_and_english_by_keyboard(live_server, page, a11y, catalogue, local_data):
    log_in(page, live_server.url, "/instrumenten/")  # experiences are for colleagues
    total = len(catalogue) + 1
    assert count_text(page) == f"{total} instrumenten."
    a11y.accessible(page)

    # Open the "Trede" filter and tick "Adviseren" with the keyboard; htmx updates the list in place.
    summary = page.locator("summary", has_text="Trede op de participatieladder")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "f-trede-advise"
    page.keyboard.press("Space")
    advise = sorted(i.id for i in catalogue if "advise" in i.levels)
    expected = f"{len(advise)} van {total} instrumenten passen bij uw filters."
    page.wait_for_function("t => document.querySelector('#pmx-count').innerText.trim() === t", arg=expected)
    assert "trede=advise" in page.url  # hx-push-url keeps the address shareable
    shown = sorted(page.locator("#pmx-results input[name=id]").evaluate_all("els => els.map(e => e.value)"))
    assert shown == advise
    assert page.evaluate("() => document.activeElement.id") == "f-trede-advise"  # focus stays put
    a11y.accessible(page)
    a11y.shot(page, "catalogue-list-filtered")

    # Tick two instruments for comparison and submit with the keyboard.
    for instrument_id in ("burgerberaad", advise[0] if advise[0] != "burgerberaad" else advise[1]):
        page.locator(f"#cmp-{instrument_id}").focus()
        page.keyboard.press("Space")
    page.locator("#pmx-compare button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/instrumenten/vergelijk/**")
    assert page.locator("table th[scope=col]").count() == 2
    a11y.accessible(page)
    a11y.shot(page, "catalogue-compare")

    # Open the detail page by keyboard from the compare table.
    page.locator("th[scope=col] a", has_text="Burgerberaad").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/instrumenten/burgerberaad/")
    assert page.locator("h1").inner_text() == "Burgerberaad (geloot)"
    assert page.get_by_text("Lokaal toegevoegd door Gemeente Zuiderhaven").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "catalogue-detail")

    # Switch to English by keyboard.
    page.get_by_role("button", name="English").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Citizens' assembly (sortition)"
    assert page.get_by_text("Locally added by Gemeente Zuiderhaven").is_visible()
    a11y.accessible(page)
    page.goto(live_server.url + "/instrumenten/")
    assert count_text(page) == f"{total} instruments."
    assert page.get_by_role("link", name="Neighbourhood soup").is_visible()


def test_filter_form_works_without_javascript(live_server, new_page, catalogue):
    page = new_page()
    page.context.route("**/htmx.min.js", lambda route: route.abort())
    page.goto(live_server.url + "/instrumenten/")
    page.locator("summary", has_text="Kosten").click()
    page.locator("#f-kosten-high").check()
    page.get_by_role("button", name="Toon instrumenten").click()
    page.wait_for_url("**kosten=high**")
    shown = page.locator("#pmx-results input[name=id]").count()
    assert shown == sum(1 for i in catalogue if i.cost_eur.max > 25000)


PAGES = [
    "/instrumenten/",
    "/instrumenten/?fase=agenda_setting&trede=advise&trede=consult&online=online&kosten=high",
    "/instrumenten/?zoek=niets-gevonden",
    "/instrumenten/burgerberaad/",
    "/instrumenten/buurtsoep/",
    "/instrumenten/vergelijk/?id=burgerberaad&id=gen_0001&id=gen_0002&id=buurtsoep",
    "/instrumenten/vergelijk/?id=burgerberaad",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [320, 1280])
def test_catalogue_pages_are_accessible_and_fit(live_server, new_page, a11y, local_data, path, width):
    page = new_page(width=width, height=800)
    page.goto(live_server.url + path)
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    if width == 320 and path in ("/instrumenten/", PAGES[5]):
        a11y.shot(page, "catalogue-320" + ("-compare" if "vergelijk" in path else "-list"))


FORMS = [
    "/instrumenten/lokaal/nieuw/",
    "/instrumenten/ervaringen/nieuw/",
    "/instrumenten/lokaal/buurtsoep/wijzigen/",
]


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("width", [320, 1280])
def test_forms_are_accessible_also_with_errors(live_server, new_page, a11y, local_data, path, width):
    page = new_page(width=width, height=800)
    log_in(page, live_server.url, path)
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    if "wijzigen" in path:
        page.locator("#id_name_nl").fill("\u200b")  # invisible only: refused like an empty name
    with page.expect_navigation():
        page.locator("form.pmx-form-grid button[type=submit]").click()
    summary = page.locator(".pmx-error-summary")
    assert summary.is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    name = {"nieuw": "new", "wijzigen": "edit"}[path.rstrip("/").rsplit("/", 1)[1]]
    a11y.shot(page, f"catalogue-form-errors-{'local' if 'lokaal' in path else 'experience'}-{name}-{width}")


def test_pages_for_colleagues_are_accessible(live_server, new_page, a11y, local_data):
    page = new_page(width=320, height=800)
    log_in(page, live_server.url, "/instrumenten/buurtsoep/")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    experience = Experience.objects.get()
    for path in (
        "/instrumenten/lokaal/buurtsoep/verwijderen/",
        f"/instrumenten/ervaringen/{experience.pk}/wijzigen/",  # another organisation's: a 404 page
        "/instrumenten/burgerberaad/",
    ):
        page.goto(live_server.url + path)
        a11y.accessible(page)
        a11y.no_horizontal_scroll(page)
    a11y.shot(page, "catalogue-detail-colleague-320")


def test_staff_adds_a_local_instrument_in_the_browser(live_server, page, local_data):
    log_in(page, live_server.url, "/instrumenten/lokaal/nieuw/")
    page.locator("#id_name_nl").fill("Wijkwandeling met de wethouder")
    page.locator("#id_summary_nl").fill("De wethouder loopt met bewoners door de wijk.")
    page.get_by_label("Agendavorming").check()
    page.get_by_label("Raadplegen").check()
    page.get_by_label("Signaleren wat er leeft").check()
    page.get_by_label("Fysiek", exact=True).check()
    page.locator("#id_cost_min_eur").fill("0")
    page.locator("#id_cost_max_eur").fill("500")
    page.locator("#id_contact_role").fill("wijkmanager")
    page.get_by_role("button", name="Instrument opslaan").click()
    page.wait_for_url("**/instrumenten/wijkwandeling_met_de_wethouder/")
    assert page.get_by_text("Lokaal toegevoegd door Gemeente Noorderveld").first.is_visible()
    local = LocalInstrument.objects.get(slug="wijkwandeling_met_de_wethouder")
    assert local.organisation.slug == "noorderveld"

    # Change it from the detail page; the code stays.
    page.get_by_role("link", name="Instrument wijzigen").click()
    page.wait_for_url("**/instrumenten/lokaal/wijkwandeling_met_de_wethouder/wijzigen/")
    assert page.locator("#id_slug").is_disabled()
    page.locator("#id_name_nl").fill("Wijkwandeling <met> de wethouder")
    page.get_by_role("button", name="Instrument opslaan").click()
    page.wait_for_url("**/instrumenten/wijkwandeling_met_de_wethouder/")
    assert page.locator("h1").inner_text() == "Wijkwandeling <met> de wethouder"

    # Delete it after a confirmation.
    page.get_by_role("link", name="Instrument verwijderen").click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_url("**/instrumenten/")
    assert not LocalInstrument.objects.filter(slug="wijkwandeling_met_de_wethouder").exists()
