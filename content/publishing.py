"""Publishing by hand: drafts, scheduling, edits with a note, withdrawal with a reason.
Nothing published changes or disappears without a revision saying why."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from content.dates import utcnow
from content.fields import ACTION_FIELDS, every_problem
from content.importer import field_problems, parse_record
from content.kinds import DECISION, KINDS, SCRUTINY, kind_named, kind_of
from content.managed_lists import choice_problem, settle_values
from content.models import Decision, Policy, Revision, ScrutinyOutcome
from content.store import columns_of, mark_current_policies, set_actions

# The fields of a decision a reader sees; an edit to any of them needs a note.
DECISION_FIELDS = ("reference", "title", "date", "decision_maker", "category",
                   "summary_markdown", "body_markdown", "financial_implications_markdown",
                   "amount_pence", "exempt")


class PublishingProblem(ValueError):
    """Why a publishing step was refused, for the publisher to act on; `field` names the
    form field to correct."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class DecisionDraft:
    """A decision as typed into the form, checked."""

    columns: dict[str, Any]
    problems: dict[str, str]


def check_decision(form: dict[str, Any], session: Session | None = None,
                   decision: Decision | None = None) -> DecisionDraft:
    """The decision typed into the form, or every problem with it; given the session, a
    reference another decision already has is one of them."""
    raw = {"type": "decision", **{name: value for name, value in form.items()
                                  if value not in ("", None)}}
    problems = field_problems("decision", raw)
    reference = str(raw.get("reference", "")).strip()
    if session is not None and "reference" not in problems and _reference_taken(
            session, reference, decision):
        problems["reference"] = f"There is already a decision {reference}"
    if session is not None:
        problems |= _list_problems(session, raw, problems)
    if problems:
        return DecisionDraft({}, problems)
    return DecisionDraft(columns_of(parse_record(raw, 1)), {})


def _list_problems(session: Session, raw: dict[str, Any],
                   problems: dict[str, str]) -> dict[str, str]:
    """A near-duplicate of a listed name (a category, a decision maker) is refused, naming
    the listed one; a new name is fine, and joins its list when the decision is saved."""
    found = {}
    for name, managed in DECISION.lists.items():
        words = raw.get(name)
        if name not in problems and isinstance(words, str):
            problem = choice_problem(session, managed, words.strip())
            if problem:
                found[name] = problem
    return found


def _reference_taken(session: Session, reference: str, decision: Decision | None) -> bool:
    other = session.scalar(select(Decision).where(Decision.reference == reference))
    return other is not None and other is not decision


def save_decision(session: Session, decision: Decision | None, draft: DecisionDraft,
                  note: str = "", now: datetime | None = None) -> Decision:
    """Create a draft, or change a decision; a published one keeps a revision and needs a
    note saying what changed. A new category or decision maker joins its list."""
    columns = draft.columns
    if _reference_taken(session, columns["reference"], decision):
        raise PublishingProblem(f"There is already a decision {columns['reference']}",
                                "reference")
    settle_values(session, DECISION, columns)
    if decision is None:
        decision = Decision(**columns)
        session.add(decision)
        session.flush()
        return decision
    changed = any(getattr(decision, name) != columns.get(name) for name in DECISION_FIELDS)
    if decision.is_published and changed:
        if not note.strip():
            raise PublishingProblem("Say what changed: the note is shown on the public page",
                                    "change_note")
        session.add(Revision(record_type="decision", record_id=decision.id, kind="edited",
                             at=now or utcnow(), note=note.strip(),
                             previous=DECISION.keep(decision)))
    for name, value in columns.items():
        setattr(decision, name, value)
    return decision


def publish(session: Session, record: Any, now: datetime | None = None) -> None:
    now = now or utcnow()
    if record.is_published:
        raise PublishingProblem("This is already published")
    withdrawn = _latest(session, record, "withdrawn")
    if withdrawn is not None:
        session.add(Revision(record_type=_type(record), record_id=record.id,
                             kind="republished", at=now, note="Published again"))
    record.published_at, record.publish_at = now, None


def schedule(record: Any, when: datetime, now: datetime | None = None) -> None:
    if record.is_published:
        raise PublishingProblem("This is already published", "publish_at")
    if when <= (now or utcnow()):
        raise PublishingProblem("The publication time must be in the future", "publish_at")
    record.publish_at = when


def withdraw(session: Session, record: Any, reason: str, now: datetime | None = None) -> None:
    if not record.is_published:
        raise PublishingProblem("This is not published")
    if not reason.strip():
        raise PublishingProblem("Give the reason for withdrawing it: it is shown to the public",
                                "reason")
    session.add(Revision(record_type=_type(record), record_id=record.id, kind="withdrawn",
                         at=now or utcnow(), note=reason.strip()))
    record.published_at = None


def publish_due(session: Session, now: datetime | None = None) -> int:
    """Publish everything whose scheduled time has come; returns how many.

    On PostgreSQL the records are locked as they are read, skipping any another worker
    (or a publisher saving a change) holds: each is published once, by one worker, and a
    record being edited waits for the next round instead of being published from the
    state read before the edit. SQLite lets one writer in at a time, which is the
    embedded deployment's single worker.
    """
    now = now or utcnow()
    count = 0
    policies: set[str] = set()
    for kind in KINDS:
        model = kind.model
        for record in session.scalars(select(model).where(
                model.publish_at <= now, model.published_at.is_(None),
        ).order_by(model.id).with_for_update(skip_locked=True)):
            record.published_at, record.publish_at = record.publish_at, None
            count += 1
            if isinstance(record, Policy):
                policies.add(record.slug)
    session.flush()
    mark_current_policies(session, policies, now)
    return count


def _type(record: Any) -> str:
    return kind_of(record).name


def _latest(session: Session, record: Any, kind: str) -> Revision | None:
    return session.scalar(select(Revision).where(
        Revision.record_type == _type(record), Revision.record_id == record.id,
        Revision.kind == kind).order_by(Revision.at.desc(), Revision.id.desc()))


def find_withdrawn(session: Session, record_type: str,
                   identifier: str) -> tuple[Any, Revision] | None:
    """The record at this public address that was published and then withdrawn, with the
    revision giving the reason; None if there is no such record."""
    kind = kind_named(record_type)
    record = session.scalar(select(kind.model).where(
        kind.model.published_at.is_(None),
        or_(*(getattr(kind.model, column) == identifier for column in kind.public_identity))))
    if record is None:
        return None
    reason = _latest(session, record, "withdrawn")
    return (record, reason) if reason else None


def revisions(session: Session, record_type: str, record_id: int) -> list[Revision]:
    return list(session.scalars(select(Revision).where(
        Revision.record_type == record_type, Revision.record_id == record_id,
    ).order_by(Revision.at, Revision.id)))


# Scrutiny outcomes, with their actions

def check_scrutiny(form: dict[str, Any], actions: list[dict[str, str]],
                   slug: str | None) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, str]]:
    """Columns and actions ready to save, or every problem: an action's are named by its
    row, counting the empty rows too ("action 3 owner"), as the publisher sees them."""
    raw: dict[str, Any] = {"type": "scrutiny", **{name: value for name, value in form.items()
                                                  if value not in ("", None)}}
    # A row with only its status chosen is an empty row, not an action.
    filled = {number: {name: value for name, value in row.items() if value}
              for number, row in enumerate(actions, start=1)
              if any(row.get(name) for name in ("action", "owner", "due"))}
    raw["actions"] = list(filled.values())
    if slug:
        raw["slug"] = slug
    problems = field_problems("scrutiny", {**raw, "actions": None})
    for number, row in filled.items():
        problems |= {f"action {number} {name}": text
                     for name, text in every_problem(row, ACTION_FIELDS).items()}
    if problems:
        return {}, [], problems
    parsed = parse_record(raw, 1)
    return columns_of(parsed), parsed.values["actions"], {}


def save_scrutiny(session: Session, outcome: ScrutinyOutcome | None, columns: dict[str, Any],
                  actions: list[dict[str, Any]], note: str = "",
                  now: datetime | None = None) -> ScrutinyOutcome:
    if outcome is None:
        if session.scalar(select(ScrutinyOutcome.id).where(
                ScrutinyOutcome.slug == columns["slug"])):
            raise PublishingProblem("There is already a scrutiny outcome with this title and "
                                    "date", "title")
        outcome = ScrutinyOutcome(**columns)
        session.add(outcome)
        set_actions(outcome, actions)
        session.flush()
        return outcome
    wanted = [(a["action"], a["owner"], a["due"], a["status"]) for a in actions]
    current = [(a.action, a.owner, a.due, a.status) for a in outcome.actions]
    changed = wanted != current or any(getattr(outcome, name) != value
                                       for name, value in columns.items())
    if outcome.is_published and changed:
        if not note.strip():
            raise PublishingProblem("Say what changed: the note is shown on the public page",
                                    "change_note")
        session.add(Revision(record_type="scrutiny", record_id=outcome.id, kind="edited",
                             at=now or utcnow(), note=note.strip(),
                             previous=SCRUTINY.keep(outcome)))
    for name, value in columns.items():
        setattr(outcome, name, value)
    set_actions(outcome, actions)
    return outcome
