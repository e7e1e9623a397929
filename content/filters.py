"""Listing filters read from plain query-string mappings, with problems a person can fix.

A bad value never raises: it is reported as a FilterProblem and left out of the filter.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from content.dates import FinancialYear, InvalidDate, parse_date
from content.models import INSPECTION_TYPES, RECOMMENDATION_STATUSES, SCRUTINY_KINDS

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

    def date(self, name: str, label: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return parse_date(value, allow_uk=True)
        except InvalidDate:
            self.problems.append(FilterProblem(
                name, f"{label} must be a real date, for example 2025-03-05 or 5/3/2025"))
            return None

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
