"""GOV.UK form widgets, defined once, with fixes for govuk-frontend-wtf 3.2's date input.

That release puts `required` on the date input's wrapper `div` (invalid HTML), and its error
summary links to the wrapper instead of the day box, so focus goes nowhere useful.
"""

from typing import Any

from flask import Flask
from flask_wtf import FlaskForm
from govuk_frontend_wtf.main import WTFormsHelpers
from govuk_frontend_wtf.wtforms_widgets import GovDateInput


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


def first_input_id(field: Any) -> str:
    """Where an error summary link must send focus: the day box of a date, else the field."""
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
