"""Publishing HMICFRS reports: what is their own in the publishing flow (`records`) —
their recommendations, each with its response, action, progress and closure, edited as
rows of boxes — and the queue of responses due under section 55."""

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from wtforms import Field

from content import queries
from content.dates import uk_today
from content.inspection_publishing import (
    ROW_PARTS,
    Draft,
    box,
    check_inspection,
    progress_text,
    save_inspection,
    shown,
)
from content.inspections import ResponseClock, clock_of
from content.models import Inspection
from portal.db import get_session
from portal.kinds import BY_NAME, clock_rules
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import PublishingForm, inspection_form, typed_value
from portal.staff.publishing.records import DATE_COLUMN, Column, Editor, add_pages
from portal.staff.views import bp, requires
from portal.templating import long_date

INSPECTION_FORM_FIELDS = ("title", "inspection_type", "date", "report_url", "summary",
                          "response_owner_email", "pcc_comments", "chief_constable_comments",
                          "response", "response_published_on")
DATE_BOXES = ("date", "response_published_on")
ROW_DATES = ("due", "closed_on")
BLANK_ROWS = 2
MOST_ROWS = 80


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def _saved(inspection: Inspection | None) -> dict[str, Any]:
    if inspection is None:
        return {"force_is_subject": True}
    saved: dict[str, Any] = {
        "title": inspection.title, "inspection_type": inspection.inspection_type,
        "date": _day(inspection.date), "report_url": inspection.report_url,
        "force_is_subject": inspection.force_is_subject,
        "summary": inspection.summary_markdown,
        "response_owner_email": inspection.response_owner_email,
        "pcc_comments": inspection.pcc_comments_markdown,
        "chief_constable_comments": inspection.chief_constable_comments_markdown,
        "response": inspection.response_markdown,
        "response_published_on": _day(inspection.response_published_on)}
    for number, item in enumerate(inspection.recommendations, start=1):
        values = {part: getattr(item, part) for part in ROW_PARTS}
        values |= {"due": _day(item.due), "closed_on": _day(item.closed_on),
                   "progress": progress_text(item.progress)}
        saved |= {box(part, number): value for part, value in values.items()}
    return saved


def _rows_sent() -> int:
    """How many recommendation rows the form sent (empty ones too: they are shown again)."""
    rows = 0
    while rows < MOST_ROWS and box("label", rows + 1) in request.form:
        rows += 1
    return rows


def _form(inspection: Inspection | None) -> PublishingForm:
    if request.method == "POST":
        return inspection_form(_rows_sent())
    rows = (len(inspection.recommendations) if inspection else 0) + BLANK_ROWS
    return inspection_form(rows, formdata=None, data=_saved(inspection))


def _rows_in(form: PublishingForm) -> int:
    rows = 0
    while box("label", rows + 1) in form:
        rows += 1
    return rows


def _typed_rows(form: PublishingForm) -> list[dict[str, Any]]:
    rows = []
    for number in range(1, _rows_in(form) + 1):
        row = {part: typed_value(form[box(part, number)]) for part in ROW_PARTS}
        rows.append(row | {part: typed_date(row[part]) for part in ROW_DATES})
    return rows


def _check(session: Session, form: PublishingForm,
           inspection: Inspection | None) -> tuple[Draft, dict[str, str]]:
    typed = form.typed(INSPECTION_FORM_FIELDS)
    typed |= {name: typed_date(typed[name]) for name in DATE_BOXES}
    typed["force_is_subject"] = bool(form.force_is_subject.data)
    return check_inspection(typed, _typed_rows(form), session, inspection,
                            form.change_note.data or "")


def _rows(form: PublishingForm) -> list[list[Field]]:
    return [[form[box(part, number)] for part in ROW_PARTS]
            for number in range(1, _rows_in(form) + 1)]


add_pages(Editor(
    BY_NAME["inspection"],
    form=_form,
    check=_check,
    save=save_inspection,
    shown=shown,
    name=lambda inspection: f"HMICFRS report “{inspection.title}”",
    heading=lambda inspection: inspection.title,
    columns=(Column.of("Title", "title"), Column.of("Type", "inspection_type"),
             Column("Response", lambda inspection: (
                 f"Published {long_date(inspection.response_published_on)}"
                 if inspection.response_published_on else
                 "Not required" if not inspection.force_is_subject else "Awaited")),
             DATE_COLUMN),
    description=("Add HMICFRS reports and their recommendations, publish the Commissioner's "
                 "response within 56 days, and keep each recommendation's progress up to "
                 "date. See the responses due."),
    first_box="title",
    rows=_rows,
    full_width=True,
))


@bp.get("/content/hmicfrs-reports/responses-due")
@requires("publisher")
def responses_due() -> ResponseReturnValue:
    """Every report whose response is not yet published, the soonest due first."""
    today, rules = uk_today(), clock_rules()
    awaited = [(inspection, clock_of(inspection, today, rules))
               for inspection in queries.responses_awaited(get_session())]
    return render_template("staff/responses_due.html", awaited=awaited, today=today)


@bp.app_template_global("response_clock")
def response_clock(inspection: Inspection) -> ResponseClock | None:
    """The section 55 clock of a report today, for its publishing page."""
    return clock_of(inspection, uk_today(), clock_rules())
