"""Every kind of published record, declared once.

A `RecordKind` says all the publication side needs to know about one kind of record: its
model, its names, how it is identified, how it is imported, what it says (for the search
index and for result snippets alike), its open-data columns, which records are public,
and how an earlier published version is kept and read back. Everything else — import,
storage, the search queue, publishing, exports — looks the kind up here instead of
spelling the kinds out again. The web side of each kind (addresses, pages, staff forms)
is declared beside it in `portal/kinds.py`.
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session, selectinload

from content import exports, fields, queries, spending
from content.dates import FinancialYear
from content.fields import (
    FieldError,
    ImportRules,
    Spec,
)
from content.filters import (
    BudgetFilters,
    ContractFilters,
    DecisionFilters,
    ExpenseFilters,
    GiftFilters,
    GrantFilters,
    InspectionFilters,
    InterestFilters,
    MeetingFilters,
    Paging,
    PolicyFilters,
    PostFilters,
    ScrutinyFilters,
    SpendingFilters,
    StaffNumberFilters,
    TenderFilters,
)
from content.inspections import set_recommendations, unexplained
from content.markup import html_to_text, plain_text
from content.models import (
    GIFT_KINDS,
    GIFT_OUTCOMES,
    INTEREST_CATEGORIES,
    OFFICE_HOLDERS,
    RECIPIENT_TYPES,
    SINGLE_SOURCE,
    STAFF_MEMBER,
    AgendaItem,
    Budget,
    BudgetLine,
    Contract,
    Decision,
    Expense,
    GiftOffer,
    Grant,
    Inspection,
    InspectionRecommendation,
    Interest,
    Meeting,
    Policy,
    Post,
    ScrutinyAction,
    ScrutinyOutcome,
    Spending,
    StaffSnapshot,
    Tender,
)
from content.money import format_pounds
from content.queries import Page
from content.text import slugify


@dataclass(frozen=True)
class RecordText:
    """What a record says, as a reader takes it in. The search index is built from it and
    result snippets are cut from it, so a record found by a word always shows that word."""

    title: str
    date: date
    # What a reader quotes to cite it ("2025/014", a policy's version); searched exactly.
    reference: str
    # Shown beside the title in a search result ("Version 2.1").
    label: str
    # The line of facts under a search result.
    details: str
    category: str
    person: str
    amount_pence: int | None
    # Summary, body and everything else worth finding, as plain text.
    text: str


@dataclass(frozen=True)
class FeedEntry:
    title: str
    summary: str
    content_html: str | None


def _any_day(function: Callable[..., Any]) -> Callable[..., Any]:
    """A function of records that read the same whatever the day, given the day as its
    last argument all the same: kinds whose records change with the day (a policy's review
    falls overdue) need it."""
    return lambda *arguments: function(*arguments[:-1])


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class ManagedList:
    """A list of values staff choose from rather than type afresh each time (a decision's
    category, an expense's claimant), so that "grants" never sits beside "Grants". The
    kinds below say which of their fields take their values from which list; the rules
    (what counts as the same name, adding, renaming) are in `content.managed_lists`."""

    # The stable code stored with each value; people only ever see the words.
    name: str
    title: str  # "Decision categories"
    singular: str  # "category", as in "There is already a category called …"

    @property
    def a_value(self) -> str:
        """The name of one value with its article: a category, an expense category."""
        article = "an" if self.singular[:1] in "aeiou" else "a"
        return f"{article} {self.singular}"


DECISION_CATEGORIES = ManagedList("decision-category", "Decision categories", "category")
DECISION_MAKERS = ManagedList("decision-maker", "Decision makers", "decision maker")
CLAIMANTS = ManagedList("claimant", "Expense claimants", "claimant")
EXPENSE_CATEGORIES = ManagedList("expense-category", "Expense categories", "expense category")
POLICY_OWNERS = ManagedList("policy-owner", "Policy owners", "policy owner")
MEETING_BODIES = ManagedList("meeting-body", "Boards, committees and panels",
                             "board, committee or panel")
SPENDING_CATEGORIES = ManagedList("spending-category", "Spending categories",
                                  "spending category")
GRANT_FUNDS = ManagedList("grant-fund", "Grant funds and schemes", "fund")
PROCUREMENT_ROUTES = ManagedList("procurement-route", "Procurement routes", "procurement route")
# Scrutiny action owners are not a managed list: they name whoever agreed to act at a
# meeting (mostly posts in the force, written as the minutes record them), are never a
# public filter, and an OPCC post that owns a policy document is a different idea.
MANAGED_LISTS: tuple[ManagedList, ...] = (DECISION_CATEGORIES, DECISION_MAKERS, CLAIMANTS,
                                          EXPENSE_CATEGORIES, POLICY_OWNERS, MEETING_BODIES,
                                          SPENDING_CATEGORIES, GRANT_FUNDS, PROCUREMENT_ROUTES)


@dataclass(frozen=True)
class RecordKind:
    """One kind of published record. `name` is the stable code used in import files,
    search keys, revisions and documents; people only ever see the labels."""

    name: str
    model: Any
    singular: str
    plural: str
    # Import: the fields of one JSON Lines record, and how a record is told apart from others.
    import_fields: Spec
    identify: Callable[[dict[str, Any]], dict[str, Any]]
    # The fields that tell one record from every other: importing a record with the same
    # values updates that record instead of adding another.
    key_fields: tuple[str, ...]
    # The columns that find a record from its public address (withdrawn ones included).
    public_identity: tuple[str, ...]
    says: Callable[[Any, str], RecordText]
    export_columns: tuple[str, ...]
    export: Callable[[Any, date], dict[str, Any]]
    filters: Any
    # The published records matching filters: one page of them, and every one, streamed.
    page: Callable[[Session, Any, Paging, date], Page[Any]]
    each: Callable[[Session, Any, date], Iterator[Any]]
    # A record as an entry in the kind's Atom feed.
    feed_entry: Callable[[Any], FeedEntry]
    # Nested data the JSON download adds to the flat export columns.
    export_extra: Callable[[Any], dict[str, Any]] | None = None
    # Imported fields stored in a column of another name (a salary in pounds is held in
    # `salary_pence`), by field name.
    column_names: dict[str, str] = field(default_factory=dict)
    # Extra columns worked out from the imported ones (e.g. a decision's slug).
    derived_columns: Callable[[dict[str, Any]], dict[str, Any]] = lambda columns: {}
    # Narrows the published records to the ones the search index holds.
    searched: Callable[[Select[Any]], Select[Any]] = lambda statement: statement
    # Reads its records together with what they hold (e.g. a scrutiny outcome's actions).
    loaded: Callable[[Select[Any]], Select[Any]] = lambda statement: statement
    carries_documents: bool = False
    # Records of other models whose changes change what this kind says.
    parts: dict[Any, Callable[[Any], int | None]] = field(default_factory=dict)
    # An edit to a published record keeps what it said before (`snapshot`) so the earlier
    # version can be shown again (`restore`, onto a copy that is never saved).
    snapshot: Callable[[Any], dict[str, Any]] | None = None
    restore: Callable[[Any, dict[str, Any], Any], Any] | None = None
    # Fields whose values come from a managed list (field name → list).
    lists: dict[str, ManagedList] = field(default_factory=dict)
    # The words a publisher wrote (not the facts: reference, dates, people's roles, amounts),
    # which a redaction replaces: plain columns, or markdown ones kept with their HTML
    # (`summary` is `summary_markdown` and `summary_html`); and, for kinds made of parts, the
    # collection and the words of each part.
    free_text: tuple[str, ...] = ()
    free_text_of_parts: tuple[str, str] | None = None
    # Import fields holding the record's parts (a budget's rows, a report's
    # recommendations), not columns of its own, and how a record's parts are set from
    # them (True if that changed anything).
    part_fields: tuple[str, ...] = ()
    set_parts: Callable[[Any, dict[str, Any]], bool] | None = None
    # Checks of one record once each field is read, that read several of its fields (an
    # amount claimed below the amount reimbursed) or a setting (a threshold): raises
    # `fields.FieldError` naming the field to correct.
    check: Callable[[dict[str, Any], ImportRules], None] = lambda values, rules: None
    # Made of many flat lines (spending): an import looks up only the records it names and
    # inserts new ones in batches rather than one object at a time.
    bulk: bool = False
    # Names of its CSV columns as finance systems and spreadsheets write them, by field.
    column_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def open_data(self, record: Any, today: date) -> dict[str, Any]:
        """A record as the JSON download gives it (the CSV has `export` alone)."""
        row = self.export(record, today)
        return row | self.export_extra(record) if self.export_extra else row

    def keep(self, record: Any) -> dict[str, Any]:
        """What a published record says now, kept in a revision before an edit."""
        if self.snapshot is None:
            raise TypeError(f"a {self.name} keeps no earlier versions")
        return self.snapshot(record)

    def as_it_was(self, record: Any, previous: dict[str, Any], at: Any) -> Any:
        """A copy of `record` (never saved) showing what it said before an edit."""
        if self.restore is None:
            raise TypeError(f"a {self.name} shows no earlier versions")
        return self.restore(record, previous, at)

    def import_key(self, values: dict[str, Any]) -> tuple[str, ...]:
        """Which record an imported one is, from the values it was imported with."""
        return (self.name, *(values[name] for name in self.key_fields))

    def stored_key(self, record: Any) -> tuple[str, ...]:
        """Which record a saved one is, in the terms of `import_key`."""
        return (self.name, *(getattr(record, name) for name in self.key_fields))

    def key(self, record_id: int) -> str:
        """The record's key in the search index."""
        return f"{self.name}:{record_id}"


# The meeting a decision or scrutiny outcome came from

MEETING_LINK: Spec = {"meeting": (False, fields.text(160)),
                      "meeting_item": (False, fields.item_number)}


def _meeting_link(values: dict[str, Any]) -> dict[str, Any]:
    """An agenda item is an item of a meeting: its number alone says nothing."""
    if values.get("meeting_item") is not None and not values.get("meeting"):
        raise FieldError("meeting", "is missing: say which meeting the agenda item is on")
    return values


# Decisions

def _decision_says(decision: Decision, documents_text: str) -> RecordText:
    return RecordText(
        title=decision.title, date=decision.date, reference=decision.reference,
        label=decision.reference, details=decision.decision_maker,
        category=decision.category, person=decision.decision_maker,
        amount_pence=decision.amount_pence,
        text=_join(*(html_to_text(getattr(decision, f"{name}_html"))
                     for name in DECISION_WRITING), decision.exemption_ground or "",
                   documents_text),
    )


# What a decision says in words (markdown kept with its HTML), in the order of its page.
DECISION_WRITING = ("summary", "body", "reasons", "options_considered",
                    "declarations_of_interest", "financial_implications",
                    "finance_officer_advice", "monitoring_officer_advice", "withheld")
DECISION_SHOWN = ("title", "date", "decision_maker", "category",
                  *(f"{name}_html" for name in DECISION_WRITING), "amount_pence", "exempt",
                  "exemption_ground", "meeting", "meeting_item")


def _check_decision(values: dict[str, Any], rules: ImportRules) -> None:
    """The ground for withholding, and what is withheld, belong to a partly exempt
    decision only."""
    if values.get("exempt"):
        return
    for name in ("exemption_ground", "withheld"):
        if values.get(name) and values[name] != ("", ""):
            raise fields.FieldError(name, "is only for a decision part of which is exempt "
                                          "from publication: mark it exempt, or leave this out")


def _decision_snapshot(decision: Decision) -> dict[str, Any]:
    values = {name: getattr(decision, name) for name in DECISION_SHOWN}
    values["date"] = decision.date.isoformat()
    values["published_at"] = decision.published_at.isoformat() if decision.published_at \
        else None
    return values


def _decision_restore(decision: Decision, previous: dict[str, Any], at: Any) -> Decision:
    before = {name: previous[name] for name in DECISION_SHOWN if name in previous}
    return Decision(reference=decision.reference, slug=decision.slug,
                    **{**before, "date": date.fromisoformat(before["date"])},
                    published_at=decision.published_at, updated_at=at)


DECISION = RecordKind(
    name="decision", model=Decision, singular="Decision", plural="Decisions",
    import_fields={
        "reference": (True, fields.text(40)), "title": (True, fields.text(300)),
        "date": (True, fields.day), "decision_maker": (True, fields.text(120)),
        "category": (True, fields.text(120)), "summary": (False, fields.markdown),
        "body": (False, fields.markdown), "financial_implications": (False, fields.markdown),
        "amount": (False, fields.optional_money), "exempt": (False, fields.boolean),
        "reasons": (False, fields.markdown), "options_considered": (False, fields.markdown),
        "declarations_of_interest": (False, fields.markdown),
        "finance_officer_advice": (False, fields.markdown),
        "monitoring_officer_advice": (False, fields.markdown),
        "exemption_ground": (False, fields.exemption_ground),
        "withheld": (False, fields.markdown),
        **MEETING_LINK,
    },
    identify=_meeting_link,
    check=_check_decision,
    key_fields=("reference",),
    derived_columns=lambda columns: {"slug": slugify(columns["reference"], 80),
                                     "exempt": bool(columns.get("exempt"))},
    public_identity=("slug", "reference"),
    says=_decision_says,
    export_columns=exports.DECISION_COLUMNS,
    export=_any_day(exports.decision_fields),
    filters=DecisionFilters,
    page=_any_day(queries.list_decisions),
    each=_any_day(queries.each_decision),
    feed_entry=lambda d: FeedEntry(f"{d.reference}: {d.title}", plain_text(d.summary_markdown),
                                   d.body_html),
    carries_documents=True,
    free_text=("title", *DECISION_WRITING),
    snapshot=_decision_snapshot,
    restore=_decision_restore,
    lists={"category": DECISION_CATEGORIES, "decision_maker": DECISION_MAKERS},
)


# Expenses

EXPENSE_IDENTITY = ("date", "claimant", "category", "description", "amount")


def _expense_identity(values: dict[str, Any]) -> dict[str, Any]:
    """A line without a reference gets a stable one made from what it says, so the same
    line imported again updates instead of repeating (made as it was before lines had
    more than these fields, so an old file imported again finds its lines). A line
    without an amount claimed was reimbursed in full."""
    if values["amount_claimed"] is None:
        values["amount_claimed"] = values["amount"]
    if not values["reference"]:
        fingerprint = "|".join(str(values[name]) for name in EXPENSE_IDENTITY)
        values["reference"] = "EXP-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
    return values


def _expense_says(expense: Expense, documents_text: str) -> RecordText:
    return RecordText(
        title=expense.description, date=expense.date, reference=expense.reference,
        label=expense.reference,
        details=f"{expense.claimant} · {expense.category} · "
                f"{format_pounds(expense.amount_pence)}",
        category=expense.category, person=expense.claimant,
        amount_pence=expense.amount_pence,
        text=_join(expense.claimant, expense.category, expense.financial_year.label,
                   *(getattr(expense, name) or "" for name in EXPENSE_WORDS),
                   documents_text),
    )


# The words of a line beyond its description, all searched; those a publisher writes in
# their own words (not the claim reference, travel mode or class) are in `free_text` too.
EXPENSE_WORDS = ("claim_reference", "not_reimbursed_reason", "origin", "destination",
                 "travel_mode", "travel_class", "accommodation")
EXPENSE_SHOWN = ("date", "claimant", "category", "description", "amount_pence",
                 "claim_reference", "claim_month", "amount_claimed_pence",
                 "not_reimbursed_reason", "origin", "destination", "travel_mode",
                 "travel_class", "mileage", "nights", "accommodation")


# Each shown field in words, as a sentence about a change to a line names it.
EXPENSE_FIELD_WORDS = {
    "date": "date", "claimant": "claimant", "category": "category",
    "description": "description", "amount_pence": "amount reimbursed",
    "amount_claimed_pence": "amount claimed", "claim_reference": "claim reference",
    "claim_month": "month of claim", "not_reimbursed_reason": "reason part was not reimbursed",
    "origin": "place the journey started", "destination": "destination",
    "travel_mode": "way of travelling", "travel_class": "class of travel",
    "mileage": "mileage", "nights": "number of nights", "accommodation": "accommodation",
}


def _expense_snapshot(expense: Expense) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(expense, name) for name in EXPENSE_SHOWN}
    previous["date"] = expense.date.isoformat()
    previous["claim_month"] = expense.claim_month.isoformat() if expense.claim_month else None
    return previous


def _check_expense(values: dict[str, Any], rules: ImportRules) -> None:
    """What was claimed is at least what was reimbursed; any difference is explained,
    and an explanation is only given for a difference."""
    claimed, reimbursed = values["amount_claimed"], values["amount"]
    if claimed is None or claimed == reimbursed:
        if values.get("not_reimbursed_reason"):
            raise fields.FieldError("not_reimbursed_reason", (
                "is only for a claim not reimbursed in full; this line's amount claimed "
                "is its amount reimbursed"))
        return
    if claimed < reimbursed:
        raise fields.FieldError("amount_claimed", "cannot be less than the amount "
                                                  "reimbursed (the amount)")
    if not values.get("not_reimbursed_reason"):
        raise fields.FieldError("not_reimbursed_reason", (
            "is missing: say why part of the claim was not reimbursed"))


EXPENSE = RecordKind(
    name="expense", model=Expense, singular="Expense", plural="Expenses",
    import_fields={
        "reference": (False, fields.text(60)), "claimant": (True, fields.text(120)),
        "date": (True, fields.day), "category": (True, fields.text(120)),
        "description": (True, fields.text(500)), "amount": (True, fields.money),
        "claim_reference": (False, fields.text(60)), "claim_month": (False, fields.month),
        "amount_claimed": (False, fields.money),
        "not_reimbursed_reason": (False, fields.text(500)),
        "origin": (False, fields.text(200)), "destination": (False, fields.text(200)),
        "travel_mode": (False, fields.text(60)), "travel_class": (False, fields.text(60)),
        "mileage": (False, fields.whole_number), "nights": (False, fields.whole_number),
        "accommodation": (False, fields.text(200)),
    },
    column_names={"amount_claimed": "amount_claimed_pence"},
    identify=_expense_identity,
    check=_check_expense,
    key_fields=("reference",),
    public_identity=("reference",),
    says=_expense_says,
    export_columns=exports.EXPENSE_COLUMNS,
    export=_any_day(exports.expense_fields),
    filters=ExpenseFilters,
    page=_any_day(queries.list_expenses),
    each=_any_day(queries.each_expense),
    feed_entry=lambda e: FeedEntry(
        f"{e.claimant}: {e.description} ({format_pounds(e.amount_pence)})",
        f"{e.date.isoformat()}, {e.category}, {format_pounds(e.amount_pence)}", None),
    free_text=("description", "not_reimbursed_reason", "origin", "destination",
               "accommodation"),
    snapshot=_expense_snapshot,
    lists={"claimant": CLAIMANTS, "category": EXPENSE_CATEGORIES},
)


# Policies

def _policy_identity(values: dict[str, Any]) -> dict[str, Any]:
    values["slug"] = slugify(values["slug"], 160) if values["slug"] else slugify(values["title"])
    return values


def _policy_says(policy: Policy, documents_text: str) -> RecordText:
    return RecordText(
        title=policy.title, date=policy.approved, reference=policy.version,
        label=f"Version {policy.version}", details=policy.owner, category="",
        person=policy.owner, amount_pence=None,
        text=_join(html_to_text(policy.summary_html), html_to_text(policy.body_html),
                   documents_text),
    )


POLICY = RecordKind(
    name="policy", model=Policy, singular="Policy", plural="Policies",
    import_fields={
        "slug": (False, fields.text(120)), "title": (True, fields.text(300)),
        "version": (True, fields.version), "approved": (True, fields.day),
        "review_due": (False, fields.optional_day), "owner": (True, fields.text(120)),
        "summary": (False, fields.markdown), "body": (False, fields.markdown),
    },
    identify=_policy_identity,
    key_fields=("slug", "version"),
    public_identity=("slug",),
    says=_policy_says,
    export_columns=exports.POLICY_COLUMNS,
    export=exports.policy_fields,
    filters=PolicyFilters,
    page=queries.list_policies,
    each=queries.each_policy,
    feed_entry=lambda p: FeedEntry(f"{p.title} (version {p.version})",
                                   plain_text(p.summary_markdown), p.body_html),
    # Superseded versions stay readable at their own address, but only the current
    # version of each policy is searched.
    searched=lambda statement: statement.where(Policy.is_current.is_(True)),
    lists={"owner": POLICY_OWNERS},
    free_text=("title", "summary", "body"),
)


# Scrutiny outcomes

def _scrutiny_identity(values: dict[str, Any]) -> dict[str, Any]:
    _meeting_link(values)
    if values["slug"]:
        values["slug"] = slugify(values["slug"], 160)
    else:
        values["slug"] = slugify(f"{values['date'].isoformat()} {values['title']}", 160)
    return values


def _scrutiny_says(outcome: ScrutinyOutcome, documents_text: str) -> RecordText:
    actions = " ".join(f"{action.action} {action.owner}" for action in outcome.actions)
    return RecordText(
        title=outcome.title, date=outcome.date, reference="", label="", details=outcome.kind,
        category=outcome.kind, person="", amount_pence=None,
        text=_join(html_to_text(outcome.summary_html), html_to_text(outcome.body_html),
                   actions, documents_text),
    )


SCRUTINY_SHOWN = ("kind", "title", "summary_html", "body_html", "meeting", "meeting_item")


def _scrutiny_snapshot(outcome: ScrutinyOutcome) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(outcome, name) for name in SCRUTINY_SHOWN}
    previous["date"] = outcome.date.isoformat()
    previous["actions"] = [{"action": a.action, "owner": a.owner, "status": a.status,
                            "due": a.due.isoformat() if a.due else None}
                           for a in outcome.actions]
    return previous


def _scrutiny_restore(outcome: ScrutinyOutcome, previous: dict[str, Any],
                      at: Any) -> ScrutinyOutcome:
    before = {"meeting": None, "meeting_item": None} | previous
    actions = [ScrutinyAction(position=number, action=item["action"], owner=item["owner"],
                              status=item["status"],
                              due=date.fromisoformat(item["due"]) if item["due"] else None)
               for number, item in enumerate(before.pop("actions", []), start=1)]
    earlier = ScrutinyOutcome(slug=outcome.slug,
                              **{**before, "date": date.fromisoformat(before["date"])},
                              published_at=outcome.published_at, updated_at=at)
    earlier.actions = actions
    return earlier


SCRUTINY = RecordKind(
    name="scrutiny", model=ScrutinyOutcome, singular="Scrutiny outcome",
    plural="Scrutiny outcomes",
    import_fields={
        "slug": (False, fields.text(160)), "kind": (True, fields.scrutiny_kind),
        "title": (True, fields.text(300)), "date": (True, fields.day),
        "summary": (False, fields.markdown), "body": (False, fields.markdown),
        "actions": (False, fields.actions), **MEETING_LINK,
    },
    identify=_scrutiny_identity,
    key_fields=("slug",),
    public_identity=("slug",),
    says=_scrutiny_says,
    export_columns=exports.SCRUTINY_COLUMNS,
    export=_any_day(exports.scrutiny_fields),
    filters=ScrutinyFilters,
    page=_any_day(queries.list_scrutiny),
    each=_any_day(queries.each_scrutiny),
    feed_entry=lambda s: FeedEntry(f"{s.kind}: {s.title}", plain_text(s.summary_markdown),
                                   s.body_html),
    export_extra=lambda outcome: {"actions": exports.scrutiny_actions(outcome)},
    loaded=lambda statement: statement.options(selectinload(ScrutinyOutcome.actions)),
    carries_documents=True,
    parts={ScrutinyAction: lambda action: action.outcome_id or (
        action.outcome.id if action.outcome else None)},
    free_text=("title", "summary", "body"),
    free_text_of_parts=("actions", "action"),
    snapshot=_scrutiny_snapshot,
    restore=_scrutiny_restore,
)


# HMICFRS reports

def _inspection_identity(values: dict[str, Any]) -> dict[str, Any]:
    """A slug from the title when none is given; and a response is only published once
    every recommendation says what action has been or will be taken, or why none."""
    values["slug"] = slugify(values["slug"] or values["title"], 160)
    responded = values.get("response_published_on")
    if responded is not None:
        if responded < values["date"]:
            raise FieldError("response_published_on",
                             "must be on or after the day the report was published")
        missing = unexplained(values["recommendations"])
        if missing:
            raise FieldError(f"recommendation {missing[0]} response",
                             "say what action has been or will be taken, or why none, "
                             "before the response is published")
    return values


def _inspection_says(inspection: Inspection, documents_text: str) -> RecordText:
    public = inspection.chain_is_public
    findings = " ".join(f"{item.label} {item.text}" + (
        f" {item.response} {item.owner}" if public else "")
        for item in inspection.recommendations)
    return RecordText(
        title=inspection.title, date=inspection.date, reference="", label="",
        details=inspection.inspection_type, category=inspection.inspection_type, person="",
        amount_pence=None,
        text=_join(html_to_text(inspection.summary_html),
                   html_to_text(inspection.pcc_comments_html),
                   html_to_text(inspection.chief_constable_comments_html),
                   html_to_text(inspection.response_html), findings, documents_text),
    )


INSPECTION_SHOWN = ("title", "inspection_type", "report_url", "force_is_subject",
                    "summary_html", "pcc_comments_html", "chief_constable_comments_html",
                    "response_html")
_RECOMMENDATION_DAYS = ("due", "closed_on")


def _inspection_snapshot(inspection: Inspection) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(inspection, name) for name in INSPECTION_SHOWN}
    previous["date"] = inspection.date.isoformat()
    responded = inspection.response_published_on
    previous["response_published_on"] = responded.isoformat() if responded else None
    previous["recommendations"] = [{**row, "scrutiny": " ".join(row["scrutiny"])}
                                   for row in exports.inspection_recommendations(
                                       inspection, drafts_too=True)]
    return previous


def _inspection_restore(inspection: Inspection, previous: dict[str, Any],
                        at: Any) -> Inspection:
    before = dict(previous)
    rows = before.pop("recommendations", [])
    responded = before.pop("response_published_on", None)
    earlier = Inspection(slug=inspection.slug,
                         **{**before, "date": date.fromisoformat(before["date"])},
                         response_published_on=date.fromisoformat(responded) if responded
                         else None, published_at=inspection.published_at, updated_at=at)
    earlier.recommendations = [
        InspectionRecommendation(position=number, **{
            **row, **{name: date.fromisoformat(row[name]) if row.get(name) else None
                      for name in _RECOMMENDATION_DAYS}})
        for number, row in enumerate(rows, start=1)]
    return earlier


def _optional_text(limit: int) -> Callable[[Any], str]:
    return lambda value: "" if value in (None, "") else fields.text(limit)(value)


INSPECTION = RecordKind(
    name="inspection", model=Inspection, singular="HMICFRS report",
    plural="HMICFRS reports",
    import_fields={
        "slug": (False, fields.text(160)), "title": (True, fields.text(300)),
        "inspection_type": (True, fields.inspection_type), "date": (True, fields.day),
        "report_url": (True, fields.web_address), "force_is_subject": (False, fields.boolean),
        "summary": (False, fields.markdown), "pcc_comments": (False, fields.markdown),
        "chief_constable_comments": (False, fields.markdown),
        "response": (False, fields.markdown),
        "response_published_on": (False, fields.optional_day),
        "response_owner_email": (False, _optional_text(320)),
        "recommendations": (False, fields.recommendations),
    },
    identify=_inspection_identity,
    key_fields=("slug",),
    derived_columns=lambda columns: {
        "force_is_subject": columns.get("force_is_subject") is not False,
        "response_owner_email": columns.get("response_owner_email") or ""},
    public_identity=("slug",),
    says=_inspection_says,
    export_columns=exports.INSPECTION_COLUMNS,
    export=_any_day(exports.inspection_fields),
    filters=InspectionFilters,
    page=_any_day(queries.list_inspections),
    each=_any_day(queries.each_inspection),
    feed_entry=lambda i: FeedEntry(f"{i.inspection_type}: {i.title}",
                                   plain_text(i.summary_markdown), i.summary_html),
    export_extra=lambda inspection: {
        "recommendations": exports.inspection_recommendations(inspection)},
    loaded=lambda statement: statement.options(selectinload(Inspection.recommendations)),
    carries_documents=True,
    parts={InspectionRecommendation: lambda item: item.inspection_id or (
        item.inspection.id if item.inspection else None)},
    free_text=("title", "summary", "pcc_comments", "chief_constable_comments", "response"),
    free_text_of_parts=("recommendations", "text"),
    snapshot=_inspection_snapshot,
    restore=_inspection_restore,
    part_fields=("recommendations",),
    set_parts=lambda inspection, values: set_recommendations(inspection,
                                                             values["recommendations"]),
)




# Shared by the kinds of one table below (registers, grants, contracts, tenders): an
# earlier published version kept as its columns, days as ISO dates.

def _kept(names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    def snapshot(record: Any) -> dict[str, Any]:
        previous = {}
        for name in names:
            value = getattr(record, name)
            previous[name] = value.isoformat() if isinstance(value, date) else value
        return previous
    return snapshot


def _shown_again(dates: tuple[str, ...],
                 identity: tuple[str, ...]) -> Callable[[Any, dict[str, Any], Any], Any]:
    def restore(record: Any, previous: dict[str, Any], at: Any) -> Any:
        before = {name: (date.fromisoformat(value) if name in dates and value else value)
                  for name, value in previous.items() if name != "lines"}
        earlier = type(record)(**{name: getattr(record, name) for name in identity},
                               **before, published_at=record.published_at, updated_at=at)
        if "lines" in previous:
            earlier.lines = _lines_of(previous["lines"])
        return earlier
    return restore


# Gifts and hospitality

def _gift_identity(values: dict[str, Any]) -> dict[str, Any]:
    """An office holder is named; a member of staff never is, only their role."""
    if values["recipient_type"] == STAFF_MEMBER:
        if values["recipient_name"]:
            raise FieldError("recipient_name", STAFF_ARE_NOT_NAMED)
        if not values["recipient_role"]:
            raise FieldError("recipient_role", "is missing; a member of staff is named by "
                                               "their role, for example Chief Executive")
    else:
        if not values["recipient_name"]:
            raise FieldError("recipient_name", "is missing; an office holder is named")
        values["recipient_role"] = values["recipient_type"]
    values["recipient_name"] = values["recipient_name"] or ""
    values["reason"] = values["reason"] or ""
    return values


STAFF_ARE_NOT_NAMED = ("must be left empty for a member of staff: the register names staff by "
                       "their role, never by name")


def gift_recipient(columns: dict[str, Any]) -> str:
    """Who an offer was made to, as the register shows it."""
    if columns["recipient_type"] == STAFF_MEMBER:
        return str(columns["recipient_role"])
    return f"{columns['recipient_name']}, {columns['recipient_type']}"


def _gift_says(offer: GiftOffer, documents_text: str) -> RecordText:
    return RecordText(
        title=offer.description, date=offer.date, reference=offer.reference,
        label=offer.reference,
        details=f"{offer.recipient} · {offer.kind} · {offer.outcome} · "
                f"{format_pounds(offer.value_pence)}",
        category=offer.kind, person=offer.recipient, amount_pence=offer.value_pence,
        text=_join(offer.offered_by, offer.outcome, offer.reason,
                   offer.financial_year.label, documents_text),
    )


GIFT_SHOWN = ("date", "recipient_type", "recipient_name", "recipient_role", "recipient",
              "offered_by", "description", "kind", "value_pence", "outcome", "reason")

GIFT = RecordKind(
    name="gift", model=GiftOffer, singular="Gift or hospitality offer",
    plural="Gifts and hospitality",
    import_fields={
        "reference": (True, fields.text(40)), "date": (True, fields.day),
        "recipient_type": (True, fields.one_of(RECIPIENT_TYPES)),
        "recipient_name": (False, fields.text(120)),
        "recipient_role": (False, fields.text(160)),
        "offered_by": (True, fields.text(200)), "description": (True, fields.text(500)),
        "kind": (True, fields.one_of(GIFT_KINDS)), "value": (True, fields.money),
        "outcome": (True, fields.one_of(GIFT_OUTCOMES)), "reason": (False, fields.text(2000)),
    },
    identify=_gift_identity,
    key_fields=("reference",),
    column_names={"value": "value_pence"},
    derived_columns=lambda columns: {"recipient": gift_recipient(columns)},
    public_identity=("reference",),
    says=_gift_says,
    export_columns=exports.GIFT_COLUMNS,
    export=_any_day(exports.gift_fields),
    filters=GiftFilters,
    page=_any_day(queries.list_gifts),
    each=_any_day(queries.each_gift),
    feed_entry=lambda g: FeedEntry(
        f"{g.kind} offered to {g.recipient}: {g.description}",
        f"{g.date.isoformat()}, offered by {g.offered_by}, {format_pounds(g.value_pence)}, "
        f"{g.outcome.lower()}", None),
    free_text=("description", "reason"),
    snapshot=_kept(GIFT_SHOWN),
    restore=_shown_again(("date",), ("reference",)),
)


# The register of interests

INTEREST_IDENTITY = ("holder_name", "office", "category", "description", "declared_on")


def _interest_identity(values: dict[str, Any]) -> dict[str, Any]:
    """An interest without a reference gets a stable one made from what it says; one cannot
    end before it was declared."""
    if values["ended_on"] is not None and values["ended_on"] < values["declared_on"]:
        raise FieldError("ended_on", "must be the same as or after the date it was declared")
    if not values["reference"]:
        fingerprint = "|".join(str(values[name]) for name in INTEREST_IDENTITY)
        values["reference"] = "ROI-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:10]
    return values


def _interest_says(interest: Interest, documents_text: str) -> RecordText:
    ended = f" · ended {interest.ended_on.isoformat()}" if interest.ended_on else ""
    return RecordText(
        title=interest.description, date=interest.declared_on, reference=interest.reference,
        label=interest.category,
        details=f"{interest.holder} · {interest.category} · declared "
                f"{interest.declared_on.isoformat()}{ended}",
        category=interest.category, person=interest.holder_name, amount_pence=None,
        text=_join(interest.holder, interest.category, documents_text),
    )


INTEREST_SHOWN = ("holder_name", "office", "category", "description", "declared_on",
                  "ended_on")

INTEREST = RecordKind(
    name="interest", model=Interest, singular="Declared interest",
    plural="Register of interests",
    import_fields={
        "reference": (False, fields.text(40)), "holder_name": (True, fields.text(120)),
        "office": (True, fields.one_of(OFFICE_HOLDERS)),
        "category": (True, fields.one_of(INTEREST_CATEGORIES)),
        "description": (True, fields.text(1000)), "declared_on": (True, fields.day),
        "ended_on": (False, fields.optional_day),
    },
    identify=_interest_identity,
    key_fields=("reference",),
    public_identity=("reference",),
    says=_interest_says,
    export_columns=exports.INTEREST_COLUMNS,
    export=_any_day(exports.interest_fields),
    filters=InterestFilters,
    page=queries.list_interests,
    each=queries.each_interest,
    feed_entry=lambda i: FeedEntry(
        f"{i.holder}: {i.category.lower()}, {i.description}",
        f"Declared {i.declared_on.isoformat()}"
        + (f", ended {i.ended_on.isoformat()}" if i.ended_on else ""), None),
    free_text=("description",),
    snapshot=_kept(INTEREST_SHOWN),
    restore=_shown_again(("declared_on", "ended_on"), ("reference",)),
)


# Budget and precept

def _lines_of(rows: list[dict[str, Any]]) -> list[BudgetLine]:
    return [BudgetLine(section=row["section"], position=number, heading=row["heading"],
                       amount_pence=row["amount_pence"])
            for number, row in enumerate(rows, start=1)]


def budget_rows(values: dict[str, Any]) -> list[dict[str, Any]]:
    """A budget's income and spending rows as its lines are stored, income first."""
    return ([{"section": "income", "heading": row["source"], "amount_pence": row["amount"]}
             for row in values["income"]]
            + [{"section": "spending", "heading": row["heading"],
                "amount_pence": row["amount"]} for row in values["spending"]])


def _stored_rows(budget: Budget) -> list[dict[str, Any]]:
    return [{"section": line.section, "heading": line.heading,
             "amount_pence": line.amount_pence} for line in budget.lines]


def set_budget_lines(budget: Budget, values: dict[str, Any]) -> bool:
    """Replace a budget's rows with those imported or typed; True if anything changed."""
    wanted = budget_rows(values)
    if wanted == _stored_rows(budget):
        return False
    budget.lines = _lines_of(wanted)
    return True


def budget_problems(values: dict[str, Any]) -> dict[str, str]:
    """What does not add up: the income and the spending must each come to the total
    budget, and the precept is part of the income."""
    total = values["total_budget"]
    problems = {}
    for name, what in (("income", "expected income"), ("spending", "proposed spending")):
        added = sum(row["amount"] for row in values[name])
        if added != total:
            problems[name] = (f"The {what} adds up to {format_pounds(added)}, but the total "
                              f"budget is {format_pounds(total)}: they must be the same")
    if values["total_precept"] > total:
        problems["total_precept"] = "The total precept cannot be more than the total budget"
    return problems


def _budget_identity(values: dict[str, Any]) -> dict[str, Any]:
    for name, problem in budget_problems(values).items():
        raise FieldError(name, problem)
    values["decision_reference"] = values["decision_reference"] or ""
    values["slug"] = FinancialYear(values["financial_year"]).label
    return values


def _budget_says(budget: Budget, documents_text: str) -> RecordText:
    lines = " ".join(line.heading for line in budget.lines)
    return RecordText(
        title=budget.title, date=budget.approved_on, reference=budget.financial_year.label,
        label=budget.financial_year.label,
        details=f"Band D precept {format_pounds(budget.band_d_pence)} · total budget "
                f"{format_pounds(budget.total_pence)}",
        category="", person="", amount_pence=budget.total_pence,
        text=_join(html_to_text(budget.summary_html), lines, budget.decision_reference,
                   documents_text),
    )


BUDGET_SHOWN = ("total_pence", "band_d_pence", "precept_pence", "approved_on",
                "decision_reference", "summary_markdown", "summary_html")


def _budget_snapshot(budget: Budget) -> dict[str, Any]:
    return _kept(BUDGET_SHOWN)(budget) | {"lines": _stored_rows(budget)}


BUDGET = RecordKind(
    name="budget", model=Budget, singular="Budget and precept", plural="Budget and precept",
    import_fields={
        "financial_year": (True, fields.financial_year),
        "total_budget": (True, fields.money), "band_d_precept": (True, fields.money),
        "total_precept": (True, fields.money), "approved_on": (True, fields.day),
        "decision_reference": (False, fields.text(40)), "summary": (False, fields.markdown),
        "income": (True, fields.income_rows), "spending": (True, fields.spending_rows),
    },
    identify=_budget_identity,
    key_fields=("slug",),
    column_names={"financial_year": "start_year", "total_budget": "total_pence",
             "band_d_precept": "band_d_pence", "total_precept": "precept_pence"},
    public_identity=("slug",),
    says=_budget_says,
    export_columns=exports.BUDGET_COLUMNS,
    export=_any_day(exports.budget_fields),
    filters=BudgetFilters,
    page=_any_day(queries.list_budgets),
    each=_any_day(queries.each_budget),
    feed_entry=lambda b: FeedEntry(
        b.title, f"Band D precept {format_pounds(b.band_d_pence)}, total budget "
                 f"{format_pounds(b.total_pence)}", b.summary_html or None),
    export_extra=exports.budget_lines,
    loaded=lambda statement: statement.options(selectinload(Budget.lines)),
    carries_documents=True,
    parts={BudgetLine: lambda line: line.budget_id or (
        line.budget.id if line.budget else None)},
    free_text=("summary",),
    free_text_of_parts=("lines", "heading"),
    part_fields=("income", "spending"),
    set_parts=set_budget_lines,
    snapshot=_budget_snapshot,
    restore=_shown_again(("approved_on",), ("slug", "start_year")),
)




# Meetings

def _meeting_identity(values: dict[str, Any]) -> dict[str, Any]:
    """Fills in the slug (the body and the day), the place and link left out, and checks
    what depends on more than one field."""
    values["place"] = values["place"] or ""
    values["online_link"] = values["online_link"] or ""
    values["public"] = True if values["public"] is None else values["public"]
    values["minutes_status"] = values["minutes_status"] or "none"
    if not (values["place"] or values["online_link"]):
        raise FieldError("place", "is missing: give the place, an online link, or both")
    if values["minutes_approved_on"] is not None and values["minutes_status"] != "approved":
        raise FieldError("minutes_approved_on",
                         "is only given for approved minutes; set minutes_status to approved")
    if values["minutes_status"] == "approved" and values["minutes_approved_on"] is None:
        raise FieldError("minutes_approved_on",
                         "is missing: approved minutes need the date they were approved")
    if values["minutes_approved_on"] is not None and values["minutes_approved_on"] < \
            values["date"]:
        raise FieldError("minutes_approved_on",
                         "must be on or after the day of the meeting")
    source = values["slug"] or f"{values['body']} {values['date'].isoformat()}"
    values["slug"] = slugify(source, 160)
    return values


def _meeting_says(meeting: Meeting, documents_text: str) -> RecordText:
    items = " ".join(f"{item.title} {item.presenter}" for item in meeting.agenda)
    return RecordText(
        title=meeting.title, date=meeting.date, reference="", label="",
        details=f"{meeting.body} · {meeting.start_time:%H:%M} · {meeting.where}",
        category=meeting.body, person="", amount_pence=None,
        text=_join(meeting.body, meeting.place, html_to_text(meeting.summary_html), items,
                   html_to_text(meeting.minutes_html), documents_text),
    )


MEETING_SHOWN = ("body", "title", "place", "online_link", "public", "summary_html",
                 "minutes_status", "minutes_html")


def _meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(meeting, name) for name in MEETING_SHOWN}
    previous["date"] = meeting.date.isoformat()
    previous["start_time"] = meeting.start_time.strftime("%H:%M")
    previous["minutes_approved_on"] = meeting.minutes_approved_on.isoformat() \
        if meeting.minutes_approved_on else None
    previous["agenda"] = [{"title": item.title, "presenter": item.presenter,
                           "report": item.report} for item in meeting.agenda]
    return previous


def _meeting_restore(meeting: Meeting, previous: dict[str, Any], at: Any) -> Meeting:
    before = dict(previous)
    agenda = [AgendaItem(position=number, **item)
              for number, item in enumerate(before.pop("agenda", []), start=1)]
    approved = before.pop("minutes_approved_on", None)
    earlier = Meeting(slug=meeting.slug, **{
        **before, "date": date.fromisoformat(before["date"]),
        "start_time": time.fromisoformat(before["start_time"]),
        "minutes_approved_on": date.fromisoformat(approved) if approved else None,
    }, published_at=meeting.published_at, updated_at=at)
    earlier.agenda = agenda
    return earlier


def _meeting_feed_entry(meeting: Meeting) -> FeedEntry:
    when = f"{meeting.date.isoformat()} at {meeting.start_time:%H:%M}, {meeting.where}"
    return FeedEntry(meeting.full_title,
                     _join(when + ".", plain_text(meeting.summary_markdown)),
                     meeting.summary_html or None)


MEETING = RecordKind(
    name="meeting", model=Meeting, singular="Meeting", plural="Meetings",
    import_fields={
        "slug": (False, fields.text(160)), "body": (True, fields.text(120)),
        "title": (True, fields.text(300)), "date": (True, fields.day),
        "start_time": (True, fields.start_time), "place": (False, fields.text(300)),
        "online_link": (False, fields.web_link), "public": (False, fields.boolean),
        "summary": (False, fields.markdown), "agenda": (False, fields.agenda),
        "minutes_status": (False, fields.minutes_status),
        "minutes_approved_on": (False, fields.optional_day),
        "minutes": (False, fields.markdown),
    },
    identify=_meeting_identity,
    key_fields=("slug",),
    public_identity=("slug",),
    says=_meeting_says,
    export_columns=exports.MEETING_COLUMNS,
    export=_any_day(exports.meeting_fields),
    filters=MeetingFilters,
    page=queries.list_meetings,
    each=queries.each_meeting,
    feed_entry=_meeting_feed_entry,
    export_extra=lambda meeting: {"agenda": exports.meeting_agenda(meeting)},
    loaded=lambda statement: statement.options(selectinload(Meeting.agenda)),
    carries_documents=True,
    parts={AgendaItem: lambda item: item.meeting_id or (
        item.meeting.id if item.meeting else None)},
    free_text=("title", "summary", "minutes"),
    free_text_of_parts=("agenda", "title"),
    snapshot=_meeting_snapshot,
    restore=_meeting_restore,
    lists={"body": MEETING_BODIES},
)


# Senior staff and office holders

def _post_identity(values: dict[str, Any]) -> dict[str, Any]:
    """Its slug (from the job title if none is given), refusing a post that reports to
    itself, or an office holder's name withheld: the law says it is published."""
    if not values["slug"]:
        values["slug"] = fields.post_slug(values["title"])
    if values["reports_to"] and values["reports_to"] == values["slug"]:
        raise fields.FieldError("reports_to", "cannot be the post itself")
    if values["office_holder"] and values["name_withheld"]:
        raise fields.FieldError("name_withheld", "cannot be true for an office holder: the "
                                "Commissioner's and Deputy's names are always published")
    return values


def _staff_number_identity(values: dict[str, Any]) -> dict[str, Any]:
    """Refuses proportions that add up to more than everyone."""
    for share, unknown in (("women_percent", "sex_not_known_percent"),
                           ("ethnic_minority_percent", "ethnicity_not_known_percent"),
                           ("disabled_percent", "disability_not_known_percent")):
        if (values[share] or 0) + (values[unknown] or 0) > 1000:
            raise fields.FieldError(unknown, f"and {share} add up to more than 100%")
    values["slug"] = values["as_at"].isoformat()
    return values


def _post_salary(post: Post) -> str:
    """The salary as a reader is told it: a band or one figure; empty when not public."""
    if not post.details_published or post.salary_pence is None:
        return ""
    if post.salary_to_pence:
        return f"{format_pounds(post.salary_pence)} to {format_pounds(post.salary_to_pence)}"
    return format_pounds(post.salary_pence)


def _post_name_line(post: Post) -> str:
    """Who holds the post, as the public may know it."""
    if post.details_published and post.name_withheld:
        return "Name withheld at their request"
    return post.public_name


def _post_says(post: Post, documents_text: str) -> RecordText:
    shown = post.details_published
    return RecordText(
        title=post.title, date=post.date, reference="", label=exports.post_type(post),
        details=" · ".join(part for part in (_post_name_line(post), _post_salary(post))
                           if part) or exports.post_type(post),
        category=exports.post_type(post), person=post.public_name,
        amount_pence=post.salary_pence if shown else None,
        text=_join(post.public_name,
                   html_to_text(post.responsibilities_html) if shown else "", documents_text),
    )


POST_SHOWN = ("title", "office_holder", "holder_name", "name_withheld",
              "correspondence_address", "responsibilities_html", "salary_pence",
              "salary_to_pence", "reports_to")


def _post_snapshot(post: Post) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(post, name) for name in POST_SHOWN}
    previous["date"] = post.date.isoformat()
    if post.name_withheld:
        # A name the holder asked to keep private is not kept in its history either.
        previous["holder_name"] = ""
    return previous


def _post_restore(post: Post, previous: dict[str, Any], at: Any) -> Post:
    before = {name: previous[name] for name in POST_SHOWN if name in previous}
    # A name withheld now stays withheld on every earlier version too.
    withheld = bool(before.get("name_withheld")) or post.name_withheld
    return Post(slug=post.slug, **{**before, "date": date.fromisoformat(previous["date"]),
                                   "name_withheld": withheld},
                senior=post.senior, published_at=post.published_at, updated_at=at)


POST = RecordKind(
    name="post", model=Post, singular="Post", plural="Senior staff and office holders",
    import_fields={
        "slug": (False, fields.optional_post_slug), "title": (True, fields.text(200)),
        "date": (True, fields.day), "office_holder": (False, fields.boolean),
        "holder_name": (False, fields.text(200)), "name_withheld": (False, fields.boolean),
        "correspondence_address": (False, fields.text(300)),
        "responsibilities": (False, fields.markdown),
        "salary": (False, fields.optional_money), "salary_band_top": (False, fields.optional_money),
        "reports_to": (False, fields.optional_post_slug),
    },
    identify=_post_identity,
    key_fields=("slug",),
    public_identity=("slug",),
    says=_post_says,
    export_columns=exports.POST_COLUMNS,
    export=_any_day(exports.post_fields),
    filters=PostFilters,
    page=_any_day(queries.list_posts),
    each=_any_day(queries.each_post),
    feed_entry=lambda p: FeedEntry(
        _join(p.title, f"({p.public_name})" if p.public_name else ""),
        _join(exports.post_type(p), _post_salary(p)),
        p.responsibilities_html if p.details_published else None),
    column_names={"salary": "salary_pence", "salary_band_top": "salary_to_pence"},
    derived_columns=lambda columns: {
        "office_holder": bool(columns.get("office_holder")),
        "name_withheld": bool(columns.get("name_withheld")),
        "holder_name": columns.get("holder_name") or "",
        "correspondence_address": columns.get("correspondence_address") or ""},
    free_text=("responsibilities",),
    snapshot=_post_snapshot,
    restore=_post_restore,
)


# Staff numbers

STAFF_PERCENTAGES = {
    "women_percent": "women_tenths", "sex_not_known_percent": "sex_unknown_tenths",
    "ethnic_minority_percent": "ethnic_minority_tenths",
    "ethnicity_not_known_percent": "ethnicity_unknown_tenths",
    "disabled_percent": "disabled_tenths",
    "disability_not_known_percent": "disability_unknown_tenths",
}


def _staff_number_says(snapshot: StaffSnapshot, documents_text: str) -> RecordText:
    facts = exports.staff_number_fields(snapshot)
    return RecordText(
        title=snapshot.title, date=snapshot.date, reference="", label="",
        details=f"{snapshot.headcount} staff ({facts['full_time_equivalent']} full-time "
                f"equivalent) · {facts['women_percent']}% women · "
                f"{facts['ethnic_minority_percent']}% from ethnic minorities · "
                f"{facts['disabled_percent']}% disabled",
        category="", person="", amount_pence=None,
        text=_join(snapshot.financial_year.label, html_to_text(snapshot.notes_html),
                   documents_text),
    )


STAFF_NUMBERS_SHOWN = ("headcount", "fte_hundredths", *STAFF_PERCENTAGES.values(),
                       "notes_html")


def _staff_number_snapshot(snapshot: StaffSnapshot) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(snapshot, name) for name in STAFF_NUMBERS_SHOWN}
    previous["date"] = snapshot.date.isoformat()
    return previous


def _staff_number_restore(snapshot: StaffSnapshot, previous: dict[str, Any],
                          at: Any) -> StaffSnapshot:
    before = {name: previous[name] for name in STAFF_NUMBERS_SHOWN if name in previous}
    return StaffSnapshot(slug=snapshot.slug, date=date.fromisoformat(previous["date"]),
                         **before, published_at=snapshot.published_at, updated_at=at)


STAFF_NUMBERS = RecordKind(
    name="workforce", model=StaffSnapshot, singular="Staff count", plural="Staff numbers",
    import_fields={
        "as_at": (True, fields.day), "headcount": (True, fields.whole_number),
        "full_time_equivalent": (True, fields.full_time_equivalent),
        "women_percent": (True, fields.percentage),
        "sex_not_known_percent": (False, fields.optional_percentage),
        "ethnic_minority_percent": (True, fields.percentage),
        "ethnicity_not_known_percent": (False, fields.optional_percentage),
        "disabled_percent": (True, fields.percentage),
        "disability_not_known_percent": (False, fields.optional_percentage),
        "notes": (False, fields.markdown),
    },
    identify=_staff_number_identity,
    key_fields=("slug",),
    public_identity=("slug",),
    says=_staff_number_says,
    export_columns=exports.STAFF_NUMBER_COLUMNS,
    export=_any_day(exports.staff_number_fields),
    filters=StaffNumberFilters,
    page=_any_day(queries.list_staff_numbers),
    each=_any_day(queries.each_staff_number),
    feed_entry=lambda s: FeedEntry(s.title, _staff_number_says(s, "").details, s.notes_html),
    column_names={"as_at": "date", "full_time_equivalent": "fte_hundredths",
                  **STAFF_PERCENTAGES},
    free_text=("notes",),
    snapshot=_staff_number_snapshot,
    restore=_staff_number_restore,
)




# Spending over the threshold

def _spending_says(line: Spending, documents_text: str) -> RecordText:
    return RecordText(
        title=line.purpose, date=line.date, reference=line.reference, label=line.reference,
        details=f"{line.body} · {line.supplier} · {line.category} · "
                f"{format_pounds(line.amount_pence)}",
        category=line.category, person=line.supplier, amount_pence=line.amount_pence,
        text=_join(line.supplier, line.category, line.body_name, line.value_for_money,
                   line.value_for_money_reason, line.financial_year.label, documents_text),
    )


SPENDING_SHOWN = ("date", "body", "supplier", "purpose", "category", "amount_pence",
                  "value_for_money", "value_for_money_reason")


def _spending_snapshot(line: Spending) -> dict[str, Any]:
    values = {name: getattr(line, name) for name in SPENDING_SHOWN}
    values["date"] = line.date.isoformat()
    return values


def _spending_restore(line: Spending, previous: dict[str, Any], at: Any) -> Spending:
    before = {name: previous[name] for name in SPENDING_SHOWN if name in previous}
    return Spending(reference=line.reference,
                    **{**before, "date": date.fromisoformat(before["date"])},
                    published_at=line.published_at, updated_at=at)


def _spending_check(values: dict[str, Any], rules: ImportRules) -> None:
    try:
        rules.over_threshold(values["amount"])
    except ValueError as error:
        raise FieldError("amount", str(error)) from error
    if values["value_for_money"] == SINGLE_SOURCE and not values["value_for_money_reason"]:
        raise FieldError("value_for_money_reason",
                         "is missing; a single source needs its justification written out")


SPENDING = RecordKind(
    name="spending", model=Spending, singular="Spending line",
    plural="Spending over £500",
    import_fields={
        "reference": (True, fields.text(60)), "date": (True, fields.day),
        "body": (True, fields.spending_body), "supplier": (True, fields.text(200)),
        "purpose": (True, fields.text(500)), "category": (True, fields.text(120)),
        "amount": (True, fields.money), "value_for_money": (True, fields.value_route),
        "value_for_money_reason": (False, fields.optional_text(2000)),
    },
    identify=lambda values: values,
    check=_spending_check,
    bulk=True,
    key_fields=("reference",),
    derived_columns=lambda columns: {
        "value_for_money_reason": columns.get("value_for_money_reason") or ""},
    public_identity=("reference",),
    says=_spending_says,
    export_columns=exports.SPENDING_COLUMNS,
    export=_any_day(exports.spending_fields),
    filters=SpendingFilters,
    page=_any_day(spending.list_spending),
    each=_any_day(spending.each_spending),
    feed_entry=lambda line: FeedEntry(
        f"{line.supplier}: {line.purpose} ({format_pounds(line.amount_pence)})",
        f"{line.date.isoformat()}, {line.body}, {line.category}, "
        f"{format_pounds(line.amount_pence)}", None),
    free_text=("purpose", "value_for_money_reason"),
    snapshot=_spending_snapshot,
    restore=_spending_restore,
    lists={"category": SPENDING_CATEGORIES},
    column_aliases={
        "reference": ("transaction reference", "transaction ref", "transaction number",
                      "transaction id", "document number", "invoice number", "ref"),
        "date": ("transaction date", "payment date", "date paid", "invoice date"),
        "body": ("body", "organisation", "spent by", "entity", "body name"),
        "supplier": ("supplier name", "supplier", "payee", "vendor", "vendor name",
                     "merchant name", "beneficiary"),
        "purpose": ("description", "expense description", "details", "purpose of spend",
                    "narrative"),
        "category": ("expense type", "expenditure category", "service category",
                     "expense area", "spend category"),
        "amount": ("net amount", "amount (£)", "amount £", "value", "total", "net value",
                   "amount paid"),
        "value_for_money": ("value for money", "vfm", "vfm route", "procurement route",
                            "value for money route"),
        "value_for_money_reason": ("value for money reason", "vfm reason", "justification",
                                   "value for money justification"),
    },
)


# Grants, contracts and invitations to tender: records of one table each, whose earlier
# versions keep the columns a reader sees (`_kept` and `_shown_again` above).

def _in_order(first: str, then: str, label: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Checks that a record's later day (a contract's end) is not before its earlier one."""
    def identify(values: dict[str, Any]) -> dict[str, Any]:
        if values.get(first) and values.get(then) and values[then] < values[first]:
            raise FieldError(then, f"must be on or after the {label}")
        return values
    return identify


def _slug_from_reference(columns: dict[str, Any]) -> dict[str, Any]:
    return {"slug": slugify(columns["reference"], 80)}


GRANT_IDENTITY = ("date", "recipient", "purpose", "amount")


def _grant_identity(values: dict[str, Any]) -> dict[str, Any]:
    """A grant without a reference gets a stable one made from what it says, so the same
    grant imported again updates instead of repeating."""
    if not values["reference"]:
        fingerprint = "|".join(str(values[name]) for name in GRANT_IDENTITY)
        values["reference"] = "GR-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:10]
    return values


def _grant_says(grant: Grant, documents_text: str) -> RecordText:
    return RecordText(
        title=grant.title, date=grant.date, reference=grant.reference, label=grant.reference,
        details=f"{grant.fund} · {format_pounds(grant.amount_pence)}",
        category=grant.fund, person=grant.recipient, amount_pence=grant.amount_pence,
        text=_join(html_to_text(grant.conditions_html), html_to_text(grant.crime_reduction_html),
                   grant.decision_reference or "", grant.financial_year.label, documents_text),
    )


GRANT_SHOWN = ("recipient", "fund", "purpose", "date", "amount_pence", "conditions_html",
               "crime_reduction_html", "decision_reference")

GRANT = RecordKind(
    name="grant", model=Grant, singular="Grant", plural="Crime and disorder reduction grants",
    import_fields={
        "reference": (False, fields.reference), "recipient": (True, fields.text(200)),
        "fund": (True, fields.text(120)), "purpose": (True, fields.text(500)),
        "amount": (True, fields.money), "date": (True, fields.day),
        "conditions": (True, fields.markdown), "crime_reduction": (True, fields.markdown),
        "decision_reference": (False, fields.text(40)),
    },
    identify=_grant_identity,
    key_fields=("reference",),
    derived_columns=_slug_from_reference,
    public_identity=("slug", "reference"),
    says=_grant_says,
    export_columns=exports.GRANT_COLUMNS,
    export=_any_day(exports.grant_fields),
    filters=GrantFilters,
    page=_any_day(queries.list_grants),
    each=_any_day(queries.each_grant),
    feed_entry=lambda g: FeedEntry(
        f"{g.recipient}: {g.purpose} ({format_pounds(g.amount_pence)})",
        plain_text(g.crime_reduction_markdown), g.conditions_html),
    free_text=("purpose", "conditions", "crime_reduction"),
    snapshot=_kept(GRANT_SHOWN),
    restore=_shown_again(("date",), ("reference", "slug")),
    lists={"fund": GRANT_FUNDS},
)


def _contract_says(contract: Contract, documents_text: str) -> RecordText:
    return RecordText(
        title=contract.title, date=contract.start_date, reference=contract.reference,
        label=contract.reference,
        details=f"{contract.supplier} · {format_pounds(contract.value_pence)}",
        category=contract.procurement_route, person=contract.supplier,
        amount_pence=contract.value_pence,
        text=_join(html_to_text(contract.purpose_html), " ".join(contract.every_party),
                   contract.tender_reference or "", contract.decision_reference or "",
                   documents_text),
    )


CONTRACT_SHOWN = ("title", "supplier", "parties", "other_parties", "purpose_html",
                  "value_pence", "start_date", "end_date", "procurement_route",
                  "tender_reference", "decision_reference")

CONTRACT = RecordKind(
    name="contract", model=Contract, singular="Contract", plural="Contracts",
    import_fields={
        "reference": (True, fields.reference), "title": (True, fields.text(300)),
        "supplier": (True, fields.text(200)), "parties": (True, fields.contract_parties),
        "other_parties": (False, fields.text(300)), "purpose": (True, fields.markdown),
        "value": (True, fields.money), "start_date": (True, fields.day),
        "end_date": (False, fields.optional_day),
        "procurement_route": (True, fields.text(120)),
        "tender_reference": (False, fields.text(40)),
        "decision_reference": (False, fields.text(40)),
    },
    column_names={"value": "value_pence"},
    identify=_in_order("start_date", "end_date", "start date"),
    key_fields=("reference",),
    derived_columns=lambda columns: _slug_from_reference(columns) | {
        "other_parties": columns.get("other_parties") or ""},
    public_identity=("slug", "reference"),
    says=_contract_says,
    export_columns=exports.CONTRACT_COLUMNS,
    export=exports.contract_fields,
    filters=ContractFilters,
    page=queries.list_contracts,
    each=queries.each_contract,
    feed_entry=lambda c: FeedEntry(
        f"{c.reference}: {c.title} ({format_pounds(c.value_pence)})",
        f"{c.supplier}. {plain_text(c.purpose_markdown)}", c.purpose_html),
    carries_documents=True,
    free_text=("title", "purpose"),
    snapshot=_kept(CONTRACT_SHOWN),
    restore=_shown_again(("start_date", "end_date"), ("reference", "slug")),
    lists={"procurement_route": PROCUREMENT_ROUTES},
)


def _tender_says(tender: Tender, documents_text: str) -> RecordText:
    return RecordText(
        title=tender.title, date=tender.issued_on, reference=tender.reference,
        label=tender.reference,
        details=f"Estimated value {format_pounds(tender.estimated_value_pence)} · "
                f"closing {tender.closing_date.isoformat()}",
        category="", person="", amount_pence=tender.estimated_value_pence,
        text=_join(html_to_text(tender.description_html),
                   html_to_text(tender.how_to_respond_html), documents_text),
    )


TENDER_SHOWN = ("title", "description_html", "estimated_value_pence", "issued_on",
                "closing_date", "how_to_respond_html")

TENDER = RecordKind(
    name="tender", model=Tender, singular="Invitation to tender",
    plural="Invitations to tender",
    import_fields={
        "reference": (True, fields.reference), "title": (True, fields.text(300)),
        "description": (True, fields.markdown), "estimated_value": (True, fields.money),
        "issued_on": (True, fields.day), "closing_date": (True, fields.day),
        "how_to_respond": (True, fields.markdown),
    },
    column_names={"estimated_value": "estimated_value_pence"},
    identify=_in_order("issued_on", "closing_date", "date issued"),
    key_fields=("reference",),
    derived_columns=_slug_from_reference,
    public_identity=("slug", "reference"),
    says=_tender_says,
    export_columns=exports.TENDER_COLUMNS,
    export=exports.tender_fields,
    filters=TenderFilters,
    page=queries.list_tenders,
    each=queries.each_tender,
    feed_entry=lambda t: FeedEntry(
        f"{t.reference}: {t.title} (closes {t.closing_date.isoformat()})",
        plain_text(t.description_markdown), t.description_html),
    carries_documents=True,
    free_text=("title", "description", "how_to_respond"),
    snapshot=_kept(TENDER_SHOWN),
    restore=_shown_again(("issued_on", "closing_date"), ("reference", "slug")),
)


KINDS: tuple[RecordKind, ...] = (DECISION, EXPENSE, SPENDING, GRANT, CONTRACT, TENDER, BUDGET,
                                  POLICY, SCRUTINY, INSPECTION, MEETING, POST, STAFF_NUMBERS,
                                  GIFT, INTEREST)
BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
BY_MODEL: dict[Any, RecordKind] = {kind.model: kind for kind in KINDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def list_uses(managed: ManagedList) -> list[tuple[RecordKind, str]]:
    """Every (kind, field) whose values come from `managed`."""
    return [(kind, name) for kind in KINDS for name, used in kind.lists.items()
            if used == managed]


def kind_named(name: str) -> RecordKind:
    return BY_NAME[name]


def kind_of(record: Any) -> RecordKind:
    """The kind of a published record (a TypeError for anything else)."""
    try:
        return BY_MODEL[type(record)]
    except KeyError:
        raise TypeError(f"{type(record).__name__} is not a kind of published record") from None


def search_key_of(instance: Any) -> tuple[str, int] | None:
    """The (kind, id) whose search entry a change to `instance` affects, if any: the record
    itself, or the record a part of it (such as a scrutiny action) belongs to."""
    kind = BY_MODEL.get(type(instance))
    if kind is not None:
        return (kind.name, instance.id) if instance.id else None
    for owner in KINDS:
        if (owner_id := owner.parts.get(type(instance))) is not None:
            record_id = owner_id(instance)
            return (owner.name, record_id) if record_id else None
    return None


def with_documents() -> Iterable[RecordKind]:
    return (kind for kind in KINDS if kind.carries_documents)
