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
from datetime import date
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session, selectinload

from content import exports, fields, queries
from content.dates import FinancialYear
from content.fields import FieldError, Spec
from content.filters import (
    BudgetFilters,
    DecisionFilters,
    ExpenseFilters,
    GiftFilters,
    InterestFilters,
    Paging,
    PolicyFilters,
    ScrutinyFilters,
)
from content.markup import html_to_text, plain_text
from content.models import (
    GIFT_KINDS,
    GIFT_OUTCOMES,
    INTEREST_CATEGORIES,
    OFFICE_HOLDERS,
    RECIPIENT_TYPES,
    STAFF_MEMBER,
    Budget,
    BudgetLine,
    Decision,
    Expense,
    GiftOffer,
    Interest,
    Policy,
    ScrutinyAction,
    ScrutinyOutcome,
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
# Scrutiny action owners are not a managed list: they name whoever agreed to act at a
# meeting (mostly posts in the force, written as the minutes record them), are never a
# public filter, and an OPCC post that owns a policy document is a different idea.
MANAGED_LISTS: tuple[ManagedList, ...] = (DECISION_CATEGORIES, DECISION_MAKERS, CLAIMANTS,
                                          EXPENSE_CATEGORIES, POLICY_OWNERS)


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
    # Import fields stored in a column of another name (an amount in pounds kept as pence).
    renamed: dict[str, str] = field(default_factory=dict)
    # Import fields holding the record's parts (a budget's rows), not columns of its own,
    # and how a record's parts are set from them (True if that changed anything).
    part_fields: tuple[str, ...] = ()
    set_parts: Callable[[Any, dict[str, Any]], bool] | None = None

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


# Decisions

def _decision_says(decision: Decision, documents_text: str) -> RecordText:
    return RecordText(
        title=decision.title, date=decision.date, reference=decision.reference,
        label=decision.reference, details=decision.decision_maker,
        category=decision.category, person=decision.decision_maker,
        amount_pence=decision.amount_pence,
        text=_join(html_to_text(decision.summary_html), html_to_text(decision.body_html),
                   html_to_text(decision.financial_implications_html), documents_text),
    )


DECISION_SHOWN = ("title", "date", "decision_maker", "category", "summary_html", "body_html",
                  "financial_implications_html", "amount_pence", "exempt")


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
    },
    identify=lambda values: values,
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
    free_text=("title", "summary", "body", "financial_implications"),
    snapshot=_decision_snapshot,
    restore=_decision_restore,
    lists={"category": DECISION_CATEGORIES, "decision_maker": DECISION_MAKERS},
)


# Expenses

EXPENSE_IDENTITY = ("date", "claimant", "category", "description", "amount")


def _expense_identity(values: dict[str, Any]) -> dict[str, Any]:
    """A line without a reference gets a stable one made from what it says, so the same
    line imported again updates instead of repeating."""
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
                   documents_text),
    )


EXPENSE_SHOWN = ("date", "claimant", "category", "description", "amount_pence")


def _expense_snapshot(expense: Expense) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(expense, name) for name in EXPENSE_SHOWN}
    previous["date"] = expense.date.isoformat()
    return previous


EXPENSE = RecordKind(
    name="expense", model=Expense, singular="Expense", plural="Expenses",
    import_fields={
        "reference": (False, fields.text(60)), "claimant": (True, fields.text(120)),
        "date": (True, fields.day), "category": (True, fields.text(120)),
        "description": (True, fields.text(500)), "amount": (True, fields.money),
    },
    identify=_expense_identity,
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
    free_text=("description",),
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


SCRUTINY_SHOWN = ("kind", "title", "summary_html", "body_html")


def _scrutiny_snapshot(outcome: ScrutinyOutcome) -> dict[str, Any]:
    previous: dict[str, Any] = {name: getattr(outcome, name) for name in SCRUTINY_SHOWN}
    previous["date"] = outcome.date.isoformat()
    previous["actions"] = [{"action": a.action, "owner": a.owner, "status": a.status,
                            "due": a.due.isoformat() if a.due else None}
                           for a in outcome.actions]
    return previous


def _scrutiny_restore(outcome: ScrutinyOutcome, previous: dict[str, Any],
                      at: Any) -> ScrutinyOutcome:
    before = dict(previous)
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
        "actions": (False, fields.actions),
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


# Shared by the registers below: an earlier published version kept as its columns.

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
    renamed={"value": "value_pence"},
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
    renamed={"financial_year": "start_year", "total_budget": "total_pence",
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


KINDS: tuple[RecordKind, ...] = (DECISION, EXPENSE, POLICY, SCRUTINY, GIFT, INTEREST, BUDGET)
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
