"""Records of any kind read from CSV as finance systems and spreadsheets export it.

The header row is matched to the kind's import fields leniently: any case, spaces,
underscores or punctuation ("Transaction Reference", "transaction_reference"), and the
names the kind declares for its columns ("Supplier Name", "Net Amount"). Amounts may
carry `£` and thousands separators, dates may be `DD/MM/YYYY`. Each row then goes through
the same checks as a line of JSON Lines; a bad row names its line, its column as the file
heads it and what to do, and nothing is imported. Columns no field takes are named in a
note, not refused.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content import fields
from content.dates import InvalidDate, parse_date
from content.fields import ImportRules
from content.importer import (
    DEFAULT_RULES,
    ImportRejected,
    LineProblem,
    ParsedRecord,
    collect_records,
    parse_json_lines,
    parse_record,
)
from content.kinds import KINDS, RecordKind

# Fields that a cell of a spreadsheet cannot hold (a list of a scrutiny outcome's actions).
NOT_IN_CELLS = (fields.actions,)
DATE_READERS = (fields.day, fields.optional_day)
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0", "")


def column_key(heading: str) -> str:
    """A heading reduced to what tells columns apart: "Net Amount (£)" is "net amount"."""
    return " ".join(re.findall(r"[a-z0-9]+", heading.lower()))


def csv_fields(kind: RecordKind) -> list[str]:
    """The import fields of a kind that a CSV column can hold."""
    return [name for name, (_required, read) in kind.import_fields.items()
            if read not in NOT_IN_CELLS]


def _names_of(kind: RecordKind, field_name: str) -> set[str]:
    return {column_key(field_name)} | {column_key(alias)
                                       for alias in kind.column_aliases.get(field_name, ())}


@dataclass(frozen=True)
class Header:
    """Which field each column of the file holds (None: a column no field takes)."""

    kind: RecordKind
    headings: list[str]
    fields: list[str | None]

    @property
    def extra(self) -> list[str]:
        return [column_key(heading) for heading, name in zip(self.headings, self.fields,
                                                              strict=True)
                if name is None and column_key(heading)]

    def heading_of(self, field_name: str | None) -> str | None:
        if field_name in self.fields:
            return self.headings[self.fields.index(field_name)].strip()
        return None

    def missing(self) -> list[str]:
        return [name for name in csv_fields(self.kind)
                if self.kind.import_fields[name][0] and name not in self.fields]


def read_header(kind: RecordKind, headings: list[str]) -> Header:
    """The file's header row matched to the kind's fields; the first column a field's
    name fits is the one read for it."""
    names = {name: _names_of(kind, name) for name in csv_fields(kind)}
    taken: list[str | None] = []
    for heading in headings:
        key = column_key(heading)
        match = next((name for name, known in names.items()
                      if key in known and name not in taken), None)
        taken.append(match)
    return Header(kind, headings, taken)


def kind_of_header(headings: list[str]) -> RecordKind | None:
    """The one kind whose required fields all have a column in this header row."""
    fitting = [kind for kind in KINDS if not read_header(kind, headings).missing()]
    return fitting[0] if len(fitting) == 1 else None


def _cell(read: Callable[[Any], Any], value: str) -> Any:
    """A cell as the field's reader takes it from JSON: UK dates as ISO, yes/no as booleans."""
    if value == "":
        return None
    if read in DATE_READERS:
        try:
            return parse_date(value, allow_uk=True).isoformat()
        except InvalidDate as error:
            raise ValueError(str(error)) from error
    if read is fields.boolean:
        lowered = value.lower()
        if lowered in YES or lowered in NO:
            return lowered in YES
        raise ValueError("must be yes or no")
    return value


def _row_parser(header: Header, line: int, row: list[str],
                rules: ImportRules) -> Callable[[], ParsedRecord]:
    kind = header.kind

    def problem(field_name: str | None, message: str) -> ImportRejected:
        return ImportRejected([LineProblem(line, field_name, message,
                                           column=header.heading_of(field_name))])

    def parse() -> ParsedRecord:
        if len(row) != len(header.headings):
            raise problem(None, f"has {len(row)} cells but the header row has "
                                f"{len(header.headings)}; check for a comma that is not "
                                "inside quotes")
        raw: dict[str, Any] = {"type": kind.name}
        for name, cell in zip(header.fields, row, strict=True):
            if name is None:
                continue
            try:
                raw[name] = _cell(kind.import_fields[name][1], cell.strip())
            except ValueError as error:
                raise problem(name, str(error)) from error
        try:
            return parse_record(raw, line, rules)
        except ImportRejected as rejected:
            (first,) = rejected.problems
            raise problem(first.field, first.message) from None
    return parse


def parse_csv(text: str, kind: RecordKind | None = None, notes: list[str] | None = None,
              rules: ImportRules = DEFAULT_RULES) -> list[ParsedRecord]:
    """Every record of a CSV file of one kind (given, or told from its header row), checked
    as JSON Lines records are; raises ImportRejected naming every problem."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    headings = next(reader, [])
    kind = kind or kind_of_header(headings)
    if kind is None:
        raise ImportRejected([LineProblem(1, None, (
            "the header row does not say which kind of record the file holds; name the "
            "kind with --type (one of: " + ", ".join(k.name for k in KINDS) + ")"))])
    header = read_header(kind, headings)
    missing = header.missing()
    if missing:
        needed = ", ".join(name.replace("_", " ") for name in csv_fields(kind)
                           if kind.import_fields[name][0])
        raise ImportRejected([LineProblem(1, missing[0], (
            f"column is missing from the header row; a {kind.singular.lower()} file needs "
            f"{needed}"))])
    if header.extra and notes is not None:
        notes.append(f"Columns not imported: {', '.join(header.extra)}.")
    rows = ((number, row) for number, row in enumerate(reader, start=2)
            if any(cell.strip() for cell in row))
    return collect_records((number, _row_parser(header, number, row, rules))
                           for number, row in rows)


def read_import_file(path: Path, notes: list[str] | None = None,
                     rules: ImportRules = DEFAULT_RULES,
                     kind: RecordKind | None = None) -> list[ParsedRecord]:
    """Every record of a JSON Lines file, or of a CSV file of one kind (`kind`, or told
    from its header row); raises ImportRejected naming every problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected([LineProblem(1, None, "the file is not UTF-8 text; save it as "
                                          "UTF-8 (CSV UTF-8 in Excel) and try again")]) from error
    if path.suffix.lower() == ".csv":
        return parse_csv(text, kind, notes, rules)
    return parse_json_lines(text, rules)
