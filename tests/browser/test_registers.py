"""The registers' own error states in a real browser: no problems axe can find, and each
error in the summary leads to the box to correct (the budget's rows, the register's date,
the name a member of staff must not be given)."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import check_every_error_link_focuses_its_box, staff_member


def error_state(page, name, message):
    expect(page.locator(".govuk-error-summary")).to_contain_text(message)
    assert page.title().startswith("Error: "), name
    assert_no_violations(page, name)
    check_every_error_link_focuses_its_box(page, name)


def test_the_register_on_a_day_that_is_no_date_leads_to_the_day_box(page, live_server):
    page.goto(live_server + "/register-of-interests")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Apply filters").click()
    error_state(page, "register on 31 February", "The date must be a real date")


def test_a_budget_that_does_not_add_up_leads_to_its_rows(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/budget/new")
    page.get_by_label("Financial year").fill("2031-32")
    page.get_by_label("Total budget in pounds").fill("1000")
    page.get_by_label("Police precept for a Band D home, in pounds").fill("300")
    page.get_by_label("Total precept in pounds").fill("400")
    page.get_by_label("Source of income 1", exact=True).fill("Police grant")
    page.get_by_label("Amount of source of income 1, in pounds").fill("lots")
    page.get_by_label("Spending heading 1", exact=True).fill("Pay")
    page.get_by_label("Amount of spending heading 1, in pounds").fill("900")
    page.get_by_role("button", name="Save without publishing").click()
    error_state(page, "budget form with a bad amount and no date",
                "is not an amount of money")
    page.get_by_label("Amount of source of income 1, in pounds").fill("1000")
    approved = page.get_by_role("group", name="Date approved")
    approved.get_by_label("Day").fill("13")
    approved.get_by_label("Month").fill("2")
    approved.get_by_label("Year").fill("2031")
    page.get_by_role("button", name="Save without publishing").click()
    error_state(page, "budget form whose spending does not add up",
                "The proposed spending adds up to £900.00")


def test_an_offer_to_staff_that_names_them_leads_to_the_name_box(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/gifts-and-hospitality/new")
    page.get_by_label("Offered to").select_option("Member of staff")
    page.get_by_label("Name of the office holder").fill("Sam Carter")
    page.get_by_role("button", name="Save without publishing").click()
    error_state(page, "gift form naming a member of staff", "never by name")
