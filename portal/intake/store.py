"""Drafts and submissions: answers kept between pages, and a case stored exactly once."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
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

DRAFT_LIFETIME = timedelta(hours=24)
EQUALITY_KEY = "equality"


def new_draft(session: Session, kind: str) -> IntakeDraft:
    draft = IntakeDraft(id=secrets.token_urlsafe(32), kind=kind, answers={"_done": []})
    session.add(draft)
    return draft


def get_draft(session: Session, draft_id: str | None, kind: str,
              now: datetime | None = None) -> IntakeDraft | None:
    """The person's draft of this kind, unless it has expired or was never theirs."""
    if not draft_id:
        return None
    draft = session.get(IntakeDraft, draft_id)
    if draft is None or draft.kind != kind:
        return None
    if draft.case_id is None and draft.updated_at < (now or utcnow()) - DRAFT_LIFETIME:
        return None
    return draft


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
    claimed = session.execute(
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


def expired_drafts(session: Session, now: datetime | None = None) -> list[IntakeDraft]:
    """Unsent drafts untouched for a day. On PostgreSQL they are locked as they are read,
    skipping any that a request is saving or sending at this moment."""
    limit = (now or utcnow()) - DRAFT_LIFETIME
    return list(session.scalars(select(IntakeDraft).where(
        IntakeDraft.case_id.is_(None), IntakeDraft.updated_at < limit,
    ).with_for_update(skip_locked=True)))


def delete_drafts(session: Session, drafts: list[IntakeDraft],
                  now: datetime | None = None) -> tuple[int, list[str]]:
    """Delete those of the drafts still unsent and expired, with their files' rows; returns
    how many went and the stored names of their files, to remove once this is committed.

    Checked again as they are deleted: on SQLite nothing is locked between reading and
    deleting, and a draft sent or saved meanwhile must keep its answers and its files.
    """
    limit = (now or utcnow()) - DRAFT_LIFETIME
    still_expired = select(IntakeDraft.id).where(
        IntakeDraft.id.in_([draft.id for draft in drafts]), IntakeDraft.case_id.is_(None),
        IntakeDraft.updated_at < limit)
    files = list(session.execute(
        delete(IntakeAttachment).where(IntakeAttachment.draft_id.in_(still_expired),
                                       IntakeAttachment.case_id.is_(None))
        .returning(IntakeAttachment.stored_name)).scalars())
    deleted = session.execute(delete(IntakeDraft).where(IntakeDraft.id.in_(still_expired)))
    return deleted.rowcount, files
