"""Signing in and out, two-factor set-up, and the staff home page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from content.dates import utcnow
from portal.db import get_session, unit_of_work
from portal.ratelimit import limiter
from portal.staff import accounts
from portal.staff.expiry import StaffForm, check_form_token, shows_expired_forms_again
from portal.staff.models import StaffSession, StaffUser
from portal.staff.notices import tell

bp = Blueprint("staff", __name__, url_prefix="/staff")
SESSION_KEY = "staff_session"
SIGN_IN_LIMIT = "10 per minute; 50 per hour"
# Failed sign-ins slow down the client that sends them, whichever accounts they name, so
# that no one can lock an owner out of their own account (accounts are never locked).
FAILED_SIGN_IN_LIMIT = "10 per 15 minutes"
# Wrong two-factor codes are limited per account, wherever they come from: whoever enters
# them already has the password, so spreading guesses over many clients must not help.
TWO_FACTOR_LIMIT = "5 per 15 minutes"
TOO_MANY_CODES = ("To protect your account, there is a limit on how many wrong codes can be "
                  "entered for it.")


def _account_signing_in() -> str:
    staff_session = g.get("staff_session")
    return (f"account-{staff_session.user_id}" if staff_session is not None
            else request.remote_addr or "unknown")


def _refused(response: Response) -> bool:
    return response.status_code == 400


two_factor_limit = limiter.shared_limit(
    TWO_FACTOR_LIMIT, scope="two-factor codes", key_func=_account_signing_in,
    methods=["POST"], deduct_when=_refused, error_message=TOO_MANY_CODES)


class SignInForm(StaffForm):
    expired_box, forget_when_expired = "password", ("password",)

    email = EmailField("Email address", widget=GovTextInput(),
                       validators=[DataRequired("Enter your email address"), Length(max=320)])
    password = PasswordField("Password", widget=GovPasswordInput(),
                             validators=[DataRequired("Enter your password"), Length(max=200)])


class CodeForm(StaffForm):
    expired_box, forget_when_expired = "code", ("code",)

    code = StringField("Code from your authenticator app", widget=GovTextInput(),
                       description="Or one of your recovery codes, like 1a2b3c-4d5e6f",
                       validators=[DataRequired("Enter the code from your authenticator app"),
                                   Length(max=20)])


def record(action: str, target: str = "", user: StaffUser | None = None,
           **detail: Any) -> None:
    """Audit an action taken through the web, with where it came from."""
    accounts.audit(get_session(), user or g.get("staff_user"), action, target,
                   client=request.remote_addr or "unknown", **detail)


def requires(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only signed-in staff (holding one of `roles`, if any are given) may see the page."""
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user: StaffUser | None = g.get("staff_user")
            if user is None:
                return redirect(url_for("staff.sign_in", next=request.path))
            if roles and not user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        guarded.staff_roles = roles  # type: ignore[attr-defined]
        return guarded
    return decorate


@bp.before_request
def load_signed_in_user() -> None:
    """Only for staff pages: public pages never touch the session, so they stay cacheable.

    The sign-in's bookkeeping (ended when idle, or the time of this activity) is committed
    here, before the view: it must be kept whatever the view does, even when the view
    changes nothing or fails, so it is its own unit of work.
    """
    g.staff_user, g.staff_session = None, None
    token = session.get(SESSION_KEY)
    if not token:
        return
    db = get_session()
    staff_session = accounts.live_session(db, token)
    # Asking how long is left is not activity.
    if staff_session is not None and request.endpoint != "staff.session_status":
        staff_session.last_seen_at = utcnow()
    db.commit()
    if staff_session is None:
        session.pop(SESSION_KEY, None)
        return
    g.staff_session = staff_session
    if staff_session.stage == "complete":
        g.staff_user = staff_session.user


# After the sign-in is known, so that a form sent from a page open too long can be shown again.
bp.before_request(check_form_token)


def _begin(user: StaffUser, stage: str) -> None:
    """A new session id at every step of signing in, so an earlier cookie is worth nothing."""
    old = g.get("staff_session")
    if old is not None:
        accounts.end_session(old)
    session.clear()
    session.permanent = False
    staff_session = accounts.start_session(get_session(), user, stage)
    session[SESSION_KEY] = staff_session.id
    g.staff_session = staff_session


def _safe_next() -> str:
    target = request.args.get("next", "")
    return target if target.startswith("/staff") and "//" not in target else url_for(
        "staff.home")


@bp.route("/sign-in", methods=["GET", "POST"])
@shows_expired_forms_again
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
@limiter.limit(FAILED_SIGN_IN_LIMIT, methods=["POST"], deduct_when=_refused)
@unit_of_work
def sign_in() -> Any:
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        db = get_session()
        user = accounts.check_password(db, form.email.data or "", form.password.data or "")
        if user is not None:
            needs_code = user.has_two_factor or user.needs_two_factor
            _begin(user, "password" if needs_code else "complete")
            record(user=user, action="password accepted" if needs_code else "signed in")
            return redirect(_next_step(user))
        problem = "Enter a correct email address and password"
        record(user=None, action="sign-in refused", reason="wrong email or password")
    status = 400 if (problem or form.errors) else 200
    return render_template("staff/sign_in.html", form=form, problem=problem,
                           timed_out=request.args.get("timed_out") == "yes"), status


def _next_step(user: StaffUser) -> str:
    if user.has_two_factor:
        return url_for("staff.code", next=request.args.get("next"))
    if user.needs_two_factor:
        return url_for("staff.two_factor", next=request.args.get("next"))
    return _safe_next()


def _part_signed_in() -> StaffSession:
    staff_session = g.get("staff_session")
    if staff_session is None or staff_session.stage != "password":
        abort(redirect(url_for("staff.sign_in")))
    return staff_session


@bp.route("/sign-in/code", methods=["GET", "POST"])
@shows_expired_forms_again
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
@two_factor_limit
@unit_of_work
def code() -> Any:
    staff_session = _part_signed_in()
    user = staff_session.user
    form = CodeForm()
    problem = None
    if form.validate_on_submit():
        entered = form.code.data or ""
        if accounts.check_code(user, entered) or accounts.use_recovery_code(user, entered):
            _begin(user, "complete")
            record(user=user, action="signed in")
            return redirect(_safe_next())
        problem = "The code is not right. Enter the 6-digit code shown in your app now"
        accounts.count_failure(get_session(), user)
        record(user=user, action="two-factor code refused")
    return render_template("staff/code.html", form=form, problem=problem), (
        400 if problem or form.errors else 200)


@bp.route("/two-factor", methods=["GET", "POST"])
@shows_expired_forms_again
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
@two_factor_limit
@unit_of_work
def two_factor() -> Any:
    staff_session = _part_signed_in()
    user = staff_session.user
    if user.has_two_factor:
        return redirect(url_for("staff.code"))
    if not user.totp_secret:
        accounts.start_two_factor(user)
    form = CodeForm()
    problem = None
    if form.validate_on_submit():
        try:
            codes = accounts.confirm_two_factor(user, form.code.data or "")
        except accounts.AccountProblem as refused:
            problem = str(refused)
        else:
            _begin(user, "complete")
            record(user=user, action="two-factor authentication turned on")
            return render_template("staff/recovery_codes.html", codes=codes,
                                   next=_safe_next())
    qr = segno.make(accounts.provisioning_uri(user), error="m")
    return render_template("staff/two_factor.html", form=form, problem=problem,
                           qr=qr.svg_data_uri(scale=5, border=2),
                           secret=user.totp_secret), (400 if problem or form.errors else 200)


@bp.post("/sign-out")
@unit_of_work
def sign_out() -> Any:
    staff_session = g.get("staff_session")
    if staff_session is not None:
        accounts.end_session(staff_session)
        record("signed out", user=staff_session.user)
    session.clear()
    tell("You have signed out")
    return redirect(url_for("staff.sign_in"))


@bp.get("")
@requires()
def home() -> Any:
    return render_template("staff/home.html")


# The warning before the idle timeout (static/js/session-timeout.mjs) asks how long the
# sign-in has left, and keeps it going while the person is typing or says to stay.

@bp.get("/session")
@requires()
def session_status() -> Any:
    return {"seconds_left": accounts.seconds_left(g.staff_session)}


@bp.post("/keep-alive")
@requires()
def keep_alive() -> Any:
    return {"seconds_left": accounts.seconds_left(g.staff_session)}
