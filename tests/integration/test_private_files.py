"""What the portal keeps on disk — database, search index, secret key, evidence files,
published documents, staged uploads and backups — is readable by the portal's user only
(files 0600, folders 0700), whatever umask the portal was started with."""

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from content.models import Decision
from portal import create_app
from tests import factories
from tests.integration import test_backup
from tests.integration.test_staff_decisions import attach
from tests.integration.test_staff_publishing import upload
from tests.integration.test_staff_queue import signed_in
from tests.pdf_samples import pdf_with_text

# The second, empty database and the portal over it that a backup is restored into.
empty_database_url = test_backup.empty_database_url
restored_app = test_backup.restored_app

# A typical login umask: what a process creates is readable by everyone on the machine.
READABLE_BY_ALL = 0o022


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes_of_everything_in(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder.parent)): mode(path)
            for path in (folder, *folder.rglob("*"))}


def private(modes: dict[str, int], folder: Path) -> dict[str, int]:
    """What the modes should be: 0700 for each folder, 0600 for each file."""
    return {name: 0o700 if (folder.parent / name).is_dir() else 0o600 for name in modes}


@pytest.fixture
def started_with_a_shared_umask():
    previous = os.umask(READABLE_BY_ALL)
    yield
    os.umask(previous)


def test_a_new_installation_creates_its_database_index_and_key_for_its_user_only(
        started_with_a_shared_umask, tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setenv("INSTANCE_PATH", str(instance))
    for setting in ("SECRET_KEY", "DATABASE_URL", "SEARCH_INDEX_PATH", "UPLOAD_PATH",
                    "DOCUMENTS_PATH"):
        monkeypatch.delenv(setting, raising=False)
    app = create_app({"TESTING": True, "SERVER_NAME": "portal.test"})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with app.extensions["portal_db"].sessions() as session:
        from content.importer import parse_record
        from content.store import save_records
        save_records(session, [parse_record(factories.decision("2025/001"), 1)])
        session.commit()
    assert runner.invoke(args=["reindex"]).exit_code == 0
    app.extensions["portal_db"].engine.dispose()

    created = modes_of_everything_in(instance)
    assert created["instance"] == 0o700
    assert created["instance/secret_key"] == created["instance/portal.sqlite3"] == 0o600
    # The search engine makes its own files (an empty lock file is 0700): none is open to
    # anyone but the portal's user.
    index = {name: bits for name, bits in created.items() if name.startswith("instance/search")}
    assert len(index) > 3
    assert {name: bits & 0o077 for name, bits in index.items()} == dict.fromkeys(index, 0)


@pytest.fixture
def umask_loosened_after_start(app):
    """Code the portal does not control (a library, a server's own setting) may change the
    umask after the app has started: files the portal writes itself stay private."""
    previous = os.umask(READABLE_BY_ALL)
    yield
    os.umask(previous)


def test_uploads_documents_staged_expenses_and_backups_are_for_the_portals_user_only(
        app, client, session, runner, umask_loosened_after_start, cases, add_records,
        tmp_path):
    signed_in(app, client, "pub@example.org", ["publisher"])
    add_records(factories.decision("2025/001"))
    decision = session.scalars(select(Decision)).one()
    pdf = pdf_with_text("Minutes of the board")
    assert attach(client, f"/staff/content/decisions/{decision.id}", pdf).status_code == 302
    csv = b"date,claimant,category,description,amount\n2025-04-01,PCC,Travel,Rail fare,12.50\n"
    assert upload(client, csv).status_code == 302
    backup = tmp_path / "backups" / "portal.tar.gz"
    backup.parent.mkdir()
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0

    assert mode(backup) == 0o600
    for setting in ("UPLOAD_PATH", "DOCUMENTS_PATH"):
        folder = Path(app.config[setting])
        written = modes_of_everything_in(folder)
        assert len(written) == 2, f"{setting}: one file in its folder"
        assert written == private(written, folder), setting
    staging = Path(app.instance_path) / "staging"
    staged = modes_of_everything_in(staging)
    assert len(staged) == 2 and staged == private(staged, staging)


def test_files_put_back_by_a_restore_are_for_the_portals_user_only(
        app, client, runner, umask_loosened_after_start, cases, restored_app, tmp_path):
    backup = tmp_path / "portal.tar.gz"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    os.umask(READABLE_BY_ALL)  # starting the restored portal set its own
    restored = restored_app.test_cli_runner().invoke(args=["restore", str(backup)])
    assert restored.exit_code == 0, restored.output
    uploads = Path(restored_app.config["UPLOAD_PATH"])
    put_back = modes_of_everything_in(uploads)
    assert len(put_back) == 2 and put_back == private(put_back, uploads)
