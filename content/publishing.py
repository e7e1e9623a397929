"""Publishing by hand: drafts, scheduling, edits with a note, withdrawal with a reason.
Nothing published changes or disappears without a revision saying why."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from content.dates import utcnow
from content.fields import ACTION_FIELDS, AGENDA_FIELDS, ImportRules, every_problem
from content.importer import (
    DEFAULT_RULES,
    ImportRejected,
    ParsedRecord,
    field_problems,
    parse_record,
)
from content.kinds import (
    DECISION,
    DECISION_WRITING,
    KINDS,
    MEETING,
    SPENDING,
    SPENDING_SHOWN,
    RecordKind,
    kind_named,
    kind_of,
)
from content.managed_lists import choice_problems, settle_values
from content.models import Decision, Meeting, Policy, Revision, ScrutinyOutcome, Spending, Tender
from content.queries import meeting_for_editing
from content.store import agenda_of, columns_of, mark_current_policies, set_actions, set_agenda

# The fields of a decision a reader sees; an edit to any of them needs a note.
DECISION_FIELDS = ("reference", "title", "date", "decision_maker", "category",
                   *(f"{name}_markdown" for name in DECISION_WRITING),
                   "amount_pence", "exempt", "exemption_ground", "meeting", "meeting_item")


class PublishingProblem(ValueError):
    """Why a publishing step was refused, for the publisher to act on; `field` names the
    form field to correct."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


NOTE_NEEDED = "Say what changed: the note is shown on the public page"


def note_problem(note: str) -> dict[str, str]:
    """A change to something already public needs a note saying what changed."""
    return {} if note.strip() else {"change_note": NOTE_NEEDED}


@dataclass
class DecisionDraft:
    """A decision as typed into the form, checked."""

    columns: dict[str, Any]
    problems: dict[str, str]


def typed_record(record_type: str, form: dict[str, Any]) -> dict[str, Any]:
    """What was typed into a kind's form, as a record in the import format: a box left
    empty is a value not given."""
    return {"type": record_type, **{name: value for name, value in form.items()
                                    if value not in ("", None)}}


def keep_before_changing(session: Session, record: Any, changed: bool, note: str,
                         now: datetime | None = None) -> None:
    """A published record that is changing keeps what it said before as a revision, with
    the note saying what changed; its public page shows the note."""
    if not (record.is_published and changed):
        return
    if not note.strip():
        raise PublishingProblem(NOTE_NEEDED, "change_note")
    kind = kind_of(record)
    session.add(Revision(record_type=kind.name, record_id=record.id, kind="edited",
                         at=now or utcnow(), note=note.strip(), previous=kind.keep(record)))


def check_decision(form: dict[str, Any], session: Session | None = None,
                   decision: Decision | None = None, note: str = "") -> DecisionDraft:
    """The decision typed into the form, or every problem with it; given the session, a
    reference another decision already has is one of them, and so is a change to a
    published decision without a `note` saying what changed."""
    raw = typed_record("decision", form)
    problems = field_problems("decision", raw)
    reference = str(raw.get("reference", "")).strip()
    if session is not None and "reference" not in problems and _reference_taken(
            session, reference, decision):
        problems["reference"] = f"There is already a decision {reference}"
    if session is not None:
        problems |= choice_problems(session, DECISION, raw, skip=problems)
        problems |= meeting_link_problems(session, raw, problems)
    columns = {} if problems else columns_of(parse_record(raw, 1))
    # What is saved was checked, so a form with problems differs from it.
    if decision is not None and decision.is_published and (
            problems or _decision_changed(decision, columns)):
        problems |= note_problem(note)
    return DecisionDraft({}, problems) if problems else DecisionDraft(columns, {})


def meeting_link_problems(session: Session, raw: dict[str, Any],
                          problems: dict[str, str]) -> dict[str, str]:
    """The meeting a record names must be one there is; an agenda item needs its meeting."""
    slug, item = raw.get("meeting"), raw.get("meeting_item")
    if "meeting" in problems or "meeting_item" in problems:
        return {}
    if item not in (None, "") and not slug:
        return {"meeting": "Choose the meeting the agenda item is on"}
    if not slug:
        return {}
    meeting = meeting_for_editing(session, str(slug))
    if meeting is None:
        return {"meeting": "Choose a meeting from the list"}
    if item not in (None, "") and not 1 <= int(item) <= len(meeting.agenda):
        count = len(meeting.agenda)
        return {"meeting_item": f"The meeting has {count} agenda item"
                                f"{'s' if count != 1 else ''}: give the number of one of them"}
    return {}


def _decision_changed(decision: Decision, columns: dict[str, Any]) -> bool:
    def value(name: str, value: Any) -> Any:
        # Markdown not yet given is none, whether never set or left empty.
        return value or "" if name.endswith("_markdown") else value
    return any(value(name, getattr(decision, name)) != value(name, columns.get(name))
               for name in DECISION_FIELDS)


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
    keep_before_changing(session, decision, _decision_changed(decision, columns), note, now)
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
                   slug: str | None, session: Session | None = None,
                   outcome: ScrutinyOutcome | None = None, note: str = "",
                   ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, str]]:
    """Columns and actions ready to save, or every problem: an action's are named by its
    row, counting the empty rows too ("action 3 owner"), as the publisher sees them.

    Given the session, a new outcome with the title and date of another is a problem;
    given the `outcome` being changed, so is a change to it once published without a
    `note` saying what changed.
    """
    raw = typed_record("scrutiny", form)
    # A row with only its status chosen is an empty row, not an action.
    filled = {number: {name: value for name, value in row.items() if value}
              for number, row in enumerate(actions, start=1)
              if any(row.get(name) for name in ("action", "owner", "due"))}
    raw["actions"] = list(filled.values())
    if slug:
        raw["slug"] = slug
    problems = field_problems("scrutiny", {**raw, "actions": None})
    if session is not None:
        problems |= meeting_link_problems(session, raw, problems)
    # The title and date make the address, so they can be compared once both are right.
    if session is not None and outcome is None and not problems and _title_and_date_taken(
            session, parse_record({**raw, "actions": []}, 1)):
        problems["title"] = DUPLICATE_OUTCOME
    for number, row in filled.items():
        problems |= {f"action {number} {name}": text
                     for name, text in every_problem(row, ACTION_FIELDS).items()}
    parsed = None if problems else parse_record(raw, 1)
    columns = columns_of(parsed) if parsed else {}
    checked = parsed.values["actions"] if parsed else []
    # What is saved was checked, so a form with problems differs from it.
    if outcome is not None and outcome.is_published and (
            problems or _outcome_changed(outcome, columns, checked)):
        problems |= note_problem(note)
    return ({}, [], problems) if problems else (columns, checked, {})


DUPLICATE_OUTCOME = "There is already a scrutiny outcome with this title and date"


def _title_and_date_taken(session: Session, parsed: ParsedRecord) -> bool:
    return session.scalar(select(ScrutinyOutcome.id).where(
        ScrutinyOutcome.slug == parsed.values["slug"])) is not None


def _outcome_changed(outcome: ScrutinyOutcome, columns: dict[str, Any],
                     actions: list[dict[str, Any]]) -> bool:
    wanted = [(a["action"], a["owner"], a["due"], a["status"]) for a in actions]
    current = [(a.action, a.owner, a.due, a.status) for a in outcome.actions]
    return wanted != current or any(getattr(outcome, name) != value
                                    for name, value in columns.items())


def save_scrutiny(session: Session, outcome: ScrutinyOutcome | None, columns: dict[str, Any],
                  actions: list[dict[str, Any]], note: str = "",
                  now: datetime | None = None) -> ScrutinyOutcome:
    if outcome is None:
        if session.scalar(select(ScrutinyOutcome.id).where(
                ScrutinyOutcome.slug == columns["slug"])):
            raise PublishingProblem(DUPLICATE_OUTCOME, "title")
        outcome = ScrutinyOutcome(**columns)
        session.add(outcome)
        set_actions(outcome, actions)
        session.flush()
        return outcome
    keep_before_changing(session, outcome, _outcome_changed(outcome, columns, actions), note,
                         now)
    for name, value in columns.items():
        setattr(outcome, name, value)
    set_actions(outcome, actions)
    return outcome


# Kinds edited as one record each, with no form of their own beyond their import fields
# (grants, contracts, invitations to tender, gifts and hospitality, interests, budgets):
# checked and saved alike, by their kinds' declarations.

@dataclass(frozen=True)
class RecordDraft:
    """A record typed into its form, checked: its columns, and the values its parts (a
    budget's rows) are made from."""

    kind: RecordKind
    columns: dict[str, Any]
    values: dict[str, Any]

    def shown(self) -> Any:
        """The record as it would be saved, never saved itself (for a preview)."""
        record = self.kind.model(**self.columns)
        if self.kind.set_parts is not None:
            self.kind.set_parts(record, self.values)
        return record


# The references a record may make to another kind, and the model each names.
LINKS: dict[str, tuple[Any, str]] = {"decision_reference": (Decision, "decision"),
                                     "tender_reference": (Tender, "invitation to tender")}


def link_problems(session: Session, raw: dict[str, Any],
                  skip: dict[str, str]) -> dict[str, str]:
    """A reference to a decision or an invitation to tender that no record has."""
    found = {}
    for name, (model, label) in LINKS.items():
        reference = str(raw.get(name) or "").strip()
        if name in raw and name not in skip and reference and session.scalar(
                select(model.id).where(model.reference == reference)) is None:
            found[name] = (f"There is no {label} {reference}: check the reference, or leave "
                           f"it empty")
    return found


def check_record(kind: RecordKind, form: dict[str, Any], session: Session | None = None,
                 record: Any | None = None, note: str = "",
                 duplicate: tuple[str, str] | None = None,
                 ) -> tuple[RecordDraft | None, dict[str, str]]:
    """The record typed into the form, or every problem with it: each field's, then what
    the kind refuses of the fields together. Given the session: a near-duplicate of a
    listed name, a link to a decision or tender that does not exist, and a record that
    another already is (by the kind's key, or the address made from it), told at
    `duplicate` (the box and the words). A change to a published record needs a `note`
    saying what changed."""
    raw = typed_record(kind.name, form)
    problems = field_problems(kind.name, raw)
    if session is not None:
        problems |= choice_problems(session, kind, raw, skip=problems)
        problems |= link_problems(session, raw, problems)
    parsed = None
    if not problems:
        try:
            parsed = parse_record(raw, 1)
        except ImportRejected as rejected:  # each field is right, but not together
            problems = {problem.field or kind.key_fields[0]: problem.message
                        for problem in rejected.problems}
    draft = None if problems or parsed is None else RecordDraft(kind, columns_of(parsed),
                                                                parsed.values)
    if draft is not None and session is not None and _key_taken(session, draft, record):
        box, words = duplicate or (kind.key_fields[0], _taken_message(draft))
        problems[box] = words
    if record is not None and record.is_published and (
            problems or draft is None or _record_changed(record, draft)):
        problems |= note_problem(note)
    return (None, problems) if problems else (draft, {})


def _key_taken(session: Session, draft: RecordDraft, record: Any | None) -> bool:
    """Whether another record of the kind has this key, or the address made from it."""
    model, columns = draft.kind.model, draft.columns
    same = [and_(*(getattr(model, name) == draft.values[name]
                   for name in draft.kind.key_fields))]
    if "slug" in columns and "slug" not in draft.kind.key_fields:
        same.append(model.slug == columns["slug"])
    other = session.scalar(select(model).where(or_(*same)))
    return other is not None and other is not record


def _taken_message(draft: RecordDraft) -> str:
    key = " ".join(str(draft.values[name]) for name in draft.kind.key_fields)
    return f"There is already a {draft.kind.singular.lower()} {key}"


def _record_changed(record: Any, draft: RecordDraft) -> bool:
    """Whether what the public sees of the record would change (its parts included)."""
    kind = draft.kind
    if kind.snapshot is not None:
        return kind.keep(record) != kind.keep(draft.shown())
    return any(getattr(record, name) != value for name, value in draft.columns.items())


def save_record(session: Session, record: Any | None, draft: RecordDraft, note: str = "",
                now: datetime | None = None) -> Any:
    """Create a draft record, or change one; a published one keeps a revision and needs a
    note saying what changed. A new name in a managed list joins it."""
    if _key_taken(session, draft, record):
        raise PublishingProblem(_taken_message(draft), draft.kind.key_fields[0])
    settle_values(session, draft.kind, draft.columns)
    if record is None:
        record = draft.shown()
        session.add(record)
        session.flush()
        return record
    keep_before_changing(session, record, _record_changed(record, draft), note, now)
    for name, value in draft.columns.items():
        setattr(record, name, value)
    if draft.kind.set_parts is not None:
        draft.kind.set_parts(record, draft.values)
    return record


# Meetings, with their agendas

NOT_HELD_YET = "Minutes can only be added once the meeting has been held"
DUPLICATE_MEETING = "There is already a meeting of this board, committee or panel on this day"


def check_meeting(form: dict[str, Any], agenda: list[dict[str, str]], slug: str | None,
                  session: Session | None = None, meeting: Meeting | None = None,
                  note: str = "", today: date | None = None,
                  ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, str]]:
    """Columns and agenda items ready to save, or every problem: an item's are named by
    its row ("item 2 title"), counting the empty rows too, as the publisher sees them.

    A new meeting of the same body on the same day as another is a problem; so is a change
    to a published meeting (adding its minutes, say) without a `note` saying what changed,
    and, given `today`, minutes of a meeting not yet held.
    """
    raw = typed_record("meeting", form)
    filled = {number: {name: value for name, value in row.items() if value}
              for number, row in enumerate(agenda, start=1) if any(row.values())}
    raw["agenda"] = list(filled.values())
    if slug:
        raw["slug"] = slug
    problems = field_problems("meeting", {**raw, "agenda": None})
    if session is not None:
        problems |= choice_problems(session, MEETING, raw, skip=problems)
    for number, row in filled.items():
        problems |= {f"item {number} {name}": text
                     for name, text in every_problem(row, AGENDA_FIELDS).items()}
    parsed = None
    if not problems:
        try:
            parsed = parse_record(raw, 1)
        except ImportRejected as rejected:
            problems = {problem.field or "title": problem.message
                        for problem in rejected.problems}
    if parsed is not None and today is not None and parsed.values["date"] > today and \
            parsed.values["minutes_status"] != "none":
        problems["minutes_status"] = NOT_HELD_YET
    if parsed is not None and session is not None and meeting is None and session.scalar(
            select(Meeting.id).where(Meeting.slug == parsed.values["slug"])) is not None:
        problems["date"] = DUPLICATE_MEETING
    columns = columns_of(parsed) if parsed and not problems else {}
    items = parsed.values["agenda"] if parsed and not problems else []
    if meeting is not None and meeting.is_published and (
            problems or _meeting_changed(meeting, columns, items)):
        problems |= note_problem(note)
    return ({}, [], problems) if problems else (columns, items, {})


def _meeting_changed(meeting: Meeting, columns: dict[str, Any],
                     items: list[dict[str, Any]]) -> bool:
    wanted = [(item["title"], item["presenter"], item["report"]) for item in items]
    return wanted != agenda_of(meeting) or any(
        getattr(meeting, name) != value for name, value in columns.items())


def save_meeting(session: Session, meeting: Meeting | None, columns: dict[str, Any],
                 items: list[dict[str, Any]], note: str = "",
                 now: datetime | None = None) -> Meeting:
    """Create a draft meeting, or change one; a published one keeps a revision and needs a
    note saying what changed. A new board, committee or panel joins its list."""
    settle_values(session, MEETING, columns)
    if meeting is None:
        if session.scalar(select(Meeting.id).where(Meeting.slug == columns["slug"])):
            raise PublishingProblem(DUPLICATE_MEETING, "date")
        meeting = Meeting(**columns)
        session.add(meeting)
        set_agenda(meeting, items)
        session.flush()
        return meeting
    keep_before_changing(session, meeting, _meeting_changed(meeting, columns, items), note, now)
    for name, value in columns.items():
        setattr(meeting, name, value)
    set_agenda(meeting, items)
    return meeting
# Spending lines, one at a time (most arrive by `portal import`)

def check_spending(form: dict[str, Any], session: Session | None = None,
                   line: Spending | None = None, note: str = "",
                   rules: ImportRules = DEFAULT_RULES) -> DecisionDraft:
    """The spending line typed into the form, checked as an imported one is (the threshold
    of `rules` included), or every problem with it: given the session, a transaction
    reference another line has, and a change to a published line without a `note`."""
    raw = typed_record("spending", form)
    problems = field_problems("spending", raw, rules)
    parsed = None
    if not problems:
        try:
            parsed = parse_record(raw, 1, rules)
        except ImportRejected as rejected:
            problems |= {problem.field or "reference": problem.message
                         for problem in rejected.problems}
    reference = str(raw.get("reference", "")).strip()
    if session is not None and "reference" not in problems and _line_taken(
            session, reference, line):
        problems["reference"] = f"There is already a spending line {reference}"
    if session is not None:
        problems |= choice_problems(session, SPENDING, raw, skip=problems)
    columns = columns_of(parsed) if parsed and not problems else {}
    if line is not None and line.is_published and (problems or _line_changed(line, columns)):
        problems |= note_problem(note)
    return DecisionDraft({}, problems) if problems else DecisionDraft(columns, {})


def _line_changed(line: Spending, columns: dict[str, Any]) -> bool:
    return any(getattr(line, name) != columns.get(name)
               for name in ("reference", *SPENDING_SHOWN))


def _line_taken(session: Session, reference: str, line: Spending | None) -> bool:
    other = session.scalar(select(Spending).where(Spending.reference == reference))
    return other is not None and other is not line


def save_spending(session: Session, line: Spending | None, draft: DecisionDraft,
                  note: str = "", now: datetime | None = None) -> Spending:
    """Create a draft line, or change one; a published one keeps a revision and needs a
    note saying what changed. A new category joins its list."""
    columns = draft.columns
    if _line_taken(session, columns["reference"], line):
        raise PublishingProblem(f"There is already a spending line {columns['reference']}",
                                "reference")
    settle_values(session, SPENDING, columns)
    if line is None:
        line = Spending(**columns)
        session.add(line)
        session.flush()
        return line
    keep_before_changing(session, line, _line_changed(line, columns), note, now)
    for name, value in columns.items():
        setattr(line, name, value)
    return line
