"""A civil servant makes the deck's plan by keyboard, reads the advice, replaces an instrument and exports it;
shares it with the council by a read-only link; the griffie comments."""

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from docx import Document as DocxDocument

from tests.e2e.keyboard import choose, log_in, type_into

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "toets-wachtwoord-voor-e2e"
PHASES = {
    "agenda_setting": ("consult", ["inform_residents", "identify_issues"]),
    "policy_preparation": ("advise", ["gather_knowledge", "weigh_options", "build_support"]),
    "decision_making": ("advise", ["strengthen_trust"]),
    "implementation": ("coproduce", ["stimulate_initiative", "strengthen_community"]),
}
GROUPS = ["all_residents", "homeowners", "tenants", "elderly", "low_literacy", "entrepreneurs", "organisations"]


def member(role: str, organisation=None, username: str = "ambtenaar"):
    """A user with a role in the organisation (e2e tests log in through the login page)."""
    from participatiemix.organisations.models import Membership, Organisation

    organisation = organisation or Organisation.objects.create(name="Gemeente Noorderveld", slug="noorderveld")
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def submit(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_intake_advice_replace_and_export_by_keyboard(live_server, page, a11y, tmp_path):
    member("ambtenaar")
    page.goto(live_server.url + "/plannen/nieuw/")
    assert "/inloggen/" in page.url
    a11y.accessible(page)
    type_into(page, "#id_username", "ambtenaar")
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/plannen/nieuw/")

    # Step 1: an empty submit shows the errors, linked to the fields.
    submit(page, "Opslaan en verder")
    assert page.locator(".pmx-error-summary").is_visible()
    assert "id_title_field_error" in page.locator("#id_title_field").get_attribute("aria-describedby")
    a11y.accessible(page)
    a11y.shot(page, "plans-step-1-errors")
    type_into(page, "#id_title_field", "Een alternatief voor Gronings gas kiezen")
    type_into(
        page,
        "#id_policy_question",
        "Hoe betrekken we inwoners bij de keuze voor een alternatief voor het Gronings gas?",
    )
    type_into(page, "#id_municipality", "Voorbeeldgemeente")
    choose(page, "scale", "municipality")
    submit(page, "Opslaan en verder")

    # Step 2: the preconditions.
    assert "/stap/2/" in page.url
    a11y.accessible(page)
    for name in ("room_for_influence", "enough_time", "commitment", "capacity"):
        choose(page, name, "ja")
    submit(page, "Opslaan en verder")

    # Step 3: goals and level per phase, with the promise at each level.
    assert "/stap/3/" in page.url
    assert page.get_by_text("Wij vragen uw mening en luisteren.").first.is_visible()
    a11y.accessible(page)
    for phase, (level, goals) in PHASES.items():
        choose(page, f"{phase}-level", level)
        for goal in goals:
            choose(page, f"{phase}-goals", goal)
    a11y.shot(page, "plans-step-3")
    submit(page, "Opslaan en verder")

    # Step 4: the council. Going back keeps what was saved.
    assert "/stap/4/" in page.url
    a11y.accessible(page)
    choose(page, "room", "open")
    choose(page, "frames_set", "nee")
    choose(page, "decides", "ja")
    choose(page, "shared_mandate", "nee")
    type_into(page, "#id_notes", "De raad wil eerst kaders stellen en neemt aan het eind het besluit.")
    submit(page, "Opslaan en terug")
    assert "/stap/3/" in page.url
    assert page.locator('input[name="policy_preparation-goals"][value="weigh_options"]').is_checked()
    submit(page, "Opslaan en verder")
    assert page.locator('input[name="room"][value="open"]').is_checked()
    submit(page, "Opslaan en verder")

    # Step 5: whom to involve.
    assert "/stap/5/" in page.url
    a11y.accessible(page)
    for group in GROUPS:
        choose(page, "target_groups", group)
    submit(page, "Opslaan en verder")

    # Step 6: constraints and context.
    assert "/stap/6/" in page.url
    a11y.accessible(page)
    type_into(page, "#id_budget_eur", "80000")
    type_into(page, "#id_weeks", "40")
    # The month the council decides, by keyboard: a year and a bit ahead (item 6: it becomes dates).
    page.locator("#id_decision_month").focus()
    for _ in range(14):
        page.keyboard.press("ArrowDown")
    month = page.locator("#id_decision_month").input_value()
    assert month
    type_into(page, "#id_staff_hours", "900")
    choose(page, "online_only", "nee")
    a11y.shot(page, "plans-step-6")
    submit(page, "Opslaan en verder")

    # Step 7: no instrument in mind; make the advice.
    assert "/stap/7/" in page.url
    a11y.accessible(page)
    submit(page, "Advies maken")

    # The advice.
    assert page.locator("h1").inner_text() == "Een alternatief voor Gronings gas kiezen"
    assert page.get_by_text("Het advies is klaar").is_visible()
    for heading in (
        "Kan participatie beginnen?",
        "Momenten van de raad",
        "Wie bereikt u?",
        "Wat vraagt dit van de gemeente?",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    # The council moments carry dates counted back from that month.
    assert page.locator(f'.pmx-timeline time[datetime="{month}-01"]').count() >= 1
    assert page.get_by_text("De raad besluit in").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "plans-detail")

    # The table of contents: a labelled nav; a link followed by keyboard brings its section into view.
    toc = page.get_by_role("navigation", name="Op deze pagina")
    assert toc.get_by_role("link", name="Kan participatie beginnen?").is_visible()
    toc.get_by_role("link", name="Momenten van de raad").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#council-title'")
    assert page.evaluate("document.getElementById('council-title').getBoundingClientRect().top") < 200
    toc.get_by_role("link", name="2. Beleidsvoorbereiding").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#fase-policy_preparation-title'")

    # With more money or time: per phase that has richer options, a section with links to the catalogue.
    from participatiemix.plans.models import Plan

    advice = Plan.objects.get(title="Een alternatief voor Gronings gas kiezen").latest_version.advice
    richer = {p["phase"]: p["richer_options"] for p in advice["phases"] if p.get("richer_options")}
    assert richer, "the deck's case gives richer options"
    assert page.locator(".pmx-richer").count() == len(richer)
    phase, options = next(iter(richer.items()))
    box = page.locator(f"#fase-{phase} .pmx-richer")
    assert box.get_by_role("heading", name="Als er meer geld of tijd is").is_visible()
    hrefs = box.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [f"/instrumenten/{o['id']}/" for o in options]
    box.scroll_into_view_if_needed()
    a11y.shot(page, "plans-detail-richer")
    page.evaluate("window.scrollTo(0, 0)")

    # Replace the first instrument of policy preparation by keyboard (type to pick the option, Tab to the button).
    section = page.locator("#fase-policy_preparation")
    first_select = section.locator("select[name=replacement]").first
    options = first_select.locator("option").all_inner_texts()
    target = next(o for o in options if o.startswith(("Focusgroep", "Burgerberaad", "Enquête", "Klankbordgroep")))
    old_name = section.locator(".pmx-mix__name").first.inner_text()
    first_select.focus()
    page.keyboard.type(target[:6])
    assert first_select.evaluate("s => s.options[s.selectedIndex].text") == target
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").get_by_text(f"{old_name} vervangen door {target}").is_visible()
    names = page.locator("#fase-policy_preparation .pmx-mix__name").all_inner_texts()
    assert target in names and old_name not in names
    a11y.accessible(page)

    # Versions and the comparison of version 1 and 2.
    page.get_by_role("link", name="Vergelijk met de vorige versie").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".pmx-diff-add").first.inner_text().startswith("+")
    a11y.accessible(page)
    a11y.shot(page, "plans-compare")
    page.go_back()

    # Exports: DOCX and PDF, downloaded by keyboard and opened.
    for label, suffix in (("Plan als Word (DOCX)", "docx"), ("Plan als PDF", "pdf")):
        page.get_by_role("link", name=label).focus()
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        path = tmp_path / f"plan.{suffix}"
        info.value.save_as(path)
        if suffix == "docx":
            doc = DocxDocument(io.BytesIO(path.read_bytes()))
            text = "\n".join(p.text for p in doc.paragraphs)
        else:
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            text = " ".join(text.split())
        assert "Een alternatief voor Gronings gas kiezen" in text
        assert target in text

    # 320px wide: no horizontal scroll on the plan page.
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    a11y.no_horizontal_scroll(page)
    a11y.accessible(page)
    a11y.shot(page, "plans-detail-320")


def test_list_versions_and_import_pages_are_accessible(live_server, page, a11y):
    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.plans import demo

    pk = demo.load_plan(io.StringIO()).pk
    member("ambtenaar", demo_organisation())
    log_in(page, live_server.url + "/inloggen/?next=/plannen/", "ambtenaar", PASSWORD)
    a11y.accessible(page)
    a11y.shot(page, "plans-list")
    page.goto(live_server.url + "/plannen/importeren/")
    submit(page, "Inlezen")
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    a11y.accessible(page)
    a11y.shot(page, "plans-import-errors")
    page.goto(live_server.url + f"/plannen/{pk}/versies/")
    a11y.accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/plannen/", f"/plannen/{pk}/stap/3/", f"/plannen/{pk}/versies/"):
        page.goto(live_server.url + path)
        a11y.no_horizontal_scroll(page)


def test_share_with_the_council_and_comment(live_server, new_page, a11y):
    """The ambtenaar makes a read-only link; someone without an account reads the plan; the griffie comments."""
    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.plans import demo

    pk = demo.load_plan(io.StringIO()).pk
    organisation = demo_organisation()
    member("ambtenaar", organisation)
    member("griffie", organisation, username="griffier")

    staff = new_page()
    log_in(staff, live_server.url + f"/inloggen/?next=/plannen/{pk}/", "ambtenaar", PASSWORD)
    share = staff.locator("#share-title").locator("xpath=..")
    assert share.locator('input[name="days"][value="30"]').is_checked()
    choose(staff, "days", "7")
    submit(staff, "Link maken")
    assert staff.get_by_role("heading", name="De link is gemaakt").is_visible()
    a11y.accessible(staff)
    a11y.shot(staff, "plans-share-created")
    url = staff.locator("#share-url").input_value()
    assert "/plannen/gedeeld/" in url

    council = new_page()
    council.goto(url)
    assert council.locator("h1").inner_text() == demo.DEMO_TITLE
    assert council.get_by_text("U leest dit plan via een gedeelde link").is_visible()
    assert council.locator(f'form[action="/plannen/{pk}/instrument/"]').count() == 0
    assert council.get_by_role("heading", name="Het plan in het kort", exact=True).is_visible()
    a11y.accessible(council)
    a11y.shot(council, "plans-shared")

    griffie = new_page()
    log_in(griffie, live_server.url + f"/inloggen/?next=/plannen/{pk}/", "griffier", PASSWORD)
    assert griffie.locator(f'form[action="/plannen/{pk}/instrument/"]').count() == 0
    submit(griffie, "Reactie plaatsen")
    assert griffie.locator(".pmx-error-summary").is_visible()
    a11y.accessible(griffie)
    type_into(griffie, "#id_text", "Graag ook een avond in het dorpshuis.")
    submit(griffie, "Reactie plaatsen")
    assert griffie.get_by_text("Graag ook een avond in het dorpshuis.").is_visible()
    griffie.locator("#comments-title").scroll_into_view_if_needed()
    a11y.accessible(griffie)
    a11y.shot(griffie, "plans-comments")
    griffie.locator("section.pmx-comments").screenshot(
        path=str(a11y.shot(griffie, "plans-comments").with_suffix(".section.png"))
    )

    # The ambtenaar revokes the link; the council's page now says whom to ask.
    staff.goto(live_server.url + f"/plannen/{pk}/#share-title")
    shot = a11y.shot(staff, "plans-share-list")
    staff.locator("section.pmx-share").screenshot(path=str(shot.with_suffix(".section.png")))
    staff.get_by_role("button", name="Link intrekken").focus()  # its name also says when the link was made
    with staff.expect_navigation():
        staff.keyboard.press("Enter")
    assert staff.get_by_text("De link is ingetrokken").is_visible()
    council.reload()
    assert council.get_by_role("heading", name="Deze link werkt niet meer").is_visible()
    a11y.accessible(council)
    a11y.shot(council, "plans-shared-gone")


def _height(page, width: int) -> int:
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    return page.evaluate("document.documentElement.scrollHeight")


# Page heights of the demo plan before the reading view (issue 15): the griffie saw the whole editing page.
BEFORE = {"lezen-1280": 8687, "lezen-360": 15568, "bewerken-1280": 10270}


def test_reading_view_for_the_council_is_short(live_server, new_page, a11y):
    """Item 5 and 6: the griffie reads "Het plan in het kort" first, with the council's moments as dates counted
    back from the decision month; the ambtenaar switches between editing and reading by keyboard."""
    from datetime import date

    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.plans import demo
    from participatiemix.plans.models import Plan

    pk = demo.load_plan(io.StringIO()).pk
    Plan.objects.filter(pk=pk).update(decision_month=date(2028, 6, 1))
    organisation = demo_organisation()
    member("ambtenaar", organisation)
    member("griffie", organisation, username="griffier")

    griffie = new_page()
    log_in(griffie, live_server.url + f"/inloggen/?next=/plannen/{pk}/", "griffier", PASSWORD)
    heights = {"lezen-1280": _height(griffie, 1280)}
    short = griffie.get_by_role("heading", name="Het plan in het kort", exact=True)
    assert short.is_visible()
    assert griffie.locator(f'form[action="/plannen/{pk}/instrument/"]').count() == 0
    assert griffie.locator(".pmx-view-switch").count() == 0  # a reader has one face only
    # Verdict, the mix in one table, council moments with dates, cost and hours: all in the first part.
    summary = griffie.locator("section.pmx-short")
    assert summary.locator(".pmx-verdict").count() == 1
    assert summary.get_by_role("table", name="Doel en mix per fase").is_visible()
    dates = summary.locator(".pmx-timeline time")
    assert dates.count() >= 4
    assert summary.locator(".pmx-timeline").get_by_text("Raad besluit", exact=True).is_visible()
    assert "juni 2028" in summary.inner_text()
    assert "Tot het besluit" in summary.inner_text() and "Ambtelijke uren" in summary.inner_text()
    assert "Doorlooptijd" not in griffie.content()
    a11y.accessible(griffie)
    a11y.shot(griffie, "plans-reading-1280")
    heights["lezen-360"] = _height(griffie, 360)
    a11y.no_horizontal_scroll(griffie)
    a11y.accessible(griffie)
    a11y.shot(griffie, "plans-reading-360")
    # The details are there, folded: open one by keyboard.
    summary_el = griffie.locator("details.pmx-details summary").first
    summary_el.focus()
    griffie.keyboard.press("Enter")
    assert griffie.locator("details.pmx-details").first.get_attribute("open") is not None

    staff = new_page()
    log_in(staff, live_server.url + f"/inloggen/?next=/plannen/{pk}/", "ambtenaar", PASSWORD)
    heights["bewerken-1280"] = _height(staff, 1280)
    switch = staff.get_by_role("navigation", name="Weergave")
    assert switch.get_by_role("link", name="Bewerken").get_attribute("aria-current") == "page"
    assert staff.locator(f'form[action="/plannen/{pk}/instrument/"]').count() > 0
    a11y.accessible(staff)
    a11y.shot(staff, "plans-editing-1280")
    reading = switch.get_by_role("link", name="Leesweergave (zoals de raad het ziet)")
    reading.focus()
    with staff.expect_navigation():
        staff.keyboard.press("Enter")
    assert staff.get_by_role("heading", name="Het plan in het kort", exact=True).is_visible()
    assert staff.locator(f'form[action="/plannen/{pk}/instrument/"]').count() == 0
    assert switch.get_by_role("link", name="Leesweergave (zoals de raad het ziet)").get_attribute("aria-current")
    a11y.accessible(staff)
    print("HEIGHTS before", BEFORE, "after", heights)
    assert heights["lezen-1280"] * 2 < BEFORE["lezen-1280"]
    assert heights["lezen-360"] * 2 < BEFORE["lezen-360"]


def test_compare_table_at_320_shows_caption_and_difference(live_server, page, a11y):
    """Item 7: at 320 px the caption is whole and the "Verschil" of every phase is on screen (stacked rows)."""
    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.plans import demo, services

    plan = demo.load_plan(io.StringIO())
    phase = plan.latest_version.advice["phases"][0]
    services.plan_instrument_change(
        plan=plan, phase=phase["phase"], action="remove", instrument=phase["instruments"][0]["id"], replacement=""
    )
    member("ambtenaar", demo_organisation())
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, live_server.url + f"/inloggen/?next=/plannen/{plan.pk}/vergelijk/?a=1%26b=2", "ambtenaar", PASSWORD)
    caption = page.locator("#cmp-caption")
    box = caption.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert caption.evaluate("e => e.scrollWidth <= e.clientWidth")
    difference = page.locator('table.pmx-compare td[data-label="Verschil"]').first
    cell = difference.bounding_box()
    assert cell["x"] >= 0 and cell["x"] + cell["width"] <= 320
    assert "Verschil" in difference.evaluate("e => getComputedStyle(e, '::before').content")
    a11y.no_horizontal_scroll(page)
    a11y.accessible(page)
    a11y.shot(page, "plans-compare-320")
