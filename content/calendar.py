"""Meetings as an iCalendar (RFC 5545) file, for people to add to their own calendars.

Times are written in UTC (`…Z`), which every calendar program understands without a
VTIMEZONE block; a meeting's start is read as UK time first, so one on a clock-change
day lands at the right moment. Lines end CRLF and are folded at 75 octets, as the RFC
asks, without splitting a character.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from content.dates import UK_TIME

PRODUCT = "-//OPCC transparency portal//Meetings//EN"
FOLD_AT = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    starts: time  # UK time
    summary: str
    location: str
    url: str
    description: str
    changed: datetime  # when the record last changed (DTSTAMP)


def escape_text(value: str) -> str:
    """A TEXT value with its backslashes, semicolons, commas and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, each further one starting
    with a space."""
    parts: list[str] = []
    current, size = "", 0
    for character in line:
        width = len(character.encode("utf-8"))
        limit = FOLD_AT if not parts else FOLD_AT - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(event: CalendarEvent) -> list[str]:
    starts = datetime.combine(event.day, event.starts, tzinfo=UK_TIME)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.changed)}",
        f"DTSTART:{_utc(starts)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"URL:{event.url}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    return [*lines, "END:VEVENT"]


def calendar_text(name: str, events: Iterable[CalendarEvent]) -> str:
    """A whole iCalendar file of these events."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines.extend(_event(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
