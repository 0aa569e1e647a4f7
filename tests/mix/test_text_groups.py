import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.mix.text_groups import DUTCH_STOP_WORDS, Group, group_texts, top_terms, words

NOTES = [
    "Draagvlak voor de keuze van het alternatief",
    "Jongeren betrekken via scholen",
    "Draagvlak vergroten voor het alternatief",
    "Eerlijk zijn over de kosten per huishouden",
    "Jongeren via social media en de jongerenraad",
    "Draagvlak voor het alternatief in de wijk",
    "De kosten eerlijk en vroeg in beeld brengen",
]


def test_similar_dutch_notes_end_up_together_with_telling_labels():
    groups = group_texts(NOTES)
    by_member = {i: g for g in groups for i in g.member_indices}
    assert by_member[0] is by_member[2] is by_member[5]  # draagvlak
    assert by_member[1] is by_member[4]  # jongeren
    assert by_member[3] is by_member[6]  # kosten, eerlijk
    assert by_member[0] is not by_member[1] and by_member[1] is not by_member[3]
    assert groups[0].member_indices == (0, 2, 5)  # largest first
    assert groups[0].label_terms[:2] == ("alternatief", "draagvlak")  # in all three notes; ties alphabetical
    assert "jongeren" in by_member[1].label_terms
    assert set(by_member[3].label_terms) >= {"kosten", "eerlijk"}
    assert all(t not in DUTCH_STOP_WORDS for g in groups for t in g.label_terms)


def test_edge_cases():
    assert group_texts([]) == []
    assert group_texts(["Een burgerberaad"]) == [Group(label_terms=("burgerberaad",), member_indices=(0,))]
    blank = group_texts(["", "  ", "Burgerberaad"])
    assert sorted(map(len, blank)) == [1, 2]
    assert next(g for g in blank if len(g) == 2).label_terms == ()
    with pytest.raises(ValueError):
        group_texts(NOTES, max_groups=0)


def test_max_groups_caps_and_keeps_every_note():
    capped = group_texts(NOTES, max_groups=2)
    assert len(capped) <= 2
    assert sorted(i for g in capped for i in g.member_indices) == list(range(len(NOTES)))
    assert len(group_texts(NOTES, max_groups=1)) == 1


def test_words_drop_stop_words_and_numbers():
    assert words("De raad en 70 procent van de inwoners") == ["raad", "procent"]
    assert top_terms(NOTES, [1, 4], n=1) == ("jongeren",)


note_text = st.text(alphabet=st.sampled_from("abcdeijklmnoprstuvwz éë-"), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(note_text, max_size=25), st.one_of(st.none(), st.integers(min_value=1, max_value=6)))
def test_every_note_is_in_exactly_one_group_and_grouping_is_deterministic(texts, max_groups):
    groups = group_texts(texts, max_groups=max_groups)
    members = [i for g in groups for i in g.member_indices]
    assert sorted(members) == list(range(len(texts)))  # each index exactly once
    assert all(len(g) >= 1 for g in groups)
    assert len(groups) <= len(texts)
    if max_groups is not None:
        assert len(groups) <= max_groups
    sizes = [len(g) for g in groups]
    assert sizes == sorted(sizes, reverse=True)
    assert group_texts(list(texts), max_groups=max_groups) == groups


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=5))
def test_identical_notes_form_one_group_per_distinct_text(copies, distinct):
    base = ["warmtenet in de wijk", "jongeren op school", "kosten per huishouden", "klankbordgroep huurders"]
    base = (base + ["referendum over gas"])[:distinct]
    texts = [t for t in base for _ in range(copies)]
    groups = group_texts(texts)
    assert len(groups) == distinct
    assert all(len(g) == copies for g in groups)
