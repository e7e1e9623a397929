"""How each kind of published record is presented to the search index."""

from collections.abc import Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from content.markup import html_to_text
from content.models import Decision, Expense, Policy, RecordFile, ScrutinyOutcome
from search import SearchDocument

SEARCH_TYPES = {"decision": Decision, "expense": Expense, "policy": Policy,
                "scrutiny": ScrutinyOutcome}


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def decision_document(decision: Decision, documents_text: str = "") -> SearchDocument:
    return SearchDocument(
        key=f"decision:{decision.id}", type="decision", title=decision.title,
        text=_join(html_to_text(decision.summary_html), html_to_text(decision.body_html),
                   html_to_text(decision.financial_implications_html), documents_text),
        date=decision.date, reference=decision.reference, category=decision.category,
        person=decision.decision_maker, amount_pence=decision.amount_pence,
    )


def expense_document(expense: Expense, _documents_text: str = "") -> SearchDocument:
    return SearchDocument(
        key=f"expense:{expense.id}", type="expense", title=expense.description,
        text=_join(expense.claimant, expense.category, expense.financial_year.label),
        date=expense.date, reference=expense.reference, category=expense.category,
        person=expense.claimant, amount_pence=expense.amount_pence,
    )


def policy_document(policy: Policy, _documents_text: str = "") -> SearchDocument:
    return SearchDocument(
        key=f"policy:{policy.id}", type="policy", title=policy.title,
        text=_join(html_to_text(policy.summary_html), html_to_text(policy.body_html)),
        date=policy.approved, reference=policy.slug, category="", person=policy.owner,
    )


def scrutiny_document(outcome: ScrutinyOutcome, documents_text: str = "") -> SearchDocument:
    actions = " ".join(f"{action.action} {action.owner}" for action in outcome.actions)
    return SearchDocument(
        key=f"scrutiny:{outcome.id}", type="scrutiny", title=outcome.title,
        text=_join(html_to_text(outcome.summary_html), html_to_text(outcome.body_html), actions,
                   documents_text),
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


def _documents_text(session: Session, record_type: str,
                    ids: list[int] | None = None) -> dict[int, str]:
    """The text of the PDFs published with each record, by record id."""
    statement = select(RecordFile.record_id, RecordFile.text).where(
        RecordFile.record_type == record_type).order_by(RecordFile.id)
    if ids is not None:
        statement = statement.where(RecordFile.record_id.in_(ids))
    texts: dict[int, list[str]] = {}
    for record_id, text in session.execute(statement):
        texts.setdefault(record_id, []).append(text)
    return {record_id: " ".join(parts) for record_id, parts in texts.items()}


def documents_by_id(session: Session, record_type: str,
                    ids: Iterable[int]) -> dict[int, SearchDocument]:
    model = SEARCH_TYPES[record_type]
    wanted = list(ids)
    texts = _documents_text(session, record_type, wanted)
    records = session.scalars(_searchable(record_type).where(model.id.in_(wanted)))
    return {record.id: MAKERS[record_type](record, texts.get(record.id, ""))
            for record in records}


def every_document(session: Session) -> Iterator[SearchDocument]:
    for record_type, make in MAKERS.items():
        texts = _documents_text(session, record_type)
        statement = _searchable(record_type)
        if record_type != "scrutiny":
            statement = statement.execution_options(yield_per=1000)
        for record in session.scalars(statement):
            yield make(record, texts.get(record.id, ""))


def count_searchable(session: Session) -> int:
    return sum(int(session.scalar(select(func.count()).select_from(
        _searchable(kind).subquery())) or 0) for kind in MAKERS)
