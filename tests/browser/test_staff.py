"""Staff sign-in in a real browser, with axe on every step."""

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select

from portal.staff.models import StaffUser
from tests.browser.test_accessibility import assert_no_violations
from tests.staff_pages import fill_date

PASSWORD = "a password long enough"


def create_user(app, email, role):
    result = app.test_cli_runner().invoke(
        args=["users", "create", email, "--role", role, "--password", PASSWORD])
    assert result.exit_code == 0, result.output


def sign_in(page, live_server, email):
    page.goto(live_server + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def send_a_compliment(page, live_server):
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 99")
    page.locator("#continue").click()
    page.get_by_label("What did they do?").fill("Helped at the match.")
    for _ in range(3):
        page.locator("#continue").click()
    page.locator("#send").click()
    return page.locator(".portal-reference").inner_text().strip()


def test_signing_in_with_two_factor_then_working_the_queue(page, live_app, live_server):
    reference = send_a_compliment(page, live_server)
    create_user(live_app, "resolution@example.org", "resolution")
    page.goto(live_server + "/staff")
    assert "/staff/sign-in" in page.url
    assert_no_violations(page, "sign in")
    page.get_by_label("Email address").fill("resolution@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "sign in with an error")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "/staff/two-factor" in page.url
    expect(page.get_by_role("img", name="QR code for adding this account to an "
                                         "authenticator app")).to_be_visible()
    assert_no_violations(page, "two-factor set-up")
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        secret = session.scalars(select(StaffUser.totp_secret).where(
            StaffUser.email == "resolution@example.org")).one()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert_no_violations(page, "recovery codes")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_text("Signed in as resolution@example.org")).to_be_visible()
    assert_no_violations(page, "staff home")

    page.get_by_role("link", name="Intake queue").first.click()
    assert_no_violations(page, "intake queue")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()
    assert_no_violations(page, "intake queue, filtered")
    page.goto(live_server + "/staff/queue?type=compliment&status=")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name="Answers as submitted")).to_be_visible()
    assert_no_violations(page, "case page")
    page.get_by_label("Note", exact=True).fill("Trying to skip a step")
    page.get_by_label("Passed to the officer and line manager").check()
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Closed").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-error-summary").get_by_text(
        "Enter the outcome to close the case")).to_be_visible()
    assert_no_violations(page, "case page with an error")
    page.get_by_label("Outcome", exact=True).fill("Thanks passed to PC 99 and sergeant")
    page.get_by_label("Note", exact=True).fill("Sergeant confirmed by email")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text(f"Case {reference} moved to Closed")).to_be_visible()
    expect(page.get_by_text("None: the case is closed")).to_be_visible()
    assert page.locator(".portal-history").get_by_text("moved from Passed to the officer and "
                                                       "line manager to Closed").is_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".govuk-notification-banner--success").get_by_text(
        "You have signed out")).to_be_visible()
    page.goto(live_server + "/staff")
    assert "/staff/sign-in" in page.url


def test_admin_pages_have_no_axe_violations(page, live_app, live_server):
    create_user(live_app, "admin@example.org", "admin")
    sign_in(page, live_server, "admin@example.org")
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        secret = session.scalars(select(StaffUser.totp_secret).where(
            StaffUser.email == "admin@example.org")).one()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("link", name="Staff accounts").click()
    assert_no_violations(page, "staff accounts")
    page.get_by_label("Email address").fill("new.publisher@example.org")
    page.get_by_label("Publisher").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Account created for new.publisher@example.org")).to_be_visible()
    assert_no_violations(page, "account created")
    page.get_by_role("link", name="new.publisher@example.org").click()
    assert_no_violations(page, "one account")
    page.goto(live_server + "/staff/audit")
    expect(page.get_by_role("cell", name="Created the account for new.publisher@example.org "
                            "with the roles Publisher").first).to_be_visible()
    assert_no_violations(page, "audit log")
    page.goto(live_server + "/staff/subject-access")
    assert_no_violations(page, "subject access")


def test_a_publisher_uploads_expense_lines(page, live_app, live_server, tmp_path):
    create_user(live_app, "publisher@example.org", "publisher")
    good = tmp_path / "expenses.csv"
    good.write_text("date,claimant,category,description,amount\n"
                    "02/11/2026,Police and Crime Commissioner,Travel,Train to Fernbridge "
                    "crown court,23.40\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,claimant,category,description,amount\n"
                   "32/11/2026,Police and Crime Commissioner,Travel,Taxi,9\n", encoding="utf-8")
    sign_in(page, live_server, "publisher@example.org")
    page.get_by_role("link", name="Publishing").click()
    page.get_by_role("link", name="Upload expense lines").click()
    assert_no_violations(page, "expenses upload")
    page.get_by_label("CSV file of expense lines").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".portal-problems").get_by_text("line 2")).to_be_visible()
    assert_no_violations(page, "expenses upload with problems")
    page.get_by_label("CSV file of expense lines").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("1 line, £23.40 in all")).to_be_visible()
    assert_no_violations(page, "expenses check")
    page.get_by_role("button", name="Publish 1 line").click()
    expect(page.get_by_role("heading", name="Expense lines published")).to_be_visible()
    assert_no_violations(page, "expenses published")
    page.get_by_role("link", name="upload another file").click()
    changed = tmp_path / "changed.csv"
    changed.write_text(good.read_text(encoding="utf-8").replace("23.40", "32.40"),
                       encoding="utf-8")
    page.get_by_label("CSV file of expense lines").set_input_files(str(changed))
    page.get_by_role("button", name="Check the file").click()
    assert page.get_by_text("1 new, 0 changed").is_visible()  # no reference: a new line
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "expenses check with a schedule error")
    page.goto(live_server + "/search?q=crown+court&type=expense")
    page.get_by_role("link", name="Train to Fernbridge crown court").click()
    reference = page.url.rsplit("/", 1)[-1]
    page.goto(live_server + "/staff/content/expenses/line")
    assert_no_violations(page, "withdraw an expense line")
    page.get_by_label("Reference of the expense line").fill(reference)
    page.get_by_role("button", name="Find the line").click()
    assert_no_violations(page, "expense line found")
    page.get_by_label("Amount reimbursed in pounds").fill("twenty")
    page.get_by_role("button", name="Publish the correction").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "expense line correction with errors")
    page.get_by_label("Reason for withdrawing").fill("Claimed on the wrong budget")
    page.get_by_role("button", name="Withdraw the line").click()
    expect(page.get_by_role("heading", name=f"Are you sure you want to withdraw expense line "
                                            f"{reference}?")).to_be_visible()
    assert_no_violations(page, "withdraw an expense line: are you sure?")
    page.get_by_role("button", name=f"Yes, withdraw expense line {reference}").click()
    expect(page.get_by_text(f"Expense line {reference} withdrawn")).to_be_visible()
    expect(page.get_by_text("Claimed on the wrong budget")).to_be_visible()
    assert_no_violations(page, "withdrawn expense line")


def test_a_publisher_publishes_and_corrects_a_decision(page, live_app, live_server):
    create_user(live_app, "decisions@example.org", "publisher")
    sign_in(page, live_server, "decisions@example.org")
    page.goto(live_server + "/staff/content/decisions")
    assert_no_violations(page, "decisions for publishers")
    page.get_by_role("link", name="Add a decision").click()
    page.get_by_role("button", name="Save without publishing").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "new decision with errors")
    page.get_by_label("Reference").fill("2026/900")
    page.get_by_label("Title").fill("Grant for the youth diversion scheme")
    fill_date(page, "Date of decision", "20/11/2026")
    page.get_by_label("Decision maker", exact=True).select_option("Police and Crime Commissioner")
    page.get_by_label("Category", exact=True).select_option("Commissioning")
    page.get_by_label("Summary").fill("A grant of **£40,000** for youth diversion.")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("region", name="Preview")).to_be_visible()
    assert_no_violations(page, "decision preview")
    page.get_by_role("button", name="Edit").click()
    assert page.get_by_label("Title").input_value() == "Grant for the youth diversion scheme"
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text("Published", exact=True).first).to_be_visible()
    assert_no_violations(page, "published decision, editing")
    page.get_by_label("Title").fill("Grant for the youth diversion programme")
    page.get_by_label("What changed").fill("Corrected the name of the programme")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("link", name="See the public page").click()
    expect(page.get_by_text("Corrected the name of the programme")).to_be_visible()
    assert_no_violations(page, "public decision with an update")
    page.get_by_role("link", name="the version before this change").click()
    expect(page.get_by_role("heading", name="Grant for the youth diversion scheme")).to_be_visible()
    assert_no_violations(page, "earlier version of a decision")


def test_a_publisher_publishes_a_new_policy_version(page, live_app, live_server):
    create_user(live_app, "policies@example.org", "publisher")
    sign_in(page, live_server, "policies@example.org")
    page.goto(live_server + "/staff/content/policies")
    assert_no_violations(page, "policies for publishers")
    page.get_by_role("link", name="New version of Complaints handling policy").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "new policy version with errors")
    page.get_by_label("Version number").fill("9.0")
    fill_date(page, "Date approved", "20/11/2026")
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator("#publish_on-error")).to_be_visible()
    expect(page.locator("#publish_on-day.govuk-input--error")).to_be_visible()
    assert_no_violations(page, "new policy version with a bad schedule")
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text("Policy, version 9.0", exact=True)).to_be_visible()
    page.goto(live_server + "/staff/content/policies")
    page.get_by_role("link", name="Complaints handling policy", exact=True).click()
    page.get_by_role("button", name="Withdraw version 9.0").click()
    confirm = "Yes, withdraw version 9.0 of Complaints handling policy"
    page.get_by_role("button", name=confirm).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "withdrawing a policy version without a reason")
    page.get_by_label("Reason for withdrawing").fill("Approved before the board met")
    page.get_by_role("button", name=confirm).click()
    expect(page.get_by_text("Version 9.0 of Complaints handling policy withdrawn")).to_be_visible()
    expect(page.get_by_text("Withdrawn", exact=True)).to_be_visible()
    assert_no_violations(page, "policy versions after a withdrawal")
    page.goto(live_server + "/policies/complaints-handling-policy/versions/9.0")
    assert page.get_by_role("heading", name="This version of the policy was withdrawn")\
        .is_visible()
    assert_no_violations(page, "withdrawn policy version")
    page.get_by_role("link", name="Read the current version of this policy").click()
    expect(page.get_by_text("Approved before the board met")).to_be_visible()
    assert_no_violations(page, "policy with a withdrawn version")


def test_a_publisher_publishes_a_scrutiny_outcome_with_actions(page, live_app, live_server):
    create_user(live_app, "scrutiny@example.org", "publisher")
    sign_in(page, live_server, "scrutiny@example.org")
    page.goto(live_server + "/staff/content/scrutiny")
    assert_no_violations(page, "scrutiny outcomes for publishers")
    page.get_by_role("link", name="Add a scrutiny outcome").click()
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_violations(page, "new scrutiny outcome with errors")
    page.get_by_label("Type of scrutiny").select_option("Scrutiny panel")
    page.get_by_label("Title").fill("Stop and search panel, November 2026")
    fill_date(page, "Date", "19/11/2026")
    page.get_by_label("Action 1", exact=True).fill("Publish monthly stop and search data")
    page.get_by_label("Owner of action 1").fill("Chief Constable")
    page.get_by_role("button", name="Publish now").click()
    page.get_by_role("link", name="See the public page").click()
    assert page.get_by_role("cell", name="Publish monthly stop and search data").is_visible()
    assert_no_violations(page, "published scrutiny outcome")


def idle_since(app, clock, email, minutes):
    """Make the person's sign-in look idle for this long, as the server sees it."""
    from datetime import timedelta

    from portal.staff.models import StaffSession
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.email == email)).one()
        live = session.scalars(select(StaffSession).where(
            StaffSession.user_id == user.id, StaffSession.ended_at.is_(None))).one()
        live.last_seen_at = clock.now - timedelta(minutes=minutes)
        session.commit()


def idle_for(app, clock, email):
    """Seconds since the server last saw the person's sign-in in use."""
    from portal.staff.models import StaffSession
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.email == email)).one()
        live = session.scalars(select(StaffSession).where(
            StaffSession.user_id == user.id, StaffSession.ended_at.is_(None))).one()
        return (clock.now - live.last_seen_at).total_seconds()


def test_staff_are_warned_before_the_idle_timeout_and_can_stay_signed_in(
        page, live_app, live_server, clock):
    create_user(live_app, "idle@example.org", "publisher")
    page.clock.install()
    sign_in(page, live_server, "idle@example.org")
    page.goto(live_server + "/staff/content")
    warning = page.get_by_role("dialog", name="You’re about to be signed out")
    assert not warning.is_visible()
    idle_since(live_app, clock, "idle@example.org", 28.5)
    page.clock.fast_forward("28:30")
    warning.wait_for()
    expect(page.get_by_text("you will be signed out in 2 minutes")).to_be_visible()
    stay = page.get_by_role("button", name="Stay signed in")
    assert stay.evaluate("button => button === document.activeElement")
    assert_no_violations(page, "timeout warning")
    stay.click()
    warning.wait_for(state="hidden")
    page.wait_for_load_state("networkidle")
    assert idle_for(live_app, clock, "idle@example.org") < 100  # the press kept the sign-in going
    # Nobody there this time: the page leaves for the sign-in page when time is up.
    idle_since(live_app, clock, "idle@example.org", 31)
    page.clock.fast_forward("30:00")
    page.wait_for_url("**/staff/sign-in?timed_out=yes")
    expect(page.get_by_text("You were signed out because nothing happened")).to_be_visible()
    assert_no_violations(page, "signed out after the timeout")
