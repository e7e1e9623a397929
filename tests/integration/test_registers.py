"""What is special about the registers: the register of interests as it stood on any day,
gifts and hospitality naming staff by role only, and budgets that must add up and are set
beside the year before. (Search, downloads, import and staff publishing of every kind are
tested once for all kinds in test_record_kinds.py.)"""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from content.importer import ImportRejected, parse_record
from content.models import Budget, GiftOffer, Interest, Revision
from content.publishing import publish_due
from tests import factories
from tests.moments import UK_TIME
from tests.pdf_samples import pdf_with_text
from tests.staff_pages import (
    attach,
    errors_at_their_boxes,
    soup,
    submit,
    success_banner,
    visible_text,
)

# The tests run on 24 November 2026 (tests/moments.py).
PCC = "Police and Crime Commissioner"


def register_entries(client, **query):
    page = soup(client.get("/register-of-interests", query_string=query))
    return sorted(row.select("td")[2].get_text(strip=True) for row in page.select("tbody tr"))


@pytest.fixture
def interests(add_records):
    add_records(
        factories.interest("Trustee of a youth club", reference="ROI-1",
                           declared_on="2024-05-20"),
        factories.interest("Paid lecturer", reference="ROI-2", category="Paid employment",
                           declared_on="2024-09-02", ended_on="2025-07-31"),
        factories.interest("Parish councillor", reference="ROI-3", category="Office",
                           declared_on="2025-04-01", ended_on="2025-04-01"),
        factories.interest("School governor", reference="ROI-4", category="Office",
                           holder_name="Tom Ashdown",
                           office="Deputy Police and Crime Commissioner",
                           declared_on="2025-06-10"),
    )


# The register of interests

def test_the_register_shows_the_interests_on_it_today_and_the_ended_ones_on_request(
        client, interests):
    assert register_entries(client) == ["School governor", "Trustee of a youth club"]
    assert register_entries(client, show="ended") == ["Paid lecturer", "Parish councillor"]
    assert len(register_entries(client, show="all")) == 4
    page = client.get("/register-of-interests").get_data(as_text=True)
    assert 'href="/register-of-interests?show=ended"' in page


def test_the_register_as_it_stood_on_a_past_day_is_headed_with_that_day(client, interests):
    # Declared by then and not ended before it: an interest ending that very day is on it.
    assert register_entries(client, on="2025-04-01") == [
        "Paid lecturer", "Parish councillor", "Trustee of a youth club"]
    assert register_entries(client, on="2025-04-02") == ["Paid lecturer",
                                                         "Trustee of a youth club"]
    assert register_entries(client, on="2024-05-19") == []
    response = client.get("/register-of-interests?on=2025-04-02")
    assert soup(response).h1.get_text(strip=True) == (
        "Register of interests as it stood on 2 April 2025")


def test_the_day_can_be_typed_into_the_day_month_and_year_boxes(client, interests):
    typed = {"on-day": "2", "on-month": "4", "on-year": "2025"}
    assert register_entries(client, **typed) == ["Paid lecturer", "Trustee of a youth club"]
    page = soup(client.get("/register-of-interests", query_string=typed))
    assert [page.find(id=box)["value"] for box in
            ("filter-on", "register-date-month", "register-date-year")] == ["2", "4", "2025"]


def test_the_downloads_of_a_past_register_hold_the_entries_it_had_then(client, interests):
    for query in ({"on": "2025-04-02"}, {"on-day": "2", "on-month": "4", "on-year": "2025"}):
        link = soup(client.get("/register-of-interests", query_string=query)).select_one(
            'a[href^="/register-of-interests.csv"]')
        assert link is not None and "on" in link["href"]
        rows = list(csv.DictReader(io.StringIO(
            client.get(link["href"]).get_data(as_text=True).lstrip("\ufeff"))))
        assert sorted(row["interest"] for row in rows) == ["Paid lecturer",
                                                           "Trustee of a youth club"]
    document = client.get("/register-of-interests.json?on=2025-04-02").get_json()
    assert document["total"] == 2
    assert document["filters"]["on"] == "2025-04-02"


@pytest.mark.parametrize(("query", "message"), [
    ({"on-day": "31", "on-month": "2", "on-year": "2025"}, "The date must be a real date"),
    ({"on-day": "", "on-month": "3", "on-year": "2025"}, "The date must include a day"),
    ({"on": "2027-01-01"}, "The date must be today or in the past"),
])
def test_a_day_that_cannot_be_shown_is_an_error_linked_to_the_day_box(client, interests,
                                                                      query, message):
    response = client.get("/register-of-interests", query_string=query)
    assert response.status_code == 400
    page = soup(response)
    link = page.select_one(".govuk-error-summary a")
    assert link.get_text(strip=True).startswith(message)
    assert link["href"] == "#filter-on" and page.find(id="filter-on").name == "input"
    assert message in page.select_one(".govuk-error-message").get_text()
    # The register today is shown instead.
    assert register_entries(client, **query) == ["School governor", "Trustee of a youth club"]
    assert client.get("/register-of-interests.csv", query_string=query).status_code == 400


def test_an_interest_cannot_end_before_it_was_declared():
    with pytest.raises(ImportRejected) as rejected:
        parse_record(factories.interest(declared_on="2025-05-01", ended_on="2025-04-30"), 7)
    (problem,) = rejected.value.problems
    assert (problem.line, problem.field) == (7, "ended_on")


def test_an_interest_is_corrected_with_a_note_and_ended_by_staff(client, session, publisher):
    typed = {"holder_name": "Helen Marwood", "office": PCC, "category": "Membership",
             "description": "Member of the Rotary Club", "declared_on": ["13", "5", "2024"],
             "ended_on": ["", "", ""]}
    assert submit(client, "/staff/content/register-of-interests/new", "publish",
                  **typed).status_code == 302
    interest = session.scalars(select(Interest)).one()
    reference, address = interest.reference, f"/staff/content/register-of-interests/{interest.id}"
    ended = {**typed, "ended_on": ["30", "6", "2026"]}
    refused = submit(client, address, "save", **ended)
    assert errors_at_their_boxes(refused) == {
        "change_note": "Say what changed: the note is shown on the public page"}
    done = submit(client, address, "save", **ended, change_note="The membership ended")
    assert done.status_code == 302
    session.expire_all()
    assert (interest.reference, interest.ended_on.isoformat()) == (reference, "2026-06-30")
    assert register_entries(client) == []
    page = client.get(f"/register-of-interests/{reference}").get_data(as_text=True)
    assert "The membership ended" in page


# Gifts and hospitality

def test_an_offer_to_a_member_of_staff_that_names_them_is_refused():
    with pytest.raises(ImportRejected) as rejected:
        parse_record(factories.gift(recipient_name="Sam Carter"), 3)
    (problem,) = rejected.value.problems
    assert problem.field == "recipient_name"
    assert "never by name" in problem.message
    with pytest.raises(ImportRejected) as no_role:
        parse_record(factories.gift(recipient_role=None), 4)
    assert no_role.value.problems[0].field == "recipient_role"


def test_an_offer_to_an_office_holder_names_them_with_their_office():
    with pytest.raises(ImportRejected) as rejected:
        parse_record(factories.gift(recipient_type=PCC, recipient_role=None), 3)
    assert rejected.value.problems[0].field == "recipient_name"
    parsed = parse_record(factories.gift(recipient_type=PCC, recipient_name="Helen Marwood",
                                         recipient_role=None), 4)
    assert parsed.values["recipient_role"] == PCC


def test_staff_appear_by_role_and_office_holders_by_name_everywhere(client, add_records):
    add_records(factories.gift(reference="GH-1"),
                factories.gift("Lunch", reference="GH-2", recipient_type=PCC,
                               recipient_name="Helen Marwood", recipient_role=None,
                               outcome="Accepted", kind="Hospitality"))
    listing = visible_text(client.get("/gifts-and-hospitality"))
    assert "Chief Executive" in listing and "Helen Marwood, Police and Crime Commissioner" in listing
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(
        client.get("/gifts-and-hospitality.csv").get_data(as_text=True).lstrip("\ufeff")))}
    assert rows["GH-1"]["recipient"] == "Chief Executive"
    assert rows["GH-1"]["recipient_type"] == "Member of staff"
    assert rows["GH-2"]["recipient"] == "Helen Marwood, Police and Crime Commissioner"
    accepted = client.get("/gifts-and-hospitality.json?outcome=accepted").get_json()
    assert [row["reference"] for row in accepted["records"]] == ["GH-2"]
    by_recipient = client.get("/gifts-and-hospitality.json",
                              query_string={"recipient": "Chief Executive"}).get_json()
    assert [row["reference"] for row in by_recipient["records"]] == ["GH-1"]
    other_year = client.get("/gifts-and-hospitality.json?financial_year=2024-25").get_json()
    assert other_year["total"] == 0


def test_the_staff_form_refuses_a_name_for_a_member_of_staff_beside_the_name_box(
        client, session, publisher):
    typed = {"reference": "GH-2026-001", "date": ["2", "11", "2026"],
             "recipient_type": "Member of staff", "recipient_name": "Sam Carter",
             "recipient_role": "Chief Executive", "offered_by": "Fernshire Cricket Club",
             "description": "Match tickets", "kind": "Hospitality", "value": "£80",
             "outcome": "Declined", "reason": "A bidder for a grant"}
    refused = submit(client, "/staff/content/gifts-and-hospitality/new", "publish", **typed)
    assert refused.status_code == 400
    errors = errors_at_their_boxes(refused)
    assert list(errors) == ["recipient_name"]
    assert "never by name" in errors["recipient_name"]
    assert session.scalars(select(GiftOffer)).all() == []
    done = submit(client, "/staff/content/gifts-and-hospitality/new", "publish",
                  **{**typed, "recipient_name": ""})
    assert done.status_code == 302
    offer = session.scalars(select(GiftOffer)).one()
    assert (offer.recipient, offer.recipient_name, offer.value_pence) == (
        "Chief Executive", "", 8000)
    assert client.get("/gifts-and-hospitality/GH-2026-001").status_code == 200


# Budget and precept

def test_a_budget_whose_rows_do_not_add_up_to_the_total_is_refused():
    short = factories.budget(spending=[{"heading": "Police officer pay",
                                        "amount": "249000000.00"}])
    with pytest.raises(ImportRejected) as rejected:
        parse_record(short, 2)
    (problem,) = rejected.value.problems
    assert problem.field == "spending"
    assert problem.message == ("The proposed spending adds up to £249,000,000.00, but the "
                               "total budget is £250,000,000.00: they must be the same")


def test_a_budget_page_shows_its_rows_and_the_change_from_the_year_before(client,
                                                                          add_records):
    add_records(factories.budget("2025-26", band_d_precept="271.36"),
                factories.budget("2026-27", band_d_precept="285.36",
                                 approved_on="2026-02-13", decision_reference="2026/019"))
    text = visible_text(client.get("/budget/2026-27"))
    assert ("A Band D home pays £14.00 more (5.2% up) than in 2025-26, when it paid £271.36"
            in text)
    assert "Police grant from the Home Office £150,000,000.00" in text
    assert "Total spending £250,000,000.00" in text
    first = visible_text(client.get("/budget/2025-26"))
    assert "Compared with" not in first
    document = client.get("/budget.json").get_json()
    assert document["records"][0]["spending"][0] == {"heading": "Police officer pay",
                                                     "amount": "160000000.00"}


@pytest.fixture(autouse=True)
def the_precept_decision(add_records):
    """The published decision the budgets below name: a form refuses a reference to a
    decision the site does not have."""
    add_records(factories.decision("2026/019", title="Budget and precept 2026-27"))


BUDGET = {"financial_year": "2026-27", "total_budget": "1,000.00", "band_d_precept": "285.36",
          "total_precept": "400", "approved_on": ["13", "2", "2026"],
          "decision_reference": "2026/019", "summary": "",
          "income_source_1": "Police grant", "income_amount_1": "600",
          "income_source_2": "Council tax precept", "income_amount_2": "400",
          "income_source_3": "", "income_amount_3": "",
          "spending_heading_1": "Pay", "spending_amount_1": "900",
          "spending_heading_2": "Premises", "spending_amount_2": "100",
          "spending_heading_3": "", "spending_amount_3": ""}


def test_staff_are_told_at_the_rows_when_a_budget_does_not_add_up(client, session, publisher):
    wrong = {**BUDGET, "spending_amount_2": "50", "income_amount_1": "lots",
             "spending_heading_3": "Transport"}
    response = submit(client, "/staff/content/budget/new", "save", **wrong)
    assert response.status_code == 400
    errors = errors_at_their_boxes(response)
    assert set(errors) == {"income_amount_1", "spending_amount_3"}
    assert errors["spending_amount_3"] == "Enter the amount of spending heading 3"
    fixed = {**wrong, "income_amount_1": "600", "spending_heading_3": ""}
    errors = errors_at_their_boxes(submit(client, "/staff/content/budget/new", "save", **fixed))
    assert errors == {"spending_heading_1": "The proposed spending adds up to £950.00, but the "
                                            "total budget is £1,000.00: they must be the same"}
    assert session.scalars(select(Budget)).all() == []


def test_a_budget_is_published_and_corrected_with_a_note_keeping_its_earlier_rows(
        client, session, publisher):
    done = submit(client, "/staff/content/budget/new", "publish", **BUDGET)
    assert done.status_code == 302
    budget = session.scalars(select(Budget)).one()
    assert [(line.section, line.heading, line.amount_pence) for line in budget.lines] == [
        ("income", "Police grant", 60000), ("income", "Council tax precept", 40000),
        ("spending", "Pay", 90000), ("spending", "Premises", 10000)]
    address = f"/staff/content/budget/{budget.id}"
    edit = soup(client.get(address))
    assert edit.find(id="income_amount_2")["value"] == "400.00"
    assert edit.find(id="income_source_3") is not None  # an empty row for one more
    moved = {**BUDGET, "spending_heading_1": "Police officer pay", "change_note": "Renamed"}
    assert submit(client, address, "save", **moved).status_code == 302
    session.expire_all()
    assert budget.spending[0].heading == "Police officer pay"
    (revision,) = session.scalars(select(Revision).where(Revision.record_type == "budget"))
    earlier = visible_text(client.get(f"/budget/2026-27/revisions/{revision.id}"))
    assert "Pay £900.00" in earlier and "Police officer pay" not in earlier
    assert "Renamed" in visible_text(client.get("/budget/2026-27"))
    again = submit(client, "/staff/content/budget/new", "save", **BUDGET)
    assert errors_at_their_boxes(again) == {
        "financial_year": "There is already a budget for this financial year"}
    withdrawn = submit(client, f"{address}/withdraw", "", reason="Published in error",
                       confirmed="yes")
    assert success_banner(client.get(withdrawn.headers["Location"])) == [
        "Budget and precept for 2026-27 withdrawn"]
    gone = client.get("/budget/2026-27")
    assert gone.status_code == 410 and "Published in error" in gone.get_data(as_text=True)


def test_an_empty_offer_asks_for_each_box_in_plain_words(client, publisher):
    errors = errors_at_their_boxes(submit(client, "/staff/content/gifts-and-hospitality/new",
                                          "save"))
    assert errors["recipient_type"] == "Choose who it was offered to"
    assert errors["offered_by"] == "Enter who made the offer"
    assert errors["description"] == "Enter what was offered"
    assert errors["outcome"] == "Choose whether it was accepted or declined"


@pytest.mark.parametrize(("address", "typed", "shown"), [
    ("/staff/content/budget/new", BUDGET, "Council tax precept £400.00"),
    ("/staff/content/register-of-interests/new",
     {"holder_name": "Helen Marwood", "office": PCC, "category": "Office",
      "description": "Governor of a primary school", "declared_on": ["1", "9", "2026"]},
     "Governor of a primary school"),
    ("/staff/content/gifts-and-hospitality/new",
     {"reference": "GH-2026-020", "date": ["2", "11", "2026"], "recipient_type": PCC,
      "recipient_name": "Helen Marwood", "offered_by": "Ashbridge Town Council",
      "description": "Framed print", "kind": "Gift", "value": "40", "outcome": "Accepted"},
     "Helen Marwood, Police and Crime Commissioner"),
], ids=["budget", "interest", "gift"])
def test_a_register_entry_is_previewed_as_its_public_page_shows_it(client, session, publisher,
                                                                   address, typed, shown):
    preview = submit(client, address, "preview", **typed)
    assert preview.status_code == 200
    assert 'class="portal-preview"' in preview.get_data(as_text=True)
    assert shown in visible_text(preview)
    for model in (Budget, Interest, GiftOffer):
        assert session.scalars(select(model)).all() == []


def test_using_our_data_explains_a_budgets_rows_and_the_register_on_a_day(client):
    text = visible_text(client.get("/using-our-data"))
    assert "each record also has an income list, each with its source and amount" in text
    assert "Add on=2025-03-31 for the register as it stood on that day" in text


def test_a_budget_scheduled_for_the_morning_it_is_due_is_published_then_with_its_strategy(
        client, session, publisher, clock):
    tomorrow = clock.today + timedelta(days=1)
    response = submit(client, "/staff/content/budget/new", "schedule", **BUDGET,
                      publish_on=f"{tomorrow:%d/%m/%Y}", publish_time="09:30")
    assert response.status_code == 302
    budget = session.scalars(select(Budget)).one()
    strategy = pdf_with_text("Investment strategy: security, liquidity, then yield")
    assert attach(client, f"/staff/content/budget/{budget.id}", strategy,
                  "Investment strategy 2026-27.pdf").status_code == 302
    assert client.get("/budget/2026-27").status_code == 404
    due = budget.publish_at
    assert due is not None and due.astimezone(UK_TIME).date() == tomorrow
    assert publish_due(session, now=due - timedelta(minutes=1)) == 0
    assert publish_due(session, now=due) == 1
    session.commit()
    page = client.get("/budget/2026-27").get_data(as_text=True)
    assert "Investment strategy 2026-27.pdf" in page
    assert client.get("/search.json?q=liquidity").get_json()["records"][0]["type"] == "budget"
