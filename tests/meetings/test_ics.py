"""The calendar file follows RFC 5545 and parses back to what the meeting says."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participatiemix.meetings import ics

pytestmark = pytest.mark.django_db


def unfold(raw: bytes) -> list[str]:
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical), "a line is longer than 75 octets"
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse(raw: bytes) -> dict[str, str]:
    props = {}
    for line in unfold(raw):
        name, _sep, value = line.partition(":")
        props.setdefault(name, unescape(value))
    return props


def test_meeting_parses_back(make_meeting):
    meeting = make_meeting(
        title="Gesprek; over warmte, en \\ meer",
        place="Dorpshuis 'De Schakel'",
        address="Kerkstraat 12, Oosterend",
        agenda="19.30 Inloop, koffie\n20.00 Gesprek; in groepjes\n" + "Lange regel met é en ü " * 10,
    )
    raw = ics.meeting_ics(meeting, url="https://example.org/bijeenkomsten/1/")
    props = parse(raw)
    assert props["BEGIN"] == "VCALENDAR" and props["VERSION"] == "2.0" and "PRODID" in props
    assert props["SUMMARY"] == meeting.title
    assert props["LOCATION"] == "Dorpshuis 'De Schakel', Kerkstraat 12, Oosterend"
    assert props["DESCRIPTION"].startswith(meeting.agenda) and props["DESCRIPTION"].endswith("/bijeenkomsten/1/")
    start = dt.datetime.strptime(props["DTSTART"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    end = dt.datetime.strptime(props["DTEND"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    assert start == meeting.starts_at and end == meeting.ends_at
    assert props["UID"] == f"meeting-{meeting.pk}@127.0.0.1"
    assert len(props["DTSTAMP"]) == 16 and props["DTSTAMP"].endswith("Z")
    assert b"\r\n " in raw  # the long description was folded


def test_summer_and_winter_times_are_utc(make_meeting):
    from zoneinfo import ZoneInfo

    ams = ZoneInfo("Europe/Amsterdam")
    summer = make_meeting(
        starts_at=dt.datetime(2027, 6, 1, 19, 30, tzinfo=ams), ends_at=dt.datetime(2027, 6, 1, 21, 30, tzinfo=ams)
    )
    winter = make_meeting(
        starts_at=dt.datetime(2027, 1, 5, 19, 30, tzinfo=ams), ends_at=dt.datetime(2027, 1, 5, 21, 30, tzinfo=ams)
    )
    assert parse(ics.meeting_ics(summer))["DTSTART"] == "20270601T173000Z"
    assert parse(ics.meeting_ics(winter))["DTSTART"] == "20270105T183000Z"


@given(st.text(min_size=0, max_size=300))
def test_escape_and_fold_round_trip(text):
    text = text.replace("\r", "")
    line = "DESCRIPTION:" + ics.escape(text)
    folded = ics.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    unfolded = folded.replace("\r\n ", "")
    assert unfolded == line
    assert unescape(unfolded.partition(":")[2]) == text
