"""Staff sign-in in a real browser, with axe on every step."""

import pyotp
from sqlalchemy import select

from portal.staff.models import StaffUser
from tests.browser.test_accessibility import assert_no_violations

PASSWORD = "a password long enough"


def create_user(app, email, role):
    result = app.test_cli_runner().invoke(
        args=["users", "create", email, "--role", role, "--password", PASSWORD])
    assert result.exit_code == 0, result.output


def test_signing_in_with_two_factor_set_up_on_the_way(page, live_app, live_server):
    create_user(live_app, "resolution@example.org", "resolution")
    page.goto(live_server + "/staff")
    assert "/staff/sign-in" in page.url
    assert_no_violations(page, "sign in")
    page.get_by_label("Email address").fill("resolution@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_violations(page, "sign in with an error")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "/staff/two-factor" in page.url
    assert page.get_by_role("img", name="QR code for adding this account to an "
                                         "authenticator app").is_visible()
    assert_no_violations(page, "two-factor set-up")
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        secret = session.scalars(select(StaffUser.totp_secret).where(
            StaffUser.email == "resolution@example.org")).one()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    assert_no_violations(page, "recovery codes")
    page.get_by_role("link", name="Continue").click()
    assert page.get_by_text("Signed in as resolution@example.org").is_visible()
    assert_no_violations(page, "staff home")
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_text("You have signed out.").is_visible()
    page.goto(live_server + "/staff")
    assert "/staff/sign-in" in page.url
