"""A process with one open survey of 20 questions (every kind), for the survey benchmarks."""

from __future__ import annotations

import io
import random

KINDS = ["single", "multiple", "scale", "yes_no", "short_text", "number", "ranking", "long_text", "single", "scale"]


def bench_survey():
    from django.utils import timezone

    from participatiemix.plans.demo import load_plan
    from participatiemix.processes import services as process_services
    from participatiemix.processes.models import Process
    from participatiemix.surveys import services
    from participatiemix.surveys.models import Question, Survey

    plan = load_plan(io.StringIO())
    process = process_services.process_create(
        plan=plan, slug="bench-enquete", start=timezone.localdate(), is_example=True
    )
    process.status = Process.Status.PUBLISHED
    process.districts = ["Noord", "Zuid", "Oost", "West"]
    process.save()
    activity = process.phases.first().activities.get(instrument="enquete")
    survey = Survey.objects.get(activity=activity)
    section = survey.sections.first()
    for i in range(20):
        kind = KINDS[i % len(KINDS)]
        question = Question(section=section, kind=kind, required=kind != "long_text", text_nl=f"Vraag {i + 1} ({kind})")
        options = None
        if kind in ("single", "multiple", "ranking"):
            options = [(None, f"Keuze {c}", f"Choice {c}") for c in "ABCD"]
        services.question_save(question=question, options=options)
    return process, survey


def post_data(structure, rng: random.Random) -> dict[str, list[str]]:
    """A valid submission for this structure (every required question answered)."""
    data: dict[str, list[str]] = {}
    for q in structure.questions:
        name = f"q{q.id}"
        ids = [o.id for o in q.options]
        if q.kind == "single":
            data[name] = [str(rng.choice(ids))]
        elif q.kind == "multiple":
            data[name] = [str(i) for i in rng.sample(ids, rng.randint(1, len(ids)))]
        elif q.kind == "ranking":
            for rank, option in enumerate(rng.sample(ids, len(ids)), start=1):
                data[f"{name}_o{option}"] = [str(rank)]
        elif q.kind == "yes_no":
            data[name] = [rng.choice(["yes", "no"])]
        elif q.kind == "scale":
            data[name] = [str(rng.randint(q.min_value or 1, q.max_value or 5))]
        elif q.kind == "number":
            data[name] = [str(rng.randint(0, 1000))]
        elif q.kind in ("short_text", "long_text"):
            data[name] = [rng.choice(["Meer zon op daken", "Isoleren eerst", "Warmtenet in de wijk", "Te duur"])]
    return data
