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
from content.fields import FieldError, Spec
from content.filters import (
    DecisionFilters,
    ExpenseFilters,
    InspectionFilters,
    Paging,
    PolicyFilters,
    ScrutinyFilters,
)
from content.inspections import set_recommendations, unexplained
from content.markup import html_to_text, plain_text
from content.models import (
    Decision,
    Expense,
    Inspection,
    InspectionRecommendation,
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
    # For kinds made of parts other than a scrutiny outcome's actions (a report's
    # recommendations): replaces the record's parts from the imported values, saying
    # whether anything changed.
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
    set_parts=lambda inspection, values: set_recommendations(inspection,
                                                             values["recommendations"]),
)


KINDS: tuple[RecordKind, ...] = (DECISION, EXPENSE, POLICY, SCRUTINY, INSPECTION)
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
