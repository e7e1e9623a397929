"""Several processes writing records (and so the index) at once lose nothing, with each
search backend (several web servers share the PostgreSQL one)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from content.models import Decision, SearchPending
from portal.indexing import search_index, sync_pending
from tests.search_backends import BACKENDS, chosen_backend

WRITER = textwrap.dedent("""
    import sys
    from content.importer import parse_record
    from content.store import save_records
    from portal import create_app

    database_url, index_path, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x",
                      "SEARCH_INDEX_PATH": index_path, "SEARCH_BACKEND": sys.argv[5]})
    sessions = app.extensions["portal_db"].sessions
    for number in range(count):
        record = {"type": "decision", "reference": f"{name}/{number:04d}",
                  "title": f"Decision {number} from writer {name}", "date": "2025-01-01",
                  "decision_maker": "Police and Crime Commissioner", "category": "Estates",
                  "summary": "Written by a test process."}
        with app.app_context(), sessions.begin() as session:
            save_records(session, [parse_record(record, 1)])
    print("done", name)
""")


@pytest.fixture(params=BACKENDS)
def search_backend(request):
    return chosen_backend(request, request.param)


def test_three_processes_writing_at_once_lose_nothing(app, search_backend, tmp_path: Path) -> None:
    database_url = app.config["DATABASE_URL"]
    index_path = app.config["SEARCH_INDEX_PATH"]
    writers = [subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url, index_path, name, "100", search_backend],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).parents[2]) for name in ("1111", "2222", "3333")]
    outputs = [writer.communicate(timeout=180) for writer in writers]
    for writer, (stdout, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
        assert "done" in stdout
        print(stderr)

    sessions = app.extensions["portal_db"].sessions
    with app.app_context():
        index = search_index()
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(Decision)) == 300
            ids = set(session.scalars(select(Decision.id)))
            # Anything still queued (the index was busy at that moment) is applied next time.
            sync_pending(sessions, index)
            assert session.scalar(select(func.count()).select_from(SearchPending)) == 0
        assert index.document_keys() == {f"decision:{record_id}" for record_id in ids}
