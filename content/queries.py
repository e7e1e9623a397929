"""Named queries over published records. Every listing orders deterministically.

Each function takes the session explicitly; nothing here knows about requests.
"""

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from content.filters import (
    DecisionFilters,
    ExpenseFilters,
    InspectionFilters,
    Paging,
    PolicyFilters,
    RecommendationFilters,
    ScrutinyFilters,
)
from content.models import (
    Decision,
    Expense,
    Inspection,
    InspectionRecommendation,
    InspectionReminder,
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


def in_year(day: Any, year: int) -> Any:
    """Dated in the calendar year: a range of the date column, which its index answers
    (a year worked out of every date would read them all)."""
    return and_(day >= date(year, 1, 1), day < date(year + 1, 1, 1))


def published_years(session: Session, model: Any, day: Any) -> list[int]:
    """The years with a published record of `model` dated in them by `day`, latest first.
    The first and last dates are each one step down the date index, and each year
    between is one probe of it that stops at its first published record, so a listing
    pays a few index lookups for its year choices rather than a read of every record."""
    published = model.published_at.is_not(None)
    first = session.scalar(select(day).where(published).order_by(day).limit(1))
    last = session.scalar(select(day).where(published).order_by(day.desc()).limit(1))
    if first is None or last is None:
        return []
    return [year for year in range(last.year, first.year - 1, -1)
            if session.scalar(select(1).where(published, in_year(day, year)).limit(1))]


def _each(session: Session, statement: Select[T]) -> Iterator[T]:
    # Streams in batches so an export of every record does not hold them all at once.
    yield from session.scalars(statement.execution_options(yield_per=500))


def _distinct(session: Session, column: object) -> list[str]:
    return list(session.scalars(select(column).distinct().order_by(column)))  # type: ignore[call-overload]


# Decisions

def _decisions(filters: DecisionFilters) -> Select[Decision]:
    statement = select(Decision).where(Decision.published_at.is_not(None))
    if filters.year is not None:
        statement = statement.where(in_year(Decision.date, filters.year))
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
    return published_years(session, Decision, Decision.date)


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
    # Asked apart: SQLite answers a lone min or max from the index, but reads every row
    # for the two together.
    earliest = session.scalar(select(func.min(Expense.date)))
    latest = session.scalar(select(func.max(Expense.date)))
    return (earliest, latest) if earliest and latest else None


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
        statement = statement.where(in_year(ScrutinyOutcome.date, filters.year))
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
    return published_years(session, ScrutinyOutcome, ScrutinyOutcome.date)


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


# HMICFRS reports

def _inspections(filters: InspectionFilters) -> Select[Inspection]:
    statement = (select(Inspection).where(Inspection.published_at.is_not(None))
                 .options(selectinload(Inspection.recommendations)))
    if filters.inspection_type:
        statement = statement.where(Inspection.inspection_type == filters.inspection_type)
    if filters.year is not None:
        statement = statement.where(in_year(Inspection.date, filters.year))
    if filters.open_recommendations:
        statement = statement.where(exists().where(and_(
            InspectionRecommendation.inspection_id == Inspection.id,
            InspectionRecommendation.status != "closed")))
    return statement.order_by(Inspection.date.desc(), Inspection.id.desc())


def list_inspections(session: Session, filters: InspectionFilters,
                     paging: Paging) -> Page[Inspection]:
    return _page(session, _inspections(filters), paging)


def each_inspection(session: Session, filters: InspectionFilters) -> Iterator[Inspection]:
    # selectinload cannot stream in batches; reports number dozens a year.
    return iter(session.scalars(_inspections(filters)).all())


def inspection_years(session: Session) -> list[int]:
    return published_years(session, Inspection, Inspection.date)


def get_inspection(session: Session, slug: str) -> Inspection | None:
    return session.scalar(_inspections(InspectionFilters()).where(Inspection.slug == slug))


def responses_awaited(session: Session) -> Sequence[Inspection]:
    """Every report of which the force is a subject whose response is not yet published,
    drafts too, the one whose time runs out soonest first."""
    return session.scalars(select(Inspection).where(
        Inspection.force_is_subject.is_(True), Inspection.response_published_on.is_(None),
    ).order_by(Inspection.date, Inspection.id)).all()


def reports_to_remind_about(session: Session) -> Sequence[Inspection]:
    """The published reports whose response is awaited and whose owner can be reminded.

    On PostgreSQL each is locked as it is read, skipping any another worker holds, so two
    workers never queue the same reminder; SQLite lets one writer in at a time."""
    return session.scalars(select(Inspection).where(
        Inspection.published_at.is_not(None), Inspection.force_is_subject.is_(True),
        Inspection.response_published_on.is_(None), Inspection.response_owner_email != "",
    ).order_by(Inspection.date, Inspection.id).with_for_update(skip_locked=True)).all()


def reminders_sent(session: Session, inspection_id: int) -> list[int]:
    """The reminders already sent about a report's response, by days before its last day."""
    return list(session.scalars(select(InspectionReminder.days_before).where(
        InspectionReminder.inspection_id == inspection_id)))


def inspection_reports(session: Session) -> list[tuple[str, str]]:
    """(slug, title) of every published report with recommendations, newest first."""
    rows = session.execute(select(Inspection.slug, Inspection.title).where(
        Inspection.published_at.is_not(None),
        exists().where(InspectionRecommendation.inspection_id == Inspection.id),
    ).order_by(Inspection.date.desc(), Inspection.id.desc()))
    return [(slug, title) for slug, title in rows]


def _tracked(filters: RecommendationFilters) -> Select[InspectionRecommendation]:
    statement = (select(InspectionRecommendation).join(Inspection)
                 .where(Inspection.published_at.is_not(None))
                 .options(selectinload(InspectionRecommendation.inspection)))
    if filters.status:
        statement = statement.where(InspectionRecommendation.status == filters.status)
    else:
        statement = statement.where(InspectionRecommendation.status != "closed")
    if filters.report:
        statement = statement.where(Inspection.slug == filters.report)
    if filters.owner:
        statement = statement.where(InspectionRecommendation.owner == filters.owner,
                                    _chain_is_public())
    return statement.order_by(InspectionRecommendation.due.is_(None),
                              InspectionRecommendation.due, Inspection.date.desc(),
                              InspectionRecommendation.position, InspectionRecommendation.id)


def _chain_is_public() -> Any:
    """As `Inspection.chain_is_public` says, in SQL."""
    return or_(Inspection.response_published_on.is_not(None),
               Inspection.force_is_subject.is_(False))


def tracked_recommendations(session: Session, filters: RecommendationFilters,
                            paging: Paging) -> Page[InspectionRecommendation]:
    """The recommendation tracker: the earliest due first, those with no date last."""
    return _page(session, _tracked(filters), paging)


def each_tracked_recommendation(session: Session, filters: RecommendationFilters,
                                ) -> Sequence[InspectionRecommendation]:
    return session.scalars(_tracked(filters)).all()


def recommendation_owners(session: Session) -> list[str]:
    return [owner for owner in session.scalars(
        select(InspectionRecommendation.owner).join(Inspection)
        .where(Inspection.published_at.is_not(None), InspectionRecommendation.owner != "",
               _chain_is_public())
        .distinct().order_by(InspectionRecommendation.owner))]


def scrutiny_by_slugs(session: Session, slugs: Collection[str]) -> dict[str, ScrutinyOutcome]:
    """The published scrutiny outcomes with these slugs, by slug."""
    if not slugs:
        return {}
    return {outcome.slug: outcome for outcome in session.scalars(select(ScrutinyOutcome).where(
        ScrutinyOutcome.slug.in_(list(slugs)), ScrutinyOutcome.published_at.is_not(None)))}


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
