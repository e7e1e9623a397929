"""Staff accounts without a request: passwords, lock-outs, two-factor codes, sessions, audit."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pyotp
from sqlalchemy import String, func, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from content.dates import utcnow
from portal.intake.models import OutboxMessage
from portal.staff.models import ROLE_NAMES, ROLES, AuditEvent, StaffSession, StaffUser

MIN_PASSWORD_LENGTH = 12
# Failed sign-ins in a row (wrong passwords or wrong codes) after which the owner is told.
FAILURES_BEFORE_WARNING = 5
IDLE_TIMEOUT = timedelta(minutes=30)
RECOVERY_CODES = 10
ISSUER = "OPCC transparency portal"


UK_TIME = ZoneInfo("Europe/London")


class AccountProblem(ValueError):
    """Why an account could not be created or changed, in words for the person, and the
    answer it is about ("email", "roles", "password"; empty when it is about no one box)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountProblem(f"The password must be {MIN_PASSWORD_LENGTH} characters or more",
                             "password")


def create_user(session: Session, email: str, password: str, roles: list[str]) -> StaffUser:
    email = normalise_email(email)
    if "@" not in email:
        raise AccountProblem("Enter an email address in the correct format, like "
                             "name@example.com", "email")
    unknown = [role for role in roles if role not in ROLES]
    if unknown or not roles:
        raise AccountProblem(f"Roles must be one or more of: {', '.join(ROLES)}", "roles")
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)):
        raise AccountProblem(f"There is already an account for {email}", "email")
    check_new_password(password)
    user = StaffUser(email=email, password_hash=generate_password_hash(password, "scrypt"),
                     roles=sorted(set(roles)))
    session.add(user)
    session.flush()
    return user


def role_names(roles: list[str]) -> str:
    """The roles as staff pages name them: "Publisher, Resolution Team"."""
    return ", ".join(ROLE_NAMES.get(role, role) for role in roles)


def get_account(session: Session, user_id: int) -> StaffUser | None:
    return session.get(StaffUser, user_id)


def every_account(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email, StaffUser.id)))


def accounts_by_id(session: Session) -> dict[int, StaffUser]:
    """Every account, to name the people in a history or a listing."""
    return {user.id: user for user in every_account(session)}


def active_members_of(session: Session, role: str) -> list[StaffUser]:
    """Active accounts holding `role`, by email address (roles are a JSON list, so they
    are checked here rather than in SQL, the same way on every database)."""
    active = session.scalars(select(StaffUser).where(StaffUser.active.is_(True))
                             .order_by(StaffUser.email, StaffUser.id))
    return [user for user in active if user.has_role(role)]


# Changes an administrator makes to someone's account

def set_roles(account: StaffUser, roles: list[str], by: StaffUser) -> list[str]:
    """Give the account exactly these roles; returns them in the usual order."""
    chosen = [role for role in ROLES if role in roles]
    if not chosen:
        raise AccountProblem("Select at least one role", "roles")
    if account.id == by.id and "admin" not in chosen:
        raise AccountProblem("You cannot remove your own admin role: ask another admin",
                             "roles")
    account.roles = chosen
    return chosen


def deactivate(session: Session, account: StaffUser, by: StaffUser) -> None:
    """Stop the account signing in, and end the sign-ins it has now."""
    if account.id == by.id:
        raise AccountProblem("You cannot deactivate your own account")
    account.active = False
    end_sessions_of(session, account)


def reactivate(account: StaffUser) -> None:
    account.active = True


def reset_two_factor(session: Session, account: StaffUser) -> None:
    """Forget the authenticator app and recovery codes: the person sets up two-factor
    authentication again when they next sign in, and is signed out everywhere now."""
    account.totp_secret, account.totp_confirmed_at = None, None
    account.totp_last_step, account.recovery_codes = None, []
    end_sessions_of(session, account)


def unlock(account: StaffUser) -> None:
    account.locked_until, account.failed_sign_ins = None, 0


def end_sessions_of(session: Session, account: StaffUser, now: datetime | None = None) -> None:
    for staff_session in session.scalars(select(StaffSession).where(
            StaffSession.user_id == account.id, StaffSession.ended_at.is_(None))
            .order_by(StaffSession.created_at, StaffSession.id)):
        end_session(staff_session, now)


def check_password(session: Session, email: str, password: str,
                   now: datetime | None = None) -> StaffUser | None:
    """The account if the password is right.

    A wrong email takes as long as a wrong password and gets the same answer, so neither
    reveals whether an account exists. Wrong passwords never lock the account, or anyone
    could lock anyone out: the sign-in limits slow down the client that sends them, and
    the owner is told by email when they keep coming (see `count_failure`).
    """
    user = session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        count_failure(session, user, now)
        return None
    user.failed_sign_ins, user.locked_until = 0, None
    return user


def count_failure(session: Session, user: StaffUser, now: datetime | None = None) -> None:
    """One more wrong password or code for the account; after FAILURES_BEFORE_WARNING in a
    row, the owner is sent an email (once for each run of failures)."""
    user.failed_sign_ins += 1
    if user.failed_sign_ins == FAILURES_BEFORE_WARNING:
        session.add(failures_warning(user, now or utcnow()))


def failures_warning(user: StaffUser, now: datetime) -> OutboxMessage:
    at = now.astimezone(UK_TIME)
    body = (f"There have been {FAILURES_BEFORE_WARNING} failed attempts in a row to sign in to "
            f"your staff account on the {ISSUER}, the last at {at:%H:%M} on "
            f"{at.day} {at:%B %Y}.\n\n"
            "Your account has not been locked: the computer the attempts came from is made "
            "to wait instead.\n\n"
            "If this was you, you do not need to do anything. If it was not, someone may "
            "know or be guessing your password: tell an administrator, who can check the "
            "audit log and set up your sign-in again.\n")
    return OutboxMessage(purpose="sign-in warning", recipient=user.email,
                         subject="Failed attempts to sign in to your account", body=body)


_DUMMY_HASH = generate_password_hash(secrets.token_hex(16), "scrypt")


# Two-factor authentication

def start_two_factor(user: StaffUser) -> str:
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = None
    return user.totp_secret


def provisioning_uri(user: StaffUser) -> str:
    return pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email,
                                                               issuer_name=ISSUER)


def check_code(user: StaffUser, code: str, now: datetime | None = None) -> bool:
    """A code from the authenticator app, accepted once, allowing 30 seconds of clock drift."""
    digits = "".join(code.split())
    if not user.totp_secret or not digits.isdigit() or len(digits) != 6:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    moment = now or utcnow()
    current = totp.timecode(moment)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), digits):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False  # already used
            user.totp_last_step = step
            return True
    return False


def confirm_two_factor(user: StaffUser, code: str, now: datetime | None = None) -> list[str]:
    """Turn two-factor on once the first code checks out; returns new recovery codes."""
    if not check_code(user, code, now):
        raise AccountProblem("Enter the 6-digit code shown in your authenticator app")
    user.totp_confirmed_at = now or utcnow()
    return new_recovery_codes(user)


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def new_recovery_codes(user: StaffUser) -> list[str]:
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    user.recovery_codes = [_digest(code) for code in codes]
    return codes


def use_recovery_code(user: StaffUser, code: str) -> bool:
    digest = _digest(code)
    if digest in user.recovery_codes:
        user.recovery_codes = [kept for kept in user.recovery_codes if kept != digest]
        return True
    return False


# Sessions

def start_session(session: Session, user: StaffUser, stage: str) -> StaffSession:
    staff_session = StaffSession(id=secrets.token_urlsafe(32), user_id=user.id, stage=stage)
    session.add(staff_session)
    return staff_session


def live_session(session: Session, token: str | None,
                 now: datetime | None = None) -> StaffSession | None:
    """The sign-in behind a cookie, unless it has ended or been idle too long."""
    if not token:
        return None
    now = now or utcnow()
    found = session.get(StaffSession, token)
    if found is None or found.ended_at is not None or not found.user.active:
        return None
    if found.last_seen_at < now - IDLE_TIMEOUT:
        found.ended_at = now
        return None
    return found


def seconds_left(staff_session: StaffSession, now: datetime | None = None) -> int:
    """How long the sign-in lasts if nothing more happens."""
    remaining = staff_session.last_seen_at + IDLE_TIMEOUT - (now or utcnow())
    return max(0, int(remaining.total_seconds()))


def end_session(staff_session: StaffSession, now: datetime | None = None) -> None:
    staff_session.ended_at = now or utcnow()


def audit(session: Session, user: StaffUser | None, action: str, target: str = "",
          client: str = "command line", **detail: Any) -> None:
    """Append to the audit log (nothing ever changes or removes an entry)."""
    column = AuditEvent.__table__.c.target.type
    assert isinstance(column, String) and column.length is not None
    room = column.length
    if len(target) > room:
        # A long email address or slug: PostgreSQL refuses more than the column holds
        # (SQLite would keep it all), so the whole of it goes in the detail.
        detail, target = {**detail, "target": target}, target[:room]
    session.add(AuditEvent(user_id=user.id if user else None, action=action, target=target,
                           client=client[:64], detail=detail))


# Reading the audit log

@dataclass(frozen=True)
class AuditFilters:
    action: str = ""  # part of the action's stored words, any case
    actions: tuple[str, ...] = ()  # or any of these stored actions
    user: str = ""  # part of the staff email address, any case
    target: str = ""  # a case reference, email address or record name, exactly
    day_from: date | None = None  # UK days, inclusive
    day_to: date | None = None


def _audit_statement(filters: AuditFilters) -> Any:
    statement = select(AuditEvent)
    if filters.action:
        statement = statement.where(or_(AuditEvent.action.icontains(filters.action),
                                        AuditEvent.action.in_(filters.actions)))
    if filters.user:
        ids = select(StaffUser.id).where(StaffUser.email.icontains(filters.user))
        statement = statement.where(AuditEvent.user_id.in_(ids))
    if filters.target:
        statement = statement.where(func.upper(AuditEvent.target) == filters.target.upper())
    if filters.day_from:
        statement = statement.where(
            AuditEvent.at >= datetime.combine(filters.day_from, time.min, UK_TIME))
    if filters.day_to:
        statement = statement.where(AuditEvent.at < datetime.combine(
            filters.day_to + timedelta(days=1), time.min, UK_TIME))
    return statement


def audit_events(session: Session, filters: AuditFilters,
                 limit: int | None = None) -> list[AuditEvent]:
    """Entries matching the filters, newest first."""
    statement = _audit_statement(filters).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return list(session.scalars(statement.limit(limit) if limit else statement))


def count_audit_events(session: Session, filters: AuditFilters) -> int:
    counted = select(func.count()).select_from(_audit_statement(filters).subquery())
    return session.scalar(counted) or 0
