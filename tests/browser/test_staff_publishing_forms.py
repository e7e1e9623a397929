"""The decision and scrutiny-outcome forms in a real browser: axe on their error states,
error summary links that put the cursor in the box to correct (an action row's own box),
and the preview, whose Publish and Edit buttons work without JavaScript."""

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import (
    check_every_error_link_focuses_its_box,
    fill_in,
    staff_member,
)

DECISION = [("Reference", "2026/961"), ("Title", "Grant for the victims' hub"),
            ("Date of decision", "20/11/2026"),
            ("Decision maker", "Police and Crime Commissioner"),
            ("Category", "Commissioning"), ("Summary", "A grant of **£60,000**.")]


def fill(page, boxes):
    fill_in(page, boxes)


def test_every_decision_error_is_accessible_and_leads_to_its_box(page, live_app,
                                                                  live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, DECISION)
    page.get_by_role("button", name="Save without publishing").click()
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, [*DECISION, ("Title", ""), ("Date of decision", "31/02/2026"),
                ("Amount in pounds", "lots")])
    page.get_by_role("button", name="Publish now").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_text("There is already a decision 2026/961").is_visible()
    assert summary.get_by_text("Enter the title").is_visible()
    assert summary.locator("a").count() == 4
    assert page.get_by_label("Amount in pounds").input_value() == "lots"
    assert_no_violations(page, "decision with four problems")
    check_every_error_link_focuses_its_box(page, "decision with four problems")


def test_every_action_row_error_is_accessible_and_leads_to_its_row(page, live_app,
                                                                    live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/scrutiny/new")
    page.get_by_label("Type of scrutiny").select_option("Scrutiny panel")
    page.get_by_label("Date", exact=True).fill("19/11/2026")
    page.get_by_label("Action 1", exact=True).fill("Publish monthly stop and search data")
    page.get_by_label("Owner of action 1").fill("Chief Constable")
    page.get_by_label("Action 3", exact=True).fill("Review handcuffing in custody")
    page.get_by_label("Due date of action 3").fill("40/1/2027")
    page.get_by_role("button", name="Save without publishing").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_text("Enter the owner of action 3").is_visible()
    assert summary.get_by_role("link", name="Action 3:").get_attribute("href") == "#due_3"
    assert_no_violations(page, "scrutiny outcome with action row problems")
    check_every_error_link_focuses_its_box(page, "scrutiny outcome with action row problems")


def test_the_previews_are_accessible(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, [*DECISION, ("Reference", "2026/962")])
    page.get_by_role("button", name="Preview").click()
    frame = page.get_by_role("region", name="Preview")
    assert frame.get_by_role("heading", name="Grant for the victims' hub").is_visible()
    assert frame.get_by_text("Not published yet.").is_visible()
    assert page.title().startswith("Preview: Grant for the victims' hub – Publishing – Staff")
    assert_no_violations(page, "decision preview")
    page.goto(live_server + "/staff/content/scrutiny/new")
    page.get_by_label("Type of scrutiny").select_option("Scrutiny panel")
    page.get_by_label("Title").fill("Custody visiting, November 2026")
    page.get_by_label("Date", exact=True).fill("19/11/2026")
    page.get_by_label("Action 1", exact=True).fill("Fix the cell call bells")
    page.get_by_label("Owner of action 1").fill("Chief Constable")
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("region", name="Preview").get_by_role(
        "cell", name="Fix the cell call bells").is_visible()
    assert_no_violations(page, "scrutiny outcome preview")


def test_the_previews_buttons_work_without_javascript(browser, live_app, live_server):
    # axe needs scripts, so it runs on the preview in the test above.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, [*DECISION, ("Reference", "2026/963")])
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Edit").click()
    assert page.get_by_label("Reference").input_value() == "2026/963"
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    assert page.get_by_text("Decision 2026/963 published").is_visible()
    context.close()
