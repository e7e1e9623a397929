"""Publishing the register of interests: what is its own in the publishing flow
(`records`) — the form of one declared interest, and when it ended."""

from typing import Any

from sqlalchemy.orm import Session

from content.kinds import INTEREST
from content.models import Interest
from content.publishing import RecordDraft, check_record, save_record
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import InterestForm, PublishingForm
from portal.staff.publishing.records import Column, Editor, add_pages, typed_or_saved
from portal.templating import long_date

INTEREST_FORM_FIELDS = ("holder_name", "office", "category", "description", "declared_on",
                        "ended_on")


def _saved(interest: Interest | None) -> dict[str, Any]:
    if interest is None:
        return {}
    return {"holder_name": interest.holder_name, "office": interest.office,
            "category": interest.category, "description": interest.description,
            "declared_on": interest.declared_on.isoformat(),
            "ended_on": interest.ended_on.isoformat() if interest.ended_on else ""}


def _check(session: Session, form: PublishingForm,
           interest: Interest | None) -> tuple[RecordDraft | None, dict[str, str]]:
    typed = form.typed(INTEREST_FORM_FIELDS)
    for name in ("declared_on", "ended_on"):
        typed[name] = typed_date(typed[name])
    # An interest keeps its reference when corrected; a new one is given one.
    typed["reference"] = interest.reference if interest else ""
    return check_record(INTEREST, typed, session, interest, form.change_note.data or "",
                        duplicate=("description", "This interest is already on the register"))


add_pages(Editor(
    BY_NAME["interest"],
    form=lambda interest: typed_or_saved(_saved, InterestForm, interest),
    check=_check,
    save=save_record,
    shown=lambda draft: draft.shown(),
    name=lambda interest: f"declared interest “{interest.description}”",
    heading=lambda interest: interest.description,
    columns=(Column.of("Interest", "description"), Column.of("Declared by", "holder"),
             Column("Declared", lambda interest: long_date(interest.declared_on)),
             Column("Ended", lambda interest: long_date(interest.ended_on)
                    if interest.ended_on else "Continues")),
    description=("Add, preview, publish, schedule, correct or withdraw the interests the "
                 "Commissioner and the Deputy declare, and record when one ends."),
    first_box="holder_name",
))
