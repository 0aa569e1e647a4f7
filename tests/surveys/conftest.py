"""Fixtures: the energy process's enquête activity with the demo survey (aardgasvrij, 10 questions, a skip rule)."""

import pytest

from participatiemix.surveys import demo
from participatiemix.surveys.models import Question, Survey


@pytest.fixture
def survey(process):
    activity = process.phases.get(position=0).activities.get(instrument="enquete")
    return demo.build_demo_survey(activity)


@pytest.fixture
def questions(survey):
    """The demo questions in order: q[0] woning ... q[9] tips."""
    from participatiemix.surveys.selectors import survey_structure

    return survey_structure(survey=survey, lang="nl").questions


def valid_post(survey: Survey, questions: list[Question], **overrides) -> dict:
    """A complete, valid submission of the demo survey (the skip rule not taken)."""
    q = questions
    data = {
        "survey": str(survey.pk),
        q[0].field_name: str(q[0].options.first().pk),
        q[1].field_name: "yes",
        q[2].field_name: [str(o.pk) for o in q[2].options.all()[:2]],
        q[3].field_name: "4",
        q[5].field_name: str(q[5].options.last().pk),
        q[6].field_name: "2500",
        q[7].field_name: "no",
        q[8].field_name: "De kosten zijn te hoog.",
        q[9].field_name: "Maak een proefstraat.",
    }
    for rank, option in enumerate(q[4].options.all(), start=1):
        data[f"{q[4].field_name}_o{option.pk}"] = str(rank)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
