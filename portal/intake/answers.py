"""Moving answers between forms and storage, and showing them back on the check page."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectMultipleField

from portal.intake.flows import Answers, Flow, Page, parse_day
from portal.intake.forms import UKDateField
from portal.intake.models import IntakeAttachment
from portal.templating import long_date

NOT_GIVEN = "Not given"
EQUALITY_QUESTION = "Equality monitoring"


def answers_from_form(form: FlaskForm) -> Answers:
    values: Answers = {}
    for field in form:
        if field.name == "csrf_token":
            continue
        value = field.data
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = value.strip()
        values[field.name] = value
    return values


def form_data(form_class: type[FlaskForm], answers: Answers) -> dict[str, Any]:
    """Stored answers as the data a form is filled in with."""
    data: dict[str, Any] = {}
    for name, unbound in vars(form_class).items():
        if name in answers and hasattr(unbound, "field_class"):
            value = answers[name]
            data[name] = parse_day(value) if unbound.field_class is UKDateField else value
    return data


@dataclass
class Row:
    question: str
    answer: str
    change: str | None


def _display(field: Field, value: Any) -> str:
    if value in (None, "", []):
        return NOT_GIVEN
    if isinstance(field, UKDateField):
        day = parse_day(value)
        return long_date(day) if day else NOT_GIVEN
    if isinstance(field, SelectMultipleField | RadioField):
        labels = {choice.value: choice.label for choice in field.choices}  # type: ignore[union-attr]
        items = value if isinstance(value, list) else [value]
        return "\n".join(str(labels.get(item, item)) for item in items)
    return str(value)


def page_rows(page: Page, answers: Answers,
              attachments: list[IntakeAttachment]) -> list[Row]:
    if not page.shows_in_summary:
        return []
    if page.slug == "evidence":
        names = "\n".join(attachment.original_name for attachment in attachments)
        return [Row("Evidence", names or "None uploaded", page.slug)]
    if page.slug == "equality":
        answered = any(value for value in (answers.get("equality") or {}).values())
        return [Row(EQUALITY_QUESTION, "Answered" if answered else "Not answered",
                    page.slug)]
    form = page.form(data=form_data(page.form, answers), meta={"csrf": False})
    return [Row(_question(field), _display(field, answers.get(field.name)), page.slug)
            for field in form if field.name != "csrf_token"]


def _question(field: Field) -> str:
    return str(field.label.text).removesuffix(" (optional)")


def summary_rows(flow: Flow, answers: Answers,
                 attachments: list[IntakeAttachment]) -> list[Row]:
    path, _complete = flow.path(answers)
    rows: list[Row] = []
    for slug in path:
        page = flow.page(slug)
        if page is not None:
            rows += page_rows(page, answers, attachments)
    return rows


def case_rows(flow: Flow, answers: Answers,
              attachments: list[IntakeAttachment]) -> list[Row]:
    """A submitted case's answers as the person saw them on "Check your answers".

    A case keeps only the answers on the person's final path (no list of pages done, no
    equality answers, which are stored apart), so its path is followed as if every page
    had been answered.
    """
    walked = {**answers, "_done": [page.slug for page in flow.pages]}
    return [row for row in summary_rows(flow, walked, attachments)
            if row.question != EQUALITY_QUESTION]


def support_rows(flow: Flow, answers: Answers) -> list[Row]:
    """The support and adjustments the person asked for, in the words they chose."""
    page = flow.page("support")
    if page is None or not (answers.get("support") or answers.get("support_details")):
        return []
    return [row for row in page_rows(page, answers, []) if row.answer != NOT_GIVEN]


def answers_on_path(flow: Flow, answers: Answers) -> Answers:
    """Only the answers to questions on the person's final path: an answer to a question
    that a later change took them away from is not sent."""
    path, _complete = flow.path(answers)
    kept: Answers = {}
    for slug in path:
        page = flow.page(slug)
        if page is None or slug == "equality":
            continue
        for name, unbound in vars(page.form).items():
            if hasattr(unbound, "field_class") and name in answers:
                kept[name] = answers[name]
    return kept
