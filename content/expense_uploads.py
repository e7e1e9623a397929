"""Publishing a file of expense lines: what it would change is worked out first, so the
publisher sees it before anything is public; a line already published is changed only
with a note, and keeps what it said before."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.dates import FinancialYear, utcnow
from content.importer import ParsedRecord, field_problems, parse_record
from content.kinds import EXPENSE, EXPENSE_SHOWN
from content.managed_lists import ListBook, choice_problems
from content.models import Expense, Revision
from content.publishing import PublishingProblem, find_withdrawn, note_problem
from content.store import columns_of

# What a reader sees of a line; a change to any of these needs a note.
SHOWN = EXPENSE_SHOWN
# References looked up per query, well under every database's limit on bound values.
LOOKUP_BATCH = 500


@dataclass
class LineChange:
    line: int
    expense: Expense
    after: dict[str, Any]

    @property
    def changed(self) -> list[str]:
        """What a reader sees change. A line reimbursed in full, before and after, has no
        amount claimed of its own to speak of: it follows the amount."""
        names = [name for name in SHOWN if getattr(self.expense, name) != self.after[name]]
        in_full = (self.expense.not_reimbursed_pence == 0
                   and self.after["amount_claimed_pence"] == self.after["amount_pence"])
        return [name for name in names if not (in_full and name == "amount_claimed_pence")]


@dataclass
class UploadPlan:
    """What publishing the file would do, line by line."""

    new: list[ParsedRecord] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    waiting: list[tuple[Expense, ParsedRecord]] = field(default_factory=list)
    withdrawn: list[Expense] = field(default_factory=list)
    unchanged: int = 0
    by_year: dict[str, int] = field(default_factory=dict)
    by_claimant: dict[str, int] = field(default_factory=dict)
    # Near-duplicates of listed claimants and categories, and the listed names used instead.
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


def _existing(session: Session, references: list[str]) -> dict[str, Expense]:
    found: dict[str, Expense] = {}
    for start in range(0, len(references), LOOKUP_BATCH):
        batch = references[start:start + LOOKUP_BATCH]
        found |= {expense.reference: expense for expense in session.scalars(
            select(Expense).where(Expense.reference.in_(batch)))}
    return found


def plan_upload(session: Session, records: list[ParsedRecord]) -> UploadPlan:
    existing = _existing(session, [record.values["reference"] for record in records])
    plan = UploadPlan()
    by_year: dict[str, int] = defaultdict(int)
    by_claimant: dict[str, int] = defaultdict(int)
    lists = ListBook(session)
    for record in records:
        values = record.values
        plan.notes.extend(f"Line {record.line}: {note}."
                          for note in lists.settle(EXPENSE, values, add_new=False))
        by_year[FinancialYear.of(values["date"]).label] += values["amount"]
        by_claimant[values["claimant"]] += values["amount"]
        expense = existing.get(values["reference"])
        if expense is None:
            plan.new.append(record)
        elif expense.is_published:
            change = LineChange(record.line, expense, columns_of(record))
            if change.changed:
                plan.changed.append(change)
            else:
                plan.unchanged += 1
        elif find_withdrawn(session, "expense", expense.reference):
            plan.withdrawn.append(expense)
        else:
            plan.waiting.append((expense, record))
    plan.by_year = dict(sorted(by_year.items()))
    plan.by_claimant = dict(sorted(by_claimant.items()))
    return plan


def publish_upload(session: Session, plan: UploadPlan, note: str = "",
                   when: datetime | None = None, now: datetime | None = None) -> None:
    """Publish the planned lines now, or schedule the new and waiting ones for `when`.

    Withdrawn lines stay withdrawn. Changes to published lines are public at once, so a
    file that has any can only be published now, and needs `note`.
    """
    now = now or utcnow()
    if plan.changed and when is not None:
        raise PublishingProblem(
            f"This file changes {len(plan.changed)} line(s) that are already published, and "
            "those changes are published at once: publish it now, or take those lines out "
            "to schedule the rest", "publish_on")
    if plan.changed and not note.strip():
        raise PublishingProblem("Say what changed: the note is shown on the page of each "
                                "changed line", "change_note")
    if when is not None and when <= now:
        raise PublishingProblem("The publication time must be in the future", "publish_on")
    lists = ListBook(session)
    for values in [*(record.values for record in plan.new),
                   *(record.values for _, record in plan.waiting),
                   *(change.after for change in plan.changed)]:
        lists.settle(EXPENSE, values)  # new claimants and categories join their lists
    for record in plan.new:
        session.add(Expense(**columns_of(record), published_at=None if when else now,
                            publish_at=when))
    for expense, record in plan.waiting:
        for name, value in columns_of(record).items():
            setattr(expense, name, value)
        expense.published_at, expense.publish_at = (None, when) if when else (now, None)
    for change in plan.changed:
        previous = EXPENSE.keep(change.expense) | {"changed": change.changed}
        session.add(Revision(record_type="expense", record_id=change.expense.id, kind="edited",
                             at=now, note=note.strip(), previous=previous))
        for name, value in change.after.items():
            setattr(change.expense, name, value)
        change.expense.updated_at = now
    session.flush()


def find_line(session: Session, reference: str) -> Expense | None:
    """The expense line with this reference, published or not."""
    return session.scalar(select(Expense).where(Expense.reference == reference))


def check_line_correction(session: Session, expense: Expense, typed: dict[str, str],
                          note: str) -> tuple[UploadPlan | None, dict[str, str]]:
    """The correction of one published line, planned, or every problem with it at once:
    the boxes', a correction that changes nothing, a missing note."""
    raw = {"type": "expense", "reference": expense.reference,
           **{name: value for name, value in typed.items() if value}}
    problems = field_problems("expense", raw)
    # Unlike a file's rows, a correction refuses a near-duplicate name rather than
    # quietly using the listed one: whoever typed it is there to choose.
    problems |= choice_problems(session, EXPENSE, raw, skip=problems)
    plan = None if problems else plan_upload(session, [parse_record(raw, 1)])
    if plan is not None and not plan.changed:
        return None, {"date": "Nothing has changed: correct a box, or leave the line as it is"}
    problems |= note_problem(note)
    return (None, problems) if problems else (plan, {})


def line_updates(session: Session, expense: Expense) -> list[Revision]:
    """The published changes to a line, oldest first, each with what it said before."""
    return list(session.scalars(select(Revision).where(
        Revision.record_type == "expense", Revision.record_id == expense.id,
        Revision.kind == "edited").order_by(Revision.at, Revision.id)))
