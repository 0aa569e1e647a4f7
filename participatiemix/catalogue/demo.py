"""Demo data for `make run`: one local instrument and two experiences of the demo organisation (idempotent)."""

from __future__ import annotations

from django.db import transaction

from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.organisations.demo import demo_organisation

LOCAL = {
    "slug": "buurtsoep",
    "name_nl": "Buurtsoep",
    "name_en": "Neighbourhood soup",
    "summary_nl": "Bewoners koken samen soep in het buurthuis en praten over wat er in de buurt speelt. "
    "De wijkregisseur schuift aan en noteert de signalen.",
    "summary_en": "Residents cook soup together in the community centre and talk about what is going on in the "
    "neighbourhood. The neighbourhood coordinator joins and notes the signals.",
    "phases": ["agenda_setting", "evaluation"],
    "levels": ["consult"],
    "goals": ["identify_issues", "strengthen_community"],
    "reaches": ["elderly", "disengaged", "non_dutch_speakers"],
    "online": "offline",
    "cost_min_eur": 150,
    "cost_max_eur": 600,
    "contact_role": "wijkregisseur",
}
EXPERIENCES = [
    {
        "instrument_id": "burgerberaad",
        "where": "Hele gemeente, over de energietransitie",
        "when": "najaar 2024",
        "what_worked": "De gewogen tweede loting gaf een groep die op de gemeente leek. "
        "Deelnemers waardeerden de uitleg van deskundigen met verschillende standpunten.",
        "what_did_not": "De raad had vooraf niet vastgelegd hoe hij met de adviezen omgaat. "
        "Dat gaf achteraf discussie.",
        "contact_role": "programmamanager participatie",
    },
    {
        "instrument_id": "buurtsoep",
        "where": "Buurthuis De Ster, wijk Oost",
        "when": "voorjaar 2025",
        "what_worked": "Bewoners die nooit naar een inspraakavond komen, schoven wel aan.",
        "what_did_not": "",
        "contact_role": "wijkregisseur",
    },
]


def load(stdout) -> None:
    with transaction.atomic():
        org = demo_organisation()
        owned = {"organisation": org, "municipality": org.name}
        LocalInstrument.objects.update_or_create(slug=LOCAL["slug"], defaults=LOCAL | owned)
        for data in EXPERIENCES:
            Experience.objects.update_or_create(
                instrument_id=data["instrument_id"], where=data["where"], defaults=data | owned
            )
    stdout.write(f"Catalogus: 1 lokaal instrument en {len(EXPERIENCES)} ervaringen klaargezet.")
