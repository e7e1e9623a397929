"""Open data: every listing as CSV, JSON and Atom, holding exactly what the listing shows."""

import csv
import io
import re

import feedparser
import pytest

from tests import factories


def csv_rows(response) -> list[dict[str, str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def listed_links(client, address: str, pattern: str) -> list[str]:
    """Follow the listing's pages and collect the permalink of every record shown."""
    links, page = [], 1
    while True:
        html = client.get(f"{address}&page={page}").get_data(as_text=True)
        found = re.findall(pattern, html)
        if not found:
            return links
        links += found
        page += 1


@pytest.fixture
def many_expenses(add_records):
    add_records(*[factories.expense(f"Journey {n}", date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                    amount=f"{n}.05",
                                    claimant="Police and Crime Commissioner" if n % 3 else
                                    "Deputy Police and Crime Commissioner")
                  for n in range(1, 131)])


def test_the_csv_of_a_filtered_listing_holds_exactly_the_rows_of_all_its_pages(client, many_expenses):
    address = "/expenses?claimant=Police+and+Crime+Commissioner&financial_year=2024-25"
    shown = listed_links(client, address, r'href="(/expenses/EXP-[^"]+)"')
    rows = csv_rows(client.get(address.replace("/expenses?", "/expenses.csv?")))
    assert len(shown) > 50, "the listing should span more than one page"
    assert [row["url"].removeprefix("http://portal.test") for row in rows] == shown


def test_csv_uses_iso_dates_two_decimal_amounts_and_excel_friendly_line_endings(client, add_records):
    add_records(factories.expense(amount="1234.5", date="2025-03-05"))
    response = client.get("/expenses.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="expenses.csv"'
    assert response.mimetype == "text/csv"
    assert "\r\n" in response.get_data(as_text=True)
    (row,) = csv_rows(response)
    assert row["date"] == "2025-03-05"
    assert row["amount"] == "1234.50"
    assert row["financial_year"] == "2024-25"


def test_csv_cells_that_look_like_formulas_cannot_run_in_a_spreadsheet(client, add_records):
    add_records(factories.expense('=HYPERLINK("http://evil.example","click")'),
                factories.expense("Refund", amount="-12.00"))
    rows = {row["amount"]: row for row in csv_rows(client.get("/expenses.csv"))}
    assert rows["84.20"]["description"].startswith("'=HYPERLINK")
    assert rows["-12.00"]["description"] == "Refund"


def test_json_holds_every_matching_record_with_the_total(client, many_expenses):
    document = client.get("/expenses.json?claimant=Deputy+Police+and+Crime+Commissioner").get_json()
    assert document["total"] == len(document["records"]) == 43
    assert document["filters"]["claimant"] == "Deputy Police and Crime Commissioner"
    assert document["links"]["next"] is None
    record = document["records"][0]
    assert set(record) >= {"reference", "date", "claimant", "category", "description", "amount", "url"}


@pytest.mark.parametrize("address", ["/expenses.csv", "/expenses.json", "/decisions.csv",
                                     "/policies.json", "/scrutiny.csv"])
def test_a_streamed_download_gives_its_database_connection_back(app, client, many_expenses,
                                                                 address):
    # The rows are read after the view has returned; each download left a connection in
    # a transaction, so a busy server ran out of them.
    pool = app.extensions["portal_db"].engine.pool
    for _ in range(3):
        assert client.get(address).status_code == 200
    assert pool.checkedout() == 0


def test_json_can_be_read_a_page_at_a_time_with_next_and_previous_links(client, many_expenses):
    first = client.get("/expenses.json?page=1&per_page=50").get_json()
    assert (first["total"], len(first["records"]), first["links"]["previous"]) == (130, 50, None)
    assert first["links"]["next"] == "http://portal.test/expenses.json?per_page=50&page=2"
    last = client.get("/expenses.json?page=3&per_page=50").get_json()
    assert len(last["records"]) == 30
    assert last["links"]["next"] is None
    every = client.get("/expenses.json").get_json()["records"]
    assert [r["reference"] for r in first["records"]] == [r["reference"] for r in every[:50]]


def test_scrutiny_json_includes_the_actions(client, add_records):
    add_records(factories.scrutiny())
    (record,) = client.get("/scrutiny.json").get_json()["records"]
    assert record["actions"][0] == {"action": "Improve call answering times",
                                    "owner": "Chief Constable", "due": "2025-06-30",
                                    "status": "open"}
    assert (record["actions_total"], record["actions_open"]) == (2, 1)


@pytest.mark.parametrize("collection", ["decisions", "expenses", "policies", "scrutiny"])
def test_every_atom_feed_is_valid_and_links_to_permalinks(client, add_records, collection):
    add_records(factories.decision(), factories.expense(), factories.policy(),
                factories.scrutiny())
    response = client.get(f"/{collection}.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.link.startswith("http://portal.test/")
    assert client.get(entry.link.removeprefix("http://portal.test")).status_code == 200


def test_the_atom_feed_holds_the_newest_fifty(client, many_expenses):
    feed = feedparser.parse(client.get("/expenses.atom").get_data())
    assert len(feed.entries) == 50


def test_atom_content_is_escaped_html_that_cannot_break_the_feed(client, add_records):
    add_records(factories.decision(body="Costs <b>&</b> benefits ]]> <script>x</script>"))
    feed = feedparser.parse(client.get("/decisions.atom").get_data())
    assert not feed.bozo
    assert "<script>" not in feed.entries[0].content[0].value


@pytest.mark.parametrize("address", ["/decisions.csv?year=soon", "/expenses.json?quarter=7",
                                     "/policies.atom?status=maybe"])
def test_downloads_with_a_bad_filter_say_what_is_wrong(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]


def test_the_download_links_carry_the_listing_filters(client, add_records):
    add_records(factories.decision())
    page = client.get("/decisions?year=2025&page=1").get_data(as_text=True)
    assert 'href="/decisions.csv?year=2025"' in page
    assert 'href="/decisions.json?year=2025"' in page
    assert 'href="/decisions.atom?year=2025"' in page
