"""Publishing (role `publisher`): expense lines uploaded as the CSV OPCCs keep, checked row
by row, previewed with totals, and published only when confirmed."""

import secrets
from collections import defaultdict
from pathlib import Path
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for

from content.dates import FinancialYear
from content.importer import ImportRejected, ParsedRecord, parse_expense_csv
from content.money import format_pounds
from content.store import save_records
from portal.db import get_session
from portal.staff.views import bp, record, requires

STAGED = "staged_expense_upload"
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
                           problems=problems[:MAX_PROBLEMS_SHOWN],
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
