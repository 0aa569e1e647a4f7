"""The trekker: create a round, live counts, results with privacy rule, report, agenda, trend, close, delete."""

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from participatiemix.mix import scan as mix_scan
from participatiemix.plans.models import Plan
from participatiemix.scan import demo, selectors, services
from participatiemix.scan.models import AccessCode, AddressTally, Answer, Priority, Response, RoundGroup, ScanRound

pytestmark = pytest.mark.django_db


def test_pages_need_a_staff_login(client, scan_round):
    urls = ["/zelfscan/nieuw/", f"/zelfscan/ronde/{scan_round.pk}/", f"/zelfscan/ronde/{scan_round.pk}/resultaten/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    get_user_model().objects.create_user("inwoner", password="x-geheim-123", is_staff=True)
    client.login(username="inwoner", password="x-geheim-123")
    # is_staff alone gives nothing any more: a membership with a role does.
    assert client.get(urls[1]).status_code == 404
    assert client.get(urls[0]).status_code == 403
    html = client.get("/zelfscan/").content.decode()
    assert "Inloggen als trekker" not in html and "Uw account mag geen rondes beheren." in html


def test_create_round_with_groups_dates_and_own_questions(staff_client):
    today = timezone.localdate()
    data = {
        "municipality": "Súdwest-Fryslân",
        "title": "Zelfscan voorjaar",
        "groups": ["council", "residents"],
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=21)).isoformat(),
        "custom_1_text": "De gemeente is goed bereikbaar.",
        "custom_1_kind": "likert",
        "custom_2_text": "",
        "custom_2_kind": "likert",
        "custom_3_text": "Wat mist u?",
        "custom_3_kind": "open",
        "custom_4_kind": "likert",
    }
    response = staff_client.post("/zelfscan/nieuw/", data)
    scan_round = ScanRound.objects.get()
    assert response.status_code == 302 and response["Location"] == scan_round.get_absolute_url()
    assert [g.group for g in scan_round.groups.all()] == ["council", "residents"]
    assert [(c.key, c.kind) for c in scan_round.custom_questions.all()] == [("custom1", "likert"), ("custom2", "open")]
    page = staff_client.get(scan_round.get_absolute_url()).content.decode()
    for group in scan_round.groups.all():
        assert f"http://testserver/zelfscan/doe-mee/{group.token}/" in page
    assert "Codes maken (CSV)" in page and page.count("Codes maken (CSV)") == 1  # only the council uses codes


def test_create_round_refuses_bad_input_with_dutch_messages(staff_client):
    today = timezone.localdate()
    response = staff_client.post(
        "/zelfscan/nieuw/",
        {
            "municipality": "",
            "title": "Ronde",
            "opens_on": today.isoformat(),
            "closes_on": (today - dt.timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de naam van de gemeente in." in html
    assert "Kies minstens één groep." in html
    assert "De einddatum ligt in het verleden." in html
    assert 'aria-describedby="id_municipality_error"' in html and 'aria-invalid="true"' in html
    bad_date = staff_client.post("/zelfscan/nieuw/", {"opens_on": "31-31-2027"}).content.decode()
    assert "Vul een datum in, bijvoorbeeld 2027-03-01." in bad_date
    assert ScanRound.objects.count() == 0


def test_live_counts_partial_for_htmx_and_reload_without_js(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"council": 2, "residents": 7}, seed=3)
    partial = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/aantallen/", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="scan-counts"') and 'hx-trigger="every 4s"' in html
    assert 'data-group="council">2<' in html and 'data-group="residents">7<' in html
    assert ">9<" in html  # total
    plain = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/aantallen/")
    assert plain.status_code == 302
    services.round_close(scan_round=scan_round)
    closed = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/aantallen/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in closed  # no polling once closed


def test_results_page_profile_gaps_privacy_and_themes(staff_client, scan_round, django_assert_max_num_queries):
    demo.fill_round(scan_round=scan_round, counts={"council": 12, "executive": 3, "staff": 4, "residents": 40}, seed=5)
    with django_assert_max_num_queries(20):
        response = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/resultaten/")
    html = response.content.decode()
    assert "Deze zelfscan is niet representatief." in html
    assert "Collegeleden, Ambtenaren hadden elk minder dan 5 antwoorden" in html
    assert '<th class="utrecht-table__header-cell" scope="col">Overige</th>' in html
    assert 'role="img" aria-labelledby="profile-title profile-desc"' in html
    assert "Waar de groepen het meest verschillen" in html
    assert "Open antwoorden per thema" in html and "Laat weten wat er met onze inbreng is gedaan." in html
    assert "De gemeente legt het centrumplan goed uit." in html  # own question in its own table
    results = selectors.round_results(scan_round=scan_round)
    council_mean = results.mean("council", "representative", dimension=True)
    assert mix_scan.ALL in results.shown_groups and f"{council_mean:.1f}".replace(".", ",") in html


def test_hidden_group_answers_are_left_out_of_open_answers_too(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"residents": 10}, seed=2, open_rate=0)
    executive = RoundGroup.objects.get(round=scan_round, group="executive")
    response = Response.objects.create(round_group=executive, questionnaire_version="v1")
    response.open_answers.create(question="open_idea", text="Herkenbaar verhaal van de wethouder.")
    results = selectors.round_results(scan_round=scan_round)
    assert results.hidden_groups == ["executive"]
    html = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/resultaten/").content.decode()
    assert "Herkenbaar verhaal" not in html and "tellen die antwoorden nergens mee" in html


def test_too_few_responses_shows_no_results(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"council": 3}, seed=1)
    html = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/resultaten/").content.decode()
    assert "Er zijn nog te weinig antwoorden om uitkomsten te tonen." in html
    assert "profile-title" not in html


def test_report_docx_and_pdf_hold_the_same_figures(staff_client, scan_round, tmp_path):
    demo.fill_round(scan_round=scan_round, counts={"council": 8, "residents": 30}, seed=9)
    Priority.objects.create(round=scan_round, dimension="responded_to", note="Terugkoppeling na elk traject.")
    response = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.docx")
    assert response["Content-Disposition"].startswith('attachment; filename="zelfscan-voorbeeldgemeente-')
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Deze zelfscan is niet representatief" in text
    assert "Verbeteragenda" in text and "Terugkoppeling na elk traject." in text
    results = selectors.round_results(scan_round=scan_round)
    mean = results.mean(mix_scan.ALL, "participation", dimension=True)
    assert f"{mean:.1f}".replace(".", ",") in cells and "Raadsleden" in cells
    assert "Informatiebijeenkomst" in text or "Informatiebijeenkomst" in cells
    pdf = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf.content)
    pdf_text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Profiel per onderwerp" in pdf_text and "Terugkoppeling na elk traject." in pdf_text
    assert staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.exe").status_code == 404


def test_report_in_english(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"residents": 6}, seed=4)
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    document = docx.Document(io.BytesIO(staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/rapport.docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "This self-scan is not representative." in text and "Profile per topic" in text


def test_agenda_links_instruments_and_starts_a_draft_plan(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"residents": 20, "council": 6}, seed=8)
    page = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/").content.decode()
    weakest = selectors.round_results(scan_round=scan_round).ranked_dimensions()[0][0]
    assert page.index(f'value="{weakest}"') < page.index('value="representative"') or weakest == "representative"
    response = staff_client.post(
        f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/",
        {"priority": ["inclusion", "responded_to"], "note_inclusion": "Jongeren en nieuwkomers bereiken."},
        follow=True,
    )
    html = response.content.decode()
    assert "De verbeteragenda is opgeslagen." in html
    assert 'href="/instrumenten/straatgesprek/"' in html or "Straatgesprek" in html
    priority = Priority.objects.get(round=scan_round, dimension="inclusion")
    assert priority.note == "Jongeren en nieuwkomers bereiken."
    started = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/{priority.pk}/plan/")
    plan = Plan.objects.get()
    assert started.status_code == 302 and started["Location"] == plan.get_absolute_url()
    assert plan.origin == "zelfscan" and plan.municipality == "Voorbeeldgemeente"
    assert plan.case_data["policy_question"] == "Jongeren en nieuwkomers bereiken."
    assert plan.case_data["target_groups"] == ["disengaged", "youth", "low_literacy", "non_dutch_speakers"]
    assert plan.case_data["phases"] == [
        {"phase": "agenda_setting", "goals": ["identify_issues", "strengthen_community"], "level": "consult"}
    ]
    priority.refresh_from_db()
    assert priority.plan_url == plan.get_absolute_url()
    bad = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/verbeteragenda/", {"priority": ["geluk"]}, follow=True)
    assert "Onbekend onderwerp gekozen: geluk." in bad.content.decode()
    assert Priority.objects.filter(round=scan_round).count() == 2


def test_compare_with_an_earlier_round_of_the_same_municipality(
    staff_client, scan_round, make_round, other_organisation
):
    earlier = make_round(
        municipality="voorbeeldgemeente",
        title="Zelfscan 2026",
        groups=["residents", "council"],
        opens_on=scan_round.opens_on - dt.timedelta(days=365),
        closes_on=scan_round.closes_on - dt.timedelta(days=365),
    )
    make_round(
        municipality="Andere gemeente",
        title="Niet vergelijken",
        groups=["residents"],
        opens_on=scan_round.opens_on - dt.timedelta(days=30),
    )
    # The same municipality name in another organisation is not this organisation's history.
    make_round(
        organisation=other_organisation,
        municipality="Voorbeeldgemeente",
        title="Van een ander",
        groups=["residents"],
        opens_on=scan_round.opens_on - dt.timedelta(days=60),
    )
    demo.fill_round(scan_round=earlier, counts={"residents": 10}, seed=1, shift=-1.0)
    demo.fill_round(scan_round=scan_round, counts={"residents": 10, "council": 5}, seed=1, shift=0.5)
    response = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/vergelijken/")
    assert response.status_code == 302  # only one earlier round: chosen at once
    html = staff_client.get(response["Location"]).content.decode()
    assert "Niet vergelijken" not in html and "Van een ander" not in html
    assert 'aria-labelledby="trend-title trend-desc"' in html and "Verandering per groep en onderwerp" in html
    rows = selectors.round_trend(scan_round=scan_round, earlier=earlier)
    residents = next(r for r in rows if r.group == "residents" and r.dimension == "participation")
    assert residents.change > 0 and f"{residents.change:+.1f}".replace(".", ",") in html
    bad = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/vergelijken/?met=999999")
    assert (
        bad.status_code == 400 and "Kies een eerdere ronde van Voorbeeldgemeente uit de lijst." in bad.content.decode()
    )


def test_close_purges_tallies_and_command_purges_earlier_days(client, staff_client, scan_round, group, make_round):
    url = group("residents").get_absolute_url()
    client.post(url, {"q_par_room": "3", "action": "confirm"}, REMOTE_ADDR="10.1.1.1")
    assert AddressTally.objects.get(round=scan_round).answers == 1
    other = make_round(municipality="X", title="Y", groups=["residents"])
    services.response_submit(
        round_group=other.groups.get(), submission=mix_scan.Submission(likert={}, texts={}), address="10.2.2.2"
    )
    old_salt = ScanRound.objects.get(pk=other.pk).tally_salt
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/sluiten/", follow=True)
    assert "De ronde is gesloten." in response.content.decode()
    assert not AddressTally.objects.filter(round=scan_round).exists()
    assert ScanRound.objects.get(pk=scan_round.pk).tally_salt == ""  # the key is gone: digests cannot be redone
    out = io.StringIO()
    call_command("scan_purge", stdout=out)
    assert "0 telling(en) per internetadres gewist" in out.getvalue()  # today's tally of an open round stays
    assert AddressTally.objects.filter(round=other).count() == 1
    # The next day the command forgets yesterday's tallies and their salt.
    ScanRound.objects.filter(pk=other.pk).update(tally_day=timezone.localdate() - dt.timedelta(days=1))
    call_command("scan_purge", stdout=out)
    assert "1 telling(en) per internetadres gewist" in out.getvalue()
    assert AddressTally.objects.count() == 0 and ScanRound.objects.get(pk=other.pk).tally_salt == ""
    assert old_salt != ""
    # A round past its closing date is marked closed by the command.
    ScanRound.objects.filter(pk=other.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    call_command("scan_purge", stdout=io.StringIO())
    assert ScanRound.objects.get(pk=other.pk).closed_at is not None


def test_delete_round_with_confirmation_removes_everything(staff_client, scan_round):
    demo.fill_round(scan_round=scan_round, counts={"council": 5, "residents": 5}, seed=1)
    services.codes_generate(round_group=scan_round.groups.get(group="council"), count=3)
    confirm = staff_client.get(f"/zelfscan/ronde/{scan_round.pk}/verwijderen/").content.decode()
    assert "met 10 antwoorden" in confirm and "Dit kan niet ongedaan worden gemaakt." in confirm
    assert ScanRound.objects.count() == 1
    response = staff_client.post(f"/zelfscan/ronde/{scan_round.pk}/verwijderen/", follow=True)
    assert "en alle antwoorden zijn verwijderd" in response.content.decode()
    assert ScanRound.objects.count() == Response.objects.count() == Answer.objects.count() == 0
    assert AccessCode.objects.count() == RoundGroup.objects.count() == 0


def test_demo_is_idempotent():
    from participatiemix.organisations.demo import demo_organisation

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert ScanRound.objects.filter(municipality=demo.MUNICIPALITY).count() == 2
    assert set(ScanRound.objects.values_list("organisation", flat=True)) == {demo_organisation().pk}
    current = ScanRound.objects.get(title="Zelfscan lokale democratie")
    assert selectors.response_counts(scan_round=current) == {
        "council": 17,
        "executive": 6,
        "staff": 42,
        "residents": 160,
    }
    earlier = ScanRound.objects.get(title="Zelfscan lokale democratie (vorig jaar)")
    assert earlier.is_closed and selectors.round_results(scan_round=earlier).hidden_groups == ["executive"]
