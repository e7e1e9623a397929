"""Publishing scrutiny outcomes: what is their own in the publishing flow (`records`) —
their actions (owner, due date, status), edited as rows of boxes."""

from typing import Any

from flask import request
from sqlalchemy.orm import Session
from wtforms import Field

from content.models import ScrutinyOutcome
from content.publishing import check_scrutiny, save_scrutiny
from content.store import set_actions
from portal.kinds import BY_NAME
from portal.staff.publishing.common import meeting_choices, typed_date
from portal.staff.publishing.forms import (
    PublishingForm,
    ScrutinyForm,
    action_rows,
    offer_meetings,
    row_fields,
    scrutiny_form,
)
from portal.staff.publishing.records import DATE_COLUMN, Column, Editor, add_pages

SCRUTINY_FORM_FIELDS = ("kind", "title", "date", "summary", "body", "meeting", "meeting_item")
BLANK_ACTION_ROWS = 3
MOST_ACTION_ROWS = 60

# A checked outcome: its columns and its actions.
Draft = tuple[dict[str, Any], list[dict[str, Any]]]


def _saved(outcome: ScrutinyOutcome | None) -> dict[str, Any]:
    if outcome is None:
        return {}
    saved: dict[str, Any] = {
        "kind": outcome.kind, "title": outcome.title, "date": outcome.date.isoformat(),
        "summary": outcome.summary_markdown, "body": outcome.body_markdown,
        "meeting": outcome.meeting or "", "meeting_item": str(outcome.meeting_item or "")}
    for number, action in enumerate(outcome.actions, start=1):
        saved |= {f"action_{number}": action.action, f"owner_{number}": action.owner,
                  f"due_{number}": action.due.isoformat() if action.due else "",
                  f"status_{number}": action.status}
    return saved


def _rows_sent() -> int:
    """How many action rows the form sent (empty ones too: they are shown again)."""
    rows = 0
    while rows < MOST_ACTION_ROWS and f"action_{rows + 1}" in request.form:
        rows += 1
    return rows


def _form(outcome: ScrutinyOutcome | None) -> PublishingForm:
    """The form with what was typed, or (before anything is) what is saved, with a few
    empty rows for new actions."""
    if request.method == "POST":
        form = scrutiny_form(_rows_sent())
    else:
        rows = (len(outcome.actions) if outcome else 0) + BLANK_ACTION_ROWS
        form = scrutiny_form(rows, formdata=None, data=_saved(outcome))
    offer_meetings(form, meeting_choices())
    return form


def _rows_in(form: PublishingForm) -> int:
    rows = 0
    while f"action_{rows + 1}" in form:
        rows += 1
    return rows


def _check(session: Session, form: PublishingForm,
           outcome: ScrutinyOutcome | None) -> tuple[Draft, dict[str, str]]:
    assert isinstance(form, ScrutinyForm)
    typed = form.typed(SCRUTINY_FORM_FIELDS)
    typed["date"] = typed_date(typed["date"])
    actions = action_rows(form, _rows_in(form))
    for row in actions:
        row["due"] = typed_date(row["due"])
    columns, checked, problems = check_scrutiny(
        typed, actions, outcome.slug if outcome else None, session, outcome,
        form.change_note.data or "")
    return (columns, checked), problems


def _save(session: Session, outcome: ScrutinyOutcome | None, draft: Draft,
          note: str) -> ScrutinyOutcome:
    columns, actions = draft
    return save_scrutiny(session, outcome, columns, actions, note)


def _shown(draft: Draft) -> ScrutinyOutcome:
    columns, actions = draft
    shown = ScrutinyOutcome(**columns)
    set_actions(shown, actions)
    return shown


def _rows(form: PublishingForm) -> list[list[Field]]:
    assert isinstance(form, ScrutinyForm)
    return [row_fields(form, number) for number in range(1, _rows_in(form) + 1)]


add_pages(Editor(
    BY_NAME["scrutiny"],
    form=_form,
    check=_check,
    save=_save,
    shown=_shown,
    name=lambda outcome: f"scrutiny outcome “{outcome.title}”",
    heading=lambda outcome: outcome.title,
    columns=(Column.of("Title", "title"), Column.of("Type", "kind"), DATE_COLUMN),
    description=("Add, publish, schedule, correct or withdraw scrutiny outcomes and their "
                 "actions."),
    first_box="kind",
    rows=_rows,
    full_width=True,
))
