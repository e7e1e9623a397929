"""Staff accounts, their signed-in sessions, and the audit log."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from content.dates import utcnow
from content.models import Base, UTCDateTime

ROLES = ("publisher", "resolution", "admin")
# What each role is called on the staff pages, and what it lets someone do.
ROLE_NAMES = {"publisher": "Publisher", "resolution": "Resolution Team",
              "admin": "Administrator"}
ROLE_HINTS = {"publisher": "Publishes decisions, scrutiny outcomes, policies and expenses",
              "resolution": "Works the intake queue: complaints, compliments and reviews",
              "admin": "Manages staff accounts, reads the audit log, answers subject access "
                       "requests"}
# Roles that can see complainants' personal data must use two-factor authentication.
ROLES_NEEDING_TWO_FACTOR = ("resolution", "admin")


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last time step whose code was accepted: a code works once only.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    recovery_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list["StaffSession"]] = relationship(back_populates="user")

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def needs_two_factor(self) -> bool:
        return self.has_role(*ROLES_NEEDING_TWO_FACTOR)

    @property
    def has_two_factor(self) -> bool:
        return self.totp_confirmed_at is not None


class StaffSession(Base):
    """A sign-in, known to the server, so signing out or an idle timeout ends it for good
    (a cookie alone could be replayed)."""

    __tablename__ = "staff_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    # "password" after the password, "complete" after the second factor (or none needed).
    stage: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[StaffUser] = relationship(back_populates="sessions")


class AuditEvent(Base):
    """Who did what, and when: sign-ins, changes, and every view of personal data."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120), default="")
    # Where the action came from: the client's network address, or "command line".
    client: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
