"""Listings: filters in the address, counts, pagination and clear messages for bad values."""

import pytest

from tests import factories


@pytest.fixture
def decisions_over_two_years(add_records):
    add_records(*[factories.decision(f"2024/{n:03d}", title=f"Estates decision {n}",
                                     date=f"2024-06-{n:02d}", category="Estates")
                  for n in range(1, 21)],
                *[factories.decision(f"2025/{n:03d}", title=f"Commissioning decision {n}",
                                     date=f"2025-01-{n:02d}",
                                     decision_maker="Chief Finance Officer")
                  for n in range(1, 11)])


def test_decisions_are_listed_newest_first_with_a_count(client, decisions_over_two_years):
    page = client.get("/decisions").get_data(as_text=True)
    assert "of <strong>30</strong> decisions" in page
    assert page.index("Commissioning decision 10") < page.index("Commissioning decision 9")
    assert page.index("Commissioning decision 1<") < page.index("Estates decision 20")


def test_decisions_filter_by_year_decision_maker_and_category(client, decisions_over_two_years):
    assert "of <strong>20</strong>" in client.get("/decisions?year=2024").get_data(as_text=True)
    by_maker = client.get("/decisions?decision_maker=Chief+Finance+Officer").get_data(as_text=True)
    assert "of <strong>10</strong>" in by_maker
    none = client.get("/decisions?year=2024&category=Commissioning").get_data(as_text=True)
    assert "No decisions match" in none


def test_decisions_are_paginated_25_to_a_page(client, decisions_over_two_years):
    second = client.get("/decisions?page=2").get_data(as_text=True)
    assert "Showing 26 to 30 of <strong>30</strong>" in second
    beyond = client.get("/decisions?page=9").get_data(as_text=True)
    assert "There are only 2 pages of results" in beyond


@pytest.mark.parametrize(("address", "message"), [
    ("/decisions?year=banana", "Year must be a number from 1990 to 2100"),
    ("/decisions?page=0", "Page must be a number from 1 to 1000000"),
    ("/expenses?financial_year=2024-26", "is not a financial year; write it like 2024-25"),
    ("/expenses?quarter=2", "Choose a financial year as well as a quarter"),
    ("/expenses?financial_year=2024-25&quarter=5", "Quarter must be a number from 1 to 4"),
    ("/policies?status=old", "Status must be one of: current, superseded, all"),
    ("/scrutiny?kind=Gossip", "Type of scrutiny must be one of"),
    ("/scrutiny?open_actions=perhaps", "This option must be one of: yes, no"),
])
def test_a_bad_filter_value_gives_a_clear_message_not_an_error(client, address, message):
    response = client.get(address)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page


def test_expenses_show_the_total_of_the_filtered_lines(client, add_records):
    add_records(factories.expense("Taxi", amount="10.10", date="2024-04-02"),
                factories.expense("Train", amount="0.20", date="2024-07-01"),
                factories.expense("Hotel", amount="100.00", date="2025-04-01"))
    assert "£110.30" in client.get("/expenses").get_data(as_text=True)
    in_year = client.get("/expenses?financial_year=2024-25").get_data(as_text=True)
    assert "£10.30" in in_year
    assert "Hotel" not in in_year
    first_quarter = client.get("/expenses?financial_year=2024-25&quarter=1").get_data(as_text=True)
    assert "£10.10" in first_quarter
    assert "Train" not in first_quarter


def test_policies_show_current_versions_and_keep_superseded_ones(client, add_records):
    add_records(factories.policy(version="1.0", approved="2020-01-01", title="Complaints handling policy"),
                factories.policy(version="2.1", approved="2024-05-01"),
                factories.policy(title="Gifts and hospitality policy", version="3",
                                 approved="2021-01-01", review_due="2022-01-01", owner="Monitoring Officer"))
    current = client.get("/policies").get_data(as_text=True)
    assert "of <strong>2</strong> policies" in current
    superseded = client.get("/policies?status=superseded").get_data(as_text=True)
    assert "Version 1.0" in superseded
    overdue = client.get("/policies?review_overdue=yes").get_data(as_text=True)
    assert "Gifts and hospitality policy" in overdue
    assert "Complaints handling policy" not in overdue


def test_a_policy_page_shows_its_version_history(client, add_records):
    add_records(factories.policy(version="1.0", approved="2020-01-01"), factories.policy())
    page = client.get("/policies/complaints-handling-policy").get_data(as_text=True)
    assert "Version 2.1</strong> (this page)" in page
    assert 'href="/policies/complaints-handling-policy/versions/1.0"' in page
    older = client.get("/policies/complaints-handling-policy/versions/1.0").get_data(as_text=True)
    assert "This version has been superseded" in older


def test_scrutiny_can_be_narrowed_to_outcomes_with_open_actions(client, add_records):
    finished = factories.scrutiny(title="Custody visiting report", kind="Independent custody visiting report",
                                  actions=[{"action": "Fix the cell call bells", "owner": "Custody lead",
                                            "due": "2025-03-01", "status": "complete"}])
    add_records(factories.scrutiny(), finished)
    page = client.get("/scrutiny?open_actions=yes").get_data(as_text=True)
    assert "Response to the PEEL inspection" in page
    assert "Custody visiting report" not in page


def test_a_scrutiny_page_lists_actions_with_owner_due_date_and_status(client, add_records):
    add_records(factories.scrutiny())
    page = client.get("/scrutiny/2025-02-10-response-to-the-peel-inspection").get_data(as_text=True)
    assert "Improve call answering times" in page
    assert "30 June 2025" in page
    assert "Overdue" in page
    assert "Complete" in page


def test_a_decision_can_be_found_by_slug_or_reference(client, add_records):
    add_records(factories.decision())
    assert client.get("/decisions/2025-014").status_code == 200
    assert client.get("/decisions/2025/014").status_code == 200
    assert client.get("/decisions/2025-999").status_code == 404


def test_a_decision_page_shows_every_field(client, add_records):
    add_records(factories.decision(exempt=True, financial_implications="Funded from reserves."))
    page = client.get("/decisions/2025-014").get_data(as_text=True)
    for text in ["2025/014", "5 March 2025", "Police and Crime Commissioner", "Commissioning",
                 "£125,000.00", "exempt from publication", "Funded from reserves.",
                 '<h2 id="section-background">Background</h2>', "Last updated"]:
        assert text in page


def test_the_home_page_shows_the_latest_records_and_the_way_to_complain(client, add_records):
    add_records(factories.decision(), factories.scrutiny())
    page = client.get("/").get_data(as_text=True)
    assert "Award of the victims&#39; services contract" in page
    assert "Response to the PEEL inspection" in page
    assert "Make a complaint or compliment" in page
    assert "call 999" in page


def test_the_demo_banner_shows_only_when_demo_data_is_loaded(client, runner):
    assert "Demonstration data" not in client.get("/").get_data(as_text=True)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demonstration data" in client.get("/").get_data(as_text=True)


def test_unknown_pages_get_the_site_styled_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
