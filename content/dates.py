"""Dates as the OPCC uses them: ISO or UK-style input, and financial years from 1 April."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class InvalidDate(ValueError):
    """A date that cannot be read."""


def parse_date(value: object, *, allow_uk: bool = False) -> date:
    """Read YYYY-MM-DD (and, when allowed, DD/MM/YYYY as OPCC spreadsheets write it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InvalidDate("write the date as YYYY-MM-DD, for example 2025-03-05")
    text = value.strip()
    uk = _UK_DATE.match(text) if allow_uk else None
    try:
        if uk:
            day, month, year = (int(part) for part in uk.groups())
            return date(year, month, day)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError as error:
        expected = "YYYY-MM-DD or DD/MM/YYYY" if allow_uk else "YYYY-MM-DD"
        raise InvalidDate(f"\"{value}\" is not a real date; write it as {expected}") from error


# England and Wales, where the OPCC works and its clocks and deadlines run.
UK_TIME = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    return datetime.now(UTC)


def uk_date(moment: datetime) -> date:
    """The day a moment falls on in England and Wales."""
    return moment.astimezone(UK_TIME).date()


def uk_today() -> date:
    """Today in England and Wales, whatever time zone the server is set to (often UTC,
    which is an hour behind in summer)."""
    return uk_date(utcnow())


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK public-sector financial year, 1 April to 31 March, named by its first year."""

    start_year: int

    @classmethod
    def of(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> "FinancialYear":
        """Read "2024-25", "2024/25" or "2024"."""
        match = re.fullmatch(r"(\d{4})(?:[-/](\d{2}))?", label.strip())
        if not match:
            raise ValueError(f"\"{label}\" is not a financial year; write it like 2024-25")
        start = int(match.group(1))
        if match.group(2) and int(match.group(2)) != (start + 1) % 100:
            raise ValueError(f"\"{label}\" is not a financial year; write it like 2024-25")
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def quarter_bounds(self, quarter: int) -> tuple[date, date]:
        """Quarter 1 is April to June; quarter 4 is January to March."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError("a quarter is 1, 2, 3 or 4")
        starts = [date(self.start_year, 4, 1), date(self.start_year, 7, 1),
                  date(self.start_year, 10, 1), date(self.start_year + 1, 1, 1),
                  date(self.start_year + 1, 4, 1)]
        return starts[quarter - 1], date.fromordinal(starts[quarter].toordinal() - 1)


def quarter_of(day: date) -> int:
    return ((day.month - 4) % 12) // 3 + 1
