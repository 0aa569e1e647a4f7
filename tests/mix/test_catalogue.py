"""Loader and validation of instrument files: every refusal names the file and the field, in Dutch."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.mix.catalogue import (
    Catalogue,
    Instrument,
    cost_band_of,
    load_catalogue_from,
    parse_instrument,
    read_yaml,
)
from participatiemix.mix.errors import DataError, known_adjective, unknown_id
from participatiemix.mix.vocabulary import load_vocabulary
from tests.catalogue.factories import instrument_document, model_document, write_documents

VOCAB = load_vocabulary()
REQUIRED = [name for name, field in Instrument.model_fields.items() if field.is_required()]
# field -> (vocabulary section, the Dutch words the message must use)
ID_FIELDS = {
    "levels": ("levels", "is geen bekende trede van de participatieladder"),
    "phases": ("phases", "is geen bekende beleidsfase"),
    "democracy_forms": ("democracy_forms", "is geen bekende democratievorm"),
    "selection": ("selection", "is geen bekende manier van selectie"),
    "scales": ("scales", "is geen bekende schaal"),
    "reaches": ("target_groups", "is geen bekende doelgroep"),
    "misses": ("target_groups", "is geen bekende doelgroep"),
}
RANGE_FIELDS = ["participants", "cost_eur", "staff_hours", "lead_time_weeks", "duration_weeks"]


def load_one(doc_or_text, name: str = "proef.yaml") -> Catalogue:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        text = doc_or_text if isinstance(doc_or_text, str) else yaml.safe_dump(doc_or_text, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return load_catalogue_from(Path(tmp), require_vocabulary_ids=False)


def refusal(doc_or_text, name: str = "proef.yaml") -> list[str]:
    with pytest.raises(DataError) as info:
        load_one(doc_or_text, name)
    assert info.value.messages, "a refusal must say why"
    return info.value.messages


def test_model_file_is_valid_and_round_trips_to_the_contract():
    doc = model_document()
    doc["id"] = "proef"
    catalogue = load_one(doc)
    instrument = catalogue["proef"]
    data = instrument.contract_dict()
    for key in ("id", "name", "summary", "levels", "phases", "goals", "democracy_forms", "reaches", "misses"):
        assert key in data
    for key in ("online", "cost_eur", "staff_hours", "lead_time_weeks", "council_role", "sources"):
        assert key in data
    assert data["cost_eur"] == [50000, 250000]
    assert data["name"] == {"nl": "Burgerberaad (geloot)", "en": "Citizens' assembly (sortition)"}


def test_unknown_goal_uses_neuter_article_and_lists_allowed():
    doc = instrument_document(1, id="proef")
    doc["goals"] = {"winnen": 2}
    messages = refusal(doc)
    expected = "instruments/proef.yaml: goals: 'winnen' is geen bekend doel; toegestaan: "
    assert any(m.startswith(expected) for m in messages)
    assert "inform_residents" in messages[0]


@pytest.mark.parametrize("what,adjective", [("doel", "bekend"), ("doelgroep", "bekende"), ("instrument", "bekend")])
def test_article_agreement(what, adjective):
    assert known_adjective(what) == adjective
    assert f"geen {adjective} {what};" in unknown_id("x", what, ["a"])


def test_goal_strength_outside_one_to_three():
    doc = instrument_document(1, id="proef")
    doc["goals"] = {"weigh_options": 5}
    assert "instruments/proef.yaml: goals: sterkte van doel 'weigh_options' is 5; toegestaan: 1, 2 of 3" in refusal(doc)


def test_min_greater_than_max():
    doc = instrument_document(1, id="proef")
    doc["cost_eur"] = {"min": 9000, "max": 100, "estimate": True}
    messages = refusal(doc)
    assert messages == ["instruments/proef.yaml: cost_eur: min (9000) is groter dan max (100); min moet ≤ max zijn"]


def test_duplicate_key_in_file_is_refused_with_line():
    text = yaml.safe_dump(instrument_document(1, id="proef"), sort_keys=False) + "online: offline\n"
    messages = refusal(text)
    assert len(messages) == 1
    assert messages[0].startswith("instruments/proef.yaml: online: staat twee keer in het bestand (regel ")


def test_duplicate_list_entry():
    doc = instrument_document(1, id="proef", levels=["consult", "consult"])
    assert refusal(doc) == [
        "instruments/proef.yaml: levels: 'consult' staat twee keer in de lijst; "
        "noem elke trede van de participatieladder één keer"
    ]


def test_same_id_in_two_files_and_name_mismatch():
    with tempfile.TemporaryDirectory() as tmp:
        doc = instrument_document(3, id="proef")
        write_documents(Path(tmp), [doc])
        (Path(tmp) / "kopie.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
        with pytest.raises(DataError) as info:
            load_catalogue_from(Path(tmp), require_vocabulary_ids=False)
    assert info.value.messages == [
        "instruments/kopie.yaml: id: 'proef' moet gelijk zijn aan de bestandsnaam 'kopie'",
        "instruments/proef.yaml: id: 'proef' komt twee keer voor (ook in instruments/kopie.yaml)",
    ]


def test_unknown_field_missing_field_and_wrong_types_in_one_go():
    doc = instrument_document(1, id="proef")
    del doc["council_role"]
    doc["kleur"] = "blauw"
    doc["participants"] = {"min": "veel", "max": 10}
    doc["vote"] = "misschien"
    messages = refusal(doc)
    assert "instruments/proef.yaml: council_role: dit veld ontbreekt en is verplicht" in messages
    assert "instruments/proef.yaml: kleur: dit veld is onbekend; haal het weg of controleer de spelling" in messages
    assert "instruments/proef.yaml: participants.min: 'veel' moet een getal zijn" in messages
    assert "instruments/proef.yaml: vote: 'misschien' moet ja of nee zijn (true/false)" in messages


def test_not_yaml_not_a_mapping_yml_extension_and_missing_folder(tmp_path):
    assert refusal("id: [open", "kapot.yaml")[0].startswith("instruments/kapot.yaml: regel ")
    assert refusal("- een\n- lijst\n", "lijst.yaml") == [
        "instruments/lijst.yaml: (document): is geen instrument; verwacht een lijst met velden (YAML-object)"
    ]
    (tmp_path / "latin1.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as info:
        load_catalogue_from(tmp_path, require_vocabulary_ids=False)
    assert info.value.messages == [
        "instruments/latin1.yaml: (bestand): is geen tekst in UTF-8 of bevat een teken dat niet mag"
    ]
    (tmp_path / "latin1.yaml").unlink()
    (tmp_path / "oud.yml").write_text("id: oud\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue_from(tmp_path, require_vocabulary_ids=False)
    assert info.value.messages == ["instruments/oud.yml: (bestand): gebruik de extensie .yaml, niet .yml"]
    with pytest.raises(DataError, match="bestaat niet"):
        load_catalogue_from(tmp_path / "weg")


def test_vocabulary_instruments_are_required_only_on_a_clean_folder(tmp_path):
    write_documents(tmp_path, [instrument_document(1)])
    with pytest.raises(DataError) as info:
        load_catalogue_from(tmp_path)
    assert info.value.messages[0].startswith("instruments/: id: deze verplichte instrumenten ontbreken: wijkraad, ")
    (tmp_path / "gen_0002.yaml").write_text("id: [", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue_from(tmp_path)
    assert all("ontbreken" not in m for m in info.value.messages)


@pytest.mark.parametrize(
    "max_eur,band", [(0, "low"), (5000, "low"), (5001, "medium"), (25000, "medium"), (25001, "high"), (1e9, "high")]
)
def test_cost_band_of(max_eur, band):
    assert cost_band_of(max_eur, VOCAB) == band


def test_read_yaml_matches_pyyaml_on_ordinary_documents_and_refuses_unsafe_tags():
    text = "a: 0x1F\nb: 1_000\nc: yes\nd: ~\ne: 2024-01-01\ng: '12'\nh: -3\ni: .inf\nk: ''\nl: [x, {m: 1.5}]\n"
    assert read_yaml(text) == yaml.safe_load(text)
    assert read_yaml("x: &a [1]\ny: *a\n") == {"x": [1], "y": [1]}
    assert read_yaml("<<: {a: 1}\nb: 2\n") == {"a": 1, "b": 2}
    assert read_yaml("") is None
    with pytest.raises(yaml.YAMLError):
        read_yaml("!!python/object/apply:os.system ['true']")
    with pytest.raises(yaml.YAMLError):
        read_yaml("a: 1\n---\nb: 2\n")


def test_read_yaml_matches_pyyaml_on_anchors_tags_and_repeated_plain_scalars():
    # A lone anchor is read on the fast path, the non-specific tag "!" resolves like an untagged scalar, and
    # a remembered plain scalar gives the same value the second time (here also once as a key).
    for text in ("a: &x 1\nb: 2\n", "a: ! 12\nb: !!str 12\n", "yes: yes\nl: [yes, '1', 1, 1.0, null]\n"):
        assert read_yaml(text) == yaml.safe_load(text)
        assert read_yaml(text) == yaml.safe_load(text)
    assert read_yaml("<<: {a: 1}\nb: 2\n") == {"a": 1, "b": 2}  # merge key again: never cached


@pytest.mark.parametrize("depth", [800, 5000])  # past Python's recursion limit; past libyaml's own limit
def test_read_yaml_refuses_a_document_nested_too_deeply_as_yaml_error(tmp_path, depth):
    deep = "[" * depth + "]" * depth
    with pytest.raises(yaml.YAMLError):
        read_yaml(deep)
    (tmp_path / "diep.yaml").write_text(f"id: {deep}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue_from(tmp_path, require_vocabulary_ids=False)
    [message] = info.value.messages
    assert message.startswith("instruments/diep.yaml: ") and message.endswith(": is geen geldige YAML")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(json_values)
@settings(max_examples=150, deadline=None)
def test_read_yaml_agrees_with_pyyaml(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    assert read_yaml(text) == yaml.safe_load(text)


# --- Generated broken files ------------------------------------------------------------------------

WRONG_TYPES = {
    "name": ("een tekst", "moet een lijst met velden (object) zijn"),
    "levels": ("advise", "moet een lijst zijn"),
    "goals": (["weigh_options"], "moet een lijst met velden (object) zijn"),
    "cost_eur": (1000, "moet een lijst met velden (object) zijn"),
    "vote": ("misschien", "moet ja of nee zijn"),
    "online": ("soms", "heeft een waarde die niet is toegestaan"),
    "risks": ("geen", "moet een lijst zijn"),
}


@st.composite
def broken_instrument(draw):
    """(document or YAML text, file name, field the message must name, words the reason must contain)."""
    index = draw(st.integers(0, 500))
    doc = instrument_document(index)
    name = f"{doc['id']}.yaml"
    kind = draw(st.sampled_from(["missing", "unknown_id", "min_gt_max", "wrong_type", "duplicate", "duplicate_key"]))
    if kind == "missing":
        field = draw(st.sampled_from(REQUIRED))
        del doc[field]
        return doc, name, field, "dit veld ontbreekt en is verplicht"
    if kind == "unknown_id":
        field = draw(st.sampled_from([*ID_FIELDS, "goals"]))
        bad = draw(st.from_regex(r"[a-z]{3,10}_onbekend", fullmatch=True))
        if field == "goals":
            doc["goals"] = {**doc["goals"], bad: 2}
            return doc, name, "goals", f"{bad!r} is geen bekend doel"
        position = draw(st.integers(0, len(doc[field])))
        doc[field] = [*doc[field][:position], bad, *doc[field][position:]]
        return doc, name, field, f"{bad!r} {ID_FIELDS[field][1]}"
    if kind == "min_gt_max":
        field = draw(st.sampled_from(RANGE_FIELDS))
        low = draw(st.integers(1, 10**6))
        high = draw(st.integers(0, low - 1))
        doc[field] = {"min": low, "max": high, "estimate": True}
        return doc, name, field, "is groter dan max"
    if kind == "wrong_type":
        field = draw(st.sampled_from(sorted(WRONG_TYPES)))
        doc[field], reason = copy.deepcopy(WRONG_TYPES[field])
        return doc, name, field, reason
    if kind == "duplicate":
        field = draw(st.sampled_from(["levels", "phases", "democracy_forms", "selection", "scales", "reaches"]))
        doc[field] = [*doc[field], doc[field][0]]
        return doc, name, field, "staat twee keer in de lijst"
    field = draw(st.sampled_from(["id", "online", "vote", "name", "phases"]))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False) + yaml.safe_dump({field: doc[field]})
    return text, name, field, "staat twee keer in het bestand"


@given(broken_instrument())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_broken_file_is_refused_naming_file_and_field(case):
    doc, name, field, reason = case
    messages = refusal(doc, name)
    prefix = f"instruments/{name}: {field}"
    matching = [m for m in messages if m.startswith(prefix) and reason in m]
    assert matching, f"expected a message starting {prefix!r} containing {reason!r}, got {messages}"
    for message in messages:
        assert message.startswith(f"instruments/{name}: "), message


@given(st.integers(0, 10_000))
@settings(max_examples=60, deadline=None)
def test_generated_documents_are_valid(index):
    instrument = parse_instrument(instrument_document(index), "proef.yaml", VOCAB)
    assert instrument.cost_eur.min <= instrument.cost_eur.max
    assert set(instrument.reaches).isdisjoint(instrument.misses)
