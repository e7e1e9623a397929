"""How each kind of published record is presented to the search index."""

from collections.abc import Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from content.markup import html_to_text
from content.models import Decision, Expense, Policy, ScrutinyOutcome
from search import SearchDocument

SEARCH_TYPES = {"decision": Decision, "expense": Expense, "policy": Policy,
                "scrutiny": ScrutinyOutcome}


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def decision_document(decision: Decision) -> SearchDocument:
    return SearchDocument(
        key=f"decision:{decision.id}", type="decision", title=decision.title,
        text=_join(html_to_text(decision.summary_html), html_to_text(decision.body_html),
                   html_to_text(decision.financial_implications_html)),
        date=decision.date, reference=decision.reference, category=decision.category,
        person=decision.decision_maker, amount_pence=decision.amount_pence,
    )


def expense_document(expense: Expense) -> SearchDocument:
    return SearchDocument(
        key=f"expense:{expense.id}", type="expense", title=expense.description,
        text=_join(expense.claimant, expense.category, expense.financial_year.label),
        date=expense.date, reference=expense.reference, category=expense.category,
        person=expense.claimant, amount_pence=expense.amount_pence,
    )


def policy_document(policy: Policy) -> SearchDocument:
    return SearchDocument(
        key=f"policy:{policy.id}", type="policy", title=policy.title,
        text=_join(html_to_text(policy.summary_html), html_to_text(policy.body_html)),
        date=policy.approved, reference=policy.slug, category="", person=policy.owner,
    )


def scrutiny_document(outcome: ScrutinyOutcome) -> SearchDocument:
    actions = " ".join(f"{action.action} {action.owner}" for action in outcome.actions)
    return SearchDocument(
        key=f"scrutiny:{outcome.id}", type="scrutiny", title=outcome.title,
        text=_join(html_to_text(outcome.summary_html), html_to_text(outcome.body_html), actions),
        date=outcome.date, reference=outcome.slug, category=outcome.kind,
    )


def _searchable(record_type: str):  # type: ignore[no-untyped-def]
    """The published records of one type that belong in the index."""
    model = SEARCH_TYPES[record_type]
    statement = select(model).where(model.published_at.is_not(None))
    if model is Policy:
        statement = statement.where(Policy.is_current.is_(True))
    if model is ScrutinyOutcome:
        statement = statement.options(selectinload(ScrutinyOutcome.actions))
    return statement


MAKERS = {"decision": decision_document, "expense": expense_document,
          "policy": policy_document, "scrutiny": scrutiny_document}


def documents_by_id(session: Session, record_type: str,
                    ids: Iterable[int]) -> dict[int, SearchDocument]:
    model = SEARCH_TYPES[record_type]
    records = session.scalars(_searchable(record_type).where(model.id.in_(list(ids))))
    return {record.id: MAKERS[record_type](record) for record in records}


def every_document(session: Session) -> Iterator[SearchDocument]:
    for record_type, make in MAKERS.items():
        statement = _searchable(record_type)
        if record_type != "scrutiny":
            statement = statement.execution_options(yield_per=1000)
        for record in session.scalars(statement):
            yield make(record)


def count_searchable(session: Session) -> int:
    return sum(int(session.scalar(select(func.count()).select_from(
        _searchable(kind).subquery())) or 0) for kind in MAKERS)
