"""Field readers: how each value of a record is checked and turned into what is stored.

Each reader takes the raw value (from JSON, a CSV cell or a form) and returns the stored
value, or raises ValueError with a message a publisher can act on. A record kind's
import specification (in `content.kinds`) is a table of these readers.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from content.dates import InvalidDate, parse_date
from content.markup import UnrenderableMarkdown, render_markdown
from content.models import (
    ACTION_STATUSES,
    FINDING_KINDS,
    INSPECTION_TYPES,
    RECOMMENDATION_STATUSES,
    SCRUTINY_KINDS,
)
from content.money import InvalidAmount, parse_pence

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


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def scrutiny_kind(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in _KIND_ALIASES:
        return _KIND_ALIASES[value.strip().lower()]
    raise ValueError(f"must be one of: {', '.join(SCRUTINY_KINDS)}")


def version(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
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


# Readers that turn a missing value into an empty one rather than None.
_EMPTY_WHEN_MISSING = (markdown, actions, recommendations)


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
