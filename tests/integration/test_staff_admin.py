"""Admins manage staff accounts and read the audit log."""

import csv
import io

from sqlalchemy import select

from portal.staff.models import AuditEvent, StaffSession, StaffUser
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import errors_at_their_boxes, success_banner, value_of, visible_text


def post(client, address, prefix="", from_page=None, **form):
    """Send the form on the page at `address`, or on `from_page` when it posts elsewhere
    (its boxes' names begin with `prefix`)."""
    response = client.get(from_page or address)
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:800])
    token = csrf_token(response.get_data(as_text=True))
    start = f"{prefix}-" if prefix else ""
    return client.post(address, data={f"{start}csrf_token": token,
                                      **{start + name: value for name, value in form.items()}})


def account(session, email):
    return session.scalars(select(StaffUser).where(StaffUser.email == email)).one()


def worker_and_admin(app, client, session):
    """A caseworker with two-factor set up, and an admin signed in to change them."""
    signed_in(app, client, "worker@example.org", ["resolution"])
    worker = account(session, "worker@example.org")
    worker.totp_secret, worker.recovery_codes = "JBSWY3DPEHPK3PXP", ["x"]
    session.commit()
    signed_in(app, client, "admin@example.org", ["admin"])
    return worker


def test_an_admin_creates_an_account_and_gets_a_first_password_once(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    response = post(client, "/staff/users", "new", email="New.Person@example.org",
                    roles=["resolution"])
    assert response.status_code == 200
    assert success_banner(response) == ["Account created for new.person@example.org"]
    page = response.get_data(as_text=True)
    assert "First password for new.person@example.org" in page
    assert "two-factor authentication when they first sign in" in page
    assert account(session, "new.person@example.org").roles == ["resolution"]
    again = client.get("/staff/users")
    assert "First password" not in again.get_data(as_text=True)
    assert success_banner(again) == []  # said once


def test_creating_an_account_reports_every_problem_at_its_box_and_keeps_what_was_typed(
        app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    response = post(client, "/staff/users", "new", email="not an address")
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "new-email": "Enter an email address in the correct format, like name@example.com",
        "new-roles": "Select at least one role"}
    assert value_of(response, "new-email") == "not an address"
    taken = post(client, "/staff/users", "new", email="ADMIN@example.org", roles=["admin"])
    assert errors_at_their_boxes(taken) == {
        "new-email": "There is already an account for admin@example.org"}


def test_an_admin_changes_roles_and_is_told_so(app, client, session):
    worker = worker_and_admin(app, client, session)
    address = f"/staff/users/{worker.id}"
    response = post(client, address, roles=["publisher", "resolution"])
    assert response.headers["Location"] == address
    assert success_banner(client.get(address)) == [
        "Roles saved for worker@example.org: Publisher, Resolution Team"]
    session.expire_all()
    assert worker.roles == ["publisher", "resolution"]


def test_resetting_two_factor_asks_first_and_happens_only_when_confirmed(app, client,
                                                                        session):
    worker = worker_and_admin(app, client, session)
    address = f"/staff/users/{worker.id}/reset-two-factor"
    question = client.get(address)
    assert question.status_code == 200
    page = visible_text(question)
    assert "Are you sure you want to reset two-factor authentication for " \
           "worker@example.org?" in page
    assert "Cancel" in page and "govuk-button--warning" in question.get_data(as_text=True)
    token = csrf_token(question.get_data(as_text=True))
    unconfirmed = client.post(address, data={"csrf_token": token})
    assert "Are you sure" in visible_text(unconfirmed)
    session.expire_all()
    assert worker.totp_secret == "JBSWY3DPEHPK3PXP"  # nothing changed
    done = client.post(address, data={"csrf_token": token, "confirmed": "yes"})
    assert done.headers["Location"] == f"/staff/users/{worker.id}"
    assert success_banner(client.get(done.headers["Location"])) == [
        "Two-factor authentication reset for worker@example.org"]
    session.expire_all()
    assert worker.totp_secret is None and worker.recovery_codes == []
    assert all(s.ended_at for s in session.scalars(select(StaffSession).where(
        StaffSession.user_id == worker.id)))


def test_deactivating_asks_first_and_happens_only_when_confirmed(app, client, session):
    worker = worker_and_admin(app, client, session)
    address = f"/staff/users/{worker.id}/deactivate"
    question = client.get(address)
    assert "Are you sure you want to deactivate worker@example.org?" in visible_text(question)
    token = csrf_token(question.get_data(as_text=True))
    client.post(address, data={"csrf_token": token, "confirmed": "no"})
    session.expire_all()
    assert worker.active
    done = client.post(address, data={"csrf_token": token, "confirmed": "yes"})
    assert success_banner(client.get(done.headers["Location"])) == [
        "Account worker@example.org deactivated"]
    session.expire_all()
    assert not worker.active
    again = post(client, f"/staff/users/{worker.id}/reactivate",
                 from_page=f"/staff/users/{worker.id}")
    assert success_banner(client.get(again.headers["Location"])) == [
        "Account worker@example.org reactivated: they can sign in again"]
    actions = [e.action for e in session.scalars(select(AuditEvent).where(
        AuditEvent.target == "worker@example.org").order_by(AuditEvent.id))]
    assert actions[-2:] == ["account deactivated", "account reactivated"]


def test_unlocking_an_account_says_so(app, client, session):
    from datetime import UTC, datetime
    worker = worker_and_admin(app, client, session)
    worker.locked_until, worker.failed_sign_ins = datetime(2099, 1, 1, tzinfo=UTC), 3
    session.commit()
    response = post(client, f"/staff/users/{worker.id}/unlock",
                    from_page=f"/staff/users/{worker.id}")
    assert success_banner(client.get(response.headers["Location"])) == [
        "Account worker@example.org unlocked: they can sign in again"]
    session.expire_all()
    assert worker.locked_until is None and worker.failed_sign_ins == 0


def test_an_admin_cannot_lock_themselves_out(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    me = account(session, "admin@example.org")
    response = post(client, f"/staff/users/{me.id}", roles=["publisher"])
    assert errors_at_their_boxes(response) == {
        "roles": "You cannot remove your own admin role: ask another admin"}
    page = client.get(f"/staff/users/{me.id}")
    assert "Deactivate the account" not in visible_text(page)
    token = csrf_token(page.get_data(as_text=True))
    client.post(f"/staff/users/{me.id}/deactivate", data={"csrf_token": token,
                                                         "confirmed": "yes"})
    session.expire_all()
    assert me.active and me.roles == ["admin"]


def test_the_audit_log_shows_who_did_what_from_where_with_filters_and_export(app, client,
                                                                           session):
    signed_in(app, client, "admin@example.org", ["admin"])
    post(client, "/staff/users", "new", email="a@example.org", roles=["publisher"])
    page = client.get("/staff/audit?action=account+created").get_data(as_text=True)
    assert "Created the account for a@example.org with the roles Publisher" in page
    assert "127.0.0.1" in page and "['publisher']" not in page
    assert "exported" not in page
    # Filters match whatever the case, on every database (LIKE is case-sensitive on PostgreSQL).
    page = client.get("/staff/audit?action=Account+Created&user=ADMIN@").get_data(as_text=True)
    assert "a@example.org" in page
    response = client.get("/staff/audit.csv?action=account")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["target"] for row in rows] == ["a@example.org"]
    assert rows[0]["user"] == "admin@example.org" and rows[0]["client"] == "127.0.0.1"
    exported = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "exported the audit log")).one()
    assert exported.detail == {"events": 1}


def test_audit_log_filters_that_are_not_dates_are_reported_at_their_boxes(app, client):
    signed_in(app, client, "admin@example.org", ["admin"])
    response = client.get("/staff/audit?from=31/02/2026&to=soon")
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "from": "From must be a real date, like 27/3/2026 or 2026-03-27",
        "to": "To must be a real date, like 27/3/2026 or 2026-03-27"}
    assert value_of(response, "from") == "31/02/2026"
    assert client.get("/staff/audit.csv?from=31/02/2026").status_code == 400
