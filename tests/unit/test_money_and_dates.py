from datetime import date
from decimal import Decimal

import pytest

from content.dates import FinancialYear, InvalidDate, parse_date, quarter_of
from content.money import InvalidAmount, format_amount, format_pounds, parse_pence


@pytest.mark.parametrize(("written", "pence"), [
    ("84.20", 8420), ("84.2", 8420), ("£1,234.56", 123456), (" £12 ", 1200), ("0.01", 1),
    ("-15.00", -1500), ("-£15.00", -1500), (12, 1200), (Decimal("3.10"), 310),
    ("2,500,000.00", 250000000),
])
def test_amounts_are_read_exactly_as_pence(written, pence):
    assert parse_pence(written) == pence


@pytest.mark.parametrize("written", ["", "abc", "1.234", "12.3.4", "£", "1e5", True, None, 84.2])
def test_amounts_that_are_not_exact_money_are_refused(written):
    with pytest.raises(InvalidAmount):
        parse_pence(written)


@pytest.mark.parametrize("written", ["84.205", Decimal("84.205"), "£1,234.567"])
def test_more_than_two_decimal_places_are_refused_saying_so(written):
    with pytest.raises(InvalidAmount, match="has more than two decimal places"):
        parse_pence(written)


def test_pence_add_up_without_floating_point_drift():
    assert sum(parse_pence("0.10") for _ in range(10)) == parse_pence("1.00")


def test_amounts_are_shown_for_people_and_for_data():
    assert format_pounds(123456) == "£1,234.56"
    assert format_pounds(-505) == "-£5.05"
    assert format_amount(8420) == "84.20"
    assert format_amount(5) == "0.05"
    assert format_amount(None) == ""


@pytest.mark.parametrize(("written", "expected"), [
    ("2025-03-05", date(2025, 3, 5)), ("05/03/2025", date(2025, 3, 5)), ("5/3/2025", date(2025, 3, 5)),
])
def test_dates_are_read_in_iso_and_uk_forms(written, expected):
    assert parse_date(written, allow_uk=True) == expected


@pytest.mark.parametrize("written", ["2025-02-30", "05/03/25", "March 5", "2025-3-5", "", 20250305])
def test_dates_that_are_not_real_are_refused(written):
    with pytest.raises(InvalidDate):
        parse_date(written, allow_uk=True)


def test_uk_dates_are_only_accepted_where_asked_for():
    with pytest.raises(InvalidDate):
        parse_date("05/03/2025")


def test_the_financial_year_starts_on_the_first_of_april():
    assert FinancialYear.of(date(2025, 3, 31)).label == "2024-25"
    assert FinancialYear.of(date(2025, 4, 1)).label == "2025-26"
    assert FinancialYear.parse("2024/25") == FinancialYear.parse("2024-25") == FinancialYear(2024)
    with pytest.raises(ValueError, match="financial year"):
        FinancialYear.parse("2024-26")


def test_quarters_count_from_april():
    assert [quarter_of(date(2025, month, 1)) for month in (4, 7, 10, 1)] == [1, 2, 3, 4]
    assert FinancialYear(2024).quarter_bounds(4) == (date(2025, 1, 1), date(2025, 3, 31))
    assert FinancialYear(2024).quarter_bounds(1) == (date(2024, 4, 1), date(2024, 6, 30))
