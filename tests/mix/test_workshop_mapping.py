import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.mix.case import parse_case
from participatiemix.mix.workshop_mapping import case_data, fold, map_notes, match_text


@pytest.mark.parametrize(
    ("text", "section", "expected"),
    [
        ("Jongeren via school", "target_groups", ["youth"]),
        ("Huurders apart benaderen", "target_groups", ["tenants"]),
        ("huurdersvereniging aan tafel", "target_groups", ["tenants"]),
        ("Een referendum over het warmtenet", "instruments", ["referendum"]),
        ("Enquête onder alle inwoners", "instruments", ["enquete"]),
        ("Een vragenlijst op papier", "instruments", ["enquete"]),
        ("Gelote inwoners wegen af", "instruments", ["burgerberaad"]),
        ("Een burgerberaad", "instruments", ["burgerberaad"]),
        ("Keukentafelgesprekken met ouderen", "instruments", ["keukentafelgesprek"]),
        ("Inwoners informeren", "goals", ["inform_residents"]),
        ("Draagvlak voor de keuze", "goals", ["build_support"]),
        ("Burgertop (G1000) in het voorjaar", "instruments", ["burgertop"]),
        ("Agendavorming: wat leeft er", "phases", ["agenda_setting"]),
        ("Laten meebeslissen over het moment", "levels", ["co_decide"]),
    ],
)
def test_words_groups_write_map_to_vocabulary_ids(text, section, expected):
    assert match_text(text).get(section) == expected


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("Raadplegen via de raad", "instruments"),  # 'raad' is no instrument, and not inside 'raadplegen'
        ("Alles in kaart brengen", "instruments"),  # not an interactive map
        ("Rode draad", "instruments"),
        ("Lange adem en geduld", "goals"),
    ],
)
def test_no_false_matches(text, section):
    assert match_text(text).get(section, []) == []


def test_longer_phrase_wins_within_a_section():
    assert match_text("De jongerenraad adviseert")["instruments"] == ["jongerenraad"]
    # Across sections a word may say two things: a youth council is an instrument aimed at young people.
    assert match_text("De jongerenraad adviseert")["target_groups"] == ["youth"]


def test_fold_removes_accents_and_case():
    assert fold("Enquête Coöperatie") == "enquete cooperatie"


def test_group_answers_become_a_valid_case_with_phases_goals_and_a_starting_instrument():
    notes = {
        1: [
            "Fase 1 agendavorming: inwoners informeren en ophalen wat er leeft",
            "Besluitvorming: inwoners laten meebeslissen over het moment",
            "Vertrouwen herstellen",
        ],
        2: ["Wij wilden eigenlijk een referendum", "Klankbordgroep met huurders en eigenaren", "Jongeren via school"],
        3: ["Lange adem en geduld van de organisatie"],
    }
    result = map_notes(notes)
    assert result.phases == ["agenda_setting", "decision_making"]
    assert result.goals_by_phase["agenda_setting"][:3] == ["inform_residents", "gather_knowledge", "identify_issues"]
    assert "strengthen_trust" in result.goals  # a goal beside no phase is kept, on the first phase
    assert result.goals_by_phase["decision_making"] == ["share_decision"]
    assert result.levels == {"agenda_setting": "inform", "decision_making": "co_decide"}
    assert result.target_groups == ["tenants", "homeowners", "youth"]
    assert result.instruments == ["referendum", "klankbordgroep"]
    assert result.starting_instrument == "referendum"
    assert [n.text for n in result.unmapped] == ["Lange adem en geduld van de organisatie"]
    data = case_data(result, title="Groep Zuid", policy_question="Hoe betrekken we inwoners?")
    case = parse_case(data)
    assert case.starting_instrument == "referendum"
    assert [p.phase for p in case.phases] == ["agenda_setting", "decision_making"]


def test_nothing_recognised_gives_assumed_defaults_that_are_reported():
    result = map_notes({1: ["Lange adem"], 2: ["Geduld"]})
    assert result.phases == ["policy_preparation"]
    assert {"no_phase", "goal:policy_preparation", "level:policy_preparation"} <= set(result.assumed)
    assert len(result.unmapped) == 2 and result.starting_instrument is None
    data = case_data(result, title="T", policy_question="V")
    assert data["target_groups"] == ["all_residents"] and "starting_instrument" not in data
    parse_case(data)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.integers(min_value=1, max_value=3),
        st.lists(
            st.one_of(
                st.text(max_size=60),
                st.sampled_from(["jongeren", "enquête", "uitvoering", "draagvlak", "referendum", "meebeslissen"]),
            ),
            max_size=6,
        ),
        max_size=3,
    )
)
def test_any_notes_give_a_valid_case_and_every_note_is_accounted_for(notes):
    result = map_notes(notes)
    assert len(result.notes) == sum(len(v) for v in notes.values())
    assert all(n.mapped != (n in result.unmapped) for n in result.notes)
    parse_case(case_data(result, title="T", policy_question="V"))


# --- issue 15, item 9 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Panel van mensen met een beperking", "panel met mensen met een handicap", "Een panel van jongeren"],
)
def test_a_panel_of_people_is_not_a_burgerpanel(text):
    assert "burgerpanel" not in match_text(text).get("instruments", [])


def test_a_burgerpanel_is_still_recognised():
    assert match_text("Online panel of inwonerspanel")["instruments"] == ["burgerpanel"]
    assert match_text("Panel van mensen met een beperking")["instruments"] == ["ervaringsdeskundigen"]


def test_assumptions_follow_the_catalogue_of_the_named_instrument():
    from participatiemix.mix.advisor import default_catalogue
    from participatiemix.mix.workshop_mapping import fit_to_catalogue, instrument_fit

    catalogue = default_catalogue()
    klankbord = next(i for i in catalogue if i.id == "klankbordgroep")
    for notes in ({2: ["Klankbordgroep per wijk"]}, {1: ["Uitvoering"], 2: ["Klankbordgroep"]}):
        result = fit_to_catalogue(map_notes(notes, catalogue=catalogue), catalogue)
        fit = instrument_fit("klankbordgroep", result, catalogue)
        assert fit["fits"] and not fit["misses"], (notes, fit)
        assert all(result.levels[p] in klankbord.levels for p in fit["fits"])
    # What the group wrote itself is kept, and the misfit is named exactly.
    written = map_notes({1: ["Besluitvorming: meebeslissen"], 2: ["Klankbordgroep"]}, catalogue=catalogue)
    result = fit_to_catalogue(written, catalogue)
    assert result.phases == ["decision_making"] and result.levels["decision_making"] == "co_decide"
    assert instrument_fit("klankbordgroep", result, catalogue)["misses"] == {"decision_making": "phase"}
