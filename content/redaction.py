"""Taking down text published by mistake — personal data, or words that defame someone.

A redaction replaces the words of one published version of a record (the version shown
now, or one kept by an earlier correction) with "Removed on <date>: <reason>", everywhere
those words are kept: the record itself, or the revision's copy of what it said. When the
version shown now is redacted, the text taken out of its documents for search goes too.
The facts that identify the record (reference, dates, amounts) stay, and the redaction
itself is kept as a revision, so the correction is never hidden. A record withdrawn after
it was published can be redacted too: its address still shows its title.
"""

from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.dates import uk_date, utcnow
from content.kinds import RecordKind, kind_of
from content.models import RecordFile, Revision
from content.publishing import PublishingProblem, revisions

REDACTED = "redacted"
# Room for the reason, after "Removed on 30 September 2026: ", within the shortest column
# a redaction writes the notice to (a title: 300 characters).
MAX_REASON = 250


@dataclass(frozen=True)
class PublishedVersion:
    """One version of a record the public has been able to read: the one shown now
    (`revision` None), or one an earlier correction replaced."""

    record: Any
    revision: Revision | None

    @property
    def code(self) -> str:
        """How a form names this version: "current", or the revision's number."""
        return "current" if self.revision is None else str(self.revision.id)


def removal_notice(day: date, reason: str) -> str:
    return f"Removed on {day.day} {day:%B %Y}: {reason.strip()}"


def was_published(session: Session, record: Any) -> bool:
    """Published now, or withdrawn after it was: a withdrawn record's page still shows
    its title, saying why it was withdrawn."""
    if record.is_published:
        return True
    return session.scalar(select(Revision.id).where(
        Revision.record_type == kind_of(record).name, Revision.record_id == record.id,
        Revision.kind == "withdrawn").limit(1)) is not None


def published_versions(session: Session, record: Any) -> list[PublishedVersion]:
    """The version shown now, then each earlier one, newest first."""
    kind = kind_of(record)
    earlier = [revision for revision in revisions(session, kind.name, record.id)
               if revision.kind == "edited"]
    return [PublishedVersion(record, None),
            *(PublishedVersion(record, revision) for revision in reversed(earlier))]


def find_version(session: Session, record: Any, code: str) -> PublishedVersion | None:
    return next((version for version in published_versions(session, record)
                 if version.code == code), None)


def redact(session: Session, version: PublishedVersion, reason: str,
           now: datetime | None = None) -> str:
    """Replace the words of a published version by the removal notice; returns the notice."""
    record = version.record
    if not was_published(session, record):
        raise PublishingProblem("Only the text of a published record can be removed this way")
    if not reason.strip():
        raise PublishingProblem("Enter the reason for removing the text", "reason")
    now = now or utcnow()
    kind = kind_of(record)
    notice = removal_notice(uk_date(now), reason)
    if version.revision is None:
        _redact_record(kind, record, notice)
        for document in session.scalars(select(RecordFile).where(
                RecordFile.record_type == kind.name, RecordFile.record_id == record.id)):
            document.text = ""
    else:
        version.revision.previous = redacted_snapshot(kind, version.revision.previous, notice)
    session.add(Revision(record_type=kind.name, record_id=record.id, kind=REDACTED, at=now,
                         note=reason.strip(), previous={"version": version.code}))
    # The record is indexed, and its downloads' validators worked out, again.
    record.updated_at = now
    return notice


def _paragraph(notice: str) -> str:
    return f"<p>{escape(notice)}</p>"


def _words(kind: RecordKind, notice: str) -> dict[str, str]:
    """The new value of every free-text column: the notice in the first (a record's title
    or description), the rest left empty, so the notice is said once."""
    values: dict[str, str] = {}
    for position, name in enumerate(kind.free_text):
        said = notice if position == 0 else ""
        if hasattr(kind.model, f"{name}_markdown"):
            values[f"{name}_markdown"] = said
            values[f"{name}_html"] = _paragraph(said) if said else ""
        else:
            values[name] = said
    return values


def _redact_record(kind: RecordKind, record: Any, notice: str) -> None:
    for column, value in _words(kind, notice).items():
        setattr(record, column, value)
    if kind.free_text_of_parts is not None:
        parts, words = kind.free_text_of_parts
        for part in getattr(record, parts):
            setattr(part, words, notice)


def redacted_snapshot(kind: RecordKind, previous: dict[str, Any],
                     notice: str) -> dict[str, Any]:
    """A new copy of a revision's record of what was published (a copy, so that the
    database is told the column changed)."""
    redacted = dict(previous)
    redacted.update({column: value for column, value in _words(kind, notice).items()
                     if column in redacted})
    if kind.free_text_of_parts is not None:
        parts, words = kind.free_text_of_parts
        redacted[parts] = [{**part, words: notice} for part in redacted.get(parts, [])]
    return redacted
