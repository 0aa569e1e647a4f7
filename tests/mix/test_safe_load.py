"""mix.safe_load: hostile case files are refused with a short Dutch message, before objects are built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.mix import safe_load
from participatiemix.mix.case import load_case, parse_case_text
from participatiemix.mix.catalogue import DATA_DIR
from participatiemix.mix.errors import DataError
from participatiemix.mix.safe_load import MAX_BYTES, load_case_text, read_case_file

SHARED_CASES = Path("/work/shared/examples/cases")
CASE_FILES = sorted((DATA_DIR / "cases").glob("*.yaml")) + sorted(SHARED_CASES.glob("*.yaml"))
DEMO = DATA_DIR / "cases" / "aardgasvrij.yaml"


def refused(text: str | bytes, filename: str = "casus.yaml") -> str:
    with pytest.raises(DataError) as info:
        load_case_text(text, filename=filename)
    message = "\n".join(info.value.messages)
    assert len(message) < 300, message  # never the whole input echoed back
    return message


def nested_yaml(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"


# --------------------------------------------------------------------------- shipped cases still load


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_example_case_loads_as_yaml_safe_load_does(path):
    text = path.read_text(encoding="utf-8")
    assert load_case_text(text, filename=path.name) == yaml.safe_load(text)
    assert load_case_text(path.read_bytes(), filename=path.name) == yaml.safe_load(text)


def test_there_are_example_cases():
    assert len(CASE_FILES) >= 20


def test_a_case_as_json_loads_the_same(tmp_path):
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert load_case_text(text, filename="casus.json") == data
    assert load_case_text(text, filename="") == data  # JSON is valid YAML as well
    assert load_case_text(b"\xef\xbb\xbf" + text.encode(), filename="casus.json") == data  # BOM


# --------------------------------------------------------------------------- limits


@pytest.mark.parametrize("depth", [21, 500, 100_000])
def test_deep_yaml_is_refused_not_a_recursion_error(depth):
    # libyaml looks ahead through a run of '[' and stops at its own nesting limit (1000) first.
    assert "te diep genest" in refused("[" * depth + "]" * depth) or depth > 1000
    assert "te diep genest" in refused(("{a: " * depth + "1" + "}" * depth)[:MAX_BYTES])
    if depth <= 500:  # block style grows quadratically: 500 deep is just under the size limit
        assert "te diep genest" in refused(nested_yaml(depth))


def test_twenty_levels_are_allowed():
    assert load_case_text(nested_yaml(19), filename="x.yaml")["a"]


@pytest.mark.parametrize("depth", [21, 500, 100_000])
def test_deep_json_is_refused(depth):
    assert "te diep genest" in refused("[" * depth + "]" * depth, "casus.json")
    text = '{"a":' * depth + "1" + "}" * depth
    assert "te diep genest" in refused(text[:MAX_BYTES], "casus.json")  # cut: the limit holds mid-file too


def test_brackets_inside_json_strings_do_not_count():
    text = json.dumps({"title": "[" * 500 + '\\"{' * 100})
    assert load_case_text(text, filename="casus.json")["title"].startswith("[[[")


def test_billion_laughs_is_refused():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "verwijzingen naar een anker" in refused("\n".join(lines))


def test_100k_alias_references_are_refused(monkeypatch):
    bomb = "x: &a 1\nrefs: [" + ",".join(["*a"] * 100_000) + "]\n"
    assert "te groot" in refused(bomb)  # 300 KB: the size limit comes first
    monkeypatch.setattr(safe_load, "MAX_BYTES", 10 * 1024 * 1024)
    message = refused(bomb)  # without the size limit the first alias still stops the walk
    assert "regel 2" in message and "verwijzingen naar een anker (*a)" in message


def test_too_many_nodes_are_refused(monkeypatch):
    monkeypatch.setattr(safe_load, "MAX_BYTES", 10 * 1024 * 1024)
    assert "te veel onderdelen" in refused("[" + ",".join(["1"] * 30_000) + "]")
    assert "te veel onderdelen" in refused("[" + ",".join(["1"] * 50_000) + "]", "casus.json")


@pytest.mark.parametrize("filename", ["casus.yaml", "casus.json"])
def test_a_1mb_value_is_refused_with_a_short_message(filename):
    value = "A" * (1024 * 1024)
    text = f'{{"title": "{value}"}}'
    message = refused(text, filename)
    assert "te groot" in message and "256 KB" in message and "AAAA" not in message
    assert "te groot" in refused(text.encode(), filename)


def test_a_long_value_under_the_limit_is_quoted_short_by_the_validator():
    with pytest.raises(DataError) as info:
        parse_case_text(f"title: {'x' * 200_000}\nscale: {'y' * 50_000}\n", "casus.yaml")
    message = str(info.value)
    assert "title" in message and "is te lang (hoogstens 300 tekens)" in message
    assert "'yyyy" in message and "is geen bekende schaal" in message
    assert len(message) < 2000


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00t\x00i", b"title: caf\xe9\n", bytes(range(128, 256))],
)
def test_invalid_utf8_is_refused_in_dutch(data):
    assert "geen tekst in UTF-8" in refused(data)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ('{"a": -1e999}', "te groot"),
        ('{"a": 1, "a": 2}', "staat twee keer"),
        ('{"a": 1', "geen geldige JSON"),
        ("{'a': 1}", "dubbele aanhalingstekens"),
    ],
)
def test_json_refusals(text, expected):
    assert expected in refused(text, "casus.json")


@pytest.mark.parametrize(
    "text",
    [
        "budget: .inf\n",
        "budget: .nan\n",
        "a: " + "9" * 5000 + "\n",  # more digits than Python converts
        "a: 2023-02-30\n",  # a date that does not exist
        "!!python/object/apply:os.system [echo hoi]\n",
        "a: 1\n---\nb: 2\n",
        "[a: b\n",
        "? [a, b]\n: c\n",
    ],
)
def test_other_hostile_yaml_is_a_data_error(text):
    refused(text)


# --------------------------------------------------------------------------- cleaning


def test_control_characters_are_removed():
    data = load_case_text('title: "a\\x01b\\x0bc\\u202ed"\nraw: x\x01y\x0bz\x7f\nnotes: "tab\\tline\\nend"\n')
    assert data == {"title": "abcd", "raw": "xyz", "notes": "tab\tline\nend"}
    data = load_case_text('{"t\\u0001": "\\u0001\\u200b", "u": "\\ud800x"}', filename="c.json")
    assert data == {"t": "", "u": "x"}  # invisible-only text is empty; a lone surrogate is dropped


def test_a_zero_width_title_is_refused_by_the_case_validator():
    text = DEMO.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["title"] = "\u200b\u200c\u2060"
    with pytest.raises(DataError, match="title: '' mag niet leeg zijn"):
        parse_case_text(json.dumps(data), "casus.json")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_random_input_is_data_or_a_data_error(value):
    for filename in ("casus.yaml", "casus.json"):
        try:
            data = load_case_text(value, filename=filename)
        except DataError as exc:
            assert exc.messages and len(str(exc)) < 400
            continue
        _assert_clean(data)


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.text(max_size=20), lambda inner: st.lists(inner, max_size=3), max_leaves=20))
def test_random_yaml_documents_round_trip(value):
    text = yaml.safe_dump({"v": value}, allow_unicode=True)
    try:
        data = load_case_text(text)
    except DataError as exc:
        assert "te diep genest" in str(exc)
        return
    _assert_clean(data)


def _assert_clean(value):
    if isinstance(value, str):
        assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in value)
        assert not any(0xD800 <= ord(ch) <= 0xDFFF or 0x7F <= ord(ch) <= 0x9F for ch in value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _assert_clean(key)
            _assert_clean(item)
    elif isinstance(value, list):
        for item in value:
            _assert_clean(item)


# --------------------------------------------------------------------------- files


def test_read_case_file_refusals(tmp_path):
    with pytest.raises(DataError, match="dit is een map"):
        read_case_file(tmp_path)
    with pytest.raises(DataError, match="bestaat niet"):
        read_case_file(tmp_path / "weg.yaml")
    big = tmp_path / "groot.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES)
    with pytest.raises(DataError, match="te groot"):
        read_case_file(big)


def test_load_case_reads_the_demo_and_refuses_binary(tmp_path):
    assert load_case(DEMO).title == "Een alternatief voor Gronings gas kiezen"
    binary = tmp_path / "casus.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataError, match="geen tekst in UTF-8"):
        load_case(binary)


def test_read_case_file_reads_no_more_than_the_limit():
    with pytest.raises(DataError, match="te groot"):
        read_case_file("/dev/zero")  # endless: only MAX_BYTES + 1 bytes are read
    with pytest.raises(DataError, match="kan niet worden gelezen"):
        read_case_file("casus\x00.yaml")
