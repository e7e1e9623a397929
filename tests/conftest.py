"""Fixtures: an app over a real, migrated database (fresh for each test) and a client
that audits every HTML page it fetches."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from content.importer import parse_record
from content.store import save_records
from portal import create_app
from portal.db import make_engine
from portal.migrate import upgrade
from tests.page_audit import audit_html


class AuditingClient(FlaskClient):
    """A test client that fails the test when a page breaks the basic structure rules."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302:
            problems = audit_html(response.get_data(as_text=True))
            assert not problems, f"{response.request.path}: " + "; ".join(problems)
        return response


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test then gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "portal.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture
def database_url(migrated_database: Path, tmp_path: Path) -> Iterator[str]:
    postgres = _postgres_url()
    if postgres:
        engine = make_engine(postgres)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(engine)
        engine.dispose()
        yield postgres
        return
    copy = tmp_path / "portal.sqlite3"
    shutil.copyfile(migrated_database, copy)
    yield f"sqlite:///{copy}"


@pytest.fixture
def search_backend() -> str:
    """The search backend the app uses; search tests parametrize it (tests/search_backends.py)."""
    return "whoosh"


@pytest.fixture
def app(database_url: str, search_backend: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SEARCH_BACKEND": search_backend,
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": "portal.test",
    })
    application.test_client_class = AuditingClient
    yield application
    application.extensions["portal_db"].engine.dispose()


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
