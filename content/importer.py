"""Bulk import of records from JSON Lines (any record type) or CSV (expense lines).

The whole file is validated before anything is written: one bad line imports nothing,
and every problem names its line, its field and what to do about it. Re-importing a
record with the same reference (or slug) updates it instead of adding a copy.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.dates import InvalidDate, parse_date
from content.markup import UnrenderableMarkdown, render_markdown
from content.models import ACTION_STATUSES, SCRUTINY_KINDS
from content.money import InvalidAmount, parse_pence
from content.text import slugify

RECORD_TYPES = ("decision", "expense", "policy", "scrutiny")
EXPENSE_CSV_COLUMNS = ("date", "claimant", "category", "description", "amount")
_KIND_ALIASES = {kind.lower(): kind for kind in SCRUTINY_KINDS} | {
    "hmicfrs response": "HMICFRS inspection response",
    "accountability board": "Accountability board meeting",
    "independent custody visitor report": "Independent custody visiting report",
    "icv report": "Independent custody visiting report",
    "scrutiny panel report": "Scrutiny panel",
    "quarterly performance report": "Performance report",
}


@dataclass(frozen=True)
class LineProblem:
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", field \"{self.field}\"" if self.field else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported")
        self.problems = problems


@dataclass
class ParsedRecord:
    type: str
    line: int
    values: dict[str, Any]

    @property
    def key(self) -> tuple[str, ...]:
        if self.type == "policy":
            return (self.type, self.values["slug"], self.values["version"])
        return (self.type, self.values.get("reference") or self.values["slug"])


@dataclass
class ImportSummary:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        def count(numbers: dict[str, int]) -> int:
            return sum(numbers.values())
        return (f"Imported {count(self.created) + count(self.updated) + count(self.unchanged)} "
                f"records: {count(self.created)} new, {count(self.updated)} updated, "
                f"{count(self.unchanged)} unchanged.")


# Field readers: each takes the raw JSON value and returns the stored value or raises ValueError.

def _text(limit: int) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be some text")
        if len(value) > limit:
            raise ValueError(f"must be {limit} characters or fewer (it has {len(value)})")
        return value.strip()
    return read


def _markdown(value: Any) -> tuple[str, str]:
    if value is None:
        return ("", "")
    if not isinstance(value, str):
        raise ValueError("must be text (markdown)")
    try:
        return (value, render_markdown(value))
    except UnrenderableMarkdown as error:
        raise ValueError(str(error)) from error


def _date(value: Any) -> Any:
    try:
        return parse_date(value)
    except InvalidDate as error:
        raise ValueError(str(error)) from error


def _optional_date(value: Any) -> Any:
    return None if value in (None, "") else _date(value)


def _money(value: Any) -> int:
    try:
        return parse_pence(value)
    except InvalidAmount as error:
        raise ValueError(str(error)) from error


def _optional_money(value: Any) -> int | None:
    return None if value in (None, "") else _money(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _KIND_ALIASES:
        return _KIND_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(SCRUTINY_KINDS)}")


def _version(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return _text(20)(value)


def _actions(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("must be a list of actions")
    actions = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"action {number} must be an object with action, owner, due, status")
        actions.append(_read_fields(item, ACTION_FIELDS, prefix=f"action {number} "))
    return actions


def _status(value: Any) -> str:
    text = str(value or "").strip().lower().replace("_", " ")
    aliases = {"completed": "complete", "closed": "complete", "in-progress": "in progress"}
    text = aliases.get(text, text)
    if text not in ACTION_STATUSES:
        raise ValueError(f"must be one of: {', '.join(ACTION_STATUSES)}")
    return text


Spec = dict[str, tuple[bool, Callable[[Any], Any]]]

ACTION_FIELDS: Spec = {
    "action": (True, _text(5000)), "owner": (True, _text(160)),
    "due": (False, _optional_date), "status": (True, _status),
}
FIELDS: dict[str, Spec] = {
    "decision": {
        "reference": (True, _text(40)), "title": (True, _text(300)), "date": (True, _date),
        "decision_maker": (True, _text(120)), "category": (True, _text(120)),
        "summary": (False, _markdown), "body": (False, _markdown),
        "financial_implications": (False, _markdown), "amount": (False, _optional_money),
        "exempt": (False, _boolean),
    },
    "expense": {
        "reference": (False, _text(60)), "claimant": (True, _text(120)), "date": (True, _date),
        "category": (True, _text(120)), "description": (True, _text(500)),
        "amount": (True, _money),
    },
    "policy": {
        "slug": (False, _text(120)), "title": (True, _text(300)), "version": (True, _version),
        "approved": (True, _date), "review_due": (False, _optional_date),
        "owner": (True, _text(120)), "summary": (False, _markdown), "body": (False, _markdown),
    },
    "scrutiny": {
        "slug": (False, _text(160)), "kind": (True, _kind), "title": (True, _text(300)),
        "date": (True, _date), "summary": (False, _markdown), "body": (False, _markdown),
        "actions": (False, _actions),
    },
}


class _FieldError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


def _read_fields(raw: dict[str, Any], spec: Spec, prefix: str = "") -> dict[str, Any]:
    unknown = sorted(set(raw) - set(spec) - {"type"})
    if unknown:
        raise _FieldError(prefix + unknown[0],
                          f"is not a field we know; the fields are: {', '.join(spec)}")
    values = {}
    for name, (required, read) in spec.items():
        if name not in raw or raw[name] is None:
            if required:
                raise _FieldError(prefix + name, "is missing; every record of this type needs it")
            values[name] = read(None) if read in (_markdown, _actions) else None
            continue
        try:
            values[name] = read(raw[name])
        except _FieldError:
            raise
        except ValueError as error:
            raise _FieldError(prefix + name, str(error)) from error
    return values


def _with_identity(record_type: str, values: dict[str, Any]) -> dict[str, Any]:
    if record_type == "expense" and not values["reference"]:
        fingerprint = "|".join(str(values[name]) for name in
                               ("date", "claimant", "category", "description", "amount"))
        values["reference"] = "EXP-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
    elif record_type == "policy" and not values["slug"]:
        values["slug"] = slugify(values["title"])
    elif record_type == "scrutiny" and not values["slug"]:
        values["slug"] = slugify(f"{values['date'].isoformat()} {values['title']}", 160)
    elif record_type in ("policy", "scrutiny"):
        values["slug"] = slugify(values["slug"], 160)
    return values


def field_problems(record_type: str, raw: dict[str, Any]) -> dict[str, str]:
    """Every field's problem at once (for forms, where one at a time would be a chore)."""
    problems = {}
    for name, rule in FIELDS[record_type].items():
        try:
            _read_fields({name: raw.get(name)}, {name: rule})
        except _FieldError as error:
            problems[name] = str(error)
    return problems


def parse_record(raw: Any, line: int) -> ParsedRecord:
    """Validate one decoded record; raises LineProblem-bearing ImportRejected on a bad one."""
    if not isinstance(raw, dict):
        raise ImportRejected([LineProblem(line, None, "must be a JSON object, {…}")])
    record_type = raw.get("type")
    if record_type not in RECORD_TYPES:
        return _reject(line, "type", f"must be one of: {', '.join(RECORD_TYPES)}")
    try:
        values = _read_fields(raw, FIELDS[record_type])
    except _FieldError as error:
        return _reject(line, error.field_name, str(error))
    return ParsedRecord(record_type, line, _with_identity(record_type, values))


def _reject(line: int, field_name: str | None, message: str) -> ParsedRecord:
    raise ImportRejected([LineProblem(line, field_name, message)])


def _collect(candidates: Iterable[tuple[int, Callable[[], ParsedRecord]]]) -> list[ParsedRecord]:
    records: list[ParsedRecord] = []
    problems: list[LineProblem] = []
    first_seen: dict[tuple[str, ...], int] = {}
    for line, parse in candidates:
        try:
            record = parse()
        except ImportRejected as rejected:
            problems.extend(rejected.problems)
            continue
        if record.key in first_seen:
            problems.append(LineProblem(line, None, f"repeats the record on line "
                                        f"{first_seen[record.key]} (same reference or slug)"))
            continue
        first_seen[record.key] = line
        records.append(record)
    if problems:
        raise ImportRejected(problems)
    return records


def parse_json_lines(text: str) -> list[ParsedRecord]:
    """Validate a whole JSON Lines file; raises ImportRejected listing every problem."""
    def parser(line_number: int, line: str) -> Callable[[], ParsedRecord]:
        def parse() -> ParsedRecord:
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                raise ImportRejected([LineProblem(
                    line_number, None, f"is not valid JSON ({error.msg} at column {error.colno})",
                )]) from error
            return parse_record(raw, line_number)
        return parse

    return _collect((number, parser(number, line))
                    for number, line in enumerate(text.splitlines(), start=1) if line.strip())


def parse_expense_csv(text: str, notes: list[str] | None = None) -> list[ParsedRecord]:
    """Validate expense lines kept as CSV: any column order and case, UK or ISO dates."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in EXPENSE_CSV_COLUMNS if name not in header]
    if missing:
        raise ImportRejected([LineProblem(1, missing[0], "column is missing from the header row; "
                                          f"it needs {', '.join(EXPENSE_CSV_COLUMNS)}")])
    known = (*EXPENSE_CSV_COLUMNS, "reference")
    extra = [name for name in header if name and name not in known]
    if extra and notes is not None:
        notes.append(f"Columns not imported: {', '.join(extra)}.")

    def parser(line_number: int, row: list[str]) -> Callable[[], ParsedRecord]:
        def parse() -> ParsedRecord:
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            if len(row) != len(header):
                _reject(line_number, None, f"has {len(row)} cells but the header has {len(header)}")
            try:
                cells["date"] = parse_date(cells["date"], allow_uk=True).isoformat()
            except InvalidDate as error:
                _reject(line_number, "date", str(error))
            raw = {"type": "expense"} | {name: cells.get(name) or None for name in known}
            return parse_record(raw, line_number)
        return parse

    rows = ((number, row) for number, row in enumerate(reader, start=2)
            if any(cell.strip() for cell in row))
    return _collect((number, parser(number, row)) for number, row in rows)


def read_import_file(path: Path, notes: list[str] | None = None) -> list[ParsedRecord]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected([LineProblem(1, None, "the file is not UTF-8 text; save it as "
                                          "UTF-8 (CSV UTF-8 in Excel) and try again")]) from error
    if path.suffix.lower() == ".csv":
        return parse_expense_csv(text, notes)
    return parse_json_lines(text)
