"""Property tests: every valid generated case gives a valid advice; every broken case is refused with a
Dutch message that names the field."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import parse_case, parse_case_text
from participatiemix.mix.catalogue import DATA_DIR
from participatiemix.mix.errors import DataError
from participatiemix.mix.rules import forbidden
from participatiemix.mix.scoring import profile
from participatiemix.mix.vocabulary import load_vocabulary
from tests.mix.advice_schema import check_advice

VOCAB = load_vocabulary()
CATALOGUE = default_catalogue()
PHASES = VOCAB.ids("phases")
BASE = yaml.safe_load((DATA_DIR / "cases" / "aardgasvrij.yaml").read_text(encoding="utf-8"))


@st.composite
def phase_plans(draw):
    chosen = draw(st.lists(st.sampled_from(PHASES), min_size=1, max_size=5, unique=True))
    chosen.sort(key=PHASES.index)
    return [
        {
            "phase": phase,
            "goals": draw(st.lists(st.sampled_from(VOCAB.ids("goals")), min_size=1, max_size=3, unique=True)),
            "level": draw(st.sampled_from(VOCAB.ids("levels"))),
            **({"weeks": draw(st.integers(1, 30))} if draw(st.booleans()) else {}),
        }
        for phase in chosen
    ]


@st.composite
def valid_cases(draw):
    limits = {
        "budget_eur": draw(st.none() | st.integers(0, 300_000)),
        "weeks": draw(st.none() | st.integers(0, 120)),
        "staff_hours": draw(st.none() | st.integers(0, 5_000)),
        "online_only": draw(st.booleans()),
    }
    return {
        "title": "Gegenereerde casus",
        "policy_question": "Hoe betrekken we inwoners?",
        "scale": draw(st.sampled_from(VOCAB.ids("scales"))),
        "council": {
            "room": draw(st.sampled_from(VOCAB.ids("council_room"))),
            "frames_set": draw(st.booleans()),
            "decides": draw(st.booleans()),
        },
        "shared_mandate": draw(st.booleans()),
        "phases": draw(phase_plans()),
        "target_groups": draw(
            st.lists(st.sampled_from(VOCAB.ids("target_groups")), min_size=1, max_size=5, unique=True)
        ),
        "context": {
            "trust": draw(st.sampled_from(["low", "normal"])),
            "polarisation": draw(st.sampled_from(["low", "high"])),
        },
        "constraints": {k: v for k, v in limits.items() if v is not None},
        **(
            {"starting_instrument": draw(st.sampled_from(sorted(CATALOGUE.instruments)))} if draw(st.booleans()) else {}
        ),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_cases())
def test_every_valid_case_gives_a_valid_advice(data):
    case = parse_case(data)
    advice = advise(case, catalogue=CATALOGUE)
    profiles = {i.id: profile(i, VOCAB) for i in CATALOGUE}
    never = {plan.phase: {i for i, p in profiles.items() if forbidden(p, plan, case, VOCAB)} for plan in case.phases}
    check_advice(advice, CATALOGUE, never)
    codes = {w["code"] for w in advice["warnings"]}
    high = any(p.level in ("co_decide", "self_govern") for p in case.phases)
    limited = not case.council.decides or case.shared_mandate
    assert ("promise_exceeds_mandate" in codes) == (high and limited)
    above_inform = any(p.level != "inform" for p in case.phases)
    assert ("no_room_for_influence" in codes) == (case.council.room == "none" and above_inform)
    assert ("council_frames_missing" in codes) == (case.council.room == "open" and not case.council.frames_set)
    # Money and hours: the likely estimate decides, as in the preconditions (and the optimiser plans with it).
    est = advice["estimate"]
    assert est["cost_eur"][0] <= est["cost_likely_eur"] <= est["cost_eur"][1]
    assert est["staff_hours"][0] <= est["staff_hours_likely"] <= est["staff_hours"][1]
    pre = {p["id"]: p["ok"] for p in advice["preconditions"]}
    if case.constraints.budget_eur is not None:
        assert ("over_budget" in codes) == (est["cost_likely_eur"] > case.constraints.budget_eur)
        assert pre["budget"] == ("over_budget" not in codes)
    if case.constraints.staff_hours is not None:
        assert ("over_capacity" in codes) == (est["staff_hours_likely"] > case.constraints.staff_hours)
        assert pre["capacity"] == ("over_capacity" not in codes)
    if case.constraints.online_only:
        offline = {i.id for i in CATALOGUE if i.online == "offline"}
        assert not {i["id"] for p in advice["phases"] for i in p["instruments"]} & offline


# --- broken cases ------------------------------------------------------------------------------------


def _first_phase(d: dict) -> dict:
    """The first phase, or a throw-away dict when another breaker already emptied the list."""
    return d["phases"][0] if d.get("phases") else {}


def _council(d: dict) -> dict:
    return d["council"] if isinstance(d.get("council"), dict) else {}


BREAKERS = [
    ("title", lambda d: d.pop("title")),
    ("scale", lambda d: d.update(scale="wereld")),
    ("council.room", lambda d: _council(d).update(room="half")),
    ("council", lambda d: d.pop("council")),
    ("phases", lambda d: d.update(phases=[])),
    ("phases", lambda d: d.update(phases=list(reversed(d["phases"])))),
    ("phases[0].phase", lambda d: _first_phase(d).update(phase="uitstel")),
    ("phases[0].level", lambda d: _first_phase(d).update(level="alles")),
    ("phases[0].goals", lambda d: _first_phase(d).update(goals=[])),
    ("phases[0].goals", lambda d: _first_phase(d).update(goals=["geluk"])),
    ("phases[0].weeks", lambda d: _first_phase(d).update(weeks=-3)),
    ("target_groups", lambda d: d.update(target_groups=[])),
    ("target_groups", lambda d: d.update(target_groups=["marsmannetjes"])),
    ("constraints.budget_eur", lambda d: d["constraints"].update(budget_eur=-1)),
    ("constraints.weeks", lambda d: d["constraints"].update(weeks=-10)),
    ("constraints.staff_hours", lambda d: d["constraints"].update(staff_hours="veel")),
    ("context.trust", lambda d: d.update(context={"trust": "matig"})),
    ("starting_instrument", lambda d: d.update(starting_instrument="toverstaf")),
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(range(len(BREAKERS))), min_size=1, max_size=3, unique=True))
def test_every_broken_case_is_refused_naming_the_field(picks):
    data = copy.deepcopy(BASE)
    data.setdefault("constraints", {})
    for index in sorted(picks, reverse=True):  # item breakers before the list breakers
        BREAKERS[index][1](data)
    try:
        parse_case(data, instrument_ids=list(CATALOGUE.instruments))
    except DataError as exc:
        text = "\n".join(exc.messages)
        fields = {BREAKERS[i][0] for i in picks}
        # every message names a field, and at least one broken field is named
        assert all(": " in m for m in exc.messages)
        assert any(f in text for f in fields)
    else:  # pragma: no cover - a breaker that does not break is a defect of this test
        raise AssertionError(f"not refused: {[BREAKERS[i][0] for i in picks]}")


def test_a_document_that_is_not_a_case_is_refused():
    for text in ("- een\n- lijst\n", "gewoon tekst", "{title: x"):
        try:
            parse_case_text(text, "x.yaml")
        except DataError as exc:
            assert exc.messages[0].startswith("x.yaml: ")
        else:
            raise AssertionError(text)


def test_a_promise_above_the_room_is_valid_input_with_a_warning():
    data = copy.deepcopy(BASE)
    data["council"]["room"] = "none"
    case = parse_case(data)
    codes = {w["code"] for w in advise(case, catalogue=CATALOGUE)["warnings"]}
    assert "no_room_for_influence" in codes


def test_a_phase_where_only_informers_fit_gets_one_format_not_an_error():
    """Found by the property test: online only, informing level, a goal other than informing. Only informing
    formats fit and one of them is enough, so the phase cannot have two; the advice still comes."""
    data = {
        "title": "Alleen informeren",
        "policy_question": "Hoe betrekken we inwoners?",
        "scale": "neighbourhood",
        "council": {"room": "open", "frames_set": False, "decides": False},
        "phases": [{"phase": "implementation", "goals": ["build_support"], "level": "inform"}],
        "target_groups": ["all_residents"],
        "constraints": {"online_only": True},
    }
    advice = advise(parse_case(data, instrument_ids=list(CATALOGUE.instruments)), catalogue=CATALOGUE)
    check_advice(advice, CATALOGUE)
    assert len(advice["phases"][0]["instruments"]) == 1
