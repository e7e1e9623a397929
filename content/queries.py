"""Named queries over published records. Every listing orders deterministically.

Each function takes the session explicitly; nothing here knows about requests.
"""

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, exists, extract, func, or_, select
from sqlalchemy.orm import Session, selectinload

from content.filters import (
    BudgetFilters,
    DecisionFilters,
    ExpenseFilters,
    GiftFilters,
    InterestFilters,
    Paging,
    PolicyFilters,
    ScrutinyFilters,
)
from content.models import (
    Budget,
    Decision,
    Expense,
    GiftOffer,
    Interest,
    Policy,
    RecordFile,
    ScrutinyAction,
    ScrutinyOutcome,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1


def _page(session: Session, statement: Select[T], paging: Paging) -> Page[T]:
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = session.scalars(
        statement.limit(paging.size).offset((paging.number - 1) * paging.size)
    ).all()
    return Page(items, total or 0, paging.number, paging.size)


def _each(session: Session, statement: Select[T]) -> Iterator[T]:
    # Streams in batches so an export of every record does not hold them all at once.
    yield from session.scalars(statement.execution_options(yield_per=500))


def _distinct(session: Session, column: object) -> list[str]:
    return list(session.scalars(select(column).distinct().order_by(column)))  # type: ignore[call-overload]


# Decisions

def _decisions(filters: DecisionFilters) -> Select[Decision]:
    statement = select(Decision).where(Decision.published_at.is_not(None))
    if filters.year is not None:
        statement = statement.where(extract("year", Decision.date) == filters.year)
    if filters.decision_maker:
        statement = statement.where(Decision.decision_maker == filters.decision_maker)
    if filters.category:
        statement = statement.where(Decision.category == filters.category)
    return statement.order_by(Decision.date.desc(), Decision.reference.desc(), Decision.id.desc())


def list_decisions(session: Session, filters: DecisionFilters, paging: Paging) -> Page[Decision]:
    return _page(session, _decisions(filters), paging)


def each_decision(session: Session, filters: DecisionFilters) -> Iterator[Decision]:
    return _each(session, _decisions(filters))


def latest_decisions(session: Session, count: int = 5) -> Sequence[Decision]:
    return session.scalars(_decisions(DecisionFilters()).limit(count)).all()


def decision_years(session: Session) -> list[int]:
    years = session.scalars(
        select(extract("year", Decision.date)).where(Decision.published_at.is_not(None)).distinct()
    )
    return sorted((int(year) for year in years), reverse=True)


def decision_makers(session: Session) -> list[str]:
    return _distinct(session, Decision.decision_maker)


def decision_categories(session: Session) -> list[str]:
    return _distinct(session, Decision.category)


def get_decision(session: Session, identifier: str) -> Decision | None:
    """Find a published decision by its slug ("2025-014") or its reference ("2025/014")."""
    return session.scalar(
        select(Decision).where(
            Decision.published_at.is_not(None),
            or_(Decision.slug == identifier, Decision.reference == identifier),
        )
    )


def related_decisions(session: Session, decision: Decision, count: int = 3) -> Sequence[Decision]:
    statement = _decisions(DecisionFilters(category=decision.category)).where(
        Decision.id != decision.id
    )
    return session.scalars(statement.limit(count)).all()


# Expenses

def _expenses(filters: ExpenseFilters) -> Select[Expense]:
    statement = select(Expense).where(Expense.published_at.is_not(None))
    if filters.claimant:
        statement = statement.where(Expense.claimant == filters.claimant)
    if filters.category:
        statement = statement.where(Expense.category == filters.category)
    bounds = filters.date_bounds()
    if bounds:
        statement = statement.where(Expense.date.between(*bounds))
    return statement.order_by(Expense.date.desc(), Expense.reference.desc(), Expense.id.desc())


def list_expenses(session: Session, filters: ExpenseFilters, paging: Paging) -> Page[Expense]:
    return _page(session, _expenses(filters), paging)


def each_expense(session: Session, filters: ExpenseFilters) -> Iterator[Expense]:
    return _each(session, _expenses(filters))


def expense_total_pence(session: Session, filters: ExpenseFilters) -> int:
    subquery = _expenses(filters).order_by(None).subquery()
    return int(session.scalar(select(func.coalesce(func.sum(subquery.c.amount_pence), 0))) or 0)


def get_expense(session: Session, reference: str) -> Expense | None:
    return session.scalar(
        select(Expense).where(Expense.reference == reference, Expense.published_at.is_not(None)))


def expense_claimants(session: Session) -> list[str]:
    return _distinct(session, Expense.claimant)


def expense_categories(session: Session) -> list[str]:
    return _distinct(session, Expense.category)


def expense_date_range(session: Session) -> tuple[date, date] | None:
    earliest, latest = session.execute(select(func.min(Expense.date), func.max(Expense.date))).one()
    return (earliest, latest) if earliest else None


# Policies

def _policies(filters: PolicyFilters, today: date) -> Select[Policy]:
    statement = select(Policy).where(Policy.published_at.is_not(None))
    if filters.status == "current":
        statement = statement.where(Policy.is_current.is_(True))
    elif filters.status == "superseded":
        statement = statement.where(Policy.is_current.is_(False))
    if filters.owner:
        statement = statement.where(Policy.owner == filters.owner)
    if filters.review_overdue:
        statement = statement.where(Policy.is_current.is_(True), Policy.review_due < today)
    return statement.order_by(Policy.approved.desc(), Policy.title, Policy.id.desc())


def list_policies(session: Session, filters: PolicyFilters, paging: Paging,
                  today: date) -> Page[Policy]:
    return _page(session, _policies(filters, today), paging)


def each_policy(session: Session, filters: PolicyFilters, today: date) -> Iterator[Policy]:
    return _each(session, _policies(filters, today))


def policy_owners(session: Session) -> list[str]:
    return _distinct(session, Policy.owner)



def policy_versions(session: Session, slug: str) -> Sequence[Policy]:
    """Every published version of a policy, newest first."""
    return session.scalars(
        select(Policy)
        .where(Policy.slug == slug, Policy.published_at.is_not(None))
        .order_by(Policy.approved.desc(), Policy.id.desc())
    ).all()


# Scrutiny outcomes

def _scrutiny(filters: ScrutinyFilters) -> Select[ScrutinyOutcome]:
    statement = (
        select(ScrutinyOutcome)
        .where(ScrutinyOutcome.published_at.is_not(None))
        .options(selectinload(ScrutinyOutcome.actions))
    )
    if filters.kind:
        statement = statement.where(ScrutinyOutcome.kind == filters.kind)
    if filters.year is not None:
        statement = statement.where(extract("year", ScrutinyOutcome.date) == filters.year)
    if filters.open_actions:
        statement = statement.where(exists().where(and_(
            ScrutinyAction.outcome_id == ScrutinyOutcome.id, ScrutinyAction.status != "complete",
        )))
    return statement.order_by(ScrutinyOutcome.date.desc(), ScrutinyOutcome.id.desc())


def list_scrutiny(session: Session, filters: ScrutinyFilters,
                  paging: Paging) -> Page[ScrutinyOutcome]:
    return _page(session, _scrutiny(filters), paging)


def each_scrutiny(session: Session, filters: ScrutinyFilters) -> Iterator[ScrutinyOutcome]:
    # selectinload cannot stream in batches, so these are read in one go (a few thousand at most).
    return iter(session.scalars(_scrutiny(filters)).all())


def latest_scrutiny(session: Session, count: int = 5) -> Sequence[ScrutinyOutcome]:
    return session.scalars(_scrutiny(ScrutinyFilters()).limit(count)).all()


def scrutiny_years(session: Session) -> list[int]:
    years = session.scalars(
        select(extract("year", ScrutinyOutcome.date))
        .where(ScrutinyOutcome.published_at.is_not(None)).distinct()
    )
    return sorted((int(year) for year in years), reverse=True)


def get_scrutiny(session: Session, slug: str) -> ScrutinyOutcome | None:
    return session.scalar(
        select(ScrutinyOutcome)
        .where(ScrutinyOutcome.slug == slug, ScrutinyOutcome.published_at.is_not(None))
        .options(selectinload(ScrutinyOutcome.actions))
    )


def related_scrutiny(session: Session, outcome: ScrutinyOutcome,
                     count: int = 3) -> Sequence[ScrutinyOutcome]:
    statement = _scrutiny(ScrutinyFilters(kind=outcome.kind)).where(
        ScrutinyOutcome.id != outcome.id
    )
    return session.scalars(statement.limit(count)).all()


# Gifts and hospitality

def _gifts(filters: GiftFilters) -> Select[GiftOffer]:
    statement = select(GiftOffer).where(GiftOffer.published_at.is_not(None))
    if filters.financial_year is not None:
        statement = statement.where(GiftOffer.date.between(filters.financial_year.first_day,
                                                           filters.financial_year.last_day))
    if filters.outcome:
        statement = statement.where(GiftOffer.outcome == filters.outcome)
    if filters.recipient:
        statement = statement.where(GiftOffer.recipient == filters.recipient)
    if filters.kind:
        statement = statement.where(GiftOffer.kind == filters.kind)
    return statement.order_by(GiftOffer.date.desc(), GiftOffer.reference.desc(),
                              GiftOffer.id.desc())


def list_gifts(session: Session, filters: GiftFilters, paging: Paging) -> Page[GiftOffer]:
    return _page(session, _gifts(filters), paging)


def each_gift(session: Session, filters: GiftFilters) -> Iterator[GiftOffer]:
    return _each(session, _gifts(filters))


def gift_recipients(session: Session) -> list[str]:
    return list(session.scalars(select(GiftOffer.recipient).distinct()
                                .where(GiftOffer.published_at.is_not(None))
                                .order_by(GiftOffer.recipient)))


def gift_date_range(session: Session) -> tuple[date, date] | None:
    earliest = session.scalar(select(func.min(GiftOffer.date)))
    latest = session.scalar(select(func.max(GiftOffer.date)))
    return (earliest, latest) if earliest and latest else None


def get_gift(session: Session, reference: str) -> GiftOffer | None:
    return session.scalar(select(GiftOffer).where(
        GiftOffer.reference == reference, GiftOffer.published_at.is_not(None)))


# The register of interests

def _interests(filters: InterestFilters, today: date) -> Select[Interest]:
    statement = select(Interest).where(Interest.published_at.is_not(None))
    if filters.on is not None:
        statement = statement.where(*on_register(filters.on))
    elif filters.show == "current":
        statement = statement.where(*on_register(today))
    elif filters.show == "ended":
        statement = statement.where(Interest.ended_on < today)
    if filters.holder:
        statement = statement.where(Interest.holder_name == filters.holder)
    if filters.category:
        statement = statement.where(Interest.category == filters.category)
    return statement.order_by(Interest.office, Interest.holder_name, Interest.category,
                              Interest.declared_on.desc(), Interest.id.desc())


def on_register(day: date) -> tuple[Any, ...]:
    """The conditions of an interest on the register on `day`: declared by then, and not
    ended before it."""
    return (Interest.declared_on <= day,
            or_(Interest.ended_on.is_(None), Interest.ended_on >= day))


def list_interests(session: Session, filters: InterestFilters, paging: Paging,
                   today: date) -> Page[Interest]:
    return _page(session, _interests(filters, today), paging)


def each_interest(session: Session, filters: InterestFilters,
                  today: date) -> Iterator[Interest]:
    return _each(session, _interests(filters, today))


def interest_holders(session: Session) -> list[str]:
    return list(session.scalars(select(Interest.holder_name).distinct()
                                .where(Interest.published_at.is_not(None))
                                .order_by(Interest.holder_name)))


def get_interest(session: Session, reference: str) -> Interest | None:
    return session.scalar(select(Interest).where(
        Interest.reference == reference, Interest.published_at.is_not(None)))


# Budget and precept

def _budgets(filters: BudgetFilters) -> Select[Budget]:
    statement = (select(Budget).where(Budget.published_at.is_not(None))
                 .options(selectinload(Budget.lines)))
    if filters.financial_year is not None:
        statement = statement.where(Budget.start_year == filters.financial_year.start_year)
    return statement.order_by(Budget.start_year.desc(), Budget.id.desc())


def list_budgets(session: Session, filters: BudgetFilters, paging: Paging) -> Page[Budget]:
    return _page(session, _budgets(filters), paging)


def each_budget(session: Session, filters: BudgetFilters) -> Iterator[Budget]:
    # selectinload cannot stream in batches; there is one budget a year.
    return iter(session.scalars(_budgets(filters)).all())


def get_budget(session: Session, slug: str) -> Budget | None:
    return session.scalar(_budgets(BudgetFilters()).where(Budget.slug == slug))


def budget_before(session: Session, budget: Budget) -> Budget | None:
    """The published budget of the financial year before this one's, if there is one."""
    return session.scalar(_budgets(BudgetFilters()).where(
        Budget.start_year == budget.start_year - 1))


def budget_years(session: Session) -> list[str]:
    years = session.scalars(select(Budget.start_year).where(Budget.published_at.is_not(None))
                            .order_by(Budget.start_year.desc()))
    return [f"{year}-{(year + 1) % 100:02d}" for year in years]


# Records found by search

def records_by_id(session: Session, model: type[T], ids: Sequence[int]) -> dict[int, T]:
    """Published records of one type by id (unpublished or deleted ones are left out)."""
    if not ids:
        return {}
    statement = select(model).where(
        model.id.in_(ids), model.published_at.is_not(None))  # type: ignore[attr-defined]
    return {record.id: record for record in session.scalars(statement)}  # type: ignore[attr-defined]


def record_files(session: Session, record_type: str, record_id: int) -> Sequence[RecordFile]:
    """The PDF documents published with a record, in the order they were added."""
    return session.scalars(select(RecordFile).where(
        RecordFile.record_type == record_type, RecordFile.record_id == record_id,
    ).order_by(RecordFile.id)).all()


# What publishers work on: every record of a kind, published or not

def records_for_publishers(session: Session, model: type[T]) -> Sequence[T]:
    """Every record of one kind, drafts and withdrawn ones too, newest first."""
    return session.scalars(select(model).order_by(
        model.date.desc(), model.id.desc())).all()  # type: ignore[attr-defined]


def record_for_editing(session: Session, model: type[T], record_id: int) -> T | None:
    """One record of a kind by its id, whether published or not."""
    return session.get(model, record_id)


def record_file(session: Session, record_type: str, record_id: int,
                document_id: int) -> RecordFile | None:
    """One PDF document published with this record (None if it belongs to another)."""
    return session.scalar(select(RecordFile).where(
        RecordFile.id == document_id, RecordFile.record_type == record_type,
        RecordFile.record_id == record_id))


# Records named in the audit log

def titles_by_name(session: Session, name_column: Any, title_column: Any,
                   names: Collection[str]) -> dict[str, str]:
    """The titles of records of one kind, by the name the audit log keeps for them (a
    reference or a slug), drafts and withdrawn records included. Where several records share
    a name (a policy's versions), the newest one's title is given."""
    if not names:
        return {}
    rows = session.execute(select(name_column, title_column).where(name_column.in_(list(names)))
                           .order_by(name_column.table.c.id))
    return {name: title for name, title in rows}
