"""CSV and Excel exports of a survey: one row per response, one column per question.

A cell that starts with = + - @ (or a tab / carriage return) would run as a formula in a spreadsheet (CSV
injection); such text gets a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from participatiemix.site.downloads import safe_cell


def to_csv(headers: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # Dutch Excel reads ; as the separator
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def to_xlsx(headers: list[str], rows: list[list], *, title: str = "Antwoorden") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Antwoorden")
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
