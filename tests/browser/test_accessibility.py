"""axe-core finds no accessibility violations on any public page type."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from content.models import Decision, Expense
from portal.kinds import PAGES
from search.tantivy_engine import TantivyIndex
from tests.integration.test_intake_outage import database_unreachable
from tests.integration.test_search import cut_short

AXE = Axe()

# Every collection's listing and a record of each are checked, new kinds included.
COLLECTIONS = [f"/{pages.collection}" for pages in PAGES]
LISTINGS = ["/", "/publications", *COLLECTIONS, "/our-people/chart", "/using-our-data",
            "/accessibility", "/complaints-and-compliments"]
FILTERED = ["/decisions?year=2025&category=Commissioning", "/expenses?financial_year=2024-25&quarter=2",
            "/policies?status=superseded", "/policies?review_overdue=yes",
            "/scrutiny?open_actions=yes", "/decisions?page=2",
            "/meetings?when=forthcoming&body=Accountability+board", "/meetings?minutes=draft",
            "/our-people?group=Senior+staff", "/workforce?financial_year=2025-26",
            "/spending?financial_year=2025-26&body=Force&min_amount=1000&words=repairs",
            "/gifts-and-hospitality?outcome=Declined&financial_year=2025-26",
            # The register of interests as it stood on a past day, and its ended entries.
            "/register-of-interests?on=2024-03-31", "/register-of-interests?show=ended",
            "/register-of-interests?on-day=31&on-month=3&on-year=2025",
            "/hmicfrs-reports?open_recommendations=yes&inspection_type=Thematic+inspection",
            # The recommendation tracker, and reports in each state of the section 55 clock.
            "/hmicfrs-reports/recommendations",
            "/hmicfrs-reports/recommendations?status=closed&owner=Director+of+People",
            "/hmicfrs-reports/joint-inspection-of-police-custody-in-fernshire-2025",
            "/hmicfrs-reports/neighbourhood-policing-an-inspection-of-how-forces-prevent-crime-"
            "locally-2026",
            "/hmicfrs-reports/state-of-policing-the-annual-assessment-of-policing-in-england-"
            "and-wales-2024-2025"]
SEARCH = ["/search", "/search?q=victims", "/search?q=custody&type=scrutiny&from=2025-01-01",
          "/search?q=victims&type=decision&category=Commissioning&sort=newest",
          "/search?q=zzqqxx+neighbourhod", "/search?q=estates&from=31/02/2025"]
ERRORS = ["/decisions?year=banana", "/expenses?quarter=9", "/meetings?when=someday",
          "/our-people?group=everyone", "/workforce?financial_year=1066",
          "/spending?month=March&min_amount=lots", "/no-such-page",
          "/decisions/9999-999", "/register-of-interests?on-day=31&on-month=2&on-year=2025",
          "/register-of-interests?on-day=&on-month=3&on-year=2025",
          "/hmicfrs-reports/recommendations?status=finished",
          # Every collection: a page number that is not one, and a record it does not hold.
          *(f"{collection}?page=banana" for collection in COLLECTIONS),
          *(f"{collection}/no-such-record" for collection in COLLECTIONS)]


def assert_no_violations(page, url: str) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, f"{url}:\n{results.generate_report()}"


def first_record_link(page, base: str, listing: str) -> str:
    page.goto(base + listing)
    return page.locator(".portal-record-list__title a, .govuk-table__body a").first.get_attribute("href")


@pytest.mark.parametrize("path", LISTINGS + FILTERED + SEARCH + ERRORS)
def test_page_has_no_axe_violations(page, live_server, path):
    page.goto(live_server + path)
    assert_no_violations(page, path)


@pytest.mark.parametrize("listing", [*COLLECTIONS, "/meetings?when=past"])
def test_detail_pages_have_no_axe_violations(page, live_server, listing):
    detail = first_record_link(page, live_server, listing)
    page.goto(live_server + detail)
    assert_no_violations(page, detail)


def test_a_meeting_with_what_came_from_it_and_the_decision_taken_at_it_pass_axe(
        page, live_server):
    page.goto(live_server + "/meetings?when=past&body=Accountability+board")
    meetings = page.locator(".portal-record-list__title a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    for meeting in meetings:
        page.goto(live_server + meeting)
        came_from = page.locator(".portal-agenda a[href^='/decisions/']")
        if came_from.count():
            break
    else:
        pytest.fail("no demo board meeting lists a decision taken at it")
    assert_no_violations(page, meeting)
    decision = came_from.first.get_attribute("href")
    page.goto(live_server + decision)
    expect(page.get_by_text("Taken at")).to_be_visible()
    assert_no_violations(page, decision)


def test_a_meeting_held_in_private_has_no_axe_violations(page, live_server):
    page.goto(live_server + "/meetings?body=Ethics+committee&per_page=100")
    private = page.locator(".portal-record-list__item", has_text="Not held in public")
    page.goto(live_server + private.locator("a").first.get_attribute("href"))
    expect(page.get_by_text("This meeting was not held in public")).to_be_visible()
    assert_no_violations(page, "a meeting held in private")
def test_a_partly_exempt_decision_and_a_partly_reimbursed_journey_have_no_axe_violations(
        page, live_app, live_server):
    """The pages with every section a decision or expense line can show."""
    with live_app.extensions["portal_db"].sessions() as session:
        decision = session.scalars(select(Decision).where(
            Decision.exempt.is_(True), Decision.published_at.is_not(None))).first()
        line = session.scalars(select(Expense).where(
            Expense.amount_claimed_pence > Expense.amount_pence,
            Expense.published_at.is_not(None))).first()
        journey = session.scalars(select(Expense).where(
            Expense.mileage.is_not(None), Expense.published_at.is_not(None))).first()
        assert decision and line and journey, "the demo data has each of them"
        addresses = [f"/decisions/{decision.slug}", f"/expenses/{line.reference}",
                     f"/expenses/{journey.reference}"]
    for address in addresses:
        page.goto(live_server + address)
        assert_no_violations(page, address)


def test_superseded_policy_version_has_no_axe_violations(page, live_server):
    page.goto(live_server + "/policies?status=superseded")
    older = page.locator(".portal-record-list__title a").first.get_attribute("href")
    page.goto(live_server + older)
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    assert_no_violations(page, older)


def test_pages_have_no_axe_violations_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ["/", "/publications", "/expenses", "/decisions"]:
        page.goto(live_server + path)
        assert_no_violations(page, path + " (phone)")
    context.close()


def test_the_service_unavailable_page_has_no_axe_violations(page, live_app, live_server):
    with database_unreachable(live_app):
        page.goto(live_server + "/decisions")
    expect(page.get_by_role("heading", name="Sorry, the service is unavailable")).to_be_visible()
    assert_no_violations(page, "/decisions with the database unreachable")


def test_the_search_not_working_page_has_no_axe_violations(page, live_app, live_server,
                                                            tmp_path):
    damaged = TantivyIndex(tmp_path / "index")
    damaged.ensure_exists()
    cut_short(damaged.live_directory)
    working, live_app.extensions["portal_search"] = (
        live_app.extensions["portal_search"], damaged)
    try:
        page.goto(live_server + "/search?q=custody")
        expect(page.get_by_role("heading", name="Search is not working at the moment"
                                )).to_be_visible()
        assert_no_violations(page, "/search with the index damaged")
        page.get_by_role("link", name="Decisions").last.click()
        expect(page.get_by_role("heading", name="Decisions", level=1)).to_be_visible()
    finally:
        live_app.extensions["portal_search"] = working


def test_the_organisation_chart_is_a_nested_list_that_fits_a_narrow_screen(browser,
                                                                           live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server + "/our-people/chart")
    # The Commissioner heads the chart; the Chief Executive is one level down, in a list
    # inside the Commissioner's list item, so a screen reader announces the nesting.
    top = page.locator(".portal-chart > ul > li").first
    expect(top.locator(":scope > .portal-chart__card")).to_contain_text(
        "Police and Crime Commissioner")
    expect(top.locator(":scope > ul > li > .portal-chart__card").filter(
        has_text="Chief Executive")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_violations(page, "/our-people/chart (320 pixels wide)")
    context.close()
