"""The subject access page in a real browser: the search, its error and its results, each
with no axe violations, and never the person's details in the address."""

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select

from portal.staff.models import StaffUser
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff import create_user, sign_in
from tests.browser.test_staff_pages import NARROW


def send_a_compliment_mentioning(page, live_server, words):
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 99")
    page.locator("#continue").click()
    page.get_by_label("What did they do?").fill(words)
    for _ in range(3):
        page.locator("#continue").click()
    page.locator("#send").click()
    return page.locator(".portal-reference").inner_text().strip()


def sign_in_as_admin(page, live_app, live_server):
    create_user(live_app, "privacy.officer@example.org", "admin")
    sign_in(page, live_server, "privacy.officer@example.org")
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        secret = session.scalars(select(StaffUser.totp_secret).where(
            StaffUser.email == "privacy.officer@example.org")).one()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor authentication").click()


def test_searching_for_a_person_shows_why_each_case_was_found(page, live_app, live_server):
    reference = send_a_compliment_mentioning(
        page, live_server, "PC 99 rang me back on 01632 960 003 the same day.")
    sign_in_as_admin(page, live_app, live_server)
    page.goto(live_server + "/staff/subject-access")

    page.get_by_role("button", name="Find their cases").click()
    assert_no_violations(page, "subject access, nothing typed")
    page.get_by_role("link", name="Enter the person’s email address, name or telephone "
                                  "number").click()
    assert page.evaluate("document.activeElement.id") == "who"

    page.get_by_label("Email address, full name or telephone number").fill("+441632960003")
    page.get_by_role("button", name="Find their cases").click()
    expect(page.get_by_role("rowheader", name=f"Compliment {reference}")).to_be_visible()
    expect(page.get_by_text("Phone number appears in: what did they do")).to_be_visible()
    assert "1632" not in page.url
    assert_no_violations(page, "subject access results")
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the results are {width} pixels wide"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this case").click()
    assert download.value.suggested_filename == "subject-access.zip"
