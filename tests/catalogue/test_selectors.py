"""Filtering and counting: the result is exactly the set a plain reading of the filters gives."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.catalogue import demo, selectors
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.mix.catalogue import cost_band_of, parse_instrument
from participatiemix.mix.vocabulary import load_vocabulary
from tests.catalogue.factories import instrument_document

VOCAB = load_vocabulary()
INSTRUMENTS = [parse_instrument(instrument_document(i, seed=7), f"x{i}.yaml", VOCAB) for i in range(60)]
ENTRIES = [selectors._curated_entry(i, VOCAB) for i in INSTRUMENTS]


def choice(section: str):
    return st.lists(st.sampled_from(VOCAB.ids(section)), max_size=3, unique=True).map(tuple)


filters_strategy = st.builds(
    lambda selected, search: selectors.Filters(selected, search),
    st.fixed_dictionaries({param: choice(section) for param, section in selectors.FACETS.items()}),
    st.sampled_from(["", "proefinstrument 1", "SAMENVATTING", "zzz"]),
)


def plain_match(instrument, f: selectors.Filters) -> bool:
    s = f.selected
    online = set(s["online"]) | ({"hybrid"} if set(s["online"]) & {"online", "offline"} else set())
    haystack = " ".join(
        [instrument.id, instrument.name.nl, instrument.name.en, instrument.summary.nl, instrument.summary.en]
    )
    return all(
        [
            not s["fase"] or bool(set(s["fase"]) & set(instrument.phases)),
            not s["trede"] or bool(set(s["trede"]) & set(instrument.levels)),
            not s["doel"] or bool(set(s["doel"]) & set(instrument.goals)),
            not s["bereikt"] or bool(set(s["bereikt"]) & set(instrument.reaches)),
            not s["democratievorm"] or bool(set(s["democratievorm"]) & set(instrument.democracy_forms)),
            not s["online"] or instrument.online in online,
            not s["kosten"] or cost_band_of(instrument.cost_eur.max, VOCAB) in s["kosten"],
            f.search.lower() in haystack.lower(),
        ]
    )


@given(filters_strategy)
@settings(max_examples=300, deadline=None)
def test_filter_entries_matches_a_plain_reading(filters):
    found = {e.id for e in selectors.filter_entries(ENTRIES, filters)}
    assert found == {i.id for i in INSTRUMENTS if plain_match(i, filters)}


@given(st.dictionaries(st.sampled_from([*selectors.FACETS, "zoek", "x"]), st.lists(st.text(max_size=12), max_size=4)))
@settings(max_examples=200, deadline=None)
def test_parse_filters_keeps_known_values_and_reports_the_rest(query):
    filters, ignored = selectors.parse_filters(query, vocabulary=VOCAB)
    for param, section in selectors.FACETS.items():
        given_values = query.get(param, [])
        assert set(filters.selected[param]) == {v for v in given_values if VOCAB.has(section, v)}
        assert len(filters.selected[param]) == len(set(filters.selected[param]))
        assert {v for p, v in ignored if p == param} == {v for v in given_values if v and not VOCAB.has(section, v)}
    assert len(filters.search) <= 100


@pytest.mark.django_db
def test_demo_data_is_idempotent():
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert LocalInstrument.objects.count() == 1
    assert Experience.objects.count() == 2
    assert "1 lokaal instrument" in out.getvalue()
