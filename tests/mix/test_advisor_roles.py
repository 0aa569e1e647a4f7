"""Roles within a phase's mix: one informer (two where informing is the goal), informing close by when trust
is low, a walk-through only for a question about a place."""

from __future__ import annotations

import pytest

from participatiemix.mix import scoring
from participatiemix.mix.advisor import _profiles, advise, default_catalogue
from participatiemix.mix.case import load_case, parse_case
from participatiemix.mix.catalogue import DATA_DIR
from participatiemix.mix.scoring import HARD_TO_REACH
from participatiemix.mix.vocabulary import load_vocabulary

CASES = sorted((DATA_DIR / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="module")
def roles(catalogue):
    return {p.id: p for p in _profiles(catalogue, load_vocabulary())}


def test_informer_roles_follow_the_attributes(roles):
    assert roles["informatiecampagne"].inform_role == "mass"
    assert roles["informatiebijeenkomst"].inform_role == "personal"
    assert roles["informatiepunt"].inform_role == "personal"
    assert roles["terugkoppelavond"].inform_role == "account"
    assert roles["energiecoaches"].inform_role == ""  # coaches co-produce; informing is not all they do
    assert roles["wijkschouw"].walk and not roles["straatgesprek"].walk
    assert roles["enquete"].survey and not roles["dialoogtafels"].survey


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_one_informer_per_phase_two_where_informing_is_the_goal(path, catalogue, roles):
    advice = advise(load_case(path, instrument_ids=list(catalogue.instruments)), catalogue=catalogue)
    for phase in advice["phases"]:
        ids = [i["id"] for i in phase["instruments"]]
        informers = [i for i in ids if roles[i].inform_role in ("mass", "personal")]
        assert len(informers) <= (2 if "inform_residents" in phase["goals"] else 1), (phase["phase"], informers)
        assert sum(roles[i].inform_role == "account" for i in ids) <= 1
        assert sum(roles[i].survey for i in ids) <= 1


def _road(trust: str, groups: list[str], text: str = "de Stationsweg in de wijk") -> dict:
    return {
        "title": "Werkzaamheden",
        "policy_question": f"Hoe informeren we inwoners over de werkzaamheden aan {text}?",
        "scale": "municipality",
        "council": {"room": "bounded", "frames_set": True},
        "phases": [{"phase": "implementation", "goals": ["inform_residents", "build_support"], "level": "consult"}],
        "target_groups": groups,
        "context": {"trust": trust},
    }


def _mix(doc: dict, catalogue, phase: str | None = None) -> set[str]:
    advice = advise(parse_case(doc, instrument_ids=list(catalogue.instruments)), catalogue=catalogue)
    return {i["id"] for p in advice["phases"] if phase in (None, p["phase"]) for i in p["instruments"]}


def test_low_trust_informs_close_by_instead_of_a_campaign(catalogue):
    # Everyone in the municipality must hear of it: a campaign (a letter to every household) belongs in the mix.
    assert "informatiecampagne" in _mix(_road("normal", ["all_residents", "directly_affected", "elderly"]), catalogue)
    # The residents along the road, with low trust: a desk and small meetings nearby, no campaign.
    low = _mix(_road("low", ["directly_affected", "elderly"]), catalogue)
    assert "informatiecampagne" not in low
    assert {"informatiepunt", "informatiebijeenkomst"} <= low


def test_walk_through_only_for_a_question_about_a_place(catalogue):
    doc = {
        "title": "Inkomensregelingen",
        "policy_question": "Welke regelingen helpen inwoners met een laag inkomen het best?",
        "scale": "municipality",
        "council": {"room": "bounded", "frames_set": True},
        "phases": [{"phase": "agenda_setting", "goals": ["identify_issues", "gather_knowledge"], "level": "consult"}],
        "target_groups": ["directly_affected", "elderly", "low_literacy"],
    }
    assert "wijkschouw" not in _mix(doc, catalogue)
    doc["policy_question"] = "Wat moet er beter aan het park en de straten in onze wijk?"
    assert "wijkschouw" in _mix(doc, catalogue)


def test_naming_districts_does_not_make_a_technology_choice_a_place_question(catalogue):
    from participatiemix.mix.scoring import case_view

    vocab = load_vocabulary()
    doc = {
        "title": "Warmte",
        "policy_question": "Welk alternatief voor aardgas kiezen we per wijk: warmtenet, all-electric of groen gas?",
        "scale": "municipality",
        "council": {"room": "open", "frames_set": True},
        "phases": [{"phase": "agenda_setting", "goals": ["identify_issues", "gather_knowledge"], "level": "consult"}],
        "target_groups": ["all_residents", "homeowners", "tenants"],
    }
    ids = list(default_catalogue().instruments)
    assert not case_view(parse_case(doc, instrument_ids=ids), vocab).place_question
    doc["policy_question"] = "Hoe richten we de openbare ruimte per wijk in: groenbeheer, verkeer en parkeren?"
    assert case_view(parse_case(doc, instrument_ids=ids), vocab).place_question
    doc["scale"] = "district"  # a question at district scale is about that place
    doc["policy_question"] = "Welk alternatief voor aardgas kiezen we in deze wijk?"
    assert case_view(parse_case(doc, instrument_ids=ids), vocab).place_question


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_report_back_evening_is_the_council_accounting_not_hearing(path, catalogue, roles):
    advice = advise(load_case(path, instrument_ids=list(catalogue.instruments)), catalogue=catalogue)
    accounting = {roles[i["id"]].inst.label("nl") for p in advice["phases"] for i in p["instruments"]}
    accounting = {
        name
        for name in accounting
        if any(r.inst.label("nl") == name and r.inform_role == "account" for r in roles.values())
    }
    for moment in advice["council_moments"]:
        named = {name for name in accounting if name in moment["message"]}
        if named:
            assert moment["moment"] == "account", (moment, named)


def test_council_moments_name_the_report_back_as_account():
    from participatiemix.mix.council import council_moments

    catalogue = default_catalogue()
    vocab = load_vocabulary()
    profiles = {p.id: p for p in _profiles(catalogue, vocab)}
    case = parse_case(
        {
            "title": "Evaluatie",
            "policy_question": "Hoe kijken inwoners terug op de wijkaanpak?",
            "scale": "district",
            "council": {"room": "bounded", "frames_set": True},
            "phases": [{"phase": "evaluation", "goals": ["monitor_evaluate"], "level": "consult"}],
            "target_groups": ["all_residents"],
        },
        instrument_ids=list(catalogue.instruments),
    )
    mix = {"evaluation": [profiles["terugkoppelavond"], profiles["werkbezoek_raad"]]}
    moments = [(m["moment"], m["message"]) for m in council_moments(case, mix, vocab, "nl")]
    assert not [m for m, text in moments if m == "hear" and "Terugkoppelavond" in text]
    assert [m for m, text in moments if m == "account" and "Terugkoppelavond" in text]
    assert [m for m, text in moments if m == "hear" and "Werkbezoek" in text]


def test_how_a_format_makes_contact_counts_in_likeness(roles):
    """A desk and home visits reach the same residents but one waits and one goes out: not look-alikes. Two
    formats that both go out to the same groups are (at most one outreach format for them per phase)."""
    from participatiemix.mix.advisor import _features
    from participatiemix.mix.case import PhasePlan
    from participatiemix.mix.optimiser import SIMILARITY_FLOOR, Candidate, similarity

    plan = PhasePlan(phase="implementation", goals=["inform_residents", "strengthen_community"], level="consult")

    def candidate(id_: str) -> Candidate:
        features = _features(roles[id_], plan)
        return Candidate(id_, 0.5, frozenset(), frozenset(), 0, 0, True, features=features)

    assert similarity(candidate("keukentafelgesprek"), candidate("informatiepunt")) < SIMILARITY_FLOOR
    assert similarity(candidate("keukentafelgesprek"), candidate("sleutelfiguren")) >= SIMILARITY_FLOOR
    assert similarity(candidate("keukentafelgesprek"), candidate("straatgesprek")) >= SIMILARITY_FLOOR


def test_weighing_interests_within_frames_favours_tables_over_a_drawn_assembly(catalogue, roles):
    from participatiemix.mix.scoring import case_view, fit

    vocab = load_vocabulary()
    doc = {
        "title": "Koers voor het centrum",
        "policy_question": "Welke koers kiezen we voor wonen, winkels en evenementen in de gemeente?",
        "scale": "municipality",
        "council": {"room": "bounded", "frames_set": True},
        "phases": [{"phase": "policy_preparation", "goals": ["weigh_options", "build_support"], "level": "advise"}],
        "target_groups": ["all_residents", "entrepreneurs", "organisations"],
    }

    def score(document: dict, id_: str) -> float:
        case = parse_case(document, instrument_ids=list(catalogue.instruments))
        return fit(roles[id_], case.phases[0], case, vocab, view=case_view(case, vocab)).score

    assert roles["dialoogtafels"].tables and roles["burgerberaad"].assembly
    assert "dialoogtafels" in _mix(doc, catalogue)
    bounded_tables, bounded_assembly = score(doc, "dialoogtafels"), score(doc, "burgerberaad")
    open_room = {**doc, "council": {"room": "open", "frames_set": True}}
    assert bounded_tables > score(open_room, "dialoogtafels")
    assert bounded_assembly < score(open_room, "burgerberaad")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_young_people_named_are_sought_out_in_every_phase_that_gathers_input(path, catalogue, roles):
    """A focus group said to reach every group does not count as seeking out young people: where youth is a
    target group, each phase that prepares policy with their input has a format made for them."""
    case = load_case(path, instrument_ids=list(catalogue.instruments))
    if "youth" not in case.target_groups or case.constraints.budget_eur is not None or case.constraints.online_only:
        return  # with a budget the means decide; online only, nobody can be sought out in person
    advice = advise(case, catalogue=catalogue)
    for phase in advice["phases"]:
        gathers = {"identify_issues", "gather_knowledge", "weigh_options", "improve_quality"} & set(phase["goals"])
        if not gathers or phase["phase"] not in ("agenda_setting", "policy_preparation"):
            continue
        seekers = {i["id"] for i in phase["instruments"] if "youth" in i["reaches"] and roles[i["id"]].seeks_out}
        generalist = {i for i in seekers if len(roles[i].reaches & HARD_TO_REACH) >= 4}
        assert seekers - generalist, (path.stem, phase["phase"])


def test_a_street_pop_up_complements_the_village_conversation_for_people_who_skip_meetings(catalogue, monkeypatch):
    """A village conversation is a meeting people must come to; where everyone is a target group, a pop-up in
    the street goes to where they already are. Both belong in agenda setting, beside the village council and the
    youth session; without the rule a survey takes the pop-up's place."""
    doc = {
        "title": "Toekomst van de dorpen",
        "policy_question": "Wat maakt elk dorp uniek en wat is nodig om er over tien jaar prettig te wonen?",
        "scale": "village",
        "council": {"room": "open", "frames_set": True, "decides": True, "notes": "Elk dorp heeft een dorpsraad."},
        "phases": [
            {"phase": "agenda_setting", "goals": ["identify_issues", "gather_knowledge"], "level": "consult"},
            {"phase": "policy_preparation", "goals": ["weigh_options", "improve_quality"], "level": "advise"},
            {"phase": "decision_making", "goals": ["build_support", "strengthen_trust"], "level": "consult"},
        ],
        "target_groups": ["all_residents", "youth", "elderly", "entrepreneurs", "organisations"],
    }
    assert {"wijkgesprek", "straatgesprek", "jongerensessie", "wijkraad"} <= _mix(doc, catalogue, "agenda_setting")
    monkeypatch.setattr(scoring, "STREET_BONUS", 0.0)
    assert "straatgesprek" not in _mix(doc, catalogue, "agenda_setting")
