"""The form builder: sections, questions, options with stable ids, skip rules that must go to a later question."""

import pytest
from django.core.exceptions import ValidationError

from participatiemix.processes import registry
from participatiemix.surveys import services
from participatiemix.surveys.models import Option, Question, Section, SkipRule, Survey

pytestmark = pytest.mark.django_db


def test_setup_makes_an_empty_survey_with_one_section(process):
    activity = process.phases.get(position=0).activities.get(instrument="enquete")
    assert activity.app == "surveys" and activity.kind == "online" and activity.allow_anonymous
    survey = Survey.objects.get(activity=activity)
    assert survey.sections.count() == 1 and survey.questions.count() == 0
    services.survey_setup(activity)  # twice: nothing new
    assert Survey.objects.filter(activity=activity).count() == 1 and survey.sections.count() == 1
    assert registry.for_catalogue_id("peiling").app == "surveys"


def test_rule_must_point_to_a_later_question(survey, questions):
    measures, which, know = questions[1], questions[2], questions[3]
    with pytest.raises(ValidationError, match="latere vraag"):
        services.rule_add(question=questions[5], option=questions[5].options.first(), target=questions[0])
    with pytest.raises(ValidationError, match="latere vraag"):  # the next question is no jump at all
        services.rule_add(question=measures, yes=True, target=which)
    with pytest.raises(ValidationError, match="keuzes of ja/nee"):
        services.rule_add(question=know, target=questions[8])
    with pytest.raises(ValidationError, match="Kies een keuze van deze vraag"):
        services.rule_add(question=questions[0], option=questions[5].options.first(), target=questions[8])
    rule = services.rule_add(question=questions[0], option=questions[0].options.first(), target=None)
    assert rule.target is None  # to the end


def test_moving_a_question_removes_rules_that_no_longer_jump_forward(survey, questions):
    rule = SkipRule.objects.get(question=questions[1])
    assert rule.target == questions[3]
    services.question_move(question=questions[3], direction="up")  # 4 before 3: now right after question 2
    assert not SkipRule.objects.filter(pk=rule.pk).exists()


def test_options_keep_their_ids_when_relabelled_and_reordered(survey, questions):
    q = questions[0]
    first, second, *_ = q.options.all()
    services.options_save(
        question=q, options=[(second.pk, "Huur", "Rent"), (first.pk, "Koop", "Own"), (None, "Anders", "")]
    )
    options = list(q.options.all())
    assert [o.pk for o in options[:2]] == [second.pk, first.pk]
    assert [o.label_nl for o in options] == ["Huur", "Koop", "Anders"]
    with pytest.raises(ValidationError, match="minstens twee keuzes"):
        services.options_save(question=q, options=[(first.pk, "Koop", "")])
    with pytest.raises(ValidationError, match="maar één keer"):
        services.options_save(question=q, options=[(first.pk, "Koop", ""), (None, "koop", "")])


def test_answered_questions_and_options_cannot_be_deleted(survey, questions):
    from participatiemix.surveys import demo

    demo.fill_responses(survey, 3, seed=1)
    with pytest.raises(ValidationError, match="al antwoorden"):
        services.question_delete(question=questions[0])
    used = questions[0].answers.first().option
    others = [(o.pk, o.label_nl, "") for o in questions[0].options.exclude(pk=used.pk)]
    with pytest.raises(ValidationError, match="al gekozen"):
        services.options_save(question=questions[0], options=others)


def test_scale_bounds_are_checked(survey, questions):
    q = Question(section=questions[0].section, kind="scale", text_nl="Hoe tevreden?", min_value=3, max_value=2)
    with pytest.raises(ValidationError):
        services.question_save(question=q)
    q = Question(section=questions[0].section, kind="scale", text_nl="Hoe tevreden?")
    services.question_save(question=q)
    assert (q.min_value, q.max_value) == (1, 5) and q.survey == survey


def test_builder_post_adds_a_choice_question_with_options_in_order(staff_client, survey, questions):
    section = questions[0].section
    data = {
        "kind": "single",
        "text_nl": "Welke dag?",
        "text_en": "Which day?",
        "required": "on",
        "new_1_nl": "Dinsdag",
        "new_1_pos": "2",
        "new_2_nl": "Maandag",
        "new_2_en": "Monday",
        "new_2_pos": "1",
    }
    response = staff_client.post(f"/enquetes/{survey.pk}/opbouw/deel/{section.pk}/vraag/", data)
    assert response.status_code == 302
    q = Question.objects.get(text_nl="Welke dag?")
    assert [o.label_nl for o in q.options.all()] == ["Maandag", "Dinsdag"] and q.required
    # Too few options: a Dutch message, nothing stored.
    data = {"kind": "multiple", "text_nl": "Te weinig", "new_1_nl": "Alleen deze"}
    response = staff_client.post(f"/enquetes/{survey.pk}/opbouw/deel/{section.pk}/vraag/", data)
    assert response.status_code == 400 and "Geef minstens twee keuzes" in response.content.decode()
    assert not Question.objects.filter(text_nl="Te weinig").exists()


def test_builder_refuses_deleting_the_last_section(staff_client, survey):
    for section in list(survey.sections.all())[1:]:
        section.questions.all().delete()
        section.delete()
    only = survey.sections.get()
    response = staff_client.post(f"/enquetes/{survey.pk}/opbouw/deel/{only.pk}/verwijderen/", follow=True)
    assert "minstens één deel" in response.content.decode()
    assert Section.objects.filter(pk=only.pk).exists()


def test_settings_mirror_account_requirement_to_the_activity(staff_client, survey):
    data = {"title_nl": "Enquête", "title_en": "Survey", "requires_account": "on", "ask_profile": "on"}
    assert staff_client.post(f"/enquetes/{survey.pk}/opbouw/instellingen/", data).status_code == 302
    survey.refresh_from_db()
    survey.activity.refresh_from_db()
    assert survey.requires_account and survey.activity.allow_anonymous is False
    response = staff_client.post(f"/enquetes/{survey.pk}/opbouw/instellingen/", {"title_nl": ""})
    assert response.status_code == 400


def test_question_ids_of_options_are_scoped(survey, questions):
    assert Option.objects.filter(question__survey=survey).count() == sum(len(q.option_list) for q in questions)


def test_kind_of_an_answered_question_cannot_change(staff_client, survey, questions):
    from participatiemix.surveys import demo

    demo.fill_responses(survey, 2, seed=1)
    q = questions[0]
    data = {"kind": "short_text", "text_nl": q.text_nl, "required": "on"}
    response = staff_client.post(f"/enquetes/{survey.pk}/opbouw/vraag/{q.pk}/", data)
    assert response.status_code == 400
    assert "De soort vraag kan niet meer anders" in response.content.decode()
    q.refresh_from_db()
    assert q.kind == "single" and q.options.count() == 4


def test_demo_survey_is_not_rebuilt_once_answered(survey):
    from participatiemix.surveys import demo

    demo.fill_responses(survey, 3, seed=2)
    ids = list(survey.questions.values_list("pk", flat=True))
    assert demo.build_demo_survey(survey.activity).pk == survey.pk
    assert list(survey.questions.values_list("pk", flat=True)) == ids and len(ids) == 10


def test_builder_page_query_count_does_not_grow_with_questions(
    staff_client, survey, questions, django_assert_max_num_queries
):
    url = f"/enquetes/{survey.pk}/opbouw/"
    staff_client.get(url)
    with django_assert_max_num_queries(22):
        assert staff_client.get(url).status_code == 200
    section = questions[0].section
    for n in range(10):
        extra = Question(section=section, kind="single", text_nl=f"Extra {n}")
        services.question_save(question=extra, options=[(None, "A", ""), (None, "B", "")])
    with django_assert_max_num_queries(22):
        assert staff_client.get(url).status_code == 200
