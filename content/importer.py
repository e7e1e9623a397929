"""Bulk import of records from JSON Lines (any record type) or CSV (expense lines, and
grants and contracts as registers are kept in spreadsheets).

The whole file is validated before anything is written: one bad line imports nothing,
and every problem names its line, its field and what to do about it. Re-importing a
record with the same reference (or slug) updates it instead of adding a copy.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from content.dates import InvalidDate, parse_date
from content.fields import FieldError, ImportRules, every_problem, read_fields
from content.kinds import NAMES, RecordKind, kind_named

EXPENSE_CSV_COLUMNS = ("date", "claimant", "category", "description", "amount")
# Columns a file may have beside them (headed as here, or with spaces for underscores).
EXPENSE_CSV_OPTIONAL = ("reference", "claim_reference", "claim_month", "amount_claimed",
                        "not_reimbursed_reason", "origin", "destination", "travel_mode",
                        "travel_class", "mileage", "nights", "accommodation")


@dataclass(frozen=True)
class LineProblem:
    line: int
    field: str | None
    message: str
    # The column of a CSV file the field was read from, as the file heads it.
    column: str | None = None

    def __str__(self) -> str:
        if self.column:
            return f"line {self.line}, column \"{self.column}\": {self.message}"
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


def field_problems(record_type: str, raw: dict[str, Any],
                   rules: ImportRules | None = None) -> dict[str, str]:
    """Every field's problem at once (for forms, where one at a time would be a chore),
    then, once each field is right, a problem between them."""
    kind = kind_named(record_type)
    problems = every_problem(raw, kind.import_fields)
    if not problems:
        try:
            kind.check(read_fields(raw, kind.import_fields), rules or DEFAULT_RULES)
        except FieldError as error:
            problems[error.field_name] = str(error)
    return problems


DEFAULT_RULES = ImportRules()


def parse_record(raw: Any, line: int, rules: ImportRules = DEFAULT_RULES) -> ParsedRecord:
    """Validate one decoded record against the `rules` of the portal's settings; raises
    LineProblem-bearing ImportRejected on a bad one."""
    if not isinstance(raw, dict):
        raise ImportRejected([LineProblem(line, None, "must be a JSON object, {…}")])
    record_type = raw.get("type")
    if record_type not in NAMES:
        return _reject(line, "type", f"must be one of: {', '.join(NAMES)}")
    kind = kind_named(record_type)
    try:
        values = read_fields(raw, kind.import_fields)
        kind.check(values, rules)
        values = kind.identify(values)
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


def collect_records(candidates: Iterable[tuple[int, Callable[[], ParsedRecord]]],
                    ) -> list[ParsedRecord]:
    """Every record of a file parsed, or ImportRejected listing every problem (a record
    repeated in the file is one)."""
    return _collect(candidates)


def parse_json_lines(text: str, rules: ImportRules = DEFAULT_RULES) -> list[ParsedRecord]:
    """Validate a whole JSON Lines file; raises ImportRejected listing every problem."""
    def parser(line_number: int, line: str) -> Callable[[], ParsedRecord]:
        def parse() -> ParsedRecord:
            try:
                # Numbers with a decimal point are read as Decimal from their own text,
                # so 84.2 is exactly 84.20 and never passes through a float.
                raw = json.loads(line, parse_float=Decimal)
            except json.JSONDecodeError as error:
                raise ImportRejected([LineProblem(
                    line_number, None, f"is not valid JSON ({error.msg} at column {error.colno})",
                )]) from error
            return parse_record(raw, line_number, rules)
        return parse

    return _collect((number, parser(number, line))
                    for number, line in enumerate(text.splitlines(), start=1) if line.strip())


def parse_expense_csv(text: str, notes: list[str] | None = None) -> list[ParsedRecord]:
    """Validate expense lines kept as CSV: any column order and case, UK or ISO dates."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [_column_name(name) for name in next(reader, [])]
    missing = [name for name in EXPENSE_CSV_COLUMNS if name not in header]
    if missing:
        raise ImportRejected([LineProblem(1, missing[0], "column is missing from the header row; "
                                          f"it needs {', '.join(EXPENSE_CSV_COLUMNS)}")])
    known = (*EXPENSE_CSV_COLUMNS, *EXPENSE_CSV_OPTIONAL)
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


def _column_name(heading: str) -> str:
    """A heading as the column it names: any case, "Amount claimed" for amount_claimed."""
    name = heading.strip().lower()
    known = name.replace(" ", "_")
    return known if known in EXPENSE_CSV_OPTIONAL else name
