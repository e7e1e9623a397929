"""Admins manage staff accounts and read the audit log."""

import csv
import io

from sqlalchemy import select

from portal.staff.models import AuditEvent, StaffSession, StaffUser
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_queue import signed_in


def post(client, address, **form):
    response = client.get(address)
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:800])
    page = response.get_data(as_text=True)
    return client.post(address, data={"csrf_token": csrf_token(page), **form})


def test_an_admin_creates_an_account_and_gets_a_first_password_once(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    response = post(client, "/staff/users", email="New.Person@example.org",
                    roles=["resolution"])
    page = response.get_data(as_text=True)
    assert "Account created for new.person@example.org" in page
    assert "two-factor authentication when they first sign in" in page
    user = session.scalars(select(StaffUser).where(
        StaffUser.email == "new.person@example.org")).one()
    assert user.roles == ["resolution"]
    assert "First password" not in client.get("/staff/users").get_data(as_text=True)
    refused = post(client, "/staff/users", email="x@example.org")
    assert refused.status_code == 400
    assert "Roles must be one or more of" in refused.get_data(as_text=True)


def test_an_admin_changes_roles_resets_two_factor_and_deactivates(app, client, session):
    signed_in(app, client, "worker@example.org", ["resolution"])
    worker = session.scalars(select(StaffUser).where(
        StaffUser.email == "worker@example.org")).one()
    worker.totp_secret, worker.recovery_codes = "JBSWY3DPEHPK3PXP", ["x"]
    session.commit()
    signed_in(app, client, "admin@example.org", ["admin"])
    address = f"/staff/users/{worker.id}"
    post(client, address, action="roles", roles=["publisher", "resolution"])
    post(client, address, action="reset_two_factor")
    post(client, address, action="deactivate")
    session.expire_all()
    assert worker.roles == ["publisher", "resolution"]
    assert worker.totp_secret is None and worker.recovery_codes == []
    assert not worker.active
    assert all(s.ended_at for s in session.scalars(select(StaffSession).where(
        StaffSession.user_id == worker.id)))
    actions = [e.action for e in session.scalars(select(AuditEvent).where(
        AuditEvent.target == "worker@example.org"))]
    assert actions[-3:] == ["roles changed", "two-factor reset", "account deactivated"]


def test_an_admin_cannot_lock_themselves_out(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    me = session.scalars(select(StaffUser).where(StaffUser.email == "admin@example.org")).one()
    response = post(client, f"/staff/users/{me.id}", action="roles", roles=["publisher"])
    assert "cannot remove your own admin role" in response.get_data(as_text=True)
    response = post(client, f"/staff/users/{me.id}", action="deactivate")
    assert "cannot deactivate your own account" in response.get_data(as_text=True)


def test_the_audit_log_shows_who_did_what_from_where_with_filters_and_export(app, client,
                                                                           session):
    signed_in(app, client, "admin@example.org", ["admin"])
    post(client, "/staff/users", email="a@example.org", roles=["publisher"])
    page = client.get("/staff/audit?action=account+created").get_data(as_text=True)
    assert "account created" in page and "a@example.org" in page and "127.0.0.1" in page
    assert "exported" not in page
    # Filters match whatever the case, on every database (LIKE is case-sensitive on PostgreSQL).
    page = client.get("/staff/audit?action=Account+Created&user=ADMIN@").get_data(as_text=True)
    assert "a@example.org" in page
    response = client.get("/staff/audit.csv?action=account")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["target"] for row in rows] == ["a@example.org"]
    assert rows[0]["user"] == "admin@example.org" and rows[0]["client"] == "127.0.0.1"
    assert client.get("/staff/audit?from=31/02/2026").status_code == 400
    exported = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "exported the audit log")).one()
    assert exported.detail == {"events": 1}
