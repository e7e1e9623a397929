"""The intake queue and the case page, for the Resolution Team."""

import io
from pathlib import Path
from typing import Any

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import select

from content.dates import InvalidDate, parse_date
from content.filters import ArgsReader
from portal.db import get_session
from portal.intake import casework
from portal.intake.clocks import Targets, targets_from, uk_today
from portal.intake.flows import FLOWS
from portal.intake.forms import SUPPORT_CHOICES
from portal.intake.models import CASE_KINDS, IntakeAttachment
from portal.intake.subject_access import cases_about as subject_access_cases
from portal.intake.subject_access import export_zip
from portal.intake.workflow import (
    IOPC_CATEGORIES,
    STATUS_LABELS,
    TransitionRefused,
    allowed_next,
)
from portal.opendata import csv_response
from portal.staff.models import StaffUser
from portal.staff.views import bp, record, requires

SAFE_DOWNLOAD_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif",
                       "image/webp", "image/heic"}


def _targets() -> Targets:
    return targets_from(current_app.config)


def _filters(args: Any, user: StaffUser) -> tuple[casework.QueueFilters, list[Any]]:
    reader = ArgsReader(args)
    kind = reader.choice("type", "Type", CASE_KINDS)
    status = reader.choice("status", "Status", ("open", *STATUS_LABELS))
    assignee_arg = reader.text("assignee")
    assignee: int | str | None = None
    if assignee_arg == "me":
        assignee = user.id
    elif assignee_arg == "none":
        assignee = "none"
    elif assignee_arg and assignee_arg.isdigit():
        assignee = int(assignee_arg)
    sort = reader.choice("sort", "Order", ("urgent", "newest")) or "urgent"
    filters = casework.QueueFilters(
        kind=kind, status=status if "status" in args else "open", assignee=assignee,
        overdue=reader.yes("overdue"), received_from=reader.date("from", "The ‘from’ date"),
        received_to=reader.date("to", "The ‘to’ date"), sort=sort)
    return filters, reader.problems


def _resolution_staff() -> list[StaffUser]:
    users = get_session().scalars(select(StaffUser).where(StaffUser.active.is_(True))
                                  .order_by(StaffUser.email))
    return [user for user in users if user.has_role("resolution")]


@bp.get("/queue")
@requires("resolution")
def queue() -> Any:
    filters, problems = _filters(request.args, g.staff_user)
    listing = casework.list_queue(get_session(), filters, uk_today(), _targets())
    options = [("me", "Me"), ("none", "Nobody")] + [
        (str(member.id), member.email) for member in _resolution_staff()]
    return render_template("staff/queue.html", queue=listing, filters=filters,
                           problems=problems, statuses=STATUS_LABELS, kinds=CASE_KINDS,
                           assignee_options=options), (400 if problems else 200)


@bp.get("/queue.csv")
@requires("resolution")
def queue_csv() -> Any:
    filters, problems = _filters(request.args, g.staff_user)
    if problems:
        abort(400, description="; ".join(problem.message for problem in problems))
    personal = request.args.get("personal") == "yes"
    if personal and not g.staff_user.has_role("admin"):
        abort(403)
    listing = casework.list_queue(get_session(), filters, uk_today(), _targets())
    columns = list(casework.EXPORT_COLUMNS)
    if personal:
        columns += casework.PERSONAL_COLUMNS
        record("exported personal data", "intake queue", cases=len(listing.rows))
        get_session().commit()
    return csv_response("intake-queue.csv",
                        casework.export_rows(listing, uk_today(), personal), columns)


def _case_or_404(reference: str) -> Any:
    case = casework.get_case(get_session(), reference)
    if case is None:
        abort(404)
    return case


@bp.route("/queue/<reference>", methods=["GET", "POST"])
@requires("resolution")
def case(reference: str) -> Any:
    db, user = get_session(), g.staff_user
    found = _case_or_404(reference)
    problem = None
    if request.method == "POST":
        problem = _act(found, user, request.form)
        if problem is None:
            record(f"case: {request.form.get('action')}", found.reference)
            db.commit()
            return redirect(url_for("staff.case", reference=found.reference))
        db.rollback()
        found = _case_or_404(reference)
    record("viewed case", found.reference)
    db.commit()
    flow = FLOWS[found.kind]
    staff = {member.id: member for member in db.scalars(select(StaffUser))}
    return render_template(
        "staff/case.html", case=found, flow=flow, problem=problem, statuses=STATUS_LABELS,
        next_statuses=allowed_next(found.kind, found.status), categories=IOPC_CATEGORIES,
        support=dict(SUPPORT_CHOICES), staff=staff, colleagues=_resolution_staff(),
        deadline=casework.deadline_for(found, uk_today(), _targets()),
        methods=casework.CONTACT_METHODS, today=uk_today(),
    ), (400 if problem else 200)


def _act(case: Any, user: StaffUser, form: Any) -> str | None:
    """Carry out one action from the case page; returns what went wrong, if anything."""
    db = get_session()
    action = form.get("action")
    if action == "move":
        try:
            casework.move(db, case, user, form.get("status", ""), form.get("outcome", ""),
                          form.get("note", ""), form.get("recommendations", ""))
        except TransitionRefused as refused:
            return str(refused)
    elif action == "assign":
        target = form.get("assignee", "")
        assignee = user if target == "me" else (
            db.get(StaffUser, int(target)) if target.isdigit() else None)
        if target and target != "none" and (assignee is None or not assignee.has_role(
                "resolution")):
            return "Select someone in the Resolution Team"
        casework.assign(db, case, user, assignee)
    elif action == "categories":
        casework.set_categories(db, case, user, form.getlist("categories"))
    elif action == "contact":
        try:
            on = parse_date(form.get("on", ""), allow_uk=True)
        except InvalidDate:
            return "Enter the date of the contact, like 27/3/2025"
        if not form.get("summary", "").strip():
            return "Enter a summary of the contact"
        try:
            casework.log_contact(db, case, user, form.get("method", ""), on, form["summary"])
        except ValueError as refused:
            return str(refused)
    elif action == "note":
        if not form.get("text", "").strip():
            return "Enter the note"
        casework.add_note(db, case, user, form["text"])
    elif action == "update":
        if not form.get("message", "").strip():
            return "Enter the update to send"
        if not casework.send_update(db, case, user, form["message"],
                                    current_app.config["OPCC_NAME"]):
            return "This person did not give an email address: contact them another way"
    else:
        return "Choose what to do"
    return None


@bp.get("/queue/<reference>/files/<int:attachment_id>")
@requires("resolution")
def attachment(reference: str, attachment_id: int) -> Any:
    found = _case_or_404(reference)
    file = get_session().get(IntakeAttachment, attachment_id)
    if file is None or file.case_id != found.id:
        abort(404)
    record("downloaded attachment", found.reference, attachment=file.id)
    get_session().commit()
    path = Path(current_app.config["UPLOAD_PATH"]) / file.stored_name
    content_type = (file.content_type if file.content_type in SAFE_DOWNLOAD_TYPES
                    else "application/octet-stream")
    return send_file(path, mimetype=content_type, as_attachment=True,
                     download_name=file.original_name, max_age=0)


@bp.route("/subject-access", methods=["GET", "POST"])
@requires("admin")
def subject_access() -> Any:
    """Find and download everything held about one person (the search is a POST, so the
    name or address typed never appears in an address or a log)."""
    who, problem, not_found = "", None, False
    if request.method == "POST":
        who = request.form.get("who", "").strip()
        if not who:
            problem = "Enter the person's email address, name or telephone number"
        else:
            found = subject_access_cases(get_session(), who)
            record("subject access search", cases=len(found))
            get_session().commit()
            if found:
                data = export_zip(found, Path(current_app.config["UPLOAD_PATH"]))
                return send_file(io.BytesIO(data), mimetype="application/zip",
                                 as_attachment=True, download_name="subject-access.zip")
            not_found = True
    return render_template("staff/subject_access.html", who=who, problem=problem,
                           not_found=not_found), (400 if problem else 200)
