"""axe-core finds no accessibility violations on the grants, contracts and invitations to
tender pages, including what is their own: the two lists of contracts either side of the
threshold, the statuses, a filter's error state, and a decision listing its grants."""

import pytest

from tests.browser.test_accessibility import assert_no_violations, first_record_link

PAGES = ["/grants", "/grants?financial_year=2025-26&fund=Safer+communities+fund",
         "/contracts", "/contracts?band=up-to", "/contracts?band=over&status=current",
         "/contracts?status=not+started", "/tenders", "/tenders?status=open",
         "/contracts?band=huge&status=maybe", "/grants?financial_year=2025-27",
         "/grants/no-such-grant"]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, live_server, path):
    page.goto(live_server + path)
    assert_no_violations(page, path)


@pytest.mark.parametrize("listing", ["/grants", "/contracts?band=over", "/contracts?band=up-to",
                                     "/tenders?status=open", "/tenders?status=closed"])
def test_detail_pages_have_no_axe_violations(page, live_server, listing):
    detail = first_record_link(page, live_server, listing)
    page.goto(live_server + detail)
    assert_no_violations(page, detail)


def test_a_decision_listing_the_grants_it_approved_has_no_axe_violations(page, live_server):
    grant = first_record_link(page, live_server, "/grants")
    page.goto(live_server + grant)
    decision = page.locator("a[href^='/decisions/']").first.get_attribute("href")
    page.goto(live_server + decision)
    assert page.get_by_role("heading", name="Grants this decision approved").count() == 1
    assert_no_violations(page, decision)
