"""The decision and scrutiny-outcome forms in a real browser: axe on their error states,
error summary links that put the cursor in the box to correct (an action row's own box, a
list's choice or the box for a new name beside it), and the preview, whose Publish and
Edit buttons work without JavaScript."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import (
    check_every_error_link_focuses_its_box,
    fill_in,
    staff_member,
)
from tests.staff_pages import fill_date

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
    expect(summary.get_by_text("There is already a decision 2026/961")).to_be_visible()
    expect(summary.get_by_text("Enter the title")).to_be_visible()
    assert summary.locator("a").count() == 4
    assert summary.get_by_role("link", name="Date of decision must be a real date")\
        .get_attribute("href") == "#date-day"
    assert page.get_by_label("Amount in pounds").input_value() == "lots"
    assert_no_violations(page, "decision with four problems")
    check_every_error_link_focuses_its_box(page, "decision with four problems")


def test_every_action_row_error_is_accessible_and_leads_to_its_row(page, live_app,
                                                                    live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/scrutiny/new")
    page.get_by_label("Type of scrutiny").select_option("Scrutiny panel")
    fill_date(page, "Date", "19/11/2026")
    page.get_by_label("Action 1", exact=True).fill("Publish monthly stop and search data")
    page.get_by_label("Owner of action 1").fill("Chief Constable")
    page.get_by_label("Action 3", exact=True).fill("Review handcuffing in custody")
    fill_date(page, "Due date of action 3", "40/1/2027")
    page.get_by_role("button", name="Save without publishing").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_text("Enter the owner of action 3")).to_be_visible()
    assert summary.get_by_role("link", name="Due date of action 3").get_attribute(
        "href") == "#due_3-day"
    assert_no_violations(page, "scrutiny outcome with action row problems")
    check_every_error_link_focuses_its_box(page, "scrutiny outcome with action row problems")


def test_the_previews_are_accessible(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, [*DECISION, ("Reference", "2026/962")])
    page.get_by_role("button", name="Preview").click()
    frame = page.get_by_role("region", name="Preview")
    expect(frame.get_by_role("heading", name="Grant for the victims' hub")).to_be_visible()
    expect(frame.get_by_text("Not published yet.")).to_be_visible()
    assert page.title().startswith("Preview: Grant for the victims' hub – Publishing – Staff")
    assert_no_violations(page, "decision preview")
    page.goto(live_server + "/staff/content/scrutiny/new")
    page.get_by_label("Type of scrutiny").select_option("Scrutiny panel")
    page.get_by_label("Title").fill("Custody visiting, November 2026")
    fill_date(page, "Date", "19/11/2026")
    page.get_by_label("Action 1", exact=True).fill("Fix the cell call bells")
    page.get_by_label("Owner of action 1").fill("Chief Constable")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("region", name="Preview").get_by_role(
        "cell", name="Fix the cell call bells")).to_be_visible()
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
    expect(page.get_by_text("Decision 2026/963 published")).to_be_visible()
    context.close()


def test_a_wrong_date_marks_only_its_wrong_boxes_and_leads_to_the_first(page, live_app,
                                                                        live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill(page, [*DECISION, ("Date of decision", "20/13/26")])
    page.get_by_role("button", name="Preview").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Date of decision must be a real date")\
        .get_attribute("href") == "#date-month"
    assert "govuk-input--error" not in page.locator("#date-day").get_attribute("class")
    assert "govuk-input--error" in page.locator("#date-year").get_attribute("class")
    assert page.locator("#date-year").input_value() == "26"
    assert_no_violations(page, "decision with a wrong date")
    check_every_error_link_focuses_its_box(page, "decision with a wrong date")


POLICY = [("Title", "Drone flights policy"), ("Version number", "1.0"),
          ("Date approved", "20/11/2026"), ("Owner", "Chief Executive"),
          ("The policy", "## Purpose\n\nWhat staff may accept.")]


def test_every_policy_error_is_accessible_and_leads_to_its_box(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/policies/new")
    assert_no_violations(page, "add a policy")
    fill(page, [*POLICY, ("Title", ""), ("Date approved", "31/2/2026"),
                ("Review due", "1//2028")])
    fill(page, [("Publication date", "1/6/")])
    page.get_by_role("button", name="Publish now").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter the title").get_attribute("href") == "#title"
    assert summary.get_by_role("link", name="Review due must include a month")\
        .get_attribute("href") == "#review_due-month"
    assert page.get_by_role("group", name="Review due").get_by_label("Year").input_value() \
        == "2028"
    assert_no_violations(page, "policy with problems")
    check_every_error_link_focuses_its_box(page, "policy with problems")
    fill(page, [("Owner", ""), ("Or add a new policy owner", "chief executive")])
    page.get_by_role("button", name="Publish now").click()
    near_duplicate = ('There is already a policy owner called "Chief Executive". Use it, or '
                      "choose a name that is clearly different.")
    assert page.locator(".govuk-error-summary").get_by_role(
        "link", name=near_duplicate).get_attribute("href") == "#new_owner"
    assert page.get_by_label("Or add a new policy owner").input_value() == "chief executive"
    assert_no_violations(page, "policy with a near-duplicate owner")
    check_every_error_link_focuses_its_box(page, "policy with a near-duplicate owner")
    fill(page, [("Owner", "Chief Executive"), ("Or add a new policy owner", "")])
    page.get_by_label("Title", exact=True).fill("Body armour policy")
    fill(page, [("Date approved", "20/11/2026"), ("Review due", "20/11/2028")])
    page.get_by_role("button", name="Schedule").click()
    assert page.locator(".govuk-error-summary").get_by_role(
        "link", name="Publication date must include a year").get_attribute(
        "href") == "#publish_on-year"
    assert_no_violations(page, "policy with a schedule problem")
    check_every_error_link_focuses_its_box(page, "policy with a schedule problem")


def test_the_policy_preview_is_framed_and_accessible(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/policies/new")
    fill(page, POLICY)
    page.get_by_role("button", name="Preview").click()
    frame = page.get_by_role("region", name="Preview")
    expect(frame.get_by_role("heading", name="Drone flights policy")).to_be_visible()
    expect(frame.get_by_text("Not published yet.")).to_be_visible()
    assert page.title().startswith("Preview: Drone flights policy, version 1.0")
    assert_no_violations(page, "policy preview")


def test_the_policy_previews_buttons_work_without_javascript(browser, live_app, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/policies/new")
    fill(page, [*POLICY, ("Title", "Lone working policy")])
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Edit").click()
    assert page.get_by_role("group", name="Date approved").get_by_label("Day").input_value() \
        == "20"
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Lone working policy, version 1.0, published")).to_be_visible()
    context.close()


def test_every_expense_error_is_accessible_and_leads_to_its_box(page, live_app, live_server,
                                                                 tmp_path):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/expenses")
    page.get_by_role("button", name="Check the file").click()
    assert_no_violations(page, "expense upload without a file")
    check_every_error_link_focuses_its_box(page, "expense upload without a file")
    lines = tmp_path / "lines.csv"
    lines.write_text("reference,date,claimant,category,description,amount\n"
                     "EXP-7,02/11/2026,Police and Crime Commissioner,Travel,Train to court,"
                     "23.40\n", encoding="utf-8")
    page.get_by_label("CSV file of expense lines").set_input_files(str(lines))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Publish 1 line").click()
    page.goto(live_server + "/staff/content/expenses/line?reference=EXP-7")
    fill_date(page, "Date", "2//2026")
    page.get_by_label("Claimant", exact=True).select_option("")
    page.get_by_label("Amount reimbursed in pounds").fill("twenty")
    page.get_by_role("button", name="Publish the correction").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("a").count() == 4  # the date, claimant, amount and the note
    assert summary.get_by_role("link", name="Date must include a month")\
        .get_attribute("href") == "#date-month"
    assert page.get_by_label("Amount reimbursed in pounds").input_value() == "twenty"
    assert_no_violations(page, "expense line correction with problems")
    check_every_error_link_focuses_its_box(page, "expense line correction with problems")
    # A claimant no longer in the list (as from a page left open while it was renamed),
    # and a new category that nearly matches a listed one.
    page.get_by_label("Claimant", exact=True).evaluate(
        "box => box.add(new Option('Police & Crime Commissioner', "
        "'Police & Crime Commissioner', true, true))")
    fill(page, [("Date", "2/11/2026"), ("Category", ""),
                ("Or add a new expense category", "travels"), ("Amount reimbursed in pounds", "23.40"),
                ("What changed", "The category was wrong")])
    page.get_by_role("button", name="Publish the correction").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Choose a claimant from the list, or add a new one")\
        .get_attribute("href") == "#claimant"
    assert summary.get_by_role("link", name='There is already an expense category called '
                                            '"Travel". Use it, or choose a name that is '
                                            "clearly different.")\
        .get_attribute("href") == "#new_category"
    assert summary.locator("a").count() == 2
    assert_no_violations(page, "expense line correction with names not in the lists")
    check_every_error_link_focuses_its_box(page, "expense line correction with names not in "
                                                 "the lists")
    lines.write_text(lines.read_text(encoding="utf-8").replace("23.40", "32.40"),
                     encoding="utf-8")
    page.goto(live_server + "/staff/content/expenses")
    page.get_by_label("CSV file of expense lines").set_input_files(str(lines))
    page.get_by_role("button", name="Check the file").click()
    fill(page, [("Publication date", "1/13/2099")])
    page.get_by_role("button", name="Schedule").click()
    assert page.locator(".govuk-error-summary a").count() == 2
    assert_no_violations(page, "expense file with a note and schedule problem")
    check_every_error_link_focuses_its_box(page, "expense file with a note and schedule "
                                                 "problem")
