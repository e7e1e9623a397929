"""Administration: staff accounts and the audit log."""

import secrets
from datetime import datetime, time, timedelta
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import InvalidDate, parse_date
from portal.db import get_session
from portal.opendata import csv_response
from portal.staff import accounts
from portal.staff.models import ROLES, AuditEvent, StaffSession, StaffUser
from portal.staff.views import bp, record, requires
from portal.templating import UK_TIME

AUDIT_PAGE = 200
AUDIT_COLUMNS = ("at", "user", "action", "target", "client", "detail")


@bp.route("/users", methods=["GET", "POST"])
@requires("admin")
def users() -> Any:
    db = get_session()
    problem, created, first_password = None, None, None
    if request.method == "POST":
        first_password = secrets.token_urlsafe(12)
        try:
            created = accounts.create_user(db, request.form.get("email", ""), first_password,
                                           request.form.getlist("roles"))
        except accounts.AccountProblem as refused:
            problem, first_password = str(refused), None
        else:
            record("account created", created.email, roles=created.roles)
            db.commit()
    everyone = db.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/users.html", users=everyone, roles=ROLES, problem=problem,
                           created=created, first_password=first_password,
                           form_email=request.form.get("email", "") if problem else ""), (
        400 if problem else 200)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("admin")
def user(user_id: int) -> Any:
    db = get_session()
    account = db.get(StaffUser, user_id)
    if account is None:
        abort(404)
    problem = None
    if request.method == "POST":
        problem = _change(account, request.form)
        if problem is None:
            db.commit()
            return redirect(url_for("staff.user", user_id=account.id))
        db.rollback()
    return render_template("staff/user.html", account=account, roles=ROLES,
                           problem=problem), (400 if problem else 200)


def _change(account: StaffUser, form: Any) -> str | None:
    action = form.get("action")
    if action == "roles":
        chosen = [role for role in ROLES if role in form.getlist("roles")]
        if not chosen:
            return "Select at least one role"
        if account.id == g.staff_user.id and "admin" not in chosen:
            return "You cannot remove your own admin role: ask another admin"
        account.roles = chosen
        record("roles changed", account.email, roles=chosen)
    elif action in ("deactivate", "reactivate"):
        if account.id == g.staff_user.id:
            return "You cannot deactivate your own account"
        account.active = action == "reactivate"
        _end_sessions(account)
        record(f"account {action}d", account.email)
    elif action == "reset_two_factor":
        account.totp_secret, account.totp_confirmed_at = None, None
        account.totp_last_step, account.recovery_codes = None, []
        _end_sessions(account)
        record("two-factor reset", account.email)
    elif action == "unlock":
        account.locked_until, account.failed_sign_ins = None, 0
        record("account unlocked", account.email)
    else:
        return "Choose what to change"
    return None


def _end_sessions(account: StaffUser) -> None:
    for staff_session in get_session().scalars(select(StaffSession).where(
            StaffSession.user_id == account.id, StaffSession.ended_at.is_(None))):
        accounts.end_session(staff_session)


def _audit_events() -> tuple[list[AuditEvent], list[str]]:
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    problems = []
    action = request.args.get("action", "").strip()
    if action:
        statement = statement.where(AuditEvent.action.icontains(action))
    who = request.args.get("user", "").strip().lower()
    if who:
        ids = select(StaffUser.id).where(StaffUser.email.icontains(who))
        statement = statement.where(AuditEvent.user_id.in_(ids))
    target = request.args.get("target", "").strip()
    if target:
        statement = statement.where(AuditEvent.target == target.upper())
    for name, label in (("from", "The ‘from’ date"), ("to", "The ‘to’ date")):
        value = request.args.get(name, "").strip()
        if not value:
            continue
        try:
            day = parse_date(value, allow_uk=True)
        except InvalidDate:
            problems.append(f"{label} must be a real date, like 27/3/2025")
            continue
        moment = datetime.combine(day, time.min, UK_TIME)
        statement = statement.where(AuditEvent.at >= moment if name == "from"
                                    else AuditEvent.at < moment + timedelta(days=1))
    return list(get_session().scalars(statement)), problems


@bp.get("/audit")
@requires("admin")
def audit_log() -> Any:
    events, problems = _audit_events()
    emails = {u.id: u.email for u in get_session().scalars(select(StaffUser))}
    return render_template("staff/audit.html", events=events[:AUDIT_PAGE], total=len(events),
                           emails=emails, problem="; ".join(problems) or None,
                           limit=AUDIT_PAGE), (400 if problems else 200)


@bp.get("/audit.csv")
@requires("admin")
def audit_csv() -> Any:
    events, problems = _audit_events()
    if problems:
        abort(400, description="; ".join(problems))
    emails = {u.id: u.email for u in get_session().scalars(select(StaffUser))}
    record("exported the audit log", events=len(events))
    get_session().commit()
    rows = [{"at": event.at.isoformat(), "user": emails.get(event.user_id or 0, ""),
             "action": event.action, "target": event.target, "client": event.client,
             "detail": event.detail} for event in events]
    return csv_response("audit-log.csv", rows, list(AUDIT_COLUMNS))
