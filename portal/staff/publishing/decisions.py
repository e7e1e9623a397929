"""Publishing decisions: drafts, preview as the public page, publish now or on a schedule,
corrections with a public note, withdrawal with a reason."""

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import utcnow
from content.models import Decision
from content.money import format_amount
from content.publishing import check_decision, publish, save_decision, schedule
from content.queries import record_files
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

DECISION_FORM_FIELDS = ("reference", "title", "date", "decision_maker", "category", "summary",
                        "body", "financial_implications", "amount")
LABELS = {"reference": "Reference", "title": "Title", "date": "Date of decision",
          "decision_maker": "Decision maker", "category": "Category", "summary": "Summary",
          "body": "The decision", "financial_implications": "Financial implications",
          "amount": "Amount in pounds", "exempt": "Exempt", **COMMON_LABELS}


def _decision_form() -> dict[str, Any]:
    form = {name: request.form.get(name, "").strip() for name in DECISION_FORM_FIELDS}
    form["exempt"] = request.form.get("exempt") == "yes"
    form["date"] = typed_date(form["date"])
    return form


def _form_from(decision: Decision | None) -> dict[str, Any]:
    if decision is None:
        return {name: "" for name in DECISION_FORM_FIELDS} | {"exempt": False}
    return {"reference": decision.reference, "title": decision.title,
            "date": decision.date.isoformat(), "decision_maker": decision.decision_maker,
            "category": decision.category, "summary": decision.summary_markdown,
            "body": decision.body_markdown,
            "financial_implications": decision.financial_implications_markdown,
            "amount": format_amount(decision.amount_pence) or "", "exempt": decision.exempt}


@bp.get("/content/decisions")
@requires("publisher")
def decisions_list() -> Any:
    decisions = get_session().scalars(select(Decision).order_by(
        Decision.date.desc(), Decision.id.desc())).all()
    return render_template("staff/decisions.html", decisions=decisions)


@bp.route("/content/decisions/new", methods=["GET", "POST"])
@bp.route("/content/decisions/<int:decision_id>", methods=["GET", "POST"])
@requires("publisher")
def decision_edit(decision_id: int | None = None) -> Any:
    db = get_session()
    decision = db.get(Decision, decision_id) if decision_id else None
    if decision_id and decision is None:
        abort(404)
    form, problems = _form_from(decision), {}
    if request.method == "POST":
        action = request.form.get("action", "save")
        form = _form_from(decision) if action == "withdraw" else _decision_form()
        response, problems = carry_out(lambda: _decision_action(decision, action, form))
        if response is not None:
            return response
    status = 400 if problems else 200
    problems, error_list = form_problems(problems, LABELS, "reference")
    return render_template(
        "staff/decision_edit.html", decision=decision, form=form, field_problems=problems,
        error_list=error_list, LABELS=LABELS, document_problem=document_problem(error_list),
        documents=record_files(db, "decision", decision.id) if decision else [],
        **schedule_boxes()), status


def _decision_action(decision: Decision | None, action: str, form: dict[str, Any]) -> Any:
    """Carry out the button pressed; a dict of problems, or the response to send."""
    db = get_session()
    if action == "withdraw":
        if decision is None:
            abort(404)
        return withdraw_record(decision, "decision", decision.reference,
                               url_for("staff.decision_edit", decision_id=decision.id))
    draft = check_decision(form)
    if draft.problems:
        return draft.problems
    if action == "preview":
        shown = Decision(**draft.columns)
        shown.published_at = decision.published_at if decision else None
        shown.updated_at = utcnow()
        return render_template("decisions/detail.html", decision=shown, related=[],
                               updates=[], preview_notice=True)
    saved = save_decision(db, decision, draft, request.form.get("change_note", ""))
    if action == "publish":
        publish(db, saved)
    elif action == "schedule":
        schedule(saved, publish_at())
    record(f"decision: {action}", saved.reference)
    tell_saved(f"Decision {saved.reference}", action, saved)
    db.commit()
    return redirect(url_for("staff.decision_edit", decision_id=saved.id))
