"""Curated catalogue entries (first half): every file validates and its attributes stay true to the domain.

The checks below encode facts from the domain brief and the expert expectations in
/work/shared/examples, so that an edit that makes an instrument claim something it
cannot keep (a referendum for agenda setting, an online tool that reaches people
with low literacy) fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from participatiemix.mix.catalogue import INSTRUMENTS_DIR, Instrument, parse_instrument
from participatiemix.mix.vocabulary import load_vocabulary

IDS = [
    "wijkraad",
    "burgertop",
    "online_forum",
    "online_agenderen",
    "crowdsourcing",
    "enquete",
    "referendum",
    "informatiebijeenkomst",
    "inspraakavond",
    "wijkgesprek",
    "burgerbegroting",
    "right_to_challenge",
    "burgerpanel",
    "focusgroep",
    "klankbordgroep",
    "ontwerpatelier",
    "wijkschouw",
    "buurtbudget",
    "jongerenraad",
    "burgerinitiatief",
]

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS_DIR = ROOT / "tests" / "mix" / "expectations"
CASES_DIR = ROOT / "participatiemix" / "data" / "cases"


def load(id_: str) -> Instrument:
    path = INSTRUMENTS_DIR / f"{id_}.yaml"
    return parse_instrument(yaml.safe_load(path.read_text(encoding="utf-8")), f"instruments/{path.name}")


@pytest.fixture(scope="module")
def instruments() -> dict[str, Instrument]:
    return {id_: load(id_) for id_ in IDS}


@pytest.mark.parametrize("id_", IDS)
def test_file_validates_and_id_matches_file_name(id_: str) -> None:
    assert load(id_).id == id_


def test_every_id_is_a_vocabulary_instrument() -> None:
    assert set(IDS) <= set(load_vocabulary().ids("instruments"))


@pytest.mark.parametrize("id_", IDS)
def test_quality_bar(id_: str, instruments: dict[str, Instrument]) -> None:
    inst = instruments[id_]
    assert len(inst.risks) >= 2
    assert all(s.url.startswith("https://") or s.url.startswith("http://") for s in inst.sources)
    for heading in ("competences", "preconditions", "council", "internal_organisation"):
        assert getattr(inst.requirements, heading), f"{id_}: requirements.{heading} is empty"
    assert inst.summary.nl != inst.summary.en
    assert 0 < len(inst.goals) <= 6
    assert inst.legal_basis is not None


def test_online_tools_do_not_claim_offline_reliant_groups(instruments: dict[str, Instrument]) -> None:
    offline_reliant = set(load_vocabulary().offline_reliant_groups)
    for inst in instruments.values():
        if inst.online == "online":
            assert not offline_reliant & set(inst.reaches), inst.id
            assert "low_literacy" in inst.misses, inst.id


def test_only_voting_instruments_have_vote(instruments: dict[str, Instrument]) -> None:
    assert {i.id for i in instruments.values() if i.vote} == {"referendum", "burgerbegroting"}


def test_referendum_is_an_advisory_vote_at_decision_time(instruments: dict[str, Instrument]) -> None:
    ref = instruments["referendum"]
    assert ref.phases == ["decision_making"]
    assert ref.levels == ["consult"]
    assert ref.selection == ["all_eligible"]
    assert ref.context.high_polarisation == -1


def test_informing_instrument_promises_no_more_than_consultation(instruments: dict[str, Instrument]) -> None:
    info = instruments["informatiebijeenkomst"]
    assert info.levels[0] == "inform"
    assert set(info.levels) <= {"inform", "consult"}
    assert "agenda_setting" not in info.phases
    assert info.goals["inform_residents"] == 3


def test_all_residents_only_where_a_broad_cross_section_is_reached(instruments: dict[str, Instrument]) -> None:
    broad = {"sortition", "all_eligible"}
    for inst in instruments.values():
        if "all_residents" in inst.reaches:
            assert broad & set(inst.selection), inst.id


def test_doe_democracy_instruments_sit_in_implementation(instruments: dict[str, Instrument]) -> None:
    for id_ in ("right_to_challenge", "buurtbudget"):
        inst = instruments[id_]
        assert inst.phases == ["implementation"]
        assert "self_govern" in inst.levels
        assert inst.democracy_forms == ["do_democracy"]


def test_participatory_budgeting_is_co_decision_with_a_vote(instruments: dict[str, Instrument]) -> None:
    pb = instruments["burgerbegroting"]
    assert pb.levels == ["co_decide"]
    assert "decision_making" in pb.phases
    assert pb.goals["share_decision"] == 3
    assert pb.online == "hybrid"


def _expected_pairs() -> list[tuple[str, str, str | None]]:
    pairs = []
    for path in sorted(EXPECTATIONS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("must_include", []):
            if entry["id"] in IDS:
                pairs.append((path.stem, entry["id"], entry.get("phase")))
    return pairs


@pytest.mark.parametrize(("case", "id_", "phase"), _expected_pairs())
def test_expert_expectation_is_possible(case: str, id_: str, phase: str | None, instruments) -> None:
    inst = instruments[id_]
    if phase is not None:
        assert phase in inst.phases, f"{case}: {id_} must fit phase {phase}"
    data = yaml.safe_load((CASES_DIR / f"{case}.yaml").read_text(encoding="utf-8"))
    if (data.get("constraints") or {}).get("online_only"):
        assert inst.online in {"online", "hybrid"}, f"{case}: {id_} must be usable online"
    assert data["scale"] in inst.scales, f"{case}: {id_} must fit scale {data['scale']}"


def test_expectation_files_mention_this_half_of_the_catalogue() -> None:
    # Guards the test above against silently checking nothing.
    assert len(_expected_pairs()) >= 15
