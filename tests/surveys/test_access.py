"""Access matrix for every survey page: anonymous, a resident, another organisation's staff, own staff per role.

The survey itself and its thank-you page are public (while the process is published). Building the survey,
previewing it and entering paper forms needs EDIT (beheerder, ambtenaar); results and exports need VIEW (every
own role, the griffie too). A participant's own answers are theirs only. Another organisation's survey is a 404.
"""

import pytest

from participatiemix.processes.models import Process
from participatiemix.surveys.models import Option, Question, Section, SkipRule, SurveyResponse
from tests.matrix import LOGIN, NOT_FOUND, OK, PERSONAS, Outcome, check, expect, hidden_from_outsiders
from tests.surveys.conftest import valid_post

pytestmark = pytest.mark.django_db

ROUTES = {
    "surveys:respond",
    "surveys:thanks",
    "surveys:own",
    "surveys:builder",
    "surveys:settings",
    "surveys:section_add",
    "surveys:section_edit",
    "surveys:section_delete",
    "surveys:section_move",
    "surveys:question_add",
    "surveys:question_edit",
    "surveys:question_delete",
    "surveys:question_move",
    "surveys:rule_add",
    "surveys:rule_delete",
    "surveys:preview",
    "surveys:paper",
    "surveys:results",
    "surveys:export",
}

NOT_ALLOWED = Outcome("status", 405)
EVERYONE = dict.fromkeys(PERSONAS, OK)
READERS = expect(hidden_from_outsiders(), default=OK)
EDITORS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK)  # facilitator and griffie: 404
REFUSED_EDIT = {k: v for k, v in EDITORS.items() if v != OK}
WRONG_METHOD = {"anonymous": LOGIN, **{p: NOT_ALLOWED for p in PERSONAS if p != "anonymous"}}


def test_the_survey_and_thanks_page_are_public(persona_clients, survey):
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/", EVERYONE) == []
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/bedankt/", EVERYONE) == []
    assert check(persona_clients, "POST", f"/enquetes/{survey.pk}/bedankt/", dict.fromkeys(PERSONAS, NOT_ALLOWED)) == []


def test_a_draft_process_hides_its_survey(persona_clients, survey):
    Process.objects.filter(pk=survey.activity.phase.process_id).update(status=Process.Status.DRAFT)
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/", dict.fromkeys(PERSONAS, NOT_FOUND)) == []
    assert check(persona_clients, "GET", "/enquetes/999999/", dict.fromkeys(PERSONAS, NOT_FOUND)) == []


@pytest.mark.parametrize("suffix", ["opbouw/", "voorbeeld/", "papier/"])
def test_builder_preview_and_paper_are_for_editors(persona_clients, survey, suffix):
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/{suffix}", EDITORS) == []


@pytest.mark.parametrize("suffix", ["resultaten/", "antwoorden.csv", "antwoorden.xlsx"])
def test_results_and_exports_are_for_every_own_role(persona_clients, survey, suffix):
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/{suffix}", READERS) == []


def test_unknown_export_format_is_404(staff_client, survey):
    assert staff_client.get(f"/enquetes/{survey.pk}/antwoorden.pdf").status_code == 404


def test_another_organisations_survey_is_404_for_our_staff(persona_clients, make_process, other_organisation):
    from participatiemix.surveys.models import Survey

    other = make_process(other_organisation, slug="elders")
    survey = Survey.objects.get(activity__phase__process=other, activity__instrument="enquete")
    for suffix in ("opbouw/", "resultaten/", "antwoorden.csv", "papier/"):
        for persona in ("beheerder", "ambtenaar", "griffie"):
            assert persona_clients[persona].get(f"/enquetes/{survey.pk}/{suffix}").status_code == 404
        assert persona_clients["other_org"].get(f"/enquetes/{survey.pk}/{suffix}").status_code == 200


def test_settings_and_sections_need_edit(persona_clients, survey):
    data = {"title_nl": "Nieuwe titel", "requires_account": "", "ask_profile": "on"}
    assert check(persona_clients, "POST", f"/enquetes/{survey.pk}/opbouw/instellingen/", EDITORS, data) == []
    assert check(persona_clients, "GET", f"/enquetes/{survey.pk}/opbouw/instellingen/", WRONG_METHOD) == []
    before = survey.sections.count()
    assert (
        check(persona_clients, "POST", f"/enquetes/{survey.pk}/opbouw/deel/", EDITORS, {"new-title_nl": "Extra"}) == []
    )
    assert survey.sections.count() == before + 2  # beheerder and ambtenaar added one each
    section = survey.sections.last()
    url = f"/enquetes/{survey.pk}/opbouw/deel/{section.pk}/"
    assert check(persona_clients, "GET", url, EDITORS) == []
    assert check(persona_clients, "POST", url, EDITORS, {"title_nl": "Anders", "title_en": "Other"}) == []
    assert check(persona_clients, "POST", url + "verplaatsen/", EDITORS, {"direction": "up"}) == []
    assert check(persona_clients, "GET", url + "verplaatsen/", WRONG_METHOD) == []
    assert check(persona_clients, "POST", url + "verwijderen/", REFUSED_EDIT) == []
    assert Section.objects.filter(pk=section.pk).exists()
    assert check(persona_clients, "POST", url + "verwijderen/", {"ambtenaar": OK}) == []
    assert not Section.objects.filter(pk=section.pk).exists()


def test_questions_and_rules_need_edit(persona_clients, survey, questions):
    section = questions[0].section
    add = f"/enquetes/{survey.pk}/opbouw/deel/{section.pk}/vraag/"
    data = {"kind": "short_text", "text_nl": "Nog iets?", "required": ""}
    assert check(persona_clients, "GET", add, EDITORS) == []
    assert check(persona_clients, "POST", add, EDITORS, data) == []
    assert Question.objects.filter(text_nl="Nog iets?").count() == 2
    q = Question.objects.filter(text_nl="Nog iets?").first()
    edit = f"/enquetes/{survey.pk}/opbouw/vraag/{q.pk}/"
    assert check(persona_clients, "GET", edit, EDITORS) == []
    assert check(persona_clients, "POST", edit, EDITORS, {**data, "text_nl": "Nog iets anders?"}) == []
    assert check(persona_clients, "POST", edit + "verplaatsen/", EDITORS, {"direction": "up"}) == []
    rule_url = f"/enquetes/{survey.pk}/opbouw/vraag/{questions[0].pk}/sprong/"
    option = questions[0].options.first()
    rule_data = {f"rule{questions[0].pk}-answer": str(option.pk), f"rule{questions[0].pk}-target": "end"}
    assert check(persona_clients, "POST", rule_url, EDITORS, rule_data) == []
    assert SkipRule.objects.filter(question=questions[0]).count() == 2
    rule = SkipRule.objects.filter(question=questions[0]).first()
    rule_delete = f"/enquetes/{survey.pk}/opbouw/sprong/{rule.pk}/verwijderen/"
    assert check(persona_clients, "POST", rule_delete, REFUSED_EDIT) == []
    assert check(persona_clients, "POST", rule_delete, {"beheerder": OK}) == []
    assert not SkipRule.objects.filter(pk=rule.pk).exists()
    assert check(persona_clients, "POST", edit + "verwijderen/", REFUSED_EDIT) == []
    assert check(persona_clients, "POST", edit + "verwijderen/", {"ambtenaar": OK}) == []
    assert not Question.objects.filter(pk=q.pk).exists()
    assert check(persona_clients, "GET", edit + "verwijderen/", WRONG_METHOD) == []
    assert Option.objects.filter(pk=option.pk).exists()


def test_own_answers_are_only_for_the_participant(persona_clients, survey, questions):
    resident = persona_clients["resident"]
    assert resident.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions)).status_code == 302
    contribution = SurveyResponse.objects.get().contribution
    url = f"/enquetes/mijn-antwoorden/{contribution.pk}/"
    expected = dict.fromkeys(PERSONAS, NOT_FOUND)
    expected["resident"] = OK
    assert check(persona_clients, "GET", url, expected) == []
    html = resident.get(url).content.decode()
    assert "De kosten zijn te hoog." in html and "Maak een proefstraat." in html
