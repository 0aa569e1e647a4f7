"""An iCalendar file (RFC 5545) for one meeting, written by hand: no calendar library is installed.

CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped (backslash,
semicolon, comma, newline), times in UTC, a stable UID per meeting so a second download updates the entry.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from participatiemix.meetings.models import Meeting

MAX_OCTETS = 75


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets; continuation lines start with one space."""
    chunks: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            chunks.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    chunks.append(current)
    return "\r\n ".join(chunks)


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: Meeting, *, url: str = "", now: dt.datetime | None = None) -> bytes:
    host = getattr(settings, "PMX_SITE_URL", "participatiemix").split("//")[-1].split("/")[0].split(":")[0]
    location = ", ".join(p for p in (meeting.place, meeting.address) if p)
    description = meeting.agenda
    if url:
        description = f"{description}\n\n{url}" if description else url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Participatiemix//Bijeenkomsten//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host or 'participatiemix'}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape(meeting.title)}",
        f"LOCATION:{escape(location)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
