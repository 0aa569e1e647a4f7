"""Bulk example responses for benchmarks and the `generate_load` command.

100,000 responses x 20 questions is about 2 million answer rows: participants, contributions and responses are
written with bulk_create in batches, the answers with COPY on PostgreSQL; not through the per-response service,
so it takes minutes, not hours. Every
response is still exactly one Contribution (kind survey_response, is_example=True) with its own participant.
"""

from __future__ import annotations

import random

from django.db import connection, transaction
from django.utils import timezone

from participatiemix.processes.models import Contribution, Participant, Profile
from participatiemix.surveys.demo import TIPS, WORRIES, random_answers, random_profile
from participatiemix.surveys.models import TEXT_KINDS, Answer, SurveyResponse
from participatiemix.surveys.selectors import survey_structure
from participatiemix.surveys.services import KIND

BATCH = 2000


ANSWER_COLUMNS = ("response_id", "question_id", "option_id", "number", "rank", "text")


def _answers_insert(rows) -> None:
    """The answer rows: COPY on PostgreSQL (most of the volume; no SQL to build per row), bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        sql = f"COPY {Answer._meta.db_table} ({', '.join(ANSWER_COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    Answer.objects.bulk_create((Answer(**dict(zip(ANSWER_COLUMNS, row, strict=True))) for row in rows), batch_size=5000)


def generate_responses(survey, n: int, seed: int = 1, paper_share: float = 0.1) -> int:
    """Store n random responses (following skip logic) in bulk; returns how many were stored."""
    rng = random.Random(seed)
    structure = survey_structure(survey=survey, lang="nl").structure
    kinds = {q.id: q.kind for q in structure.questions}
    process = survey.activity.phase.process
    activity = survey.activity
    groups = list(((process.plan_version.advice or {}).get("case") or {}).get("target_groups") or [])
    now = timezone.now()
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        with transaction.atomic():
            participants = Participant.objects.bulk_create(
                [Participant(process=process, is_example=True) for _ in range(size)]
            )
            batch_answers, contributions, sources = [], [], []
            for i in range(size):
                answers = random_answers(structure, rng, WORRIES, TIPS)
                texts = [a.text for a in answers if a.text and kinds[a.question_id] in TEXT_KINDS]
                source = "paper" if rng.random() < paper_share else "online"
                contributions.append(
                    Contribution(
                        activity=activity,
                        participant=participants[i],
                        kind=KIND,
                        source=source,
                        summary=(texts[0][:140] if texts else "Enquête ingevuld"),
                        text="\n\n".join(texts),
                        is_example=True,
                        created_at=now,
                    )
                )
                batch_answers.append(answers)
                sources.append(source)
            contributions = Contribution.objects.bulk_create(contributions)
            responses = SurveyResponse.objects.bulk_create(
                [
                    SurveyResponse(contribution=c, survey=survey, participant=p, source=s)
                    for c, p, s in zip(contributions, participants, sources, strict=True)
                ]
            )
            _answers_insert(
                (r.pk, a.question_id, a.option_id, a.number, a.rank, a.text)
                for r, answers in zip(responses, batch_answers, strict=True)
                for a in answers
            )
            profiles = []
            for p in participants:
                profile = random_profile(rng, process.districts or [], groups)
                if profile:
                    profiles.append(Profile(participant=p, **profile))
            Profile.objects.bulk_create(profiles)
        done += size
    return done
