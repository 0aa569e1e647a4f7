"""One way to send a file: the right content type and a filename that is safe in every browser."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.text import slugify

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "pb": "text/plain; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell for CSV or XLSX: text that a spreadsheet would run as a formula gets a leading quote; numbers and
    other values stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_filename(stem: str, extension: str) -> str:
    """ASCII, no quotes or path parts: `Plan: "Groen"/v2` -> `plan-groen-v2.pdf`."""
    return f"{slugify(stem)[:80] or 'download'}.{extension}"


def download_response(content: bytes | str, *, stem: str, extension: str, inline: bool = False) -> HttpResponse:
    filename = safe_filename(stem, extension)
    response = HttpResponse(content, content_type=CONTENT_TYPES.get(extension, "application/octet-stream"))
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
