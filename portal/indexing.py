"""Keeping the search index in step with the database."""

import logging
from collections import defaultdict
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import delete, event
from sqlalchemy.orm import Session, sessionmaker

from content.models import SearchPending
from content.search_queue import QUEUED, pending_batch, pending_ids, track_search_changes
from portal.search_documents import documents_by_id, every_document
from search import SearchIndex
from search.engine import IndexBatch, IndexBusy

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


DEFER_SYNC = "defer_search_sync"


def init_app(app: Flask) -> None:
    track_search_changes()
    index = SearchIndex(app.config["SEARCH_INDEX_PATH"])
    index.ensure_exists()
    app.extensions["portal_search"] = index
    sessions = app.extensions["portal_db"].sessions

    def sync_after_commit(session: Session) -> None:
        """Once a change is committed, bring the index up to date straight away."""
        if not session.info.pop(QUEUED, False) or session.info.get(DEFER_SYNC):
            return
        try:
            sync_pending(sessions, index, timeout=2.0)
        except Exception:  # the change itself is committed; the queue keeps the work
            log.exception("Could not update the search index; the work stays queued")

    event.listen(sessions, "after_commit", sync_after_commit)


def search_index() -> SearchIndex:
    return current_app.extensions["portal_search"]  # type: ignore[no-any-return]


def sync_pending(sessions: sessionmaker[Session], index: SearchIndex, batch: int = 500,
                 timeout: float = 5.0, progress: Progress | None = None) -> int:
    """Apply queued index work; returns how many queued changes were applied.

    The queue and the records are read while holding the index's write lock, so two
    processes draining at once cannot apply an older state over a newer one. If another
    process holds the index, the work stays queued for the next attempt.

    Unlike the outbox, this queue needs no row locks (FOR UPDATE SKIP LOCKED) on
    PostgreSQL: the index lock already lets one drainer in at a time, applying a row
    twice is harmless (it writes the record's current state), and only rows read and
    applied are deleted, by numbers that are never reused, so newer work is never lost.
    """
    applied = 0
    while True:
        with sessions() as session:
            try:
                with index.batch(timeout) as changes:
                    rows = pending_batch(session, batch)
                    if not rows:
                        changes.discard()
                    else:
                        _write(session, rows, changes)
            except IndexBusy:
                log.warning("Search index busy; changes stay queued for the next attempt")
                return applied
            if not rows:
                return applied
            # Only after the index has committed: a crash in between re-applies, harmlessly.
            session.execute(delete(SearchPending).where(
                SearchPending.id.in_([row.id for row in rows])))
            session.commit()
        applied += len(rows)
        if progress:
            progress(len(rows))


def _write(session: Session, rows: list[SearchPending], changes: IndexBatch) -> None:
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        wanted[row.record_type].add(row.record_id)
    for record_type, ids in wanted.items():
        found = documents_by_id(session, record_type, ids)
        for document in found.values():
            changes.upsert(document)
        for record_id in ids - set(found):
            changes.remove(f"{record_type}:{record_id}")


def rebuild(sessions: sessionmaker[Session], index: SearchIndex,
            progress: Progress | None = None, processes: int = 2) -> int:
    """Rebuild the whole index from the database, then apply anything queued meanwhile."""
    with sessions() as session:
        # Work queued before the rebuild reads the records is covered by it.
        covered = pending_ids(session)
        count = index.rebuild(every_document(session), progress=progress, processes=processes)
        for start in range(0, len(covered), 500):
            session.execute(delete(SearchPending).where(
                SearchPending.id.in_(covered[start:start + 500])))
        session.commit()
    sync_pending(sessions, index)
    return count
