"""What is the spending collection's own on the public site: its totals as a download,
`/spending/totals.csv` with the listing's filters, every supplier named."""

from typing import Any

from flask import Response

from content.filters import SpendingFilters
from content.money import format_amount
from content.spending import SpendingTotals, spending_totals
from portal.db import get_session
from portal.opendata import csv_response
from portal.public import bp
from portal.public.listing import data_filters

TOTALS_COLUMNS = ["totals_by", "value", "lines", "amount"]


def _rows(totals: SpendingTotals) -> list[dict[str, Any]]:
    groups = (("supplier", totals.by_supplier), ("category", totals.by_category),
              ("month", totals.by_month))
    return [{"totals_by": name, "value": total.value, "lines": total.lines,
             "amount": format_amount(total.pence)} for name, rows in groups for total in rows]


@bp.get("/spending/totals.csv")
def spending_totals_csv() -> Response:
    """The totals of the spending the filters match, by supplier, category and month: each
    group adds up, to the penny, to the amounts in /spending.csv with the same filters."""
    filters = data_filters(SpendingFilters)
    totals = spending_totals(get_session(), filters, suppliers_named=None)
    return csv_response("spending-totals.csv", _rows(totals), TOTALS_COLUMNS)
