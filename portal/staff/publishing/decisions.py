"""Publishing decisions: what is their own in the publishing flow (`records`) — the
decision form and its checks, including that no other decision has the reference."""

from typing import Any

from sqlalchemy.orm import Session

from content.managed_lists import names
from content.models import Decision
from content.money import format_amount
from content.publishing import DecisionDraft, check_decision, save_decision
from portal.db import get_session
from portal.kinds import BY_NAME
from portal.staff.publishing.common import meeting_choices, typed_date
from portal.staff.publishing.forms import (
    DecisionForm,
    PublishingForm,
    offer_list_choices,
    offer_meetings,
)
from portal.staff.publishing.records import (
    DATE_COLUMN,
    Column,
    Editor,
    add_pages,
    typed_or_saved,
)

DECISION_FORM_FIELDS = ("reference", "title", "date", "decision_maker", "category", "summary",
                        "body", "reasons", "options_considered", "declarations_of_interest",
                        "financial_implications", "finance_officer_advice",
                        "monitoring_officer_advice", "amount", "exemption_ground", "withheld",
                        "meeting", "meeting_item")
# The boxes holding markdown, each saved beside the HTML it renders to.
MARKDOWN_BOXES = ("summary", "body", "reasons", "options_considered",
                  "declarations_of_interest", "financial_implications",
                  "finance_officer_advice", "monitoring_officer_advice", "withheld")


def _saved(decision: Decision | None) -> dict[str, Any]:
    if decision is None:
        return {}
    return {"reference": decision.reference, "title": decision.title,
            "date": decision.date.isoformat(), "decision_maker": decision.decision_maker,
            "category": decision.category,
            **{name: getattr(decision, f"{name}_markdown") for name in MARKDOWN_BOXES},
            "amount": format_amount(decision.amount_pence) or "", "exempt": decision.exempt,
            "exemption_ground": decision.exemption_ground or "",
            "meeting": decision.meeting or "", "meeting_item": str(decision.meeting_item or "")}


def _form(decision: Decision | None) -> PublishingForm:
    """What was typed or is saved, the category and decision maker chosen from their lists."""
    form = typed_or_saved(_saved, DecisionForm, decision)
    offer_list_choices(form, lambda managed: names(get_session(), managed), _saved(decision))
    offer_meetings(form, meeting_choices())
    return form


def _check(session: Session, form: PublishingForm,
           decision: Decision | None) -> tuple[DecisionDraft, dict[str, str]]:
    typed = form.typed(DECISION_FORM_FIELDS)
    typed["exempt"] = bool(form.exempt.data)
    typed["date"] = typed_date(typed["date"])
    draft = check_decision(typed, session, decision, form.change_note.data or "")
    return draft, draft.problems | form.stray_choices()


add_pages(Editor(
    BY_NAME["decision"],
    form=_form,
    check=_check,
    save=save_decision,
    shown=lambda draft: Decision(**draft.columns),
    name=lambda decision: f"decision {decision.reference}",
    heading=lambda decision: f"{decision.reference}: {decision.title}",
    columns=(Column.of("Reference", "reference"), Column.of("Title", "title"), DATE_COLUMN),
    description=("Add, preview, publish, schedule, correct or withdraw decisions. Changes to "
                 "a published decision are shown on its page with your note."),
    first_box="reference",
))
