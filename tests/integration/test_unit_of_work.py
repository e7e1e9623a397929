"""One unit of work per request: a view's changes are committed in one place, and a test
fails when a request leaves changes that were neither committed nor rolled back."""

import pytest
from sqlalchemy import func, select

from portal.db import get_session, once_committed, unit_of_work
from portal.staff.models import AuditEvent


def audit_entries(session):
    return session.scalar(select(func.count()).select_from(AuditEvent))


def entries_seen_by_another_session(app):
    with app.extensions["portal_db"].sessions() as other:
        return audit_entries(other)


@pytest.fixture
def pages(app):
    """Pages that change the database in each way a view might."""
    @app.get("/test/forgets-to-commit")
    def forgets_to_commit():
        get_session().add(AuditEvent(action="left in the session"))
        return "changed", 200, {"Content-Type": "text/plain"}

    @app.get("/test/flushes-without-committing")
    def flushes_without_committing():
        get_session().add(AuditEvent(action="flushed, never committed"))
        get_session().flush()
        return "changed", 200, {"Content-Type": "text/plain"}

    @app.get("/test/unit-of-work")
    @unit_of_work
    def commits_once():
        get_session().add(AuditEvent(action="committed by the unit of work"))
        return "changed", 200, {"Content-Type": "text/plain"}

    @app.get("/test/unit-of-work-fails")
    @unit_of_work
    def fails():
        get_session().add(AuditEvent(action="rolled back"))
        once_committed(lambda: app.config.setdefault("DONE_AFTER_COMMIT", []).append("no"))
        raise RuntimeError("the view went wrong")

    @app.get("/test/after-the-commit")
    @unit_of_work
    def after_the_commit():
        get_session().add(AuditEvent(action="committed first"))
        once_committed(lambda: app.config.setdefault("DONE_AFTER_COMMIT", []).append(
            entries_seen_by_another_session(app)))
        return "changed", 200, {"Content-Type": "text/plain"}


@pytest.mark.parametrize("address", ["/test/forgets-to-commit",
                                     "/test/flushes-without-committing"])
def test_a_request_that_leaves_changes_uncommitted_fails_its_test(client, pages, address):
    with pytest.raises(AssertionError, match=f"GET {address} ended with changes that were "
                                             "never committed"):
        client.get(address)


def test_the_unit_of_work_commits_what_the_view_changed(client, session, pages):
    assert client.get("/test/unit-of-work").status_code == 200
    assert audit_entries(session) == 1


def test_the_unit_of_work_rolls_back_when_the_view_fails(app, client, session, pages):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.get("/test/unit-of-work-fails").status_code == 500
    assert audit_entries(session) == 0


def test_what_waits_for_the_commit_is_done_once_the_changes_are_committed(app, client, pages):
    assert client.get("/test/after-the-commit").status_code == 200
    # Seen from another session: the change was committed before the action ran.
    assert app.config["DONE_AFTER_COMMIT"] == [1]


def test_what_waits_for_the_commit_is_never_done_when_the_view_fails(app, client, pages):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.get("/test/unit-of-work-fails").status_code == 500
    assert "DONE_AFTER_COMMIT" not in app.config
