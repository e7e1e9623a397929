"""Sending the outbox: each message claimed, sent and recorded in its own transaction, so
a worker that stops half-way loses nothing (a claimed message is retried once its claim
runs out) and submissions never wait for, or fail because of, the mail server."""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from content.dates import utcnow
from portal.intake.models import OutboxAttempt, OutboxMessage
from portal.intake.store import delete_drafts, expired_drafts

log = logging.getLogger(__name__)

CLAIM_FOR = timedelta(minutes=5)
MAX_ATTEMPTS = 10
LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 15.0


def retry_delay(attempts: int) -> timedelta:
    """1 minute after the first failure, then doubling, never more than 6 hours."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def send_over_smtp(settings: MailSettings, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = settings.sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    email.set_content(message.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(email)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


Sender = Callable[[OutboxMessage], None]


def deliver_due(sessions: sessionmaker[Session], send: Sender,
                now: Callable[[], datetime] = utcnow) -> Delivery:
    """Send every message that is due; returns how many went and how many failed.

    Any number of workers, on any number of servers, may run this at once: each message
    is claimed by one of them before it is sent.
    """
    delivery = Delivery()
    while (message_id := _claim_next(sessions, now())) is not None:
        if _deliver_claimed(sessions, message_id, send, now):
            delivery.sent += 1
        else:
            delivery.failed += 1
    return delivery


def _is_due(now: datetime) -> ColumnElement[bool]:
    return and_(OutboxMessage.status == "waiting", OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))


def _claim_next(sessions: sessionmaker[Session], now: datetime) -> int | None:
    """Claim the next due message for this worker, one at a time so that a claim never
    runs out while the message waits behind others being sent.

    On PostgreSQL the candidate row is locked with FOR UPDATE SKIP LOCKED: workers
    claiming at the same moment each get a different message and never wait for one
    another. SQLite has no row locks (the clause is left out) but lets one writer in at a
    time, so there the conditional UPDATE alone decides; on PostgreSQL it is a harmless
    second check.
    """
    with sessions() as session:
        while True:
            candidate = session.scalar(
                select(OutboxMessage.id).where(_is_due(now))
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(1)
                .with_for_update(skip_locked=True))
            if candidate is None:
                return None
            claimed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(OutboxMessage).where(OutboxMessage.id == candidate, _is_due(now))
                .values(claimed_until=now + CLAIM_FOR))
            session.commit()
            if claimed.rowcount == 1:
                return candidate


def _deliver_claimed(sessions: sessionmaker[Session], message_id: int, send: Sender,
                     now: Callable[[], datetime]) -> bool:
    with sessions() as session:
        message = session.get(OutboxMessage, message_id)
        assert message is not None
        try:
            send(message)
        except (OSError, smtplib.SMTPException) as error:
            _record(session, message, now(), False, _describe(error))
            return False
        _record(session, message, now(), True, "")
        return True


def _record(session: Session, message: OutboxMessage, at: datetime, succeeded: bool,
            detail: str) -> None:
    message.attempts += 1
    message.claimed_until = None
    session.add(OutboxAttempt(message_id=message.id, attempted_at=at, succeeded=succeeded,
                              detail=detail[:500]))
    if succeeded:
        message.status, message.sent_at = "sent", at
    elif message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
        log.error("Outbox message %s failed %s times; it will not be tried again",
                  message.id, message.attempts)
    else:
        message.next_attempt_at = at + retry_delay(message.attempts)
        log.warning("Outbox message %s not sent (attempt %s): %s", message.id,
                    message.attempts, detail)
    session.commit()


def _describe(error: Exception) -> str:
    """What went wrong, without addresses or content (a refusal can quote the recipient)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: the mail server answered {error.smtp_code}"
    if isinstance(error, smtplib.SMTPException):
        return type(error).__name__
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return f"{type(error).__name__}: {reason}"


def purge_expired_drafts(sessions: sessionmaker[Session], upload_folder: Path,
                         idle_limit: timedelta) -> int:
    """Delete unsent answers (and their files) untouched for `idle_limit`, including
    those of people who never came back to be told."""
    with sessions() as session:
        drafts = expired_drafts(session, idle_limit)
        if not drafts:
            return 0
        count, files = delete_drafts(session, drafts, idle_limit)
        session.commit()
    for stored_name in files:
        (upload_folder / stored_name).unlink(missing_ok=True)
    return count
