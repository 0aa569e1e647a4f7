"""A facilitator and two groups run the deck's workshop in real browsers, from set-up to a draft plan."""

import io
import re

import pytest
from playwright.sync_api import expect

from participatiemix.organisations.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "begeleider-wachtwoord-42"


def login(page, base):
    page.goto(base + "/inloggen/?next=/werksessies/")
    page.get_by_label("Gebruikersnaam").fill("begeleider")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").last.click()
    page.wait_for_url(re.compile(r"/werksessies/$"))


def join_as(page, base, code, name, a11y, shot):
    page.goto(base + "/werksessies/doe-mee/")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    if shot:
        a11y.shot(page, "werksessie-join")
    page.get_by_label("Code van de werksessie").fill(code.lower())
    page.get_by_role("button", name="Doe mee").click()
    page.wait_for_url(re.compile(rf"/doe-mee/{code}/$"))
    a11y.accessible(page)
    page.get_by_label("Naam van uw groep").fill(name)
    page.get_by_role("button", name="Groep maken").click()
    page.wait_for_url(re.compile(r"/flip-over/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    if shot:
        a11y.shot(page, "werksessie-join-group")


def add_note(page, question, text):
    field = page.get_by_label(f"Nieuwe notitie bij vraag {question}")
    field.fill(text)
    page.locator(f"#vraag-{question}").get_by_role("button", name="Toevoegen").click()
    expect(page.locator(f"#notes-q{question}")).to_contain_text(text)
    # After the swap htmx puts the focus back in this question's field (autofocus), so a member can write the
    # next note at once. Wait for that, or the next keystrokes could land here instead of in another field.
    expect(page.locator(f"#note-q{question}")).to_be_focused()


def test_facilitator_and_two_groups_run_the_workshop(live_server, new_page, a11y, make_user, organisation):
    # A facilitator of the organisation (no is_staff needed): the role decides, through the permission layer.
    make_user(Role.FACILITATOR, organisation, username="begeleider", password=PASSWORD)
    base = live_server.url
    host = new_page(width=1280, height=900)
    login(host, base)
    a11y.accessible(host)

    # Set-up: the deck's case and three questions are ready to use.
    host.get_by_role("link", name="Nieuwe werksessie").click()
    expect(host.get_by_label("Casus")).to_contain_text("aardgas uit Groningen")
    a11y.accessible(host)
    a11y.shot(host, "werksessie-setup")
    # A refused set-up: the error summary links to the field; nothing is made.
    host.get_by_label("Titel").fill("\u200b")
    host.get_by_label("Minuten in groepen").fill("9999")
    host.get_by_role("button", name="Werksessie maken").click()
    expect(host.locator(".pmx-error-summary")).to_contain_text("Titel")
    expect(host.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    a11y.accessible(host)
    a11y.shot(host, "werksessie-setup-fout")
    host.get_by_label("Titel").fill("Werksessie participatiemix: de energietransitie")
    host.get_by_label("Minuten in groepen").fill("20")
    host.get_by_role("button", name="Werksessie maken").click()
    code = host.locator(".ws-code").inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    a11y.accessible(host)
    host.get_by_role("button", name="Start: Groepen aan het werk").click()
    expect(host.locator(".ws-facts")).to_contain_text("Groepen aan het werk")

    # Two groups join on phones and write on their flip-overs.
    north = new_page(width=390, height=844)
    south = new_page(width=320, height=700)
    join_as(north, base, code, "Tafel Noord", a11y, shot=True)
    join_as(south, base, code, "Tafel Zuid", a11y, shot=False)
    add_note(north, 1, "Fase 1 agendavorming: inwoners informeren en ophalen wat er leeft")
    add_note(north, 2, "Wij wilden eigenlijk een referendum over het warmtenet")
    add_note(north, 2, "Huurders en jongeren apart benaderen")
    add_note(south, 1, "Draagvlak voor het alternatief in de wijk")
    add_note(south, 2, "Burgerberaad met gelote inwoners")
    add_note(south, 3, "Raad stelt vooraf de kaders")
    # Bad input gets a Dutch message and is not stored.
    north.get_by_label("Nieuwe notitie bij vraag 3").fill("<script>alert(1)</script>")
    north.locator("#vraag-3").get_by_role("button", name="Toevoegen").click()
    expect(north.locator("#vraag-3 .pmx-error")).to_contain_text("bevat HTML of code")
    a11y.accessible(north)
    a11y.no_horizontal_scroll(south)
    a11y.shot(north, "werksessie-flipover")

    # The projector: case and timer first, then the rondgang with both groups side by side.
    beamer = new_page(width=1600, height=900)
    beamer.context.add_cookies(host.context.cookies())
    beamer.goto(f"{base}/werksessies/beamer/{code}/")
    expect(beamer.locator(".beamer-clock")).to_contain_text(re.compile(r"nog 1?\d:\d\d"))
    expect(beamer.locator(".beamer-groups")).to_contain_text("Tafel Zuid")
    a11y.accessible(beamer)
    beamer.get_by_role("button", name="Start: Rondgang").click()
    beamer.get_by_role("button", name="2", exact=True).click()
    expect(beamer.locator(".beamer-h1")).to_contain_text("Rondgang · vraag 2")
    expect(beamer.locator(".beamer-columns")).to_contain_text("referendum")
    expect(beamer.locator(".beamer-columns")).to_contain_text("Burgerberaad met gelote inwoners")
    # A note written during the rondgang appears on the projector by polling, without a reload.
    add_note(south, 2, "Klankbordgroep per wijk")
    expect(beamer.locator(".beamer-columns")).to_contain_text("Klankbordgroep per wijk", timeout=8000)
    a11y.accessible(beamer)
    a11y.shot(beamer, "werksessie-beamer-rondgang")

    # Rode draden: grouped automatically, renamed by the facilitator, shown on the projector.
    beamer.get_by_role("button", name="Start: Rode draden").click()
    expect(beamer.locator(".beamer-thread-list").first).to_be_visible()
    host.goto(f"{base}/werksessies/")
    host.get_by_role("link", name=re.compile("Werksessie participatiemix")).click()
    host.get_by_role("link", name="Rode draden").first.click()
    a11y.accessible(host)
    first = host.locator(".ws-thread").first
    first.get_by_label(re.compile("Nieuwe naam")).fill("Eerst doelen, dan instrumenten")
    first.get_by_role("button", name=re.compile("Hernoemen")).click()
    expect(host.locator(".ws-thread__label").first).to_have_text("Eerst doelen, dan instrumenten")
    a11y.accessible(host)
    a11y.shot(host, "werksessie-rode-draden")
    expect(beamer.locator("#beamer-live")).to_contain_text("Eerst doelen, dan instrumenten", timeout=8000)
    a11y.shot(beamer, "werksessie-beamer-rode-draden")

    # Export of the whole session as DOCX.
    with host.expect_download() as download:
        host.get_by_role("link", name="Verslag als Word (DOCX)").click()
    from docx import Document

    doc = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Rode draden" in text and "Tafel Noord" in text and "Tafel Zuid" in text
    assert "Eerst doelen, dan instrumenten" in cells and "Klankbordgroep per wijk" in cells

    # From workshop to plan: the mapping page first, then one click makes the draft plan.
    host.get_by_role("link", name="Terug naar de werksessie").click()
    host.get_by_role("link", name="Conceptplan van Tafel Noord").click()
    expect(host.get_by_role("heading", level=1)).to_contain_text("Tafel Noord")
    expect(host.locator("main")).to_contain_text("Referendum")
    expect(host.locator("main")).to_contain_text("Instrumentele benadering")
    a11y.accessible(host)
    a11y.no_horizontal_scroll(host)
    a11y.shot(host, "werksessie-naar-plan")
    # Issue 15, item 9: the facilitator corrects the mapping here, by keyboard. Without the randvoorwaarden
    # nothing is made and the summary says what is missing.
    host.get_by_role("button", name="Maak het conceptplan").focus()
    host.keyboard.press("Enter")
    expect(host.locator(".pmx-error-summary").first).to_contain_text("ruimte voor invloed")
    a11y.accessible(host)
    for question, answer in (
        ("Is er ruimte voor invloed?", "Ja"),
        ("Is er genoeg tijd voor het besluit valt?", "Ja"),
        ("Doen college en raad echt mee?", "Ja"),
        ("Is er genoeg geld en menskracht?", "Nee"),
    ):
        group = host.get_by_role("group", name=re.compile(re.escape(question)))
        group.get_by_role("radio", name=answer, exact=True).focus()
        host.keyboard.press("Space")
    elderly = host.get_by_role("checkbox", name=re.compile("^Ouderen"))
    elderly.focus()
    host.keyboard.press("Space")  # a target group the group meant but did not write
    expect(elderly).to_be_checked()
    a11y.no_horizontal_scroll(host)
    a11y.shot(host, "werksessie-naar-plan-aangepast")
    host.get_by_role("button", name="Maak het conceptplan").focus()
    host.keyboard.press("Enter")
    host.wait_for_url(re.compile(r"/plannen/"))
    # The draft does not open at step 2 with empty answers.
    expect(host.locator("main")).not_to_contain_text("Is er ruimte voor invloed?")

    from participatiemix.plans.models import Plan

    # Closing: an open flip-over reloads itself and shows only that the session is closed.
    beamer.get_by_role("button", name="Werksessie afsluiten").click()
    expect(north.get_by_role("heading", level=1)).to_have_text("Deze werksessie is gesloten", timeout=8000)
    expect(north.locator("main")).not_to_contain_text("referendum")
    a11y.accessible(north)
    a11y.shot(north, "werksessie-gesloten")

    plan = Plan.objects.get(origin="werksessie")
    assert plan.organisation == organisation  # the draft plan belongs to the werksessie's organisation
    assert plan.case_data["starting_instrument"] == "referendum"
    assert set(plan.case_data["target_groups"]) == {"tenants", "youth", "elderly"}
    assert (plan.room_for_influence, plan.enough_time, plan.commitment, plan.capacity) == (True, True, True, False)


def test_projector_and_flipover_keep_to_the_content_security_policy(live_server, new_page, settings, organisation):
    """With the production policy enforced: no CSP violation and no JavaScript error on the beamer or a phone."""
    from participatiemix.workshop import services
    from participatiemix.workshop.models import Phase
    from tests.e2e.test_site import _visit, _watched

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": settings.CSP_DIRECTIVES}
    workshop = services.workshop_create(
        title="Beamer onder CSP", case_text="Casus.", questions=["Vraag?"], organisation=organisation
    )
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    base = live_server.url
    beamer = _watched(new_page(width=1600, height=900))
    assert _visit(beamer, f"{base}/werksessies/beamer/{workshop.code}/", settle_ms=2500) == []  # polls every 2 s
    phone = _watched(new_page(width=390, height=800))
    assert _visit(phone, f"{base}/werksessies/doe-mee/{workshop.code}/") == []
    phone.get_by_label("Naam van uw groep").fill("Tafel 1")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Groep maken").click()
    assert _visit(phone, phone.url, settle_ms=3500) == []  # polls every 3 s


def test_beamer_fits_one_question_per_screen_and_pages_by_keyboard(live_server, new_page, a11y, organisation):
    """Issue 15, item 8: at 1080p the room sees one whole question; arrow and clicker keys page; QR to join."""
    from participatiemix.workshop import services
    from participatiemix.workshop.models import Phase

    workshop = services.workshop_create(
        title="Werksessie energie",
        case_text=services.DEFAULT_CASE_TEXT,
        questions=list(services.DEFAULT_QUESTIONS),
        organisation=organisation,
    )
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    base = live_server.url
    beamer = new_page(width=1920, height=1080)
    beamer.goto(f"{base}/werksessies/beamer/{workshop.code}/")
    qr = beamer.get_by_role("img", name=re.compile("QR-code: doe mee"))
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200 and box["height"] >= 200  # scannable from a few rows back
    a11y.accessible(beamer)
    a11y.shot(beamer, "werksessie-beamer-qr")

    notes = {
        1: ["Inwoners vroeg informeren", "Eerst ophalen wat er leeft", "Bewonersavond in de wijk"],
        2: ["Burgerberaad met gelote inwoners", "Klankbordgroep per wijk", "Huurders apart benaderen"],
        3: ["Raad stelt vooraf de kaders", "Raad kiest na het advies", "Terugkoppeling aan deelnemers"],
    }
    for name in ("Tafel Noord", "Tafel Zuid", "Tafel Oost", "Tafel West"):
        group = services.group_create(workshop=workshop, name=name)
        for number, texts in notes.items():
            for text in texts:
                services.note_add(group=group, question=workshop.questions.get(number=number), text=f"{text} ({name})")
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    beamer.goto(f"{base}/werksessies/beamer/{workshop.code}/")
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 1 van 3")
    height = beamer.evaluate("document.querySelector('#beamer-main').getBoundingClientRect().bottom")
    assert height <= 1080, height  # the whole question fits the screen
    a11y.accessible(beamer)
    a11y.shot(beamer, "werksessie-beamer-vraag-1")
    beamer.keyboard.press("PageDown")  # a presentation clicker's "next"
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 2 van 3")
    beamer.keyboard.press("ArrowRight")
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 3 van 3")
    beamer.keyboard.press("PageUp")
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 2 van 3")
    beamer.keyboard.press("ArrowLeft")
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 1 van 3")
    # Without a clicker: Tab to the visible link and press Enter.
    beamer.locator(".beamer-pager a[rel=next]").focus()
    beamer.keyboard.press("Enter")
    expect(beamer.locator(".beamer-pager")).to_contain_text("Vraag 2 van 3")
    a11y.accessible(beamer)


def test_facilitator_moves_a_note_splits_a_thread_and_undoes_by_keyboard(
    live_server, new_page, a11y, make_user, organisation
):
    """Issue 15, item 10: statement labels; a note moved, a thread split, each step undone; keyboard only."""
    from participatiemix.workshop import services
    from participatiemix.workshop.models import Phase, Thread

    user = make_user(Role.FACILITATOR, organisation, username="begeleider", password=PASSWORD)
    workshop = services.workshop_create(
        title="Rode draden",
        case_text="Casus.",
        questions=["Wat is belangrijk?"],
        organisation=organisation,
        created_by=user,
    )
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    question = workshop.questions.get()
    for name, texts in {
        "Noord": ["Draagvlak voor het warmtenet", "Eerlijk zijn over de kosten"],
        "Zuid": ["Draagvlak vergroten voor het warmtenet", "Kosten per huishouden duidelijk"],
        "West": ["Venstertijden voor bevoorrading in de winkelstraat"],
    }.items():
        group = services.group_create(workshop=workshop, name=name)
        for text in texts:
            services.note_add(group=group, question=question, text=text)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    page = new_page(width=390, height=844)
    login(page, live_server.url)
    page.goto(f"{live_server.url}/werksessies/{workshop.pk}/rode-draden/")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    labels = page.locator(".ws-thread__label").all_inner_texts()
    assert all(", " not in label for label in labels), labels  # statements, not key words

    # Move the delivery note (keyboard): open its thread's notes, choose a target, press the button.
    delivery = Thread.objects.get(notes__text__startswith="Venstertijden")
    note_id = delivery.notes.get().pk
    thread = page.locator(f"li.ws-thread:has(#move-{note_id})")
    thread.locator("summary").focus()
    page.keyboard.press("Enter")
    select = page.locator(f"#move-{note_id}")
    select.focus()
    target = Thread.objects.filter(question=question).exclude(pk=delivery.pk).first()
    select.select_option(str(target.pk))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".utrecht-alert, .pmx-messages").first).to_contain_text("De notitie staat nu bij")
    assert Thread.objects.get(notes__pk=note_id).pk == target.pk
    a11y.accessible(page)
    a11y.shot(page, "werksessie-rode-draden-verplaatst")

    # Undo puts it back.
    page.get_by_role("button", name=re.compile("^Ongedaan maken")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Ongedaan gemaakt")
    assert list(Thread.objects.get(notes__pk=note_id).notes.values_list("pk", flat=True)) == [note_id]

    # Split a thread of several notes: tick one note, press the split button.
    big = next(t for t in Thread.objects.filter(question=question) if t.notes.count() > 1)
    last = big.notes.order_by("-pk").first()
    card = page.locator(f"li.ws-thread:has(#split-{big.pk}-{last.pk})")
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    box = page.locator(f"#split-{big.pk}-{last.pk}")
    box.focus()
    page.keyboard.press("Space")
    card.get_by_role("button", name=re.compile("^Splitsen")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Nieuwe rode draad")
    assert Thread.objects.get(notes=last).pk != big.pk
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "werksessie-rode-draden-gesplitst")
