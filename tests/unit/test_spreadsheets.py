"""Reading any kind's records from CSV as finance systems and spreadsheets export it."""

import pytest

from content.demo_spending import months, spending_lines
from content.importer import ImportRejected
from content.kinds import DECISION, EXPENSE, SPENDING
from content.spreadsheets import column_key, kind_of_header, parse_csv, read_header


def test_headings_are_matched_whatever_their_case_spacing_or_punctuation():
    assert column_key("  Net Amount (£) ") == "net amount"
    assert column_key("transaction_reference") == "transaction reference"
    header = read_header(SPENDING, ["TRANSACTION REFERENCE", "Payment Date", "Supplier Name",
                                    "Net Amount", "Body", "Purpose", "Expense Type", "VfM",
                                    "VAT"])
    assert header.fields == ["reference", "date", "supplier", "amount", "body", "purpose",
                             "category", "value_for_money", None]
    assert header.extra == ["vat"]


def test_the_kind_is_told_from_the_header_row_only_when_one_kind_fits():
    assert kind_of_header(["Date", "Claimant", "Category", "Description", "Amount"]) is EXPENSE
    assert kind_of_header(["Transaction Reference", "Date", "Body", "Supplier", "Description",
                           "Category", "Amount", "Value for money"]) is SPENDING
    assert kind_of_header(["Date", "Amount"]) is None


def test_a_missing_column_is_named_with_the_columns_the_kind_needs():
    with pytest.raises(ImportRejected) as rejected:
        parse_csv("Reference,Title,Date,Category\n2026/1,T,01/11/2026,Grants\n", DECISION)
    assert str(rejected.value.problems[0]) == (
        'line 1, field "decision_maker": column is missing from the header row; a decision '
        "file needs reference, title, date, decision maker, category")


def test_every_bad_row_is_named_and_a_repeated_reference_too():
    text = ("Reference,Date,Body,Supplier,Purpose,Category,Amount,Value for money\n"
            "A1,01/11/2026,Force,S Ltd,Tyres,Fleet,£600.00,Framework\n"
            "A2,01/11/2026,Army,S Ltd,Tyres,Fleet,£600.00,Framework\n"
            "A1,02/11/2026,Force,S Ltd,Tyres,Fleet,£700.00,Framework\n"
            "A3,02/11/2026,Force,S Ltd,Tyres,Fleet,£700.00\n")
    with pytest.raises(ImportRejected) as rejected:
        parse_csv(text, SPENDING)
    assert [str(problem) for problem in rejected.value.problems] == [
        'line 3, column "Body": must be OPCC or Force (who spent the money)',
        "line 4: repeats the record on line 2 (same reference or slug)",
        "line 5: has 7 cells but the header row has 8; check for a comma that is not inside "
        "quotes"]


def test_the_demo_spending_covers_more_than_24_months_at_the_volume_asked_for():
    assert len(list(months())) >= 24
    lines = spending_lines(per_month=40)
    assert spending_lines(per_month=40) == lines  # the same seed, the same lines
    assert 0.85 * 40 * len(list(months())) <= len(lines) <= 1.15 * 40 * len(list(months()))
    assert len({line["reference"] for line in lines}) == len(lines)
    assert {line["body"] for line in lines} == {"OPCC", "Force"}
    assert min(line["date"] for line in lines) < "2024-05-01" < "2026-10-01" < max(
        line["date"] for line in lines)
