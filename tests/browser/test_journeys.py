"""What people do on the public site, in a real browser."""

import csv
import io
import json
import re
from pathlib import Path

from playwright.sync_api import expect


def test_filtering_decisions_by_year_puts_the_filter_in_the_address(page, live_server):
    page.goto(live_server + "/decisions")
    everything = page.locator("#results strong").inner_text()
    page.get_by_label("Year").select_option("2025")
    page.get_by_role("button", name="Apply filters").click()
    assert "year=2025" in page.url
    assert page.locator("#results strong").inner_text() != everything
    dates = page.locator(".portal-meta").all_inner_texts()
    assert dates and all("2025" in text for text in dates)


def test_pagination_moves_to_the_next_page_of_expenses(page, live_server):
    page.goto(live_server + "/expenses")
    first_row = page.locator(".govuk-table__body tr").first.inner_text()
    page.get_by_role("link", name=re.compile("Next")).click()
    assert "page=2" in page.url
    assert page.locator("#results").inner_text().startswith("Showing 51 to 100")
    assert page.locator(".govuk-table__body tr").first.inner_text() != first_row


def test_the_csv_download_holds_the_filtered_rows(page, live_server):
    page.goto(live_server + "/expenses?financial_year=2024-25&claimant=Police+and+Crime+Commissioner")
    shown = int(page.locator("#results strong").inner_text().replace(",", ""))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("CSV spreadsheet")).click()
    download = download_info.value
    assert download.suggested_filename == "expenses.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == shown
    assert {row["financial_year"] for row in rows} == {"2024-25"}


def test_the_json_download_is_served(page, live_server):
    response = page.request.get(live_server + "/scrutiny.json?open_actions=yes")
    assert response.ok
    document = json.loads(response.text())
    assert document["total"] == len(document["records"]) > 0
    assert all(any(a["status"] != "complete" for a in r["actions"]) for r in document["records"])


def test_the_site_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    page.goto(live_server + "/scrutiny")
    page.get_by_label("Type").select_option("HMICFRS inspection response")
    page.get_by_role("button", name="Apply filters").click()
    assert "kind=HMICFRS" in page.url
    page.locator(".portal-record-list__title a").first.click()
    expect(page.get_by_role("heading", name="Actions agreed")).to_be_visible()


def test_keyboard_users_can_skip_to_the_main_content(page, live_server):
    page.goto(live_server + "/decisions")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_searching_within_decisions_then_narrowing_by_year(page, live_server):
    page.goto(live_server + "/decisions")
    page.get_by_role("searchbox", name="Search decisions").fill("victims")
    page.get_by_role("button", name="Search decisions").click()
    page.wait_for_url(re.compile(r"/search\?.*q=victims"))
    assert "type=decision" in page.url
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    total = int(page.locator("#results strong").inner_text().replace(",", ""))
    assert total > 0
    assert page.locator(".portal-meta").first.inner_text().startswith("Decision")
    year_link = page.get_by_role("navigation", name="Results by year").get_by_role("link").first
    year, count = re.match(r"(\d{4}) \((\d+)\)", year_link.inner_text()).groups()
    year_link.click()
    page.wait_for_url(re.compile(f"from={year}-01-01"))
    assert "type=decision" in page.url
    shown = page.locator("#results").inner_text()
    assert (f"{count} result" in shown) and int(count) <= total
    assert all(year in text for text in page.locator(".portal-meta").all_inner_texts())
    assert page.locator("mark").first.inner_text().lower().startswith("victim")
    page.locator(".portal-record-list__title a").first.click()
    page.wait_for_url(re.compile(r"/decisions/"))


def test_search_filters_work_from_the_filter_form(page, live_server):
    page.goto(live_server + "/search?q=custody")
    page.get_by_label("Type of record").select_option("scrutiny")
    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Apply filters").click()
    assert "type=scrutiny" in page.url and "sort=newest" in page.url
    kinds = page.locator(".portal-meta").all_inner_texts()
    assert kinds and all(text.startswith("Scrutiny") for text in kinds)
    page.get_by_label("From date").fill("banana")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()


def test_a_reference_a_policy_phrase_and_a_misspelling_do_what_people_expect(page, live_server):
    page.goto(live_server + "/search")
    page.get_by_label("Search everything we publish").fill("2025/014")
    page.get_by_label("Search everything we publish").press("Enter")
    assert page.url.endswith("/decisions/2025-014")

    page.goto(live_server + "/search?q=" + '"assessed within ten working days"')
    titles = page.locator(".portal-record-list__title a").all_inner_texts()
    assert "Complaints handling policy" in titles

    page.goto(live_server + "/search?q=neighbourhod")
    page.get_by_role("link", name="neighbourhood").click()
    assert int(page.locator("#results strong").inner_text().replace(",", "")) > 0
