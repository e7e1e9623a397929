"""A backup restores into an empty database with every row and stored file, on SQLite and
PostgreSQL alike, and a damaged or misplaced restore changes nothing."""

import io
import os
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from content.importer import parse_record
from content.models import RecordFile
from content.store import save_records
from portal import create_app
from portal.backup import _rows, backed_up_tables
from portal.db import make_engine
from portal.migrate import upgrade
from tests import factories


@pytest.fixture
def empty_database_url(tmp_path):
    """A second database, migrated and empty, of the same kind as the one under test."""
    postgres = os.environ.get("TEST_DATABASE_URL")
    if not postgres:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        main = make_url(postgres)
        url = main.set(database=f"{main.database}_restored").render_as_string(
            hide_password=False)
        server = create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{main.database}_restored"'))
            connection.execute(text(f'CREATE DATABASE "{main.database}_restored"'))
        server.dispose()
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def restored_app(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "restored-instance"))
    application = create_app({"TESTING": True, "DATABASE_URL": empty_database_url,
                              "SECRET_KEY": "test-secret-key", "SERVER_NAME": "portal.test"})
    yield application
    application.extensions["portal_db"].engine.dispose()


@pytest.fixture
def filled(app, runner, session, cases):
    """The demonstration data, three real submissions (one with a file) and a document."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    add_document(app, session)


@pytest.fixture
def a_little(app, session, add_records, cases):
    add_records(factories.decision("2025/001"), factories.expense("Rail fare"))
    add_document(app, session)


def add_document(app, session):
    folder = Path(app.config["DOCUMENTS_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "0123456789abcdef").write_bytes(b"%PDF-1.4 minutes of the board")
    session.add(RecordFile(record_type="decision", record_id=1, original_name="minutes.pdf",
                           stored_name="0123456789abcdef", size=29, text="minutes"))
    session.commit()


def every_row(app):
    with app.extensions["portal_db"].engine.connect() as connection:
        return {table.name: list(_rows(connection, table)) for table in backed_up_tables()}


def test_a_backup_restores_every_record_and_file_into_an_empty_database(
        app, runner, filled, restored_app, tmp_path):
    backup = tmp_path / "portal-backup.tar.gz"
    made = runner.invoke(args=["backup", str(backup)])
    assert made.exit_code == 0, made.output
    assert "files to" in made.output and backup.exists()
    restored = restored_app.test_cli_runner().invoke(args=["restore", str(backup)])
    assert restored.exit_code == 0, restored.output
    before, after = every_row(app), every_row(restored_app)
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()}
    assert after == before
    assert len(before["decision"]) > 10 and len(before["intake_attachment"]) == 1
    for kind in ("UPLOAD_PATH", "DOCUMENTS_PATH"):
        original = {p.name: p.read_bytes() for p in Path(app.config[kind]).iterdir()}
        copied = {p.name: p.read_bytes() for p in Path(restored_app.config[kind]).iterdir()}
        assert copied == original and original
    # The search index was rebuilt from the restored records.
    old, new = app.test_client(), restored_app.test_client()
    for words in ("victims", "travel", "custody"):
        assert new.get(f"/search.json?q={words}").get_json()["total"] == old.get(
            f"/search.json?q={words}").get_json()["total"] > 0
    # New records get fresh numbers after the restored ones.
    with restored_app.extensions["portal_db"].sessions() as session:
        save_records(session, [parse_record(factories.decision("2099/001"), 1)])
        session.commit()


def test_a_backup_is_only_restored_into_an_empty_database(app, runner, a_little, tmp_path):
    backup = tmp_path / "portal-backup.tar.gz"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    refused = runner.invoke(args=["restore", str(backup)])
    assert refused.exit_code == 1
    assert "restore only into an empty database" in refused.output


def test_a_damaged_file_in_a_backup_stops_the_restore_before_anything_is_written(
        app, runner, a_little, restored_app, tmp_path):
    backup = tmp_path / "portal-backup.tar.gz"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(backup, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/documents/"):
                data = data.replace(b"board", b"BOARD")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    refused = restored_app.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert refused.exit_code == 1 and "is damaged" in refused.output
    assert every_row(restored_app)["decision"] == []
    documents = Path(restored_app.config["DOCUMENTS_PATH"])
    assert not documents.exists() or not any(documents.iterdir())
