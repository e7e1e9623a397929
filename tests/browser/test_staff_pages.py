"""The staff pages in a real browser: axe on every page and error state, error summary
links that put the cursor in the box to correct, success banners after each action,
confirmation before anything that cannot be undone, and no sideways scrolling on a
320 pixel wide screen."""

import itertools
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.intake.models import IntakeCase
from portal.intake.rules import new_reference
from portal.staff.models import StaffUser
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff import PASSWORD, sign_in
from tests.pdf_samples import pdf_with_text
from tests.staff_pages import fill_date

NARROW = {"width": 320, "height": 800}
FORM_CONTROLS = ("INPUT", "SELECT", "TEXTAREA")
COMPLAINT_ANSWERS = {
    "about": "chief_constable", "complainant": "affected", "when_known": "approximate",
    "happened_roughly": "Last week", "what_happened": "Nobody came for 90 minutes.",
    "where": "Fernbridge", "people_involved": "", "put_right": "An explanation.",
    "full_name": "Priya Example", "email": "priya@example.com", "phone": "", "address": "",
    "preferred_contact": "email", "contact_times": "", "support": ["large_print"],
    "support_details": "", "share_with_psd": "yes"}
REVIEW_ANSWERS = {
    "complaint_reference": "CO/123/26", "letter_date": None, "handled_by": "force",
    "review_reason": "Nobody spoke to my witness.", "full_name": "Sam Example",
    "email": "", "phone": "07700 900 982", "address": "", "preferred_contact": "phone",
    "contact_times": ""}
_people = itertools.count(1)


def staff_member(page, app, server, *roles):
    """A new account with these roles, signed in (setting up two-factor if it must)."""
    email = f"staff{next(_people)}-{'-'.join(roles)}@example.org"
    role_options = [part for role in roles for part in ("--role", role)]
    result = app.test_cli_runner().invoke(
        args=["users", "create", email, "--password", PASSWORD, *role_options])
    assert result.exit_code == 0, result.output
    sign_in(page, server, email)
    if "/staff/two-factor" in page.url:
        with app.app_context(), app.extensions["portal_db"].sessions() as session:
            secret = session.scalars(select(StaffUser.totp_secret).where(
                StaffUser.email == email)).one()
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Turn on two-factor authentication").click()
        page.get_by_role("link", name="Continue").click()
    return email


def a_case(app, kind, status, answers):
    """A case of this test's own (other tests work the demo queue)."""
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        case = IntakeCase(reference=new_reference(kind), kind=kind, status=status,
                          channel="web", answers=answers)
        session.add(case)
        session.commit()
        return case.reference


def banner(page):
    return page.locator(".govuk-notification-banner--success")


def fill_in(page, boxes):
    """Type into each box, or choose from it if it is a list, by its label; a date
    ("20/11/2026") goes into the day, month and year boxes of the question it answers."""
    for label, value in boxes:
        question = page.get_by_role("group", name=label, exact=True)
        if question.count() and question.get_by_label("Day", exact=True).count():
            fill_date(page, label, value)
            continue
        box = page.get_by_label(label, exact=True)
        if box.evaluate("element => element.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)


def check_every_error_link_focuses_its_box(page, state):
    """Each link of the error summary, clicked, puts the cursor in a box to fill in."""
    links = page.locator(".govuk-error-summary__list a")
    assert links.count() > 0, state
    for number in range(links.count()):
        link = links.nth(number)
        target = link.get_attribute("href")
        link.click()
        focused = page.evaluate("document.activeElement && document.activeElement.tagName")
        assert focused in FORM_CONTROLS, f"{state}: {target} focused {focused}"
        assert page.evaluate("document.activeElement.id") == target.removeprefix("#"), state


def test_every_error_state_of_the_case_page_is_accessible_and_leads_to_its_boxes(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "resolution")
    new = a_case(live_app, "complaint", "received", COMPLAINT_ANSWERS)
    closing = a_case(live_app, "complaint", "signposted", COMPLAINT_ANSWERS)
    reviewing = a_case(live_app, "review", "reviewing", REVIEW_ANSWERS)

    def open_case(reference):
        page.goto(f"{live_server}/staff/queue/{reference}")

    def error_state(name, expected):
        summary = page.locator(".govuk-error-summary")
        assert summary.is_visible(), name
        for message in expected:
            assert summary.get_by_text(message).is_visible(), (name, message)
        assert page.title().startswith("Error: "), name
        assert_no_violations(page, f"case page: {name}")
        check_every_error_link_focuses_its_box(page, name)

    open_case(new)
    assert_no_violations(page, "case page")
    page.get_by_role("button", name="Change status").click()
    error_state("no status chosen", ["Select where the case moves to"])

    open_case(closing)
    page.get_by_label("Closed").check()
    page.get_by_role("button", name="Change status").click()
    error_state("closing without an outcome or note", ["Enter the outcome to close the case",
                                                      "Enter a note to close the case"])

    open_case(reviewing)
    page.get_by_label("Outcome: upheld").check()
    page.get_by_label("Note", exact=True).fill("Witness never seen")
    page.get_by_role("button", name="Change status").click()
    error_state("upheld without recommendations",
                ["Enter the recommendations when a review is upheld"])
    assert page.get_by_label("Note", exact=True).input_value() == "Witness never seen"

    open_case(new)
    contact = page.locator("form", has=page.get_by_role("button",
                                                        name="Add to the contact log"))
    contact.get_by_label("Day").fill("31")
    contact.get_by_label("Month").fill("2")
    contact.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add to the contact log").click()
    error_state("contact with nothing right", [
        "Select how you were in contact", "The date of the contact must be a real date",
        "Enter a summary of the contact"])
    assert contact.get_by_label("Day").input_value() == "31"

    open_case(new)
    page.get_by_label("Telephone call").check()
    for box in ("Day", "Month", "Year"):
        contact.get_by_label(box).fill("")
    page.get_by_label("Summary").fill("Rang Priya back")
    page.get_by_role("button", name="Add to the contact log").click()
    error_state("contact without a date", ["Enter the date of the contact"])
    assert page.get_by_label("Summary").input_value() == "Rang Priya back"

    open_case(new)
    page.get_by_role("button", name="Send the update").click()
    error_state("update with no words", ["Enter the update to send"])

    open_case(reviewing)
    page.get_by_label("Email an update to the person").fill("We have started.")
    page.get_by_role("button", name="Send the update").click()
    error_state("update to someone without an email address",
                ["This person did not give an email address"])
    assert page.get_by_label("Email an update to the person").input_value() == \
        "We have started."

    open_case(new)
    page.get_by_role("button", name="Add note").click()
    error_state("empty note", ["Enter the note"])


def test_each_action_on_a_case_shows_a_banner_saying_what_happened(page, live_app,
                                                                  live_server):
    staff_member(page, live_app, live_server, "resolution")
    reference = a_case(live_app, "complaint", "received", COMPLAINT_ANSWERS)
    page.goto(f"{live_server}/staff/queue/{reference}")
    expect(page.get_by_text("Letters in large print").first).to_be_visible()
    expect(page.get_by_text("The Chief Constable")).to_be_visible()

    page.get_by_label("Acknowledged").check()
    page.get_by_role("button", name="Change status").click()
    expect(banner(page).get_by_text(f"Case {reference} moved to Acknowledged")).to_be_visible()
    assert banner(page).get_attribute("role") == "alert"
    assert_no_violations(page, "case page with a success banner")

    page.get_by_label("Assign to").select_option("me")
    page.get_by_role("button", name="Assign").click()
    expect(banner(page).get_by_text(f"Case {reference} assigned to you")).to_be_visible()

    page.get_by_label("Individual behaviours").check()
    page.get_by_role("button", name="Save categories").click()
    expect(banner(page).get_by_text(f"Categories saved for case {reference}")).to_be_visible()

    page.get_by_label("Email", exact=True).check()
    contact = page.locator("form", has=page.get_by_role("button",
                                                        name="Add to the contact log"))
    contact.get_by_label("Day").fill("20")
    contact.get_by_label("Month").fill("11")
    contact.get_by_label("Year").fill("2026")
    page.get_by_label("Summary").fill("Emailed Priya")
    page.get_by_role("button", name="Add to the contact log").click()
    expect(banner(page).get_by_text(
        f"Contact logged on case {reference}: email on 20 November 2026")).to_be_visible()

    page.get_by_label("Email an update to the person").fill("We are looking into it.")
    page.get_by_role("button", name="Send the update").click()
    expect(banner(page).get_by_text(
        f"Update sent to priya@example.com about case {reference}")).to_be_visible()

    page.get_by_label("Add an internal note").fill("Call the control room")
    page.get_by_role("button", name="Add note").click()
    expect(banner(page).get_by_text(f"Note added to case {reference}")).to_be_visible()
    expect(page.locator(".portal-history").get_by_text("Call the control room")).to_be_visible()


def test_admin_actions_are_confirmed_first_and_say_what_happened(page, live_app,
                                                                live_server):
    staff_member(page, live_app, live_server, "admin")
    page.get_by_role("link", name="Accounts", exact=True).click()
    assert page.locator("nav[aria-label='Staff sections'] [aria-current='page']") \
        .inner_text().strip() == "Accounts"
    page.get_by_role("button", name="Create account").click()
    assert_no_violations(page, "new account with errors")
    check_every_error_link_focuses_its_box(page, "new account with errors")
    page.get_by_label("Email address").fill("colleague@example.org")
    page.get_by_label("Resolution Team").check()
    page.get_by_role("button", name="Create account").click()
    expect(banner(page).get_by_text("Account created for colleague@example.org")).to_be_visible()
    assert_no_violations(page, "account created")

    page.get_by_role("link", name="colleague@example.org").click()
    page.get_by_label("Publisher").check()
    page.get_by_role("button", name="Save roles").click()
    expect(banner(page).get_by_text(
        "Roles saved for colleague@example.org: Publisher, Resolution Team")).to_be_visible()
    assert_no_violations(page, "one account with a banner")

    page.get_by_role("button", name="Reset two-factor authentication").click()
    assert page.get_by_role("heading", name="Are you sure you want to reset two-factor "
                                            "authentication for colleague@example.org?")\
        .is_visible()
    assert_no_violations(page, "reset two-factor: are you sure?")
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", name="colleague@example.org")).to_be_visible()
    assert banner(page).count() == 0
    page.get_by_role("button", name="Reset two-factor authentication").click()
    page.get_by_role("button", name="Yes, reset two-factor authentication").click()
    expect(banner(page).get_by_text(
        "Two-factor authentication reset for colleague@example.org")).to_be_visible()

    page.get_by_role("button", name="Deactivate the account").click()
    warning = page.get_by_role("button", name="Yes, deactivate the account")
    assert "govuk-button--warning" in warning.get_attribute("class")
    assert_no_violations(page, "deactivate: are you sure?")
    warning.click()
    expect(banner(page).get_by_text("Account colleague@example.org deactivated")).to_be_visible()
    page.get_by_role("button", name="Reactivate the account").click()
    expect(banner(page).get_by_text(
        "Account colleague@example.org reactivated: they can sign in again")).to_be_visible()

    page.get_by_role("link", name="Audit log", exact=True).click()
    page.get_by_label("From").fill("31/02/2026")
    page.get_by_role("button", name="Apply filters").click()
    assert_no_violations(page, "audit log with a filter error")
    check_every_error_link_focuses_its_box(page, "audit log with a filter error")


def test_withdrawing_and_removing_are_confirmed_first_and_say_what_happened(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill_in(page, [("Reference", "2026/951"), ("Title", "Grant for street lighting"),
                   ("Date of decision", "20/11/2026"),
                   ("Decision maker", "Police and Crime Commissioner"),
                   ("Category", "Commissioning"), ("Summary", "Lights for the park.")])
    page.get_by_role("button", name="Publish now").click()
    expect(banner(page).get_by_text("Decision 2026/951 published")).to_be_visible()
    assert_no_violations(page, "decision published, with a banner")
    decision_page = page.url

    page.get_by_label("Add a PDF").set_input_files(files=[{
        "name": "Lighting survey.pdf", "mimeType": "application/pdf",
        "buffer": pdf_with_text("Survey of the park's lighting")}])
    page.get_by_role("button", name="Publish the document").click()
    expect(banner(page).get_by_text("Lighting survey.pdf published")).to_be_visible()
    page.get_by_role("link", name="Remove Lighting survey.pdf").click()
    assert page.url.endswith("/remove")  # an address of its own
    expect(page.get_by_role("heading", name="Are you sure you want to remove Lighting "
                                            "survey.pdf?")).to_be_visible()
    assert_no_violations(page, "remove a document: are you sure?")
    page.get_by_role("link", name="Cancel").click()
    assert page.get_by_text("Lighting survey.pdf (").is_visible()  # nothing removed
    page.get_by_role("link", name="Remove Lighting survey.pdf").click()
    page.get_by_role("button", name="Yes, remove the document").click()
    expect(banner(page).get_by_text("Lighting survey.pdf removed")).to_be_visible()
    assert page.get_by_role("link", name="Remove Lighting survey.pdf").count() == 0

    page.get_by_role("button", name="Withdraw", exact=True).click()
    assert page.url == decision_page + "/withdraw"  # an address of its own
    expect(page.get_by_role("heading", name="Are you sure you want to withdraw decision "
                                            "2026/951?")).to_be_visible()
    assert_no_violations(page, "withdraw a decision: are you sure?")
    page.get_by_role("button", name="Yes, withdraw decision 2026/951").click()
    assert_no_violations(page, "withdraw a decision without a reason")
    check_every_error_link_focuses_its_box(page, "withdraw a decision without a reason")
    page.get_by_label("Reason for withdrawing").fill("Published before the board met")
    page.get_by_role("button", name="Yes, withdraw decision 2026/951").click()
    assert page.url == decision_page
    expect(banner(page).get_by_text("Decision 2026/951 withdrawn")).to_be_visible()
    assert_no_violations(page, "decision withdrawn, with a banner")


def test_no_staff_page_scrolls_sideways_on_a_narrow_screen(browser, live_app, live_server):
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    staff_member(page, live_app, live_server, "admin", "publisher", "resolution")
    reference = a_case(live_app, "complaint", "received", COMPLAINT_ANSWERS)
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        someone = session.scalars(select(StaffUser.id).order_by(StaffUser.id)).first()
    addresses = [
        "/staff", "/staff/queue", "/staff/queue?status=&sort=newest", "/staff/audit",
        "/staff/audit?from=31/02/2026", "/staff/users", f"/staff/users/{someone}",
        f"/staff/users/{someone}/reset-two-factor", f"/staff/queue/{reference}",
        "/staff/subject-access", "/staff/content", "/staff/content/decisions",
        "/staff/content/decisions/new", "/staff/content/scrutiny",
        "/staff/content/scrutiny/new", "/staff/content/policies", "/staff/content/expenses",
        "/staff/content/expenses/line", "/staff/lists", "/staff/lists/decision-category/new",
    ]
    for address in addresses:
        page.goto(live_server + address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], f"{address} is {width} pixels wide"
    page.goto(f"{live_server}/staff/queue/{reference}")
    page.get_by_role("button", name="Add note").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert_no_violations(page, "case page with an error, 320 pixels wide")
    context.close()


@pytest.mark.parametrize("address", ["/staff/queue", "/staff/audit", "/staff/users",
                                     "/staff/content", "/staff/lists"])
def test_wide_tables_scroll_within_a_labelled_region_that_takes_the_keyboard(
        browser, live_app, live_server, address):
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    staff_member(page, live_app, live_server, "admin", "publisher", "resolution")
    page.goto(live_server + address)
    for region in page.locator(".portal-table-region").all():
        assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
        assert region.get_attribute("tabindex") == "0"
    assert_no_violations(page, f"{address}, 320 pixels wide")
    context.close()


def test_the_pages_that_say_to_wait_before_signing_in_again_are_accessible(
        browser, live_app, live_server):
    context = browser.new_context()
    page = context.new_page()
    email = staff_member(page, live_app, live_server, "resolution")
    context.clear_cookies()
    sign_in(page, live_server, email)
    for _ in range(6):  # five wrong codes for the account, then it must wait
        page.get_by_label("Code from your authenticator app").fill("000000")
        page.get_by_role("button", name="Continue").click()
    assert "limit on how many wrong codes can be entered" in page.locator("main").inner_text()
    assert_no_violations(page, "too many wrong two-factor codes")

    for _ in range(11):  # ten failed sign-ins from this client, then it must wait
        page.goto(live_server + "/staff/sign-in")
        page.get_by_label("Email address").fill("nobody@example.org")
        page.get_by_label("Password", exact=True).fill("a wrong password")
        page.get_by_role("button", name="Sign in").click()
    assert "try to sign in from one place" in page.locator("main").inner_text()
    assert_no_violations(page, "too many failed sign-ins")
    context.close()


def test_a_form_open_too_long_is_shown_again_accessibly_with_what_was_typed(
        page, live_app, live_server, clock):
    page.goto(live_server + "/staff/sign-in")
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    clock.shift(timedelta(hours=25))  # the form's token lasts a day
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_label("Email address").input_value() == "nobody@example.org"
    assert page.get_by_label("Password", exact=True).input_value() == ""
    assert_no_violations(page, "sign-in page open too long")
    check_every_error_link_focuses_its_box(page, "sign-in page open too long")

    email = staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    page.get_by_label("Title").fill("Funding for the rural crime team")
    # The sign-in ends while they type, and they sign in again in another tab.
    clock.shift(timedelta(minutes=31))
    sign_in(page.context.new_page(), live_server, email)
    page.get_by_role("button", name="Save without publishing").click()
    assert page.get_by_label("Title").input_value() == "Funding for the rural crime team"
    expect(page.locator(".govuk-error-summary").get_by_text(
        "This page was open for too long")).to_be_visible()
    assert_no_violations(page, "decision page open too long")
    check_every_error_link_focuses_its_box(page, "decision page open too long")
