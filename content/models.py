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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, synonym

from content.dates import FinancialYear, utcnow

SCRUTINY_KINDS = (
    "Accountability board meeting",
    "HMICFRS inspection response",
    "Independent custody visiting report",
    "Scrutiny panel",
    "Performance report",
)
ACTION_STATUSES = ("open", "in progress", "complete")

# Who an offer of a gift or hospitality was made to: an office holder, named, or a member of
# staff, known only by their role (the register never names staff).
OFFICE_HOLDERS = ("Police and Crime Commissioner", "Deputy Police and Crime Commissioner")
STAFF_MEMBER = "Member of staff"
RECIPIENT_TYPES = (*OFFICE_HOLDERS, STAFF_MEMBER)
GIFT_KINDS = ("Gift", "Hospitality")
GIFT_OUTCOMES = ("Accepted", "Declined")
# The kinds of interest the Specified Information Order names (Schedule, paragraph 1(e)).
INTEREST_CATEGORIES = ("Paid employment", "Office", "Other pecuniary interest", "Membership")
BUDGET_SECTIONS = ("income", "spending")


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


class GiftOffer(Timestamped, Base):
    """One offer of a gift or hospitality to the PCC, the Deputy or a member of staff,
    accepted or declined. A member of staff is known by their role, never by name."""

    __tablename__ = "gift_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    recipient_type: Mapped[str] = mapped_column(String(60))
    # The office holder's name; always empty for a member of staff.
    recipient_name: Mapped[str] = mapped_column(String(120), default="")
    # A member of staff's role ("Chief Executive"); for an office holder, their office.
    recipient_role: Mapped[str] = mapped_column(String(160))
    # Who the offer was made to, as the register shows it (name and office, or the role).
    recipient: Mapped[str] = mapped_column(String(300), index=True)
    offered_by: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    value_pence: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")

    @property
    def title(self) -> str:
        return self.description

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)


class Interest(Timestamped, Base):
    """One interest the PCC or the Deputy declared: when it was declared and, once it is
    over, when it ended. The register as it stood on a day is every interest declared by
    then and not ended before it."""

    __tablename__ = "interest"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    holder_name: Mapped[str] = mapped_column(String(120), index=True)
    office: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(60), index=True)
    description: Mapped[str] = mapped_column(String(1000))
    declared_on: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date, index=True)
    # Listings of every kind are ordered by the record's date: an interest's is its declaration.
    date = synonym("declared_on")

    @property
    def title(self) -> str:
        return self.description

    @property
    def holder(self) -> str:
        return f"{self.holder_name}, {self.office}"


class Budget(Timestamped, Base):
    """The budget and precept of one financial year: the total, the Band D precept and the
    whole precept, each expected source of income and each heading of proposed spending."""

    __tablename__ = "budget"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "2026-27": the year's address and the key re-imports update by.
    slug: Mapped[str] = mapped_column(String(10), unique=True)
    start_year: Mapped[int] = mapped_column(Integer, unique=True)
    total_pence: Mapped[int] = mapped_column(Integer)
    band_d_pence: Mapped[int] = mapped_column(Integer)
    precept_pence: Mapped[int] = mapped_column(Integer)
    approved_on: Mapped[date] = mapped_column(Date, index=True)
    decision_reference: Mapped[str] = mapped_column(String(40), default="")
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    date = synonym("approved_on")

    lines: Mapped[list["BudgetLine"]] = relationship(
        back_populates="budget", cascade="all, delete-orphan", order_by="BudgetLine.position",
    )

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def title(self) -> str:
        return f"Budget and precept {self.financial_year.label}"

    @property
    def income(self) -> list["BudgetLine"]:
        return [line for line in self.lines if line.section == "income"]

    @property
    def spending(self) -> list["BudgetLine"]:
        return [line for line in self.lines if line.section == "spending"]

    @property
    def income_pence(self) -> int:
        return sum(line.amount_pence for line in self.income)

    @property
    def spending_pence(self) -> int:
        return sum(line.amount_pence for line in self.spending)


class BudgetLine(Base):
    """One expected source of income, or one heading of proposed spending, of a budget."""

    __tablename__ = "budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"),
                                           index=True)
    section: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(200))
    amount_pence: Mapped[int] = mapped_column(Integer)

    budget: Mapped[Budget] = relationship(back_populates="lines")


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
