"""Publishing expense lines: a CSV in the format OPCCs keep, checked row by row, previewed
with totals and every change, and published (now or at a set time) only when confirmed;
a single published line corrected with a note or withdrawn with a reason."""

import secrets
from pathlib import Path
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for

from content.expense_uploads import (
    check_line_correction,
    find_line,
    plan_upload,
    publish_upload,
)
from content.importer import ImportRejected, LineProblem, ParsedRecord, parse_expense_csv
from content.kinds import EXPENSE_FIELD_WORDS
from content.managed_lists import names
from content.models import Expense
from content.money import format_amount, format_pounds
from content.publishing import PublishingProblem, note_problem, withdraw
from portal.db import get_session, unit_of_work
from portal.forms import error_summary
from portal.private_files import write_private
from portal.staff.confirm import ask_to_withdraw
from portal.staff.forms import WithdrawForm
from portal.staff.notices import tell
from portal.staff.publishing.common import carry_out, publish_at, put_problems
from portal.staff.publishing.forms import (
    ExpenseLineFinder,
    ExpenseLineForm,
    ExpensesPublishForm,
    ExpenseUploadForm,
    offer_list_choices,
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


def _stage(text: str) -> None:
    """Keep the checked file until it is published, known to this person's session only."""
    token = secrets.token_urlsafe(16)
    write_private(_staging() / f"{token}.csv", text.encode("utf-8"))
    session[STAGED] = token


def _file_problems(text: str) -> list[LineProblem]:
    try:
        parse_expense_csv(text)
    except ImportRejected as rejected:
        return rejected.problems
    return []


@bp.route("/content/expenses", methods=["GET", "POST"])
@requires("publisher")
def expenses_upload() -> Any:
    form, problems = ExpenseUploadForm(), []
    if form.is_submitted():
        text, problem = _read_upload()
        problems = _file_problems(text) if text is not None else []
        if problems:
            problem = (f"The file has {len(problems)} problem"
                       f"{'s' if len(problems) != 1 else ''}: fix "
                       f"{'them' if len(problems) != 1 else 'it'} and upload it again. "
                       "Nothing has been published.")
        if problem:
            form.expenses.errors = [problem]
        elif text is not None:
            _stage(text)
            tell("File uploaded and checked. Nothing is published until you publish it")
            return redirect(url_for("staff.expenses_check"))
    return render_template("staff/expenses_upload.html", form=form,
                           row_problems=problems[:MAX_PROBLEMS_SHOWN],
                           hidden=max(0, len(problems) - MAX_PROBLEMS_SHOWN)), (
        400 if form.expenses.errors else 200)


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
@unit_of_work
def expenses_check() -> Any:
    path, records = _staged_records()
    if path is None:
        return redirect(url_for("staff.expenses_upload"))
    form = ExpensesPublishForm()
    problems: dict[str, str] = {}
    if form.is_submitted():
        response, problems = carry_out(lambda: _publish_file(path, records, form))
        if response is not None:
            return response
    put_problems(form, problems, "change_note")
    return render_template("staff/expenses_check.html", records=records[:PREVIEW_ROWS],
                           count=len(records), plan=plan_upload(get_session(), records),
                           pounds=format_pounds, names=EXPENSE_FIELD_WORDS, form=form,
                           summary=error_summary(form)), (
        400 if problems else 200)


def _publish_file(path: Path, records: list[ParsedRecord], form: ExpensesPublishForm) -> Any:
    """Publish (or schedule) the checked file: the page saying what was done."""
    db = get_session()
    plan = plan_upload(db, records)
    note = form.change_note.data or ""
    # The note and the moment are checked together, so both problems are told at once.
    problems = note_problem(note) if plan.changed else {}
    try:
        when = publish_at() if request.form.get("action") == "schedule" else None
    except PublishingProblem as refused:
        problems[refused.field or "publish_on"] = str(refused)
    if problems:
        return problems
    publish_upload(db, plan, note, when)
    detail: dict[str, Any] = {"lines": len(records), "new": len(plan.new),
                              "updated": len(plan.changed), "waiting": len(plan.waiting)}
    if when:
        detail["publish_at"] = when.isoformat()
    record("scheduled expense lines" if when else "published expense lines", "expenses",
           **detail)
    tell(f"{len(records)} expense line{'s' if len(records) != 1 else ''} " + (
        "scheduled" if when else "published"))
    path.unlink(missing_ok=True)
    session.pop(STAGED, None)
    return render_template("staff/expenses_done.html", plan=plan, when=when)


LINE_FIELDS = ("date", "claimant", "category", "description", "amount", "amount_claimed",
               "not_reimbursed_reason", "claim_reference", "claim_month", "origin",
               "destination", "travel_mode", "travel_class", "mileage", "nights",
               "accommodation")
# The boxes that show a line's words as they are (the rest are dates, amounts and counts).
LINE_WORDS = ("description", "not_reimbursed_reason", "claim_reference", "origin",
              "destination", "travel_mode", "travel_class", "accommodation")


def _line_form(expense: Expense | None) -> ExpenseLineForm:
    """What was typed into the correction, or (until then) what the line says; the
    claimant and category are chosen from their lists."""
    says = {} if expense is None else {
        "date": expense.date, "claimant": expense.claimant, "category": expense.category,
        **{name: getattr(expense, name) or "" for name in LINE_WORDS},
        "amount": format_amount(expense.amount_pence) or "0.00",
        # Shown only when part of the claim was not reimbursed.
        "amount_claimed": format_amount(expense.amount_claimed_pence)
        if expense.not_reimbursed_pence else "",
        "claim_month": f"{expense.claim_month:%Y-%m}" if expense.claim_month else "",
        "mileage": "" if expense.mileage is None else str(expense.mileage),
        "nights": "" if expense.nights is None else str(expense.nights)}
    if request.method == "POST" and request.form.get("action") == "correct":
        form = ExpenseLineForm()
    else:
        form = ExpenseLineForm(formdata=None, data=says)
    offer_list_choices(form, lambda managed: names(get_session(), managed), says)
    return form


def _correct_line(expense: Expense, form: ExpenseLineForm) -> Any:
    """Correct a published line from the form; the problems, if it could not be done."""
    db = get_session()
    note = form.change_note.data or ""
    plan, problems = check_line_correction(db, expense, form.typed(LINE_FIELDS), note)
    problems |= form.stray_choices()
    if plan is None or problems:
        return problems
    changed = plan.changed[0].changed
    publish_upload(db, plan, note)
    record("corrected an expense line", expense.reference, changed=changed, note=note)
    tell(f"Expense line {expense.reference} corrected: the change is public")
    return redirect(url_for("public.expense", reference=expense.reference))


def _withdraw_line(expense: Expense) -> Any:
    """Withdraw a line with the reason typed; until that is confirmed, the page asking."""
    asked = ask_to_withdraw(f"expense line {expense.reference}", request.full_path,
                            {"action": "withdraw"})
    if asked is not None:
        return asked
    reason = request.form.get("reason", "")
    withdraw(get_session(), expense, reason)
    record("withdrew an expense line", expense.reference, reason=reason)
    tell(f"Expense line {expense.reference} withdrawn")
    return redirect(url_for("public.expense", reference=expense.reference))


@bp.route("/content/expenses/line", methods=["GET", "POST"])
@requires("publisher")
@unit_of_work
def expense_line() -> Any:
    """Find one published expense line by its reference, to correct it with a note or
    withdraw it with a reason."""
    finder = ExpenseLineFinder(formdata=request.args, meta={"csrf": False})
    reference = finder.reference.data or ""
    found = find_line(get_session(), reference) if reference else None
    if reference and found is None:
        finder.reference.errors = [f"There is no expense line {reference}: check the "
                                   "reference on its page"]
    form, reason = _line_form(found), WithdrawForm(formdata=None)
    problems: dict[str, str] = {}
    if request.method == "POST" and found is not None:
        correcting = request.form.get("action") == "correct"
        response, problems = carry_out(
            lambda: _correct_line(found, form) if correcting else _withdraw_line(found))
        if response is not None:
            return response
        put_problems(form if correcting else reason, problems,
                     "date" if correcting else "reason")
    return render_template("staff/expense_line.html", finder=finder, expense=found,
                           form=form, reason=reason, pounds=format_pounds,
                           summary=error_summary(finder, form, reason)), (
        400 if problems or finder.reference.errors else 200)
