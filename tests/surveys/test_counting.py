"""Counting property: whatever answers are stored, the results page's figures equal a plain count in Python."""

import random
from collections import Counter

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.processes.models import Contribution, Participant
from participatiemix.surveys import selectors, services
from participatiemix.surveys.demo import random_answers

pytestmark = pytest.mark.django_db


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(0, 25), paper=st.floats(0, 1))
def test_results_equal_a_plain_count(survey, seed, n, paper):
    Contribution.objects.filter(activity=survey.activity).delete()
    Participant.objects.filter(process=survey.activity.phase.process).delete()
    view = selectors.survey_structure(survey=survey, lang="nl")
    kinds = {q.pk: q.kind for q in view.questions}
    rng = random.Random(seed)
    stored = []
    sources = Counter()
    for _ in range(n):
        answers = random_answers(view.structure, rng, ["Te duur", "Goed plan"], ["Meer uitleg"])
        source = "paper" if rng.random() < paper else "online"
        participant = Participant.objects.create(process=survey.activity.phase.process)
        services.response_store(survey=survey, participant=participant, answers=answers, kinds=kinds, source=source)
        stored.append(answers)
        sources[source] += 1
    with translation.override("nl"):
        result = selectors.survey_results(survey=survey, view=view)
    assert result.respondents == n and result.by_source == {k: v for k, v in sources.items() if v}
    assert Contribution.objects.filter(activity=survey.activity, kind="survey_response").count() == n
    for r in result.questions:
        q = r.question
        rows = [a for answers in stored for a in answers if a.question_id == q.pk]
        people = len({id(answers) for answers in stored for a in answers if a.question_id == q.pk})
        assert r.total == people, q.text_nl
        if q.kind in ("single", "multiple"):
            expected = Counter(a.option_id for a in rows)
            assert r.rows == [(o.label_nl, expected.get(o.pk, 0)) for o in q.option_list]
        elif q.kind == "yes_no":
            assert r.rows == [("Ja", sum(a.number == 1 for a in rows)), ("Nee", sum(a.number == 0 for a in rows))]
        elif q.kind == "ranking":
            points = Counter()
            for a in rows:
                points[a.option_id] += len(q.option_list) + 1 - a.rank
            assert r.rows == [(o.label_nl, points.get(o.pk, 0)) for o in q.option_list]
        elif q.kind in ("scale", "number"):
            assert sum(count for _, count in r.rows) == len(rows)
        else:
            assert sorted(r.texts) == sorted(a.text for a in rows)
