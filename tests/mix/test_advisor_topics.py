"""Topic-bound instruments, case topics, and plain budget wording."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import parse_case
from participatiemix.mix.checks import _budget_precondition, likely_cost
from participatiemix.mix.errors import DataError
from participatiemix.mix.topics import fits_topics, infer_topics
from participatiemix.mix.vocabulary import load_vocabulary

VOCAB = load_vocabulary()


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Een aardgasvrije wijk in 2030", {"home_energy"}),
        ("Warmtenet of all-electric per buurt?", {"home_energy"}),
        ("Groen gas (later) voor oude huizen", {"home_energy"}),
        ("Een gastvrij dorpshuis", set()),
        ("Jeugdzorg en armoede in de wijk", {"social_domain"}),
        ("Wij zorgen dat iedereen meedoet", set()),
        ("Windturbines: geluid en gezondheid", set()),
        ("Care for lonely older people", {"social_domain"}),
    ],
)
def test_infer_topics(text, topics):
    assert infer_topics(text, VOCAB) == topics


@given(st.text(max_size=200))
def test_infer_topics_only_known_ids(text):
    assert infer_topics(text, VOCAB) <= set(VOCAB.ids("topics"))


def test_unbound_instrument_fits_any_topic():
    assert fits_topics([], frozenset())
    assert not fits_topics(["home_energy"], frozenset({"social_domain"}))
    assert fits_topics(["home_energy"], frozenset({"home_energy", "social_domain"}))


def _case(**extra):
    data = {
        "title": "Sluiting van het zwembad",
        "policy_question": "Hoe informeren we inwoners over de sluiting van het zwembad?",
        "scale": "municipality",
        "council": {"room": "none", "decides": True},
        "phases": [{"phase": "implementation", "goals": ["inform_residents", "build_support"], "level": "inform"}],
        "target_groups": ["directly_affected", "elderly"],
    }
    data.update(extra)
    return parse_case(data)


def _ids(advice):
    return {i["id"] for p in advice["phases"] for i in p["instruments"]}


def test_energy_coaches_only_in_an_energy_question():
    catalogue = default_catalogue()
    advice = advise(_case(), catalogue=catalogue)
    assert "energiecoaches" not in _ids(advice)
    refused = {n["id"]: n["why"] for p in advice["phases"] for n in p["not_suitable"]}
    assert "ander onderwerp" in refused["energiecoaches"]
    energy = advise(_case(topics=["home_energy"]), catalogue=catalogue)
    assert "energiecoaches" not in {n["id"] for p in energy["phases"] for n in p["not_suitable"]}


def test_case_topics_are_checked():
    with pytest.raises(DataError) as exc:
        _case(topics=["energie"])
    assert "onderwerp" in str(exc.value.messages)


def test_budget_text_says_whether_the_likely_cost_fits():
    tight = _budget_precondition([39_200, 496_000], 80_000, "nl")
    assert not tight["ok"] and "€\u00a0267.600" in tight["message"] and "meer dan het budget" in tight["message"]
    fits = _budget_precondition([10_000, 50_000], 40_000, "nl")
    assert fits["ok"] and "past binnen" in fits["message"] and "tot €\u00a050.000" in fits["message"]
    over = _budget_precondition([100, 200], 50, "en")
    assert not over["ok"] and "even the simplest" in over["message"]


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_budget_ok_exactly_when_the_likely_cost_fits(a, b, budget):
    cost = [min(a, b), max(a, b)]
    assert _budget_precondition(cost, budget, "nl")["ok"] == (likely_cost(cost) <= budget)
