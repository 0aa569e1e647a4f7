"""Demo data for `make run`: two zelfscan rounds of Voorbeeldgemeente with generated, anonymous responses.

The rounds belong to the demo organisation (organisations/demo.py), whose beheerder is the demo user.

Deterministic (fixed seed) and idempotent: a round that already exists (same municipality and title) is left
alone. `fill_round` is also used by the tests and the benchmark to create many responses quickly.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from participatiemix.organisations.demo import demo_organisation
from participatiemix.scan import services
from participatiemix.scan.models import Answer, OpenAnswer, Response, RoundGroup, ScanRound

MUNICIPALITY = "Voorbeeldgemeente"

# How each group tends to score a dimension (1-5). Council and college see themselves more positively
# than residents do: the usual pattern, which makes the "largest gaps" table worth reading.
TENDENCY = {
    "council": {"representative": 4.0, "participation": 3.6, "responded_to": 3.7, "organisation": 3.4},
    "executive": {"representative": 3.9, "participation": 3.8, "organisation": 3.6, "responded_to": 3.8},
    "staff": {"organisation": 2.8, "inclusion": 2.9, "participation": 3.3, "responded_to": 3.0},
    "residents": {"representative": 2.6, "participation": 2.7, "responded_to": 2.3, "like_to": 3.6, "can_do": 3.4},
}
BASE = 3.2

OPEN_TEXTS = {
    "open_good": [
        "De wijkavonden zijn gezellig en je hoort wat er speelt.",
        "Het buurtbudget werkt goed, we hebben een speeltuin gemaakt.",
        "Ambtenaren komen langs als je een vraag hebt.",
        "Het dorpshuis is een fijne plek om elkaar te ontmoeten.",
        "De wethouder komt naar de wijk en luistert.",
        "Verenigingen werken goed samen met de gemeente.",
        "Het buurtbudget geeft ons echt ruimte.",
        "De raad organiseert rondetafelgesprekken, dat is goed.",
    ],
    "open_better": [
        "Laat weten wat er met onze inbreng is gedaan.",
        "Terugkoppeling na een avond ontbreekt vaak.",
        "Jongeren worden bijna nooit gevraagd.",
        "Vraag jongeren via school en sport mee te denken.",
        "De brieven van de gemeente zijn moeilijk te lezen.",
        "Schrijf brieven in gewone taal, zonder moeilijke woorden.",
        "Betrek inwoners eerder, niet pas als alles al vastligt.",
        "Te vaak is het besluit al genomen voordat we mogen meepraten.",
        "Meer tijd en geld voor participatie bij de ambtenaren.",
        "Laat weten wat er met de uitkomst is gedaan.",
    ],
    "open_idea": [
        "Een burgerberaad over de energietransitie.",
        "Loting voor een burgerberaad over wonen.",
        "Een vast spreekuur van de raad in elk dorp.",
        "Een app om ideeën voor de buurt te delen.",
        "Een jongerenraad die de raad advies geeft.",
        "Jongeren een eigen budget geven voor hun plek.",
    ],
}

DEMO_ROUNDS = (
    # title, opens (days from today), closes (days from today), responses per group, seed, shift
    (
        "Zelfscan lokale democratie (vorig jaar)",
        -380,
        -350,
        {"council": 14, "executive": 4, "staff": 30, "residents": 95},
        7,
        -0.3,
    ),
    ("Zelfscan lokale democratie", -14, 14, {"council": 17, "executive": 6, "staff": 42, "residents": 160}, 11, 0.0),
)


def load(stdout) -> None:
    today = timezone.localdate()
    organisation = demo_organisation()
    created = 0
    for title, opens, closes, counts, seed, shift in DEMO_ROUNDS:
        if ScanRound.objects.filter(organisation=organisation, municipality=MUNICIPALITY, title=title).exists():
            continue
        with transaction.atomic():
            scan_round = services.round_create(
                organisation=organisation,
                municipality=MUNICIPALITY,
                title=title,
                groups=list(counts),
                opens_on=today + dt.timedelta(days=opens),
                closes_on=today + dt.timedelta(days=closes),
                custom_questions=[
                    services.CustomQuestionInput(text="De gemeente legt de plannen voor het centrum duidelijk uit.")
                ],
            )
            fill_round(scan_round=scan_round, counts=counts, seed=seed, shift=shift)
            if closes < 0:
                services.round_close(scan_round=scan_round)
        created += 1
    stdout.write(f"Zelfscan: {created} voorbeeldronde(s) voor {MUNICIPALITY} aangemaakt.")


def _value(rng: random.Random, mean: float) -> int | None:
    if rng.random() < 0.08:
        return None  # "weet ik niet"
    return min(5, max(1, round(rng.gauss(mean, 0.9))))


@transaction.atomic
def fill_round(
    *, scan_round: ScanRound, counts: Mapping[str, int], seed: int = 1, shift: float = 0.0, open_rate: float = 0.35
) -> int:
    """Add generated responses (bulk inserts); returns how many responses were made."""
    rng = random.Random(seed)
    q = scan_round.questionnaire
    groups = {g.group: g for g in RoundGroup.objects.filter(round=scan_round)}
    customs = list(scan_round.custom_questions.all())
    dimension_of = {i.id: d.id for d in q.dimensions for i in d.items}
    submitted_on = min(max(scan_round.opens_on, timezone.localdate()), scan_round.closes_on)
    made = 0
    for group, count in counts.items():
        round_group = groups.get(group)
        if round_group is None or count <= 0:
            continue
        responses = Response.objects.bulk_create(
            Response(round_group=round_group, submitted_on=submitted_on, questionnaire_version=q.version)
            for _ in range(count)
        )
        answers, texts = [], []
        tendency = TENDENCY.get(group, {})
        for response in responses:
            for item, dimension in dimension_of.items():
                if rng.random() < 0.04:
                    continue  # skipped
                mean = tendency.get(dimension, BASE) + shift
                answers.append(Answer(response=response, item=item, value=_value(rng, mean)))
            for custom in customs:
                if custom.kind == "likert":
                    answers.append(Answer(response=response, item=custom.key, value=_value(rng, BASE + shift)))
            for question, pool in OPEN_TEXTS.items():
                if rng.random() < open_rate:
                    texts.append(OpenAnswer(response=response, question=question, text=rng.choice(pool)))
        Answer.objects.bulk_create(answers, batch_size=5000)
        OpenAnswer.objects.bulk_create(texts, batch_size=5000)
        made += len(responses)
    return made
