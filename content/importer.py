"""Bulk import of records from JSON Lines (any record type) or CSV (expense lines).

The whole file is validated before anything is written: one bad line imports nothing,
and every problem names its line, its field and what to do about it. Re-importing a
record with the same reference (or slug) updates it instead of adding a copy.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.dates import InvalidDate, parse_date
from content.fields import FieldError, every_problem, read_fields
from content.kinds import NAMES, RecordKind, kind_named

EXPENSE_CSV_COLUMNS = ("date", "claimant", "category", "description", "amount")


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
    def kind(self) -> RecordKind:
        return kind_named(self.type)

    @property
    def key(self) -> tuple[str, ...]:
        """What tells this record apart from every other (the same key updates, not adds)."""
        return self.kind.import_key(self.values)


@dataclass
class ImportSummary:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMES, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMES, 0))
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        def count(numbers: dict[str, int]) -> int:
            return sum(numbers.values())
        return (f"Imported {count(self.created) + count(self.updated) + count(self.unchanged)} "
                f"records: {count(self.created)} new, {count(self.updated)} updated, "
                f"{count(self.unchanged)} unchanged.")


def field_problems(record_type: str, raw: dict[str, Any]) -> dict[str, str]:
    """Every field's problem at once (for forms, where one at a time would be a chore)."""
    return every_problem(raw, kind_named(record_type).import_fields)


def parse_record(raw: Any, line: int) -> ParsedRecord:
    """Validate one decoded record; raises LineProblem-bearing ImportRejected on a bad one."""
    if not isinstance(raw, dict):
        raise ImportRejected([LineProblem(line, None, "must be a JSON object, {…}")])
    record_type = raw.get("type")
    if record_type not in NAMES:
        return _reject(line, "type", f"must be one of: {', '.join(NAMES)}")
    kind = kind_named(record_type)
    try:
        values = kind.identify(read_fields(raw, kind.import_fields))
    except FieldError as error:
        return _reject(line, error.field_name, str(error))
    return ParsedRecord(record_type, line, values)


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
