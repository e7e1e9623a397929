"""The intake queue and what feeds it: drafts, submitted cases, their files, equality
monitoring answers (kept apart from the cases) and the mail outbox."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from content.dates import utcnow
from content.models import Base, UTCDateTime

CASE_KINDS = ("complaint", "compliment", "review")
KIND_NAMES = {"complaint": "Complaint", "compliment": "Compliment",
              "review": "Request for a review"}
# How a case reached us.
CHANNEL_NAMES = {"web": "Online form", "phone": "Telephone", "email": "Email",
                 "letter": "Letter"}


class IntakeDraft(Base):
    """Answers given so far, kept on the server under an unguessable id held in the
    person's session cookie. Submitting turns a draft into a case exactly once."""

    __tablename__ = "intake_draft"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("intake_case.id"), unique=True)

    case: Mapped["IntakeCase | None"] = relationship()
    attachments: Mapped[list["IntakeAttachment"]] = relationship(
        back_populates="draft", order_by="IntakeAttachment.id")


class IntakeCase(Base):
    """One complaint, compliment or review request in the queue, answers as submitted."""

    __tablename__ = "intake_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(40), default="received", index=True)
    channel: Mapped[str] = mapped_column(String(20), default="web")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[str] = mapped_column(Text, default="")
    last_update_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attachments: Mapped[list["IntakeAttachment"]] = relationship(
        back_populates="case", order_by="IntakeAttachment.id")
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id")


class CaseEvent(Base):
    """The case's history: status changes, assignments, categories, the contact log
    (calls, emails, letters, meetings) and internal notes."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("intake_case.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[IntakeCase] = relationship(back_populates="events")


class IntakeAttachment(Base):
    """A file someone sent with their answers, stored outside the web root under a random
    name; the name they gave it is kept only to show back to them and to staff."""

    __tablename__ = "intake_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[str | None] = mapped_column(
        ForeignKey("intake_draft.id", ondelete="SET NULL"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("intake_case.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    draft: Mapped[IntakeDraft | None] = relationship(back_populates="attachments")
    case: Mapped[IntakeCase | None] = relationship(back_populates="attachments")


class EqualityResponse(Base):
    """Optional equality monitoring answers. Deliberately not linked to any case: only
    the kind of submission and the month it came in are kept beside them."""

    __tablename__ = "equality_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    month: Mapped[str] = mapped_column(String(7))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)


class OutboxMessage(Base):
    """An email waiting to be sent (or sent) by `portal worker`."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("intake_case.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="waiting", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt_log: Mapped[list["OutboxAttempt"]] = relationship(
        back_populates="message", order_by="OutboxAttempt.id")


class OutboxAttempt(Base):
    """One try at sending a message, and what the mail server said."""

    __tablename__ = "outbox_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    succeeded: Mapped[bool]
    detail: Mapped[str] = mapped_column(String(500), default="")

    message: Mapped[OutboxMessage] = relationship(back_populates="attempt_log")
