"""The advisor pinned on every expectations file (the shared sample and our own cases).

Each file says what a participation expert expects: instruments that belong in a phase's mix, instruments
that must not be there, council moments, and the exact set of warning codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import load_case
from participatiemix.mix.catalogue import DATA_DIR
from tests.mix.advice_schema import check_advice

EXPECTATIONS = Path(__file__).parent / "expectations"
CASES = DATA_DIR / "cases"
NAMES = sorted(p.stem for p in EXPECTATIONS.glob("*.yaml"))


def test_every_case_has_expectations_and_there_are_enough():
    cases = {p.stem for p in CASES.glob("*.yaml")}
    assert set(NAMES) <= cases
    assert len(NAMES) >= 14  # the 6 shared expectation files and at least 8 of our own


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="module", params=NAMES)
def pair(request, catalogue):
    expected = yaml.safe_load((EXPECTATIONS / f"{request.param}.yaml").read_text(encoding="utf-8"))
    case = load_case(CASES / f"{request.param}.yaml", instrument_ids=list(catalogue.instruments))
    return expected, advise(case, catalogue=catalogue)


def _chosen(advice: dict, phase: str | None) -> set[str]:
    return {i["id"] for p in advice["phases"] if phase in (None, p["phase"]) for i in p["instruments"]}


def test_advice_follows_the_contract(pair, catalogue):
    check_advice(pair[1], catalogue)


def test_must_include(pair):
    expected, advice = pair
    missing = [
        (m["id"], m["phase"]) for m in expected.get("must_include", []) if m["id"] not in _chosen(advice, m["phase"])
    ]
    assert not missing


def test_must_avoid(pair):
    expected, advice = pair
    present = [(m["id"], m["phase"]) for m in expected.get("must_avoid", []) if m["id"] in _chosen(advice, m["phase"])]
    assert not present


def test_council_moments(pair):
    expected, advice = pair
    assert set(expected["council_moments"]) <= {m["moment"] for m in advice["council_moments"]}


def test_warnings_exactly(pair):
    expected, advice = pair
    assert {w["code"] for w in advice["warnings"]} == set(expected["warnings"])
