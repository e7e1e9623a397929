"""Grants, contracts and invitations to tender: what is their own. Each grant and contract
links to the decision behind it and each decision lists them; a contract and the
invitation it came from link to each other; contracts fall either side of the
CONTRACT_THRESHOLD setting; contract and tender statuses follow the dates and today."""

import csv
import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from content.models import Contract, Grant, Revision, Tender
from portal.config import from_environment
from tests import factories
from tests.pdf_samples import pdf_with_text
from tests.staff_pages import (
    attach,
    errors_at_their_boxes,
    submit,
    success_banner,
    visible_text,
)

# Today in these tests (tests/moments.py DEFAULT) is Tuesday 24 November 2026.
TODAY = "2026-11-24"


def text_of(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ",
                                                                                  strip=True)


def csv_rows(client, address: str) -> list[dict[str, str]]:
    body = client.get(address).get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(body)))


def contract(reference: str, value: str, **fields) -> dict:
    return factories.contract(f"Contract {reference}", reference=reference, value=value,
                              tender_reference=None, decision_reference=None, **fields)


# Links both ways

def test_a_grant_names_the_decision_that_approved_it_and_the_decision_lists_it(
        client, add_records):
    add_records(factories.decision("2025/014"), factories.grant(),
                factories.grant("Safe space for young people", reference="GR-2025-008",
                                amount="4000.00"))
    grant_page = BeautifulSoup(client.get("/grants/gr-2025-007").get_data(as_text=True),
                               "html.parser")
    link = grant_page.find("a", href="/decisions/2025-014")
    assert link is not None and "Decision 2025/014" in link.get_text()
    decision_page = client.get("/decisions/2025-014").get_data(as_text=True)
    assert "Grants this decision approved" in decision_page
    assert 'href="/grants/gr-2025-007"' in decision_page
    assert 'href="/grants/gr-2025-008"' in decision_page


def test_a_grant_whose_decision_is_not_published_says_so_instead_of_linking(
        client, add_records):
    add_records(factories.grant(decision_reference="2019/001"))
    page = text_of(client, "/grants/gr-2025-007")
    assert "Decision 2019/001 (not published on this site)" in page


def test_a_contract_and_the_invitation_it_was_awarded_from_link_to_each_other(
        client, add_records):
    add_records(factories.decision("2025/014"), factories.tender(), factories.contract())
    contract_page = client.get("/contracts/c-2025-031").get_data(as_text=True)
    assert 'href="/tenders/t-2024-009"' in contract_page
    assert 'href="/decisions/2025-014"' in contract_page
    tender_page = client.get("/tenders/t-2024-009").get_data(as_text=True)
    assert 'href="/contracts/c-2025-031"' in tender_page
    assert "Contracts made under this decision" in client.get(
        "/decisions/2025-014").get_data(as_text=True)


def test_an_invitation_without_a_contract_yet_says_it_is_not_awarded(client, add_records):
    add_records(factories.tender())
    assert "Contract awarded Not awarded yet" in text_of(client, "/tenders/t-2024-009")


def test_a_withdrawn_contract_is_no_longer_listed_on_its_invitation(client, add_records,
                                                                    session):
    add_records(factories.tender(), factories.contract())
    session.scalars(select(Contract)).one().published_at = None
    session.commit()
    assert "Not awarded yet" in text_of(client, "/tenders/t-2024-009")


# Grants: totals of what is shown

def test_the_grants_total_is_of_every_grant_the_filters_match(client, add_records):
    add_records(
        factories.grant(reference="GR-1", amount="1000.00", date="2025-03-31"),
        factories.grant(reference="GR-2", amount="2500.50", date="2025-04-01"),
        factories.grant(reference="GR-3", amount="400.25", date="2026-03-31",
                        fund="Police property fund"))
    assert "£3,900.75" in text_of(client, "/grants")
    year = text_of(client, "/grants?financial_year=2025-26")
    assert "Total of the grants matching your filters £2,900.75" in year
    assert [row["reference"] for row in csv_rows(client, "/grants.csv?financial_year=2025-26")] \
        == ["GR-3", "GR-2"]
    assert "£400.25" in text_of(client, "/grants?fund=Police+property+fund")


# Contracts: the two lists either side of the threshold

def test_contracts_of_ten_thousand_pounds_or_less_are_in_their_own_list(client, add_records):
    add_records(contract("C-1", "10000.00", other_parties="Fernshire County Council"),
                contract("C-2", "10000.01"), contract("C-3", "250000.00"))
    small = text_of(client, "/contracts?band=up-to")
    assert "Contracts of £10,000 or less" in small
    assert "Contract C-1" in small and "Contract C-2" not in small
    # The list gives every party and the purpose beside the value.
    assert ("Police and Crime Commissioner; Quillmarsh Health Ltd; Fernshire County Council"
            in small)
    assert "Nurses and doctors in the custody suites" in small
    large = text_of(client, "/contracts?band=over")
    assert "Contracts over £10,000" in large
    assert "Contract C-2" in large and "Contract C-3" in large and "Contract C-1" not in large
    assert [row["reference"] for row in csv_rows(client, "/contracts.csv?band=up-to")] == ["C-1"]
    assert "The copy of this contract has not been published yet" in text_of(
        client, "/contracts/c-3")
    assert "Total value of all published contracts £270,000.01" in text_of(client,
                                                                           "/contracts")
    assert "Total value of the contracts matching your filters £260,000.01" in text_of(
        client, "/contracts?status=current&band=over")
    small_page = text_of(client, "/contracts/c-1")
    assert "published in the list of smaller contracts without a copy" in small_page


def test_the_contract_threshold_is_a_setting(app, client, add_records):
    add_records(contract("C-1", "10000.00"), contract("C-2", "30000.00"))
    app.config["CONTRACT_THRESHOLD"] = 25_000_00
    assert "Contracts of £25,000 or less" in text_of(client, "/contracts?band=up-to")
    assert [row["reference"] for row in csv_rows(client, "/contracts.csv?band=over")] == ["C-2"]


def test_the_threshold_setting_is_read_in_pounds_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test")
    assert from_environment(tmp_path)["CONTRACT_THRESHOLD"] == 10_000_00
    monkeypatch.setenv("CONTRACT_THRESHOLD", "£25,000")
    assert from_environment(tmp_path)["CONTRACT_THRESHOLD"] == 25_000_00


# Statuses from the dates and today

@pytest.mark.parametrize(("start", "end", "status"), [
    ("2026-11-25", "2027-11-24", "not started"),
    ("2026-11-24", "2027-11-23", "current"),
    ("2020-01-01", TODAY, "current"),
    ("2020-01-01", None, "current"),
    ("2020-01-01", "2026-11-23", "ended"),
])
def test_a_contracts_status_follows_its_dates_and_today(client, add_records, start, end,
                                                        status):
    record = contract("C-1", "50000.00", start_date=start)
    add_records(record | {"end_date": end} if end else record)
    assert [row["contract_status"] for row in csv_rows(client, "/contracts.csv")] == [status]
    assert len(csv_rows(client, f"/contracts.csv?status={status}")) == 1
    others = {"current", "ended", "not started"} - {status}
    assert all(not csv_rows(client, f"/contracts.csv?status={other}") for other in others)


@pytest.mark.parametrize(("closing", "status"), [(TODAY, "open"), ("2026-11-23", "closed")])
def test_an_invitation_is_open_until_the_end_of_its_closing_date(client, add_records,
                                                                 closing, status):
    add_records(factories.tender(issued_on="2026-11-01", closing_date=closing))
    assert [row["tender_status"] for row in csv_rows(client, "/tenders.csv")] == [status]
    assert len(csv_rows(client, f"/tenders.csv?status={status}")) == 1
    page = text_of(client, "/tenders/t-2024-009")
    assert ("Open for bids" in page) == (status == "open")


def test_an_invitation_closes_when_the_day_passes(client, add_records, clock):
    add_records(factories.tender(issued_on="2026-11-01", closing_date=TODAY))
    assert "Open for bids" in text_of(client, "/tenders/t-2024-009")
    clock.shift(date(2026, 11, 25) - date(2026, 11, 24))
    assert "bids are no longer accepted" in text_of(client, "/tenders/t-2024-009")


def test_a_bad_band_or_status_is_a_problem_to_fix_not_a_guess(client):
    response = client.get("/contracts?band=huge&status=maybe")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Value must be one of: over, up-to" in page
    assert client.get("/contracts.csv?band=huge").status_code == 400


# Import

def test_contract_parties_are_understood_in_the_words_finance_teams_use(client, add_records):
    add_records(contract("C-1", "5000.00", parties="both"))
    row = csv_rows(client, "/contracts.csv")[0]
    assert row["parties"] == ("Police and Crime Commissioner; Chief Constable; "
                              "Quillmarsh Health Ltd")


def test_a_reference_that_cannot_stand_in_an_address_is_refused(runner, tmp_path):
    source = tmp_path / "contracts.jsonl"
    source.write_text('{"type":"contract","reference":"C 2025 031?","title":"x",'
                      '"supplier":"y","parties":"force","purpose":"z","value":"1.00",'
                      '"start_date":"2025-04-01","procurement_route":"Three quotes"}\n',
                      encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert "reference" in result.output and "letters, numbers" in result.output


# Staff publishing

GRANT = {"reference": "", "recipient": "Stowmere Boxing Club",
         "purpose": "Friday night sessions for young people", "amount": "4800.00",
         "date": ["5", "11", "2026"], "fund": "", "new_fund": "Safer communities fund",
         "crime_reduction": "Fewer young people on the streets late on Fridays.",
         "conditions": "Attendance figures every quarter.", "decision_reference": "2026/051"}


def test_a_publisher_links_a_grant_only_to_a_decision_that_exists(client, session, publisher,
                                                                  add_records):
    refused = submit(client, "/staff/content/grants/new", "publish", **GRANT)
    assert errors_at_their_boxes(refused) == {
        "decision_reference": "There is no decision 2026/051: check the reference, or leave "
                              "it empty"}
    add_records(factories.decision("2026/051"))
    done = submit(client, "/staff/content/grants/new", "publish", **GRANT)
    assert done.status_code == 302
    grant = session.scalars(select(Grant)).one()
    assert grant.reference.startswith("GR-") and grant.fund == "Safer communities fund"
    assert 'href="/decisions/2026-051"' in client.get(f"/grants/{grant.slug}").get_data(
        as_text=True)


def test_a_correction_to_a_published_grant_needs_a_note_and_keeps_the_earlier_version(
        client, session, publisher, add_records):
    add_records(factories.decision("2026/051"))
    submit(client, "/staff/content/grants/new", "publish", **GRANT)
    grant = session.scalars(select(Grant)).one()
    address = f"/staff/content/grants/{grant.id}"
    changed = {**GRANT, "reference": grant.reference, "amount": "5200.00", "fund": "",
               "new_fund": "Safer communities fund"}
    refused = submit(client, address, "save", **changed)
    assert "change_note" in errors_at_their_boxes(refused)
    done = submit(client, address, "save", **changed, change_note="The amount was mistyped")
    assert done.status_code == 302
    page = text_of(client, f"/grants/{grant.slug}")
    assert "£5,200.00" in page and "The amount was mistyped" in page
    revision = session.scalars(select(Revision)).one()
    earlier = text_of(client, f"/grants/{grant.slug}/revisions/{revision.id}")
    assert "£4,800.00" in earlier and "Earlier version" in earlier


CONTRACT = {"reference": "C-2026-040", "title": "Custody healthcare",
            "supplier": "Quillmarsh Health Ltd", "parties": "Chief Constable",
            "other_parties": "", "purpose": "Nurses in custody.", "value": "640000.00",
            "start_date": ["1", "12", "2026"], "end_date": ["30", "11", "2029"],
            "procurement_route": "", "new_procurement_route": "Open procedure",
            "tender_reference": "", "decision_reference": ""}


def test_a_contract_is_published_with_a_copy_and_withdrawn_with_a_reason(client, session,
                                                                         publisher):
    assert submit(client, "/staff/content/contracts/new", "publish",
                  **CONTRACT).status_code == 302
    record = session.scalars(select(Contract)).one()
    staff_page = f"/staff/content/contracts/{record.id}"
    assert attach(client, staff_page, pdf_with_text("Signed healthcare contract"),
                  "Contract.pdf").status_code == 302
    page = client.get("/contracts/c-2026-040").get_data(as_text=True)
    assert "Contract.pdf" in page and "Not started" in page
    assert "The copy of this contract has not been published yet" not in page
    done = submit(client, f"{staff_page}/withdraw", "", confirmed="yes",
                  reason="Awarded to the wrong supplier")
    assert success_banner(client.get(done.headers["Location"])) == [
        "Contract C-2026-040 withdrawn"]
    gone = client.get("/contracts/c-2026-040")
    assert gone.status_code == 410
    assert "Awarded to the wrong supplier" in gone.get_data(as_text=True)


def test_an_invitation_to_tender_is_previewed_before_it_is_published(client, session,
                                                                     publisher):
    tender = {"reference": "T-2026-901", "title": "Victim helpline",
              "description": "An evening helpline.", "estimated_value": "420000.00",
              "issued_on": ["2", "11", "2026"], "closing_date": ["14", "12", "2026"],
              "how_to_respond": "Through the procurement portal."}
    preview = submit(client, "/staff/content/tenders/new", "preview", **tender)
    assert "Open for bids" in visible_text(preview)
    assert session.scalars(select(Tender)).all() == []
    submit(client, "/staff/content/tenders/new", "publish", **tender)
    assert "Victim helpline" in text_of(client, "/tenders?status=open")


def test_a_grant_preview_shows_the_decision_reference_as_typed(client, session, publisher,
                                                               add_records):
    add_records(factories.decision("2026/051"))
    preview = visible_text(submit(client, "/staff/content/grants/new", "preview", **GRANT))
    assert "Decision 2026/051" in preview and "not published on this site" not in preview
    assert session.scalars(select(Grant)).all() == []


def test_a_contract_with_no_end_date_is_current_until_someone_gives_it_one(client, session,
                                                                           publisher):
    no_end = {**CONTRACT, "start_date": ["1", "4", "2025"], "end_date": ["", "", ""]}
    assert submit(client, "/staff/content/contracts/new", "publish",
                  **no_end).status_code == 302
    record = session.scalars(select(Contract)).one()
    page = text_of(client, "/contracts/c-2026-040")
    assert "No fixed end date" in page and "Current" in page
    ended = {**no_end, "end_date": ["31", "10", "2026"], "procurement_route": "Open procedure",
             "new_procurement_route": "", "change_note": "The contract ended early"}
    assert submit(client, f"/staff/content/contracts/{record.id}", "save",
                  **ended).status_code == 302
    assert "Ended" in text_of(client, "/contracts/c-2026-040")


# Registers kept as spreadsheets

CONTRACTS_CSV = (
    "Reference,Title,Supplier,Parties,Other parties,Purpose,Value,Start date,End date,"
    "Procurement route,Notes\n"
    "CS-2026-001,Venue hire,Harlow Green Town Hall Ltd,OPCC,,Panel meeting venue,\"£1,250.00\","
    "03/06/2026,03/06/2026,Three quotes,paid by card\n"
    "CS-2026-002,Printing,Fernbridge Print Works Ltd,both,Fernshire County Council,"
    "Annual report printing,\"9,999.99\",01/07/2026,,Single quote with justification,\n")


def test_the_list_of_smaller_contracts_imports_from_the_spreadsheet_it_is_kept_in(
        runner, tmp_path, client):
    source = tmp_path / "small contracts.csv"
    source.write_text(CONTRACTS_CSV, encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output and "Columns not imported: notes." in result.output
    rows = csv_rows(client, "/contracts.csv?band=up-to")
    assert [(row["reference"], row["value"], row["start_date"]) for row in rows] == [
        ("CS-2026-002", "9999.99", "2026-07-01"), ("CS-2026-001", "1250.00", "2026-06-03")]
    assert rows[0]["parties"] == ("Police and Crime Commissioner; Chief Constable; "
                                  "Fernbridge Print Works Ltd; Fernshire County Council")


def test_a_bad_line_in_a_contracts_spreadsheet_names_its_line_and_column_and_imports_nothing(
        runner, tmp_path, client):
    source = tmp_path / "contracts.csv"
    source.write_text(CONTRACTS_CSV.replace("01/07/2026", "31/06/2026"), encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert 'line 3, column "Start date"' in result.output
    assert client.get("/contracts.json").get_json()["total"] == 0


def test_grants_import_from_a_spreadsheet_of_grants(runner, tmp_path, client):
    source = tmp_path / "grants.csv"
    source.write_text(
        "Date,Recipient,Fund,Purpose,Amount,Conditions,Crime reduction,Decision reference\n"
        "12/06/2025,Stowmere Boxing Club,Safer communities fund,Friday sessions,£4800,"
        "Quarterly returns,Fewer young people on the streets,2025/014\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    row = csv_rows(client, "/grants.csv")[0]
    assert (row["recipient"], row["amount"], row["date_awarded"], row["decision_reference"]) \
        == ("Stowmere Boxing Club", "4800.00", "2025-06-12", "2025/014")


def test_a_contract_cannot_end_before_it_starts_nor_an_invitation_close_before_it_opens(
        client, session, publisher, runner, tmp_path):
    backwards = {**CONTRACT, "end_date": ["30", "11", "2026"]}
    refused = submit(client, "/staff/content/contracts/new", "publish", **backwards)
    assert errors_at_their_boxes(refused) == {
        "end_date-day": "End date must be on or after the start date"}
    source = tmp_path / "tenders.jsonl"
    source.write_text(json.dumps(factories.tender(closing_date="2024-09-30")) + "\n",
                      encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert 'line 1, field "closing_date": must be on or after the date issued' in result.output
    assert session.scalars(select(Contract)).all() == []


def test_a_filter_never_names_the_supplier_of_a_contract_not_yet_published(client, session,
                                                                           add_records):
    add_records(contract("C-1", "50000.00", supplier="Public Supplier Ltd"),
                contract("C-2", "90000.00", supplier="Secret Bidder Ltd"))
    session.scalars(select(Contract).where(Contract.reference == "C-2")).one() \
        .published_at = None
    session.commit()
    page = client.get("/contracts").get_data(as_text=True)
    assert "Public Supplier Ltd" in page and "Secret Bidder Ltd" not in page
