"""Keeping closed cases no longer than needed: personal details are removed once the
retention period after closing has passed; what is left serves trend reporting."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.intake.models import CaseEvent, IntakeCase, OutboxAttempt, OutboxMessage

ANONYMISED = {"anonymised": "yes"}
# What the statistics need from the case history: status codes (the outcome among them),
# categories and how and when contact was made. Notes, summaries, outcome words and
# messages are what staff wrote about the person, and go.
STRUCTURED_DETAIL = ("old", "new", "categories", "method", "on")


@dataclass
class RetentionReport:
    references: list[str] = field(default_factory=list)
    files_deleted: int = 0


def expired_cases(session: Session, now: datetime, keep_for: timedelta) -> list[IntakeCase]:
    closed_long_ago = session.scalars(select(IntakeCase).where(
        IntakeCase.status == "closed", IntakeCase.closed_at < now - keep_for,
    ).order_by(IntakeCase.closed_at))
    return [case for case in closed_long_ago if case.answers != ANONYMISED]


def anonymise(session: Session, case: IntakeCase, upload_folder: Path) -> int:
    """Remove the person's answers, files and emails, and everything staff wrote about
    them: the outcome in words and the free text of the case history. Returns how many
    files were deleted."""
    files = 0
    for attachment in list(case.attachments):
        (upload_folder / attachment.stored_name).unlink(missing_ok=True)
        session.delete(attachment)
        files += 1
    message_ids = select(OutboxMessage.id).where(OutboxMessage.case_id == case.id)
    session.execute(delete(OutboxAttempt).where(OutboxAttempt.message_id.in_(message_ids)))
    session.execute(delete(OutboxMessage).where(OutboxMessage.case_id == case.id))
    for event in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)):
        event.detail = {key: event.detail[key] for key in STRUCTURED_DETAIL
                        if key in event.detail}
    case.answers = dict(ANONYMISED)
    case.outcome = ""
    return files


def apply_retention(session: Session, now: datetime, keep_for: timedelta,
                    upload_folder: Path, dry_run: bool = False) -> RetentionReport:
    report = RetentionReport()
    for case in expired_cases(session, now, keep_for):
        report.references.append(case.reference)
        if not dry_run:
            report.files_deleted += anonymise(session, case, upload_folder)
    return report
