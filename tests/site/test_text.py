"""The one plain-text cleaner (site/text.py): properties over any text, and the hostile cases found."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from participatiemix.site.forms import CleanForm
from participatiemix.site.text import clean_data, clean_structure, clean_text, excerpt, is_invisible

FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {"\x7f", "\u202e", "\u2066", "\r"}


@given(st.text())
def test_cleaned_text_has_no_control_or_bidi_characters(value):
    cleaned = clean_text(value)
    assert not (set(cleaned) & FORBIDDEN)
    assert cleaned == clean_text(cleaned), "cleaning twice changes nothing"


@given(st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1))
def test_visible_words_survive(value):
    assert clean_text(value) == unicodedata.normalize("NFC", value).strip() or not value.strip()


def test_findings():
    assert clean_text("Plan\x01 voor\x0b het dorp") == "Plan voor het dorp"
    assert clean_text("&lt;script&gt;") == "&lt;script&gt;", "entities stay literally as typed"
    assert clean_text("<b>vet</b>") == "<b>vet</b>", "markup is kept as text; templates escape it"
    for invisible in ("\u200b\u200b", "\u2060", "\ufeff", "\u3164", " \n\t ", "\u202e"):
        assert is_invisible(invisible) or clean_text(invisible) == ""
        assert clean_text(invisible) == ""
    assert clean_text("regel 1\r\nregel 2\n\n\n\nregel 3") == "regel 1\nregel 2\n\nregel 3"
    assert clean_text("a\nb", multiline=False) == "a b"


def test_clean_data_keeps_lists_and_files():
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("keuze", ["a\x01", "b"])
    data["naam"] = "\u200b"
    cleaned = clean_data(data)
    assert cleaned.getlist("keuze") == ["a", "b"] and cleaned["naam"] == ""
    assert data["naam"] == "\u200b", "the original is not changed"


def test_clean_structure_cleans_nested_strings_and_limits_depth():
    assert clean_structure({"a\x01": ["x\x0b", 3, {"b": "\u202ey"}]}) == {"a": ["x", 3, {"b": "y"}]}
    deep: list = []
    node = deep
    for _ in range(100):
        node.append([])
        node = node[0]
    try:
        clean_structure(deep)
    except ValueError as exc:
        assert "diep" in str(exc)
    else:
        raise AssertionError("100 levels must be refused")


def test_excerpt_is_short():
    assert len(excerpt("x" * 1_000_000)) == 60


def test_a_required_field_refuses_invisible_only_text():
    from django import forms

    class NameForm(CleanForm):
        name = forms.CharField(max_length=20)

    form = NameForm({"name": "\u200b\u2060\ufeff"})
    assert not form.is_valid() and "name" in form.errors
    form = NameForm({"name": "Dorp\x01shuis"})
    assert form.is_valid() and form.cleaned_data["name"] == "Dorpshuis"
