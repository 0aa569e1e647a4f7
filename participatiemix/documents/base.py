"""Documents people read (plans, scan reports, workshop reports) in one municipal house style.

A report is built once as a `Document` of simple blocks; three renderers turn it into Markdown,
DOCX (python-docx) and PDF (WeasyPrint, from HTML). Reports never style themselves: a change to the
house style is made here and holds for every export.

Every text in a Document is plain text that people typed (a plan title, an open answer, a note), so each
writer treats it as hostile, whatever the apps already cleaned (defence in depth):

- all writers drop characters XML cannot hold and that no person means to send (`plain()`), so python-docx
  never fails on a stray `\x01`;
- Markdown escapes every character that would become markup (`md_escape()`): user text never turns into
  a heading, emphasis, a table cell, raw HTML or a link;
- HTML/PDF escapes every text;
- a link (`Links`) is only a link for http(s) and mailto addresses (`safe_url()`); anything else is text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, urlsplit

from participatiemix.mix.text import strip_hostile

Severity = Literal["info", "warning", "blocker"]

ACCENT_HEX = "3A1A66"  # deep violet: the voorbeeld theme's accent, dark enough for AA contrast on white
MUTED_HEX = "595959"
SEVERITY_HEX = {"info": "005A9C", "warning": "8A5A00", "blocker": "B00020"}
LABELS = {
    "nl": {"page": "Pagina", "of": "van", "made": "Gemaakt met Participatiemix op", "contents": "Inhoud"},
    "en": {"page": "Page", "of": "of", "made": "Made with Participatiemix on", "contents": "Contents"},
}


@dataclass
class Heading:
    text: str
    level: int = 1  # 1..3 (the document title is separate)


@dataclass
class Paragraph:
    text: str
    style: Literal["normal", "lead", "muted"] = "normal"


@dataclass
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Facts:
    """Label/value pairs, shown as a two-column table (e.g. 'Gemeente: Voorbeeldgemeente')."""

    pairs: list[tuple[str, str]]


@dataclass
class Note:
    text: str
    severity: Severity = "info"
    title: str = ""


@dataclass
class PageBreak:
    pass


@dataclass
class Links:
    """Titled links, e.g. sources. An address that is not http(s) or mailto is shown as text, never linked."""

    items: list[tuple[str, str]]


Block = Heading | Paragraph | Bullets | Table | Facts | Note | PageBreak | Links


@dataclass
class Document:
    title: str
    subtitle: str = ""
    organisation: str = ""  # e.g. "Gemeente Voorbeeldgemeente"
    kind: str = ""  # e.g. "Participatieplan", shown above the title
    lang: str = "nl"
    date: dt.date = field(default_factory=dt.date.today)
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    @property
    def labels(self) -> dict[str, str]:
        return LABELS.get(self.lang, LABELS["nl"])

    def date_text(self) -> str:
        months_nl = (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        )
        if self.lang == "en":
            return self.date.strftime("%-d %B %Y")
        return f"{self.date.day} {months_nl[self.date.month - 1]} {self.date.year}"


# --------------------------------------------------------------------------- hostile text

# The shared cleaner (mix/text.py, pure Python like this module) drops control characters, bidi overrides and
# lone surrogates but keeps spacing as written: documents use no-break spaces ("€ 500") and their own line
# structure, which site.text.clean_text would reflow. XML 1.0 also refuses the non-characters U+FFFE/U+FFFF.
_XML_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def plain(text: object) -> str:
    """Any value as text that every writer can hold: no control, XML-invalid or bidi-override characters."""
    return _XML_NONCHARACTERS.sub("", strip_hostile(str(text)))


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(url: object) -> str | None:
    """The address when it is http(s) with a host, or mailto; else None (javascript:, data:, relative, broken)."""
    text = str(url).strip()
    if not text or plain(text) != text or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return text


def _sanitised(doc: Document) -> Document:
    """A copy of the document with every text passed through `plain()` (the writers' first step)."""

    def clean(value):
        if isinstance(value, str):
            return plain(value)
        if isinstance(value, list | tuple):
            return type(value)(clean(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value, **{f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            )
        return value

    return clean(doc)


# --------------------------------------------------------------------------- Markdown

# Escaped everywhere: backslash, emphasis, code, link and image brackets, table pipes, strikethrough, headings.
# Parentheses are left as they are ("Raadsleden (4,0)"): without an unescaped `]` before them they never
# become a link target; the one place `)` is markup, a list item like `1)` at a line start, is escaped below.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~#])")
# Escaped at the start of a line only: block quotes, list items, setext underlines, thematic breaks.
_MD_LINE_START = re.compile(r"^([>+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_escape(text: object, *, inline: bool = False, line_start: bool = True) -> str:
    """User text as Markdown that shows exactly that text: no markup, no raw HTML, no link.

    `<`, `>` and `&` become entities (so neither `<script>` nor a typed `&lt;` becomes HTML); every other
    Markdown character gets a backslash. `inline=True` makes it one line (headings, list items, cells);
    `line_start=False` where the text follows a marker on its line (a heading's `#`, a table's `|`), so
    `1.` or `-` there cannot start a list.
    """
    value = plain(text)
    if inline:
        value = " ".join(value.split("\n"))
    lines = []
    for line in value.split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = "".join(_MD_ENTITIES.get(ch, ch) for ch in line)
        if line_start:
            line = line.lstrip(" \t")  # four leading spaces would make a code block
            line = _MD_LINE_START.sub(r"\\\1", _MD_ORDERED.sub(r"\1\\\2", line))
        lines.append(line)
    return "\n".join(lines)


def md_link(title: str, url: str) -> str:
    """A Markdown link for a safe address; otherwise the title with the address as plain text."""
    address = safe_url(url)
    if address is None:
        shown = md_escape(title, inline=True, line_start=False)
        return f"{shown} \\({md_escape(url, inline=True, line_start=False)}\\)" if str(url).strip() else shown
    # The <...> form allows any character but < > and newline; those are percent-encoded.
    target = quote(address, safe="/:?#[]@!$&'()*+,;=%~-._")
    return f"[{md_escape(title, inline=True, line_start=False)}](<{target}>)"


def to_markdown(doc: Document) -> str:
    doc = _sanitised(doc)
    esc = md_escape
    out: list[str] = []
    if doc.kind:
        out.append(f"*{esc(doc.kind, inline=True)}*  ")
    out.append(f"# {esc(doc.title, inline=True, line_start=False)}\n")
    meta = " · ".join(esc(x, inline=True) for x in (doc.organisation, doc.date_text()) if x)
    if doc.subtitle:
        out.append(f"{esc(doc.subtitle)}\n")
    out.append(f"{meta}\n")
    for block in doc.blocks:
        match block:
            case Heading(text, level):
                out.append(f"{'#' * (min(level, 3) + 1)} {esc(text, inline=True, line_start=False)}\n")
            case Paragraph(text, style):
                body = esc(text)
                out.append((f"*{body}*" if style == "muted" and body else body) + "\n")
            case Bullets(items, numbered):
                marks = [f"{i + 1}." if numbered else "-" for i in range(len(items))]
                out.append("\n".join(f"{m} {esc(t, inline=True)}" for m, t in zip(marks, items, strict=True)) + "\n")
            case Table(headers, rows, caption):
                if caption:
                    out.append(f"**{esc(caption, inline=True)}**\n")
                cell = lambda text: esc(text, inline=True, line_start=False)  # noqa: E731
                lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
                lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
                out.append("\n".join(lines) + "\n")
            case Facts(pairs):
                facts = [f"- **{esc(k, inline=True)}:** {esc(v, inline=True, line_start=False)}" for k, v in pairs]
                out.append("\n".join(facts) + "\n")
            case Note(text, _severity, title):
                head = f"**{esc(title, inline=True)}** " if title else ""
                body = esc(text).replace("\n", "\n> ")
                out.append(f"> {head}{body}\n")
            case Links(items):
                out.append("\n".join(f"- {md_link(title, url)}" for title, url in items) + "\n")
            case PageBreak():
                out.append("---\n")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- DOCX


def to_docx(doc: Document) -> bytes:
    from docx import Document as DocxDocument
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = _sanitised(doc)  # XML cannot hold control characters: python-docx would fail on them
    accent = RGBColor.from_string(ACCENT_HEX)
    muted = RGBColor.from_string(MUTED_HEX)
    d = DocxDocument()
    d.core_properties.title = doc.title
    d.core_properties.author = doc.organisation or "Participatiemix"
    d.core_properties.language = doc.lang

    section = d.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)

    normal = d.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = d.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = accent
        style.font.bold = True

    header = section.header.paragraphs[0]
    header.text = " · ".join(x for x in (doc.organisation, doc.kind) if x)
    header.runs[0].font.size = Pt(8.5) if header.runs else None
    footer = section.footer.paragraphs[0]
    _docx_page_number(footer, doc.labels, OxmlElement, qn, Pt)

    if doc.kind:
        kind = d.add_paragraph()
        run = kind.add_run(doc.kind.upper())
        run.font.size, run.font.bold, run.font.color.rgb = Pt(9), True, muted
    d.add_paragraph(doc.title, style="Title")
    if doc.subtitle:
        sub = d.add_paragraph()
        r = sub.add_run(doc.subtitle)
        r.font.size = Pt(12)
    meta = d.add_paragraph()
    r = meta.add_run(" · ".join(x for x in (doc.organisation, doc.date_text()) if x))
    r.font.color.rgb = muted

    for block in doc.blocks:
        match block:
            case Heading(text, level):
                d.add_heading(text, level=min(max(level, 1), 3))
            case Paragraph(text, style):
                p = d.add_paragraph()
                run = p.add_run(text)
                if style == "lead":
                    run.font.size = Pt(12)
                elif style == "muted":
                    run.font.color.rgb = muted
                    run.italic = True
            case Bullets(items, numbered):
                for item in items:
                    d.add_paragraph(item, style="List Number" if numbered else "List Bullet")
            case Table(headers, rows, caption):
                if caption:
                    cap = d.add_paragraph()
                    cap.add_run(caption).bold = True
                _docx_table(d, headers, rows, accent, WD_TABLE_ALIGNMENT, OxmlElement, qn, Pt)
            case Facts(pairs):
                _docx_table(d, None, [[k, v] for k, v in pairs], accent, WD_TABLE_ALIGNMENT, OxmlElement, qn, Pt)
            case Note(text, severity, title):
                p = d.add_paragraph()
                p.paragraph_format.left_indent = Cm(0.4)
                colour = RGBColor.from_string(SEVERITY_HEX[severity])
                if title:
                    t = p.add_run(title + ": ")
                    t.bold, t.font.color.rgb = True, colour
                p.add_run(text)
                _docx_left_border(p, SEVERITY_HEX[severity], OxmlElement, qn)
            case Links(items):
                for title, url in items:
                    _docx_link(d.add_paragraph(style="List Bullet"), title, url, accent, OxmlElement, qn)
            case PageBreak():
                d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _docx_table(d, headers, rows, accent, align, OxmlElement, qn, Pt) -> None:
    ncols = len(headers) if headers else max((len(r) for r in rows), default=1)
    table = d.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = align.LEFT
    if headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=False):
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(text))
            run.bold = True
            _docx_shade(cell, "EDE7F6", OxmlElement, qn)
        # Repeat the header row on every page, and mark it as a header for screen readers.
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=False)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(text))
            run.font.size = Pt(9.5)
            if headers is None and i == 0:
                run.bold = True
    d.add_paragraph()


def _docx_link(paragraph, title: str, url: str, accent, OxmlElement, qn) -> None:
    """A clickable link for a safe address; otherwise the title and the address as plain text."""
    address = safe_url(url)
    if address is None:
        paragraph.add_run(f"{title} ({url})" if url.strip() else title)
        return
    rel_id = paragraph.part.relate_to(
        address, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = paragraph.add_run(title)
    run.font.color.rgb = accent
    run.underline = True
    link.append(run._r)  # move the run into the hyperlink element
    paragraph._p.append(link)


def _docx_shade(cell, fill: str, OxmlElement, qn) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _docx_left_border(paragraph, colour: str, OxmlElement, qn) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", colour)):
        left.set(qn(key), value)
    borders.append(left)
    p_pr.append(borders)


def _docx_page_number(paragraph, labels, OxmlElement, qn, Pt) -> None:
    def field(instr: str) -> None:
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, instr), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        run.font.size = Pt(8.5)

    lead = paragraph.add_run(f"{labels['page']} ")
    lead.font.size = Pt(8.5)
    field("PAGE")
    mid = paragraph.add_run(f" {labels['of']} ")
    mid.font.size = Pt(8.5)
    field("NUMPAGES")


# --------------------------------------------------------------------------- HTML / PDF

PDF_CSS = """
@page {
  size: A4; margin: 24mm 20mm 22mm 22mm;
  font-family: "DejaVu Sans", Arial, sans-serif;
  @top-left { content: string(org); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #595959; }
  @top-right { content: string(kind); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #595959; }
  @bottom-right { content: "%(page)s " counter(page) " %(of)s " counter(pages);
                  font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #595959; }
  @bottom-left { content: "%(made)s %(date)s";
                 font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #595959; }
}
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.45; color: #1a1a1a; }
.org { string-set: org content(); font-weight: bold; color: #595959; margin: 0; }
.kind { string-set: kind content(); text-transform: uppercase; letter-spacing: .06em;
        font-size: 8pt; color: #595959; margin: 0 0 2mm; }
.masthead { border-bottom: 3pt solid #%(accent)s; padding-bottom: 4mm; margin-bottom: 6mm; }
h1 { color: #%(accent)s; font-size: 21pt; margin: 0 0 2mm; line-height: 1.15; }
h2 { color: #%(accent)s; font-size: 14pt; margin: 7mm 0 2mm; break-after: avoid; }
h3 { color: #%(accent)s; font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2.5mm; hyphens: auto; }
.lead { font-size: 11pt; }
.muted { color: #595959; font-style: italic; }
.subtitle { font-size: 12pt; margin: 0 0 1mm; }
.meta { color: #595959; margin: 0; }
ul, ol { margin: 0 0 3mm; padding-left: 5mm; }
li { margin-bottom: 1mm; }
table { border-collapse: collapse; width: 100%%; margin: 1mm 0 4mm; font-size: 8.8pt; }
caption { text-align: left; font-weight: bold; margin-bottom: 1mm; }
th, td { border: 0.6pt solid #9e9e9e; padding: 1.4mm 2mm; text-align: left; vertical-align: top; }
thead th { background: #EDE7F6; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.facts th { width: 32%%; background: #f5f5f5; }
.note { border-left: 3pt solid #005A9C; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm; break-inside: avoid; }
.note.warning { border-left-color: #8A5A00; }
.note.blocker { border-left-color: #B00020; }
.note strong { margin-right: 1mm; }
.pagebreak { break-after: page; }
"""


def to_html(doc: Document) -> str:
    doc = _sanitised(doc)
    e = html.escape
    labels = doc.labels
    css = PDF_CSS % {
        "accent": ACCENT_HEX,
        "page": labels["page"],
        "of": labels["of"],
        "made": labels["made"],
        "date": doc.date_text(),
    }
    parts = [
        f'<!DOCTYPE html><html lang="{e(doc.lang)}"><head><meta charset="utf-8"><title>{e(doc.title)}</title>',
        f"<style>{css}</style></head><body>",
        '<header class="masthead">',
    ]
    if doc.organisation:
        parts.append(f'<p class="org">{e(doc.organisation)}</p>')
    if doc.kind:
        parts.append(f'<p class="kind">{e(doc.kind)}</p>')
    parts.append(f"<h1>{e(doc.title)}</h1>")
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{e(doc.subtitle)}</p>')
    parts.append(f'<p class="meta">{e(doc.date_text())}</p></header><main>')
    for block in doc.blocks:
        match block:
            case Heading(text, level):
                n = min(max(level, 1), 3) + 1
                parts.append(f"<h{n}>{e(text)}</h{n}>")
            case Paragraph(text, style):
                cls = f' class="{e(style)}"' if style != "normal" else ""
                parts.append(f"<p{cls}>{e(text)}</p>")
            case Bullets(items, numbered):
                tag = "ol" if numbered else "ul"
                parts.append(f"<{tag}>" + "".join(f"<li>{e(i)}</li>" for i in items) + f"</{tag}>")
            case Table(headers, rows, caption):
                cap = f"<caption>{e(caption)}</caption>" if caption else ""
                head = "<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in headers) + "</tr></thead>"
                body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows)
                parts.append(f"<table>{cap}{head}<tbody>{body}</tbody></table>")
            case Facts(pairs):
                body = "".join(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in pairs)
                parts.append(f'<table class="facts"><tbody>{body}</tbody></table>')
            case Note(text, severity, title):
                head = f"<strong>{e(title)}</strong>" if title else ""
                parts.append(f'<div class="note {e(severity)}"><p>{head}{e(text)}</p></div>')
            case Links(items):
                parts.append("<ul>" + "".join(f"<li>{_html_link(title, url)}</li>" for title, url in items) + "</ul>")
            case PageBreak():
                parts.append('<div class="pagebreak"></div>')
    parts.append("</main></body></html>")
    return "".join(parts)


def _html_link(title: str, url: str) -> str:
    address = safe_url(url)
    if address is None:
        return html.escape(f"{title} ({url})" if url.strip() else title)
    return f'<a href="{html.escape(address)}">{html.escape(title)}</a>'


def to_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(doc)).write_pdf()


def render(doc: Document, fmt: str) -> bytes:
    """Render to 'md', 'docx', 'pdf' or 'html' as bytes (UTF-8 for the text formats)."""
    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    if fmt == "docx":
        return to_docx(doc)
    if fmt == "pdf":
        return to_pdf(doc)
    raise ValueError(f"onbekend formaat {fmt!r}; toegestaan: md, docx, pdf, html")


CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
