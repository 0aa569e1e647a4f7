"""Bulk entry of meeting input: one item per line, list marks dropped, numbers inside text kept."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from participatiemix.meetings.services import input_lines


def test_list_marks_and_empty_lines_are_dropped():
    text = "- Eerst isoleren\n\n* Energieloket\n• Proefstraat\n1. Warmtenet\n12) Lening\n  \n-\n"
    assert input_lines(text) == ["Eerst isoleren", "Energieloket", "Proefstraat", "Warmtenet", "Lening"]


def test_numbers_in_the_text_itself_stay():
    assert input_lines("3.5 graden is te koud\n-20 procent gas\n2030 is te vroeg") == [
        "3.5 graden is te koud",
        "-20 procent gas",
        "2030 is te vroeg",
    ]


@given(st.lists(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=30), max_size=30))
def test_one_item_per_non_empty_line(words):
    assert input_lines("\n".join(f"- {w}" for w in words)) == [unicodedata.normalize("NFC", w) for w in words]
