"""Keeping the search index in step with the database, with the chosen search backend.

tantivy (the default) and Whoosh are folders of files: changes are queued in
`search_pending` in the record's transaction and applied to the files just after it
commits. PostgreSQL full-text search lives in the database itself, so there the search
rows are written in the record's own transaction: the change and its search entry commit
together or not at all, and no web server can see one without the other.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from flask import Flask, current_app
from sqlalchemy import Engine, delete, event, tuple_
from sqlalchemy.orm import Session, sessionmaker

from content.models import SearchPending
from content.search_queue import (
    QUEUED,
    QUEUED_KEYS,
    pending_batch,
    pending_ids,
    track_search_changes,
)
from portal.search_documents import documents_by_id, every_document
from search import SearchIndex
from search.backend import IndexBusy, IndexWriter, SearchBackend
from search.postgres import PostgresSearch, PostgresWriter, take_write_lock
from search.tantivy_engine import TantivyIndex

log = logging.getLogger(__name__)
Progress = Callable[[int], None]
SEARCH_BACKENDS = ("tantivy", "whoosh", "postgres")

DEFER_SYNC = "defer_search_sync"


class SearchSettingProblem(RuntimeError):
    """SEARCH_BACKEND cannot be used with these settings; the message says what to change."""


def make_search_backend(choice: str, engine: Engine, index_path: str) -> SearchBackend:
    if choice == "tantivy":
        return TantivyIndex(index_path)
    if choice == "whoosh":
        return SearchIndex(index_path)
    if choice == "postgres":
        if engine.dialect.name != "postgresql":
            raise SearchSettingProblem(
                "SEARCH_BACKEND=postgres keeps the search index in PostgreSQL, but "
                f"DATABASE_URL names a {engine.dialect.name} database. Set DATABASE_URL to "
                "postgresql+psycopg://… or set SEARCH_BACKEND=tantivy.")
        return PostgresSearch(engine)
    raise SearchSettingProblem(
        f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not ‘{choice}’.")


def init_app(app: Flask) -> None:
    track_search_changes()
    database = app.extensions["portal_db"]
    index = make_search_backend(app.config["SEARCH_BACKEND"], database.engine,
                                app.config["SEARCH_INDEX_PATH"])
    index.ensure_exists()
    app.extensions["portal_search"] = index
    sessions = database.sessions

    def sync_after_commit(session: Session) -> None:
        """Once a change is committed, bring the index up to date straight away."""
        session.info.pop(QUEUED_KEYS, None)
        if not session.info.pop(QUEUED, False) or session.info.get(DEFER_SYNC):
            return
        try:
            sync_pending(sessions, index, timeout=2.0)
        except Exception:  # the change itself is committed; the queue keeps the work
            log.exception("Could not update the search index; the work stays queued")

    event.listen(sessions, "after_commit", sync_after_commit)
    if isinstance(index, PostgresSearch):
        event.listen(sessions, "before_commit", index_within_transaction)


def search_index() -> SearchBackend:
    return current_app.extensions["portal_search"]


def index_within_transaction(session: Session) -> None:
    """Write the search rows of the records changed in this transaction, inside it.

    The write lock is taken before the records are read, so the rows written are the
    newest state even when other servers change the same records at the same time.
    """
    if session.info.get(DEFER_SYNC):
        return  # a bulk import: the queue is applied (or the index rebuilt) afterwards
    session.flush()  # so that every change of this transaction has been queued
    keys = session.info.pop(QUEUED_KEYS, set())
    session.info.pop(QUEUED, None)
    if not keys:
        return
    connection = session.connection()
    take_write_lock(connection)
    writer = PostgresWriter(connection)
    _write(session, keys, writer)
    writer.flush()
    session.execute(delete(SearchPending).where(
        tuple_(SearchPending.record_type, SearchPending.record_id).in_(sorted(keys))))


def sync_pending(sessions: sessionmaker[Session], index: SearchBackend, batch: int = 500,
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
                        _write(session, {(row.record_type, row.record_id) for row in rows},
                               changes)
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


def _write(session: Session, keys: Iterable[tuple[str, int]], changes: IndexWriter) -> None:
    wanted: dict[str, set[int]] = defaultdict(set)
    for record_type, record_id in keys:
        wanted[record_type].add(record_id)
    for record_type, ids in sorted(wanted.items()):
        found = documents_by_id(session, record_type, ids)
        for document in found.values():
            changes.upsert(document)
        for record_id in sorted(ids - set(found)):
            changes.remove(f"{record_type}:{record_id}")


def rebuild(sessions: sessionmaker[Session], index: SearchBackend,
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
