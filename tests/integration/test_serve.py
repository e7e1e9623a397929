"""The real `portal serve`: gunicorn with several sync workers over one Whoosh index."""

import json
import subprocess
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from content.importer import parse_record
from content.models import Decision, SearchPending
from content.store import save_records
from portal.indexing import DEFER_SYNC, search_index
from tests.databases import schema_said_to_be_older
from tests.servers import PORTAL, PROJECT, Server, portal_environment, wait_for

WORKERS = 3
NEW_DECISION = {"type": "decision", "reference": "2025/777", "title": "Zebracorn stables lease",
                "date": "2025-04-01", "decision_maker": "Police and Crime Commissioner",
                "category": "Estates", "summary": "Renewing the lease on the mounted unit's "
                                                  "zebracorn stables."}


@pytest.fixture
def environment(app) -> dict[str, str]:
    return portal_environment(app.config["DATABASE_URL"], Path(app.instance_path),
                              SEARCH_INDEX_PATH=app.config["SEARCH_INDEX_PATH"],
                              WEB_WORKERS=str(WORKERS))


@pytest.fixture
def server(environment) -> Iterator[Server]:
    running = Server(environment)
    yield running
    running.stop()


def _search(server: Server, words: str) -> tuple[int | None, list[str]]:
    """Which worker answered a search, and the references it found."""
    request_id = uuid.uuid4().hex
    status, _headers, body = server.get(f"/search.json?q={words}",
                                        headers={"X-Request-Id": request_id})
    assert status == 200
    references = [record["reference"] for record in json.loads(body)["records"]]
    pid = wait_for(lambda: server.served_by(request_id), "the request's log line", 10)
    return pid, references


def _ask_every_worker(server: Server, words: str, until) -> dict[int, list[list[str]]]:
    """Search several at a time (so that every worker gets some) until `until(answers)`."""
    answers: dict[int, list[list[str]]] = {}

    def round_of_searches() -> bool:
        with ThreadPoolExecutor(WORKERS * 2) as pool:
            for pid, references in pool.map(lambda _n: _search(server, words),
                                            range(WORKERS * 2)):
                answers.setdefault(pid, []).append(references)
        return until(answers)

    wait_for(round_of_searches, "every worker to answer as expected")
    return answers


def test_the_server_logs_json_lines_with_request_ids(server):
    status, headers, _body = server.get("/decisions?year=2025",
                                        headers={"X-Request-Id": "from-the-proxy-01"})
    assert status == 200 and headers["X-Request-Id"] == "from-the-proxy-01"
    line = wait_for(lambda: [entry for entry in server.logged()
                             if entry.get("request_id") == "from-the-proxy-01"
                             and entry["logger"] == "portal.requests"], "the log line")[0]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/decisions", 200)
    assert not server.other_output, "gunicorn wrote lines that are not JSON"
    assert len(server.worker_pids()) == WORKERS


def test_every_worker_sees_a_change_made_from_the_command_line(app, environment, server,
                                                               tmp_path):
    sessions = app.extensions["portal_db"].sessions
    # Every worker has its searcher open (and so a view of the index from before).
    before = _ask_every_worker(server, "zebracorn",
                               lambda answers: len(answers) == WORKERS)
    assert set(before) == server.worker_pids()
    assert all(references == [] for seen in before.values() for references in seen)

    records = tmp_path / "new.jsonl"
    records.write_text(json.dumps(NEW_DECISION) + "\n")
    imported = subprocess.run([str(PORTAL), "import", str(records)], env=environment,
                              cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr

    def all_fresh(answers: dict[int, list[list[str]]]) -> bool:
        return len(answers) == WORKERS and all(seen[-1] == ["2025/777"]
                                               for seen in answers.values())

    after = _ask_every_worker(server, "zebracorn", all_fresh)
    # Once a worker has seen the change it never loses it again.
    for seen in after.values():
        first = seen.index(["2025/777"])
        assert all(references == ["2025/777"] for references in seen[first:])

    with sessions() as session:
        ids = set(session.scalars(select(Decision.id)))
        assert session.scalar(select(func.count()).select_from(SearchPending)) == 0
    with app.app_context():
        assert search_index().document_keys() == {f"decision:{number}" for number in ids}


def test_serve_refuses_to_start_on_an_older_schema(app, environment):
    with schema_said_to_be_older(app.extensions["portal_db"].engine):
        refused = subprocess.run([str(PORTAL), "serve"], env=environment, cwd=PROJECT,
                                 capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "run `portal db upgrade`, then start the server again" in refused.stderr


def test_the_worker_applies_search_changes_left_queued(app, session, runner):
    # As when the index was busy at the moment of the change: committed, still queued.
    session.info[DEFER_SYNC] = True
    save_records(session, [parse_record(NEW_DECISION, 1)])
    session.commit()
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 1

    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0
    with app.app_context():
        decision_id = session.scalar(select(Decision.id))
        assert search_index().document_keys() == {f"decision:{decision_id}"}
