"""The search index under test, once for each backend."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from search import SearchIndex
from search.backend import SearchBackend
from search.postgres import PostgresSearch
from search.tantivy_engine import TantivyIndex
from tests.search_backends import BACKENDS, backend_or_skip


@pytest.fixture
def postgres_index(request: pytest.FixtureRequest) -> Iterator[PostgresSearch]:
    """The search tables of a migrated PostgreSQL database, emptied."""
    backend_or_skip("postgres")
    engine = create_engine(request.getfixturevalue("database_url"))
    postgres = PostgresSearch(engine)
    postgres.rebuild([])  # empty, however the database was left
    yield postgres
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def index(request: pytest.FixtureRequest, search_index_path: Path) -> Iterator[SearchBackend]:
    """An empty search index: tantivy or Whoosh files, or the PostgreSQL search tables."""
    if backend_or_skip(request.param) == "postgres":
        yield request.getfixturevalue("postgres_index")
        return
    files = TantivyIndex if request.param == "tantivy" else SearchIndex
    index = files(search_index_path)
    index.ensure_exists()
    yield index
    index.close()
