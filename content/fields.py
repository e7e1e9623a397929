"""Field readers: how each value of a record is checked and turned into what is stored.

Each reader takes the raw value (from JSON, a CSV cell or a form) and returns the stored
value, or raises ValueError with a message a publisher can act on. A record kind's
import specification (in `content.kinds`) is a table of these readers.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from content.dates import FinancialYear, InvalidDate, parse_date
from content.markup import UnrenderableMarkdown, render_markdown
from content.models import (
    ACTION_STATUSES,
    CONTRACT_PARTIES,
    EXEMPTION_GROUNDS,
    FINDING_KINDS,
    INSPECTION_TYPES,
    MINUTES_STATUSES,
    RECOMMENDATION_STATUSES,
    SCRUTINY_KINDS,
    SPENDING_BODIES,
    VALUE_ROUTES,
)
from content.money import InvalidAmount, format_pounds, parse_pence
from content.people import RESERVED_SLUGS
from content.text import slugify

Reader = Callable[[Any], Any]
# Field name → (required, reader).
Spec = dict[str, tuple[bool, Reader]]

_KIND_ALIASES = {kind.lower(): kind for kind in SCRUTINY_KINDS} | {
    "hmicfrs response": "HMICFRS inspection response",
    "accountability board": "Accountability board meeting",
    "independent custody visitor report": "Independent custody visiting report",
    "icv report": "Independent custody visiting report",
    "scrutiny panel report": "Scrutiny panel",
    "quarterly performance report": "Performance report",
}


def text(limit: int) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be some text")
        if len(value) > limit:
            raise ValueError(f"must be {limit} characters or fewer (it has {len(value)})")
        return value.strip()
    return read


def markdown(value: Any) -> tuple[str, str]:
    """Markdown source and the sanitised HTML it renders to, rendered once, here."""
    if value is None:
        return ("", "")
    if not isinstance(value, str):
        raise ValueError("must be text (markdown)")
    try:
        return (value, render_markdown(value))
    except UnrenderableMarkdown as error:
        raise ValueError(str(error)) from error


def day(value: Any) -> date:
    try:
        return parse_date(value)
    except InvalidDate as error:
        raise ValueError(str(error)) from error


def optional_day(value: Any) -> date | None:
    return None if value in (None, "") else day(value)


def money(value: Any) -> int:
    try:
        return parse_pence(value)
    except InvalidAmount as error:
        raise ValueError(str(error)) from error


def optional_money(value: Any) -> int | None:
    return None if value in (None, "") else money(value)


def month(value: Any) -> date:
    """A month, written 2025-03, 03/2025 or March 2025 (or any date in it): stored as
    its first day."""
    if isinstance(value, str):
        value = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            value += "-01"
        elif found := re.fullmatch(r"(\d{1,2})/(\d{4})", value):
            value = f"{found[2]}-{int(found[1]):02d}-01"
        elif found := re.fullmatch(r"([A-Za-z]+) (\d{4})", value):
            value = _named_month(found[1], found[2])
    try:
        return parse_date(value).replace(day=1)
    except InvalidDate as error:
        raise ValueError("must be a month written as year and month, for example "
                         "2025-03") from error


def _named_month(name: str, year: str) -> str:
    months = {day.strftime(pattern).lower(): day.month
              for day in (date(2000, number, 1) for number in range(1, 13))
              for pattern in ("%B", "%b")}
    return f"{year}-{months[name.lower()]:02d}-01" if name.lower() in months else name


def whole_number(value: Any) -> int:
    """A count or a distance in whole units (nights, miles): 0 or more."""
    if isinstance(value, str) and value.strip().replace(",", "").isdigit():
        value = int(value.strip().replace(",", ""))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("must be a whole number, for example 42")
    return value


def exemption_ground(value: Any) -> str:
    grounds = {ground.lower(): ground for ground in EXEMPTION_GROUNDS}
    if isinstance(value, str) and value.strip().lower() in grounds:
        return grounds[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(EXEMPTION_GROUNDS)}")


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _decimal(value: Any, places: int, example: str) -> Decimal:
    """A number with at most `places` decimal places, read from its text (never a float's
    arithmetic: a JSON number is read by its digits)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"must be a number, for example {example}")
    text = str(value).strip().removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"must be a number, for example {example}") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"must be a number, for example {example}")
    if -number.as_tuple().exponent > places:  # type: ignore[operator]
        raise ValueError(f"must have at most {places} decimal place"
                         f"{'s' if places > 1 else ''}, for example {example}")
    return number


def percentage(value: Any) -> int:
    """A percentage from 0 to 100 with at most one decimal place, held in tenths."""
    number = _decimal(value, 1, "52.4")
    if number > 100:
        raise ValueError("must be a percentage from 0 to 100")
    return int(number * 10)


def optional_percentage(value: Any) -> int:
    return 0 if value in (None, "") else percentage(value)


def full_time_equivalent(value: Any) -> int:
    """A number of full-time posts with at most two decimal places, held in hundredths."""
    return int(_decimal(value, 2, "31.6") * 100)


def post_slug(value: Any) -> str:
    """The part of a post's address naming it: a reserved word is refused."""
    slug = slugify(text(160)(value), 160)
    if not slug:
        raise ValueError("must have some letters or numbers")
    if slug in RESERVED_SLUGS:
        raise ValueError(f"cannot be “{slug}”: that address is taken by another page")
    return slug


def optional_post_slug(value: Any) -> str | None:
    return None if value in (None, "") else post_slug(value)


def scrutiny_kind(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _KIND_ALIASES:
        return _KIND_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(SCRUTINY_KINDS)}")


def optional_text(limit: int) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        return "" if value in (None, "") else text(limit)(value)
    return read


_BODY_ALIASES = {"opcc": "OPCC", "pcc": "OPCC", "office of the police and crime commissioner":
                 "OPCC", "force": "Force", "police": "Force", "police force": "Force",
                 "chief constable": "Force"}
_ROUTE_ALIASES = {route.lower(): route for route in VALUE_ROUTES} | {
    "framework": "Framework agreement", "quotes": "Three quotes",
    "three quotations": "Three quotes", "3 quotes": "Three quotes",
    "tender": "Competitive tender", "single source": "Single source with justification",
    "single tender action": "Single source with justification",
    "waiver": "Single source with justification", "contract": "Existing contract",
    "collaboration": "Collaboration agreement", "statutory": "Statutory or regulatory payment",
}


def spending_body(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _BODY_ALIASES:
        return _BODY_ALIASES[value.strip().lower()]
    raise ValueError(f"must be {' or '.join(SPENDING_BODIES)} (who spent the money)")


def value_route(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _ROUTE_ALIASES:
        return _ROUTE_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(VALUE_ROUTES)}")


@dataclass(frozen=True)
class ImportRules:
    """The settings records are checked against, given by the portal's configuration."""

    # Spending at or below this (in pence) is not published line by line: Order 3(g).
    spending_threshold_pence: int = 50_000

    def over_threshold(self, pence: int) -> None:
        if pence <= self.spending_threshold_pence:
            raise ValueError(
                f"is {format_pounds(pence)}, which is not over the "
                f"{format_pounds(self.spending_threshold_pence)} threshold: only spending "
                "over it is published line by line, so leave this line out of the file")
_PARTY_ALIASES = {party.lower(): party for party in CONTRACT_PARTIES} | {
    "pcc": CONTRACT_PARTIES[0], "opcc": CONTRACT_PARTIES[0], "commissioner": CONTRACT_PARTIES[0],
    "force": CONTRACT_PARTIES[1], "chief officer": CONTRACT_PARTIES[1],
    "both": CONTRACT_PARTIES[2],
}


def contract_parties(value: Any) -> str:
    """Which of the Commissioner and the Chief Constable signed the contract."""
    if isinstance(value, str) and value.strip().lower() in _PARTY_ALIASES:
        return _PARTY_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(CONTRACT_PARTIES)} (or OPCC, force, both)")


def reference(value: Any) -> str:
    """A reference that can stand in an address: letters, digits, / - and . only."""
    read = text(40)(value)
    if not all(character.isalnum() or character in "/-." for character in read):
        raise ValueError("must be letters, numbers, / - and . only, for example C-2025-014")
    return read


def version(value: Any) -> str:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = str(value)
    return text(20)(value)


def action_status(value: Any) -> str:
    status = str(value or "").strip().lower().replace("_", " ")
    aliases = {"completed": "complete", "closed": "complete", "in-progress": "in progress"}
    status = aliases.get(status, status)
    if status not in ACTION_STATUSES:
        raise ValueError(f"must be one of: {', '.join(ACTION_STATUSES)}")
    return status


ACTION_FIELDS: Spec = {
    "action": (True, text(5000)), "owner": (True, text(160)),
    "due": (False, optional_day), "status": (True, action_status),
}


def actions(value: Any) -> list[dict[str, Any]]:
    """A scrutiny outcome's actions; a problem names the action by its number."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("must be a list of actions")
    rows = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"action {number} must be an object with action, owner, due, status")
        rows.append(read_fields(item, ACTION_FIELDS, prefix=f"action {number} "))
    return rows


_INSPECTION_ALIASES = {kind.lower(): kind for kind in INSPECTION_TYPES} | {
    "peel": "PEEL inspection", "thematic": "Thematic inspection",
    "national": "National inspection", "force-specific": "Force-specific inspection",
    "force specific inspection": "Force-specific inspection",
}


def inspection_type(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _INSPECTION_ALIASES:
        return _INSPECTION_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(INSPECTION_TYPES)}")


def web_address(value: Any) -> str:
    address = text(500)(value)
    if not address.startswith(("https://", "http://")):
        raise ValueError("must be a web address starting https://")
    return address


def finding(value: Any) -> str:
    words = str(value or "").strip().lower().replace("_", " ")
    words = {"afi": "area for improvement"}.get(words, words)
    if words not in FINDING_KINDS:
        raise ValueError(f"must be one of: {', '.join(FINDING_KINDS)}")
    return words


def recommendation_status(value: Any) -> str:
    status = str(value or "").strip().lower().replace("_", " ")
    status = {"complete": "closed", "completed": "closed", "in-progress": "in progress"}.get(
        status, status)
    if status not in RECOMMENDATION_STATUSES:
        raise ValueError(f"must be one of: {', '.join(RECOMMENDATION_STATUSES)}")
    return status


def progress(value: Any) -> list[dict[str, str]]:
    """Dated progress updates, oldest first: a list of {"date", "update"}."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValueError("must be a list of updates, each with a date and an update")
    updates = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"date", "update"}:
            raise ValueError(f"update {number} must have a date and an update, and nothing else")
        try:
            updates.append({"date": day(item["date"]).isoformat(),
                            "update": text(2000)(item["update"])})
        except ValueError as error:
            raise ValueError(f"update {number}: {error}") from error
    return sorted(updates, key=lambda update: update["date"])


def scrutiny_slugs(value: Any) -> str:
    """The scrutiny outcomes where a recommendation was discussed, by their slugs."""
    slugs = value if isinstance(value, list) else str(value or "").replace(",", " ").split()
    if not slugs:
        return ""
    if not all(isinstance(slug, str) and slug.strip() for slug in slugs):
        raise ValueError("must be a list of scrutiny outcome slugs")
    return text(1000)(" ".join(slug.strip() for slug in slugs))


RECOMMENDATION_FIELDS: Spec = {
    "label": (True, text(40)), "text": (True, text(5000)), "finding": (True, finding),
    "response": (False, lambda value: "" if value in (None, "") else text(5000)(value)),
    "owner": (False, lambda value: "" if value in (None, "") else text(160)(value)),
    "due": (False, optional_day), "status": (False, recommendation_status),
    "progress": (False, progress),
    "closure_evidence": (False, lambda value: "" if value in (None, "") else text(5000)(value)),
    "closed_on": (False, optional_day), "scrutiny": (False, scrutiny_slugs),
}


def recommendation_problems(row: dict[str, Any]) -> dict[str, str]:
    """What a read recommendation lacks for its status: a closed one needs its evidence
    and the day it was closed."""
    problems = {}
    if row.get("status") == "closed":
        if not row.get("closure_evidence"):
            problems["closure_evidence"] = "give the evidence that it was closed"
        if not row.get("closed_on"):
            problems["closed_on"] = "give the date it was closed"
    return problems


def recommendations(value: Any) -> list[dict[str, Any]]:
    """A report's recommendations and areas for improvement; a problem names the row."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("must be a list of recommendations")
    rows = []
    for number, item in enumerate(value, start=1):
        prefix = f"recommendation {number} "
        if not isinstance(item, dict):
            raise ValueError(f"recommendation {number} must be an object with label, text, "
                             "finding, …")
        row = read_fields(item, RECOMMENDATION_FIELDS, prefix=prefix)
        row["status"] = row["status"] or "open"
        for name, message in recommendation_problems(row).items():
            raise FieldError(prefix + name, message)
        rows.append(row)
    return rows


def one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    """One of a fixed set of words, in any case ("declined" is "Declined")."""
    def read(value: Any) -> str:
        typed = str(value or "").strip().lower()
        for choice in choices:
            if choice.lower() == typed:
                return choice
        raise ValueError(f"must be one of: {', '.join(choices)}")
    return read


def financial_year(value: Any) -> int:
    """A financial year written like 2026-27 (or 2026/27), stored as its first year."""
    if not isinstance(value, str):
        raise ValueError("must be a financial year written like 2026-27")
    return FinancialYear.parse(value).start_year


def _budget_rows(name: str, label: str) -> Callable[[Any], list[dict[str, Any]]]:
    """A budget's rows (its income sources, or its spending headings), each a name and an
    amount; a problem names the row by its number."""
    spec: Spec = {name: (True, text(200)), "amount": (True, money)}

    def read(value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"must be a list of {{\"{name}\": …, \"amount\": …}}")
        rows = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise ValueError(f"{label} {number} must be an object with {name} and amount")
            rows.append(read_fields(item, spec, prefix=f"{label} {number} "))
        return rows
    return read


income_rows = _budget_rows("source", "income")
spending_rows = _budget_rows("heading", "spending")


def start_time(value: Any) -> time:
    """A time of day on the 24-hour clock, as "18:30" (or "9:30")."""
    found = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", str(value or "").strip())
    if found is None:
        raise ValueError("must be a time on the 24-hour clock, for example 10:00 or 18:30")
    return time(int(found[1]), int(found[2]))


def web_link(value: Any) -> str:
    """An address people can follow to join a meeting online (https only)."""
    if value in (None, ""):
        return ""
    link = text(500)(value)
    if not re.fullmatch(r"https://[^\s<>\"]+", link):
        raise ValueError("must be a web address starting https://, for example "
                         "https://meet.example.org/board")
    return link


def minutes_status(value: Any) -> str:
    status = str(value or "none").strip().lower()
    if status not in MINUTES_STATUSES:
        raise ValueError(f"must be one of: {', '.join(MINUTES_STATUSES)}")
    return status


def item_number(value: Any) -> int | None:
    """The number of an item on a meeting's agenda, counting from 1."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 200:
        raise ValueError("must be the number of an item on the meeting's agenda, "
                         "from 1 to 200")
    return value


AGENDA_FIELDS: Spec = {
    "title": (True, text(300)), "presenter": (False, optional_text(160)),
    "report": (False, optional_text(255)),
}


def agenda(value: Any) -> list[dict[str, Any]]:
    """A meeting's agenda items, in order; a problem names the item by its number."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("must be a list of agenda items")
    rows = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"item {number} must be an object with title, presenter, report")
        read = read_fields(item, AGENDA_FIELDS, prefix=f"item {number} ")
        rows.append({name: value or "" for name, value in read.items()})
    return rows


# Readers that turn a missing value into an empty one rather than None.
_EMPTY_WHEN_MISSING: tuple[Reader, ...] = (markdown, actions, agenda, optional_percentage,
                                           income_rows, spending_rows, recommendations)


class FieldError(ValueError):
    """A field's value is wrong; `field_name` says which (with its row, for actions)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


def read_fields(raw: dict[str, Any], spec: Spec, prefix: str = "") -> dict[str, Any]:
    """Every field of `spec` read from `raw`; raises FieldError at the first problem."""
    unknown = sorted(set(raw) - set(spec) - {"type"})
    if unknown:
        raise FieldError(prefix + unknown[0],
                         f"is not a field we know; the fields are: {', '.join(spec)}")
    values = {}
    for name, (required, read) in spec.items():
        if name not in raw or raw[name] is None:
            if required:
                raise FieldError(prefix + name, "is missing; every record of this type needs it")
            values[name] = read(None) if read in _EMPTY_WHEN_MISSING else None
            continue
        try:
            values[name] = read(raw[name])
        except FieldError:
            raise
        except ValueError as error:
            raise FieldError(prefix + name, str(error)) from error
    return values


def every_problem(raw: dict[str, Any], spec: Spec) -> dict[str, str]:
    """Every field's problem at once (for forms, where one at a time would be a chore)."""
    problems = {}
    for name, rule in spec.items():
        try:
            read_fields({name: raw.get(name)}, {name: rule})
        except FieldError as error:
            problems[name] = str(error)
    return problems
