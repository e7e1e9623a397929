"""Writing validated records to the database: create or update by reference or slug."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.dates import utcnow
from content.importer import ImportSummary, ParsedRecord
from content.kinds import kind_named
from content.managed_lists import ListBook
from content.models import Policy, ScrutinyAction, ScrutinyOutcome, SiteSetting
from content.text import version_key

Progress = Callable[[int], None]


def _columns(record: ParsedRecord) -> dict[str, Any]:
    """Map import fields to model columns, splitting markdown into source and HTML."""
    columns: dict[str, Any] = {}
    for name, value in record.values.items():
        if isinstance(value, tuple):
            columns[f"{name}_markdown"], columns[f"{name}_html"] = value
        elif name == "amount":
            columns["amount_pence"] = value
        elif not isinstance(value, list):  # a record's parts are saved apart
            columns[name] = value
    return columns | record.kind.derived_columns(columns)


def columns_of(record: ParsedRecord) -> dict[str, Any]:
    """The model columns a validated record sets (markdown as source and rendered HTML)."""
    return _columns(record)


def set_actions(outcome: ScrutinyOutcome, actions: list[dict[str, Any]]) -> bool:
    """Replace a scrutiny outcome's actions; returns whether anything changed."""
    return _assign_actions(outcome, actions)


def _assign(target: object, columns: dict[str, Any]) -> bool:
    changed = False
    for name, value in columns.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed


def _assign_actions(outcome: ScrutinyOutcome, actions: list[dict[str, Any]]) -> bool:
    wanted = [(a["action"], a["owner"], a["due"], a["status"]) for a in actions]
    current = [(a.action, a.owner, a.due, a.status) for a in outcome.actions]
    if wanted == current:
        return False
    outcome.actions = [
        ScrutinyAction(position=position, action=action, owner=owner, due=due, status=status)
        for position, (action, owner, due, status) in enumerate(wanted, start=1)
    ]
    return True


def _existing(session: Session, records: list[ParsedRecord]) -> dict[tuple[str, ...], Any]:
    # One query per kind up front, rather than one per line, keeps big imports fast.
    found: dict[tuple[str, ...], Any] = {}
    for name in sorted({record.type for record in records}):
        kind = kind_named(name)
        found |= {kind.stored_key(record): record
                  for record in session.scalars(kind.loaded(select(kind.model)))}
    return found


def save_records(session: Session, records: Iterable[ParsedRecord],
                 progress: Progress | None = None) -> ImportSummary:
    """Create or update each record (published at once) and flush; the caller commits.

    Names that belong to a managed list (a category, a claimant, …) are settled first: a
    near-duplicate of a listed name is imported as that name, with a note saying so, and
    a new name joins its list (`content.managed_lists.ListBook`)."""
    records = list(records)
    summary = ImportSummary()
    existing = _existing(session, records)
    now = utcnow()
    lists = ListBook(session)
    for record in records:
        summary.notes.extend(f"Line {record.line}: {note}."
                             for note in lists.settle(record.kind, record.values))
        target = existing.get(record.key)
        created = target is None
        if target is None:
            target = record.kind.model(published_at=now)
            session.add(target)
        changed = _assign(target, _columns(record))
        if record.type == "scrutiny":
            changed = _assign_actions(target, record.values["actions"]) or changed
        elif record.kind.set_parts is not None:
            changed = record.kind.set_parts(target, record.values) or changed
        if created:
            summary.created[record.type] += 1
        elif changed:
            target.updated_at = now
            summary.updated[record.type] += 1
        else:
            summary.unchanged[record.type] += 1
        if progress:
            progress(1)
    session.flush()
    mark_current_policies(session, {r.values["slug"] for r in records if r.type == "policy"}, now)
    return summary


def mark_current_policies(session: Session, slugs: set[str], now: datetime) -> None:
    """The newest approved published version of each policy is current; the rest are
    superseded. A version still waiting for its publication time, or withdrawn, is
    never current."""
    if not slugs:
        return
    versions: dict[str, list[Policy]] = {}
    for policy in session.scalars(select(Policy).where(Policy.slug.in_(slugs))):
        versions.setdefault(policy.slug, []).append(policy)
    for group in versions.values():
        published = [policy for policy in group if policy.is_published]
        newest = max(published, key=lambda p: (p.approved, version_key(p.version)),
                     default=None)
        for policy in group:
            if policy.is_current != (policy is newest):
                policy.is_current = policy is newest
                policy.updated_at = now


def set_site_setting(session: Session, key: str, value: str) -> None:
    setting = session.get(SiteSetting, key)
    if setting is None:
        session.add(SiteSetting(key=key, value=value))
    else:
        setting.value = value


def get_site_setting(session: Session, key: str) -> str | None:
    setting = session.get(SiteSetting, key)
    return setting.value if setting else None
