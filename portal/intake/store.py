"""Drafts and submissions: answers kept between pages, and a case stored exactly once."""

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from content.dates import utcnow
from portal.intake.models import (
    EqualityResponse,
    IntakeAttachment,
    IntakeCase,
    IntakeDraft,
    OutboxMessage,
)
from portal.intake.rules import new_reference

EQUALITY_KEY = "equality"


def draft_idle_limit(config: Mapping[str, Any]) -> timedelta:
    """How long unsent answers last without activity: short (an hour unless configured),
    because the next person at a shared computer could read them."""
    return timedelta(minutes=int(config["DRAFT_TIMEOUT_MINUTES"]))


def new_draft(session: Session, kind: str) -> IntakeDraft:
    draft = IntakeDraft(id=secrets.token_urlsafe(32), kind=kind, answers={"_done": []})
    session.add(draft)
    return draft


def find_draft(session: Session, draft_id: str | None, kind: str) -> IntakeDraft | None:
    """The draft of this kind the person's cookie names, sent, ended or open."""
    if not draft_id:
        return None
    draft = session.get(IntakeDraft, draft_id)
    return draft if draft is not None and draft.kind == kind else None


def has_ended(draft: IntakeDraft, idle_limit: timedelta, now: datetime | None = None) -> bool:
    """An unsent draft nobody has touched for `idle_limit` has ended."""
    return draft.case_id is None and draft.updated_at <= (now or utcnow()) - idle_limit


def seconds_left(draft: IntakeDraft, idle_limit: timedelta, now: datetime | None = None) -> int:
    """How long the answers are kept if nothing more happens."""
    remaining = draft.updated_at + idle_limit - (now or utcnow())
    return max(0, int(remaining.total_seconds()))


def keep_going(draft: IntakeDraft) -> None:
    """The person is still there (typing, or said to keep their answers)."""
    draft.updated_at = utcnow()


def delete_draft(session: Session, draft: IntakeDraft) -> list[str]:
    """Delete an unsent draft and its files' rows now; returns the stored names of the
    files, to remove once this is committed. A sent draft keeps everything."""
    if draft.case_id is not None:
        return []
    files = [attachment.stored_name for attachment in draft.attachments]
    for attachment in draft.attachments:
        session.delete(attachment)
    session.delete(draft)
    return files


def save_answers(draft: IntakeDraft, page: str, answers: dict[str, Any]) -> None:
    """Record one page's answers (a new dict, so the JSON column sees the change)."""
    merged = {**draft.answers, **answers}
    merged["_done"] = [*[done for done in draft.answers.get("_done", []) if done != page], page]
    draft.answers = merged
    draft.updated_at = utcnow()


@dataclass
class Submitted:
    case: IntakeCase
    is_new: bool


def submit(session: Session, draft: IntakeDraft, answers: dict[str, Any],
           mail_for: Callable[[IntakeCase], list[dict[str, str]]]) -> Submitted:
    """Turn the draft into a case, with its files, equality answers and mail, in one
    transaction. `answers` are the ones on the person's final path through the questions.
    A second submit of the same draft (a double click, a refresh, the back button) finds
    the first case instead of storing another."""
    if draft.case_id is not None:
        return Submitted(session.get(IntakeCase, draft.case_id), False)  # type: ignore[arg-type]
    equality = draft.answers.get(EQUALITY_KEY)
    case = _insert_case(session, draft.kind, answers)
    claimed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(IntakeDraft).where(IntakeDraft.id == draft.id, IntakeDraft.case_id.is_(None))
        .values(case_id=case.id, answers={}, updated_at=utcnow()))
    if claimed.rowcount != 1:  # another request submitted this draft a moment ago
        session.rollback()
        session.refresh(draft)
        return Submitted(session.get(IntakeCase, draft.case_id), False)  # type: ignore[arg-type]
    session.execute(update(IntakeAttachment).where(IntakeAttachment.draft_id == draft.id)
                    .values(case_id=case.id))
    if equality and any(equality.values()):
        session.add(EqualityResponse(kind=draft.kind, month=case.received_at.strftime("%Y-%m"),
                                     answers=equality))
    for message in mail_for(case):
        session.add(OutboxMessage(case_id=case.id, **message))
    session.commit()
    session.refresh(draft)
    return Submitted(case, True)


def _insert_case(session: Session, kind: str, answers: dict[str, Any]) -> IntakeCase:
    """Insert the case under a new random reference not used before.

    Two submissions drawing the same unused reference at the same instant (a chance of
    about one in 500 billion) would hit the unique constraint and be shown their answers
    again with a request to press the button once more; nothing is stored twice.
    """
    reference = new_reference(kind)
    while session.scalar(select(IntakeCase.id).where(IntakeCase.reference == reference)):
        reference = new_reference(kind)
    case = IntakeCase(reference=reference, kind=kind, status="received", channel="web",
                      received_at=utcnow(), answers=answers)
    session.add(case)
    session.flush()
    return case


def find_case(session: Session, case_id: int) -> IntakeCase | None:
    return session.get(IntakeCase, case_id)


def expired_drafts(session: Session, idle_limit: timedelta,
                   now: datetime | None = None) -> list[IntakeDraft]:
    """Unsent drafts untouched for `idle_limit`. On PostgreSQL they are locked as they
    are read, skipping any that a request is saving or sending at this moment."""
    limit = (now or utcnow()) - idle_limit
    return list(session.scalars(select(IntakeDraft).where(
        IntakeDraft.case_id.is_(None), IntakeDraft.updated_at <= limit,
    ).with_for_update(skip_locked=True)))


def delete_drafts(session: Session, drafts: list[IntakeDraft], idle_limit: timedelta,
                  now: datetime | None = None) -> tuple[int, list[str]]:
    """Delete those of the drafts still unsent and expired, with their files' rows; returns
    how many went and the stored names of their files, to remove once this is committed.

    Checked again as they are deleted: on SQLite nothing is locked between reading and
    deleting, and a draft sent or saved meanwhile must keep its answers and its files.
    """
    limit = (now or utcnow()) - idle_limit
    still_expired = select(IntakeDraft.id).where(
        IntakeDraft.id.in_([draft.id for draft in drafts]), IntakeDraft.case_id.is_(None),
        IntakeDraft.updated_at <= limit)
    files = list(session.execute(
        delete(IntakeAttachment).where(IntakeAttachment.draft_id.in_(still_expired),
                                       IntakeAttachment.case_id.is_(None))
        .returning(IntakeAttachment.stored_name)).scalars())
    deleted: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        delete(IntakeDraft).where(IntakeDraft.id.in_(still_expired)))
    return deleted.rowcount, files
