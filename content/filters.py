"""Listing filters read from plain query-string mappings, with problems a person can fix.

A bad value never raises: it is reported as a FilterProblem and left out of the filter.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

from content.dates import FinancialYear, InvalidDate, parse_date, uk_today
from content.models import (
    CONTRACT_STATUSES,
    GIFT_KINDS,
    GIFT_OUTCOMES,
    INSPECTION_TYPES,
    MINUTES_STATUSES,
    RECOMMENDATION_STATUSES,
    SCRUTINY_KINDS,
    SPENDING_BODIES,
    TENDER_STATUSES,
)
from content.money import InvalidAmount, parse_pence

MAX_PER_PAGE = 1000


@dataclass(frozen=True)
class FilterProblem:
    field: str
    message: str


@dataclass
class ArgsReader:
    """Reads values from a query string, collecting a FilterProblem for each bad one."""

    args: Mapping[str, str]
    problems: list[FilterProblem] = field(default_factory=list)

    def text(self, name: str) -> str | None:
        value = (self.args.get(name) or "").strip()
        return value[:200] or None

    def whole_number(self, name: str, label: str, low: int, high: int) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            message = f"{label} must be a number from {low} to {high}"
            self.problems.append(FilterProblem(name, message))
            return None
        return int(value)

    def year(self, name: str = "year") -> int | None:
        return self.whole_number(name, "Year", 1990, 2100)

    def choice(self, name: str, label: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        for option in allowed:
            if option.lower() == value.lower():
                return option
        self.problems.append(FilterProblem(name, f"{label} must be one of: {', '.join(allowed)}"))
        return None

    def yes(self, name: str) -> bool:
        return self.choice(name, "This option", ("yes", "no")) == "yes"

    def date_of(self, value: str, name: str, label: str) -> date | None:
        try:
            return parse_date(value, allow_uk=True)
        except InvalidDate:
            self.problems.append(FilterProblem(
                name, f"{label} must be a real date, for example 2025-03-05 or 5/3/2025"))
            return None

    def date(self, name: str, label: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        return self.date_of(value, name, label)

    def financial_year(self, name: str = "financial_year") -> FinancialYear | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return FinancialYear.parse(value)
        except ValueError as error:
            self.problems.append(FilterProblem(name, str(error)))
            return None


@dataclass(frozen=True)
class Paging:
    number: int = 1
    size: int = 25

    @classmethod
    def from_args(cls, args: Mapping[str, str], default_size: int,
                  problems: list[FilterProblem]) -> "Paging":
        reader = ArgsReader(args, problems)
        number = reader.whole_number("page", "Page", 1, 1_000_000) or 1
        size = reader.whole_number("per_page", "Results per page", 1, MAX_PER_PAGE) or default_size
        return cls(number, size)


@dataclass(frozen=True)
class DecisionFilters:
    year: int | None = None
    decision_maker: str | None = None
    category: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["DecisionFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.year(), reader.text("decision_maker"), reader.text("category"))
        return filters, reader.problems


@dataclass(frozen=True)
class ExpenseFilters:
    claimant: str | None = None
    category: str | None = None
    financial_year: FinancialYear | None = None
    quarter: int | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["ExpenseFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        financial_year = reader.financial_year()
        quarter = reader.whole_number("quarter", "Quarter", 1, 4)
        if quarter is not None and financial_year is None and "financial_year" not in args:
            reader.problems.append(FilterProblem(
                "quarter", "Choose a financial year as well as a quarter"))
            quarter = None
        filters = cls(reader.text("claimant"), reader.text("category"), financial_year, quarter)
        return filters, reader.problems

    def date_bounds(self) -> tuple[date, date] | None:
        if self.financial_year is None:
            return None
        if self.quarter is None:
            return self.financial_year.first_day, self.financial_year.last_day
        return self.financial_year.quarter_bounds(self.quarter)


POLICY_STATUSES = ("current", "superseded", "all")


@dataclass(frozen=True)
class PolicyFilters:
    status: str = "current"
    owner: str | None = None
    review_overdue: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["PolicyFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        status = reader.choice("status", "Status", POLICY_STATUSES) or "current"
        filters = cls(status, reader.text("owner"), reader.yes("review_overdue"))
        return filters, reader.problems


@dataclass(frozen=True)
class ScrutinyFilters:
    kind: str | None = None
    year: int | None = None
    open_actions: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["ScrutinyFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.choice("kind", "Type of scrutiny", SCRUTINY_KINDS), reader.year(),
                      reader.yes("open_actions"))
        return filters, reader.problems


@dataclass(frozen=True)
class InspectionFilters:
    inspection_type: str | None = None
    year: int | None = None
    open_recommendations: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["InspectionFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.choice("inspection_type", "Type of inspection", INSPECTION_TYPES),
                      reader.year(), reader.yes("open_recommendations"))
        return filters, reader.problems


@dataclass(frozen=True)
class RecommendationFilters:
    """The recommendation tracker: open ones (not closed) unless a status is chosen."""

    report: str | None = None
    status: str | None = None
    owner: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["RecommendationFilters",
                                                          list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.text("report"),
                      reader.choice("status", "Status", RECOMMENDATION_STATUSES),
                      reader.text("owner"))
        return filters, reader.problems


@dataclass(frozen=True)
class GiftFilters:
    financial_year: FinancialYear | None = None
    outcome: str | None = None
    recipient: str | None = None
    kind: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["GiftFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.financial_year(),
                      reader.choice("outcome", "Accepted or declined", GIFT_OUTCOMES),
                      reader.text("recipient"),
                      reader.choice("kind", "Gift or hospitality", GIFT_KINDS))
        return filters, reader.problems


INTEREST_SHOWN = ("current", "ended", "all")
DATE_BOXES = ("on-day", "on-month", "on-year")


@dataclass(frozen=True)
class InterestFilters:
    """Which interests the register shows: by default those on it today (`show`), or, given
    a day (`on`), the register as it stood that day."""

    show: str = "current"
    on: date | None = None
    holder: str | None = None
    category: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["InterestFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        show = reader.choice("show", "Interests shown", INTEREST_SHOWN) or "current"
        filters = cls(show, _register_day(reader), reader.text("holder"),
                      reader.text("category"))
        return filters, reader.problems


def _register_day(reader: ArgsReader) -> date | None:
    """The day asked for, as `on=2025-03-31` or typed into the day, month and year boxes."""
    boxes = [(reader.args.get(name) or "").strip() for name in DATE_BOXES]
    if not any(boxes):
        day = reader.date("on", "The date")
    elif not all(boxes):
        missing = [name.removeprefix("on-") for name, typed in zip(DATE_BOXES, boxes,
                                                                   strict=True) if not typed]
        reader.problems.append(FilterProblem(
            "on", f"The date must include a {' and '.join(missing)}"))
        return None
    else:
        day = reader.date_of("/".join(boxes), "on", "The date")
    if day is not None and day > uk_today():
        reader.problems.append(FilterProblem("on", "The date must be today or in the past"))
        return None
    return day


@dataclass(frozen=True)
class BudgetFilters:
    financial_year: FinancialYear | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["BudgetFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        return cls(reader.financial_year()), reader.problems


MEETING_TIMES = ("forthcoming", "past")


@dataclass(frozen=True)
class MeetingFilters:
    body: str | None = None
    year: int | None = None
    # Forthcoming (today or later) or past meetings; both when not given.
    when: str | None = None
    minutes: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["MeetingFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.text("body"), reader.year(),
                      reader.choice("when", "Forthcoming or past", MEETING_TIMES),
                      reader.choice("minutes", "Minutes", MINUTES_STATUSES))
        return filters, reader.problems


# Which posts a listing of the office's people shows.
POST_GROUPS = ("Office holders", "Senior staff", "Other posts")


@dataclass(frozen=True)
class PostFilters:
    group: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["PostFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        return cls(reader.choice("group", "Type of post", POST_GROUPS)), reader.problems


@dataclass(frozen=True)
class StaffNumberFilters:
    financial_year: FinancialYear | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]
                  ) -> tuple["StaffNumberFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        return cls(reader.financial_year()), reader.problems


def _month(reader: ArgsReader, name: str = "month") -> date | None:
    """A calendar month written YYYY-MM (e.g. 2026-03), as its first day."""
    value = reader.text(name)
    if value is None:
        return None
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        reader.problems.append(FilterProblem(
            name, "Month must be a year and month, for example 2026-03"))
        return None


def _pounds(reader: ArgsReader, name: str, label: str) -> int | None:
    """An amount of pounds typed into a filter, as pence."""
    value = reader.text(name)
    if value is None:
        return None
    try:
        return parse_pence(value)
    except InvalidAmount:
        reader.problems.append(FilterProblem(
            name, f"{label} must be an amount in pounds, for example 1000 or 2500.50"))
        return None


@dataclass(frozen=True)
class SpendingFilters:
    financial_year: FinancialYear | None = None
    month: date | None = None
    body: str | None = None
    supplier: str | None = None
    category: str | None = None
    min_pence: int | None = None
    max_pence: int | None = None
    words: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["SpendingFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.financial_year(), _month(reader),
                      reader.choice("body", "Spent by", SPENDING_BODIES),
                      reader.text("supplier"), reader.text("category"),
                      _pounds(reader, "min_amount", "The smallest amount"),
                      _pounds(reader, "max_amount", "The largest amount"),
                      reader.text("words"))
        if None not in (filters.min_pence, filters.max_pence) and \
                filters.min_pence > filters.max_pence:  # type: ignore[operator]
            reader.problems.append(FilterProblem(
                "max_amount", "The largest amount must be more than the smallest amount"))
        return filters, reader.problems

    def date_bounds(self) -> tuple[date, date] | None:
        """The days the year and month filters allow (both given: the days in both)."""
        bounds = None
        if self.financial_year is not None:
            bounds = (self.financial_year.first_day, self.financial_year.last_day)
        if self.month is not None:
            month_end = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1) \
                - timedelta(days=1)
            bounds = (max(bounds[0], self.month), min(bounds[1], month_end)) if bounds \
                else (self.month, month_end)
        return bounds


@dataclass(frozen=True)
class GrantFilters:
    financial_year: FinancialYear | None = None
    fund: str | None = None
    recipient: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["GrantFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.financial_year(), reader.text("fund"), reader.text("recipient"))
        return filters, reader.problems


# The two lists of contracts the Order asks for: those over the threshold, each published
# with a copy, and the list of those at or under it.
CONTRACT_BANDS = ("over", "up-to")
DEFAULT_CONTRACT_THRESHOLD_PENCE = 1_000_000


@dataclass(frozen=True)
class ContractFilters:
    band: str | None = None
    status: str | None = None
    supplier: str | None = None
    procurement_route: str | None = None
    financial_year: FinancialYear | None = None
    # Not read from the address: the setting that divides the bands (in pence).
    threshold_pence: int = DEFAULT_CONTRACT_THRESHOLD_PENCE
    SETTINGS: ClassVar[dict[str, str]] = {"threshold_pence": "CONTRACT_THRESHOLD"}

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["ContractFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.choice("band", "Value", CONTRACT_BANDS),
                      reader.choice("status", "Status", CONTRACT_STATUSES),
                      reader.text("supplier"), reader.text("procurement_route"),
                      reader.financial_year())
        return filters, reader.problems


@dataclass(frozen=True)
class TenderFilters:
    status: str | None = None
    financial_year: FinancialYear | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple["TenderFilters", list[FilterProblem]]:
        reader = ArgsReader(args)
        filters = cls(reader.choice("status", "Status", TENDER_STATUSES),
                      reader.financial_year())
        return filters, reader.problems
