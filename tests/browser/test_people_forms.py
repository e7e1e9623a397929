"""The post and staff count forms in a real browser: axe on their error states (a
reporting line that would go round in a circle, numbers that cannot add up), error
summary links that put the cursor in the box to correct, and the preview of a post."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import (
    check_every_error_link_focuses_its_box,
    fill_in,
    staff_member,
)

TOP = [("Job title", "Chief Executive of the Browser Office"),
       ("Salary in pounds a year", "104000.00"), ("Details correct on", "1/4/2026")]
UNDER = [("Job title", "Head of Browser Services"), ("Name of the person in the post", "Ann Brook"),
         ("Salary in pounds a year", "61000.00"), ("Details correct on", "1/4/2026"),
         ("Reports to", "Chief Executive of the Browser Office")]


def test_a_post_with_problems_and_a_circle_of_reporting_lines_is_accessible(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/our-people/new")
    fill_in(page, TOP)
    page.get_by_role("button", name="Save without publishing").click()
    top_page = page.url
    page.goto(live_server + "/staff/content/our-people/new")
    fill_in(page, UNDER)
    page.get_by_role("button", name="Preview").click()
    frame = page.get_by_role("region", name="Preview")
    expect(frame.get_by_text("£61,000.00 a year")).to_be_visible()
    assert_no_violations(page, "post preview")
    page.goto(live_server + "/staff/content/our-people/new")
    fill_in(page, UNDER)
    page.get_by_role("button", name="Save without publishing").click()
    # The top post may not now report to the post under it.
    page.goto(top_page)
    fill_in(page, [("Reports to", "Head of Browser Services"), ("Salary in pounds a year", "lots"),
                   ("Details correct on", "31/2/2026")])
    page.get_by_role("button", name="Save without publishing").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("circle of reporting lines")
    expect(summary).to_contain_text("Salary in pounds a year")
    assert summary.locator("a").count() == 3
    assert_no_violations(page, "post with three problems")
    check_every_error_link_focuses_its_box(page, "post with three problems")


def test_a_staff_count_that_cannot_add_up_is_accessible_and_leads_to_its_box(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/workforce/new")
    fill_in(page, [("Counted on", "31/10/2026"), ("Number of people employed", "thirty"),
                   ("Full-time equivalent", "31.6"), ("Women, per cent of staff", "120"),
                   ("From ethnic minorities, per cent of staff", "8.8"),
                   ("Disabled, per cent of staff", "5.9")])
    page.get_by_role("button", name="Save without publishing").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("must be a whole number")
    expect(summary).to_contain_text("must be a percentage from 0 to 100")
    assert_no_violations(page, "staff count with two problems")
    check_every_error_link_focuses_its_box(page, "staff count with two problems")
