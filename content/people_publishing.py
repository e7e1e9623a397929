"""Publishing posts and staff counts by hand: the checks of what a publisher typed, and
saving it. A post's reporting line must lead to another post and never round in a
circle; who is senior follows the salary threshold (a setting, given by the caller)."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.importer import ImportRejected, field_problems, parse_record
from content.models import Post, StaffSnapshot
from content.people import is_senior, reporting_lines, reporting_problem
from content.publishing import keep_before_changing, note_problem, revisions, typed_record
from content.store import columns_of

# A checked record: its columns, and every problem (by form field).
Checked = tuple[dict[str, Any], dict[str, str]]

DUPLICATE_POST = "There is already a post with this job title; give the post a different title"
DUPLICATE_COUNT = "There is already a staff count on this date"
PUBLISHED_DATE = ("The date of a published staff count cannot change: withdraw it and add "
                  "a count on the new date")


def _parsed(raw: dict[str, Any]) -> Checked:
    """The record's columns, or every problem with its fields (checked one by one, then
    together)."""
    problems = field_problems(raw["type"], raw)
    if problems:
        return {}, problems
    try:
        return columns_of(parse_record(raw, 1)), {}
    except ImportRejected as rejected:
        return {}, {problem.field or "title": problem.message for problem in rejected.problems}


def _changed(record: Any, columns: dict[str, Any]) -> bool:
    return any(getattr(record, name) != value for name, value in columns.items())


def _with_note(record: Any | None, checked: Checked, note: str) -> Checked:
    """A change to something already public needs a note (a form with problems differs
    from what was saved, which was checked)."""
    columns, problems = checked
    if record is not None and record.is_published and (problems or _changed(record, columns)):
        problems = problems | note_problem(note)
    return ({}, problems) if problems else (columns, {})


def check_post(typed: dict[str, Any], session: Session, post: Post | None, note: str,
               threshold_pence: int) -> Checked:
    """The post typed into the form, or every problem: a job title another post has (for
    a new post), a reporting line to a post that would report back to this one, a change
    to a published post without a note."""
    raw = typed_record("post", typed)
    if post is not None:
        raw["slug"] = post.slug
    columns, problems = _parsed(raw)
    # The reporting line is checked whatever else is wrong, so every problem shows at once.
    slug = post.slug if post else columns.get("slug", "")
    if "reports_to" not in problems:
        line = reporting_problem(slug, raw.get("reports_to"), reporting_lines(session))
        if line:
            problems["reports_to"] = line
    if columns and post is None and session.scalar(select(Post.id).where(Post.slug == slug)):
        problems["title"] = DUPLICATE_POST
    columns, problems = _with_note(post, ({} if problems else columns, problems), note)
    if columns:
        # Worked out from the salary and the threshold, not typed: it is no change of its
        # own, so it never asks for a note.
        columns["senior"] = is_senior(columns["office_holder"], columns["salary_pence"],
                                      threshold_pence)
    return columns, problems


def save_post(session: Session, post: Post | None, columns: dict[str, Any], note: str = "",
              now: datetime | None = None) -> Post:
    saved: Post = _save(session, Post, post, columns, note, now)
    if saved.name_withheld:
        _forget_name_in_history(session, saved)
    return saved


def _forget_name_in_history(session: Session, post: Post) -> None:
    """A holder who withholds their name has it taken out of the versions kept of the
    post too (a new copy, so the database is told the column changed)."""
    for revision in revisions(session, "post", post.id):
        if revision.previous.get("holder_name"):
            revision.previous = {**revision.previous, "holder_name": ""}


def check_staff_count(typed: dict[str, Any], session: Session,
                      snapshot: StaffSnapshot | None, note: str) -> Checked:
    """The staff count typed into the form, or every problem: a date another count has,
    or a new date for a published one, a change to a published count without a note."""
    columns, problems = _parsed(typed_record("workforce", typed))
    if columns:
        other = session.scalar(select(StaffSnapshot.id).where(
            StaffSnapshot.slug == columns["slug"]))
        if other is not None and (snapshot is None or other != snapshot.id):
            problems["as_at"] = DUPLICATE_COUNT
        elif snapshot is not None and snapshot.is_published and \
                columns["date"] != snapshot.date:
            problems["as_at"] = PUBLISHED_DATE
    return _with_note(snapshot, ({} if problems else columns, problems), note)


def save_staff_count(session: Session, snapshot: StaffSnapshot | None,
                     columns: dict[str, Any], note: str = "",
                     now: datetime | None = None) -> StaffSnapshot:
    saved: StaffSnapshot = _save(session, StaffSnapshot, snapshot, columns, note, now)
    return saved


def _save(session: Session, model: Any, record: Any | None, columns: dict[str, Any],
          note: str, now: datetime | None) -> Any:
    """A new draft, or the record changed (a published one keeps a revision, with the
    note saying what changed)."""
    if record is None:
        record = model(**columns)
        session.add(record)
        session.flush()
        return record
    keep_before_changing(session, record, _changed(record, columns), note, now)
    for name, value in columns.items():
        setattr(record, name, value)
    return record
