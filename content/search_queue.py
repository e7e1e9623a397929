"""Pending search-index work, recorded in the same transaction as the change itself.

The database is the source of truth. Whenever a published record is added, changed or
deleted, a row is added to `search_pending` before the transaction commits; the index
is brought up to date from these rows afterwards. If the index cannot be written at that
moment the rows stay, and the next write (or `portal reindex`) picks them up, so the
index never silently drifts from the database.
"""

from typing import Any, cast

from sqlalchemy import Table, event, func, insert, select
from sqlalchemy.orm import Session

from content.dates import utcnow
from content.kinds import search_key_of
from content.models import SearchPending

QUEUED = "search_work_queued"
# The (type, id) of every record changed in the session since its last commit.
QUEUED_KEYS = "search_keys_queued"


def _queue_changes(session: Session, _context: Any) -> None:
    changed = [*session.new, *session.deleted,
               *(item for item in session.dirty if session.is_modified(item))]
    keys = {key for item in changed if (key := search_key_of(item)) is not None}
    if keys:
        session.info[QUEUED] = True
        session.info.setdefault(QUEUED_KEYS, set()).update(keys)
        # Core insert on the flush's own connection: no second flush, same transaction.
        session.connection().execute(insert(cast(Table, SearchPending.__table__)), [
            {"record_type": kind, "record_id": record_id, "queued_at": utcnow()}
            for kind, record_id in sorted(keys)
        ])


def track_search_changes() -> None:
    """Queue index work for every session (idempotent)."""
    if not event.contains(Session, "after_flush", _queue_changes):
        event.listen(Session, "after_flush", _queue_changes)


def pending_batch(session: Session, limit: int) -> list[SearchPending]:
    return list(session.scalars(select(SearchPending).order_by(SearchPending.id).limit(limit)))


def count_pending(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(SearchPending)) or 0)


def pending_ids(session: Session) -> list[int]:
    return list(session.scalars(select(SearchPending.id).order_by(SearchPending.id)))
