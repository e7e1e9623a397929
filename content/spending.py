"""Spending over the threshold: the named queries of a collection that runs to hundreds of
thousands of lines, and the totals of whatever its filters match.

Every query reads published lines through an index that starts with the column it
narrows by; the totals are sums over the filtered set (never only the page shown), so
they add up to the penny with the CSV of the same filters.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, extract, func, select
from sqlalchemy.orm import Session

from content.filters import Paging, SpendingFilters
from content.models import Spending
from content.queries import Page, _each, _page

# How many suppliers the totals name; the rest are added up in one line.
SUPPLIERS_NAMED = 15


@dataclass(frozen=True)
class Total:
    """The lines that share a supplier, category or month: how many, and their sum."""

    label: str
    lines: int
    pence: int
    # The filter value that narrows the listing to these lines (None: cannot be narrowed).
    value: str | None = None


@dataclass(frozen=True)
class SpendingTotals:
    lines: int
    pence: int
    by_supplier: list[Total]
    by_category: list[Total]
    by_month: list[Total]


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(filters: SpendingFilters) -> list[Any]:
    conditions: list[Any] = [Spending.published_at.is_not(None)]
    bounds = filters.date_bounds()
    if bounds:
        conditions.append(Spending.date.between(*bounds))
    for name in ("body", "supplier", "category"):
        if getattr(filters, name):
            conditions.append(getattr(Spending, name) == getattr(filters, name))
    if filters.min_pence is not None:
        conditions.append(Spending.amount_pence >= filters.min_pence)
    if filters.max_pence is not None:
        conditions.append(Spending.amount_pence <= filters.max_pence)
    for word in (filters.words or "").split():
        pattern = f"%{_escaped(word)}%"
        conditions.append(Spending.supplier.ilike(pattern, escape="\\")
                          | Spending.purpose.ilike(pattern, escape="\\")
                          | (Spending.reference == word))
    return conditions


def _spending(filters: SpendingFilters) -> Select[Spending]:
    return (select(Spending).where(and_(*_conditions(filters)))
            .order_by(Spending.date.desc(), Spending.id.desc()))


def list_spending(session: Session, filters: SpendingFilters,
                  paging: Paging) -> Page[Spending]:
    return _page(session, _spending(filters), paging)


def each_spending(session: Session, filters: SpendingFilters) -> Iterator[Spending]:
    return _each(session, _spending(filters))


def get_spending(session: Session, reference: str) -> Spending | None:
    return session.scalar(select(Spending).where(
        Spending.reference == reference, Spending.published_at.is_not(None)))


def _grouped(session: Session, filters: SpendingFilters, *columns: Any) -> list[Any]:
    amount = func.sum(Spending.amount_pence)
    statement = (select(*columns, func.count(), amount)
                 .where(and_(*_conditions(filters))).group_by(*columns))
    return list(session.execute(statement))


def spending_totals(session: Session, filters: SpendingFilters) -> SpendingTotals:
    """The number and sum of the lines the filters match, by supplier (the largest first,
    the rest in one line), by category and by month (the latest first)."""
    suppliers = sorted(_grouped(session, filters, Spending.supplier),
                       key=lambda row: (-row[2], row[0]))
    by_supplier = [Total(name, lines, pence, name)
                   for name, lines, pence in suppliers[:SUPPLIERS_NAMED]]
    rest = suppliers[SUPPLIERS_NAMED:]
    if rest:
        by_supplier.append(Total(f"The other {len(rest):,} suppliers",
                                 sum(row[1] for row in rest), sum(row[2] for row in rest)))
    categories = sorted(_grouped(session, filters, Spending.category),
                        key=lambda row: (-row[2], row[0]))
    year, month = extract("year", Spending.date), extract("month", Spending.date)
    months = sorted(_grouped(session, filters, year, month), reverse=True)
    return SpendingTotals(
        lines=sum(row[1] for row in categories), pence=sum(row[2] for row in categories),
        by_supplier=by_supplier,
        by_category=[Total(name, lines, pence, name) for name, lines, pence in categories],
        by_month=[Total(date(int(y), int(m), 1).strftime("%B %Y"), lines, pence,
                        f"{int(y):04d}-{int(m):02d}") for y, m, lines, pence in months],
    )


def spending_span(session: Session) -> tuple[date, date] | None:
    """The first and last day with published spending (each read from the index alone)."""
    published = Spending.published_at.is_not(None)
    first = session.scalar(select(func.min(Spending.date)).where(published))
    last = session.scalar(select(func.max(Spending.date)).where(published))
    return (first, last) if first and last else None


def latest_spending(session: Session, count: int = 5) -> Sequence[Spending]:
    return session.scalars(_spending(SpendingFilters()).limit(count)).all()
