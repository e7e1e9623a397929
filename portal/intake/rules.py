"""Rules of public intake that need no request: reference numbers, deadlines, time limits."""

import secrets
from datetime import date, timedelta

# No 0/O, 1/I/L or U/V pairs: a reference read out over the phone is heard right.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
REFERENCE_PREFIX = {"complaint": "C", "compliment": "K", "review": "R"}
REVIEW_WINDOW_DAYS = 28
COMPLAINT_TIME_LIMIT_MONTHS = 12


def new_reference(kind: str) -> str:
    """A short, random reference such as C-7KQ2-9XD4 (29⁸, about 500 billion, per kind)."""
    characters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX[kind]}-{characters[:4]}-{characters[4:]}"


def review_deadline(letter_date: date) -> date:
    """The last day a review request is in time: 28 days counting from the day after the
    date on the outcome letter."""
    return letter_date + timedelta(days=REVIEW_WINDOW_DAYS)


def more_than_months_ago(day: date, months: int, today: date) -> bool:
    """Whether `day` is more than `months` calendar months before `today`."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    limit_day = min(today.day, _days_in_month(year, month))
    return day < date(year, month, limit_day)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def is_outside_complaint_time_limit(day: date, today: date) -> bool:
    return more_than_months_ago(day, COMPLAINT_TIME_LIMIT_MONTHS, today)
