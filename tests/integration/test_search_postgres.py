"""The PostgreSQL search backend in the portal: chosen by SEARCH_BACKEND, refused without
PostgreSQL, and written in the same transaction as the records it describes."""

import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from content.importer import parse_record
from content.models import Decision, SearchPending
from content.store import save_records
from portal import create_app
from portal.cli import main
from portal.indexing import SearchSettingProblem, index_within_transaction, search_index
from search import SearchRequest, parse_query
from search.postgres import PostgresSearch, take_write_lock
from tests import factories
from tests.search_backends import chosen_backend


def keys_for(index, words):
    return [hit.key for hit in index.search(SearchRequest(query=parse_query(words))).hits]


@pytest.mark.parametrize(("backend", "message"), [
    ("postgres", "SEARCH_BACKEND=postgres keeps the search index in PostgreSQL, but "
                 "DATABASE_URL names a sqlite database"),
    ("elastic", "SEARCH_BACKEND must be one of tantivy, whoosh, postgres, not ‘elastic’"),
])
def test_a_search_backend_that_cannot_work_stops_the_portal_starting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str, message: str) -> None:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    with pytest.raises(SearchSettingProblem, match=message):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
                    "SECRET_KEY": "x", "SEARCH_BACKEND": backend})


def test_the_command_line_says_what_to_change_rather_than_crashing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SEARCH_BACKEND", "postgres")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["reindex"])
    assert result.exit_code == 1
    assert "Error: SEARCH_BACKEND=postgres keeps the search index in PostgreSQL" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def search_backend(request):
    return chosen_backend(request, "postgres")


def test_the_postgres_backend_is_chosen_by_the_setting(app):
    assert isinstance(app.extensions["portal_search"], PostgresSearch)


def test_search_rows_change_in_the_records_own_transaction(app, add_records, session):
    add_records(factories.decision("2025/050", title="Drone unit funding"))
    index = app.extensions["portal_search"]
    decision = session.scalars(select(Decision)).one()
    assert keys_for(index, "drone") == [f"decision:{decision.id}"]
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0

    decision.title = "Helicopter unit funding"
    index_within_transaction(session)  # what happens as the session commits
    in_transaction = session.execute(text(
        "SELECT title FROM search_document WHERE key = :key"), {"key": f"decision:{decision.id}"})
    assert in_transaction.scalar() == "Helicopter unit funding"
    # Other connections (other web servers) see neither change until the commit...
    assert keys_for(index, "helicopter") == [] and keys_for(index, "drone") != []
    session.rollback()
    # ...and after a rollback, never.
    assert keys_for(index, "helicopter") == [] and keys_for(index, "drone") != []

    decision.title = "Helicopter unit funding"
    session.commit()
    assert keys_for(index, "helicopter") == [f"decision:{decision.id}"]
    assert keys_for(index, "drone") == []
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0


def test_a_change_made_during_a_rebuild_waits_for_it_and_then_lands(app, add_records):
    add_records(factories.decision("2025/060", title="Mounted section review"))
    with app.app_context():
        index = search_index()
    sessions = app.extensions["portal_db"].sessions
    failures: list[BaseException] = []

    def publish() -> None:
        try:
            with sessions.begin() as other_session:
                save_records(other_session, [parse_record(
                    factories.decision("2025/061", title="Saddle repairs"), 1)])
        except BaseException as error:  # reported by the test below
            failures.append(error)

    with index.engine.connect() as rebuilding, rebuilding.begin():
        take_write_lock(rebuilding)  # as `portal reindex` holds it while it rebuilds
        writer = threading.Thread(target=publish)
        writer.start()
        deadline = time.monotonic() + 10
        while not _waiting_for_advisory_lock(index) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _waiting_for_advisory_lock(index), "the change did not wait for the lock"
        assert keys_for(index, "saddle") == []
    writer.join(timeout=10)
    assert not writer.is_alive() and not failures
    assert len(keys_for(index, "saddle")) == 1
    assert len(keys_for(index, "mounted")) == 1


def _waiting_for_advisory_lock(index: PostgresSearch) -> bool:
    with index.engine.connect() as connection:
        return bool(connection.scalar(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")))
