"""Hostile text through every writer: Markdown shows it as text (no markup, no HTML, no link), DOCX and PDF
never fail on control characters, and only http(s)/mailto addresses become links."""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO

import pytest
from docx import Document as DocxDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.documents.base import (
    Bullets,
    Document,
    Facts,
    Heading,
    Links,
    Note,
    Paragraph,
    Table,
    md_escape,
    plain,
    safe_url,
    to_docx,
    to_html,
    to_markdown,
    to_pdf,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "# Kop\n- lijst\n> citaat\n1. genummerd\n2) ook\n    code\n===\n---\n***",
    "a | b | c",
    "*vet* _schuin_ `code` ~~weg~~ \\* \\[",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>klik</a>",
    "regel\x01\x0b\x0c\x1f\x7f\x85 met stuurtekens\ufffe\uffff",
    "\u202eomgekeerd\u202c",
    "€\u00a0500",
]
# Markdown characters that are markup anywhere in a line; user text may only hold them escaped.
SPECIAL = set("\\`*_[]|~#")
MARKUP_ALPHABET = "<>[]()*_`#|~&!:\\-=+. \n\t1\x01"
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80), st.text(alphabet=MARKUP_ALPHABET, max_size=40))


def unescaped(fragment: str) -> list[str]:
    """Markdown characters in `fragment` that are not escaped (by a backslash, or `<`/`>` as entities)."""
    found, i = [], 0
    while i < len(fragment):
        ch = fragment[i]
        if ch == "\\" and i + 1 < len(fragment):
            i += 2
            continue
        if ch in SPECIAL or ch in "<>":
            found.append(ch)
        i += 1
    return found


def md_unescape(fragment: str) -> str:
    text = re.sub(r"\\(.)", r"\1", fragment)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def has_link(md: str) -> bool:
    """An inline link or image `](`, a reference definition `]:` or an autolink `<scheme:` that is markup."""
    return bool(re.search(r"(?<!\\)(?:\\\\)*\]\s*[(:]", md) or re.search(r"<[a-zA-Z][a-zA-Z0-9+.-]*:", md))


SAFE_LINK = "](<https://example.org/a?c=%3Cd%3E>)"


def links_besides_the_safe_one(md: str) -> bool:
    assert md.count(SAFE_LINK) == 1  # the one https link of `document()` is a link
    return has_link(md.replace(SAFE_LINK, ""))


def document(text: str) -> Document:
    doc = Document(title=text, subtitle=text, organisation=text, kind=text)
    return doc.add(
        Heading(text, 2),
        Paragraph(text),
        Paragraph(text, "muted"),
        Bullets([text, text]),
        Bullets([text], numbered=True),
        Table([text, "b"], [[text, text]], caption=text),
        Facts([(text, text)]),
        Note(text, "warning", text),
        Links([(text, "javascript:alert(1)"), (text, "https://example.org/a?c=<d>")]),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_hostile_text_as_text(text):
    md = to_markdown(document(text))
    assert "<script" not in md.lower() and "<img" not in md.lower() and "<a " not in md.lower()
    assert not links_besides_the_safe_one(md)
    assert "\x01" not in md and "\u202e" not in md


@settings(max_examples=200, deadline=None)
@given(texts)
def test_escaped_text_round_trips_and_holds_no_markup(text):
    inline = md_escape(text, inline=True, line_start=False)
    assert unescaped(inline) == []
    assert "\n" not in inline
    assert md_unescape(inline) == " ".join(plain(text).split("\n"))
    block = md_escape(text)
    assert unescaped(block) == []
    for line in block.split("\n"):
        assert not re.match(r"[ \t]|[-+=>]|[0-9]+[.)]", line), line  # no list, quote, underline or code block
    assert md_unescape(block) == "\n".join(line.lstrip(" \t") for line in plain(text).split("\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_block_in_markdown_stays_text_and_docx_opens(text):
    doc = document(text)
    md = to_markdown(doc)
    assert "<script" not in md.lower()
    assert not links_besides_the_safe_one(md), md
    data = to_docx(doc)
    opened = DocxDocument(BytesIO(data))
    assert opened.paragraphs  # python-docx reads it back
    html = to_html(doc)
    assert "<script" not in html.lower() and 'href="javascript' not in html.lower()


@pytest.mark.parametrize("text", HOSTILE)
def test_docx_opens_and_keeps_the_visible_text(text):
    opened = DocxDocument(BytesIO(to_docx(document(text))))
    shown = "\n".join(p.text for p in opened.paragraphs)
    for piece in plain(text).split("\n"):
        assert piece in shown
    assert "\x01" not in shown


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HOSTILE) | st.text(max_size=40))
def test_pdf_renders_hostile_text(text):
    assert to_pdf(document(text)).startswith(b"%PDF")


def test_pdf_shows_markup_as_text(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(to_pdf(document("<script>alert(1)</script> [x](javascript:alert(1))")))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script>" in text and "[x](javascript:alert(1))" in text


@pytest.mark.parametrize(
    "url,safe",
    [
        ("https://vng.nl/artikel", True),
        ("http://example.org/a?b=c#d", True),
        ("mailto:griffie@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("/relatief/pad", False),
        ("https://", False),
        ("https://ex ample.org", False),
        ("http://[::1", False),  # malformed: urlsplit raises
    ],
)
def test_only_http_and_mailto_addresses_are_links(url, safe):
    assert (safe_url(url) is not None) is safe
    doc = Document(title="Bronnen").add(Links([("Bron", url)]))
    md, html = to_markdown(doc), to_html(doc)
    assert ("](<" in md) is safe
    assert ("<a href=" in html) is safe
    with zipfile.ZipFile(BytesIO(to_docx(doc))) as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
    assert ('TargetMode="External"' in rels) is safe


def test_an_address_with_control_characters_is_not_safe_until_the_writers_drop_them():
    assert safe_url("https://example.org/\x01") is None
    doc = Document(title="T").add(Links([("Bron", "https://example.org/\x01")]))
    assert "](<https://example.org/>)" in to_markdown(doc)
    assert '<a href="https://example.org/">' in to_html(doc)


def test_a_safe_link_keeps_its_address_and_escapes_its_title():
    md = to_markdown(Document(title="T").add(Links([("Bron *1* [x]", "https://example.org/a b?q=<x>")])))
    # An address with a space is refused: shown as text, escaped like any other text.
    assert "- Bron \\*1\\* \\[x\\] \\(https://example.org/a b?q=&lt;x&gt;\\)" in md
    md = to_markdown(Document(title="T").add(Links([("Bron *1* [x]", "https://example.org/a?q=(x)<y>")])))
    assert "- [Bron \\*1\\* \\[x\\]](<https://example.org/a?q=(x)%3Cy%3E>)" in md


def test_no_break_spaces_and_line_structure_stay():
    doc = Document(title="Kosten").add(Paragraph("Vanaf €\u00a0500\nper wijk"))
    assert "€\u00a0500\nper wijk" in to_markdown(doc)
    assert any("€\u00a0500" in p.text for p in DocxDocument(BytesIO(to_docx(doc))).paragraphs)
