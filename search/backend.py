"""The search interface every backend implements (tantivy or Whoosh files, or PostgreSQL
tables).

The portal talks only to this: it hands over `SearchDocument`s to write and
`SearchRequest`s to answer, and takes back keys, counts and snippets. How words are
matched, ranked and highlighted is each backend's own business.
"""

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from search.documents import SearchDocument
from search.query import ParsedQuery
from search.results import Hit, SearchRequest, SearchResults
from search.snippets import Segment

Progress = Callable[[int], None]


class IndexBusy(Exception):
    """Another process is writing to the index; the work should be retried later."""


class IndexWriter(Protocol):
    """Changes made while holding the index's write lock, committed together."""

    def upsert(self, document: SearchDocument) -> None: ...

    def remove(self, key: str) -> None: ...

    def discard(self) -> None: ...


class Batches(Protocol):
    def batch(self, timeout: float = 5.0) -> AbstractContextManager[IndexWriter]: ...


def apply_in_one_batch(index: Batches, upserts: Iterable[SearchDocument],
                       removals: Iterable[str], timeout: float) -> None:
    """`apply` as every backend does it: the removals and upserts in one batch, committed
    together; IndexBusy if another writer holds the index for longer than `timeout`."""
    with index.batch(timeout) as writer:
        for key in removals:
            writer.remove(key)
        for document in upserts:
            writer.upsert(document)


class SearchBackend(Protocol):
    def ensure_exists(self) -> None:
        """Make whatever the backend needs to answer searches, if it can by itself."""

    def has_current_schema(self) -> bool:
        """False when what is stored was built by another version and needs a rebuild."""

    def apply(self, upserts: Iterable[SearchDocument], removals: Iterable[str] = (),
              timeout: float = 5.0) -> None:
        """Add or replace documents and remove keys, together; IndexBusy after `timeout`."""

    def batch(self, timeout: float = 5.0) -> AbstractContextManager[IndexWriter]:
        """Hold the write lock for a set of changes; read what to write inside the block."""

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None,
                processes: int = 2, timeout: float = 30.0) -> int:
        """Replace everything with `documents` while searches carry on; returns the count."""

    def document_keys(self) -> set[str]:
        """Every key held (used to check the index against the database)."""

    def document_count(self) -> int:
        """How many documents searches see; cheap, for the readiness probe."""

    def search(self, request: SearchRequest) -> SearchResults:
        """One page of hits, the total, facet counts and perhaps a spelling suggestion."""

    def search_all(self, request: SearchRequest, limit: int) -> tuple[list[Hit], int]:
        """Every match up to `limit`, in the page's order, and how many there are in all."""

    def snippets(self, query: ParsedQuery, texts: Sequence[str]) -> list[list[Segment]]:
        """For each text, a short extract with the searched words marked."""

    def close(self) -> None:
        """Let go of open files or connections."""
