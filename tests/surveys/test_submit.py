"""Submitting a survey: stored whole (one contribution, one response, its answers, a profile apart) or, for any
tampered or refused form, not at all, with a Dutch message naming the question and what is allowed."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from participatiemix.processes.models import Contribution, Participant, Phase, Profile
from participatiemix.surveys import demo
from participatiemix.surveys.models import Answer, Survey, SurveyResponse
from tests.surveys.conftest import valid_post

pytestmark = pytest.mark.django_db


def counts():
    return Contribution.objects.count(), SurveyResponse.objects.count(), Answer.objects.count(), Profile.objects.count()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_a_valid_submission_is_one_contribution_with_its_answers(client, survey, questions):
    data = valid_post(survey, questions, profile_age_band="30-44")
    response = client.post(f"/enquetes/{survey.pk}/", data)
    assert response.status_code == 302 and response["Location"] == f"/enquetes/{survey.pk}/bedankt/"
    stored = SurveyResponse.objects.get()
    contribution = stored.contribution
    assert contribution.kind == "survey_response" and contribution.source == "online"
    assert contribution.activity == survey.activity and contribution.participant.user is None
    assert contribution.summary == "De kosten zijn te hoog."
    assert contribution.text == "De kosten zijn te hoog.\n\nMaak een proefstraat."
    # 1 woning + 1 yes + 2 measures + 1 scale + 4 ranks + 1 prefer + 1 number + 1 no + 2 texts
    assert stored.answers.count() == 14
    assert sorted(stored.answers.filter(question=questions[4]).values_list("rank", flat=True)) == [1, 2, 3, 4]
    assert stored.answers.get(question=questions[6]).number == 2500
    # The voluntary profile is stored apart from the answers, on the participant.
    assert Profile.objects.get(participant=contribution.participant).age_band == "30-44"
    thanks = client.get(response["Location"]).content.decode()
    assert "Wat gebeurt er met uw inbreng?" in thanks and survey.activity.phase.promise[:30] in thanks
    assert 'href="/processen/mijn-inbreng/"' in thanks and "Naar Mijn inbreng" in thanks


def test_skip_rule_without_javascript_ignores_answers_to_skipped_questions(client, survey, questions):
    # "Nee" jumps from question 2 to question 4: the measures answered anyway are not stored.
    data = valid_post(survey, questions, **{questions[1].field_name: "no"})
    assert client.post(f"/enquetes/{survey.pk}/", data).status_code == 302
    stored = SurveyResponse.objects.get()
    assert not stored.answers.filter(question=questions[2]).exists()
    assert stored.answers.get(question=questions[1]).number == 0


def test_survey_page_explains_the_jump_in_words(client, survey):
    html = client.get(f"/enquetes/{survey.pk}/").content.decode()
    assert "Antwoordt u ‘Nee’? Ga dan verder met vraag 4." in html
    assert "Wat gebeurt er met uw inbreng?" in html and survey.activity.phase.promise[:30] in html


def _refused(client, survey, data, *needles, status=400):
    before = counts()
    response = client.post(f"/enquetes/{survey.pk}/", data)
    html = response.content.decode()
    assert response.status_code == status, html[:2000]
    for needle in needles:
        assert needle in html, needle
    assert counts() == before, "a refused submission stored something"
    assert "Er is nog niets opgeslagen" in html or status != 400
    return html


def test_unknown_question_is_refused_naming_the_field(client, survey, questions):
    _refused(
        client, survey, valid_post(survey, questions, q999999="x"), "Het veld ‘q999999’ hoort niet bij deze enquête"
    )


def test_option_outside_the_choices_is_refused(client, survey, questions):
    other = questions[5].options.first().pk  # an option of another question
    html = _refused(
        client,
        survey,
        valid_post(survey, questions, **{questions[0].field_name: str(other)}),
        "Vraag 1 ‘Wat voor woning heeft u?’: kies een van deze keuzes",
    )
    assert "Koopwoning" in html


def test_number_out_of_range_is_refused(client, survey, questions):
    _refused(
        client,
        survey,
        valid_post(survey, questions, **{questions[6].field_name: "50001"}),
        "Vraag 7",
        "vul een heel getal in van 0 tot en met 50000",
    )
    _refused(
        client, survey, valid_post(survey, questions, **{questions[3].field_name: "9"}), "Vraag 4", "van 1 tot en met 5"
    )


def test_skipped_required_question_is_refused(client, survey, questions):
    _refused(
        client,
        survey,
        valid_post(survey, questions, **{questions[5].field_name: None}),
        "Vraag 6 ‘Welke oplossing heeft uw voorkeur?’: deze vraag is verplicht",
    )


def test_duplicate_ranks_are_refused(client, survey, questions):
    q = questions[4]
    options = list(q.options.all())
    data = valid_post(survey, questions, **{f"{q.field_name}_o{options[1].pk}": "1"})
    _refused(client, survey, data, "Vraag 5", "elke plaats mag maar één keer voorkomen")


def test_closed_survey_is_refused(client, survey, questions):
    Survey.objects.filter(pk=survey.pk).update(closed=True)
    _refused(client, survey, valid_post(survey, questions), "Deze enquête is gesloten")
    assert "Deze enquête is gesloten" in client.get(f"/enquetes/{survey.pk}/").content.decode()


def test_survey_whose_phase_is_closed_is_refused(client, survey, questions):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Phase.objects.filter(pk=survey.activity.phase_id).update(starts=yesterday - dt.timedelta(days=20), ends=yesterday)
    _refused(client, survey, valid_post(survey, questions), "Meedoen is gesloten sinds")


def test_survey_of_another_process_is_refused(client, survey, questions, make_process):
    other_process = make_process(slug="ander-proces")
    other = demo.build_demo_survey(other_process.phases.get(position=0).activities.get(instrument="enquete"))
    from participatiemix.surveys.selectors import survey_structure

    other_questions = survey_structure(survey=other).questions
    # The other survey's own form, posted to this survey's address.
    html = _refused(client, survey, valid_post(other, other_questions), "hoort bij een andere enquête")
    assert f"Het veld ‘{other_questions[0].field_name}’ hoort niet bij deze enquête" in html


def test_duplicate_submission_is_refused(client, survey, questions):
    assert client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions)).status_code == 302
    _refused(client, survey, valid_post(survey, questions), "U heeft deze enquête al ingevuld")
    page = client.get(f"/enquetes/{survey.pk}/").content.decode()
    assert "U heeft deze enquête al ingevuld" in page and "Antwoorden versturen" not in page


def test_an_account_answers_once_across_sessions(client, survey, questions, make_user):
    user = make_user()
    client.force_login(user)
    assert client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions)).status_code == 302
    client.logout()
    client.force_login(user)
    _refused(client, survey, valid_post(survey, questions), "U heeft deze enquête al ingevuld")
    assert SurveyResponse.objects.get().participant.user == user


def test_account_required_refuses_anonymous(client, survey, questions, make_user):
    from participatiemix.surveys import services

    services.survey_update(survey=survey, data={"requires_account": True})
    survey.activity.refresh_from_db()
    assert survey.activity.allow_anonymous is False
    _refused(client, survey, valid_post(survey, questions), "heeft u een account nodig")
    client.force_login(make_user())
    assert client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions)).status_code == 302


def test_profile_outside_the_choices_is_refused(client, survey, questions):
    _refused(client, survey, valid_post(survey, questions, profile_age_band="99+"), "Leeftijd: kies een van")
    _refused(client, survey, valid_post(survey, questions, profile_groups="niet-bestaand"), "Ik hoor bij")


def test_text_is_cleaned_and_too_long_text_refused(client, survey, questions):
    _refused(
        client,
        survey,
        valid_post(survey, questions, **{questions[8].field_name: "x" * 301}),
        "Vraag 9",
        "gebruik hoogstens 300 tekens",
    )
    data = valid_post(survey, questions, **{questions[8].field_name: "Te\x07 duur\u202e!  "})
    assert client.post(f"/enquetes/{survey.pk}/", data).status_code == 302
    assert Answer.objects.get(question=questions[8]).text == "Te duur!"


def test_failure_while_storing_leaves_nothing(client, survey, questions, monkeypatch):
    from participatiemix.surveys import services

    def broken(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services.Answer.objects, "bulk_create", broken)
    before = counts()
    participants = Participant.objects.count()
    client.raise_request_exception = False
    response = client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions))
    assert response.status_code == 500
    assert counts() == before and Participant.objects.count() == participants


@override_settings(PMX_SURVEY_RATE="3/m")
def test_submissions_are_rate_limited_per_address(client, survey, questions):
    for _ in range(3):
        client.post(f"/enquetes/{survey.pk}/", {"survey": "x"})
    response = client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions))
    assert response.status_code == 429
    assert SurveyResponse.objects.count() == 0


def test_paper_entry_is_marked_as_paper(staff_client, survey, questions):
    data = valid_post(survey, questions, profile_district="")
    response = staff_client.post(f"/enquetes/{survey.pk}/papier/", data)
    assert response.status_code == 302 and response["Location"] == f"/enquetes/{survey.pk}/papier/"
    response = staff_client.post(f"/enquetes/{survey.pk}/papier/", data)  # the next paper form: a new person
    stored = SurveyResponse.objects.all()
    assert [r.source for r in stored] == ["paper", "paper"]
    assert {r.contribution.source for r in stored} == {"paper"}
    assert len({r.participant_id for r in stored}) == 2
    assert all(r.participant.user is None for r in stored)
    page = staff_client.get(f"/enquetes/{survey.pk}/papier/").content.decode()
    assert "Het papieren formulier is opgeslagen" in page
    before = counts()
    assert staff_client.post(f"/enquetes/{survey.pk}/papier/", valid_post(survey, questions, q1="x")).status_code == 400
    assert counts() == before


def test_english_survey_texts(client, survey, questions):
    client.cookies["django_language"] = "en"
    html = client.get(f"/enquetes/{survey.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Survey: together towards a gas-free village" in html
    assert "What kind of home do you have?" in html and "Owner-occupied home" in html
    assert "What happens with your input?" in html and "Send answers" in html
    assert "Is your answer ‘No’? Then go on to question 4." in html
    data = valid_post(survey, questions, **{questions[5].field_name: None})
    html = client.post(f"/enquetes/{survey.pk}/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Question 6 ‘Which solution do you prefer?’: this question is required." in html
    assert SurveyResponse.objects.count() == 0


def test_english_falls_back_to_dutch_when_a_text_is_missing(client, survey, questions):
    questions[0].text_en = ""
    questions[0].save()
    client.cookies["django_language"] = "en"
    html = client.get(f"/enquetes/{survey.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wat voor woning heeft u?" in html


def test_anonymous_participant_reads_own_answers_in_the_same_browser_only(client, survey, questions):
    from django.test import Client

    assert client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions)).status_code == 302
    contribution = SurveyResponse.objects.get().contribution
    url = f"/enquetes/mijn-antwoorden/{contribution.pk}/"
    html = client.get(url).content.decode()
    assert "Mijn antwoorden" in html and "De kosten zijn te hoog." in html and "Koopwoning" in html
    assert Client().get(url).status_code == 404  # another browser
    assert client.get("/enquetes/mijn-antwoorden/999999/").status_code == 404


def test_preview_shows_the_survey_without_a_send_button(staff_client, survey):
    html = staff_client.get(f"/enquetes/{survey.pk}/voorbeeld/").content.decode()
    assert "Wat voor woning heeft u?" in html and "U kunt hier niets versturen" in html
    assert "Antwoorden versturen" not in html
    before = counts()
    assert staff_client.post(f"/enquetes/{survey.pk}/voorbeeld/", {"survey": str(survey.pk)}).status_code == 405
    assert counts() == before


def test_upcoming_phase_says_from_when(client, survey, questions):
    later = timezone.localdate() + dt.timedelta(days=10)
    Phase.objects.filter(pk=survey.activity.phase_id).update(starts=later, ends=later + dt.timedelta(days=30))
    html = client.get(f"/enquetes/{survey.pk}/").content.decode()
    assert "Meedoen kan vanaf" in html and "Antwoorden versturen" not in html
    _refused(client, survey, valid_post(survey, questions), "Meedoen kan vanaf")


def test_a_changed_survey_is_never_checked_against_its_old_questions(client, survey, questions):
    from participatiemix.surveys import services
    from participatiemix.surveys.models import Question

    # A submission fills the cache of the survey's structure.
    _refused(client, survey, valid_post(survey, questions, **{questions[5].field_name: None}), "Vraag 6")
    extra = Question(section=questions[-1].section, kind="short_text", text_nl="Nieuwe verplichte vraag", required=True)
    services.question_save(question=extra)
    survey.refresh_from_db()
    _refused(
        client, survey, valid_post(survey, questions), "Vraag 11 ‘Nieuwe verplichte vraag’: deze vraag is verplicht"
    )
    assert (
        client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions, **{extra.field_name: "Ja"})).status_code
        == 302
    )


@override_settings(PMX_SURVEY_RATE="1000/s")
def test_rate_comes_from_the_settings():
    from participatiemix.surveys.views import submit_rate

    assert submit_rate("g", None) == "1000/s"
