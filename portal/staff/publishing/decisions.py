"""Publishing decisions: drafts, preview as the public page, publish now or on a schedule,
corrections with a public note, withdrawal with a reason."""

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import utcnow
from content.models import Decision
from content.money import format_amount
from content.publishing import DecisionDraft, check_decision, publish, save_decision, schedule
from content.queries import record_files
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
from portal.staff.publishing.forms import DecisionForm
from portal.staff.views import bp, record, requires

DECISION_FORM_FIELDS = ("reference", "title", "date", "decision_maker", "category", "summary",
                        "body", "financial_implications", "amount")


def _saved(decision: Decision | None) -> dict[str, Any]:
    if decision is None:
        return {}
    return {"reference": decision.reference, "title": decision.title,
            "date": decision.date.isoformat(), "decision_maker": decision.decision_maker,
            "category": decision.category, "summary": decision.summary_markdown,
            "body": decision.body_markdown,
            "financial_implications": decision.financial_implications_markdown,
            "amount": format_amount(decision.amount_pence) or "", "exempt": decision.exempt}


def _decision_form(decision: Decision | None) -> DecisionForm:
    """What was typed, or (before anything is, and while withdrawing) what is saved."""
    if request.method == "POST" and request.form.get("action") != "withdraw":
        return DecisionForm()
    return DecisionForm(formdata=None, data=_saved(decision))


def _typed(form: DecisionForm) -> dict[str, Any]:
    typed = form.typed(DECISION_FORM_FIELDS)
    typed["exempt"] = bool(form.exempt.data)
    typed["date"] = typed_date(typed["date"])
    return typed


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
    form, problems = _decision_form(decision), {}
    if request.method == "POST":
        action = request.form.get("action", "save")
        response, problems = carry_out(lambda: _decision_action(decision, action, form))
        if response is not None:
            return response
    put_problems(form, problems, "reference")
    summary = error_summary(form)
    return render_template(
        "staff/decision_edit.html", decision=decision, form=form, summary=summary,
        document_problem=document_problem(summary["errorList"]), field_problems={},
        documents=record_files(db, "decision", decision.id) if decision else []), (
        400 if problems else 200)


def _decision_action(decision: Decision | None, action: str, form: DecisionForm) -> Any:
    """Carry out the button pressed; a dict of problems, or the response to send."""
    db = get_session()
    if action == "withdraw":
        if decision is None:
            abort(404)
        return withdraw_record(decision, "decision", decision.reference,
                               url_for("staff.decision_edit", decision_id=decision.id))
    if action == "edit":
        return {}
    draft = check_decision(_typed(form), db, decision, form.change_note.data or "")
    if draft.problems:
        return draft.problems
    if action == "preview":
        return _preview(decision, draft)
    saved = save_decision(db, decision, draft, form.change_note.data or "")
    if action == "publish":
        publish(db, saved)
    elif action == "schedule":
        schedule(saved, publish_at())
    record(f"decision: {action}", saved.reference)
    tell_saved(f"Decision {saved.reference}", action, saved)
    db.commit()
    return redirect(url_for("staff.decision_edit", decision_id=saved.id))


def _preview(decision: Decision | None, draft: DecisionDraft) -> str:
    """The decision as its public page will show it, in a frame with Publish and Edit."""
    shown = Decision(**draft.columns)
    shown.published_at = decision.published_at if decision else None
    shown.updated_at = utcnow()
    return render_template(
        "staff/decision_preview.html", decision=shown, saved=decision, kept=typed_fields(),
        related=[], updates=[],
        documents=record_files(get_session(), "decision", decision.id) if decision else [])
