"""Zelfscan end to end: a resident answers on a 360px phone by keyboard; the trekker follows the count live,
reads the results, downloads the report (DOCX and PDF, opened and read) and compares with last year.
axe-core must report 0 violations on every page."""

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from participatiemix.mix import scan as mix_scan
from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from participatiemix.scan import demo, services
from participatiemix.scan.models import Answer, OpenAnswer, Response

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rounds(organisation):
    today = timezone.localdate()
    earlier = services.round_create(
        organisation=organisation,
        municipality="Voorbeeldgemeente",
        title="Zelfscan vorig jaar",
        groups=["council", "staff", "residents"],
        opens_on=today - dt.timedelta(days=380),
        closes_on=today - dt.timedelta(days=350),
    )
    demo.fill_round(scan_round=earlier, counts={"council": 8, "staff": 12, "residents": 30}, seed=2, shift=-0.4)
    current = services.round_create(
        organisation=organisation,
        municipality="Voorbeeldgemeente",
        title="Zelfscan dit jaar",
        groups=["council", "executive", "staff", "residents"],
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=20),
        custom_questions=[services.CustomQuestionInput(text="De gemeente legt het centrumplan goed uit.")],
    )
    demo.fill_round(scan_round=current, counts={"council": 9, "executive": 3, "staff": 15, "residents": 40}, seed=4)
    # The trekker is an ambtenaar of the organisation that owns the rounds (a membership, not is_staff).
    trekker = get_user_model().objects.create_user("trekker", password="geheim-wachtwoord-1")
    Membership.objects.create(user=trekker, organisation=organisation, role=Role.AMBTENAAR)
    return earlier, current


def answer_by_keyboard(page) -> int:
    """Tab through the form; pick an answer in every radio group with the arrow keys; type open answers."""
    groups_answered = 0
    for _ in range(600):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {tag: e.tagName, type: e.type || '', name: e.name || '', text: e.textContent || ''}; }"
        )
        if active["type"] == "radio":
            # Arrow keys move within the group and select; two steps from the first option give "3".
            page.keyboard.press("ArrowRight")
            if groups_answered % 2:
                page.keyboard.press("ArrowRight")
            groups_answered += 1
        elif active["tag"] == "TEXTAREA" and active["name"] == "t_open_better":
            page.keyboard.type("Laat weten wat er met onze inbreng is gedaan.")
        elif active["tag"] == "BUTTON" and "versturen" in active["text"]:
            page.keyboard.press("Enter")
            return groups_answered
    raise AssertionError("De verstuurknop is met Tab niet bereikt")


def test_resident_answers_on_a_phone_by_keyboard(live_server, new_page, a11y, rounds):
    _earlier, current = rounds
    residents = current.groups.get(group="residents")
    page = new_page(width=360, height=740)
    page.goto(live_server.url + residents.get_absolute_url())
    assert page.get_by_text("Deel 1 van 13").is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "scan-respond-phone")

    # Sending nothing at all: a clear message, linked and announced, nothing stored.
    before = Response.objects.count()
    known = set(Response.objects.values_list("pk", flat=True))
    page.get_by_role("button", name="Antwoorden versturen").click()
    assert page.get_by_role("alert").get_by_text("U heeft nog geen enkele vraag beantwoord").is_visible()
    a11y.accessible(page)
    assert Response.objects.count() == before

    answered = answer_by_keyboard(page)
    page.wait_for_url("**/bedankt/")
    assert answered == len(mix_scan.load_questionnaire().item_ids) + 1  # + the municipality's own statement
    assert page.get_by_role("heading", name="Dank u wel!").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "scan-thanks-phone")
    newest = Response.objects.exclude(pk__in=known).get()  # ids are random: no "latest" by id
    assert newest.round_group == residents
    assert Answer.objects.filter(response=newest).count() == answered
    assert set(Answer.objects.filter(response=newest).values_list("value", flat=True)) == {2, 3}
    assert OpenAnswer.objects.get(response=newest).text == "Laat weten wat er met onze inbreng is gedaan."
    # Back to the link in the same browser: already done, and a second person on this phone may still take part.
    page.goto(live_server.url + residents.get_absolute_url())
    assert page.get_by_role("heading", name="U heeft al meegedaan").is_visible()
    assert page.get_by_role("heading", name="Deelt u deze computer?").is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "scan-already-done-phone")
    page.get_by_role("link", name="Ik ben iemand anders en wil ook meedoen").click()
    assert page.get_by_text("Deel 1 van 13").is_visible()


def test_council_member_code_page_is_accessible(live_server, new_page, a11y, rounds):
    _earlier, current = rounds
    council = current.groups.get(group="council")
    code = services.codes_generate(round_group=council, count=1)[0]
    page = new_page(width=360, height=740)
    page.goto(live_server.url + council.get_absolute_url())
    a11y.accessible(page)
    page.get_by_label("Uw code").fill("ZZZZZ-ZZZZZ")
    page.get_by_role("button", name="Verder naar de vragen").click()
    assert page.get_by_text("Deze code kennen we niet.").first.is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "scan-code-error-phone")
    page.get_by_label("Uw code").fill(code.lower())
    page.get_by_role("button", name="Verder naar de vragen").click()
    assert page.get_by_text("Deel 1 van 13").is_visible()


def test_trekker_follows_results_report_and_trend(live_server, new_page, a11y, rounds, tmp_path):
    earlier, current = rounds
    page = new_page(width=1280, height=900)
    page.goto(live_server.url + "/inloggen/?next=/zelfscan/")
    page.get_by_label("Gebruikersnaam").fill("trekker")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/zelfscan/")
    a11y.accessible(page)

    page.get_by_role("link", name="Nieuwe ronde").click()
    a11y.accessible(page)
    a11y.shot(page, "scan-round-form")
    # A refused form: the error summary links to each field; fields say what is wrong (toolkit rendering).
    page.get_by_label("Gemeente").fill("\u200b")
    page.get_by_label("Open tot en met").fill("9999-12-31")
    page.get_by_role("button", name="Ronde aanmaken").click()
    summary = page.get_by_role("alert")
    assert summary.get_by_role("link", name="Gemeente").is_visible()
    assert summary.get_by_text("Kies minstens één groep.").is_visible()
    assert page.get_by_text("Een ronde duurt hoogstens vijf jaar.").first.is_visible()
    assert page.get_by_label("Gemeente").get_attribute("aria-invalid") == "true"
    a11y.accessible(page)
    a11y.shot(page, "scan-round-form-errors")

    # Live count: a new resident response shows up without reloading (htmx polling).
    page.goto(live_server.url + current.get_absolute_url())
    cell = page.locator('td[data-group="residents"]')
    assert cell.inner_text() == "40"
    a11y.accessible(page)
    a11y.shot(page, "scan-round-detail")
    demo.fill_round(scan_round=current, counts={"residents": 1}, seed=99)
    page.wait_for_function("() => document.querySelector('td[data-group=\"residents\"]').textContent === '41'")

    page.get_by_role("link", name="Resultaten").first.click()
    assert page.get_by_role("heading", name="Profiel per onderwerp").is_visible()
    assert page.get_by_text("Deze zelfscan is niet representatief.").is_visible()
    assert page.get_by_text("Collegeleden hadden samen minder dan 5 antwoorden").is_visible()
    page.locator("details summary").first.click()
    a11y.accessible(page)
    a11y.shot(page, "scan-results")

    with page.expect_download() as info:
        page.get_by_role("link", name="Rapport downloaden (Word)").click()
    path = tmp_path / "rapport.docx"
    info.value.save_as(path)
    document = docx.Document(io.BytesIO(path.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Zelfscan dit jaar" in text and "Waar de groepen het meest verschillen" in text
    with page.expect_download() as info:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    pdf = tmp_path / "rapport.pdf"
    info.value.save_as(pdf)
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Profiel per onderwerp" in pdf_text and "Voorbeeldgemeente" in pdf_text

    page.get_by_role("link", name="Verbeteragenda").first.click()
    page.get_by_label("Wie doet mee", exact=False).first.check()
    page.get_by_role("button", name="Verbeteragenda opslaan").click()
    assert page.get_by_text("De verbeteragenda is opgeslagen.").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "scan-agenda")

    page.get_by_role("link", name="Vergelijken met eerder").click()
    assert page.get_by_role("heading", name=f"Van '{earlier.title}' naar '{current.title}'").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "scan-compare")

    page.get_by_role("link", name="Overzicht en links").click()
    page.get_by_role("link", name="Ronde en antwoorden verwijderen").click()
    assert page.get_by_role("heading", name="Ronde verwijderen?").is_visible()
    a11y.accessible(page)
    page.get_by_role("link", name="Nee, terug").click()

    phone = new_page(width=320, height=700)
    phone.context.add_cookies(page.context.cookies())
    for path in ("resultaten/", f"vergelijken/?met={earlier.pk}", "verbeteragenda/", "", "verwijderen/"):
        phone.goto(f"{live_server.url}/zelfscan/ronde/{current.pk}/{path}")
        a11y.no_horizontal_scroll(phone)
    phone.goto(f"{live_server.url}/zelfscan/ronde/{current.pk}/resultaten/")
    a11y.shot(phone, "scan-results-phone")


# --------------------------------------------------------------------------- issue 15: never lose answers


def _active(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',"
        " text: (e.textContent || '').trim()}; }"
    )


def _tab_to(page, wanted, *, back: bool = False, limit: int = 400) -> dict:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        active = _active(page)
        if wanted(active):
            return active
    raise AssertionError("Met Tab niet bereikt")


def _checked(page, name: str) -> str | None:
    return page.evaluate(
        "(n) => { const e = document.querySelector(`input[name='${n}']:checked`); return e ? e.value : null; }", name
    )


def test_enter_never_sends_a_switch_of_language_keeps_answers_and_sending_is_confirmed(
    live_server, new_page, a11y, rounds
):
    _earlier, current = rounds
    residents = current.groups.get(group="residents")
    before = Response.objects.count()
    page = new_page(width=360, height=740)
    page.goto(live_server.url + residents.get_absolute_url())
    # The calm page: the municipality's name, no staff navigation.
    assert page.get_by_text(current.organisation.name).first.is_visible()
    assert page.get_by_role("link", name="Werksessies").count() == 0
    assert page.get_by_role("link", name="Inloggen").count() == 0

    # Arrow keys choose within a question; Enter on the radio sends nothing.
    first = _tab_to(page, lambda a: a["type"] == "radio")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _checked(page, first["name"]) == "3"
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert "/bedankt/" not in page.url and Response.objects.count() == before
    assert page.get_by_role("heading", name="Wilt u nu versturen?").count() == 0
    assert page.locator("#draft-restored").is_hidden()
    # Tab goes to the next question (one tab stop per question), not to the next option.
    page.keyboard.press("Tab")
    second = _active(page)
    assert second["type"] == "radio" and second["name"] != first["name"]
    page.keyboard.press("ArrowRight")
    assert _checked(page, second["name"]) == "2"

    # Switch to English halfway (keyboard: back to the language button): the answers stay.
    _tab_to(page, lambda a: a["text"] == "English", back=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("html[lang='en']")
    assert page.get_by_text("Part 1 of 13").is_visible()
    assert _checked(page, first["name"]) == "3" and _checked(page, second["name"]) == "2"
    a11y.accessible(page)
    # A reload keeps them too.
    page.reload()
    assert _checked(page, first["name"]) == "3" and _checked(page, second["name"]) == "2"

    # Send: first the list of what is still open, then confirm.
    _tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Send answers")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    confirm = page.get_by_role("alert")
    assert confirm.get_by_role("heading", name="Do you want to send now?").is_visible()
    assert Response.objects.count() == before
    assert page.evaluate("() => document.activeElement.id") == "confirm"
    assert page.locator("#draft-restored").is_hidden()  # the server had the answers: nothing was put back
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "scan-confirm-phone")
    _tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Yes, send now")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bedankt/")
    assert Response.objects.count() == before + 1
    assert page.get_by_role("heading", name="When will you hear the results?").is_visible()
    a11y.accessible(page)
    a11y.shot(page, "scan-thanks-en-phone")


def test_the_browser_keeps_a_draft_and_the_whole_option_is_clickable(live_server, new_page, a11y, rounds):
    _earlier, current = rounds
    residents = current.groups.get(group="residents")
    page = new_page(width=320, height=700)
    url = live_server.url + residents.get_absolute_url()
    page.goto(url)
    assert page.locator("#draft-restored").is_hidden()  # nothing to put back yet
    # The whole option box selects: a click at its far edge, away from the circle and the words.
    option = page.locator(".pmx-scan-option").nth(4)
    option.scroll_into_view_if_needed()
    box = option.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    name = page.locator(".pmx-scan-option input").nth(4).get_attribute("name")
    assert _checked(page, name) == page.locator(".pmx-scan-option input").nth(4).get_attribute("value")
    page.get_by_label("Wat gaat er goed", exact=False).first.fill("De inloopavonden")
    # The server session is gone (browser closed, session expired): the browser's own draft puts answers back.
    page.context.clear_cookies()
    page.goto(url)
    assert page.get_by_text("We hebben de antwoorden teruggezet").is_visible()
    assert _checked(page, name) is not None
    assert page.get_by_label("Wat gaat er goed", exact=False).first.input_value() == "De inloopavonden"
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "scan-draft-restored-320")
