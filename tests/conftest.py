"""Fixtures: an app over a real, migrated database (fresh for each test: SQLite, or the
PostgreSQL database named by TEST_DATABASE_URL) and a client that audits every HTML page
it fetches."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, request
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from content.importer import parse_record
from content.store import save_records
from portal import create_app
from portal.db import make_engine
from portal.migrate import upgrade
from tests.clock import clock  # noqa: F401  (every test runs by a fixed clock)
from tests.databases import PostgresDatabase, postgres_url
from tests.page_audit import audit_html

REDIRECTS = {301, 302, 303, 307, 308}
UNCOMMITTED = "requests_leaving_uncommitted_changes"


class AuditingClient(FlaskClient):
    """A test client that fails the test when a page breaks the basic structure rules."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        # Read and close streamed bodies at once, as a WSGI server does after sending them,
        # so a streamed download gives its database connection back before the test ends.
        kwargs.setdefault("buffered", True)
        response = super().open(*args, **kwargs)
        left = self.application.extensions.pop(UNCOMMITTED, [])
        assert not left, f"{left[0]} ended with changes that were never committed"
        # A redirect's body is werkzeug's stub, not a page of the site.
        if response.mimetype == "text/html" and response.status_code not in REDIRECTS:
            problems = audit_html(response.get_data(as_text=True))
            assert not problems, f"{response.request.path}: " + "; ".join(problems)
        return response


def watch_for_uncommitted_changes(app: Flask) -> None:
    """Make every request that ends with changes neither committed nor rolled back fail
    its test: the changes in the session, and rows already flushed to the database
    inside a transaction left open."""
    sessions: sessionmaker[Session] = app.extensions["portal_db"].sessions

    @event.listens_for(sessions, "after_flush")
    def flushed(session: Session, _context: Any) -> None:
        session.info["flushed"] = True

    @event.listens_for(sessions, "after_commit")
    @event.listens_for(sessions, "after_soft_rollback")
    def finished(session: Session, *_args: Any) -> None:
        session.info.pop("flushed", None)

    @app.teardown_request
    def check(_error: BaseException | None) -> None:
        session = g.get("db_session")
        if session is None:
            return
        if session.new or session.dirty or session.deleted or session.info.get("flushed"):
            app.extensions.setdefault(UNCOMMITTED, []).append(
                f"{request.method} {request.path}")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test then gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "portal.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session", autouse=True)
def postgres_database() -> Iterator[PostgresDatabase | None]:
    """Before anything else (the browser tests' schema included): the public schema made
    afresh, with the extensions every schema shares, then migrated."""
    url = postgres_url()
    if url is None:
        yield None
        return
    database = PostgresDatabase.migrate(url)
    yield database
    database.engine.dispose()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own: emptied PostgreSQL tables, or a copy of the SQLite file."""
    postgres = request.getfixturevalue("postgres_database")
    if postgres is not None:
        postgres.empty()
        yield postgres.url
        return
    copy = tmp_path / "portal.sqlite3"
    shutil.copyfile(request.getfixturevalue("migrated_database"), copy)
    yield f"sqlite:///{copy}"


@pytest.fixture
def search_backend() -> str:
    """The search backend the app uses; search tests parametrize it (tests/search_backends.py)."""
    return "tantivy"


MEMORY = Path("/dev/shm")  # noqa: S108  (each test makes a folder of its own in it)


@pytest.fixture
def search_index_path(tmp_path: Path) -> Iterator[Path]:
    """The folder of the app's search index files: in memory where the machine has a
    memory file system. tantivy makes every commit durable (it syncs its files to disk),
    which costs tens of milliseconds a commit on a disk and nothing in memory."""
    if not (MEMORY.is_dir() and os.access(MEMORY, os.W_OK)):
        yield tmp_path / "instance" / "search"
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-test-search-", dir=MEMORY))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def app(database_url: str, search_backend: str, search_index_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SEARCH_BACKEND": search_backend,
        "SEARCH_INDEX_PATH": str(search_index_path),
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": "portal.test",
        # `portal demo` loads a few spending lines a month, not a force's thousands.
        "DEMO_SPENDING_PER_MONTH": 10,
    })
    application.test_client_class = AuditingClient
    watch_for_uncommitted_changes(application)
    yield application
    engine = application.extensions["portal_db"].engine
    in_use = engine.pool.checkedout()
    engine.dispose()
    # A connection still out holds its transaction open: a request or stream that never
    # gave it back would, under load, leave a server waiting for connections.
    assert in_use == 0, f"{in_use} database connections were not given back"


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with app.extensions["portal_db"].sessions() as db_session:
        yield db_session


@pytest.fixture
def add_records(session: Session) -> Any:
    """Save records given in the import format, committed, as staff would publish them."""
    def add(*raw_records: dict[str, Any]) -> None:
        parsed = [parse_record(raw, number) for number, raw in enumerate(raw_records, start=1)]
        save_records(session, parsed)
        session.commit()
    return add
