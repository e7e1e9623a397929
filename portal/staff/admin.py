"""Administration: staff accounts and the audit log."""

import secrets
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from portal.db import get_session, unit_of_work
from portal.opendata import csv_response
from portal.staff import accounts
from portal.staff.accounts import role_names
from portal.staff.actions import Done, act, finish, record_and_tell
from portal.staff.audit_words import in_words
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.expiry import shows_expired_forms_again
from portal.staff.forms import AuditFilterForm, NewAccountForm, RolesForm, role_hints
from portal.staff.models import AuditEvent, StaffUser
from portal.staff.views import bp, record, requires

AUDIT_PAGE = 200
AUDIT_COLUMNS = ("at", "user", "action", "target", "what_happened", "client", "detail")


@bp.route("/users", methods=["GET", "POST"])
@shows_expired_forms_again
@requires("admin")
@unit_of_work
def users() -> ResponseReturnValue:
    db = get_session()
    form = NewAccountForm()
    created, first_password = None, None
    if form.validate_on_submit():
        first_password = secrets.token_urlsafe(12)
        try:
            created = accounts.create_user(db, form.email.data or "", first_password,
                                           form.roles.data or [])
        except accounts.AccountProblem as refused:
            form[refused.field or "email"].errors.append(str(refused))
            first_password = None
        else:
            record_and_tell(Done("account created", created.email,
                                 f"Account created for {created.email}",
                                 {"roles": created.roles}))
            form = NewAccountForm(formdata=None)
    return render_template("staff/users.html", users=accounts.every_account(db), form=form,
                           created=created, first_password=first_password,
                           role_names=role_names, role_hints=role_hints()), (
        400 if form.errors else 200)


def _account_or_404(user_id: int) -> StaffUser:
    account = accounts.get_account(get_session(), user_id)
    if account is None:
        abort(404)
    return account


def _account_page(account: StaffUser) -> str:
    return url_for("staff.user", user_id=account.id)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@shows_expired_forms_again
@requires("admin")
@unit_of_work
def user(user_id: int) -> ResponseReturnValue:
    """One account, and the roles it holds."""
    account = _account_or_404(user_id)
    form = RolesForm(data={"roles": account.roles})

    def set_roles() -> Done | None:
        try:
            chosen = accounts.set_roles(account, form.roles.data or [], g.staff_user)
        except accounts.AccountProblem as refused:
            form.roles.errors = [*form.roles.errors, str(refused)]
            return None
        return Done("roles changed", account.email,
                    f"Roles saved for {account.email}: {role_names(chosen)}", {"roles": chosen})

    def show_again() -> ResponseReturnValue:
        return render_template("staff/user.html", account=account, form=form,
                               role_hints=role_hints(), role_names=role_names,
                               is_me=account.id == g.staff_user.id), (
            400 if form.errors else 200)
    return act(form.validate_on_submit(), set_roles, show_again, _account_page(account))


def _done(account: StaffUser, action: str, message: str) -> ResponseReturnValue:
    """An action on an account that needs nothing more than the button (or its
    confirmation page), once done."""
    return finish(Done(action, account.email, message), _account_page(account))


@bp.post("/users/<int:user_id>/unlock")
@requires("admin")
@unit_of_work
def unlock(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    accounts.unlock(account)
    return _done(account, "account unlocked",
                 f"Account {account.email} unlocked: they can sign in again")


@bp.post("/users/<int:user_id>/reactivate")
@requires("admin")
@unit_of_work
def reactivate(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    accounts.reactivate(account)
    return _done(account, "account reactivated",
                 f"Account {account.email} reactivated: they can sign in again")


@bp.route("/users/<int:user_id>/deactivate", methods=["GET", "POST"])
@requires("admin")
@unit_of_work
def deactivate(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    if account.id == g.staff_user.id:  # the account page says why there is no button
        return redirect(_account_page(account))
    if not confirmed():
        return ask(Question(
            f"Are you sure you want to deactivate {account.email}?",
            ["They will be signed out at once and will not be able to sign in. Their "
             "name stays on everything they did, and you can reactivate the account "
             "later."],
            "Yes, deactivate the account", url_for("staff.user", user_id=account.id)))
    accounts.deactivate(get_session(), account, g.staff_user)
    return _done(account, "account deactivated", f"Account {account.email} deactivated")


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["GET", "POST"])
@requires("admin")
@unit_of_work
def reset_two_factor(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    if not confirmed():
        return ask(Question(
            f"Are you sure you want to reset two-factor authentication for "
            f"{account.email}?",
            ["They will be signed out at once. Their authenticator app and their recovery "
             "codes will stop working, and they will set up two-factor authentication "
             "again when they next sign in."],
            "Yes, reset two-factor authentication",
            url_for("staff.user", user_id=account.id)))
    accounts.reset_two_factor(get_session(), account)
    return _done(account, "two-factor reset",
                 f"Two-factor authentication reset for {account.email}")


# The audit log

def _audit_filters() -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    form.validate()
    return form


def describe_detail(detail: dict[str, Any]) -> str:
    """An entry's details in words: "roles: Publisher, Resolution Team; reason: …"."""
    parts = []
    for name, value in detail.items():
        if name == "roles" and isinstance(value, list):
            value = role_names(value)
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        parts.append(f"{name.replace('_', ' ')}: {value}")
    return "; ".join(parts)


@bp.get("/audit")
@requires("admin")
def audit_log() -> ResponseReturnValue:
    db, form = get_session(), _audit_filters()
    filters = form.filters()
    return render_template(
        "staff/audit.html", form=form,
        entries=in_words(db, accounts.audit_events(db, filters, AUDIT_PAGE)),
        total=accounts.count_audit_events(db, filters), limit=AUDIT_PAGE,
        emails={u.id: u.email for u in accounts.every_account(db)},
        describe=describe_detail), (400 if form.errors else 200)


@bp.get("/audit.csv")
@requires("admin")
@unit_of_work
def audit_csv() -> ResponseReturnValue:
    db, form = get_session(), _audit_filters()
    if form.errors:
        abort(400, description="; ".join(errors[0] for errors in form.errors.values()))
    events: list[AuditEvent] = accounts.audit_events(db, form.filters())
    emails = {u.id: u.email for u in accounts.every_account(db)}
    record("exported the audit log", events=len(events))
    rows = [{"at": entry.event.at.isoformat(), "user": emails.get(entry.event.user_id or 0, ""),
             "action": entry.event.action, "target": entry.event.target,
             "what_happened": entry.what, "client": entry.event.client,
             "detail": entry.event.detail} for entry in in_words(db, events)]
    return csv_response("audit-log.csv", rows, list(AUDIT_COLUMNS))
