"""Writing the PostgreSQL search tables: the write lock, and one writer per transaction.

Writers to the search tables take one transaction-scoped advisory lock, so writers on
any node apply changes one at a time, and each reads the records only once it holds the
lock: an older state can never overwrite a newer one.
"""

import re
import unicodedata
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.types import String

from search.backend import IndexBusy
from search.documents import SearchDocument
from search.pg_schema import search_document, search_word

# Any fixed number: the advisory lock that makes writers to the search tables take turns.
WRITE_LOCK = 7_220_061
LOCK_NOT_AVAILABLE = "55P03"  # the SQLSTATE of a lock wait that ran past lock_timeout
WRITE_BATCH = 500
# A tsvector holds at most 1 MB; no record's searchable text comes near this many characters.
MAX_BODY_CHARACTERS = 1_000_000
SPELLING_TEXT_CHARACTERS = 1_000
_SPELLING_WORD = re.compile(r"[^\W\d_]{3,40}")


def fold(word: str) -> str:
    """Lower case without accents, as "Did you mean" words are kept."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _row(document: SearchDocument) -> dict[str, Any]:
    return {
        "key": document.key, "type": document.type, "title": document.title,
        "body": document.text[:MAX_BODY_CHARACTERS], "reference": document.reference,
        "date": document.date, "year": document.year,
        "financial_year": document.financial_year, "category": document.category,
        "person": document.person, "amount_pence": document.amount_pence,
    }


def _spelling_words(document: SearchDocument) -> set[str]:
    source = f"{document.title} {document.text[:SPELLING_TEXT_CHARACTERS]}"
    return {fold(word) for word in _SPELLING_WORD.findall(source)}


def take_write_lock(connection: Connection, timeout: float | None = None) -> None:
    """Wait for this transaction's turn to write (IndexBusy after `timeout` seconds)."""
    if timeout is None:
        connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))
        return
    connection.execute(select(func.set_config("lock_timeout", f"{int(timeout * 1000)}ms",
                                              True)))
    try:
        connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        raise IndexBusy("the search tables are being written by another process") from error
    connection.execute(text("SET LOCAL lock_timeout TO DEFAULT"))


class PostgresWriter:
    """Changes to the search tables inside one transaction that holds the write lock."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.discarded = False
        self._rows: dict[str, dict[str, Any]] = {}
        self._words: set[str] = set()

    def upsert(self, document: SearchDocument) -> None:
        self._rows[document.key] = _row(document)
        self._words |= _spelling_words(document)
        if len(self._rows) >= WRITE_BATCH:
            self.flush()

    def remove(self, key: str) -> None:
        self.flush()  # an upsert given before this removal must not land after it
        self.connection.execute(delete(search_document).where(search_document.c.key == key))

    def discard(self) -> None:
        self.discarded = True

    def clear(self) -> None:
        """Remove every document (within the transaction: searches see them until commit)."""
        self._rows, self._words = {}, set()
        self.connection.execute(delete(search_document))
        self.connection.execute(delete(search_word))

    def flush(self) -> None:
        if self._rows:
            statement = insert(search_document)
            columns = {name: statement.excluded[name] for name in _row_columns()}
            self.connection.execute(
                statement.on_conflict_do_update(index_elements=["key"], set_=columns),
                list(self._rows.values()))
        if self._words:
            # Sorted, so that inserts of the same words always meet in the same order.
            words = select(func.unnest(bindparam("words", sorted(self._words),
                                                 type_=ARRAY(String))))
            self.connection.execute(insert(search_word).from_select(["word"], words)
                                    .on_conflict_do_nothing())
        self._rows, self._words = {}, set()


def _row_columns() -> list[str]:
    return [column.name for column in search_document.columns
            if column.name not in ("key", "search_vector")]
