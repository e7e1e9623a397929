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

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from content.filters import Paging, SpendingFilters
from content.models import Spending
from content.queries import Page, _each

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


# Lines found by their words are remembered by id when there are at most this many, so the
# page and each total read them by id instead of reading every line's words again.
WORDS_REMEMBERED = 30_000
_FOUND_BY_WORDS = "spending_found_by_words"


def _word_conditions(words: str) -> list[Any]:
    conditions = []
    for word in words.split():
        pattern = f"%{_escaped(word)}%"
        conditions.append(Spending.supplier.ilike(pattern, escape="\\")
                          | Spending.purpose.ilike(pattern, escape="\\")
                          | (Spending.reference == word))
    return conditions


def _found_by_words(session: Session, words: str) -> list[Any]:
    """The words filter as a condition: the ids of the lines whose supplier, purpose or
    reference holds every word, found by one pass over the lines and kept (in
    `session.info`) for the rest of the transaction — a request's page and its totals —
    or the words themselves when too many lines match."""
    session.connection()  # begins the transaction, if none has begun
    transaction = session.get_transaction()
    kept = session.info.get(_FOUND_BY_WORDS)
    if kept is None or kept[0] is not transaction:
        kept = session.info[_FOUND_BY_WORDS] = (transaction, {})
    found: dict[str, list[int] | None] = kept[1]
    if words not in found:
        matching = list(session.scalars(select(Spending.id).where(*_word_conditions(words))
                                        .limit(WORDS_REMEMBERED + 1)))
        found[words] = matching if len(matching) <= WORDS_REMEMBERED else None
    remembered = found[words]
    return _word_conditions(words) if remembered is None else [Spending.id.in_(remembered)]


def _conditions(filters: SpendingFilters, session: Session | None = None) -> list[Any]:
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
    if filters.words:
        conditions.extend(_found_by_words(session, filters.words) if session is not None
                          else _word_conditions(filters.words))
    return conditions


def _spending(filters: SpendingFilters) -> Select[Spending]:
    return (select(Spending).where(and_(*_conditions(filters)))
            .order_by(Spending.date.desc(), Spending.id.desc()))


def list_spending(session: Session, filters: SpendingFilters,
                  paging: Paging) -> Page[Spending]:
    """One page of the lines: their ids are found in the index first, so a page far down
    the listing skips index entries rather than whole lines."""
    conditions = _conditions(filters, session)
    total = session.scalar(select(func.count(Spending.id)).where(and_(*conditions))) or 0
    ids = (select(Spending.id).where(and_(*conditions))
           .order_by(Spending.date.desc(), Spending.id.desc())
           .limit(paging.size).offset((paging.number - 1) * paging.size))
    items = session.scalars(select(Spending).where(Spending.id.in_(ids))
                            .order_by(Spending.date.desc(), Spending.id.desc())).all()
    return Page(items, total, paging.number, paging.size)


def each_spending(session: Session, filters: SpendingFilters) -> Iterator[Spending]:
    return _each(session, _spending(filters))


def get_spending(session: Session, reference: str) -> Spending | None:
    return session.scalar(select(Spending).where(
        Spending.reference == reference, Spending.published_at.is_not(None)))


def _grouped(session: Session, filters: SpendingFilters, column: Any) -> list[Any]:
    """(value, lines, pence) of the matching lines for each value of `column`, read from
    the index that starts with it."""
    statement = (select(column, func.count(), func.sum(Spending.amount_pence))
                 .where(and_(*_conditions(filters, session))).group_by(column))
    return [tuple(row) for row in session.execute(statement)]


def _largest_first(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def _by_month(days: list[Any]) -> list[Total]:
    """Totals by day added up by month, the latest first (grouping by the day reads the
    date index in order; a month worked out for each line would sort every line)."""
    months: dict[date, list[int]] = {}
    for day, lines, pence in days:
        totals = months.setdefault(day.replace(day=1), [0, 0])
        totals[0] += lines
        totals[1] += pence
    return [Total(first.strftime("%B %Y"), lines, pence, first.strftime("%Y-%m"))
            for first, (lines, pence) in sorted(months.items(), reverse=True)]


def spending_totals(session: Session, filters: SpendingFilters,
                    suppliers_named: int | None = SUPPLIERS_NAMED) -> SpendingTotals:
    """The number and sum of the lines the filters match, by supplier (the largest first;
    past `suppliers_named` of them, the rest in one line), by category and by month (the
    latest first)."""
    suppliers = _largest_first(_grouped(session, filters, Spending.supplier))
    categories = _largest_first(_grouped(session, filters, Spending.category))
    named = len(suppliers) if suppliers_named is None else suppliers_named
    by_supplier = [Total(name, lines, pence, name) for name, lines, pence in suppliers[:named]]
    rest = suppliers[named:]
    if rest:
        by_supplier.append(Total(f"The other {len(rest):,} suppliers",
                                 sum(row[1] for row in rest), sum(row[2] for row in rest)))
    return SpendingTotals(
        lines=sum(row[1] for row in categories), pence=sum(row[2] for row in categories),
        by_supplier=by_supplier,
        by_category=[Total(name, lines, pence, name) for name, lines, pence in categories],
        by_month=_by_month(_grouped(session, filters, Spending.date)),
    )


def spending_span(session: Session) -> tuple[date, date] | None:
    """The first and last day with published spending (each read from the index alone)."""
    published = Spending.published_at.is_not(None)
    first = session.scalar(select(func.min(Spending.date)).where(published))
    last = session.scalar(select(func.max(Spending.date)).where(published))
    return (first, last) if first and last else None


def latest_spending(session: Session, count: int = 5) -> Sequence[Spending]:
    return session.scalars(_spending(SpendingFilters()).limit(count)).all()
