"""Reminding a report's response owner, by email through the outbox, as the section 55
clock runs down: a step of `portal worker`. Each reminder is recorded as it is queued, in
the same transaction, so it is sent once however often the worker runs."""

from datetime import date

from sqlalchemy.orm import Session

from content import queries
from content.inspections import ClockRules, clock_of, reminder_message, reminders_due
from content.models import InspectionReminder
from portal.intake.models import OutboxMessage

# Where the reminder sends its reader, under the portal's own address.
STAFF_PAGE = "/staff/content/hmicfrs-reports/{id}"


def queue_reminders(session: Session, today: date, rules: ClockRules, office: str) -> int:
    """Queue every reminder due today to the owners of published reports whose response
    is awaited; returns how many. A report with no owner's address waits until it has one."""
    queued = 0
    for inspection in queries.reports_to_remind_about(session):
        sent = queries.reminders_sent(session, inspection.id)
        for days in reminders_due(inspection, today, rules, sent):
            clock = clock_of(inspection, today, rules)
            assert clock is not None
            message = reminder_message(inspection, clock, office,
                                       STAFF_PAGE.format(id=inspection.id))
            session.add(OutboxMessage(**message))
            session.add(InspectionReminder(inspection_id=inspection.id, days_before=days,
                                           sent_on=today))
            queued += 1
    session.flush()
    return queued
