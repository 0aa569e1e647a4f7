"""Hostile values for the fuzz suite: strings, numbers, dates, ids and files, as the bytes a browser sends.

Values are bytes so a request can carry what no browser form would: invalid UTF-8 and lone surrogates
encoded as UTF-8 (CESU), next to control characters, 10k-character strings and text made of zero-width
characters only.
"""

from __future__ import annotations

from hypothesis import strategies as st

HOSTILE_TEXT = [
    "",
    " ",
    "\t\n\r\n",
    "\x00",
    "a\x00b",
    "\x01\x0b\x1f\x7f\x85",
    "titel met\x0bverticale tab",
    "\u200b\u200c\u200d\u2060\ufeff",
    "\u3164",
    "\u202eevil\u202c",
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '"><img src=x onerror=alert(1)>',
    "[klik](javascript:alert(1))",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "'; DROP TABLE plans_plan; --",
    '" OR 1=1 --',
    "%(name)s %s {0}",
    "../../../etc/passwd",
    "# kop\n\n* lijst\n\n```\ncode\n```\n| a | b |",
    "ℌ𝔢𝔩𝔩𝔬 ｗｏｒｌｄ a\u0301",
    "🙂" * 200,
    "x" * 10_000,
    "é" * 6_000,
    "null",
    "None",
    "true",
    "[]",
    "{}",
]
HOSTILE_NUMBERS = [
    "-1",
    "0",
    "-0",
    "1.5",
    "1,5",
    "9" * 30,
    "-" + "9" * 30,
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "0x10",
    "1_000",
    "١٢",
    "²",
    "2147483648",
    "9223372036854775808",
]
HOSTILE_DATES = [
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "2023-02-30",
    "2026-13-01",
    "31-12-2026",
    "99999-01-01",
    "2026-12-31T25:00",
    "-2026-01-01",
]
HOSTILE_BYTES = [
    b"\xed\xa0\x80",  # a lone surrogate, encoded
    b"a\xed\xb0\x80b",
    b"\xff\xfe\xfd",
    b"\xc0\xaf",  # an overlong '/'
    b"\x80",
    b"\xf4\x90\x80\x80",  # above U+10FFFF
]


def _yaml_deep(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines).encode()


HOSTILE_FILES = [
    b"",
    b"\x00" * 100,
    _yaml_deep(500),
    _yaml_deep(50_000),
    ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 120))).encode(),
    _alias_bomb(),
    b"title: " + b"A" * (1024 * 1024),
    b'{"title": NaN}',
    b"title: " + b"9" * 5000,
    b"title: 2023-02-30\n",
    b'title: "a\\x01b\\x0bc"\npolicy_question: "\\u202e?"\n',
    b"!!python/object/apply:os.system [echo hoi]\n",
    b"\xef\xbb\xbftitle: x\n",
    b"title: caf\xe9\n",
]


def encode(text: str) -> bytes:
    """UTF-8, but lone surrogates are kept as the bytes a broken client would send."""
    return text.encode("utf-8", "surrogatepass")


texts = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=80),  # any code point, lone surrogates included
    st.text(alphabet=st.characters(codec="ascii"), max_size=30),
).map(encode) | st.sampled_from(HOSTILE_BYTES)
numbers = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.integers().map(str),
    st.floats().map(repr),
).map(encode)
dates = st.one_of(st.sampled_from(HOSTILE_DATES), st.dates().map(lambda d: d.isoformat())).map(encode)
ids = st.one_of(st.sampled_from(["0", "-1", "9" * 30, "1.0", "1e3", "abc"]), st.integers().map(str)).map(encode)
files = st.sampled_from(HOSTILE_FILES) | st.binary(max_size=2_000)
any_value = st.one_of(texts, numbers, dates, ids)


def hostile_for(kind: str) -> st.SearchStrategy[bytes]:
    """Values for a field of this input type: mostly what breaks that kind, sometimes anything at all."""
    if kind == "number":
        return numbers | any_value
    if kind == "date" or kind == "datetime-local":
        return dates | any_value
    if kind == "file":
        return files
    if kind in ("hidden", "select", "radio", "checkbox"):
        return ids | any_value
    return texts | any_value
