"""Publishing expense lines: a CSV in the format OPCCs keep, checked row by row, previewed
with totals and every change, and published (now or at a set time) only when confirmed;
a single published line corrected with a note or withdrawn with a reason."""

import secrets
from pathlib import Path
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select

from content.expense_uploads import plan_upload, publish_upload
from content.importer import (
    ImportRejected,
    ParsedRecord,
    field_problems,
    parse_expense_csv,
    parse_record,
)
from content.models import Expense
from content.money import format_amount, format_pounds
from content.publishing import PublishingProblem, withdraw
from portal.db import get_session
from portal.private_files import write_private
from portal.staff.confirm import ask_to_withdraw
from portal.staff.notices import tell
from portal.staff.publishing.common import (
    COMMON_LABELS,
    form_problems,
    publish_at,
    schedule_boxes,
    typed_date,
)
from portal.staff.views import bp, record, requires

STAGED = "staged_expense_upload"
MAX_PROBLEMS_SHOWN = 50
PREVIEW_ROWS = 20


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
                write_private(_staging() / f"{token}.csv", text.encode("utf-8"))
                session[STAGED] = token
                tell("File uploaded and checked. Nothing is published until you publish it")
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


@bp.route("/content/expenses/check", methods=["GET", "POST"])
@requires("publisher")
def expenses_check() -> Any:
    path, records = _staged_records()
    if path is None:
        return redirect(url_for("staff.expenses_upload"))
    db = get_session()
    plan = plan_upload(db, records)
    problems: dict[str, str] = {}
    if request.method == "POST":
        scheduling = request.form.get("action") == "schedule"
        try:
            when = publish_at() if scheduling else None
            publish_upload(db, plan, request.form.get("change_note", ""), when)
        except PublishingProblem as refused:
            db.rollback()
            problems = {refused.field or "change_note": str(refused)}
            plan = plan_upload(db, records)
        else:
            record("scheduled expense lines" if when else "published expense lines",
                   "expenses", lines=len(records), new=len(plan.new),
                   updated=len(plan.changed), waiting=len(plan.waiting),
                   **({"publish_at": when.isoformat()} if when else {}))
            tell(f"{len(records)} expense line{'s' if len(records) != 1 else ''} " + (
                "scheduled" if when else "published"))
            db.commit()
            path.unlink(missing_ok=True)
            session.pop(STAGED, None)
            return render_template("staff/expenses_done.html", plan=plan, when=when)
    shown, error_list = form_problems(problems, COMMON_LABELS, "change_note")
    return render_template("staff/expenses_check.html", records=records[:PREVIEW_ROWS],
                           count=len(records), plan=plan, pounds=format_pounds,
                           field_problems=shown, error_list=error_list,
                           **schedule_boxes()), (400 if problems else 200)


LINE_FIELDS = ("date", "claimant", "category", "description", "amount")
LINE_LABELS = {"date": "Date", "claimant": "Claimant", "category": "Category",
               "description": "Description", "amount": "Amount in pounds", **COMMON_LABELS}


def _line_form(expense: Expense | None) -> dict[str, str]:
    if request.method == "POST" and request.form.get("action") == "correct":
        form = {name: request.form.get(name, "").strip() for name in LINE_FIELDS}
        form["date"] = typed_date(form["date"])
        return form
    if expense is None:
        return dict.fromkeys(LINE_FIELDS, "")
    return {"date": expense.date.isoformat(), "claimant": expense.claimant,
            "category": expense.category, "description": expense.description,
            "amount": format_amount(expense.amount_pence) or "0.00"}


def _correct_line(expense: Expense, form: dict[str, str]) -> dict[str, str]:
    """Correct a published line from the form; the problems, if it could not be done."""
    raw = {"type": "expense", "reference": expense.reference,
           **{name: value for name, value in form.items() if value}}
    problems = field_problems("expense", raw)
    if problems:
        return problems
    db = get_session()
    plan = plan_upload(db, [parse_record(raw, 1)])
    if not plan.changed:
        return {"date": "Nothing has changed: correct a box, or leave the line as it is"}
    changed = plan.changed[0].changed
    publish_upload(db, plan, request.form.get("change_note", ""))
    record("corrected an expense line", expense.reference, changed=changed,
           note=request.form.get("change_note"))
    tell(f"Expense line {expense.reference} corrected: the change is public")
    return {}


@bp.route("/content/expenses/line", methods=["GET", "POST"])
@requires("publisher")
def expense_line() -> Any:
    """Find one published expense line by its reference, to correct it with a note or
    withdraw it with a reason."""
    db = get_session()
    reference = (request.values.get("reference") or "").strip()
    found = db.scalar(select(Expense).where(Expense.reference == reference)) if reference \
        else None
    form, problems = _line_form(found), {}
    if reference and found is None:
        problems = {"reference": f"There is no expense line {reference}: check the reference "
                                 "on its page"}
    if request.method == "POST" and found is not None:
        try:
            if request.form.get("action") == "correct":
                problems = _correct_line(found, form)
            else:
                asked = ask_to_withdraw(f"expense line {found.reference}",
                                        request.full_path, {"action": "withdraw"})
                if asked is not None:
                    return asked
                withdraw(db, found, request.form.get("reason", ""))
                record("withdrew an expense line", found.reference,
                       reason=request.form.get("reason"))
                tell(f"Expense line {found.reference} withdrawn")
        except PublishingProblem as refused:
            problems = {refused.field or "reason": str(refused)}
        if problems:
            db.rollback()
        else:
            db.commit()
            return redirect(url_for("public.expense", reference=found.reference))
    shown, error_list = form_problems(problems, {"reference": "Reference", **LINE_LABELS},
                                      "reference")
    return render_template("staff/expense_line.html", reference=reference, expense=found,
                           form=form, labels=LINE_LABELS, field_problems=shown,
                           error_list=error_list, pounds=format_pounds,
                           **schedule_boxes()), (400 if problems else 200)
