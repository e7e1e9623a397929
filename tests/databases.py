"""The test databases: temporary SQLite files by default, or the PostgreSQL database named
by TEST_DATABASE_URL, migrated once and emptied before each test.

Each PostgreSQL schema used by the tests is its own little database: the per-test tables
live in `public`, while tests that need a database of their own for longer (the browser
tests' live portal, the migration tests going up and down, every command run from empty)
get a schema chosen through the connection's search_path, so nothing they do can disturb
the others.
"""

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import Engine, inspect, make_url, text
from sqlalchemy.exc import OperationalError

from portal.db import make_engine
from portal.migrate import current_revision, upgrade

# Not emptied but reset: the schema's own record of which migration it is at.
MIGRATIONS_TABLE = "alembic_version"


def postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL") or None
    if url and make_url(url).get_backend_name() != "postgresql":
        raise RuntimeError(
            "TEST_DATABASE_URL must name a PostgreSQL database, such as "
            "postgresql+psycopg://postgres@127.0.0.1:5432/portal_test; unset it to test on SQLite")
    return url


def in_schema(url: str, schema: str) -> str:
    """The same database, with `schema` first on the search path of every connection
    (subprocesses given this URL see the same schema)."""
    options = quote(f"-csearch_path={schema}")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={options}"


def fresh_schema(url: str, schema: str) -> None:
    """Drop `schema` with everything in it and create it again, empty."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()


@dataclass
class PostgresDatabase:
    """The public schema of TEST_DATABASE_URL, migrated once for the whole run."""

    url: str
    engine: Engine
    emptying: str  # one statement that deletes every row and restarts every id

    @classmethod
    def migrate(cls, url: str) -> "PostgresDatabase":
        fresh_schema(url, "public")
        _install_shared_extensions(url)
        engine = make_engine(url)
        upgrade(engine)
        with engine.connect() as connection:
            tables = [name for name, _ in inspect(connection).get_sorted_table_and_fkc_names()
                      if name and name != MIGRATIONS_TABLE]
        return cls(url, engine, _emptying(reversed(tables), current_revision(engine)))

    def empty(self) -> None:
        """Start each test as if on a newly migrated database. A connection left in a
        transaction by an earlier test could make this wait for ever, so it gives up after
        a while and says which."""
        try:
            with self.engine.begin() as connection:
                connection.execute(text("SET LOCAL lock_timeout = '20s'"))
                connection.execute(text(self.emptying))
        except OperationalError as error:
            raise RuntimeError(
                "Another connection holds a lock (an earlier test left a transaction open, or "
                "another test run uses this database): "
                + "; ".join(self._other_connections())) from error

    def _other_connections(self) -> list[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT state, xact_start, left(query, 300) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
            return [f"{state} since {since}: {query}" for state, since, query in rows]


# The search backend's extensions. An extension is installed once per database: put in
# public before any schema is migrated, every migration finds it there, rather than the
# first one installing it into its own schema (where dropping that schema would take it
# away from all the others).
SHARED_EXTENSIONS = ("unaccent", "pg_trgm")


def _install_shared_extensions(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for name in SHARED_EXTENSIONS:
                if connection.scalar(text("SELECT count(*) FROM pg_available_extensions "
                                          "WHERE name = :name"), {"name": name}):
                    connection.execute(text(f'CREATE EXTENSION IF NOT EXISTS "{name}" '
                                            "SCHEMA public"))
    finally:
        engine.dispose()


def _emptying(tables_children_first: Iterable[str], revision: str | None) -> str:
    """DELETE rather than TRUNCATE: on the few rows a test writes it is some hundred times
    quicker, and only the sequences a test used are restarted. The migration record is
    put back too, for tests that pretend the schema is older than it is."""
    names = ", ".join(f"'{table}'" for table in tables_children_first)
    return f"""
        DO $$
        DECLARE name text;
        BEGIN
            FOREACH name IN ARRAY ARRAY[{names}]::text[] LOOP
                EXECUTE format('DELETE FROM %I', name);
            END LOOP;
            UPDATE {MIGRATIONS_TABLE} SET version_num = '{revision}';
            FOR name IN SELECT sequencename FROM pg_sequences
                        WHERE schemaname = current_schema() AND last_value IS NOT NULL LOOP
                PERFORM setval(quote_ident(name), 1, false);
            END LOOP;
        END $$"""


@contextmanager
def schema_said_to_be_older(engine: Engine) -> Iterator[None]:
    """Make the database claim an older migration, as one that missed an upgrade would,
    and put the truth back afterwards: on PostgreSQL the schema outlives the test."""
    with engine.begin() as connection:
        actual = connection.scalar(text("SELECT version_num FROM alembic_version"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :actual"),
                               {"actual": actual})
