"""Publishing (role `publisher`): expense lines uploaded as the CSV OPCCs keep, checked row
by row, previewed with totals, and published only when confirmed."""

import re
import secrets
from collections import defaultdict
from contextlib import suppress
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from flask import abort, current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select

from content.dates import FinancialYear, InvalidDate, parse_date, utcnow
from content.files import NotAPdf, check_pdf, pdf_text
from content.importer import ImportRejected, ParsedRecord, parse_expense_csv
from content.models import (
    ACTION_STATUSES,
    SCRUTINY_KINDS,
    Decision,
    Expense,
    Policy,
    RecordFile,
    ScrutinyOutcome,
)
from content.money import format_amount, format_pounds
from content.publishing import (
    PublishingProblem,
    check_decision,
    check_new_policy_version,
    check_scrutiny,
    publish,
    save_decision,
    save_scrutiny,
    schedule,
    withdraw,
)
from content.store import columns_of, save_records, set_actions
from portal.db import get_session
from portal.intake.uploads import display_name
from portal.public.policies import policy_url
from portal.staff.views import bp, record, requires
from portal.templating import UK_TIME

STAGED = "staged_expense_upload"
DOCUMENT_PROBLEM = "document_problem"
MAX_PROBLEMS_SHOWN = 50
PREVIEW_ROWS = 20


@bp.get("/content")
@requires("publisher")
def content_home() -> Any:
    return render_template("staff/content_home.html")


def _staging() -> Path:
    return Path(current_app.instance_path) / "staging"


def _read_upload() -> tuple[str | None, str | None]:
    """The uploaded file as text, or what is wrong with it."""
    upload = request.files.get("expenses")
    if upload is None or not upload.filename:
        return None, "Select a CSV file of expense lines"
    data = upload.stream.read()
    if not data.strip():
        return None, "The selected file is empty"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, ("The file is not in UTF-8: in your spreadsheet, save it as "
                      "‘CSV UTF-8 (comma delimited)’ and upload it again")


@bp.route("/content/expenses", methods=["GET", "POST"])
@requires("publisher")
def expenses_upload() -> Any:
    problem, problems = None, []
    if request.method == "POST":
        text, problem = _read_upload()
        if text is not None:
            try:
                parse_expense_csv(text)
            except ImportRejected as rejected:
                problems = rejected.problems
                problem = (f"The file has {len(problems)} problem"
                           f"{'s' if len(problems) != 1 else ''}: fix "
                           f"{'them' if len(problems) != 1 else 'it'} and upload it again. "
                           "Nothing has been published.")
            else:
                token = secrets.token_urlsafe(16)
                _staging().mkdir(parents=True, exist_ok=True)
                (_staging() / f"{token}.csv").write_text(text, encoding="utf-8")
                session[STAGED] = token
                return redirect(url_for("staff.expenses_check"))
    return render_template("staff/expenses_upload.html", problem=problem,
                           row_problems=problems[:MAX_PROBLEMS_SHOWN],
                           hidden=max(0, len(problems) - MAX_PROBLEMS_SHOWN)), (
        400 if problem else 200)


def _staged_records() -> tuple[Path | None, list[ParsedRecord]]:
    token = session.get(STAGED)
    path = _staging() / f"{token}.csv" if token and token.replace("-", "").replace(
        "_", "").isalnum() else None
    if path is None or not path.exists():
        return None, []
    notes: list[str] = []
    return path, parse_expense_csv(path.read_text(encoding="utf-8"), notes)


def _totals(records: list[ParsedRecord]) -> dict[str, Any]:
    by_year: dict[str, int] = defaultdict(int)
    by_claimant: dict[str, int] = defaultdict(int)
    for parsed in records:
        values = parsed.values
        by_year[FinancialYear.of(values["date"]).label] += values["amount"]
        by_claimant[values["claimant"]] += values["amount"]
    return {"total": sum(by_year.values()), "by_year": dict(sorted(by_year.items())),
            "by_claimant": dict(sorted(by_claimant.items()))}


@bp.route("/content/expenses/check", methods=["GET", "POST"])
@requires("publisher")
def expenses_check() -> Any:
    path, records = _staged_records()
    if path is None:
        return redirect(url_for("staff.expenses_upload"))
    db = get_session()
    if request.method == "POST":
        summary = save_records(db, records)
        record("published expense lines", "expenses", lines=len(records),
               new=sum(summary.created.values()), updated=sum(summary.updated.values()))
        db.commit()
        path.unlink(missing_ok=True)
        session.pop(STAGED, None)
        return render_template("staff/expenses_done.html", summary=summary)
    # What publishing would change, worked out in a transaction that is then undone.
    preview = save_records(db, records)
    db.rollback()
    return render_template("staff/expenses_check.html", records=records[:PREVIEW_ROWS],
                           count=len(records), preview=preview, totals=_totals(records),
                           pounds=format_pounds)


# Decisions

DECISION_FORM_FIELDS = ("reference", "title", "date", "decision_maker", "category", "summary",
                        "body", "financial_implications", "amount")
LABELS = {"reference": "Reference", "title": "Title", "date": "Date of decision",
          "decision_maker": "Decision maker", "category": "Category", "summary": "Summary",
          "body": "The decision", "financial_implications": "Financial implications",
          "amount": "Amount in pounds", "exempt": "Exempt", "change_note": "What changed",
          "reason": "Reason for withdrawing", "publish_on": "Publication date",
          "publish_time": "Publication time"}


ACTION_ROW_FIELD = re.compile(r"action (\d+) (\w+)")


def form_problems(problems: dict[str, str], labels: dict[str, str],
                  first_box: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The checks' fragments ("is missing; …", "must be …") as sentences beside each box,
    and the error summary linking each one to its box.

    A problem that belongs to no box (such as "This is already published") links to
    `first_box`; the import checks name a scrutiny action's field like "action 2 owner".
    """
    shown: dict[str, str] = {}
    summary: list[dict[str, str]] = []
    for name, text in problems.items():
        row = ACTION_ROW_FIELD.fullmatch(name)
        if row:
            number, part = row.groups()
            label, box = f"{part.capitalize()} of action {number}", f"{part}_{number}"
        else:
            label, box = labels.get(name, name), name if name in labels else first_box
        if text.startswith("is missing"):
            shown[name] = f"Enter the {label.lower()}"
        elif text[:1].islower():
            shown[name] = f"{label} {text}"
        else:
            shown[name] = text
        summary.append({"text": shown[name], "href": f"#{box}"})
    return shown, summary


def _decision_form() -> dict[str, Any]:
    form = {name: request.form.get(name, "").strip() for name in DECISION_FORM_FIELDS}
    form["exempt"] = request.form.get("exempt") == "yes"
    # Dates may be typed the UK way; anything else is reported by the checks.
    with suppress(InvalidDate):
        if form["date"]:
            form["date"] = parse_date(form["date"], allow_uk=True).isoformat()
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


def _publish_at() -> datetime:
    try:
        day = parse_date(request.form.get("publish_on", ""), allow_uk=True)
    except InvalidDate:
        raise PublishingProblem("Enter the publication date, like 1/12/2026",
                                "publish_on") from None
    hours, _, minutes = request.form.get("publish_time", "").strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        raise PublishingProblem("Enter the time like 09:30", "publish_time")
    try:
        local = datetime.combine(day, time(int(hours), int(minutes)), UK_TIME)
    except ValueError:
        raise PublishingProblem("Enter the time like 09:30", "publish_time") from None
    return local.astimezone(UTC)


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
        try:
            outcome = _decision_action(decision, action, form)
        except PublishingProblem as refused:
            db.rollback()
            problems = {refused.field or "action": str(refused)}
        else:
            if isinstance(outcome, dict):
                problems = outcome
            else:
                return outcome
    status = 400 if problems else 200
    problems, error_list = form_problems(problems, LABELS, "reference")
    documents = get_session().scalars(select(RecordFile).where(
        RecordFile.record_type == "decision", RecordFile.record_id == decision.id)
        .order_by(RecordFile.id)).all() if decision else []
    document_problem = session.pop(DOCUMENT_PROBLEM, None)
    if document_problem:
        error_list.append({"text": document_problem, "href": "#document"})
    return render_template("staff/decision_edit.html", decision=decision, form=form,
                           field_problems=problems, error_list=error_list, LABELS=LABELS,
                           documents=documents, document_problem=document_problem,
                           change_note=request.form.get("change_note", ""),
                           reason=request.form.get("reason", ""),
                           publish_on=request.form.get("publish_on", ""),
                           publish_time=request.form.get("publish_time", "")), status


def _decision_action(decision: Decision | None, action: str, form: dict[str, Any]) -> Any:
    """Carry out the button pressed; a dict of problems, or the response to send."""
    db = get_session()
    if action == "withdraw":
        if decision is None:
            abort(404)
        withdraw(db, decision, request.form.get("reason", ""))
        record("withdrew a decision", decision.reference, reason=request.form.get("reason"))
        db.commit()
        return redirect(url_for("staff.decision_edit", decision_id=decision.id))
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
        schedule(saved, _publish_at())
    record(f"decision: {action}", saved.reference)
    db.commit()
    return redirect(url_for("staff.decision_edit", decision_id=saved.id))


# Policies

POLICY_FORM_FIELDS = ("title", "version", "approved", "review_due", "owner", "summary", "body")
POLICY_LABELS = {"title": "Title", "version": "Version number", "approved": "Date approved",
                 "review_due": "Review due", "owner": "Owner", "summary": "Summary",
                 "body": "The policy"}


@bp.get("/content/policies")
@requires("publisher")
def policies_list() -> Any:
    current = get_session().scalars(select(Policy).where(Policy.is_current.is_(True))
                                    .order_by(Policy.title)).all()
    return render_template("staff/policies.html", policies=current, today=date.today())


def _policy_form() -> dict[str, Any]:
    form = {name: request.form.get(name, "").strip() for name in POLICY_FORM_FIELDS}
    for name in ("approved", "review_due"):
        with suppress(InvalidDate):
            if form[name]:
                form[name] = parse_date(form[name], allow_uk=True).isoformat()
    return form


@bp.route("/content/policies/new", methods=["GET", "POST"])
@bp.route("/content/policies/<slug>/new-version", methods=["GET", "POST"])
@requires("publisher")
def policy_version_new(slug: str | None = None) -> Any:
    db = get_session()
    current = db.scalar(select(Policy).where(Policy.slug == slug, Policy.is_current.is_(True))
                        ) if slug else None
    if slug and current is None:
        abort(404)
    form: dict[str, Any] = {name: "" for name in POLICY_FORM_FIELDS}
    if current is not None:
        form |= {"title": current.title, "owner": current.owner,
                 "summary": current.summary_markdown, "body": current.body_markdown}
    problems: dict[str, str] = {}
    if request.method == "POST":
        form = _policy_form()
        parsed, problems = check_new_policy_version(db, form, slug)
        if parsed is not None and request.form.get("action") == "preview":
            shown = Policy(**columns_of(parsed))
            shown.is_current, shown.published_at, shown.updated_at = True, utcnow(), utcnow()
            return render_template("policies/detail.html", policy=shown, versions=[],
                                   current=shown, today=date.today(), policy_url=policy_url,
                                   preview_notice=True)
        if parsed is not None:
            save_records(db, [parsed])
            record("published a policy version", parsed.values["slug"],
                   version=parsed.values["version"])
            db.commit()
            return redirect(url_for("public.policy", slug=parsed.values["slug"]))
    problems, error_list = form_problems(problems, POLICY_LABELS, "title")
    return render_template("staff/policy_version.html", current=current, form=form,
                           field_problems=problems, labels=POLICY_LABELS,
                           error_list=error_list), (
        400 if problems else 200)


# Documents (PDF) published with a decision

@bp.post("/content/decisions/<int:decision_id>/documents")
@requires("publisher")
def decision_documents(decision_id: int) -> Any:
    db = get_session()
    decision = db.get(Decision, decision_id)
    if decision is None:
        abort(404)
    folder = Path(current_app.config["DOCUMENTS_PATH"])
    if request.form.get("action") == "remove":
        document = db.get(RecordFile, int(request.form.get("document", "0") or 0))
        if document is None or document.record_id != decision.id:
            abort(404)
        (folder / document.stored_name).unlink(missing_ok=True)
        db.delete(document)
        record("removed a document", decision.reference, name=document.original_name)
    else:
        upload = request.files.get("document")
        data = upload.stream.read() if upload is not None and upload.filename else b""
        try:
            check_pdf(data)
        except NotAPdf as refused:
            session[DOCUMENT_PROBLEM] = str(refused) if data else "Select a PDF to publish"
            return redirect(url_for("staff.decision_edit", decision_id=decision.id,
                                    _anchor="documents"))
        stored = secrets.token_hex(16)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / stored).write_bytes(data)
        name = display_name(upload.filename if upload else "")
        db.add(RecordFile(record_type="decision", record_id=decision.id, original_name=name,
                          stored_name=stored, size=len(data), text=pdf_text(data)))
        record("published a document", decision.reference, name=name)
    decision.updated_at = utcnow()  # the decision's search entry now includes the text
    db.commit()
    return redirect(url_for("staff.decision_edit", decision_id=decision.id,
                            _anchor="documents"))


# Scrutiny outcomes

SCRUTINY_FORM_FIELDS = ("kind", "title", "date", "summary", "body")
SCRUTINY_LABELS = {"kind": "Type of scrutiny", "title": "Title", "date": "Date",
                   "summary": "Summary", "body": "The outcome", "actions": "Actions",
                   "change_note": "What changed", "reason": "Reason for withdrawing",
                   "publish_on": "Publication date", "publish_time": "Publication time"}
BLANK_ACTION_ROWS = 3


def _scrutiny_form(outcome: ScrutinyOutcome | None) -> tuple[dict[str, Any], list[dict[str, str]]]:
    if request.method != "POST" or request.form.get("action") == "withdraw":
        if outcome is None:
            return {name: "" for name in SCRUTINY_FORM_FIELDS}, [
                {"action": "", "owner": "", "due": "", "status": "open"}] * BLANK_ACTION_ROWS
        rows = [{"action": a.action, "owner": a.owner,
                 "due": a.due.isoformat() if a.due else "", "status": a.status}
                for a in outcome.actions]
        return ({"kind": outcome.kind, "title": outcome.title, "date": outcome.date.isoformat(),
                 "summary": outcome.summary_markdown, "body": outcome.body_markdown},
                rows + [{"action": "", "owner": "", "due": "", "status": "open"}]
                * BLANK_ACTION_ROWS)
    form = {name: request.form.get(name, "").strip() for name in SCRUTINY_FORM_FIELDS}
    rows = []
    for number in range(1, 61):
        if f"action_{number}" not in request.form:
            break
        row = {name: request.form.get(f"{name}_{number}", "").strip()
               for name in ("action", "owner", "due", "status")}
        with suppress(InvalidDate):
            if row["due"]:
                row["due"] = parse_date(row["due"], allow_uk=True).isoformat()
        rows.append(row)
    with suppress(InvalidDate):
        if form["date"]:
            form["date"] = parse_date(form["date"], allow_uk=True).isoformat()
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
        try:
            response = _scrutiny_action(outcome, request.form.get("action", "save"), form,
                                        rows)
        except PublishingProblem as refused:
            db.rollback()
            problems = {refused.field or "action": str(refused)}
        else:
            if isinstance(response, dict):
                problems = response
            else:
                return response
    shown, error_list = form_problems(problems, SCRUTINY_LABELS, "kind")
    return render_template("staff/scrutiny_edit.html", outcome=outcome, form=form, rows=rows,
                           kinds=SCRUTINY_KINDS, statuses=ACTION_STATUSES,
                           field_problems=shown, error_list=error_list,
                           labels=SCRUTINY_LABELS,
                           change_note=request.form.get("change_note", ""),
                           reason=request.form.get("reason", ""),
                           publish_on=request.form.get("publish_on", ""),
                           publish_time=request.form.get("publish_time", "")), (
        400 if shown else 200)


def _scrutiny_action(outcome: ScrutinyOutcome | None, action: str, form: dict[str, Any],
                     rows: list[dict[str, str]]) -> Any:
    db = get_session()
    if action == "withdraw":
        if outcome is None:
            abort(404)
        withdraw(db, outcome, request.form.get("reason", ""))
        record("withdrew a scrutiny outcome", outcome.slug, reason=request.form.get("reason"))
        db.commit()
        return redirect(url_for("staff.scrutiny_edit", outcome_id=outcome.id))
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
        schedule(saved, _publish_at())
    record(f"scrutiny outcome: {action}", saved.slug)
    db.commit()
    return redirect(url_for("staff.scrutiny_edit", outcome_id=saved.id))


@bp.route("/content/expenses/line", methods=["GET", "POST"])
@requires("publisher")
def expense_line() -> Any:
    """Find one published expense line by its reference, to withdraw it with a reason."""
    db = get_session()
    reference = (request.values.get("reference") or "").strip()
    found = db.scalar(select(Expense).where(Expense.reference == reference)) if reference \
        else None
    problem = None
    if reference and found is None:
        problem = f"There is no expense line {reference}: check the reference on its page"
    if request.method == "POST" and found is not None:
        try:
            withdraw(db, found, request.form.get("reason", ""))
        except PublishingProblem as refused:
            db.rollback()
            problem = str(refused)
        else:
            record("withdrew an expense line", found.reference,
                   reason=request.form.get("reason"))
            db.commit()
            return redirect(url_for("public.expense", reference=found.reference))
    return render_template("staff/expense_line.html", reference=reference, expense=found,
                           problem=problem, pounds=format_pounds), (400 if problem else 200)
