"""The iCalendar writer: escaping, folding long lines without splitting a character, and
UK start times written in UTC across the clock changes."""

from datetime import UTC, date, datetime, time

from content.calendar import CalendarEvent, calendar_text, escape_text, fold


def test_text_values_escape_what_rfc_5545_reserves():
    assert escape_text("Back\\slash; semi, comma\nline") == \
        "Back\\\\slash\\; semi\\, comma\\nline"


def test_long_lines_fold_at_75_octets_and_never_split_a_character():
    line = "SUMMARY:" + "Café £ ünïcode " * 20
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def event(day: date) -> CalendarEvent:
    return CalendarEvent(uid="meeting-1@example.org", day=day, starts=time(18, 30),
                         summary="Ethics committee", location="Ashbridge",
                         url="https://example.org/meetings/1", description="",
                         changed=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))


def test_a_start_in_uk_time_is_written_in_utc_either_side_of_the_clock_change():
    summer = calendar_text("Meetings", [event(date(2026, 10, 24))])
    winter = calendar_text("Meetings", [event(date(2026, 10, 26))])
    assert "DTSTART:20261024T173000Z\r\n" in summer
    assert "DTSTART:20261026T183000Z\r\n" in winter
    assert "DTSTAMP:20261101T090000Z\r\n" in winter
    assert "DESCRIPTION" not in winter
