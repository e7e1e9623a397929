"""`/healthz` says the process is up; `/readyz` says whether it can serve the site."""

import socket
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import event

from portal import create_app
from portal.migrate import is_at_head
from tests.databases import schema_said_to_be_older
from tests.search_backends import BACKENDS, chosen_backend

INTERNALS = ("sqlite", "Error", "Traceback", "No such", "unable", "/")


def _app(database_url: str, tmp_path: Path, **settings: str) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "SECRET_KEY": "test-secret-key", "SERVER_NAME": "portal.test",
                      "SEARCH_INDEX_PATH": str(tmp_path / "search"), **settings})


def _closed_port() -> int:
    """A port on this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def search_backend(request):
    return chosen_backend(request, getattr(request, "param", "tantivy"))


def _reveals_nothing_internal(response) -> None:
    checks = response.get_json()["checks"]
    for outcome in checks.values():
        if outcome != "ok":
            assert not any(word in outcome for word in INTERNALS), outcome


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_ready_when_database_index_and_schema_are_in_order(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "degraded": [], "checks": {
        "database": "ok", "migrations": "ok", "search_index": "ok", "rate_limits": "ok"}}


def test_not_ready_when_the_database_cannot_be_reached(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}", tmp_path)
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "the database cannot be reached"
    assert body["checks"]["migrations"] == "the database schema could not be checked"
    assert body["checks"]["search_index"] == "ok"
    assert body["degraded"] == []
    _reveals_nothing_internal(response)
    # The process itself is fine: a load balancer should not restart it for this.
    assert client.get("/healthz").status_code == 200
    app.extensions["portal_db"].engine.dispose()


def test_not_ready_when_the_schema_is_behind_this_version(app, client):
    engine = app.extensions["portal_db"].engine
    with schema_said_to_be_older(engine):
        assert not is_at_head(engine)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {
        "database": "ok", "search_index": "ok", "rate_limits": "ok",
        "migrations": "the database schema is not the latest: run `portal db upgrade`"}


def test_still_ready_but_degraded_when_the_search_index_cannot_be_read(database_url,
                                                                       tmp_path):
    app = _app(database_url, tmp_path)
    (tmp_path / "search" / "CURRENT").write_text("index-that-was-deleted")
    client = app.test_client()
    response = client.get("/readyz")
    # The listings, records and forms still work: a load balancer keeps sending them.
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded", "degraded": ["search_index"], "checks": {
            "database": "ok", "migrations": "ok", "rate_limits": "ok",
            "search_index": "the search index cannot be read"}}
    _reveals_nothing_internal(response)
    assert client.get("/decisions").status_code == 200
    app.extensions["portal_db"].engine.dispose()


def test_still_ready_but_degraded_when_the_rate_limit_store_cannot_be_reached(database_url,
                                                                             tmp_path):
    app = _app(database_url, tmp_path,
               RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{_closed_port()}/0")
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded", "degraded": ["rate_limits"], "checks": {
            "database": "ok", "migrations": "ok", "search_index": "ok",
            "rate_limits": "the rate-limit store cannot be reached: "
                           "limits are counted by each process"}}
    _reveals_nothing_internal(response)
    assert client.get("/complaint").status_code == 200
    app.extensions["portal_db"].engine.dispose()


def test_not_ready_when_the_database_is_down_whatever_else_works(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}", tmp_path,
               RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{_closed_port()}/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not ready" and body["degraded"] == ["rate_limits"]
    app.extensions["portal_db"].engine.dispose()


def test_the_health_check_touches_nothing_but_the_process(app, client):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the health check used the database")

    engine = app.extensions["portal_db"].engine
    engine.dispose()
    event.listen(engine, "connect", refuse)
    assert client.get("/healthz").get_json() == {"status": "ok"}
