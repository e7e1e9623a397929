"""How far the published data has moved on: a short text that changes whenever anything a
public page or download shows could have changed (a record saved, published, withdrawn or
removed, a document added, a search entry waiting to be brought up to date).

Public pages and downloads are validated with it (`portal.caching`): a browser or cache
asking again with the ETag it holds is answered 304 before anything is read or rendered.

It is one row, `content_version`, whose number goes up in the transaction of every change
to a published table made through a session: changes to records flushed from the session,
and insert, update or delete statements run with `session.execute` (bulk imports). A write
that goes around the session (a raw connection) must call `note_change` itself.
"""

import secrets
from typing import Any, cast

from sqlalchemy import Table, event, func, insert, select, update
from sqlalchemy.orm import ORMExecuteState, Session

from content import models
from content.models import Base, ContentVersion, SearchPending

VERSION = cast(Table, ContentVersion.__table__)
# The tables whose rows the public pages show: those of the published records and what
# they hold, all declared in `content.models` (the case work and the staff accounts share
# its Base, but no public page shows them). The search queue is not one either: it says
# only what the index has still to catch up with, and is asked apart (see `data_version`).
SHOWN: frozenset[Any] = frozenset(
    model.__table__ for model in vars(models).values()
    if isinstance(model, type) and issubclass(model, Base) and model is not Base
    and model.__module__ == models.__name__
    and model not in (ContentVersion, SearchPending))


def note_change(session: Session) -> None:
    """Count one change, on the session's own connection (so in its transaction)."""
    connection = session.connection()
    moved = connection.execute(
        update(VERSION).where(VERSION.c.id == 1).values(number=VERSION.c.number + 1))
    if moved.rowcount == 0:  # a database emptied since it was made
        connection.execute(insert(VERSION).values(id=1, number=1,
                                                  epoch=secrets.token_hex(8)))


def _flushed_changes(session: Session, _context: Any) -> None:
    changed = [*session.new, *session.deleted,
               *(item for item in session.dirty if session.is_modified(item))]
    if any(getattr(item, "__table__", None) in SHOWN for item in changed):
        note_change(session)


def _statement_changes(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if isinstance(table, Table) and table in SHOWN:
        note_change(state.session)


def track_content_changes() -> None:
    """Count changes for every session (idempotent)."""
    if not event.contains(Session, "after_flush", _flushed_changes):
        event.listen(Session, "after_flush", _flushed_changes)
    if not event.contains(Session, "do_orm_execute", _statement_changes):
        event.listen(Session, "do_orm_execute", _statement_changes)


def data_version(session: Session) -> str:
    """The published data's version, and how much search work is waiting (the search
    pages change when the index catches up, which changes no published row)."""
    row = session.execute(select(ContentVersion.epoch, ContentVersion.number)).first()
    pending, top = session.execute(select(func.count(), func.max(SearchPending.id))).one()
    version = f"{row.epoch}.{row.number}" if row else "0"
    return f"{version}|{pending}#{top}"
