"""HMICFRS reports: the section 55 clock on the Commissioner's response, the reminders
sent as it runs down, and the recommendations each report makes, with their chain.

Section 55(5A) of the Police Act 1996: the Commissioner's comments, the Chief
Constable's comments and the response are published "before the end of the period of
56 days beginning with the day on which the report is published", so the report's own
day is day 1 and the last day is the publication date plus 55 days. The period and the
reminder days are settings, passed in; today is always passed in, never read here.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from content.models import Inspection, InspectionRecommendation

# The clock's states, in words the public and staff read.
RESPONSE_DUE = "response due"
DUE_SOON = "due soon"
OVERDUE = "overdue"
ON_TIME = "responded on time"
LATE = "responded late"
NO_CLOCK = "no response required"
CLOCK_STATUSES = (RESPONSE_DUE, DUE_SOON, OVERDUE, ON_TIME, LATE)


@dataclass(frozen=True)
class ResponseClock:
    """Where a report's response stands on a day."""

    last_day: date
    # Days from today to the last day: 0 on the last day, negative once it has passed.
    days_left: int
    status: str
    responded_on: date | None

    @property
    def is_open(self) -> bool:
        return self.responded_on is None


def last_day(published: date, period_days: int) -> date:
    """The last day of a period of `period_days` days beginning with `published`."""
    return published + timedelta(days=period_days - 1)


def response_clock(published: date, responded_on: date | None, today: date,
                   period_days: int, due_soon_days: int) -> ResponseClock:
    """The clock on a response: due, due soon (within `due_soon_days` of the last day),
    overdue, or, once published, whether it came on time."""
    end = last_day(published, period_days)
    days_left = (end - today).days
    if responded_on is not None:
        status = ON_TIME if responded_on <= end else LATE
    elif days_left < 0:
        status = OVERDUE
    elif days_left <= due_soon_days:
        status = DUE_SOON
    else:
        status = RESPONSE_DUE
    return ResponseClock(end, days_left, status, responded_on)


@dataclass(frozen=True)
class ClockRules:
    """The settings the clock and its reminders follow."""

    period_days: int = 56
    # Days before the last day on which the response owner is reminded, e.g. (21, 7).
    reminder_days: tuple[int, ...] = (21, 7)

    @property
    def due_soon_days(self) -> int:
        """A response is due soon once its first reminder is due."""
        return max(self.reminder_days, default=0)


def clock_of(inspection: Inspection, today: date, rules: ClockRules) -> ResponseClock | None:
    """The report's clock, or None when the force is not a subject of it (no response is
    required of the Commissioner then)."""
    if not inspection.force_is_subject:
        return None
    return response_clock(inspection.date, inspection.response_published_on, today,
                          rules.period_days, rules.due_soon_days)


def reminders_due(inspection: Inspection, today: date, rules: ClockRules,
                  already_sent: Iterable[int]) -> list[int]:
    """The reminders (by days before the last day) to send today for this report: each
    whose day has come, not yet sent, while the response is still awaited and the clock
    has not run out. A reminder whose day passed while none was sent goes now, once;
    only the latest of several missed goes, since the earlier ones say less."""
    clock = clock_of(inspection, today, rules)
    if clock is None or not clock.is_open or clock.days_left < 0 or not inspection.is_published:
        return []
    sent = set(already_sent)
    come = sorted(days for days in rules.reminder_days if clock.days_left <= days)
    if not come or come[0] in sent:
        return []
    return [come[0]]


def reminder_message(inspection: Inspection, clock: ResponseClock, office: str,
                     address: str) -> dict[str, str]:
    """The reminder email to the response owner."""
    days = "today" if clock.days_left == 0 else (
        f"in {clock.days_left} day{'s' if clock.days_left != 1 else ''}")
    lines = [
        f"The response to the HMICFRS report “{inspection.title}” must be published by "
        f"{_day(clock.last_day)} ({days}).",
        "",
        "Section 55 of the Police Act 1996 asks the Commissioner to publish their comments, "
        "the Chief Constable's comments and the response within 56 days of the report, "
        "explaining for every recommendation what action has been or will be taken, or why "
        "none.",
        "",
        f"Publish the response here: {address}",
        "",
        office,
    ]
    return {"purpose": "hmicfrs reminder", "recipient": inspection.response_owner_email,
            "subject": f"Response due by {_day(clock.last_day)}: {inspection.title}",
            "body": "\n".join(lines) + "\n"}


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


# Recommendations

def unexplained(recommendations: Sequence[dict[str, Any]]) -> list[int]:
    """The rows (counting from 1) of recommendations with no response saying what action
    has been or will be taken, or why none: the response cannot be published without."""
    return [number for number, row in enumerate(recommendations, start=1)
            if row.get("finding") == "recommendation"
            and not str(row.get("response") or "").strip()]


RECOMMENDATION_COLUMNS = ("label", "text", "finding", "response", "owner", "due", "status",
                          "progress", "closure_evidence", "closed_on", "scrutiny")


def _as_stored(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row.get(name) if row.get(name) is not None else _EMPTY.get(name)
                 for name in RECOMMENDATION_COLUMNS)


_EMPTY: dict[str, Any] = {"response": "", "owner": "", "closure_evidence": "", "scrutiny": "",
                          "progress": [], "status": "open"}


def set_recommendations(inspection: Inspection, rows: Sequence[dict[str, Any]]) -> bool:
    """Replace a report's recommendations; returns whether anything changed."""
    wanted = [_as_stored(row) for row in rows]
    current = [tuple(getattr(item, name) for name in RECOMMENDATION_COLUMNS)
               for item in inspection.recommendations]
    if wanted == current:
        return False
    inspection.recommendations = [
        InspectionRecommendation(position=position, **dict(zip(RECOMMENDATION_COLUMNS, values,
                                                               strict=True)))
        for position, values in enumerate(wanted, start=1)]
    return True


def recommendation_rows(inspection: Inspection) -> list[dict[str, Any]]:
    """A report's recommendations as the rows `set_recommendations` takes."""
    return [{name: getattr(item, name) for name in RECOMMENDATION_COLUMNS}
            for item in inspection.recommendations]
