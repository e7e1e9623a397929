"""What the publishing pages share: putting the checks' findings beside the boxes they are
about, and reading a publication date and time typed in UK time."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from flask import request, session
from flask_wtf import FlaskForm

from content.dates import InvalidDate, parse_date
from content.publishing import PublishingProblem
from content.queries import meetings_to_link
from portal.db import get_session
from portal.forms import read_date_boxes
from portal.templating import UK_TIME, long_date

DOCUMENT_PROBLEM = "document_problem"

ACTION_ROW_FIELD = re.compile(r"action (\d+) (\w+)")


# What each box of an action row is called in a sentence about that row.
ACTION_PART_NAMES = {"action": "action", "owner": "owner", "due": "due date", "status": "status"}


def _sentence(label: str, text: str) -> str:
    if text.startswith("is missing"):
        return f"Enter the {label.lower()}"
    if text[:1].islower():
        return f"{label} {text}"
    return f"{label}: {text}" if text[:1] == '"' else text


def _row_sentence(number: str, part: str, text: str) -> str:
    """A problem with one action, naming its row: "Enter the owner of action 2"."""
    if text.startswith("is missing"):
        return f"Enter action {number}" if part == "action" else (
            f"Enter the {ACTION_PART_NAMES[part]} of action {number}")
    if text[:1].islower():
        return f"Action {number}: the {ACTION_PART_NAMES[part]} {text}"
    return f"Action {number}: {text}"


# A schedule refused for its moment ("must be in the future") is corrected in its date box.
SCHEDULE_PROBLEMS = {"publish_at": "publish_on"}


def put_problems(form: FlaskForm, problems: dict[str, str], first_box: str) -> None:
    """Each of the checks' problems as a sentence among the errors of the box it is about,
    so the error summary links to that box and the message is shown beside it.

    A problem that belongs to no box (such as "This is already published") goes to
    `first_box`; the checks name a scrutiny action's box like "action 2 owner".
    """
    for name, text in problems.items():
        name = SCHEDULE_PROBLEMS.get(name, name)
        row = ACTION_ROW_FIELD.fullmatch(name)
        if row and f"{row[2]}_{row[1]}" in form:
            box, message = f"{row[2]}_{row[1]}", _row_sentence(row[1], row[2], text)
        elif f"new_{name}" in form and form[f"new_{name}"].data:
            # About the new name typed for a managed list, not the choice beside it.
            box, message = f"new_{name}", _sentence(str(form[name].label.text), text)
        elif name in form:
            box, message = name, _sentence(str(form[name].label.text), text)
            if text.startswith("is missing") and hasattr(form[name], "missing"):
                message = form[name].missing
        else:
            box, message = first_box, text
        # A date box knows better than the checks which of its boxes is wrong.
        own = form[box].process_errors
        form[box].errors = [*form[box].errors, own[0] if own else message]


def typed_fields() -> list[tuple[str, str]]:
    """Everything typed into the form (not the button pressed), to carry through a preview."""
    return [(name, value) for name, value in request.form.items(multi=True)
            if name not in ("action", "csrf_token")]


def typed_date(value: str) -> str:
    """A date typed the UK way (5/3/2025) in ISO form; anything else is left for the
    checks to report."""
    if not value:
        return value
    try:
        return parse_date(value, allow_uk=True).isoformat()
    except InvalidDate:
        return value


def _publication_day() -> date:
    typed = [value.strip() for value in request.form.getlist("publish_on")]
    if len(typed) == 1:
        try:
            return parse_date(typed[0], allow_uk=True)
        except InvalidDate:
            raise PublishingProblem("Enter the publication date, like 1 12 2026",
                                    "publish_on") from None
    day, problem, _ = read_date_boxes([*typed, "", "", ""][:3], "Publication date")
    if day is None:
        raise PublishingProblem(problem or "Enter the publication date", "publish_on")
    return day


def publish_at() -> datetime:
    """The publication moment typed into the schedule boxes (UK time), in UTC."""
    day = _publication_day()
    hours, _, minutes = request.form.get("publish_time", "").strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        raise PublishingProblem("Enter the time like 09:30", "publish_time")
    try:
        local = datetime.combine(day, time(int(hours), int(minutes)), UK_TIME)
    except ValueError:
        raise PublishingProblem("Enter the time like 09:30", "publish_time") from None
    return local.astimezone(UTC)


def carry_out(action: Callable[[], Any]) -> tuple[Any, dict[str, str]]:
    """Do what the pressed button asks: the response to send (None to show the form
    again) and the problems to show. A refusal undoes whatever the action had changed."""
    try:
        outcome = action()
    except PublishingProblem as refused:
        get_session().rollback()
        return None, {refused.field or "action": str(refused)}
    if isinstance(outcome, dict):
        return None, outcome
    return outcome, {}


def document_problem(error_list: list[dict[str, str]]) -> str | None:
    """A refused PDF upload, told once on the record's page after the redirect."""
    problem = session.pop(DOCUMENT_PROBLEM, None)
    if problem:
        error_list.append({"text": problem, "href": "#document"})
    return problem


def meeting_choices() -> list[tuple[str, str]]:
    """The meetings a decision or scrutiny outcome can be linked to, in words."""
    return [(meeting.slug, f"{meeting.title} ({long_date(meeting.date)})")
            for meeting in meetings_to_link(get_session())]
