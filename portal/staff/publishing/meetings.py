"""Publishing meetings: what is their own in the publishing flow (`records`) — the agenda,
edited as rows of boxes, and the minutes, added as a draft and then approved by
correcting the published meeting with a note saying so."""

import re
from typing import Any

from flask import request
from sqlalchemy.orm import Session
from wtforms import Field

from content.dates import uk_today
from content.managed_lists import names
from content.models import Meeting
from content.publishing import check_meeting, save_meeting
from content.store import set_agenda
from portal.db import get_session
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import (
    MeetingForm,
    PublishingForm,
    agenda_row_fields,
    agenda_rows,
    meeting_form,
    offer_list_choices,
)
from portal.staff.publishing.records import DATE_COLUMN, Column, Editor, add_pages

MEETING_FORM_FIELDS = ("body", "title", "date", "start_time", "place", "online_link",
                       "summary", "minutes_status", "minutes_approved_on", "minutes")
BLANK_AGENDA_ROWS = 3
MOST_AGENDA_ROWS = 60
AGENDA_PROBLEM = re.compile(r"item (\d+) (\w+)")

# A checked meeting: its columns and its agenda.
Draft = tuple[dict[str, Any], list[dict[str, Any]]]


def _saved(meeting: Meeting | None) -> dict[str, Any]:
    if meeting is None:
        return {"public": True, "minutes_status": "none"}
    saved: dict[str, Any] = {
        "body": meeting.body, "title": meeting.title, "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M"), "place": meeting.place,
        "online_link": meeting.online_link, "public": meeting.public,
        "summary": meeting.summary_markdown, "minutes_status": meeting.minutes_status,
        "minutes_approved_on": meeting.minutes_approved_on.isoformat()
        if meeting.minutes_approved_on else "",
        "minutes": meeting.minutes_markdown}
    for item in meeting.agenda:
        saved |= {f"item_title_{item.position}": item.title,
                  f"item_presenter_{item.position}": item.presenter,
                  f"item_report_{item.position}": item.report}
    return saved


def _rows_sent() -> int:
    """How many agenda rows the form sent (empty ones too: they are shown again)."""
    rows = 0
    while rows < MOST_AGENDA_ROWS and f"item_title_{rows + 1}" in request.form:
        rows += 1
    return rows


def _form(meeting: Meeting | None) -> PublishingForm:
    """What was typed, or (before anything is) what is saved, with a few empty agenda rows
    and the body chosen from its list."""
    if request.method == "POST":
        form = meeting_form(_rows_sent())
    else:
        rows = (len(meeting.agenda) if meeting else 0) + BLANK_AGENDA_ROWS
        form = meeting_form(rows, formdata=None, data=_saved(meeting))
    offer_list_choices(form, lambda managed: names(get_session(), managed), _saved(meeting))
    return form


def _rows_in(form: PublishingForm) -> int:
    rows = 0
    while f"item_title_{rows + 1}" in form:
        rows += 1
    return rows


def _boxes(problems: dict[str, str]) -> dict[str, str]:
    """An agenda item's problem ("item 2 title") named by its box (`item_title_2`)."""
    named = {}
    for name, text in problems.items():
        row = AGENDA_PROBLEM.fullmatch(name)
        named[f"item_{row[2]}_{row[1]}" if row else name] = text
    return named


def _check(session: Session, form: PublishingForm,
           meeting: Meeting | None) -> tuple[Draft, dict[str, str]]:
    assert isinstance(form, MeetingForm)
    typed = form.typed(MEETING_FORM_FIELDS)
    typed["public"] = bool(form.public.data)
    for name in ("date", "minutes_approved_on"):
        typed[name] = typed_date(typed[name])
    columns, items, problems = check_meeting(
        typed, agenda_rows(form, _rows_in(form)), meeting.slug if meeting else None, session,
        meeting, form.change_note.data or "", uk_today())
    return (columns, items), _boxes(problems) | form.stray_choices()


def _save(session: Session, meeting: Meeting | None, draft: Draft, note: str) -> Meeting:
    columns, items = draft
    return save_meeting(session, meeting, columns, items, note)


def _shown(draft: Draft) -> Meeting:
    columns, items = draft
    shown = Meeting(**columns)
    set_agenda(shown, items)
    return shown


def _rows(form: PublishingForm) -> list[list[Field]]:
    assert isinstance(form, MeetingForm)
    return [agenda_row_fields(form, number) for number in range(1, _rows_in(form) + 1)]


add_pages(Editor(
    BY_NAME["meeting"],
    form=_form,
    check=_check,
    save=_save,
    shown=_shown,
    name=lambda meeting: f"meeting “{meeting.title}”",
    heading=lambda meeting: meeting.title,
    columns=(Column.of("Title", "title"), Column.of("Board, committee or panel", "body"),
             DATE_COLUMN,
             Column("Minutes", lambda meeting: {"none": "None yet", "draft": "Draft",
                                                "approved": "Approved"}[meeting.minutes_status])),
    description=("Announce meetings with their agendas and reports before they are held, "
                 "then add their minutes: first the draft, then, once approved, the approved "
                 "minutes with the date they were approved."),
    first_box="body",
    rows=_rows,
    full_width=True,
))

