"""Behaviour of advise(): hard rules, choices, language, determinism and resource warnings."""

from __future__ import annotations

import copy

import pytest
import yaml

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import parse_case
from participatiemix.mix.catalogue import DATA_DIR
from participatiemix.mix.errors import DataError
from tests.mix.advice_schema import check_advice

CASES = DATA_DIR / "cases"


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


def raw(name: str) -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def ids(advice: dict, phase: str | None = None) -> set[str]:
    return {i["id"] for p in advice["phases"] if phase in (None, p["phase"]) for i in p["instruments"]}


def codes(advice: dict) -> set[str]:
    return {w["code"] for w in advice["warnings"]}


def test_demo_case_gives_a_mix_per_phase_with_reasons(catalogue):
    advice = advise(parse_case(raw("aardgasvrij")), catalogue=catalogue)
    check_advice(advice, catalogue)
    council = {"rondetafelgesprek", "werkbezoek_raad", "inspreekrecht"}
    for phase in advice["phases"]:
        ids = [i["id"] for i in phase["instruments"]]
        # Two to four formats; the council's own hearing may come on top where the council listens (in the
        # decision phase the hearing and an information meeting are the pair).
        assert len(ids) >= 2 and 1 <= len([i for i in ids if i not in council]) <= 4
        assert len([i for i in ids if i in council]) <= 1
    decision = next(p for p in advice["phases"] if p["phase"] == "decision_making")
    # The report-back evening accounts after the decision: with an implementation phase it is no decision format.
    assert "terugkoppelavond" not in [i["id"] for i in decision["instruments"]]
    assert "terugkoppelavond" in [i["id"] for i in decision["not_suitable"]]
    # The plan fits the money and hours given, at the likely cost the plan itself states.
    est = advice["estimate"]
    assert est["cost_likely_eur"] <= 80_000 and est["staff_hours_likely"] <= 900
    assert not {"over_budget", "over_capacity"} & {w["code"] for w in advice["warnings"]}
    implementation = next(p for p in advice["phases"] if p["phase"] == "implementation")
    assert "bewonerscooperatie" in [r["id"] for r in implementation["richer_options"]]
    first = advice["phases"][0]["instruments"][0]
    assert any(r.startswith("Past bij") for r in first["reasons"])
    assert advice["summary"]


def test_advice_is_deterministic(catalogue):
    case = parse_case(raw("de_bilt_omgevingsvisie_2040"))
    assert advise(case, catalogue=catalogue) == advise(case, catalogue=catalogue)


def test_english_advice_has_english_texts(catalogue):
    advice = advise(parse_case(raw("aardgasvrij")), catalogue=catalogue, lang="en")
    reasons = " ".join(r for p in advice["phases"] for i in p["instruments"] for r in i["reasons"])
    assert "Serves" in reasons and "Past bij" not in reasons
    assert all(w["message"] and "raad" not in w["message"] for w in advice["warnings"])


def test_no_vote_when_the_decision_is_taken(catalogue):
    data = raw("aardgasvrij")
    data["council"]["room"] = "none"
    data["phases"][2]["goals"] = ["share_decision"]
    data["phases"][2]["level"] = "co_decide"
    advice = advise(parse_case(data), catalogue=catalogue)
    votes = {i.id for i in catalogue if i.vote}
    assert not ids(advice) & votes
    assert "no_room_for_influence" in codes(advice)
    blocker = [w for w in advice["warnings"] if w["code"] == "no_room_for_influence"]
    assert blocker[0]["severity"] == "blocker"
    room = next(p for p in advice["preconditions"] if p["id"] == "room_for_influence")
    assert room["ok"] is False


def test_vote_allowed_for_a_budget_the_residents_divide(catalogue):
    advice = advise(parse_case(raw("den_haag_bezuidenhout_begroot_2020")), catalogue=catalogue)
    assert "burgerbegroting" in ids(advice, "decision_making")


def test_no_vote_with_a_shared_mandate(catalogue):
    data = raw("den_haag_bezuidenhout_begroot_2020")
    data["shared_mandate"] = True
    advice = advise(parse_case(data), catalogue=catalogue)
    assert not ids(advice) & {i.id for i in catalogue if i.vote}
    assert "promise_exceeds_mandate" in codes(advice)


def test_online_only_case_gets_no_offline_formats(catalogue):
    advice = advise(parse_case(raw("online_wmo_beleid")), catalogue=catalogue)
    offline = {i.id for i in catalogue if i.online == "offline"}
    assert ids(advice) and not ids(advice) & offline


def test_choices_include_exclude_and_refuse(catalogue):
    case = parse_case(raw("aardgasvrij"))
    base = advise(case, catalogue=catalogue)
    first = base["phases"][1]["instruments"][0]["id"]
    choices = {
        "policy_preparation": {"include": ["focusgroep"], "exclude": [first]},
        "decision_making": {"include": ["referendum"]},
    }
    advice = advise(case, catalogue=catalogue, choices=choices)
    prep = ids(advice, "policy_preparation")
    assert "focusgroep" in prep and first not in prep
    focus = next(i for i in advice["phases"][1]["instruments"] if i["id"] == "focusgroep")
    assert focus["reasons"][0] == "U heeft dit instrument zelf gekozen"
    assert any(
        a["id"] == first and a["why_not"] == "U heeft dit instrument weggehaald"
        for a in advice["phases"][1]["alternatives"]
    )
    assert "referendum" not in ids(advice)
    refused = [w for w in advice["warnings"] if w["severity"] == "info" and w["phase"] == "decision_making"]
    assert refused and "Referendum" in refused[0]["message"]
    assert advice["phases"][2]["refused"][0]["id"] == "referendum"


@pytest.mark.parametrize(
    "choices, field",
    [
        ({"evaluation": {"include": ["enquete"]}}, "choices.evaluation"),
        ({"agenda_setting": {"include": ["bestaat_niet"]}}, "choices.agenda_setting.include[0]"),
        ({"agenda_setting": {"keep": []}}, "choices.agenda_setting"),
        ({"agenda_setting": {"include": "enquete"}}, "choices.agenda_setting.include"),
        (["enquete"], "choices"),
    ],
)
def test_bad_choices_are_refused_with_the_field(catalogue, choices, field):
    with pytest.raises(DataError) as err:
        advise(parse_case(raw("aardgasvrij")), catalogue=catalogue, choices=choices)
    assert err.value.messages[0].startswith(field + ":")


def test_resource_warnings_follow_the_limits(catalogue):
    data = raw("aardgasvrij")
    data["constraints"] = {"budget_eur": 100, "weeks": 2, "staff_hours": 5}
    advice = advise(parse_case(data), catalogue=catalogue)
    assert {"over_budget", "over_time", "over_capacity"} <= codes(advice)
    assert sorted(advice["relaxed_limits"]) == ["budget", "staff", "time"]
    roomy = copy.deepcopy(data)
    roomy["constraints"] = {"budget_eur": 10_000_000, "weeks": 1000, "staff_hours": 100_000}
    assert not {"over_budget", "over_time", "over_capacity"} & codes(advise(parse_case(roomy), catalogue=catalogue))


def test_budget_limit_is_respected_when_possible(catalogue):
    data = raw("aardgasvrij")
    data["constraints"] = {"budget_eur": 30_000}
    advice = advise(parse_case(data), catalogue=catalogue)
    assert advice["estimate"]["cost_eur"][0] <= 30_000
    assert "over_budget" not in codes(advice)


def test_target_group_not_reached_names_the_group(catalogue):
    data = raw("evaluatie_wijkaanpak")
    data["target_groups"] = ["disabilities"]
    data["constraints"] = {"online_only": False}
    advice = advise(parse_case(data), catalogue=catalogue)
    if advice["coverage"]["uncovered"]:
        assert "target_group_not_reached" in codes(advice)
    else:
        assert "target_group_not_reached" not in codes(advice)


def test_instrumental_approach_only_when_the_instrument_does_not_serve(catalogue):
    bad = raw("referendum_zoekt_onderwerp")
    assert "instrumental_approach" in codes(advise(parse_case(bad), catalogue=catalogue))
    good = raw("amersfoort_g1000_2014")
    advice = advise(parse_case(good), catalogue=catalogue)
    assert "instrumental_approach" not in codes(advice)
    assert "burgertop" in ids(advice, "agenda_setting")


def test_requirements_and_estimate(catalogue):
    advice = advise(parse_case(raw("waterschap_dijkversterking")), catalogue=catalogue)
    assert any("andere partij" in line for line in advice["requirements"]["preconditions"])
    for kind in ("competences", "council", "internal_organisation"):
        items = advice["requirements"][kind]
        assert items and len(items) == len(set(items))
    low, high = advice["estimate"]["cost_eur"]
    assert 0 < low <= high


def test_council_moments_follow_the_roles(catalogue):
    advice = advise(parse_case(raw("deventer_wijd_uitdaagrecht")), catalogue=catalogue)
    moments = {m["moment"] for m in advice["council_moments"]}
    assert "decide" not in moments  # the executive decides on the challenge, not the council
    assert {"set_frames", "inform", "account", "evaluate"} <= moments


@pytest.mark.parametrize("word", ["dorpsbudget", "wijkfonds", "buurtbudget"])
def test_a_place_budget_named_in_the_case_is_the_neighbourhood_budget(catalogue, word):
    doc = raw("buurtbudget_dorpskern")
    doc["title"] = "Geld voor plannen van inwoners"
    doc["policy_question"] = f"Aan welke plannen van inwoners besteden we het {word}?"
    doc["council"]["notes"] = "De raad heeft de spelregels vastgesteld."
    assert "buurtbudget" in ids(advise(parse_case(doc), catalogue=catalogue), "implementation")


def test_without_a_named_budget_self_management_may_win_the_tie(catalogue):
    doc = raw("buurtbudget_dorpskern")
    doc["title"] = "Plannen van inwoners"
    doc["policy_question"] = "Welke plannen van inwoners voeren we uit, en hoe doen inwoners dat zelf?"
    doc["council"]["notes"] = "De raad heeft de spelregels vastgesteld."
    assert "buurtbudget" not in ids(advise(parse_case(doc), catalogue=catalogue), "implementation")


def test_a_richer_option_is_left_out_for_money_or_hours_not_for_fit():
    """A format offered as 'with more money or time' must not at the same time be called a poor fit."""
    case = parse_case(yaml.safe_load((CASES / "aardgasvrij.yaml").read_text(encoding="utf-8")))
    advice = advise(case)
    means = {"Past niet binnen het budget", "Vraagt meer ambtelijke uren dan er zijn"}
    checked = 0
    for phase in advice["phases"]:
        why_not = {a["id"]: a["why_not"] for a in phase["alternatives"]}
        for option in phase.get("richer_options", []):
            if option["id"] in why_not:
                assert why_not[option["id"]] in means, (phase["phase"], option["id"], why_not[option["id"]])
                checked += 1
    assert checked >= 2
