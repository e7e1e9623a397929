"""axe-core finds no accessibility violations on any public page type."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from portal.kinds import PAGES
from search.tantivy_engine import TantivyIndex
from tests.integration.test_intake_outage import database_unreachable
from tests.integration.test_search import cut_short

AXE = Axe()

# Every collection's listing and a record of each are checked, new kinds included.
COLLECTIONS = [f"/{pages.collection}" for pages in PAGES]
LISTINGS = ["/", "/publications", *COLLECTIONS, "/using-our-data", "/accessibility",
            "/complaints-and-compliments"]
FILTERED = ["/decisions?year=2025&category=Commissioning", "/expenses?financial_year=2024-25&quarter=2",
            "/policies?status=superseded", "/policies?review_overdue=yes",
            "/scrutiny?open_actions=yes", "/decisions?page=2",
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
ERRORS = ["/decisions?year=banana", "/expenses?quarter=9", "/no-such-page",
          "/hmicfrs-reports/recommendations?status=finished",
          "/decisions/9999-999",
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


@pytest.mark.parametrize("listing", COLLECTIONS)
def test_detail_pages_have_no_axe_violations(page, live_server, listing):
    detail = first_record_link(page, live_server, listing)
    page.goto(live_server + detail)
    assert_no_violations(page, detail)


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
