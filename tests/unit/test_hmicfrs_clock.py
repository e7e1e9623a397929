"""The section 55 clock on the response to an HMICFRS report, and its reminders, worked out
without a request or a database: 56 days beginning with the day the report is published."""

from datetime import UTC, date, datetime, timedelta

import pytest

from content.inspections import (
    DUE_SOON,
    LATE,
    ON_TIME,
    OVERDUE,
    RESPONSE_DUE,
    ClockRules,
    clock_of,
    last_day,
    reminders_due,
    response_clock,
    unexplained,
)
from content.models import Inspection

PUBLISHED = date(2026, 3, 2)
LAST_DAY = date(2026, 4, 26)  # 2 March is day 1, so day 56 is 26 April
RULES = ClockRules(period_days=56, reminder_days=(21, 7))


def on(day: date, responded: date | None = None) -> str:
    return response_clock(PUBLISHED, responded, day, 56, 21).status


def before_last_day(days: int) -> date:
    return LAST_DAY - timedelta(days=days)


def test_the_period_begins_with_the_day_the_report_is_published():
    assert last_day(PUBLISHED, 56) == LAST_DAY == PUBLISHED + timedelta(days=55)
    # Across a year end and a leap day alike.
    assert last_day(date(2027, 12, 1), 56) == date(2028, 1, 25)
    assert last_day(date(2028, 2, 1), 56) == date(2028, 3, 27)


def test_the_period_is_a_setting():
    assert last_day(PUBLISHED, 28) == date(2026, 3, 29)
    assert response_clock(PUBLISHED, None, date(2026, 3, 30), 28, 7).status == OVERDUE


@pytest.mark.parametrize(("day", "status", "days_left"), [
    (PUBLISHED, RESPONSE_DUE, 55),
    (before_last_day(22), RESPONSE_DUE, 22),
    (before_last_day(21), DUE_SOON, 21),
    (before_last_day(7), DUE_SOON, 7),
    (LAST_DAY, DUE_SOON, 0),
    (LAST_DAY + timedelta(days=1), OVERDUE, -1),
])
def test_an_awaited_response_is_due_then_due_soon_then_overdue_the_day_after_the_last(
        day, status, days_left):
    clock = response_clock(PUBLISHED, None, day, 56, 21)
    assert (clock.status, clock.days_left, clock.last_day) == (status, days_left, LAST_DAY)
    assert clock.is_open


def test_a_response_published_on_the_last_day_is_on_time_and_the_day_after_late():
    assert on(date(2026, 6, 1), responded=LAST_DAY) == ON_TIME
    assert on(date(2026, 6, 1), responded=LAST_DAY + timedelta(days=1)) == LATE
    # However long ago, the status says how it went, not how long since.
    assert on(date(2030, 1, 1), responded=PUBLISHED) == ON_TIME


def test_a_report_of_which_the_force_is_not_a_subject_has_no_clock():
    report = Inspection(date=PUBLISHED, force_is_subject=False, published_at=None)
    assert clock_of(report, LAST_DAY, RULES) is None
    assert reminders_due(report, before_last_day(7), RULES, []) == []


def published_report(**fields) -> Inspection:
    return Inspection(date=PUBLISHED, force_is_subject=True,
                      published_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), **fields)


@pytest.mark.parametrize(("days_before", "sent", "due"), [
    (22, [], []),
    (21, [], [21]),
    (21, [21], []),
    (8, [21], []),
    (7, [21], [7]),
    (7, [21, 7], []),
    (0, [21, 7], []),
    # A worker that was not running on the day: the reminder goes late, once, and only the
    # latest of those missed.
    (15, [], [21]),
    (3, [], [7]),
    (3, [7], []),
])
def test_reminders_go_21_and_7_days_before_the_last_day_each_once(days_before, sent, due):
    assert reminders_due(published_report(), before_last_day(days_before), RULES, sent) == due


def test_no_reminder_once_the_clock_has_run_out_or_the_response_is_published():
    assert reminders_due(published_report(), LAST_DAY + timedelta(days=1), RULES, []) == []
    responded = published_report(response_published_on=before_last_day(30))
    assert reminders_due(responded, before_last_day(7), RULES, [21]) == []


def test_no_reminder_about_a_report_not_yet_published_here():
    draft = Inspection(date=PUBLISHED, force_is_subject=True, published_at=None)
    assert reminders_due(draft, before_last_day(7), RULES, []) == []


def test_due_soon_starts_with_the_first_reminder():
    assert ClockRules(56, (30, 10)).due_soon_days == 30
    assert ClockRules(56, ()).due_soon_days == 0


def test_every_recommendation_needs_its_response_but_an_area_for_improvement_does_not():
    rows = [{"finding": "recommendation", "response": "Accepted."},
            {"finding": "recommendation", "response": "  "},
            {"finding": "area for improvement", "response": ""},
            {"finding": "recommendation"}]
    assert unexplained(rows) == [2, 4]
