"""`/healthz` says the process is up; `/readyz` says whether it can serve the site."""

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import event

from portal import create_app
from portal.migrate import is_at_head
from tests.databases import schema_said_to_be_older
from tests.search_backends import BACKENDS, chosen_backend

INTERNALS = ("sqlite", "Error", "Traceback", "No such", "unable", "/")


def _app(database_url: str, tmp_path: Path) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "SECRET_KEY": "test-secret-key", "SERVER_NAME": "portal.test",
                      "SEARCH_INDEX_PATH": str(tmp_path / "search")})


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
    assert response.get_json() == {"status": "ready", "checks": {
        "database": "ok", "migrations": "ok", "search_index": "ok"}}


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
        "database": "ok", "search_index": "ok",
        "migrations": "the database schema is not the latest: run `portal db upgrade`"}


def test_not_ready_when_the_search_index_cannot_be_read(database_url, tmp_path):
    app = _app(database_url, tmp_path)
    (tmp_path / "search" / "CURRENT").write_text("index-that-was-deleted")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {
        "database": "ok", "migrations": "ok",
        "search_index": "the search index cannot be read"}
    _reveals_nothing_internal(response)
    app.extensions["portal_db"].engine.dispose()


def test_the_health_check_touches_nothing_but_the_process(app, client):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the health check used the database")

    engine = app.extensions["portal_db"].engine
    engine.dispose()
    event.listen(engine, "connect", refuse)
    assert client.get("/healthz").get_json() == {"status": "ok"}
