"""How each kind of published record is presented to the search index: what the kind's
declaration says the record says (`content.kinds`), with the text of its PDF documents."""

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from content.kinds import KINDS, RecordKind, kind_named
from content.models import RecordFile
from search import SearchDocument


def search_document(kind: RecordKind, record: Any, documents_text: str = "") -> SearchDocument:
    says = kind.says(record, documents_text)
    return SearchDocument(
        key=kind.key(record.id), type=kind.name, title=says.title, text=says.text,
        date=says.date, reference=says.reference, category=says.category,
        person=says.person, amount_pence=says.amount_pence,
    )


def _searchable(kind: RecordKind) -> Select[Any]:
    """The published records of one kind that belong in the index."""
    return kind.loaded(kind.searched(
        select(kind.model).where(kind.model.published_at.is_not(None))))


def documents_text(session: Session, record_type: str,
                   ids: Iterable[int] | None = None) -> dict[int, str]:
    """The text of the PDFs published with each record, by record id."""
    statement = select(RecordFile.record_id, RecordFile.text).where(
        RecordFile.record_type == record_type).order_by(RecordFile.id)
    if ids is not None:
        statement = statement.where(RecordFile.record_id.in_(list(ids)))
    texts: dict[int, list[str]] = {}
    for record_id, text in session.execute(statement):
        texts.setdefault(record_id, []).append(text)
    return {record_id: " ".join(parts) for record_id, parts in texts.items()}


def documents_by_id(session: Session, record_type: str,
                    ids: Iterable[int]) -> dict[int, SearchDocument]:
    kind = kind_named(record_type)
    wanted = list(ids)
    texts = documents_text(session, record_type, wanted)
    records = session.scalars(_searchable(kind).where(kind.model.id.in_(wanted)))
    return {record.id: search_document(kind, record, texts.get(record.id, ""))
            for record in records}


def every_document(session: Session) -> Iterator[SearchDocument]:
    for kind in KINDS:
        texts = documents_text(session, kind.name)
        statement = _searchable(kind)
        if not kind.parts:  # eager-loaded parts cannot be streamed in batches
            statement = statement.execution_options(yield_per=1000)
        for record in session.scalars(statement):
            yield search_document(kind, record, texts.get(record.id, ""))


def count_searchable(session: Session) -> int:
    return sum(int(session.scalar(select(func.count()).select_from(
        _searchable(kind).subquery())) or 0) for kind in KINDS)
