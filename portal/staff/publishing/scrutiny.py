"""Publishing scrutiny outcomes with their actions (owner, due date, status) edited as rows;
the same preview, schedule, correction and withdrawal as decisions, and PDF documents."""

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import uk_today, utcnow
from content.models import ScrutinyOutcome
from content.publishing import check_scrutiny, publish, save_scrutiny, schedule
from content.queries import record_files
from content.store import set_actions
from portal.db import get_session
from portal.forms import error_summary
from portal.staff.notices import tell_saved
from portal.staff.publishing.common import (
    carry_out,
    document_problem,
    publish_at,
    put_problems,
    typed_date,
    typed_fields,
    withdraw_record,
)
from portal.staff.publishing.forms import ScrutinyForm, action_rows, row_fields, scrutiny_form
from portal.staff.views import bp, record, requires

SCRUTINY_FORM_FIELDS = ("kind", "title", "date", "summary", "body")
BLANK_ACTION_ROWS = 3
MOST_ACTION_ROWS = 60


def _saved(outcome: ScrutinyOutcome | None) -> dict[str, Any]:
    if outcome is None:
        return {}
    saved: dict[str, Any] = {
        "kind": outcome.kind, "title": outcome.title, "date": outcome.date.isoformat(),
        "summary": outcome.summary_markdown, "body": outcome.body_markdown}
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


def _scrutiny_form(outcome: ScrutinyOutcome | None) -> tuple[ScrutinyForm, int]:
    """The form with what was typed, or (before anything is, and while withdrawing) what
    is saved, with a few empty rows for new actions."""
    if request.method == "POST" and request.form.get("action") != "withdraw":
        rows = _rows_sent()
        return scrutiny_form(rows), rows
    rows = (len(outcome.actions) if outcome else 0) + BLANK_ACTION_ROWS
    return scrutiny_form(rows, formdata=None, data=_saved(outcome)), rows


@bp.get("/content/scrutiny")
@requires("publisher")
def scrutiny_list() -> Any:
    outcomes = get_session().scalars(select(ScrutinyOutcome).order_by(
        ScrutinyOutcome.date.desc(), ScrutinyOutcome.id.desc())).all()
    return render_template("staff/scrutiny_list.html", outcomes=outcomes)


@bp.route("/content/scrutiny/new", methods=["GET", "POST"])
@bp.route("/content/scrutiny/<int:outcome_id>", methods=["GET", "POST"])
@requires("publisher")
def scrutiny_edit(outcome_id: int | None = None) -> Any:
    db = get_session()
    outcome = db.get(ScrutinyOutcome, outcome_id) if outcome_id else None
    if outcome_id and outcome is None:
        abort(404)
    form, rows = _scrutiny_form(outcome)
    problems: dict[str, str] = {}
    if request.method == "POST":
        response, problems = carry_out(lambda: _scrutiny_action(
            outcome, request.form.get("action", "save"), form, rows))
        if response is not None:
            return response
    put_problems(form, problems, "kind")
    summary = error_summary(form)
    return render_template(
        "staff/scrutiny_edit.html", outcome=outcome, form=form, summary=summary,
        rows=[row_fields(form, number) for number in range(1, rows + 1)],
        document_problem=document_problem(summary["errorList"]), field_problems={},
        documents=record_files(db, "scrutiny", outcome.id) if outcome else []), (
        400 if problems else 200)


def _typed(form: ScrutinyForm, rows: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    typed = form.typed(SCRUTINY_FORM_FIELDS)
    typed["date"] = typed_date(typed["date"])
    actions = action_rows(form, rows)
    for row in actions:
        row["due"] = typed_date(row["due"])
    return typed, actions


def _scrutiny_action(outcome: ScrutinyOutcome | None, action: str, form: ScrutinyForm,
                     rows: int) -> Any:
    db = get_session()
    if action == "withdraw":
        if outcome is None:
            abort(404)
        return withdraw_record(outcome, "scrutiny outcome", outcome.slug,
                               url_for("staff.scrutiny_edit", outcome_id=outcome.id))
    if action == "edit":
        return {}
    columns, actions, problems = check_scrutiny(
        *_typed(form, rows), outcome.slug if outcome else None, db, outcome,
        form.change_note.data or "")
    if problems:
        return problems
    if action == "preview":
        return _preview(outcome, columns, actions)
    saved = save_scrutiny(db, outcome, columns, actions, form.change_note.data or "")
    if action == "publish":
        publish(db, saved)
    elif action == "schedule":
        schedule(saved, publish_at())
    record(f"scrutiny outcome: {action}", saved.slug)
    tell_saved(f"Scrutiny outcome “{saved.title}”", action, saved)
    db.commit()
    return redirect(url_for("staff.scrutiny_edit", outcome_id=saved.id))


def _preview(outcome: ScrutinyOutcome | None, columns: dict[str, Any],
             actions: list[dict[str, Any]]) -> str:
    """The outcome as its public page will show it, in a frame with Publish and Edit."""
    shown = ScrutinyOutcome(**columns)
    set_actions(shown, actions)
    shown.published_at = outcome.published_at if outcome else None
    shown.updated_at = utcnow()
    return render_template(
        "staff/scrutiny_preview.html", outcome=shown, saved=outcome, kept=typed_fields(),
        today=uk_today(), related=[], updates=[],
        documents=record_files(get_session(), "scrutiny", outcome.id) if outcome else [])
