"""Results: counted in the database, per source, filtered by the voluntary profile only for groups of 5 or more,
open answers grouped into themes, a bounded number of queries; and the CSV / Excel export read back."""

import csv
import io

import pytest
from openpyxl import load_workbook

from participatiemix.processes import services as process_services
from participatiemix.processes.models import Participant, Process
from participatiemix.site.downloads import safe_cell
from participatiemix.surveys import demo, selectors, services
from participatiemix.surveys.answers import AnswerValue
from participatiemix.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


def store(survey, questions, *, answers, source="online", age_band=""):
    participant = Participant.objects.create(process=survey.activity.phase.process)
    services.response_store(
        survey=survey, participant=participant, answers=answers, kinds={q.pk: q.kind for q in questions}, source=source
    )
    if age_band:
        process_services.profile_save(participant=participant, age_band=age_band)


def test_counts_per_option_and_source(survey, questions):
    woning = questions[0]
    koop, huur = list(woning.options.all())[:2]
    for _ in range(3):
        store(survey, questions, answers=[AnswerValue(woning.pk, option_id=koop.pk)])
    store(survey, questions, answers=[AnswerValue(woning.pk, option_id=huur.pk)], source="paper")
    view = selectors.survey_structure(survey=survey, lang="nl")
    result = selectors.survey_results(survey=survey, view=view)
    assert result.respondents == 4 and result.by_source == {"online": 3, "paper": 1}
    first = result.questions[0]
    assert first.total == 4
    assert first.rows[:2] == [(koop.label_nl, 3), (huur.label_nl, 1)]
    assert result.questions[1].rows == [("Ja", 0), ("Nee", 0)]


def test_scale_ranking_and_number_figures(survey, questions):
    know, ranking, amount = questions[3], questions[4], questions[6]
    options = list(ranking.options.all())
    for value, money in ((2, 1000), (4, 3000), (4, 5000)):
        store(
            survey,
            questions,
            answers=[
                AnswerValue(know.pk, number=value),
                AnswerValue(amount.pk, number=money),
                *[AnswerValue(ranking.pk, option_id=o.pk, rank=r) for r, o in enumerate(options, start=1)],
            ],
        )
    view = selectors.survey_structure(survey=survey, lang="nl")
    results = {r.question.pk: r for r in selectors.survey_results(survey=survey, view=view).questions}
    assert results[know.pk].rows == [("1", 0), ("2", 1), ("3", 0), ("4", 2), ("5", 0)]
    assert ("Gemiddelde", "3,3") in results[know.pk].extra
    assert results[ranking.pk].rows[0] == (options[0].label_nl, 12)  # first place three times: 4 points each
    assert results[ranking.pk].total == 3 and results[know.pk].total == 3
    assert sum(n for _, n in results[amount.pk].rows) == 3


def test_profile_filter_shows_only_groups_of_five_or_more(staff_client, survey, questions):
    woning = questions[0]
    koop = woning.options.first()
    for _ in range(5):
        store(survey, questions, answers=[AnswerValue(woning.pk, option_id=koop.pk)], age_band="65+")
    for _ in range(4):
        store(survey, questions, answers=[AnswerValue(woning.pk, option_id=koop.pk)], age_band="18-29")
    view = selectors.survey_structure(survey=survey, lang="nl")
    older = selectors.survey_results(survey=survey, view=view, filters={"age_band": "65+"})
    assert not older.too_few and older.respondents == 5 and older.questions[0].rows[0][1] == 5
    young = selectors.survey_results(survey=survey, view=view, filters={"age_band": "18-29"})
    assert young.too_few and young.questions == []
    html = staff_client.get(f"/enquetes/{survey.pk}/resultaten/?age_band=18-29").content.decode()
    assert "Te weinig antwoorden om te tonen (minder dan 5)." in html
    assert "Koopwoning</th>" not in html
    html = staff_client.get(f"/enquetes/{survey.pk}/resultaten/?age_band=65%2B").content.decode()
    assert "5 antwoorden" in html and "Koopwoning</th>" in html
    assert '<td class="utrecht-table__cell">5</td><td class="utrecht-table__cell">100%</td>' in html
    # An unknown filter value is ignored: everyone is shown.
    html = staff_client.get(f"/enquetes/{survey.pk}/resultaten/?age_band=<script>").content.decode()
    assert "9 antwoorden" in html and "<script>" not in html


def test_target_group_filter(survey, questions):
    groups = survey.activity.phase.process.plan_version.advice["case"]["target_groups"]
    woning = questions[0]
    for n in range(6):
        participant = Participant.objects.create(process=survey.activity.phase.process)
        services.response_store(
            survey=survey,
            participant=participant,
            kinds={q.pk: q.kind for q in questions},
            answers=[AnswerValue(woning.pk, option_id=woning.options.first().pk)],
        )
        process_services.profile_save(participant=participant, target_groups=[groups[0]] if n < 5 else [groups[1]])
    view = selectors.survey_structure(survey=survey, lang="nl")
    assert selectors.survey_results(survey=survey, view=view, filters={"target_group": groups[0]}).respondents == 5
    assert selectors.survey_results(survey=survey, view=view, filters={"target_group": groups[1]}).too_few


def test_results_page_has_charts_tables_and_themes(staff_client, survey):
    demo.fill_responses(survey, 30, seed=5)
    response = staff_client.get(f"/enquetes/{survey.pk}/resultaten/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') >= 8 and html.count("<table") >= 8
    assert "30 antwoorden" in html and "op papier" in html
    assert "automatisch in thema" in html  # the open answers grouped


def test_results_page_query_count_is_bounded(staff_client, survey, django_assert_max_num_queries):
    demo.fill_responses(survey, 20, seed=2)
    url = f"/enquetes/{survey.pk}/resultaten/"
    staff_client.get(url)
    with django_assert_max_num_queries(20):
        staff_client.get(url)
    demo.fill_responses(survey, 40, seed=3)
    with django_assert_max_num_queries(20):
        staff_client.get(url + "?age_band=65%2B")


def test_griffie_reads_results(persona_clients, survey):
    response = persona_clients["griffie"].get(f"/enquetes/{survey.pk}/resultaten/")
    assert response.status_code == 200 and "Opbouw" not in response.content.decode()


def test_csv_and_xlsx_exports_read_back_and_escape_formulas(staff_client, survey, questions):
    tips = questions[9]
    store(
        survey,
        questions,
        answers=[
            AnswerValue(questions[0].pk, option_id=questions[0].options.first().pk),
            AnswerValue(questions[1].pk, number=1),
            AnswerValue(tips.pk, text='=HYPERLINK("http://evil","klik")'),
        ],
    )
    store(survey, questions, answers=[AnswerValue(tips.pk, text="@SUM(A1)")], source="paper")
    response = staff_client.get(f"/enquetes/{survey.pk}/antwoorden.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3 and len(rows[0]) == 3 + len(questions)
    assert rows[0][3] == "1. Wat voor woning heeft u?"
    assert rows[1][1] == "online" and rows[1][3] == "Koopwoning" and rows[1][4] == "ja"
    assert rows[1][-1] == '\'=HYPERLINK("http://evil","klik")' and rows[2][-1] == "'@SUM(A1)"
    assert rows[2][1] == "paper"
    response = staff_client.get(f"/enquetes/{survey.pk}/antwoorden.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][3] == "1. Wat voor woning heeft u?" and values[1][3] == "Koopwoning"
    assert all(not (isinstance(v, str) and v[:1] in "=+-@") for row in values for v in row)
    assert sheet.cell(row=2, column=len(values[0])).data_type == "s"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_safe_cell_escapes_formula_starts(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell(-1) == -1 and safe_cell("gewoon") == "gewoon"


def test_runner_hooks(survey, questions, client):
    from participatiemix.processes import registry

    runner = registry.get("surveys")
    activity = survey.activity
    assert runner.setup_url(activity) == f"/enquetes/{survey.pk}/opbouw/"
    assert runner.public_url(activity) == f"/enquetes/{survey.pk}/"
    assert runner.summary(activity) == ["Nog geen antwoorden"]
    demo.fill_responses(survey, 12, seed=4, source_mix={"online": 0.5, "paper": 0.5})
    paper = SurveyResponse.objects.filter(source="paper").count()
    assert runner.summary(activity) == [f"12 antwoorden, waarvan {paper} op papier"]
    assert runner.participants([activity]) == {activity.pk: 12}
    assert [label for label, _ in runner.exports(activity)] == ["CSV", "Excel"]
    contribution = SurveyResponse.objects.first().contribution
    assert runner.contribution_url(contribution) == f"/enquetes/mijn-antwoorden/{contribution.pk}/"
    data = runner.personal_data(contribution.participant)
    assert len(data) == 1 and data[0]["enquete"] == survey.title_nl and data[0]["antwoorden"]


def test_withdrawing_the_contribution_removes_the_answers(survey):
    demo.fill_responses(survey, 2, seed=1)
    contribution = SurveyResponse.objects.first().contribution
    process_services.contribution_withdraw(contribution=contribution)
    assert SurveyResponse.objects.count() == 1
    assert not SurveyResponse.objects.filter(contribution_id=contribution.pk).exists()


def test_demo_and_bulk_load_store_one_contribution_per_response(survey):
    from participatiemix.processes.models import Contribution
    from participatiemix.surveys.load import generate_responses

    assert generate_responses(survey, 2500, seed=7) == 2500
    assert SurveyResponse.objects.count() == 2500
    assert Contribution.objects.filter(kind="survey_response", is_example=True).count() == 2500
    view = selectors.survey_structure(survey=survey, lang="nl")
    result = selectors.survey_results(survey=survey, view=view)
    assert result.respondents == 2500 and result.questions[0].total > 2000
    # People per question come from the grouped rows; check them against a plain count.
    for r in result.questions:
        people = SurveyResponse.objects.filter(answers__question=r.question).distinct().count()
        assert r.total == people, r.question.text_nl
    # Skip logic holds in generated data: "no measures" never has measures.
    measures, which = view.questions[1], view.questions[2]
    no = SurveyResponse.objects.filter(answers__question=measures, answers__number=0)
    assert not no.filter(answers__question=which).exists()
    assert Process.objects.count() == 1


def test_district_filter_and_profile_district_choice(client, survey, questions):
    from django.core.cache import cache

    from tests.surveys.conftest import valid_post

    cache.clear()
    process = survey.activity.phase.process
    process.districts = ["Dorp", "Buitengebied"]
    process.save()
    html = client.get(f"/enquetes/{survey.pk}/").content.decode()
    assert '<option value="Buitengebied">Buitengebied</option>' in html
    assert (
        client.post(f"/enquetes/{survey.pk}/", valid_post(survey, questions, profile_district="Dorp")).status_code
        == 302
    )
    assert SurveyResponse.objects.get().participant.profile.district == "Dorp"
    woning = questions[0]
    for _ in range(4):
        store(survey, questions, answers=[AnswerValue(woning.pk, option_id=woning.options.first().pk)])
    for p in Participant.objects.filter(profile__isnull=True):
        process_services.profile_save(participant=p, district="Dorp")
    view = selectors.survey_structure(survey=survey, lang="nl")
    assert selectors.survey_results(survey=survey, view=view, filters={"district": "Dorp"}).respondents == 5
    assert selectors.survey_results(survey=survey, view=view, filters={"district": "Buitengebied"}).too_few
