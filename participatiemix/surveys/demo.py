"""A realistic demo survey (an aardgasvrij village asks its residents) and clearly-marked example responses.

Used by the lead engineer's demo process; every stored response is one Contribution with is_example=True.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from participatiemix.processes import services as process_services
from participatiemix.processes.models import Participant
from participatiemix.surveys import services
from participatiemix.surveys.answers import AnswerValue, Structure
from participatiemix.surveys.models import Kind, Option, Question, Section, Survey
from participatiemix.surveys.selectors import survey_structure

SECTIONS = [
    (
        "Uw woning",
        "Your home",
        [
            dict(
                kind=Kind.SINGLE,
                required=True,
                text=("Wat voor woning heeft u?", "What kind of home do you have?"),
                options=[
                    ("Koopwoning", "Owner-occupied home"),
                    ("Huurwoning van een corporatie", "Social housing"),
                    ("Huurwoning van een particulier", "Private rental"),
                    ("Anders", "Other"),
                ],
            ),
            dict(
                kind=Kind.YES_NO,
                required=True,
                text=(
                    "Heeft u al maatregelen genomen om energie te besparen?",
                    "Have you already taken steps to save energy?",
                ),
                key="measures",
            ),
            dict(
                kind=Kind.MULTIPLE,
                text=("Welke maatregelen heeft u genomen?", "Which steps have you taken?"),
                options=[
                    ("Isolatie van dak, muur of vloer", "Roof, wall or floor insulation"),
                    ("Dubbel glas of HR++-glas", "Double glazing"),
                    ("Zonnepanelen", "Solar panels"),
                    ("Een (hybride) warmtepomp", "A (hybrid) heat pump"),
                    ("Iets anders", "Something else"),
                ],
            ),
            dict(
                kind=Kind.SCALE,
                required=True,
                min_value=1,
                max_value=5,
                text=(
                    "Hoe goed weet u wat de plannen zijn voor een aardgasvrij dorp?",
                    "How well do you know the plans for a gas-free village?",
                ),
                labels=(("helemaal niet", "not at all"), ("heel goed", "very well")),
                key="know",
            ),
        ],
    ),
    (
        "Uw mening",
        "Your views",
        [
            dict(
                kind=Kind.RANKING,
                text=(
                    "Wat vindt u het belangrijkst bij de overstap van aardgas?",
                    "What matters most to you in switching from natural gas?",
                ),
                options=[
                    ("Lage kosten per maand", "Low monthly costs"),
                    ("Weinig overlast tijdens de verbouwing", "Little disruption during the works"),
                    ("Goed voor het klimaat", "Good for the climate"),
                    ("Zelf kunnen kiezen", "Being free to choose"),
                ],
            ),
            dict(
                kind=Kind.SINGLE,
                required=True,
                text=("Welke oplossing heeft uw voorkeur?", "Which solution do you prefer?"),
                help=(
                    "Een warmtenet brengt warm water naar alle huizen in de straat.",
                    "A heat network brings hot water to every home in the street.",
                ),
                options=[
                    ("Een warmtenet", "A heat network"),
                    ("Alles elektrisch (warmtepomp)", "All-electric (heat pump)"),
                    ("Groen gas", "Green gas"),
                    ("Dat weet ik nog niet", "I do not know yet"),
                ],
            ),
            dict(
                kind=Kind.NUMBER,
                min_value=0,
                max_value=50000,
                text=(
                    "Hoeveel euro wilt u de komende vijf jaar zelf investeren in uw woning?",
                    "How many euros would you invest in your home over the next five years?",
                ),
            ),
            dict(
                kind=Kind.YES_NO,
                text=(
                    "Wilt u meedenken in een werkgroep van het dorp?",
                    "Would you like to join a village working group?",
                ),
            ),
            dict(
                kind=Kind.SHORT_TEXT,
                text=("Wat is in één zin uw grootste zorg?", "In one sentence: what worries you most?"),
            ),
            dict(
                kind=Kind.LONG_TEXT,
                text=(
                    "Heeft u nog tips of ideeën voor de gemeente?",
                    "Do you have any tips or ideas for the municipality?",
                ),
            ),
        ],
    ),
]

WORRIES = [
    "De kosten zijn voor ons te hoog.",
    "Ik ben bang dat de huur omhoog gaat.",
    "Wat als het warmtenet duur wordt?",
    "Mijn huis is oud en slecht geïsoleerd.",
    "Ik weet niet waar ik moet beginnen.",
    "De verbouwing geeft veel overlast.",
    "Ik wil zelf kunnen kiezen.",
    "Is een warmtepomp niet te luidruchtig?",
    "Ik ben al oud, is het dat nog waard?",
    "Wie betaalt de aansluiting op het warmtenet?",
]
TIPS = [
    "Organiseer een avond in het dorpshuis met voorbeelden van buren.",
    "Zorg voor een lening met lage rente voor iedereen.",
    "Begin met de huizen van de corporatie.",
    "Laat een energiecoach langs de deuren gaan.",
    "Maak een proefstraat zodat we het kunnen zien.",
    "Houd rekening met mensen die weinig geld hebben.",
    "Vertel eerlijk wat het gaat kosten.",
    "Werk samen met de energiecoöperatie van het dorp.",
    "Geef duidelijke informatie op papier, niet alleen online.",
]


def build_demo_survey(activity) -> Survey:
    """Fill the activity's (empty) survey with the aardgasvrij questionnaire in Dutch and English."""
    survey = services.survey_setup(activity)
    if survey.responses.exists():
        return survey  # built before and answered: never rebuild under existing answers
    survey.title_nl = "Enquête: samen naar een aardgasvrij dorp"
    survey.title_en = "Survey: together towards a gas-free village"
    survey.intro_nl = (
        "De gemeente wil weten hoe u denkt over verwarmen zonder aardgas. Het invullen duurt ongeveer 5 minuten."
    )
    survey.intro_en = (
        "The municipality wants to know what you think about heating without natural gas. It takes about 5 minutes."
    )
    survey.save()
    survey.sections.all().delete()
    keyed: dict[str, Question] = {}
    for s_pos, (nl, en, questions) in enumerate(SECTIONS):
        section = Section.objects.create(survey=survey, position=s_pos, title_nl=nl, title_en=en)
        for q_pos, spec in enumerate(questions):
            labels = spec.get("labels") or (("", ""), ("", ""))
            question = Question.objects.create(
                survey=survey,
                section=section,
                position=q_pos,
                kind=spec["kind"],
                required=spec.get("required", False),
                text_nl=spec["text"][0],
                text_en=spec["text"][1],
                help_nl=(spec.get("help") or ("", ""))[0],
                help_en=(spec.get("help") or ("", ""))[1],
                min_value=spec.get("min_value"),
                max_value=spec.get("max_value"),
                min_label_nl=labels[0][0],
                min_label_en=labels[0][1],
                max_label_nl=labels[1][0],
                max_label_en=labels[1][1],
            )
            for o_pos, (o_nl, o_en) in enumerate(spec.get("options") or []):
                Option.objects.create(question=question, position=o_pos, label_nl=o_nl, label_en=o_en)
            if spec.get("key"):
                keyed[spec["key"]] = question
    # "No measures yet?" Then skip the question which measures were taken.
    services.rule_add(question=keyed["measures"], yes=False, target=keyed["know"])  # renews the structure token
    survey.refresh_from_db()
    return survey


def random_answers(structure: Structure, rng: random.Random, texts: Sequence[str] = (), tips: Sequence[str] = ()):
    """Plausible answers that follow the survey's skip logic (for demo and load data)."""
    index = structure.index()
    answers: list[AnswerValue] = []
    resume = 0
    for i, q in enumerate(structure.questions):
        if i < resume or (not q.required and rng.random() < 0.15):
            continue
        rows: list[AnswerValue] = []
        if q.kind == Kind.SINGLE:
            weights = [len(q.options) - n for n in range(len(q.options))]
            rows = [AnswerValue(q.id, option_id=rng.choices(q.options, weights=weights)[0].id)]
        elif q.kind == Kind.MULTIPLE:
            picked = rng.sample(q.options, rng.randint(1, min(3, len(q.options))))
            rows = [AnswerValue(q.id, option_id=o.id, number=len(picked)) for o in picked]
        elif q.kind == Kind.RANKING:
            order = rng.sample(q.options, len(q.options))
            rows = [AnswerValue(q.id, option_id=o.id, rank=r) for r, o in enumerate(order, start=1)]
        elif q.kind == Kind.YES_NO:
            rows = [AnswerValue(q.id, number=1 if rng.random() < 0.6 else 0)]
        elif q.kind == Kind.SCALE:
            low, high = q.min_value or 1, q.max_value or 5
            rows = [AnswerValue(q.id, number=min(high, max(low, round(rng.triangular(low, high, (low + high) / 2)))))]
        elif q.kind == Kind.NUMBER:
            low = q.min_value if q.min_value is not None else 0
            high = q.max_value if q.max_value is not None else 1000
            rows = [AnswerValue(q.id, number=int(round(rng.triangular(low, high, low + (high - low) / 5), -2)))]
            rows = [AnswerValue(q.id, number=min(high, max(low, rows[0].number)))]
        else:
            pool = (tips if q.kind == Kind.LONG_TEXT and tips else texts) or ["Geen opmerkingen."]
            rows = [AnswerValue(q.id, text=rng.choice(pool))]
        answers.extend(rows)
        chosen = {r.option_id for r in rows}
        yes = rows[0].number == 1 if q.kind == Kind.YES_NO else None
        for rule in q.rules:
            if (rule.option_id and rule.option_id in chosen) or (rule.yes is not None and rule.yes == yes):
                resume = max(resume, len(structure.questions) if rule.target_id is None else index[rule.target_id])
    return answers


AGE_WEIGHTS = [("u18", 1), ("18-29", 3), ("30-44", 6), ("45-64", 8), ("65+", 7)]


def random_profile(rng: random.Random, districts: Sequence[str], groups: Sequence[str]) -> dict | None:
    """A voluntary profile, or None for the third who skip it; skewed so a few groups reach 5 and some do not."""
    if rng.random() < 0.3:
        return None
    age = rng.choices([a for a, _ in AGE_WEIGHTS], weights=[w for _, w in AGE_WEIGHTS])[0]
    district = rng.choices(list(districts), weights=range(len(districts), 0, -1))[0] if districts else ""
    chosen = [g for g in groups if rng.random() < 0.25]
    return {"age_band": age, "district": district, "target_groups": chosen}


def fill_responses(survey: Survey, n: int, seed: int = 1, source_mix: dict[str, float] | None = None) -> int:
    """Store n example responses through the real service (one Contribution each, is_example=True)."""
    rng = random.Random(seed)
    source_mix = source_mix or {"online": 0.85, "paper": 0.15}
    view = survey_structure(survey=survey, lang="nl")
    kinds = {q.pk: q.kind for q in view.questions}
    process = survey.activity.phase.process
    groups = list(((process.plan_version.advice or {}).get("case") or {}).get("target_groups") or [])
    for _ in range(n):
        participant = Participant.objects.create(process=process, is_example=True)
        answers = random_answers(view.structure, rng, WORRIES, TIPS)
        source = rng.choices(list(source_mix), weights=list(source_mix.values()))[0]
        services.response_store(
            survey=survey,
            participant=participant,
            answers=answers,
            kinds=kinds,
            source=source,
            is_example=True,
        )
        profile = random_profile(rng, process.districts or [], groups)
        if profile:
            process_services.profile_save(participant=participant, **profile)
    return n
