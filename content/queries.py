"""Named queries over published records. Every listing orders deterministically.

Each function takes the session explicitly; nothing here knows about requests.
"""

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from content.filters import (
    BudgetFilters,
    ContractFilters,
    DecisionFilters,
    ExpenseFilters,
    GiftFilters,
    GrantFilters,
    InspectionFilters,
    InterestFilters,
    MeetingFilters,
    Paging,
    PolicyFilters,
    PostFilters,
    RecommendationFilters,
    ScrutinyFilters,
    StaffNumberFilters,
    TenderFilters,
)
from content.models import (
    Budget,
    Contract,
    Decision,
    Expense,
    GiftOffer,
    Grant,
    Inspection,
    InspectionRecommendation,
    InspectionReminder,
    Interest,
    Meeting,
    Policy,
    Post,
    RecordFile,
    ScrutinyAction,
    ScrutinyOutcome,
    StaffSnapshot,
    Tender,
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


def _total_pence(session: Session, statement: Select[Any], column: str) -> int:
    """The sum of a pence column over every record a listing's query matches, not only
    the page shown."""
    subquery = statement.order_by(None).subquery()
    return int(session.scalar(select(func.coalesce(func.sum(subquery.c[column]), 0))) or 0)


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
    return _total_pence(session, _expenses(filters), "amount_pence")


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
def _published_distinct(session: Session, model: Any, column: Any) -> list[str]:
    """The values of a column among published records only, so that a filter never names
    a supplier or recipient of something not yet (or no longer) public."""
    return list(session.scalars(select(column).where(model.published_at.is_not(None))
                                .distinct().order_by(column)))


# Crime and disorder reduction grants

def _grants(filters: GrantFilters) -> Select[Grant]:
    statement = select(Grant).where(Grant.published_at.is_not(None))
    if filters.financial_year is not None:
        statement = statement.where(Grant.date.between(filters.financial_year.first_day,
                                                       filters.financial_year.last_day))
    if filters.fund:
        statement = statement.where(Grant.fund == filters.fund)
    if filters.recipient:
        statement = statement.where(Grant.recipient == filters.recipient)
    return statement.order_by(Grant.date.desc(), Grant.reference.desc(), Grant.id.desc())


def list_grants(session: Session, filters: GrantFilters, paging: Paging) -> Page[Grant]:
    return _page(session, _grants(filters), paging)


def each_grant(session: Session, filters: GrantFilters) -> Iterator[Grant]:
    return _each(session, _grants(filters))


def grant_total_pence(session: Session, filters: GrantFilters) -> int:
    """The total of every grant the filters match, not only the page shown."""
    return _total_pence(session, _grants(filters), "amount_pence")


def get_grant(session: Session, identifier: str) -> Grant | None:
    return session.scalar(select(Grant).where(
        Grant.published_at.is_not(None),
        or_(Grant.slug == identifier, Grant.reference == identifier)))


def grant_funds(session: Session) -> list[str]:
    return _published_distinct(session, Grant, Grant.fund)


def grant_recipients(session: Session) -> list[str]:
    return _published_distinct(session, Grant, Grant.recipient)


def grant_date_range(session: Session) -> tuple[date, date] | None:
    earliest, latest = session.execute(select(func.min(Grant.date), func.max(Grant.date))
                                       .where(Grant.published_at.is_not(None))).one()
    return (earliest, latest) if earliest else None


def grants_approved_by(session: Session, decision_reference: str) -> Sequence[Grant]:
    """The published grants a decision approved, largest first."""
    return session.scalars(select(Grant).where(
        Grant.published_at.is_not(None), Grant.decision_reference == decision_reference,
    ).order_by(Grant.amount_pence.desc(), Grant.id)).all()


# Contracts

def _contracts(filters: ContractFilters, today: date) -> Select[Contract]:
    statement = select(Contract).where(Contract.published_at.is_not(None))
    if filters.band == "over":
        statement = statement.where(Contract.value_pence > filters.threshold_pence)
    elif filters.band == "up-to":
        statement = statement.where(Contract.value_pence <= filters.threshold_pence)
    if filters.status == "not started":
        statement = statement.where(Contract.start_date > today)
    elif filters.status == "ended":
        statement = statement.where(Contract.end_date < today)
    elif filters.status == "current":
        statement = statement.where(Contract.start_date <= today, or_(
            Contract.end_date.is_(None), Contract.end_date >= today))
    if filters.supplier:
        statement = statement.where(Contract.supplier == filters.supplier)
    if filters.procurement_route:
        statement = statement.where(Contract.procurement_route == filters.procurement_route)
    if filters.financial_year is not None:
        statement = statement.where(Contract.start_date.between(
            filters.financial_year.first_day, filters.financial_year.last_day))
    return statement.order_by(Contract.start_date.desc(), Contract.reference.desc(),
                              Contract.id.desc())


def list_contracts(session: Session, filters: ContractFilters, paging: Paging,
                   today: date) -> Page[Contract]:
    return _page(session, _contracts(filters, today), paging)


def each_contract(session: Session, filters: ContractFilters, today: date) -> Iterator[Contract]:
    return _each(session, _contracts(filters, today))


def contract_total_pence(session: Session, filters: ContractFilters, today: date) -> int:
    return _total_pence(session, _contracts(filters, today), "value_pence")


def get_contract(session: Session, identifier: str) -> Contract | None:
    return session.scalar(select(Contract).where(
        Contract.published_at.is_not(None),
        or_(Contract.slug == identifier, Contract.reference == identifier)))


def contract_suppliers(session: Session) -> list[str]:
    return _published_distinct(session, Contract, Contract.supplier)


def procurement_routes(session: Session) -> list[str]:
    return _published_distinct(session, Contract, Contract.procurement_route)


def contract_date_range(session: Session) -> tuple[date, date] | None:
    earliest, latest = session.execute(
        select(func.min(Contract.start_date), func.max(Contract.start_date))
        .where(Contract.published_at.is_not(None))).one()
    return (earliest, latest) if earliest else None


def contracts_linked_to(session: Session, column: Any, reference: str) -> Sequence[Contract]:
    """The published contracts whose `column` (their tender or their decision) names
    `reference`."""
    return session.scalars(select(Contract).where(
        Contract.published_at.is_not(None), column == reference,
    ).order_by(Contract.start_date.desc(), Contract.id.desc())).all()


# Invitations to tender

def _tenders(filters: TenderFilters, today: date) -> Select[Tender]:
    statement = select(Tender).where(Tender.published_at.is_not(None))
    if filters.status == "open":
        statement = statement.where(Tender.closing_date >= today)
    elif filters.status == "closed":
        statement = statement.where(Tender.closing_date < today)
    if filters.financial_year is not None:
        statement = statement.where(Tender.issued_on.between(
            filters.financial_year.first_day, filters.financial_year.last_day))
    return statement.order_by(Tender.issued_on.desc(), Tender.reference.desc(), Tender.id.desc())


def list_tenders(session: Session, filters: TenderFilters, paging: Paging,
                 today: date) -> Page[Tender]:
    return _page(session, _tenders(filters, today), paging)


def each_tender(session: Session, filters: TenderFilters, today: date) -> Iterator[Tender]:
    return _each(session, _tenders(filters, today))


def get_tender(session: Session, identifier: str) -> Tender | None:
    return session.scalar(select(Tender).where(
        Tender.published_at.is_not(None),
        or_(Tender.slug == identifier, Tender.reference == identifier)))


def tender_date_range(session: Session) -> tuple[date, date] | None:
    earliest, latest = session.execute(
        select(func.min(Tender.issued_on), func.max(Tender.issued_on))
        .where(Tender.published_at.is_not(None))).one()
    return (earliest, latest) if earliest else None


def reference_exists(session: Session, model: Any, reference: str) -> bool:
    """Whether a record of this kind (published or not) has this reference."""
    return session.scalar(select(model.id).where(model.reference == reference)) is not None


# Meetings

def _meetings(filters: MeetingFilters, today: date) -> Select[Meeting]:
    statement = (select(Meeting).where(Meeting.published_at.is_not(None))
                 .options(selectinload(Meeting.agenda)))
    if filters.body:
        statement = statement.where(Meeting.body == filters.body)
    if filters.year is not None:
        statement = statement.where(in_year(Meeting.date, filters.year))
    if filters.when == "forthcoming":
        statement = statement.where(Meeting.date >= today)
    elif filters.when == "past":
        statement = statement.where(Meeting.date < today)
    if filters.minutes:
        statement = statement.where(Meeting.minutes_status == filters.minutes)
    # Forthcoming meetings first, the soonest at the top; then past ones, the latest first.
    forthcoming = Meeting.date >= today
    return statement.order_by(case((forthcoming, 0), else_=1),
                              case((forthcoming, Meeting.date), else_=None),
                              Meeting.date.desc(), Meeting.start_time, Meeting.id)


def list_meetings(session: Session, filters: MeetingFilters, paging: Paging,
                  today: date) -> Page[Meeting]:
    return _page(session, _meetings(filters, today), paging)


def each_meeting(session: Session, filters: MeetingFilters, today: date) -> Iterator[Meeting]:
    # selectinload cannot stream in batches; meetings number a few dozen a year.
    return iter(session.scalars(_meetings(filters, today)).all())


def forthcoming_meetings(session: Session, today: date) -> Sequence[Meeting]:
    """Published meetings from today on, the soonest first (the calendar feed)."""
    return session.scalars(_meetings(MeetingFilters(when="forthcoming"), today)).all()


def meeting_years(session: Session) -> list[int]:
    return published_years(session, Meeting, Meeting.date)


def meeting_bodies(session: Session) -> list[str]:
    return list(session.scalars(select(Meeting.body).where(Meeting.published_at.is_not(None))
                                .distinct().order_by(Meeting.body)))


def get_meeting(session: Session, slug: str) -> Meeting | None:
    return session.scalar(
        select(Meeting).where(Meeting.slug == slug, Meeting.published_at.is_not(None))
        .options(selectinload(Meeting.agenda)))


def meeting_named(session: Session, slug: str | None) -> Meeting | None:
    """The published meeting a decision or scrutiny outcome names, if any."""
    return get_meeting(session, slug) if slug else None


def meetings_to_link(session: Session) -> Sequence[Meeting]:
    """Every meeting a record can be linked to, drafts too, the latest first."""
    return session.scalars(select(Meeting).order_by(Meeting.date.desc(), Meeting.id.desc())).all()


def meeting_for_editing(session: Session, slug: str) -> Meeting | None:
    """A meeting by its slug, drafts and withdrawn ones too, with its agenda."""
    return session.scalar(select(Meeting).where(Meeting.slug == slug)
                          .options(selectinload(Meeting.agenda)))


@dataclass(frozen=True)
class CameFrom:
    """The published decisions and scrutiny outcomes that came from one meeting: by the
    number of the agenda item, and those that name the meeting but no item."""

    by_item: dict[int, list[Any]]
    whole_meeting: list[Any]

    @property
    def count(self) -> int:
        return len(self.whole_meeting) + sum(len(found) for found in self.by_item.values())


def came_from_meeting(session: Session, slug: str) -> CameFrom:
    by_item: dict[int, list[Any]] = {}
    whole: list[Any] = []
    linked: tuple[Any, ...] = (Decision, ScrutinyOutcome)
    for model in linked:
        for record in session.scalars(select(model).where(
                model.meeting == slug, model.published_at.is_not(None),
        ).order_by(model.date, model.id)):
            if record.meeting_item is None:
                whole.append(record)
            else:
                by_item.setdefault(record.meeting_item, []).append(record)
    return CameFrom(by_item, whole)
# Senior staff and office holders

def _posts(filters: PostFilters) -> Select[Post]:
    statement = select(Post).where(Post.published_at.is_not(None))
    if filters.group == "Office holders":
        statement = statement.where(Post.office_holder.is_(True))
    elif filters.group == "Senior staff":
        statement = statement.where(Post.office_holder.is_(False), Post.senior.is_(True))
    elif filters.group == "Other posts":
        statement = statement.where(Post.office_holder.is_(False), Post.senior.is_(False))
    # The Commissioner (at the top of the chart) first, then the Deputy, senior staff, the rest.
    return statement.order_by(Post.office_holder.desc(), Post.reports_to.is_(None).desc(),
                              Post.senior.desc(), Post.title, Post.id)


def list_posts(session: Session, filters: PostFilters, paging: Paging) -> Page[Post]:
    return _page(session, _posts(filters), paging)


def each_post(session: Session, filters: PostFilters) -> Iterator[Post]:
    return _each(session, _posts(filters))


def published_posts(session: Session) -> Sequence[Post]:
    """Every published post, for the organisation chart."""
    return session.scalars(_posts(PostFilters())).all()


def get_post(session: Session, slug: str) -> Post | None:
    return session.scalar(select(Post).where(Post.slug == slug, Post.published_at.is_not(None)))


def posts_by_slug(session: Session, slugs: Collection[str]) -> dict[str, Post]:
    """Published posts by slug (a reporting line to a post not published is left out)."""
    if not slugs:
        return {}
    return {post.slug: post for post in session.scalars(select(Post).where(
        Post.slug.in_(list(slugs)), Post.published_at.is_not(None)))}


def direct_reports(session: Session, post: Post) -> Sequence[Post]:
    return session.scalars(_posts(PostFilters()).where(Post.reports_to == post.slug)).all()


def every_post(session: Session) -> Sequence[Post]:
    """Every post, drafts too, by job title: the choices of a reporting line."""
    return session.scalars(select(Post).order_by(Post.title, Post.id)).all()


# Staff numbers

def _staff_numbers(filters: StaffNumberFilters) -> Select[StaffSnapshot]:
    statement = select(StaffSnapshot).where(StaffSnapshot.published_at.is_not(None))
    if filters.financial_year is not None:
        statement = statement.where(StaffSnapshot.date.between(
            filters.financial_year.first_day, filters.financial_year.last_day))
    return statement.order_by(StaffSnapshot.date.desc(), StaffSnapshot.id.desc())


def list_staff_numbers(session: Session, filters: StaffNumberFilters,
                       paging: Paging) -> Page[StaffSnapshot]:
    return _page(session, _staff_numbers(filters), paging)


def each_staff_number(session: Session, filters: StaffNumberFilters
                      ) -> Iterator[StaffSnapshot]:
    return _each(session, _staff_numbers(filters))


def get_staff_numbers(session: Session, slug: str) -> StaffSnapshot | None:
    return session.scalar(select(StaffSnapshot).where(
        StaffSnapshot.slug == slug, StaffSnapshot.published_at.is_not(None)))


def staff_number_dates(session: Session) -> tuple[date, date] | None:
    earliest = session.scalar(select(func.min(StaffSnapshot.date)))
    latest = session.scalar(select(func.max(StaffSnapshot.date)))
    return (earliest, latest) if earliest and latest else None


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
