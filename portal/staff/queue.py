"""The intake queue and the case page, for the Resolution Team.

Each form on the case page posts to an address of its own. A form with a problem shows
the case page again with what was typed and every problem at its box; one that works
goes back to the case page, which says what was done.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
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
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from content.dates import uk_today
from content.filters import ArgsReader, FilterProblem
from portal.db import get_session, unit_of_work
from portal.intake.answers import case_rows, support_rows
from portal.intake.clocks import Targets, targets_from
from portal.intake.flows import FLOWS
from portal.intake.models import CHANNEL_NAMES, KIND_NAMES, IntakeCase
from portal.intake.workflow import STATUS_LABELS, allowed_next, transition_problems
from portal.opendata import csv_response
from portal.staff import accounts, casework
from portal.staff.actions import Done, act
from portal.staff.expiry import shows_expired_forms_again
from portal.staff.forms import (
    ME,
    NOBODY,
    AssignForm,
    CategoriesForm,
    ContactForm,
    NoteForm,
    StatusForm,
    UpdateForm,
    assign_form,
    contact_form,
    status_form,
)
from portal.staff.models import StaffUser
from portal.staff.views import bp, record, requires

SAFE_DOWNLOAD_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif",
                       "image/webp", "image/heic"}
SORT_NAMES = {"urgent": "Most urgent first", "newest": "Newest first"}
DEFAULT_FILTERS = casework.QueueFilters(status="open")


def _targets() -> Targets:
    return targets_from(current_app.config)


def _choice(reader: ArgsReader, name: str, names: Mapping[str, str],
            refusal: str) -> str | None:
    """One of the choices of a filter's list; anything else is reported in words."""
    value = reader.text(name)
    if value is None or value in names:
        return value
    reader.problems.append(FilterProblem(name, refusal))
    return None


def _assignee(value: str | None, user: StaffUser) -> int | str | None:
    if value == ME:
        return user.id
    if value == NOBODY:
        return NOBODY
    return int(value) if value and value.isdigit() else None


def _filters(args: Mapping[str, str],
             user: StaffUser) -> tuple[casework.QueueFilters, list[FilterProblem]]:
    reader = ArgsReader(args)
    kind = _choice(reader, "type", KIND_NAMES, "Select a type from the list")
    status = _choice(reader, "status", {"open": "", **STATUS_LABELS},
                     "Select a status from the list")
    sort = _choice(reader, "sort", SORT_NAMES, "Select an order from the list") or "urgent"
    filters = casework.QueueFilters(
        kind=kind, status=status if "status" in args else "open",
        assignee=_assignee(reader.text("assignee"), user), overdue=reader.yes("overdue"),
        received_from=reader.date("from", "The ‘from’ date"),
        received_to=reader.date("to", "The ‘to’ date"), sort=sort)
    return filters, reader.problems


@bp.get("/queue")
@requires("resolution")
def queue() -> ResponseReturnValue:
    filters, problems = _filters(request.args, g.staff_user)
    listing = casework.list_queue(get_session(), filters, uk_today(), _targets())
    options = [(ME, "Me"), (NOBODY, "Nobody")] + [
        (str(member.id), member.email)
        for member in accounts.active_members_of(get_session(), "resolution")]
    filtered = dataclasses.replace(filters, sort="urgent") != DEFAULT_FILTERS
    return render_template("staff/queue.html", queue=listing, filters=filters,
                           problems=problems, statuses=STATUS_LABELS, kinds=KIND_NAMES,
                           sorts=SORT_NAMES, assignee_options=options,
                           filtered=filtered), (400 if problems else 200)


@bp.get("/queue.csv")
@requires("resolution")
@unit_of_work
def queue_csv() -> ResponseReturnValue:
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
    return csv_response("intake-queue.csv",
                        casework.export_rows(listing, uk_today(), personal), columns)


def _case_or_404(reference: str) -> IntakeCase:
    case = casework.get_case(get_session(), reference)
    if case is None:
        abort(404)
    return case


@dataclass
class CaseForms:
    """Every form on the case page: the one just sent holds what was typed."""

    move: StatusForm | None
    assign: AssignForm
    categories: CategoriesForm | None
    contact: ContactForm
    update: UpdateForm
    note: NoteForm

    def every_form(self) -> list[FlaskForm]:
        forms = (self.move, self.assign, self.categories, self.contact, self.update,
                 self.note)
        return [form for form in forms if form is not None]

    def with_errors(self) -> bool:
        return any(field.errors for form in self.every_form() for field in form)


def _case_forms(case: IntakeCase, colleagues: list[StaffUser], sent: str = "") -> CaseForms:
    def given(name: str) -> dict[str, Any]:
        return {} if name == sent else {"formdata": None}

    next_statuses = allowed_next(case.kind, case.status)
    return CaseForms(
        move=status_form(next_statuses, **given("move")) if next_statuses else None,
        assign=assign_form(colleagues, case.assignee_id, **given("assign")),
        categories=(CategoriesForm(prefix="categories", data={"categories": case.categories},
                                   **given("categories"))
                    if case.kind == "complaint" else None),
        contact=contact_form(uk_today(), **given("contact")),
        update=UpdateForm(prefix="update", **given("update")),
        note=NoteForm(prefix="note", **given("note")),
    )


def _show(case: IntakeCase, forms: CaseForms) -> ResponseReturnValue:
    """The case page; every showing of it is in the audit log."""
    record("viewed case", case.reference)
    db = get_session()
    return render_template(
        "staff/case.html", case=case, forms=forms, statuses=STATUS_LABELS,
        kind_name=KIND_NAMES.get(case.kind, case.kind),
        channel=CHANNEL_NAMES.get(case.channel, case.channel),
        rows=case_rows(FLOWS[case.kind], case.answers, list(case.attachments)),
        support=support_rows(FLOWS[case.kind], case.answers),
        staff=accounts.accounts_by_id(db),
        deadline=casework.deadline_for(case, uk_today(), _targets()),
        methods=casework.CONTACT_METHODS,
    ), (400 if forms.with_errors() else 200)


def _colleagues() -> list[StaffUser]:
    return accounts.active_members_of(get_session(), "resolution")


@bp.get("/queue/<reference>")
@requires("resolution")
@unit_of_work
def case(reference: str) -> ResponseReturnValue:
    found = _case_or_404(reference)
    colleagues = _colleagues()
    return _show(found, _case_forms(found, colleagues))


def _case_page(case: IntakeCase) -> str:
    return url_for("staff.case", reference=case.reference)


def _sent(reference: str, form: str) -> tuple[IntakeCase, CaseForms]:
    """The case, and its page's forms with what was typed into the one sent."""
    found = _case_or_404(reference)
    return found, _case_forms(found, _colleagues(), form)


@bp.post("/queue/<reference>/status")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def move_case(reference: str) -> ResponseReturnValue:
    found, forms = _sent(reference, "move")
    form = forms.move
    if form is None:  # closed while the page was open: nothing left to move to
        return redirect(_case_page(found))
    form.validate_on_submit()
    answers = {field.name.removeprefix("move-"): (field.data or "") for field in form}
    if answers["status"]:
        for name, message in transition_problems(
                found.kind, found.status, answers["status"], answers.get("outcome", ""),
                answers["note"], answers.get("recommendations", "")).items():
            if not form[name].errors:
                form[name].errors.append(message)

    def move() -> Done:
        old = found.status
        casework.move(get_session(), found, g.staff_user, answers["status"],
                      answers.get("outcome", ""), answers["note"],
                      answers.get("recommendations", ""))
        return Done("changed the status of a case", found.reference,
                    f"Case {found.reference} moved to {STATUS_LABELS[found.status]}",
                    {"old": STATUS_LABELS[old], "new": STATUS_LABELS[found.status]})
    return act(not forms.with_errors(), move, lambda: _show(found, forms), _case_page(found))


@bp.post("/queue/<reference>/assignee")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def assign_case(reference: str) -> ResponseReturnValue:
    found, colleagues = _case_or_404(reference), _colleagues()
    forms = _case_forms(found, colleagues, "assign")
    form = forms.assign
    assignee: StaffUser | None = None
    if form.validate_on_submit():
        chosen = form.assignee.data or ""
        team = {str(member.id): member for member in colleagues}
        assignee = g.staff_user if chosen == ME else team.get(chosen)
        if assignee is None and chosen != NOBODY:
            form.assignee.errors = [*form.assignee.errors, "Select someone in the Resolution Team"]

    def assign() -> Done:
        casework.assign(get_session(), found, g.staff_user, assignee)
        who = "you" if assignee is g.staff_user else (
            assignee.email if assignee else "nobody")
        return Done("assigned a case", found.reference,
                    f"Case {found.reference} assigned to {who}",
                    {"to": assignee.email if assignee else "nobody"})
    return act(not forms.with_errors(), assign, lambda: _show(found, forms),
               _case_page(found))


@bp.post("/queue/<reference>/categories")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def categorise_case(reference: str) -> ResponseReturnValue:
    found, forms = _sent(reference, "categories")
    form = forms.categories
    if form is None:  # only complaints have IOPC categories
        abort(404)

    def categorise() -> Done:
        casework.set_categories(get_session(), found, g.staff_user,
                                form.categories.data or [])
        return Done("set the categories of a case", found.reference,
                    f"Categories saved for case {found.reference}",
                    {"categories": found.categories})
    return act(form.validate_on_submit(), categorise, lambda: _show(found, forms),
               _case_page(found))


@bp.post("/queue/<reference>/contacts")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def log_contact(reference: str) -> ResponseReturnValue:
    found, forms = _sent(reference, "contact")
    form = forms.contact

    def log() -> Done:
        assert form.on.data is not None  # the form validated: the date is required
        casework.log_contact(get_session(), found, g.staff_user, form.method.data or "",
                             form.on.data, form.summary.data or "")
        method = casework.CONTACT_METHODS[form.method.data or ""].lower()
        return Done("logged a contact on a case", found.reference,
                    f"Contact logged on case {found.reference}: {method} on "
                    f"{form.on.data.day} {form.on.data:%B %Y}")
    return act(form.validate_on_submit(), log, lambda: _show(found, forms),
               _case_page(found))


@bp.post("/queue/<reference>/updates")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def send_update(reference: str) -> ResponseReturnValue:
    found, forms = _sent(reference, "update")
    form = forms.update

    def send() -> Done | None:
        if not casework.send_update(get_session(), found, g.staff_user,
                                    form.message.data or "", current_app.config["OPCC_NAME"]):
            form.message.errors = [*form.message.errors,
                                   "This person did not give an email address: "
                                   "contact them another way"]
            return None
        return Done("sent an update on a case", found.reference,
                    f"Update sent to {found.answers['email'].strip()} about case "
                    f"{found.reference}")
    return act(form.validate_on_submit(), send, lambda: _show(found, forms),
               _case_page(found))


@bp.post("/queue/<reference>/notes")
@shows_expired_forms_again
@requires("resolution")
@unit_of_work
def add_note(reference: str) -> ResponseReturnValue:
    found, forms = _sent(reference, "note")

    def note() -> Done:
        casework.add_note(get_session(), found, g.staff_user, forms.note.text.data or "")
        return Done("added a note to a case", found.reference,
                    f"Note added to case {found.reference}")
    return act(forms.note.validate_on_submit(), note, lambda: _show(found, forms),
               _case_page(found))


@bp.get("/queue/<reference>/files/<int:attachment_id>")
@requires("resolution")
@unit_of_work
def attachment(reference: str, attachment_id: int) -> ResponseReturnValue:
    found = _case_or_404(reference)
    file = casework.get_attachment(get_session(), found, attachment_id)
    if file is None:
        abort(404)
    record("downloaded attachment", found.reference, attachment=file.id)
    path = Path(current_app.config["UPLOAD_PATH"]) / file.stored_name
    content_type = (file.content_type if file.content_type in SAFE_DOWNLOAD_TYPES
                    else "application/octet-stream")
    return send_file(path, mimetype=content_type, as_attachment=True,
                     download_name=file.original_name, max_age=0)
