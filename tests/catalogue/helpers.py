"""Local knowledge rows for tests, owned by an organisation."""

from __future__ import annotations

from participatiemix.catalogue.models import Experience, LocalInstrument


def make_local(organisation, **overrides) -> LocalInstrument:
    data = {
        "slug": "buurtsoep",
        "name_nl": "Buurtsoep",
        "name_en": "Neighbourhood soup",
        "summary_nl": "Samen soep eten en praten over de buurt.",
        "phases": ["agenda_setting"],
        "levels": ["consult"],
        "goals": ["identify_issues"],
        "reaches": ["elderly"],
        "online": "offline",
        "cost_min_eur": 100,
        "cost_max_eur": 800,
        "municipality": organisation.name,
        "contact_role": "wijkregisseur",
        "organisation": organisation,
    }
    data.update(overrides)
    return LocalInstrument.objects.create(**data)


def make_experience(organisation, **overrides) -> Experience:
    data = {
        "instrument_id": "burgerberaad",
        "municipality": organisation.name,
        "where": "Binnenstad",
        "when": "najaar 2024",
        "what_worked": "Loting gaf een gemengde groep.",
        "what_did_not": "",
        "contact_role": "programmamanager",
        "organisation": organisation,
    }
    data.update(overrides)
    return Experience.objects.create(**data)
