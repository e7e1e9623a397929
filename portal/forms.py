"""GOV.UK form widgets, defined once, with fixes for govuk-frontend-wtf 3.2's date input.

That release puts `required` on the date input's wrapper `div` (invalid HTML), and its error
summary links to the wrapper instead of the day box, so focus goes nowhere useful.
"""

import re
from datetime import date
from typing import Any

from flask import Flask
from flask_wtf import FlaskForm
from govuk_frontend_wtf.main import WTFormsHelpers
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field

from content.dates import InvalidDate, parse_date


class DateInput(GovDateInput):
    """Day, month and year boxes that are valid HTML.

    The GOV.UK Design System asks services not to use the browser's `required` validation,
    so the attribute is dropped rather than moved onto the three boxes.
    """

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        kwargs.pop("required", None)
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        params["attributes"].pop("required", None)
        return params


DATE_PARTS = ("day", "month", "year")


class DateBoxes(DateInput):
    """Day, month and year boxes where only the boxes that are wrong are marked, as the
    Design System asks (all three when the whole date is wrong or missing)."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        wrong = field.wrong_parts if field.errors else ()
        for item, part in zip(params["items"], DATE_PARTS, strict=True):
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            item["classes"] = f"{width} govuk-input--error" if part in wrong else width
        return params


def read_date_boxes(parts: list[str], name: str) -> tuple[date | None, str, tuple[str, ...]]:
    """The date typed into the three boxes, or the Design System's message for it and the
    boxes that are wrong. Empty boxes are no date and no message: whether a date is
    needed is for the record's checks to say."""
    if not any(parts):
        return None, "", DATE_PARTS
    missing = tuple(part for part, typed in zip(DATE_PARTS, parts, strict=True) if not typed)
    if missing:
        return None, f"{name} must include a {' and '.join(missing)}", missing
    day, month, year = parts
    wrong = tuple(part for part, bad in zip(DATE_PARTS, (
        not day.isdigit() or not 1 <= int(day) <= 31,
        not month.isdigit() or not 1 <= int(month) <= 12,
        not year.isdigit() or len(year) != 4), strict=True) if bad)
    if wrong == ("year",):
        return None, f"{name}: the year must have 4 numbers, like 2026", wrong
    if wrong:
        return None, f"{name} must be a real date", wrong
    try:
        return date(int(year), int(month), int(day)), "", ()
    except ValueError:
        return None, f"{name} must be a real date", ("day", "month")


def _boxes_of(text: str) -> list[str]:
    """A date sent as one piece of text, spread over the three boxes to show it again."""
    try:
        day = parse_date(text, allow_uk=True)
    except InvalidDate:
        pieces = re.split(r"[/\-. ]+", text)
        return pieces if len(pieces) == 3 else [text, "", ""]
    return [str(day.day), str(day.month), str(day.year)]


class DayMonthYearField(Field):
    """A date typed into day, month and year boxes (the GOV.UK date input).

    `typed` is what the record's checks read: the date in ISO form, "" when nothing was
    typed, or the text typed when it is no date (so the checks report it too, and the
    field's own message, saying which box is wrong, is the one shown). A date sent as one
    piece of text (`5/3/2025` or `2025-03-05`, as a script might) is read as the checks
    read an imported date.
    """

    widget = DateBoxes()

    def __init__(self, label: str, hint: str = "For example, 27 3 2026",
                 **kwargs: Any) -> None:
        super().__init__(label, description=hint, **kwargs)
        self.wrong_parts: tuple[str, ...] = DATE_PARTS
        self.typed = ""

    def process_data(self, value: Any) -> None:
        if isinstance(value, str):
            value = date.fromisoformat(value) if value else None
        self.data = value
        # Shown as a person types it: 5 3 2025, not 05 03 2025.
        self.raw_data = [str(value.day), str(value.month), str(value.year)] if value else None
        self.typed = value.isoformat() if value else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [str(part).strip() for part in valuelist][:3]
        if len(parts) == 1:
            self.raw_data = _boxes_of(parts[0])
            try:
                self.data = parse_date(parts[0], allow_uk=True)
            except InvalidDate:
                self.data, self.typed = None, parts[0]
            else:
                self.typed = self.data.isoformat()
            return
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data, problem, self.wrong_parts = read_date_boxes(parts, str(self.label.text))
        self.typed = self.data.isoformat() if self.data else "/".join(parts).strip("/")
        if problem:
            raise ValueError(problem)

    def _value(self) -> str:
        return self.typed


def first_input_id(field: Any) -> str:
    """Where an error summary link must send focus: the first wrong box of a date (the
    day box when the whole date is wrong), else the field."""
    if isinstance(field, DayMonthYearField):
        return f"{field.name}-{field.wrong_parts[0] if field.wrong_parts else 'day'}"
    if isinstance(field.widget, DateInput):
        return f"{field.name}-day"
    return str(field.id)


def error_summary(*forms: FlaskForm | None) -> dict[str, Any]:
    """Parameters for govukErrorSummary, each error linking to the box to correct (from
    every form given, for a page with several)."""
    errors = []
    for form in forms:
        for field in form or ():
            if field.errors:
                errors.append({"text": field.errors[0], "href": f"#{first_input_id(field)}"})
    return {"titleText": "There is a problem", "errorList": errors}


def init_app(app: Flask) -> None:
    WTFormsHelpers(app)
    app.add_template_global(error_summary)
