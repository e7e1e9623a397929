"""Publishing the kinds held in one table each (grants, contracts, invitations to tender):
their form filled with what was typed or is saved, its dates read the UK way, and the
checks and saving of `content.publishing.check_record` and `save_record`."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from content.managed_lists import names
from content.money import format_amount
from content.publishing import RecordDraft, check_record, save_record
from portal.db import get_session
from portal.kinds import KindPages
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import PublishingForm, offer_list_choices
from portal.staff.publishing.records import Column, Editor, typed_or_saved


def saved_values(record: Any | None, names_: tuple[str, ...]) -> dict[str, Any]:
    """What a saved record says, as its form's boxes show it: markdown as written, money
    in pounds, dates as ISO dates and nothing as an empty box."""
    if record is None:
        return {}
    values = {}
    for name in names_:
        if hasattr(record, f"{name}_markdown"):
            value: Any = getattr(record, f"{name}_markdown")
        elif hasattr(record, f"{name}_pence"):
            value = format_amount(getattr(record, f"{name}_pence"))
        else:
            value = getattr(record, name)
        values[name] = value.isoformat() if isinstance(value, date) else (value or "")
    return values


def single_table_editor(pages: KindPages, form_class: Callable[..., PublishingForm],
                        boxes: tuple[str, ...], dates: tuple[str, ...],
                        name: Callable[[Any], str], heading: Callable[[Any], str],
                        columns: tuple[Column, ...], description: str) -> Editor:
    """The Editor of a kind whose form's `boxes` are its import fields, `dates` among them."""
    kind = pages.kind

    def form(record: Any | None) -> PublishingForm:
        made = typed_or_saved(lambda target: saved_values(target, boxes), form_class, record)
        offer_list_choices(made, lambda managed: names(get_session(), managed),
                           saved_values(record, boxes))
        return made

    def check(session: Session, made: PublishingForm,
              record: Any | None) -> tuple[RecordDraft | None, dict[str, str]]:
        typed = made.typed(boxes)
        for day in dates:
            typed[day] = typed_date(typed[day])
        draft, problems = check_record(kind, typed, session, record,
                                       made.change_note.data or "")
        problems |= made.stray_choices()
        return (None, problems) if problems else (draft, {})

    return Editor(
        pages, form=form, check=check,
        save=save_record,
        shown=lambda draft: draft.shown(),
        name=name, heading=heading, columns=columns, description=description,
        first_box=boxes[0])
