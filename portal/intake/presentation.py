"""How each question is placed on its page: heading, label size, autocomplete."""

from typing import Any

from wtforms import Field

GROUPED = ("RadioField", "SelectMultipleField", "UKDateField")
AUTOCOMPLETE = {
    "full_name": {"autocomplete": "name", "spellcheck": "false"},
    "affected_person": {"spellcheck": "false"},
    "email": {"autocomplete": "email", "spellcheck": "false", "type": "email"},
    "phone": {"autocomplete": "tel", "type": "tel"},
    "address": {"autocomplete": "street-address"},
}
LONG_ANSWER_ROWS = 8


def question_params(field: Field, heading: bool = False) -> dict[str, Any]:
    """Parameters for a govuk-frontend-wtf widget: the page's one question is its heading."""
    label = str(field.label.text)
    if field.type in GROUPED:
        size = "govuk-fieldset__legend--l" if heading else "govuk-fieldset__legend--m"
        return {"fieldset": {"legend": {"text": label, "isPageHeading": heading,
                                        "classes": size}}}
    size = "govuk-label--l" if heading else "govuk-label--s"
    params: dict[str, Any] = {"label": {"text": label, "isPageHeading": heading,
                                        "classes": size}}
    if field.name in AUTOCOMPLETE:
        params["attributes"] = dict(AUTOCOMPLETE[field.name])
        for name in ("autocomplete", "type"):
            if name in params["attributes"]:
                params[name] = params["attributes"].pop(name)
    if field.type == "TextAreaField" and field.widget.__class__.__name__ == "GovCharacterCount":
        params["maxlength"] = max((v.max for v in field.validators if hasattr(v, "max")),
                                  default=20_000)
        params["rows"] = LONG_ANSWER_ROWS
    return params


def intake_error_summary(form: Any) -> dict[str, Any]:
    """The error summary, less the form token (a timed-out page has its own message)."""
    from portal.forms import first_input_id

    errors = [{"text": field.errors[0], "href": f"#{first_input_id(field)}"}
              for field in form if field.errors and field.name != "csrf_token"]
    return {"titleText": "There is a problem", "errorList": errors}
