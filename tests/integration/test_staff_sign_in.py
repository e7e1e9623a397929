"""Staff sign-in: passwords, lock-outs, two-factor codes, sessions that really end."""

from datetime import timedelta

import pyotp
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from portal.intake.outbox import MailSettings, deliver_due, send_over_smtp
from portal.staff.expiry import EXPIRED
from portal.staff.models import AuditEvent, StaffSession, StaffUser
from tests import moments
from tests.intake_helpers import csrf_token
from tests.integration.test_outbox import Inbox, free_port
from tests.moments import at_moments
from tests.staff_pages import errors_at_their_boxes, success_banner, value_of, visible_text

PASSWORD = "correct horse battery staple"
TWO_FACTOR_LIMIT_WINDOW = timedelta(minutes=15)  # as TWO_FACTOR_LIMIT in portal/staff/views.py
# Time stands still unless a test moves it: a code from the authenticator app is worked
# out at the same moment the portal checks it, and the time left is exact.
pytestmark = pytest.mark.clock(tick=False)


@pytest.fixture
def make_user(runner, session):
    def make(email, *roles):
        args = ["users", "create", email, "--password", PASSWORD]
        for role in roles:
            args += ["--role", role]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        return session.scalars(select(StaffUser).where(
            StaffUser.email == email.lower())).one()
    return make


def sign_in(client, email, password=PASSWORD, follow=False, address="127.0.0.1"):
    """Sign in as a client at `address` would."""
    at = {"REMOTE_ADDR": address}
    page = client.get("/staff/sign-in", environ_overrides=at).get_data(as_text=True)
    return client.post("/staff/sign-in", data={"csrf_token": csrf_token(page), "email": email,
                                               "password": password},
                       follow_redirects=follow, environ_overrides=at)


def enter_code(client, code, address="127.0.0.1"):
    """Enter a code as a client at `address` would."""
    at = {"REMOTE_ADDR": address}
    page = client.get("/staff/sign-in/code", environ_overrides=at).get_data(as_text=True)
    return client.post("/staff/sign-in/code", data={"csrf_token": csrf_token(page),
                                                     "code": code}, environ_overrides=at)


def set_up_two_factor(client, session, email):
    page = client.get("/staff/two-factor").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    session.expire_all()
    secret = session.scalars(select(StaffUser.totp_secret).where(StaffUser.email == email)).one()
    response = client.post("/staff/two-factor", data={"csrf_token": csrf_token(page),
                                                      "code": pyotp.TOTP(secret).now()})
    return secret, response


def test_users_are_created_at_the_command_line_with_their_roles(runner, make_user):
    user = make_user("Pat@Example.org", "publisher", "resolution")
    assert user.email == "pat@example.org" and user.roles == ["publisher", "resolution"]
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash
    result = runner.invoke(args=["users", "create", "x@example.org", "--role", "publisher",
                                 "--password", "short"])
    assert result.exit_code == 1 and "12 characters or more" in result.output
    result = runner.invoke(args=["users", "create", "pat@example.org", "--role", "admin",
                                 "--password", PASSWORD])
    assert "already an account" in result.output



def test_an_account_with_a_very_long_email_address_is_created_and_audited(runner, session):
    email = "a." * 90 + "long@example.org"  # longer than the audit log's target column
    result = runner.invoke(args=["users", "create", email, "--role", "publisher",
                                 "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "account created")).one()
    assert email.startswith(event.target) and event.detail["target"] == email

def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get("/staff")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in?next=/staff"


def test_a_publisher_signs_in_with_a_password_and_out_again(client, make_user, session):
    make_user("pub@example.org", "publisher")
    response = sign_in(client, "PUB@example.org")
    assert response.headers["Location"] == "/staff"
    page = client.get("/staff").get_data(as_text=True)
    assert "Signed in as pub@example.org" in visible_text(client.get("/staff"))
    cookie = client.get_cookie("session", domain="portal.test").value
    page_token = csrf_token(page)
    response = client.post("/staff/sign-out", data={"csrf_token": page_token})
    assert response.headers["Location"] == "/staff/sign-in"
    assert success_banner(client.get("/staff/sign-in")) == ["You have signed out"]
    # The old cookie is worth nothing once signed out: the server ended that session.
    client.set_cookie("session", cookie, domain="portal.test")
    assert client.get("/staff").status_code == 302
    actions = [event.action for event in session.scalars(select(AuditEvent))]
    assert actions[-2:] == ["signed in", "signed out"]


def test_a_wrong_password_says_nothing_about_which_part_was_wrong(client, make_user):
    make_user("pub@example.org", "publisher")
    for email in ("pub@example.org", "nobody@example.org"):
        response = sign_in(client, email, "wrong password!!")
        assert response.status_code == 400
        assert "Enter a correct email address and password" in response.get_data(as_text=True)


ATTACKER, OWNER = "203.0.113.9", "198.51.100.20"


def test_wrong_passwords_slow_down_the_client_that_sends_them_not_the_owner(
        app, client, make_user, clock):
    make_user("pub@example.org", "publisher")
    for _ in range(10):
        response = sign_in(client, "pub@example.org", "wrong password!!", address=ATTACKER)
        assert response.status_code == 400
        assert "Enter a correct email address and password" in visible_text(response)
    clock.shift(timedelta(minutes=2))  # past the limit on attempts a minute
    slowed = sign_in(client, "pub@example.org", address=ATTACKER)
    assert slowed.status_code == 429
    assert "Too many attempts to sign in" in visible_text(slowed)
    owner = app.test_client()
    assert sign_in(owner, "pub@example.org", address=OWNER).headers["Location"] == "/staff"
    clock.shift(timedelta(minutes=13))
    assert sign_in(client, "pub@example.org", address=ATTACKER).headers["Location"] == "/staff"


def test_sign_in_answers_alike_whether_or_not_the_account_exists(app, make_user):
    make_user("pub@example.org", "publisher")
    answers = {}
    for email, address in (("pub@example.org", "192.0.2.1"),
                           ("nobody@example.org", "192.0.2.2")):
        client = app.test_client()
        responses = [sign_in(client, email, "wrong password!!", address=address)
                     for _ in range(11)]
        answers[email] = [(response.status_code,
                           visible_text(response).replace(email, "EMAIL"))
                          for response in responses]
    assert answers["pub@example.org"] == answers["nobody@example.org"]
    assert "locked" not in str(answers)


def test_the_owner_is_told_by_email_when_their_account_sees_many_failures(
        app, client, make_user, session):
    make_user("pub@example.org", "publisher")
    inbox = Inbox()
    mail = Controller(inbox, hostname="127.0.0.1", port=free_port())
    mail.start()
    try:
        for _ in range(9):
            sign_in(client, "pub@example.org", "wrong password!!", address=ATTACKER)
        delivery = deliver_due(app.extensions["portal_db"].sessions, lambda message: (
            send_over_smtp(MailSettings(host="127.0.0.1", port=mail.port,
                                        sender="no-reply@opcc.example"), message)))
    finally:
        mail.stop()
    assert delivery.sent == 1  # once for the run of failures, not once for each
    (recipients, message), = inbox.messages
    assert recipients == ["pub@example.org"]
    assert message["Subject"] == "Failed attempts to sign in to your account"
    body = message.get_payload(decode=True).decode()
    assert "5 failed attempts in a row" in body and "has not been locked" in body
    assert ATTACKER not in body and "wrong password!!" not in body


def test_roles_that_see_personal_data_must_set_up_two_factor_first(client, make_user,
                                                                   session):
    make_user("res@example.org", "resolution")
    response = sign_in(client, "res@example.org")
    assert response.headers["Location"].startswith("/staff/two-factor")
    assert client.get("/staff").status_code == 302  # not signed in yet
    page = client.get("/staff/two-factor").get_data(as_text=True)
    wrong = client.post("/staff/two-factor", data={"csrf_token": csrf_token(page),
                                                   "code": "000000"})
    assert wrong.status_code == 400
    _secret, response = set_up_two_factor(client, session, "res@example.org")
    codes = response.get_data(as_text=True)
    assert "Your recovery codes" in codes and codes.count("<code>") == 10
    assert client.get("/staff").status_code == 200


def test_signing_in_with_two_factor_and_codes_that_work_once(client, make_user, session):
    make_user("res@example.org", "resolution")
    sign_in(client, "res@example.org")
    secret, response = set_up_two_factor(client, session, "res@example.org")
    recovery = response.get_data(as_text=True).split("<code>")[1].split("</code>")[0]
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(
        client.get("/staff").get_data(as_text=True))})

    assert sign_in(client, "res@example.org").headers["Location"].startswith(
        "/staff/sign-in/code")
    used = pyotp.TOTP(secret).now()
    assert enter_code(client, used).status_code == 400  # used at set-up a moment ago
    assert enter_code(client, "123 456").status_code == 400
    response = enter_code(client, recovery)
    assert response.headers["Location"] == "/staff"
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(
        client.get("/staff").get_data(as_text=True))})
    sign_in(client, "res@example.org")
    assert enter_code(client, recovery).status_code == 400  # each recovery code once


def test_wrong_two_factor_codes_are_limited_per_account_from_any_client(
        client, make_user, session, clock):
    make_user("res@example.org", "resolution")
    sign_in(client, "res@example.org")
    secret, _ = set_up_two_factor(client, session, "res@example.org")
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(
        client.get("/staff").get_data(as_text=True))})
    clock.shift(timedelta(seconds=30))  # the code used at set-up has gone by

    sign_in(client, "res@example.org")
    for guess in range(5):  # each from a client of its own
        assert enter_code(client, f"00000{guess}", f"192.0.2.{guess}").status_code == 400
    refused = enter_code(client, pyotp.TOTP(secret).now(), "198.51.100.7")
    assert refused.status_code == 429
    assert "limit on how many wrong codes can be entered for it" in visible_text(refused)
    clock.shift(TWO_FACTOR_LIMIT_WINDOW)
    assert enter_code(client, pyotp.TOTP(secret).now()).headers["Location"] == "/staff"


def test_each_step_of_signing_in_gets_a_new_session(client, make_user, session):
    make_user("res@example.org", "resolution")
    sign_in(client, "res@example.org")
    set_up_two_factor(client, session, "res@example.org")
    sessions = session.scalars(select(StaffSession).order_by(StaffSession.created_at)).all()
    assert [s.stage for s in sessions] == ["password", "complete"]
    assert sessions[0].ended_at is not None and sessions[1].ended_at is None


@at_moments(moments.WINTER_EVENING, moments.CLOCKS_GO_FORWARD, moments.CLOCKS_GO_BACK)
def test_a_session_idle_for_30_minutes_is_over(client, make_user, clock):
    make_user("pub@example.org", "publisher")
    sign_in(client, "pub@example.org")
    clock.shift(timedelta(minutes=29))  # past midnight, or past the change of the clocks
    assert client.get("/staff/session").get_json()["seconds_left"] == 60
    clock.shift(timedelta(minutes=2))
    assert client.get("/staff").headers["Location"].startswith("/staff/sign-in")


def test_the_timeout_warning_asks_how_long_is_left_without_counting_as_activity(
        client, make_user, clock):
    make_user("pub@example.org", "publisher")
    sign_in(client, "pub@example.org")
    token = csrf_token(client.get("/staff").get_data(as_text=True))
    clock.shift(timedelta(minutes=20))
    for _ in range(2):  # asking twice leaves the time as it was
        assert client.get("/staff/session").get_json()["seconds_left"] == 600
    refused = client.post("/staff/keep-alive")
    assert refused.status_code == 400  # no form token
    stayed = client.post("/staff/keep-alive", headers={"X-CSRFToken": token}).get_json()
    assert stayed["seconds_left"] == 1800
    clock.shift(timedelta(minutes=31))
    assert client.get("/staff/session").headers["Location"].startswith("/staff/sign-in")
    page = client.get("/staff/sign-in?timed_out=yes").get_data(as_text=True)
    assert "You were signed out because nothing happened for 30 minutes" in page


def test_signing_in_is_limited_per_client(client, make_user):
    make_user("pub@example.org", "publisher")
    responses = [sign_in(client, "pub@example.org", "wrong password!!") for _ in range(11)]
    assert [r.status_code for r in responses][-2:] == [400, 429]
    assert "Too many attempts to sign in" in responses[-1].get_data(as_text=True)


def test_a_staff_form_without_its_token_is_refused_with_a_clear_page(client):
    response = client.post("/staff/sign-in", data={"email": "a@b.c", "password": "x"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"password": EXPIRED}
    assert value_of(response, "email") == "a@b.c"
    # A button with no form of its own to show again gets the plain page.
    response = client.post("/staff/sign-out")
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_passwords_never_reach_the_audit_log(client, make_user, session):
    make_user("pub@example.org", "publisher")
    sign_in(client, "pub@example.org", "wrong password!!")
    sign_in(client, "pub@example.org")
    logged = " ".join(f"{e.action} {e.target} {e.detail}" for e in
                      session.scalars(select(AuditEvent)))
    assert PASSWORD not in logged and "wrong password!!" not in logged
