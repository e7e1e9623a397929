"""Spending over £500: what is special about it — totals of everything the filters match
that add up to the penny with the CSV, the threshold setting, a finance system's CSV, and
publishing one line at a time."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from content.kinds import SPENDING_CATEGORIES
from content.managed_lists import add_value
from content.models import Revision, Spending
from tests import factories
from tests.staff_pages import errors_at_their_boxes, submit, success_banner


def lines(count: int, **fields: str) -> list[dict[str, str]]:
    """`count` lines with 20 suppliers, three categories, both bodies and two months."""
    return [factories.spending(
        f"FP-{number:05d}", supplier=f"Supplier {number % 20:02d} Ltd",
        category=("Fuel", "Vehicle maintenance", "Cleaning")[number % 3],
        body="OPCC" if number % 7 == 0 else "Force",
        date=f"2026-{9 + number % 2:02d}-{1 + number % 28:02d}",
        amount=f"{501 + number * 37}.{number % 100:02d}", **fields) for number in range(count)]


def csv_rows(client, query: str = "") -> list[dict[str, str]]:
    text = client.get(f"/spending.csv{query}").get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def table(page: BeautifulSoup, caption: str) -> dict[str, tuple[str, str]]:
    found = next(t for t in page.select("table") if caption in t.caption.get_text())
    return {row.select("th, td")[0].get_text(strip=True):
            (row.select("td")[-2].get_text(strip=True), row.select("td")[-1].get_text(strip=True))
            for row in found.select("tbody tr")}


def pounds(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", ""))


@pytest.mark.parametrize("query", ["", "?body=Force&min_amount=1000",
                                   "?month=2026-09", "?words=supplier+03"])
def test_the_totals_are_of_every_matching_line_and_add_up_to_the_csv(client, add_records,
                                                                       query):
    add_records(*lines(120))
    listing = f"/spending{query}{'&' if query else '?'}per_page=10"
    page = BeautifulSoup(client.get(listing).get_data(as_text=True), "html.parser")
    rows = csv_rows(client, query)
    in_csv = sum(Decimal(row["amount"]) for row in rows)
    assert rows and len(page.select("table")[0].select("tbody tr")) == min(10, len(rows))
    for caption in ("By supplier", "By category", "By month"):
        totals = table(page, caption)
        assert pounds(totals["Total"][1]) == in_csv, caption
        assert int(totals.pop("Total")[0].replace(",", "")) == len(rows)
        assert sum(pounds(amount) for _lines, amount in totals.values()) == in_csv, caption


def test_the_totals_download_names_every_supplier_and_each_group_adds_up_to_the_csv(
        client, add_records):
    add_records(*lines(120))
    page = client.get("/spending?body=Force&page=2").get_data(as_text=True)
    assert 'href="/spending/totals.csv?body=Force"' in page
    text = client.get("/spending/totals.csv?body=Force").get_data(as_text=True)
    totals = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    in_csv = sum(Decimal(row["amount"]) for row in csv_rows(client, "?body=Force"))
    for group in ("supplier", "category", "month"):
        rows = [row for row in totals if row["totals_by"] == group]
        assert sum(Decimal(row["amount"]) for row in rows) == in_csv, group
    assert len([row for row in totals if row["totals_by"] == "supplier"]) == 20
    assert {row["value"] for row in totals if row["totals_by"] == "month"} == {
        "2026-09", "2026-10"}


def test_the_largest_suppliers_are_named_and_the_rest_added_up_in_one_line(client,
                                                                            add_records):
    add_records(*lines(120))
    page = BeautifulSoup(client.get("/spending").get_data(as_text=True), "html.parser")
    suppliers = table(page, "By supplier")
    assert len(suppliers) == 15 + 1 + 1  # fifteen named, the other five, the total
    assert "The other 5 suppliers" in suppliers


def test_filters_narrow_the_listing_and_its_downloads_alike(client, add_records):
    add_records(*lines(60))
    assert {row["spent_by"] for row in csv_rows(client, "?body=OPCC")} == {"OPCC"}
    assert {row["date"][:7] for row in csv_rows(client, "?month=2026-10")} == {"2026-10"}
    assert {row["supplier"] for row in csv_rows(client, "?supplier=Supplier+04+Ltd")} == {
        "Supplier 04 Ltd"}
    amounts = [Decimal(row["amount"]) for row in csv_rows(
        client, "?min_amount=1000&max_amount=£2,000")]
    assert amounts and all(Decimal(1000) <= amount <= Decimal(2000) for amount in amounts)
    assert len(csv_rows(client, "?financial_year=2026-27&category=Fuel")) == 20
    assert len(csv_rows(client, "?financial_year=2025-26")) == 0
    assert client.get("/spending.json?words=FP-00007").get_json()["total"] == 1


def test_a_bad_filter_is_explained_beside_its_box_and_refused_in_a_download(client):
    response = client.get("/spending?month=March&min_amount=lots")
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    summary = [link.get_text(strip=True) for link in page.select(".govuk-error-summary a")]
    assert summary == ["Month must be a year and month, for example 2026-03",
                       "The smallest amount must be an amount in pounds, for example 1000 "
                       "or 2500.50"]
    assert page.select_one("#filter-month-error") is not None
    refused = client.get("/spending.csv?min_amount=900&max_amount=800")
    assert refused.status_code == 400
    assert "The largest amount must be more than the smallest amount" in refused.get_data(
        as_text=True)


# Import, and the threshold setting

def test_a_line_at_or_below_the_threshold_is_refused_and_nothing_is_imported(runner,
                                                                           tmp_path, session):
    file = tmp_path / "spending.jsonl"
    file.write_text("\n".join([
        '{"type":"spending","reference":"A1","date":"2026-10-01","body":"Force",'
        '"supplier":"Tanwood Fleet Solutions Ltd","purpose":"Tyres","category":"Fleet",'
        '"amount":"500.01","value_for_money":"framework"}',
        '{"type":"spending","reference":"A2","date":"2026-10-01","body":"Force",'
        '"supplier":"Tanwood Fleet Solutions Ltd","purpose":"Tyres","category":"Fleet",'
        '"amount":"500.00","value_for_money":"framework"}']) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 1
    assert ('spending.jsonl, line 2, field "amount": is £500.00, which is not over the '
            "£500.00 threshold") in result.output
    assert session.scalars(select(Spending)).all() == []


def test_the_threshold_is_a_setting(app, runner, tmp_path, session):
    app.config["SPENDING_THRESHOLD_PENCE"] = 25_000
    file = tmp_path / "spending.jsonl"
    file.write_text('{"type":"spending","reference":"A1","date":"2026-10-01","body":"OPCC",'
                    '"supplier":"Larkspur Training Ltd","purpose":"Course","category":"Training",'
                    '"amount":"300.00","value_for_money":"three quotes"}\n', encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(Spending.value_for_money)) == "Three quotes"


def test_a_single_source_needs_its_justification(runner, tmp_path):
    file = tmp_path / "spending.jsonl"
    file.write_text('{"type":"spending","reference":"A1","date":"2026-10-01","body":"Force",'
                    '"supplier":"Greyfen Systems Ltd","purpose":"Licences","category":"IT",'
                    '"amount":"9000.00","value_for_money":"single source"}\n', encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 1
    assert ('line 1, field "value_for_money_reason": is missing; a single source needs its '
            "justification written out") in result.output


FINANCE_EXPORT = (
    "Transaction Reference,Transaction Date,Body,Supplier Name,Description,Expense Type,"
    "Net Amount,VfM Route,Justification,Cost Centre\r\n"
    "FP-1001,03/11/2026,Force,Tanwood Fleet Solutions Ltd,Tyres,Vehicle maintenance,"
    "\"£1,250.00\",Framework,Regional framework,CC104\r\n"
    "OP-1002,04/11/2026,OPCC,Larkspur Restorative Practice CIC,Restorative justice service,"
    "Commissioned services,\"12,000.50\",Competitive tender,,CC001\r\n")


def test_a_finance_systems_csv_imports_with_its_own_headings(runner, tmp_path, client):
    file = tmp_path / "november.csv"
    file.write_text(FINANCE_EXPORT, encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 0, result.output
    assert "Columns not imported: cost centre." in result.output
    assert "2 new" in result.output
    rows = {row["reference"]: row for row in csv_rows(client)}
    assert rows["FP-1001"]["amount"] == "1250.00" and rows["FP-1001"]["date"] == "2026-11-03"
    assert rows["OP-1002"]["value_for_money"] == "Competitive tender"
    assert rows["OP-1002"]["purpose"] == "Restorative justice service"


def test_a_bad_csv_line_names_its_line_column_and_what_to_do_and_nothing_is_imported(
        runner, tmp_path, session):
    file = tmp_path / "november.csv"
    file.write_text(FINANCE_EXPORT + "FP-1003,31/11/2026,Force,Coldwater Ltd,Repairs,"
                    "Premises,£900.00,Three quotes,,CC2\r\n"
                    "FP-1004,05/11/2026,Force,Coldwater Ltd,Repairs,Premises,£499.99,"
                    "Three quotes,,CC2\r\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 1
    assert ('november.csv, line 4, column "Transaction Date": "31/11/2026" is not a real '
            "date; write it as YYYY-MM-DD or DD/MM/YYYY") in result.output
    assert ('november.csv, line 5, column "Net Amount": is £499.99, which is not over the '
            "£500.00 threshold: only spending over it is published line by line, so leave "
            "this line out of the file") in result.output
    assert session.scalars(select(Spending)).all() == []


def test_any_kind_imports_from_csv_through_its_import_fields(runner, tmp_path, client):
    file = tmp_path / "decisions.csv"
    file.write_text(
        "Reference,Title,Date,Decision Maker,Category,Amount,Exempt,Owner\n"
        "2026/120,Rural crime team,05/11/2026,Police and Crime Commissioner,Commissioning,"
        "\"£98,000.00\",no,CE\n"
        "2026/121,Custody refit,06/11/2026,Police and Crime Commissioner,Estates,,yes,CE\n",
        encoding="utf-8")
    result = runner.invoke(args=["import", str(file), "--type", "decision"])
    assert result.exit_code == 0, result.output
    assert "Columns not imported: owner." in result.output
    records = {r["reference"]: r for r in client.get("/decisions.json").get_json()["records"]}
    assert records["2026/120"]["amount"] == "98000.00"
    assert records["2026/121"]["part_exempt_from_publication"] is True
    assert records["2026/121"]["date"] == "2026-11-06"


def test_a_csv_whose_kind_cannot_be_told_asks_for_it(runner, tmp_path):
    file = tmp_path / "mystery.csv"
    file.write_text("Date,Amount\n05/11/2026,12.00\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 1
    assert "name the kind with --type" in result.output


# Staff publishing, one line at a time

LINE = {"reference": "FP-2026-9001", "date": ["14", "11", "2026"], "body": "Force",
        "supplier": "Kestrel Vehicle Conversions Ltd", "purpose": "Conversion of two vans",
        "category": "Vehicle maintenance", "amount": "18400.00",
        "value_for_money": "Competitive tender", "value_for_money_reason": ""}


@pytest.fixture
def spending_lists(session):
    add_value(session, SPENDING_CATEGORIES, "Vehicle maintenance")
    session.commit()


@pytest.mark.usefixtures("spending_lists")
def test_a_line_is_previewed_published_corrected_with_a_note_and_withdrawn(client, session,
                                                                            publisher):
    preview = submit(client, "/staff/content/spending/new", "preview", **LINE)
    assert "Conversion of two vans" in preview.get_data(as_text=True)
    assert session.scalars(select(Spending)).all() == []
    created = submit(client, "/staff/content/spending/new", "publish", **LINE)
    assert created.status_code == 302
    line = session.scalars(select(Spending)).one()
    address = f"/staff/content/spending/{line.id}"
    assert client.get("/spending/FP-2026-9001").status_code == 200

    refused = submit(client, address, "save", **{**LINE, "amount": "18040.00"})
    assert errors_at_their_boxes(refused) == {
        "change_note": "Say what changed: the note is shown on the public page"}
    submit(client, address, "save", **{**LINE, "amount": "18040.00"},
           change_note="Amount corrected from the invoice")
    public = client.get("/spending/FP-2026-9001").get_data(as_text=True)
    assert "£18,040.00" in public and "Amount corrected from the invoice" in public
    session.expire_all()
    (revision,) = session.scalars(select(Revision).where(Revision.record_type == "spending"))
    assert revision.previous["amount_pence"] == 1_840_000

    done = submit(client, f"{address}/withdraw", "", confirmed="yes",
                  reason="Duplicate of FP-2026-9000")
    assert "Spending line FP-2026-9001 withdrawn" in success_banner(client.get(
        done.headers["Location"]))
    gone = client.get("/spending/FP-2026-9001")
    assert gone.status_code == 410 and "Duplicate of FP-2026-9000" in gone.get_data(
        as_text=True)


@pytest.mark.usefixtures("spending_lists")
def test_the_staff_form_checks_the_threshold_and_a_single_sources_reason(client, publisher):
    response = submit(client, "/staff/content/spending/new", "save",
                      **{**LINE, "amount": "450.00",
                         "value_for_money": "Single source with justification"})
    assert response.status_code == 400
    errors = errors_at_their_boxes(response)
    assert errors["amount"].startswith("Amount in pounds is £450.00, which is not over")


def test_a_new_line_changes_the_spending_downloads_etag(client, add_records):
    add_records(factories.spending("FP-1"))
    first = client.get("/spending.csv").headers["ETag"]
    assert client.get("/spending.csv").headers["ETag"] == first
    add_records(factories.spending("FP-2"))
    assert client.get("/spending.csv").headers["ETag"] != first


def test_lines_found_by_their_words_are_found_afresh_after_a_commit(session, add_records):
    from content.filters import Paging, SpendingFilters
    from content.spending import list_spending

    add_records(factories.spending("FP-1", purpose="Boiler repair"))
    words = SpendingFilters(words="boiler")
    assert list_spending(session, words, Paging()).total == 1
    add_records(factories.spending("FP-2", purpose="Boiler service"))
    assert list_spending(session, words, Paging()).total == 2
