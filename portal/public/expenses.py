"""Expenses of the PCC and Deputy PCC, line by line, with the total of what is shown."""

from datetime import date
from typing import Any

from flask import render_template, url_for

from content import queries
from content.dates import FinancialYear
from content.expense_uploads import line_updates
from content.exports import EXPENSE_COLUMNS, expense_fields
from content.filters import ExpenseFilters, Paging
from content.models import Expense
from content.money import format_pounds
from portal.db import get_session
from portal.opendata import atom_response, csv_response
from portal.public import bp
from portal.public.listing import (
    ATOM_ENTRIES,
    data_filters,
    is_filtered,
    json_listing,
    read_filters,
    withdrawn_page,
)

PER_PAGE = 50


def expense_data(expense: Expense) -> dict[str, Any]:
    url = url_for("public.expense", reference=expense.reference, _external=True)
    return expense_fields(expense) | {"url": url}


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


@bp.get("/expenses.csv")
def expenses_csv() -> Any:
    filters = data_filters(ExpenseFilters)
    rows = (expense_data(e) for e in queries.each_expense(get_session(), filters))
    return csv_response("expenses.csv", rows, [*EXPENSE_COLUMNS, "url"])


@bp.get("/expenses.json")
def expenses_json() -> Any:
    filters = data_filters(ExpenseFilters)
    session = get_session()
    return json_listing(
        "public.expenses_json", filters,
        rows=lambda: (expense_data(e) for e in queries.each_expense(session, filters)),
        page=lambda paging: queries.list_expenses(session, filters, paging),
        serialise=expense_data,
    )


@bp.get("/expenses.atom")
def expenses_atom() -> Any:
    filters = data_filters(ExpenseFilters)
    page = queries.list_expenses(get_session(), filters, Paging(1, ATOM_ENTRIES))
    entries = [{
        "title": f"{e.claimant}: {e.description} ({format_pounds(e.amount_pence)})",
        "url": url_for("public.expense", reference=e.reference, _external=True),
        "published": e.published_at, "updated": e.updated_at,
        "summary": f"{e.date.isoformat()}, {e.category}, {format_pounds(e.amount_pence)}",
        "content_html": None,
    } for e in page.items]
    return atom_response("Expenses", "public.expenses", entries)


@bp.get("/expenses/<reference>")
def expense(reference: str) -> Any:
    session = get_session()
    record = queries.get_expense(session, reference)
    if record is None:
        return withdrawn_page("expense", reference, "expenses/withdrawn.html", "expense")
    return render_template("expenses/detail.html", expense=record,
                           updates=line_updates(session, record))
