"""Publishing an HMICFRS report by hand: its recommendations typed as rows of boxes, and
the rule that its response is only published once every recommendation says what action
has been or will be taken, or why none (section 55(5B) of the Police Act 1996)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.dates import InvalidDate, parse_date
from content.fields import RECOMMENDATION_FIELDS, every_problem, recommendation_problems
from content.importer import ImportRejected, field_problems, parse_record
from content.inspections import recommendation_rows, set_recommendations, unexplained
from content.models import Inspection
from content.publishing import PublishingProblem, keep_before_changing, note_problem, typed_record
from content.store import columns_of
from content.text import slugify

# The boxes of one recommendation row; any of them typed makes the row a recommendation.
ROW_PARTS = tuple(RECOMMENDATION_FIELDS)
# Only a row's status (which always has a value) chosen is an empty row.
_FILLING = tuple(part for part in ROW_PARTS if part not in ("status", "finding"))
PART_WORDS = {"label": "number", "text": "words", "finding": "type", "response": "response",
              "owner": "action owner", "due": "due date", "status": "status",
              "progress": "progress updates", "closure_evidence": "evidence of closure",
              "closed_on": "date closed", "scrutiny": "scrutiny outcomes"}
DUPLICATE_REPORT = "There is already an HMICFRS report with this title"
UNEXPLAINED = ("Say what action has been or will be taken on recommendation {number}, or "
               "why none: the response cannot be published without it")

Draft = tuple[dict[str, Any], list[dict[str, Any]]]


def box(part: str, number: int) -> str:
    """The name of a recommendation row's box, as the form and its problems call it."""
    return f"rec_{part}_{number}"


def progress_lines(text: str) -> list[dict[str, str]]:
    """Progress updates typed one a line, each starting with its date and a colon
    ("2026-03-05: Training began"); raises ValueError naming a line without one."""
    updates = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day, colon, words = line.partition(":")
        try:
            when = parse_date(day.strip(), allow_uk=True)
        except InvalidDate:
            when = None
        if when is None or not colon or not words.strip():
            raise ValueError(f"line {number} must start with a date and a colon, for "
                             "example 5/3/2026: Training began")
        updates.append({"date": when.isoformat(), "update": words.strip()})
    return updates


def progress_text(updates: list[dict[str, str]]) -> str:
    """Progress updates as the box shows them, one a line."""
    return "\n".join(f"{date.fromisoformat(u['date']):%d/%m/%Y}: {u['update']}"
                     for u in updates)


def _row_problem(number: int, part: str, text: str) -> str:
    if text.startswith("is missing"):
        return f"Enter the {PART_WORDS[part]} of recommendation {number}"
    return f"Recommendation {number}: the {PART_WORDS[part]} {text}"


def _read_rows(rows: list[dict[str, Any]]) -> tuple[dict[int, dict[str, Any]], dict[str, str]]:
    """The filled rows (by their number on the page) in the import format, and each
    problem by the box it is about."""
    filled: dict[int, dict[str, Any]] = {}
    problems: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        if not any(str(row.get(part) or "").strip() for part in _FILLING):
            continue
        values = {part: value for part, value in row.items() if value not in ("", None)}
        try:
            values["progress"] = progress_lines(str(row.get("progress") or ""))
        except ValueError as error:
            problems[box("progress", number)] = f"Recommendation {number}: {error}"
            values.pop("progress", None)
        problems |= {box(part, number): _row_problem(number, part, text)
                     for part, text in every_problem(values, RECOMMENDATION_FIELDS).items()}
        filled[number] = values
    return filled, problems


def _closing_problems(filled: dict[int, dict[str, Any]]) -> dict[str, str]:
    problems = {}
    for number, values in filled.items():
        for part, text in recommendation_problems(values).items():
            problems[box(part, number)] = _row_problem(number, part, text)
    return problems


def check_inspection(form: dict[str, Any], rows: list[dict[str, Any]], session: Session,
                     inspection: Inspection | None, note: str = "") -> tuple[Draft, dict[str, str]]:
    """The report typed into the form ready to save, or every problem with it, each by
    the box it is about."""
    raw = typed_record("inspection", form)
    if inspection is not None:
        raw["slug"] = inspection.slug
    filled, problems = _read_rows(rows)
    problems |= _closing_problems(filled)
    problems |= field_problems("inspection", {**raw, "recommendations": None})
    if "response_published_on" not in problems and raw.get("response_published_on"):
        problems |= {box("response", number): UNEXPLAINED.format(number=number)
                     for number in _unexplained_rows(filled)}
    if not problems and inspection is None and _slug_taken(session, raw["title"]):
        problems["title"] = DUPLICATE_REPORT
    columns: dict[str, Any] = {}
    checked: list[dict[str, Any]] = []
    if not problems:
        try:
            parsed = parse_record({**raw, "recommendations": list(filled.values())}, 1)
        except ImportRejected as rejected:  # what the checks above do not reach
            problems |= {problem.field or "title": problem.message
                         for problem in rejected.problems}
        else:
            columns, checked = columns_of(parsed), parsed.values["recommendations"]
    if inspection is not None and inspection.is_published and (
            problems or _changed(inspection, columns, checked)):
        problems |= note_problem(note)
    return ((columns, checked), {}) if not problems else (({}, []), problems)


def _unexplained_rows(filled: dict[int, dict[str, Any]]) -> list[int]:
    numbers = list(filled)
    return [numbers[index - 1] for index in unexplained(list(filled.values()))]


def _slug_taken(session: Session, title: str) -> bool:
    return session.scalar(select(Inspection.id).where(
        Inspection.slug == slugify(title, 160))) is not None


def _changed(inspection: Inspection, columns: dict[str, Any],
             rows: list[dict[str, Any]]) -> bool:
    shown = Inspection()
    set_recommendations(shown, rows)
    return (recommendation_rows(shown) != recommendation_rows(inspection)
            or any(getattr(inspection, name) != value for name, value in columns.items()))


def save_inspection(session: Session, inspection: Inspection | None, draft: Draft,
                    note: str = "", now: datetime | None = None) -> Inspection:
    """Create a draft report, or change one; a published one keeps a revision and needs a
    note saying what changed."""
    columns, rows = draft
    if inspection is None:
        if _slug_taken(session, columns["title"]):
            raise PublishingProblem(DUPLICATE_REPORT, "title")
        inspection = Inspection(**columns)
        session.add(inspection)
        set_recommendations(inspection, rows)
        session.flush()
        return inspection
    keep_before_changing(session, inspection, _changed(inspection, columns, rows), note, now)
    for name, value in columns.items():
        setattr(inspection, name, value)
    set_recommendations(inspection, rows)
    return inspection


def shown(draft: Draft) -> Inspection:
    """The checked report as an unsaved record, for the preview."""
    columns, rows = draft
    inspection = Inspection(**columns)
    set_recommendations(inspection, rows)
    return inspection
