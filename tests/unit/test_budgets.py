"""A year's budget set beside the year before, without a database."""

from decimal import Decimal

from content.budgets import compare_with
from content.models import Budget


def a_budget(start_year: int, band_d_pence: int, total_pence: int) -> Budget:
    return Budget(start_year=start_year, slug=f"{start_year}-{(start_year + 1) % 100:02d}",
                  band_d_pence=band_d_pence, total_pence=total_pence, precept_pence=0)


def test_the_change_in_band_d_is_in_pounds_and_a_percentage_to_one_place():
    compared = compare_with(a_budget(2026, 29883, 290_000_000_00),
                            a_budget(2025, 28683, 280_000_000_00))
    assert compared is not None
    assert compared.band_d_change_pence == 1200
    assert compared.band_d_change_percent == Decimal("4.2")  # 12.00 / 286.83 = 4.18%
    assert compared.total_change_pence == 10_000_000_00
    assert compared.total_change_percent == Decimal("3.6")  # 10m / 280m = 3.57%


def test_a_fall_is_a_negative_change():
    compared = compare_with(a_budget(2026, 25000, 100), a_budget(2025, 26000, 100))
    assert compared is not None
    assert compared.band_d_change_pence == -1000
    assert compared.band_d_change_percent == Decimal("-3.8")
    assert compared.total_change_percent == Decimal("0.0")


def test_the_first_year_published_has_nothing_to_compare_with():
    assert compare_with(a_budget(2024, 25000, 100), None) is None
