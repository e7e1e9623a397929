"""Working the intake queue: listing with clocks, and every change recorded on the case."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from content.dates import uk_date, utcnow
from portal.intake.clocks import (
    Deadline,
    Targets,
    next_deadline,
    working_days_between,
)
from portal.intake.models import CaseEvent, IntakeAttachment, IntakeCase, OutboxMessage
from portal.intake.workflow import IOPC_CATEGORIES, check_transition
from portal.staff.models import StaffUser

CONTACT_METHODS = {"call": "Telephone call", "email": "Email", "letter": "Letter",
                   "meeting": "Meeting"}


@dataclass(frozen=True)
class QueueFilters:
    kind: str | None = None
    status: str | None = None  # a status, or "open" for everything not closed
    assignee: int | str | None = None  # a staff id, or "none" for unassigned
    overdue: bool = False
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "urgent"  # or "newest"


@dataclass
class QueueRow:
    case: IntakeCase
    deadline: Deadline | None
    assignee: StaffUser | None


@dataclass
class Queue:
    rows: list[QueueRow]
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0


def deadline_for(case: IntakeCase, today: date, targets: Targets) -> Deadline | None:
    last = uk_date(case.last_update_at) if case.last_update_at else None
    return next_deadline(case.kind, case.status, uk_date(case.received_at), last, today,
                         targets)


DEFAULT_TARGETS = Targets()


def list_queue(session: Session, filters: QueueFilters, today: date,
               targets: Targets = DEFAULT_TARGETS) -> Queue:
    statement = select(IntakeCase).order_by(IntakeCase.received_at.desc(), IntakeCase.id.desc())
    if filters.kind:
        statement = statement.where(IntakeCase.kind == filters.kind)
    if filters.status == "open":
        statement = statement.where(IntakeCase.status != "closed")
    elif filters.status:
        statement = statement.where(IntakeCase.status == filters.status)
    if filters.assignee == "none":
        statement = statement.where(IntakeCase.assignee_id.is_(None))
    elif isinstance(filters.assignee, int):
        statement = statement.where(IntakeCase.assignee_id == filters.assignee)
    earliest, latest = filters.received_from or date.min, filters.received_to or date.max
    cases = [case for case in session.scalars(statement)
             if earliest <= uk_date(case.received_at) <= latest]
    staff = {user.id: user for user in session.scalars(select(StaffUser))}
    rows = [QueueRow(case, deadline_for(case, today, targets), staff.get(case.assignee_id or 0))
            for case in cases]
    queue = Queue([], {}, sum(1 for row in rows if row.deadline and row.deadline.overdue))
    for row in rows:
        queue.by_status[row.case.status] = queue.by_status.get(row.case.status, 0) + 1
    if filters.overdue:
        rows = [row for row in rows if row.deadline and row.deadline.overdue]
    if filters.sort == "urgent":
        rows.sort(key=lambda row: (row.deadline is None,
                                   row.deadline.due if row.deadline else date.max))
    queue.rows = rows
    return queue


def get_case(session: Session, reference: str) -> IntakeCase | None:
    return session.scalar(select(IntakeCase).where(IntakeCase.reference == reference.upper())
                          .options(selectinload(IntakeCase.events),
                                   selectinload(IntakeCase.attachments)))


def get_attachment(session: Session, case: IntakeCase,
                   attachment_id: int) -> IntakeAttachment | None:
    """One of the case's files (never another case's, whatever the number asked for)."""
    return session.scalar(select(IntakeAttachment).where(
        IntakeAttachment.id == attachment_id, IntakeAttachment.case_id == case.id))


def _record(session: Session, case: IntakeCase, user: StaffUser, kind: str,
            **detail: Any) -> None:
    session.add(CaseEvent(case_id=case.id, user_id=user.id, kind=kind, detail=detail))


def move(session: Session, case: IntakeCase, user: StaffUser, new_status: str,
         outcome: str = "", note: str = "", recommendations: str = "") -> None:
    """Change the status if the workflow allows it (TransitionRefused says why not)."""
    check_transition(case.kind, case.status, new_status, outcome, note, recommendations)
    _record(session, case, user, "status", old=case.status, new=new_status,
            note=note.strip(), recommendations=recommendations.strip())
    case.status = new_status
    if new_status == "acknowledged":
        case.last_update_at = utcnow()
    if new_status == "closed":
        case.closed_at, case.outcome = utcnow(), outcome.strip()


def assign(session: Session, case: IntakeCase, user: StaffUser,
           assignee: StaffUser | None) -> None:
    _record(session, case, user, "assigned", to=assignee.email if assignee else None)
    case.assignee_id = assignee.id if assignee else None


def set_categories(session: Session, case: IntakeCase, user: StaffUser,
                   categories: list[str]) -> None:
    chosen = [category for category in IOPC_CATEGORIES if category in categories]
    _record(session, case, user, "categories", categories=chosen)
    case.categories = chosen


def log_contact(session: Session, case: IntakeCase, user: StaffUser, method: str, on: date,
                summary: str) -> None:
    if method not in CONTACT_METHODS:
        raise ValueError("Select how you were in contact")
    _record(session, case, user, "contact", method=method, on=on.isoformat(),
            summary=summary.strip())
    case.last_update_at = utcnow()


def add_note(session: Session, case: IntakeCase, user: StaffUser, text: str) -> None:
    _record(session, case, user, "note", text=text.strip())


def send_update(session: Session, case: IntakeCase, user: StaffUser, message: str,
                office: str) -> bool:
    """Queue an update email to the person, if they gave an email address."""
    email = (case.answers.get("email") or "").strip()
    if not email:
        return False
    body = (f"Your reference: {case.reference}\n\n{message.strip()}\n\n"
            f"If you have any questions, reply to this email or contact us, quoting your "
            f"reference.\n\n{office}\n")
    session.add(OutboxMessage(case_id=case.id, purpose="update", recipient=email,
                              subject=f"An update on your {case.kind}: {case.reference}",
                              body=body))
    _record(session, case, user, "update sent", message=message.strip())
    case.last_update_at = utcnow()
    return True


EXPORT_COLUMNS = ("reference", "type", "received", "status", "assigned_to", "categories",
                  "outcome", "closed", "working_days_taken", "overdue")
PERSONAL_COLUMNS = ("full_name", "email", "phone", "address")


def export_rows(queue: Queue, today: date, personal: bool = False) -> list[dict[str, Any]]:
    """The queue for trend reporting: no personal details unless asked for."""
    rows = []
    for row in queue.rows:
        case = row.case
        received = uk_date(case.received_at)
        finished = uk_date(case.closed_at) if case.closed_at else today
        line: dict[str, Any] = {
            "reference": case.reference, "type": case.kind, "received": received.isoformat(),
            "status": case.status, "assigned_to": row.assignee.email if row.assignee else "",
            "categories": "; ".join(case.categories), "outcome": case.outcome,
            "closed": uk_date(case.closed_at).isoformat() if case.closed_at else "",
            "working_days_taken": working_days_between(received, finished),
            "overdue": "yes" if row.deadline and row.deadline.overdue else "no",
        }
        if personal:
            line.update({name: case.answers.get(name) or "" for name in PERSONAL_COLUMNS})
        rows.append(line)
    return rows
