"""Removing text published by mistake, in a real browser: the form, its error state and
its confirmation page have no accessibility problems, and each error leads to its box."""

from playwright.sync_api import expect
from sqlalchemy import select

from content.importer import parse_record
from content.models import Decision
from content.store import save_records
from tests import factories
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import check_every_error_link_focuses_its_box, staff_member


def a_decision_naming_someone(app) -> int:
    """A published decision of this test's own (other tests read the demo records)."""
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        save_records(session, [parse_record(factories.decision(
            "2026/981", body="Ms Jane Pennyworth of 12 Acacia Road complained."), 1)])
        session.commit()
        return session.scalars(select(Decision.id).where(
            Decision.reference == "2026/981")).one()


def test_removing_published_text_is_accessible_at_every_step(page, live_app, live_server):
    decision_id = a_decision_naming_someone(live_app)
    staff_member(page, live_app, live_server, "admin")
    page.goto(f"{live_server}/staff")
    page.get_by_role("link", name="Remove text published by mistake").click()
    assert_no_violations(page, "address of the page with the text")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary").get_by_text(
        "Enter the address of the page with the text")).to_be_visible()
    assert_no_violations(page, "address of the page with the text, left empty")
    check_every_error_link_focuses_its_box(page, "address of the page with the text, left empty")
    page.get_by_label("Address of the published page").fill(f"{live_server}/decisions/2026-981")
    page.get_by_role("button", name="Continue").click()
    assert page.url.startswith(
        f"{live_server}/staff/content/decision/{decision_id}/remove-text")
    assert page.get_by_label("As it is published now").is_checked()
    assert_no_violations(page, "remove text form")
    page.goto(f"{live_server}/staff/content/decision/{decision_id}/remove-text")

    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_text("Select the version that has the text")).to_be_visible()
    expect(summary.get_by_text("Enter the reason for removing the text")).to_be_visible()
    assert_no_violations(page, "remove text form with two problems")
    check_every_error_link_focuses_its_box(page, "remove text form with two problems")

    page.get_by_label("As it is published now").check()
    page.get_by_label("Reason for removing it").fill("Personal data published by mistake")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Are you sure you want to remove the text of "
                                            "this decision?")).to_be_visible()
    assert_no_violations(page, "remove text confirmation")

    page.get_by_role("button", name="Yes, remove the text").click()
    expect(page.get_by_text("Text removed from decision 2026/981")).to_be_visible()
    assert_no_violations(page, "remove text form after removing")
    page.goto(f"{live_server}/decisions/2026-981")
    expect(page.get_by_role("heading", name="Personal data published by mistake")).to_be_visible()
    assert "Pennyworth" not in page.content()
