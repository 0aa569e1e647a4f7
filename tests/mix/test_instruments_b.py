"""Curated catalogue entries (second half): every file validates and its attributes stay true to the domain.

The assertions encode facts from the domain brief (DOMAIN.md §3, §5, §7, §8) and the expert
expectations in /work/shared/examples. An edit that makes an instrument promise more than it can
keep, or claim to reach a group it typically misses, fails here.
"""

from __future__ import annotations

import pytest
import yaml

from participatiemix.mix.catalogue import INSTRUMENTS_DIR, Instrument, parse_instrument
from participatiemix.mix.vocabulary import load_vocabulary

IDS = [
    "straatgesprek",
    "keukentafelgesprek",
    "internetconsultatie",
    "rondetafelgesprek",
    "informatiecampagne",
    "interactieve_kaart",
    "peiling",
    "bewonerscooperatie",
    "raadpleging",
    "sleutelfiguren",
    "adviesraad",
    "ervaringsdeskundigen",
    "dialoogtafels",
    "participatieve_waarde_evaluatie",
    "dorpsplan",
    "petitie",
    "informatiepunt",
    "jongerensessie",
    "right_to_bid",
    "deliberatieve_peiling",
    "zelfbeheer_openbare_ruimte",
    "terugkoppelavond",
    "inspreekrecht",
    "energiecoaches",
    "werkbezoek_raad",
]
NEW_IDS = IDS[-6:]
ONLINE_MISSES = {"low_literacy", "elderly", "disengaged", "non_dutch_speakers"}


def load(id_: str) -> Instrument:
    path = INSTRUMENTS_DIR / f"{id_}.yaml"
    return parse_instrument(yaml.safe_load(path.read_text(encoding="utf-8")), f"instruments/{path.name}")


@pytest.fixture(scope="module")
def cat() -> dict[str, Instrument]:
    return {id_: load(id_) for id_ in IDS}


@pytest.mark.parametrize("id_", IDS)
def test_file_validates_and_id_matches_file_name(id_: str) -> None:
    assert load(id_).id == id_


def test_new_ids_are_in_the_vocabulary_with_both_labels() -> None:
    vocab = load_vocabulary()
    for id_ in NEW_IDS:
        assert id_ in vocab.ids("instruments")
        assert vocab.label("instruments", id_, "nl") and vocab.label("instruments", id_, "en")


@pytest.mark.parametrize("id_", IDS)
def test_every_entry_is_sourced_and_bilingual(cat: dict[str, Instrument], id_: str) -> None:
    inst = cat[id_]
    assert all(s.url.startswith(("https://", "http://")) for s in inst.sources)
    assert len(inst.risks) >= 2
    assert 0 < len(inst.goals) <= 6 and max(inst.goals.values()) >= 2
    for text in (inst.name, inst.summary, inst.description, inst.council_role):
        assert text.nl != text.en


@pytest.mark.parametrize("id_", IDS)
def test_online_only_instruments_do_not_claim_offline_reliant_groups(cat: dict[str, Instrument], id_: str) -> None:
    inst = cat[id_]
    if inst.online == "online":
        assert not ONLINE_MISSES & set(inst.reaches)


def test_only_real_votes_are_marked_as_votes(cat: dict[str, Instrument]) -> None:
    assert {i for i, inst in cat.items() if inst.vote} == {"peiling", "raadpleging"}


def test_all_residents_only_for_broad_reach(cat: dict[str, Instrument]) -> None:
    broad = {i for i, inst in cat.items() if "all_residents" in inst.reaches}
    assert broad == {"informatiecampagne", "peiling", "raadpleging", "deliberatieve_peiling"}
    for id_ in broad:
        assert set(cat[id_].selection) & {"all_eligible", "sortition"}


def test_expert_expectations_are_possible(cat: dict[str, Instrument]) -> None:
    youth = cat["jongerensessie"]
    assert "youth" in youth.reaches and {"agenda_setting", "policy_preparation"} <= set(youth.phases)
    key = cat["sleutelfiguren"]
    assert {"non_dutch_speakers", "disengaged", "low_literacy"} <= set(key.reaches)
    hearing = cat["rondetafelgesprek"]
    assert {"agenda_setting", "decision_making"} <= set(hearing.phases) and "representative" in hearing.democracy_forms
    street = cat["straatgesprek"]
    assert street.online == "offline" and {"agenda_setting", "policy_preparation"} <= set(street.phases)
    for id_ in ("keukentafelgesprek", "informatiepunt"):
        inst = cat[id_]
        assert "implementation" in inst.phases
        assert {"elderly", "low_literacy", "directly_affected"} <= set(inst.reaches)
    assert "policy_preparation" in cat["adviesraad"].phases and cat["adviesraad"].levels == ["advise"]
    tables = cat["dialoogtafels"]
    assert "policy_preparation" in tables.phases
    assert tables.context.low_trust == 1 and tables.context.high_polarisation == 1


def test_levels_stay_honest(cat: dict[str, Instrument]) -> None:
    # Informing and hearing instruments never promise (co-)decision; doe-democracy rights do not stop at consult.
    for id_ in ("informatiecampagne", "internetconsultatie", "rondetafelgesprek", "inspreekrecht", "petitie"):
        assert not {"coproduce", "co_decide", "self_govern"} & set(cat[id_].levels)
    assert cat["informatiecampagne"].levels == ["inform"]
    for id_ in ("right_to_bid", "zelfbeheer_openbare_ruimte", "bewonerscooperatie"):
        assert "self_govern" in cat[id_].levels and "implementation" in cat[id_].phases
    assert "co_decide" in cat["peiling"].levels and "co_decide" in cat["raadpleging"].levels


def test_council_instruments_belong_to_representative_democracy(cat: dict[str, Instrument]) -> None:
    for id_ in ("rondetafelgesprek", "inspreekrecht", "werkbezoek_raad"):
        assert "representative" in cat[id_].democracy_forms
    assert "Gemeentewet" in cat["inspreekrecht"].legal_basis.nl
    assert "Grondwet" in cat["petitie"].legal_basis.nl


def test_a_group_is_never_both_reached_and_missed(cat: dict[str, Instrument]) -> None:
    for inst in cat.values():
        assert not set(inst.reaches) & set(inst.misses)
