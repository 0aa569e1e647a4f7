"""Enquête end to end: a resident answers on a 360 px phone by keyboard only, the skip rule hides the questions it
jumps over, the thank-you page says what happens next; staff build, preview and read the results. axe-core must
report 0 violations on every page (builder, survey, thanks, results)."""

import pytest
from django.contrib.auth import get_user_model

from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role
from participatiemix.surveys import demo
from participatiemix.surveys.models import Answer, SurveyResponse
from tests.e2e.keyboard import choose, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord-42"


@pytest.fixture
def survey(process):
    activity = process.phases.get(position=0).activities.get(instrument="enquete")
    return demo.build_demo_survey(activity)


def test_resident_answers_by_keyboard_on_a_phone_with_skip_logic(live_server, new_page, a11y, survey):
    questions = list(survey.questions.order_by("section__position", "position"))
    woning, measures, which, know, ranking, prefer = questions[:6]
    page = new_page(width=360, height=740)
    page.goto(live_server.url + f"/enquetes/{survey.pk}/")
    assert page.get_by_text("Wat gebeurt er met uw inbreng?").is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "surveys-respond-360")
    choose(page, woning.field_name, str(woning.options.first().pk))
    # "Nee" to measures: the skip rule hides "which measures" (question 3) and goes on at question 4.
    assert page.locator(f'[data-question="{which.field_name}"]').is_visible()
    choose(page, measures.field_name, "no")
    assert page.locator(f'[data-question="{which.field_name}"]').is_hidden()
    assert page.locator(f'[data-question="{know.field_name}"]').is_visible()
    choose(page, know.field_name, "3")
    first = ranking.options.order_by("position").first()
    page.locator(f'select[name="{ranking.field_name}_o{first.pk}"]').focus()
    page.keyboard.press("ArrowDown")  # "1"
    choose(page, prefer.field_name, str(prefer.options.order_by("position").first().pk))
    page.get_by_role("button", name="Antwoorden versturen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/bedankt/" in page.url
    assert page.get_by_role("heading", name="Dank u wel voor uw antwoorden").is_visible()
    assert page.get_by_text(survey.activity.phase.promise[:40]).is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "surveys-thanks-360")
    response = SurveyResponse.objects.get()
    assert not Answer.objects.filter(response=response, question=which).exists()
    assert Answer.objects.get(response=response, question=measures).number == 0
    assert Answer.objects.get(response=response, question=ranking).rank == 1
    assert response.contribution.kind == "survey_response"
    # Once per browser: back on the survey page the resident is told kindly.
    page.goto(live_server.url + f"/enquetes/{survey.pk}/")
    assert page.get_by_role("heading", name="U heeft deze enquête al ingevuld").is_visible()
    a11y.accessible(page)
    # The resident reads back their own answers (the link "Mijn inbreng" shows them).
    page.goto(live_server.url + f"/enquetes/mijn-antwoorden/{response.contribution_id}/")
    assert page.get_by_text("Koopwoning").is_visible()
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)


def test_refused_answers_are_listed_and_linked_to_their_question(live_server, new_page, a11y, survey):
    questions = list(survey.questions.order_by("section__position", "position"))
    page = new_page(width=360, height=740)
    page.goto(live_server.url + f"/enquetes/{survey.pk}/")
    page.locator(f'input[name="{questions[6].field_name}"]').fill("99999999")
    page.get_by_role("button", name="Antwoorden versturen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.get_by_text("Vraag 1 ‘Wat voor woning heeft u?’: deze vraag is verplicht").is_visible()
    assert summary.get_by_text("vul een heel getal in van 0 tot en met 50000").is_visible()
    # What was typed stays; the link in the summary leads to the question.
    assert page.locator(f'input[name="{questions[6].field_name}"]').input_value() == "99999999"
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{questions[0].field_name}")  # following an anchor is not instant under load
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    assert SurveyResponse.objects.count() == 0


def test_staff_builder_and_results_are_accessible(live_server, new_page, a11y, survey, organisation):
    demo.fill_responses(survey, 40, seed=3)
    user = get_user_model().objects.create_user(username="ambtenaar", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.AMBTENAAR)
    for width in (1280, 360):
        page = new_page(width=width)
        log_in(page, live_server.url + f"/inloggen/?next=/enquetes/{survey.pk}/opbouw/", "ambtenaar", PASSWORD)
        for path, name in (
            ("opbouw/", "builder"),
            ("resultaten/", "results"),
            (f"opbouw/vraag/{survey.questions.first().pk}/", "question"),
            ("papier/", "paper"),
            ("voorbeeld/", "preview"),
        ):
            page.goto(live_server.url + f"/enquetes/{survey.pk}/{path}")
            a11y.accessible(page)
            a11y.no_horizontal_scroll(page)
            a11y.shot(page, f"surveys-{name}-{width}")
        # Filter on an age band: a figure for the group, or the privacy notice when it has fewer than 5 people.
        page.goto(live_server.url + f"/enquetes/{survey.pk}/resultaten/?age_band=u18")
        assert page.get_by_text("Te weinig antwoorden om te tonen (minder dan 5).").is_visible()
        a11y.accessible(page)
