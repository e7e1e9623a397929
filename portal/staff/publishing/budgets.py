"""Publishing budgets and precepts: what is their own in the publishing flow (`records`) —
a year's figures with its rows of income and spending, which must add up."""

from typing import Any

from flask import request
from sqlalchemy.orm import Session
from wtforms import Field

from content.budgets import check_budget
from content.models import Budget
from content.money import format_amount, format_pounds
from content.publishing import RecordDraft, save_record
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import (
    BUDGET_ROW_PARTS,
    PublishingForm,
    budget_form,
    budget_row_fields,
    typed_value,
)
from portal.staff.publishing.records import Column, Editor, add_pages
from portal.templating import long_date

BUDGET_FORM_FIELDS = ("financial_year", "total_budget", "band_d_precept", "total_precept",
                      "approved_on", "decision_reference", "summary")
BLANK_ROWS = 3
MOST_ROWS = 60


def _saved(budget: Budget | None) -> dict[str, Any]:
    if budget is None:
        return {}
    saved: dict[str, Any] = {
        "financial_year": budget.financial_year.label,
        "total_budget": format_amount(budget.total_pence),
        "band_d_precept": format_amount(budget.band_d_pence),
        "total_precept": format_amount(budget.precept_pence),
        "approved_on": budget.approved_on.isoformat(),
        "decision_reference": budget.decision_reference, "summary": budget.summary_markdown}
    for section, lines in (("income", budget.income), ("spending", budget.spending)):
        name = BUDGET_ROW_PARTS[section][0]
        for number, line in enumerate(lines, start=1):
            saved |= {f"{section}_{name}_{number}": line.heading,
                      f"{section}_amount_{number}": format_amount(line.amount_pence)}
    return saved


def _rows_sent(section: str) -> int:
    """How many rows of a section the form sent (empty ones too: they are shown again)."""
    name = BUDGET_ROW_PARTS[section][0]
    rows = 0
    while rows < MOST_ROWS and f"{section}_{name}_{rows + 1}" in request.form:
        rows += 1
    return rows


def _form(budget: Budget | None) -> PublishingForm:
    if request.method == "POST":
        return budget_form({section: _rows_sent(section) for section in BUDGET_ROW_PARTS})
    rows = {"income": len(budget.income) if budget else 0,
            "spending": len(budget.spending) if budget else 0}
    return budget_form({section: count + BLANK_ROWS for section, count in rows.items()},
                       formdata=None, data=_saved(budget))


def _typed_rows(form: PublishingForm) -> dict[str, list[dict[str, str]]]:
    return {section: [{BUDGET_ROW_PARTS[section][0]: typed_value(name_box),
                       "amount": typed_value(amount_box)}
                      for name_box, amount_box in budget_row_fields(form, section)]
            for section in BUDGET_ROW_PARTS}


def _check(session: Session, form: PublishingForm,
           budget: Budget | None) -> tuple[RecordDraft | None, dict[str, str]]:
    typed = form.typed(BUDGET_FORM_FIELDS)
    typed["approved_on"] = typed_date(typed["approved_on"])
    return check_budget(typed, _typed_rows(form), session, budget,
                        form.change_note.data or "")


def _rows(form: PublishingForm) -> list[list[Field]]:
    return [*budget_row_fields(form, "income"), *budget_row_fields(form, "spending")]


add_pages(Editor(
    BY_NAME["budget"],
    form=_form,
    check=_check,
    save=save_record,
    shown=lambda draft: draft.shown(),
    name=lambda budget: f"budget and precept for {budget.financial_year.label}",
    heading=lambda budget: budget.title,
    columns=(Column.of("Financial year", "slug"),
             Column("Band D precept", lambda budget: format_pounds(budget.band_d_pence)),
             Column("Approved", lambda budget: long_date(budget.approved_on))),
    description=("Add, preview, publish, schedule, correct or withdraw each year's budget and "
                 "precept, with its income, spending and investment strategy."),
    first_box="financial_year",
    rows=_rows,
    full_width=True,
))
