"""The published records and their tables.

Markdown written by staff is stored beside the HTML it was rendered to at save time, so
pages never render markdown on the way out.
"""

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, synonym

from content.dates import FinancialYear, utcnow

# `date` itself inside a class with a `date` column.
Day = date

SCRUTINY_KINDS = (
    "Accountability board meeting",
    "HMICFRS inspection response",
    "Independent custody visiting report",
    "Scrutiny panel",
    "Performance report",
)
ACTION_STATUSES = ("open", "in progress", "complete")
# Who, of the Commissioner and the Chief Constable, is a party to a contract: the Order
# asks for every contract either of them signs.
CONTRACT_PARTIES = ("Police and Crime Commissioner", "Chief Constable",
                    "Police and Crime Commissioner and Chief Constable")
CONTRACT_STATUSES = ("not started", "current", "ended")
TENDER_STATUSES = ("open", "closed")
# Minutes are drafted after a meeting and approved, usually at the next one.
MINUTES_STATUSES = ("none", "draft", "approved")
MaybeDate = date | None
# Why part of a decision may be withheld, in the plain words of the exemptions in the
# Freedom of Information Act 2000 and the Local Government Act 1972 (Schedule 12A).
EXEMPTION_GROUNDS = (
    "Personal information",
    "Commercially sensitive",
    "Legal advice",
    "Law enforcement",
    "Information given in confidence",
    "Health and safety",
    "National security",
    "Staff and employee relations",
    "Intended for future publication",
)
# Who spent the money: the Commissioner's office or the force (Order 3(g) covers both).
SPENDING_BODIES = ("OPCC", "Force")
# How value for money was obtained, in the words shown on the page; a single source needs
# its justification written out.
VALUE_ROUTES = (
    "Framework agreement",
    "Three quotes",
    "Competitive tender",
    "Single source with justification",
    "Existing contract",
    "Collaboration agreement",
    "Statutory or regulatory payment",
)
SINGLE_SOURCE = "Single source with justification"

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
    # The meeting it was taken at (its slug) and the number of the agenda item, if any.
    meeting: Mapped[str | None] = mapped_column(String(160), index=True)
    meeting_item: Mapped[int | None] = mapped_column(Integer)
    reasons_markdown: Mapped[str] = mapped_column(Text, default="")
    reasons_html: Mapped[str] = mapped_column(Text, default="")
    options_considered_markdown: Mapped[str] = mapped_column(Text, default="")
    options_considered_html: Mapped[str] = mapped_column(Text, default="")
    declarations_of_interest_markdown: Mapped[str] = mapped_column(Text, default="")
    declarations_of_interest_html: Mapped[str] = mapped_column(Text, default="")
    finance_officer_advice_markdown: Mapped[str] = mapped_column(Text, default="")
    finance_officer_advice_html: Mapped[str] = mapped_column(Text, default="")
    monitoring_officer_advice_markdown: Mapped[str] = mapped_column(Text, default="")
    monitoring_officer_advice_html: Mapped[str] = mapped_column(Text, default="")
    # For a partly exempt decision: one of EXEMPTION_GROUNDS, and what is withheld.
    exemption_ground: Mapped[str | None] = mapped_column(String(60))
    withheld_markdown: Mapped[str] = mapped_column(Text, default="")
    withheld_html: Mapped[str] = mapped_column(Text, default="")

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
    # The amount reimbursed: the public money paid.
    amount_pence: Mapped[int] = mapped_column(Integer)
    # The fields the Home Office guidance on PCC expenses expects beside it.
    claim_reference: Mapped[str | None] = mapped_column(String(60))
    claim_month: Mapped[Day | None] = mapped_column(Date)  # the first day of the month
    amount_claimed_pence: Mapped[int] = mapped_column(Integer)
    not_reimbursed_reason: Mapped[str | None] = mapped_column(String(500))
    origin: Mapped[str | None] = mapped_column(String(200))
    destination: Mapped[str | None] = mapped_column(String(200))
    travel_mode: Mapped[str | None] = mapped_column(String(60))
    travel_class: Mapped[str | None] = mapped_column(String(60))
    mileage: Mapped[int | None] = mapped_column(Integer)
    nights: Mapped[int | None] = mapped_column(Integer)
    accommodation: Mapped[str | None] = mapped_column(String(200))

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)

    @property
    def not_reimbursed_pence(self) -> int:
        return self.amount_claimed_pence - self.amount_pence


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
    # The meeting it came from (its slug) and the number of the agenda item, if any.
    meeting: Mapped[str | None] = mapped_column(String(160), index=True)
    meeting_item: Mapped[int | None] = mapped_column(Integer)

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
    # A force's budget runs to hundreds of millions of pounds: more pence than a 32-bit
    # integer holds, so these (and contract values) are big integers.
    total_pence: Mapped[int] = mapped_column(BigInteger)
    band_d_pence: Mapped[int] = mapped_column(BigInteger)
    precept_pence: Mapped[int] = mapped_column(BigInteger)
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
    amount_pence: Mapped[int] = mapped_column(BigInteger)

    budget: Mapped[Budget] = relationship(back_populates="lines")


class Grant(Timestamped, Base):
    """A crime and disorder reduction grant: money given to an organisation, on
    conditions, because it will help reduce crime and disorder."""

    __tablename__ = "grant_award"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    recipient: Mapped[str] = mapped_column(String(200), index=True)
    fund: Mapped[str] = mapped_column(String(120), index=True)
    purpose: Mapped[str] = mapped_column(String(500))
    date: Mapped[date] = mapped_column(Date, index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    conditions_markdown: Mapped[str] = mapped_column(Text, default="")
    conditions_html: Mapped[str] = mapped_column(Text, default="")
    crime_reduction_markdown: Mapped[str] = mapped_column(Text, default="")
    crime_reduction_html: Mapped[str] = mapped_column(Text, default="")
    # The decision that approved it, by its reference ("2025/014").
    decision_reference: Mapped[str | None] = mapped_column(String(40), index=True)

    @property
    def title(self) -> str:
        return f"{self.recipient}: {self.purpose}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)


class Contract(Timestamped, Base):
    """A contract the Commissioner or the Chief Constable is a party to. Those over the
    threshold are published with a copy of the contract; the rest appear in the list of
    smaller contracts with their value, parties and purpose."""

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    supplier: Mapped[str] = mapped_column(String(200), index=True)
    parties: Mapped[str] = mapped_column(String(60))
    other_parties: Mapped[str] = mapped_column(String(300), default="")
    purpose_markdown: Mapped[str] = mapped_column(Text, default="")
    purpose_html: Mapped[str] = mapped_column(Text, default="")
    value_pence: Mapped[int] = mapped_column(BigInteger, index=True)
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    procurement_route: Mapped[str] = mapped_column(String(120), index=True)
    tender_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    decision_reference: Mapped[str | None] = mapped_column(String(40), index=True)

    # The day the listings and the publishers' list order it by.
    date = synonym("start_date")

    def status(self, today: Day) -> str:
        if self.start_date > today:
            return "not started"
        if self.end_date is not None and self.end_date < today:
            return "ended"
        return "current"

    def over_threshold(self, threshold_pence: int) -> bool:
        return self.value_pence > threshold_pence

    @property
    def every_party(self) -> list[str]:
        """Every party to the contract, the supplier included."""
        others = [name.strip() for name in self.other_parties.split(";") if name.strip()]
        ours = ["Police and Crime Commissioner", "Chief Constable"] \
            if self.parties == CONTRACT_PARTIES[2] else [self.parties]
        return [*ours, self.supplier, *others]


class Tender(Timestamped, Base):
    """An invitation to tender for a contract expected to be worth more than the
    threshold, with the contract awarded from it once there is one."""

    __tablename__ = "tender"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description_markdown: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    estimated_value_pence: Mapped[int] = mapped_column(BigInteger)
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    closing_date: Mapped[date] = mapped_column(Date, index=True)
    how_to_respond_markdown: Mapped[str] = mapped_column(Text, default="")
    how_to_respond_html: Mapped[str] = mapped_column(Text, default="")

    date = synonym("issued_on")

    def status(self, today: Day) -> str:
        return "open" if self.closing_date >= today else "closed"


class Meeting(Timestamped, Base):
    """A meeting of a board, committee or panel: announced with its date, time, place and
    agenda before it is held, then given its minutes, first as a draft, then approved. A
    meeting not held in public is published for its minutes where matters of significant
    public interest were discussed."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    body: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    summary_markdown: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    minutes_status: Mapped[str] = mapped_column(String(20), default="none", index=True)
    minutes_approved_on: Mapped[MaybeDate] = mapped_column(Date)
    minutes_markdown: Mapped[str] = mapped_column(Text, default="")
    minutes_html: Mapped[str] = mapped_column(Text, default="")

    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position",
    )

    def is_forthcoming(self, today: Day) -> bool:
        return self.date >= today

    @property
    def full_title(self) -> str:
        """The title, with the body that meets in front unless the title names it."""
        if self.body.lower() in self.title.lower():
            return self.title
        return f"{self.body}: {self.title}"

    @property
    def where(self) -> str:
        """The place, or that it is held online, in words."""
        if self.place and self.online_link:
            return f"{self.place}, and online"
        return self.place or "Online"


class AgendaItem(Base):
    """One item of a meeting's agenda; its report, if it has one, is a PDF published with
    the meeting, named here by its file name."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(160), default="")
    report: Mapped[str] = mapped_column(String(255), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
class Post(Timestamped, Base):
    """A post in the office: the Commissioner or Deputy (office holders, whose name,
    address for correspondence and salary are always published), a senior employee
    (paid above the senior salary threshold: job title, responsibilities, salary and,
    unless they refused consent, their name), or another post, shown on the organisation
    chart by its job title alone. `senior` is settled from the threshold setting whenever
    posts are saved (`content.people.settle_seniority`)."""

    __tablename__ = "post"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    # The day these details were last confirmed as correct.
    date: Mapped[date] = mapped_column(Date, index=True)
    office_holder: Mapped[bool] = mapped_column(Boolean, default=False)
    holder_name: Mapped[str] = mapped_column(String(200), default="")
    # The holder refused consent to their name being published (senior employees only).
    name_withheld: Mapped[bool] = mapped_column(Boolean, default=False)
    correspondence_address: Mapped[str] = mapped_column(String(300), default="")
    responsibilities_markdown: Mapped[str] = mapped_column(Text, default="")
    responsibilities_html: Mapped[str] = mapped_column(Text, default="")
    # The salary, or the bottom of its band when `salary_to_pence` gives the top.
    salary_pence: Mapped[int | None] = mapped_column(Integer)
    salary_to_pence: Mapped[int | None] = mapped_column(Integer)
    # The slug of the post this one reports to (none at the top of the chart).
    reports_to: Mapped[str | None] = mapped_column(String(160), index=True)
    senior: Mapped[bool] = mapped_column(Boolean, default=False)

    # The post this one reports to, published or not (for staff; the public pages read
    # only published posts, through `content.queries`).
    manager: Mapped["Post | None"] = relationship(
        primaryjoin="foreign(Post.reports_to) == remote(Post.slug)", viewonly=True)

    @property
    def details_published(self) -> bool:
        """Whether the salary and responsibilities of the post are public."""
        return self.office_holder or self.senior

    @property
    def public_name(self) -> str:
        """The holder's name as the public may see it: empty unless it is published."""
        if not self.details_published or self.name_withheld:
            return ""
        return self.holder_name


class StaffSnapshot(Timestamped, Base):
    """The office's staff numbers on one day: how many people (not counting the Deputy
    Commissioner), full-time equivalent, and the proportions who are women, from ethnic
    minorities and disabled, each with the share not known or who preferred not to say.
    Percentages are held in tenths (52.4% is 524) and full-time equivalent in hundredths."""

    __tablename__ = "staff_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(20), unique=True)
    date: Mapped[date] = mapped_column(Date, unique=True)
    headcount: Mapped[int] = mapped_column(Integer)
    fte_hundredths: Mapped[int] = mapped_column(Integer)
    women_tenths: Mapped[int] = mapped_column(Integer)
    sex_unknown_tenths: Mapped[int] = mapped_column(Integer, default=0)
    ethnic_minority_tenths: Mapped[int] = mapped_column(Integer)
    ethnicity_unknown_tenths: Mapped[int] = mapped_column(Integer, default=0)
    disabled_tenths: Mapped[int] = mapped_column(Integer)
    disability_unknown_tenths: Mapped[int] = mapped_column(Integer, default=0)
    notes_markdown: Mapped[str] = mapped_column(Text, default="")
    notes_html: Mapped[str] = mapped_column(Text, default="")

    @property
    def title(self) -> str:
        return f"Staff numbers on {self.date.day} {self.date:%B %Y}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)


class Spending(Timestamped, Base):
    """One item of spending over the threshold (Order 3(g)), by the OPCC or the force, as
    the finance system records it: published monthly, in tens of thousands of lines a year."""

    __tablename__ = "spending"
    # Every listing reads published lines newest first, narrowed by one of the leading
    # columns; each index ends with what the totals and the publication check read, so a
    # page and its totals are answered from the indexes without touching the table.
    __table_args__ = (
        Index("ix_spending_date_id", "date", "id", "published_at"),
        Index("ix_spending_date_totals", "date", "supplier", "category", "body",
              "amount_pence", "published_at"),
        Index("ix_spending_supplier_totals", "supplier", "date", "amount_pence",
              "published_at"),
        Index("ix_spending_category_totals", "category", "date", "supplier", "amount_pence",
              "published_at"),
        Index("ix_spending_body_totals", "body", "date", "supplier", "category",
              "amount_pence", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    date: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(String(20))
    supplier: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(500))
    category: Mapped[str] = mapped_column(String(120))
    amount_pence: Mapped[int] = mapped_column(Integer)
    value_for_money: Mapped[str] = mapped_column(String(60))
    value_for_money_reason: Mapped[str] = mapped_column(Text, default="")

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.date)

    @property
    def body_name(self) -> str:
        if self.body == "OPCC":
            return "Office of the Police and Crime Commissioner"
        return "The police force"


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


class ContentVersion(Base):
    """One row whose number goes up in the same transaction as any change to what the
    public pages show (`content.freshness`), so a page can tell whether it would still
    read the same without reading the records."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, default=0)
    # Drawn afresh whenever the count starts again (a new database, a restored backup), so
    # a number reached twice never names two different states.
    epoch: Mapped[str] = mapped_column(String(32))


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
