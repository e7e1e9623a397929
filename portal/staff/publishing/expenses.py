"""Publishing expense lines: a CSV in the format OPCCs keep, checked row by row, previewed
with totals and every change, and published (now or at a set time) only when confirmed;
a single published line withdrawn with a reason."""

import secrets
from pathlib import Path
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select

from content.expense_uploads import plan_upload, publish_upload
from content.importer import ImportRejected, ParsedRecord, parse_expense_csv
from content.models import Expense
from content.money import format_pounds
from content.publishing import PublishingProblem, withdraw
from portal.db import get_session
from portal.staff.publishing.common import (
    COMMON_LABELS,
    form_problems,
    publish_at,
    schedule_boxes,
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
            db.commit()
            path.unlink(missing_ok=True)
            session.pop(STAGED, None)
            return render_template("staff/expenses_done.html", plan=plan, when=when)
    shown, error_list = form_problems(problems, COMMON_LABELS, "change_note")
    return render_template("staff/expenses_check.html", records=records[:PREVIEW_ROWS],
                           count=len(records), plan=plan, pounds=format_pounds,
                           field_problems=shown, error_list=error_list,
                           **schedule_boxes()), (400 if problems else 200)


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
