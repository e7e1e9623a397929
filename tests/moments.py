"""The moments tests run at, named once: the awkward ones, where a test that reads the real
clock, or code that mixes up UTC with UK time, goes wrong.

Each moment is given as the instant in UTC (the servers' time zone, and the process's
while a test travels to it) with the day it is in England and Wales written out by hand,
so that a test can check the portal's idea of "today" against something it did not work
out itself. At 00:30 in summer the two disagree: UK time is an hour ahead of UTC.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

UK_TIME = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Moment:
    name: str
    at: datetime
    uk_day: date
    why: str

    def __str__(self) -> str:
        return self.name


def moment(name: str, utc: str, uk_day: str, why: str) -> Moment:
    at = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    return Moment(name, at, date.fromisoformat(uk_day), why)


WINTER_NIGHT = moment("winter-0030", "2026-11-24T00:30", "2026-11-24",
                      "00:30 on a Tuesday in November (GMT, so UK time is UTC)")
WINTER_EVENING = moment("winter-2330", "2026-11-24T23:30", "2026-11-24",
                        "23:30 on the same Tuesday: tomorrow is half an hour away")
SUMMER_NIGHT = moment("summer-0030", "2026-07-13T23:30", "2026-07-14",
                      "00:30 BST on Tuesday 14 July, still Monday in UTC")
SUMMER_EVENING = moment("summer-2330", "2026-07-14T22:30", "2026-07-14",
                        "23:30 BST on Tuesday 14 July")
CLOCKS_GO_FORWARD = moment("clocks-forward", "2026-03-29T00:30", "2026-03-29",
                           "00:30 GMT on Sunday 29 March; at 01:00 the clocks go forward")
CLOCKS_GO_BACK = moment("clocks-back", "2026-10-25T00:30", "2026-10-25",
                        "01:30 BST on Sunday 25 October, the first of its two 01:30s")
SUMMER_BANK_HOLIDAY = moment("bank-holiday", "2026-08-30T23:30", "2026-08-31",
                             "00:30 BST on Monday 31 August, a bank holiday (Sunday in UTC)")
CHRISTMAS = moment("christmas", "2026-12-25T00:30", "2026-12-25",
                   "00:30 on Christmas Day, a Friday: the next working day is Tuesday 29th")
YEAR_END = moment("year-end", "2026-03-31T22:30", "2026-03-31",
                  "23:30 BST on 31 March, the last day of the financial year 2025-26")
NEW_YEAR_NIGHT = moment("year-start", "2026-03-31T23:30", "2026-04-01",
                        "00:30 BST on 1 April: a new financial year in the UK, not yet in UTC")

# Every test runs at this moment unless it asks for another.
DEFAULT = WINTER_NIGHT

EVERY_MOMENT = (WINTER_NIGHT, WINTER_EVENING, SUMMER_NIGHT, SUMMER_EVENING, CLOCKS_GO_FORWARD,
                CLOCKS_GO_BACK, SUMMER_BANK_HOLIDAY, CHRISTMAS, YEAR_END, NEW_YEAR_NIGHT)
# Where "tomorrow at 09:30" and "a day from now" part company.
SCHEDULING = (WINTER_NIGHT, SUMMER_NIGHT, WINTER_EVENING, CLOCKS_GO_FORWARD, CLOCKS_GO_BACK,
              NEW_YEAR_NIGHT)
# Where the UK's day differs from UTC's, or the clocks change within the hour.
DAY_BOUNDARIES = (WINTER_NIGHT, SUMMER_NIGHT, SUMMER_EVENING, CLOCKS_GO_BACK,
                  SUMMER_BANK_HOLIDAY)


def at_moments(*chosen: Moment) -> pytest.MarkDecorator:
    """Run the test once at each of these moments (the `clock` fixture travels there)."""
    return pytest.mark.parametrize("clock", chosen, indirect=True, ids=str)


def uk_moment(day: date, clock_time: str) -> datetime:
    """A time on the wall clock in England and Wales, as a UTC instant."""
    local = datetime.combine(day, time.fromisoformat(clock_time), UK_TIME)
    return local.astimezone(UTC)
