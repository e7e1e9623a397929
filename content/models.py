"""The published records and their tables.

Markdown written by staff is stored beside the HTML it was rendered to at save time, so
pages never render markdown on the way out.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from content.dates import FinancialYear, utcnow

SCRUTINY_KINDS = (
    "Accountability board meeting",
    "HMICFRS inspection response",
    "Independent custody visiting report",
    "Scrutiny panel",
    "Performance report",
)
ACTION_STATUSES = ("open", "in progress", "complete")


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as UTC and always handed back timezone-aware, on any database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # When a publisher has scheduled it: `portal worker` publishes it at that moment.
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Decision(Timestamped, Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date] = mapped_column(Date, index=True)
    decision_maker: Mapped[str] = mapped_column(String(120), index=True)
    category: Mapped[str] = mapped_column(String(120), index=True)
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    financial_implications_markdown: Mapped[str] = mapped_column(Text, default="")
    financial_implications_html: Mapped[str] = mapped_column(Text, default="")
    amount_pence: Mapped[int | None] = mapped_column(Integer)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def year(self) -> int:
        return self.date.year


class Expense(Timestamped, Base):
    """One line of a claim for allowances or expenses by the PCC or Deputy PCC."""

    __tablename__ = "expense"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    claimant: Mapped[str] = mapped_column(String(120), index=True)
    category: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str] = mapped_column(String(500))
    amount_pence: Mapped[int] = mapped_column(Integer)

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)


class Policy(Timestamped, Base):
    """One version of a policy. Versions share a slug; the newest approved one is current."""

    __tablename__ = "policy"
    __table_args__ = (UniqueConstraint("slug", "version", name="uq_policy_slug_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(120), index=True)
    approved: Mapped[date] = mapped_column(Date)
    review_due: Mapped[date | None] = mapped_column(Date, index=True)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")

    def review_overdue(self, today: date) -> bool:
        return self.is_current and self.review_due is not None and self.review_due < today


class ScrutinyOutcome(Timestamped, Base):
    __tablename__ = "scrutiny_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date] = mapped_column(Date, index=True)
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")

    actions: Mapped[list["ScrutinyAction"]] = relationship(
        back_populates="outcome", cascade="all, delete-orphan", order_by="ScrutinyAction.position",
    )

    def open_actions(self) -> list["ScrutinyAction"]:
        return [action for action in self.actions if action.status != "complete"]


class ScrutinyAction(Base):
    """Something the force or the OPCC agreed to do, with who owns it and by when."""

    __tablename__ = "scrutiny_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("scrutiny_outcome.id", ondelete="CASCADE"), index=True,
    )
    position: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(160))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)

    outcome: Mapped[ScrutinyOutcome] = relationship(back_populates="actions")

    def overdue(self, today: date) -> bool:
        return self.status != "complete" and self.due is not None and self.due < today


INSPECTION_TYPES = ("PEEL inspection", "Thematic inspection", "National inspection",
                    "Force-specific inspection")
FINDING_KINDS = ("recommendation", "area for improvement")
RECOMMENDATION_STATUSES = ("open", "in progress", "closed")


class Inspection(Timestamped, Base):
    """A report of His Majesty's Inspectorate of Constabulary and Fire & Rescue Services,
    with the Commissioner's section 55 response to it once that is published."""

    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    inspection_type: Mapped[str] = mapped_column(String(60), index=True)
    # The day the comments and response were published; None while they are due. (Named
    # before `date`, which hides the type of that name in the rest of the class.)
    response_published_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The day the inspectorate published the report: the 56-day clock starts on it.
    date: Mapped[date] = mapped_column(Date, index=True)
    report_url: Mapped[str] = mapped_column(String(500))
    force_is_subject: Mapped[bool] = mapped_column(Boolean, default=True)
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    pcc_comments_markdown: Mapped[str] = mapped_column(Text, default="")
    pcc_comments_html: Mapped[str] = mapped_column(Text, default="")
    chief_constable_comments_markdown: Mapped[str] = mapped_column(Text, default="")
    chief_constable_comments_html: Mapped[str] = mapped_column(Text, default="")
    response_markdown: Mapped[str] = mapped_column(Text, default="")
    response_html: Mapped[str] = mapped_column(Text, default="")
    # Who is reminded as the response falls due. Staff only: never shown or exported.
    response_owner_email: Mapped[str] = mapped_column(String(320), default="")

    recommendations: Mapped[list["InspectionRecommendation"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan",
        order_by="InspectionRecommendation.position",
    )

    @property
    def chain_is_public(self) -> bool:
        """Whether what is being done about each recommendation (its response, action and
        progress) is public: once the response is published, or at once for a report that
        asks no response of the Commissioner. Until then it is the office's working draft."""
        return self.response_published_on is not None or not self.force_is_subject

    def open_recommendations(self) -> list["InspectionRecommendation"]:
        return [item for item in self.recommendations if item.status != "closed"]


class InspectionRecommendation(Base):
    """A recommendation or area for improvement in a report, with its chain: the response
    to it, the action (owner, due date, status), dated progress and closure with evidence."""

    __tablename__ = "inspection_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    finding: Mapped[str] = mapped_column(String(30))
    response: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(160), default="", index=True)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    # Dated progress updates, oldest first: [{"date": "2026-03-05", "update": "…"}].
    progress: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    closure_evidence: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Slugs of the scrutiny outcomes where it was discussed, separated by spaces.
    scrutiny: Mapped[str] = mapped_column(String(1000), default="")

    inspection: Mapped[Inspection] = relationship(back_populates="recommendations")

    @property
    def scrutiny_slugs(self) -> list[str]:
        return self.scrutiny.split()

    def overdue(self, today: date) -> bool:
        return self.status != "closed" and self.due is not None and self.due < today


class InspectionReminder(Base):
    """A reminder that the response to a report is due, sent once to its owner."""

    __tablename__ = "inspection_reminder"
    __table_args__ = (UniqueConstraint("inspection_id", "days_before",
                                       name="uq_inspection_reminder_inspection_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    days_before: Mapped[int] = mapped_column(Integer)
    sent_on: Mapped[date] = mapped_column(Date)


class ListValue(Base):
    """One value of a managed list (see `content.managed_lists`). Records keep the value's
    words in their own column; this row says the words are an agreed choice, and `key`
    (the words reduced to what tells names apart) keeps near-duplicates out."""

    __tablename__ = "list_value"
    __table_args__ = (UniqueConstraint("list_name", "key", name="uq_list_value_list_name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(120))
    key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SiteSetting(Base):
    """Small facts about the installation, such as whether the demo data set is loaded."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SearchPending(Base):
    """A record whose entry in the search index must be brought up to date."""

    __tablename__ = "search_pending"
    # Numbers are never reused (SQLite would otherwise hand a deleted row's number to the
    # next one), so deleting the rows a worker has applied can never delete newer work.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Revision(Base):
    """The honest history of a published record: each edit keeps what was published before
    with the publisher's note, and each withdrawal or republication keeps its reason."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # edited, withdrawn or republished
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text)
    # For an edit: the fields as they were published before it.
    previous: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RecordFile(Base):
    """A PDF published with a decision or scrutiny outcome. Its text goes into the search
    index; the file itself is kept outside the web root under a random name."""

    __tablename__ = "record_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
