"""Expenses of the PCC and Deputy PCC, line by line, with the total of what is shown."""

from datetime import date
from typing import Any

from flask import render_template

from content import queries
from content.dates import FinancialYear
from content.expense_uploads import line_updates
from content.filters import ExpenseFilters
from portal.db import get_session
from portal.public import bp
from portal.public.listing import (
    is_filtered,
    read_filters,
    withdrawn_page,
)

PER_PAGE = 50


def _financial_years(span: tuple[date, date] | None) -> list[FinancialYear]:
    if span is None:
        return []
    first, last = FinancialYear.of(span[0]), FinancialYear.of(span[1])
    return [FinancialYear(year) for year in range(last.start_year, first.start_year - 1, -1)]


@bp.get("/expenses")
def expenses() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(ExpenseFilters, PER_PAGE)
    return render_template(
        "expenses/list.html", filters=filters, problems=problems,
        page=queries.list_expenses(session, filters, paging),
        total=queries.expense_total_pence(session, filters),
        filtered=is_filtered(filters),
        claimants=queries.expense_claimants(session),
        categories=queries.expense_categories(session),
        financial_years=_financial_years(queries.expense_date_range(session)),
    ), (400 if problems else 200)


@bp.get("/expenses/<reference>")
def expense(reference: str) -> Any:
    session = get_session()
    record = queries.get_expense(session, reference)
    if record is None:
        return withdrawn_page("expense", reference, "expenses/withdrawn.html", "expense")
    return render_template("expenses/detail.html", expense=record,
                           updates=line_updates(session, record))
