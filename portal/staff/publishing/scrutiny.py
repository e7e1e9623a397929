"""Publishing scrutiny outcomes with their actions (owner, due date, status) edited as rows;
the same preview, schedule, correction and withdrawal as decisions, and PDF documents."""

from datetime import date
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import utcnow
from content.models import ACTION_STATUSES, SCRUTINY_KINDS, ScrutinyOutcome
from content.publishing import check_scrutiny, publish, save_scrutiny, schedule
from content.queries import record_files
from content.store import set_actions
from portal.db import get_session
from portal.staff.notices import tell_saved
from portal.staff.publishing.common import (
    COMMON_LABELS,
    carry_out,
    document_problem,
    form_problems,
    publish_at,
    schedule_boxes,
    typed_date,
    withdraw_record,
)
from portal.staff.views import bp, record, requires

SCRUTINY_FORM_FIELDS = ("kind", "title", "date", "summary", "body")
SCRUTINY_LABELS = {"kind": "Type of scrutiny", "title": "Title", "date": "Date",
                   "summary": "Summary", "body": "The outcome", "actions": "Actions",
                   **COMMON_LABELS}
ACTION_FIELDS = ("action", "owner", "due", "status")
BLANK_ACTION = {"action": "", "owner": "", "due": "", "status": "open"}
BLANK_ACTION_ROWS = 3
MOST_ACTION_ROWS = 60


def _saved_form(outcome: ScrutinyOutcome | None) -> tuple[dict[str, Any], list[dict[str, str]]]:
    if outcome is None:
        return {name: "" for name in SCRUTINY_FORM_FIELDS}, [BLANK_ACTION] * BLANK_ACTION_ROWS
    rows = [{"action": a.action, "owner": a.owner, "due": a.due.isoformat() if a.due else "",
             "status": a.status} for a in outcome.actions]
    return ({"kind": outcome.kind, "title": outcome.title, "date": outcome.date.isoformat(),
             "summary": outcome.summary_markdown, "body": outcome.body_markdown},
            rows + [BLANK_ACTION] * BLANK_ACTION_ROWS)


def _scrutiny_form(outcome: ScrutinyOutcome | None) -> tuple[dict[str, Any], list[dict[str, str]]]:
    if request.method != "POST" or request.form.get("action") == "withdraw":
        return _saved_form(outcome)
    form = {name: request.form.get(name, "").strip() for name in SCRUTINY_FORM_FIELDS}
    form["date"] = typed_date(form["date"])
    rows = []
    for number in range(1, MOST_ACTION_ROWS + 1):
        if f"action_{number}" not in request.form:
            break
        row = {name: request.form.get(f"{name}_{number}", "").strip() for name in ACTION_FIELDS}
        row["due"] = typed_date(row["due"])
        rows.append(row)
    return form, rows


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
    shown, error_list = form_problems(problems, SCRUTINY_LABELS, "kind")
    return render_template(
        "staff/scrutiny_edit.html", outcome=outcome, form=form, rows=rows,
        kinds=SCRUTINY_KINDS, statuses=ACTION_STATUSES, field_problems=shown,
        error_list=error_list, labels=SCRUTINY_LABELS,
        document_problem=document_problem(error_list),
        documents=record_files(db, "scrutiny", outcome.id) if outcome else [],
        **schedule_boxes()), (400 if shown else 200)


def _scrutiny_action(outcome: ScrutinyOutcome | None, action: str, form: dict[str, Any],
                     rows: list[dict[str, str]]) -> Any:
    db = get_session()
    if action == "withdraw":
        if outcome is None:
            abort(404)
        return withdraw_record(outcome, "scrutiny outcome", outcome.slug,
                               url_for("staff.scrutiny_edit", outcome_id=outcome.id))
    columns, actions, problems = check_scrutiny(form, rows, outcome.slug if outcome else None)
    if problems:
        return problems
    if action == "preview":
        shown = ScrutinyOutcome(**columns)
        set_actions(shown, actions)
        shown.published_at = outcome.published_at if outcome else None
        shown.updated_at = utcnow()
        return render_template("scrutiny/detail.html", outcome=shown, today=date.today(),
                               related=[], updates=[], preview_notice=True)
    saved = save_scrutiny(db, outcome, columns, actions, request.form.get("change_note", ""))
    if action == "publish":
        publish(db, saved)
    elif action == "schedule":
        schedule(saved, publish_at())
    record(f"scrutiny outcome: {action}", saved.slug)
    tell_saved(f"Scrutiny outcome “{saved.title}”", action, saved)
    db.commit()
    return redirect(url_for("staff.scrutiny_edit", outcome_id=saved.id))
