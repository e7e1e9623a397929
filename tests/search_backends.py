"""Running the search tests against each backend.

The PostgreSQL backend needs a PostgreSQL database: it runs when TEST_DATABASE_URL names
one (CI runs the suite a second time so), and is reported as skipped otherwise.
"""

import os

import pytest
from sqlalchemy import create_engine, delete

from search.pg_schema import search_document, search_word

BACKENDS = ("tantivy", "whoosh", "postgres")


def backend_or_skip(name: str) -> str:
    if name == "postgres" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("needs TEST_DATABASE_URL")
    return name


def chosen_backend(request: pytest.FixtureRequest, name: str) -> str:
    """`name`, or a skip; the PostgreSQL search tables start empty whatever the last test
    left in them (they are not the records' tables a faster reset might empty)."""
    if backend_or_skip(name) == "postgres":
        engine = create_engine(request.getfixturevalue("database_url"))
        with engine.begin() as connection:
            connection.execute(delete(search_document))
            connection.execute(delete(search_word))
        engine.dispose()
    return name
