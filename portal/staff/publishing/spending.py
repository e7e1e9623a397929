"""Publishing spending lines one at a time: what is their own in the publishing flow
(`records`) — the line's form and its checks, the threshold setting among them. Most
lines arrive in bulk, by `portal import` of the finance system's monthly CSV."""

from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from content.managed_lists import names
from content.models import Spending
from content.money import format_amount, format_pounds
from content.publishing import DecisionDraft, check_spending, save_spending
from portal.config import import_rules
from portal.db import get_session
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import PublishingForm, SpendingForm, offer_list_choices
from portal.staff.publishing.records import (
    DATE_COLUMN,
    Column,
    Editor,
    add_pages,
    typed_or_saved,
)

SPENDING_FORM_FIELDS = ("reference", "date", "body", "supplier", "purpose", "category",
                        "amount", "value_for_money", "value_for_money_reason")


def _saved(line: Spending | None) -> dict[str, Any]:
    if line is None:
        return {}
    return {"reference": line.reference, "date": line.date.isoformat(), "body": line.body,
            "supplier": line.supplier, "purpose": line.purpose, "category": line.category,
            "amount": format_amount(line.amount_pence),
            "value_for_money": line.value_for_money,
            "value_for_money_reason": line.value_for_money_reason}


def _form(line: Spending | None) -> PublishingForm:
    """What was typed or is saved, the category chosen from its list."""
    form = typed_or_saved(_saved, SpendingForm, line)
    offer_list_choices(form, lambda managed: names(get_session(), managed), _saved(line))
    return form


def _check(session: Session, form: PublishingForm,
           line: Spending | None) -> tuple[DecisionDraft, dict[str, str]]:
    typed = form.typed(SPENDING_FORM_FIELDS)
    typed["date"] = typed_date(typed["date"])
    draft = check_spending(typed, session, line, form.change_note.data or "",
                           import_rules(current_app.config))
    return draft, draft.problems | form.stray_choices()


add_pages(Editor(
    BY_NAME["spending"],
    form=_form,
    check=_check,
    save=save_spending,
    shown=lambda draft: Spending(**draft.columns),
    name=lambda line: f"spending line {line.reference}",
    heading=lambda line: f"{line.reference}: {line.purpose}",
    columns=(Column.of("Transaction reference", "reference"), Column.of("Supplier", "supplier"),
             Column("Amount", lambda line: format_pounds(line.amount_pence)), DATE_COLUMN),
    description=("Add, preview, publish, schedule, correct or withdraw one spending line at a "
                 "time; a month's lines are imported from the finance system's CSV with "
                 "`portal import`. Changes to a published line are shown on its page with "
                 "your note."),
    first_box="reference",
))
