"""The statutory and local clocks on a case, in working days (England and Wales)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import holidays

from content.dates import uk_date


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The working day that is `days` working days after `start` (start itself not counted)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1)
               if is_working_day(start + timedelta(days=offset)))


@dataclass(frozen=True)
class Targets:
    acknowledge_working_days: int = 5
    assess_working_days: int = 10
    update_every_days: int = 28
    review_working_days: int = 28


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    today: date

    @property
    def overdue(self) -> bool:
        return self.due < self.today

    def describe(self) -> str:
        if self.due == self.today:
            return "due today"
        days = working_days_between(self.today, self.due)
        if self.overdue:
            late = working_days_between(self.due, self.today)
            return f"{late} working day{'s' if late != 1 else ''} overdue"
        return f"{days} working day{'s' if days != 1 else ''} left"


STANDARD_TARGETS = Targets()


def targets_from(config: Mapping[str, Any]) -> Targets:
    """The targets set by ACKNOWLEDGE_WITHIN_DAYS and the other settings."""
    return Targets(**config.get("CASE_TARGETS", {}))


def acknowledge_by(received_at: datetime, targets: Targets) -> date:
    """When a person will hear from us: the acknowledgement deadline on the queue."""
    return add_working_days(uk_date(received_at), targets.acknowledge_working_days)


def next_deadline(kind: str, status: str, received: date, last_update: date | None,
                  today: date, targets: Targets = STANDARD_TARGETS) -> Deadline | None:
    """The next thing the Resolution Team owes this person, and by when; None once closed."""
    if status == "closed":
        return None
    if status == "received":
        return Deadline("Acknowledge", add_working_days(received, targets.acknowledge_working_days),
                        today)
    if kind == "review":
        return Deadline("Conclude the review",
                        add_working_days(received, targets.review_working_days), today)
    if kind == "complaint" and status == "acknowledged":
        return Deadline("Make initial contact and assess",
                        add_working_days(received, targets.assess_working_days), today)
    if kind == "compliment":
        return Deadline("Pass on and close",
                        add_working_days(received, targets.acknowledge_working_days), today)
    since = last_update or received
    return Deadline("Send an update", since + timedelta(days=targets.update_every_days), today)
