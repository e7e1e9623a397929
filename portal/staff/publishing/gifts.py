"""Publishing the register of gifts and hospitality: what is its own in the publishing flow
(`records`) — the form of one offer, checked so that a member of staff is never named."""

from typing import Any

from sqlalchemy.orm import Session

from content.kinds import GIFT, STAFF_ARE_NOT_NAMED
from content.models import STAFF_MEMBER, GiftOffer
from content.money import format_amount
from content.publishing import RecordDraft, check_record, save_record
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import GiftForm, PublishingForm
from portal.staff.publishing.records import (
    DATE_COLUMN,
    Column,
    Editor,
    add_pages,
    typed_or_saved,
)

GIFT_FORM_FIELDS = ("reference", "date", "recipient_type", "recipient_name", "recipient_role",
                    "offered_by", "description", "kind", "value", "outcome", "reason")


def _saved(offer: GiftOffer | None) -> dict[str, Any]:
    if offer is None:
        return {}
    return {"reference": offer.reference, "date": offer.date.isoformat(),
            "recipient_type": offer.recipient_type, "recipient_name": offer.recipient_name,
            "recipient_role": "" if offer.recipient_name else offer.recipient_role,
            "offered_by": offer.offered_by, "description": offer.description,
            "kind": offer.kind, "value": format_amount(offer.value_pence),
            "outcome": offer.outcome, "reason": offer.reason}


def _check(session: Session, form: PublishingForm,
           offer: GiftOffer | None) -> tuple[RecordDraft | None, dict[str, str]]:
    typed = form.typed(GIFT_FORM_FIELDS)
    typed["date"] = typed_date(typed["date"])
    draft, problems = check_record(GIFT, typed, session, offer, form.change_note.data or "",
                                   duplicate=("reference", "There is already an offer with "
                                                           "this register reference"))
    # Told at once, with the other problems, not only once they are put right.
    if (problems and typed["recipient_type"] == STAFF_MEMBER and typed["recipient_name"]
            and "recipient_name" not in problems):
        problems["recipient_name"] = STAFF_ARE_NOT_NAMED
    return draft, problems


add_pages(Editor(
    BY_NAME["gift"],
    form=lambda offer: typed_or_saved(_saved, GiftForm, offer),
    check=_check,
    save=save_record,
    shown=lambda draft: draft.shown(),
    name=lambda offer: f"register entry {offer.reference}",
    heading=lambda offer: f"{offer.reference}: {offer.description}",
    columns=(Column.of("Reference", "reference"), Column.of("What was offered", "description"),
             Column.of("Offered to", "recipient"), DATE_COLUMN),
    description=("Add, preview, publish, schedule, correct or withdraw entries in the register "
                 "of gifts and hospitality. Members of staff are named by their role only."),
    first_box="reference",
))
