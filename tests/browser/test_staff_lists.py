"""The managed lists in a real browser: axe on the Lists page and each of its error
states, error summary links that put the cursor in the box to correct, the confirmation
before a rename and the banners after each action."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff_pages import (
    NARROW,
    banner,
    check_every_error_link_focuses_its_box,
    fill_in,
    staff_member,
)

ALREADY_GRANTS = ('There is already a category called "Grants". Use it, or choose a name '
                  "that is clearly different.")


def error_summary(page):
    return page.locator(".govuk-error-summary")


def test_the_lists_page_and_adding_a_name_with_each_error(page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff")
    page.get_by_role("link", name="Lists", exact=True).click()
    expect(page.get_by_role("heading", name="Decision categories")).to_be_visible()
    grants = page.get_by_role("region", name="Decision categories").get_by_role(
        "row").filter(has_text="Grants")
    assert grants.get_by_role("cell").nth(1).inner_text() == "26"
    assert_no_violations(page, "the Lists page")

    page.get_by_role("link", name="Add a new category").click()
    page.get_by_role("button", name="Add a category").click()
    expect(error_summary(page).get_by_text("Enter the name of the category")).to_be_visible()
    assert_no_violations(page, "add a category with no name")
    check_every_error_link_focuses_its_box(page, "add a category with no name")

    page.get_by_label("Name of the new category").fill("grant")
    page.get_by_role("button", name="Add a category").click()
    expect(error_summary(page).get_by_text(ALREADY_GRANTS)).to_be_visible()
    assert page.get_by_label("Name of the new category").input_value() == "grant"
    assert page.title().startswith("Error: ")
    assert_no_violations(page, "add a category that is already there")
    check_every_error_link_focuses_its_box(page, "add a category that is already there")

    page.get_by_label("Name of the new category").fill("Browser tests")
    page.get_by_role("button", name="Add a category").click()
    expect(banner(page).get_by_text(
        "Category “Browser tests” added to decision categories")).to_be_visible()
    assert_no_violations(page, "the Lists page with a banner")


def test_renaming_a_name_is_confirmed_first_and_each_error_is_accessible(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/lists/policy-owner/new")
    page.get_by_label("Name of the new policy owner").fill("Head of Browser Testing")
    page.get_by_role("button", name="Add a policy owner").click()
    page.get_by_role("link", name="Rename Head of Browser Testing").click()
    assert_no_violations(page, "rename a policy owner")

    page.get_by_label("New name for the policy owner").fill("chief executive")
    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page).get_by_text(
        'There is already a policy owner called "Chief Executive".', exact=False)).to_be_visible()
    assert_no_violations(page, "rename to a name already there")
    check_every_error_link_focuses_its_box(page, "rename to a name already there")

    page.get_by_label("New name for the policy owner").fill("")
    page.get_by_role("button", name="Continue").click()
    assert_no_violations(page, "rename to no name")
    check_every_error_link_focuses_its_box(page, "rename to no name")

    page.get_by_label("New name for the policy owner").fill("Head of Browser Tests")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Are you sure you want to rename the policy "
                                            "owner “Head of Browser Testing” to “Head of "
                                            "Browser Tests”?")).to_be_visible()
    assert_no_violations(page, "rename a policy owner: are you sure?")
    page.get_by_role("button", name="Yes, rename it").click()
    expect(banner(page).get_by_text("Policy owner “Head of Browser Testing” renamed “Head of "
                                    "Browser Tests” in 0 records")).to_be_visible()


def test_a_new_category_on_the_decision_form_that_is_already_listed_is_accessible(
        page, live_app, live_server):
    staff_member(page, live_app, live_server, "publisher")
    page.goto(live_server + "/staff/content/decisions/new")
    fill_in(page, [("Reference", "2026/971"), ("Title", "Grant for a youth club"),
                   ("Date of decision", "20/11/2026"),
                   ("Decision maker", "Police and Crime Commissioner"),
                   ("Or add a new category", "grants")])
    page.get_by_role("button", name="Save without publishing").click()
    expect(error_summary(page).get_by_text(ALREADY_GRANTS)).to_be_visible()
    assert page.get_by_label("Or add a new category").input_value() == "grants"
    assert page.get_by_label("Decision maker", exact=True).input_value() == \
        "Police and Crime Commissioner"
    assert_no_violations(page, "decision with a new category already listed")
    check_every_error_link_focuses_its_box(page, "decision with a new category already listed")


def test_the_list_pages_do_not_scroll_sideways_on_a_narrow_screen(browser, live_app,
                                                                  live_server):
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    staff_member(page, live_app, live_server, "publisher")

    def fits(state):
        page.wait_for_load_state()  # the page a button leads to, not the one it was on
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], f"{state} is {width} pixels wide"

    page.goto(live_server + "/staff/lists")
    fits("the Lists page")
    page.get_by_role("link", name="Rename Head of Governance and Compliance").click()
    fits("rename a policy owner")
    page.get_by_label("New name for the policy owner").fill("Head of Governance and "
                                                            "Compliance (Monitoring Officer)")
    page.get_by_role("button", name="Continue").click()
    fits("rename a policy owner: are you sure?")
    page.goto(live_server + "/staff/lists/claimant/new")
    page.get_by_role("button", name="Add a claimant").click()
    fits("add a claimant with no name")
    assert_no_violations(page, "add a claimant with no name, 320 pixels wide")
    context.close()
