"""The answer checker (pure): each question kind, skip logic, unknown fields. Property tests with hypothesis."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from participatiemix.surveys.answers import (
    AnswerValue,
    OptionData,
    QuestionData,
    RuleData,
    Structure,
    check_answer,
    check_submission,
)


@pytest.fixture(autouse=True, scope="module")
def _dutch():
    """The messages are checked in Dutch, whatever language an earlier test left active."""
    with translation.override("nl"):
        yield


OPTS = (OptionData(11, "Rood"), OptionData(12, "Groen"), OptionData(13, "Blauw"))


def q(kind, *, id=1, number=1, required=False, options=OPTS, rules=(), low=None, high=None, text="Vraag"):
    return QuestionData(
        id=id,
        number=number,
        kind=kind,
        text=text,
        required=required,
        options=options,
        rules=rules,
        min_value=low,
        max_value=high,
    )


# --------------------------------------------------------------------------- one kind at a time


def test_single_accepts_one_of_its_options_and_names_the_choices_otherwise():
    question = q("single", text="Kleur")
    assert check_answer(question, {"q1": ["12"]}) == ([AnswerValue(1, option_id=12)], "")
    rows, error = check_answer(question, {"q1": ["99"]})
    assert rows == [] and error == "Vraag 1 ‘Kleur’: kies een van deze keuzes: Rood, Groen, Blauw."
    assert check_answer(question, {"q1": ["11", "12"]})[1] == "Vraag 1 ‘Kleur’: geef één antwoord."


def test_multiple_refuses_duplicates_and_strangers():
    question = q("multiple")
    # Each row carries how many options were chosen (results count people from it).
    expected = [AnswerValue(1, option_id=11, number=2), AnswerValue(1, option_id=13, number=2)]
    assert check_answer(question, {"q1": ["11", "13"]})[0] == expected
    assert "kies alleen uit de keuzes" in check_answer(question, {"q1": ["11", "11"]})[1]
    assert "kies alleen uit de keuzes" in check_answer(question, {"q1": ["11", "abc"]})[1]


def test_required_means_an_answer():
    for kind in ("single", "multiple", "scale", "number", "yes_no", "short_text", "long_text"):
        _rows, error = check_answer(q(kind, required=True, low=1, high=5), {})
        assert "deze vraag is verplicht" in error, kind
        assert check_answer(q(kind, required=False, low=1, high=5), {}) == ([], "")


def test_whitespace_only_text_counts_as_no_answer():
    assert "verplicht" in check_answer(q("short_text", required=True), {"q1": ["   \u200b "]})[1]


def test_yes_no():
    assert check_answer(q("yes_no"), {"q1": ["yes"]})[0] == [AnswerValue(1, number=1)]
    assert check_answer(q("yes_no"), {"q1": ["no"]})[0] == [AnswerValue(1, number=0)]
    assert check_answer(q("yes_no"), {"q1": ["misschien"]})[1] == "Vraag 1 ‘Vraag’: kies ja of nee."


def test_ranking_needs_distinct_places_within_range_and_all_when_required():
    question = q("ranking", required=True)
    ok = {"q1_o11": ["2"], "q1_o12": ["1"], "q1_o13": ["3"]}
    assert sorted((a.option_id, a.rank) for a in check_answer(question, ok)[0]) == [(11, 2), (12, 1), (13, 3)]
    assert "elke plaats mag maar één keer" in check_answer(question, {**ok, "q1_o13": ["1"]})[1]
    assert "van 1 tot en met 3" in check_answer(question, {**ok, "q1_o13": ["4"]})[1]
    assert "Geef alle 3 keuzes een plaats" in check_answer(question, {"q1_o11": ["1"]})[1]
    assert check_answer(q("ranking"), {"q1_o11": ["1"]}) == ([AnswerValue(1, option_id=11, rank=1)], "")
    assert "begin bij plaats 1 en sla geen plaats over" in check_answer(q("ranking"), {"q1_o11": ["2"]})[1]


@given(st.integers(min_value=-(10**6), max_value=10**6), st.integers(-50, 50), st.integers(0, 100))
def test_number_is_stored_exactly_when_within_its_range(value, low, span):
    high = low + span
    rows, error = check_answer(q("number", low=low, high=high), {"q1": [str(value)]})
    if low <= value <= high:
        assert rows == [AnswerValue(1, number=value)] and error == ""
    else:
        assert rows == [] and f"van {low} tot en met {high}" in error


@given(st.text(max_size=40))
def test_any_text_for_a_number_either_fits_or_is_refused_with_a_message(value):
    rows, error = check_answer(q("number", low=0, high=100), {"q1": [value]})
    assert bool(rows) != bool(error) or (not rows and not error and not value.strip())
    if rows:
        assert 0 <= rows[0].number <= 100


@given(st.text(max_size=400))
def test_short_text_is_cleaned_and_limited(value):
    rows, error = check_answer(q("short_text"), {"q1": [value]})
    if rows:
        assert len(rows[0].text) <= 300 and rows[0].text == rows[0].text.strip()
        assert not any(ord(c) < 32 for c in rows[0].text)
    else:
        assert error == "" or "hoogstens 300 tekens" in error


@given(st.lists(st.sampled_from(["11", "12", "13", "14", "x", ""]), max_size=5))
def test_multiple_choice_property(values):
    rows, error = check_answer(q("multiple"), {"q1": values})
    given_ = [v for v in values if v]
    if rows:
        assert {r.option_id for r in rows} <= {11, 12, 13} and len(rows) == len(set(given_))
        assert all(r.number == len(rows) for r in rows)
    elif given_:
        assert "kies alleen uit de keuzes" in error


# --------------------------------------------------------------------------- a whole submission


def structure():
    """1 single (Groen -> 4), 2 text (required), 3 text (required), 4 yes_no (yes -> end), 5 text (required)."""
    return Structure(
        1,
        (
            q("single", id=1, number=1, rules=(RuleData(12, None, 4),)),
            q("short_text", id=2, number=2, required=True),
            q("short_text", id=3, number=3, required=True),
            q("yes_no", id=4, number=4, rules=(RuleData(None, True, None),)),
            q("short_text", id=5, number=5, required=True),
        ),
    )


def test_skip_rule_makes_skipped_questions_not_required_and_ignores_their_answers():
    checked = check_submission(structure(), {"q1": ["12"], "q2": ["genegeerd"], "q4": ["yes"]})
    assert checked.ok, checked.errors
    assert checked.skipped == {2, 3, 5}
    assert [a.question_id for a in checked.answers] == [1, 4]


def test_without_the_jump_the_questions_are_required():
    checked = check_submission(structure(), {"q1": ["11"], "q4": ["no"]})
    assert [name for name, _ in checked.errors] == ["q2", "q3", "q5"]
    assert all("deze vraag is verplicht" in message for _, message in checked.errors)


def test_unknown_fields_are_named():
    checked = check_submission(structure(), {"q1": ["12"], "q4": ["yes"], "q77": ["x"], "q1_o11": ["1"], "q2x": ["x"]})
    names = [name for name, _ in checked.errors]
    assert names == ["q77", "q1_o11", "q2x"]
    assert "‘q77’ hoort niet bij deze enquête" in checked.errors[0][1]


@given(
    st.dictionaries(
        st.sampled_from(["q1", "q2", "q3", "q4", "q5"]),
        st.lists(st.sampled_from(["11", "12", "13", "yes", "no", "tekst", ""]), max_size=2),
    )
)
def test_answers_only_for_questions_not_skipped_and_always_valid(data):
    checked = check_submission(structure(), data)
    answered = {a.question_id for a in checked.answers}
    assert not answered & checked.skipped
    for a in checked.answers:
        if a.question_id == 1:
            assert a.option_id in {11, 12, 13}
        if a.question_id == 4:
            assert a.number in (0, 1)
    # Every error names a question or field the form has.
    for name, message in checked.errors:
        assert name in {"q1", "q2", "q3", "q4", "q5"} and "Vraag" in message
