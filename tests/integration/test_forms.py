"""The shared GOV.UK form widgets render valid, accessible HTML."""

from bs4 import BeautifulSoup
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import InputRequired

from portal.forms import DateInput


class IncidentForm(FlaskForm):
    happened_on = DateField("When did it happen?", widget=DateInput(),
                            validators=[InputRequired("Enter the date it happened")])


TEMPLATE = """
{% from "govuk_frontend_jinja/components/error-summary/macro.html" import govukErrorSummary %}
{% if form.errors %}{{ govukErrorSummary(error_summary(form)) }}{% endif %}
{{ form.happened_on() }}
"""


def render(app, data=None):
    with app.test_request_context(method="POST" if data else "GET", data=data or {}):
        form = IncidentForm(meta={"csrf": False})
        if data:
            form.validate()
        return BeautifulSoup(render_template_string(TEMPLATE, form=form), "html.parser")


def test_the_date_input_puts_no_required_attribute_on_its_wrapper(app):
    page = render(app)
    wrapper = page.find("div", class_="govuk-date-input")
    assert wrapper is not None
    assert not page.find_all(attrs={"required": True})
    assert [box["id"] for box in page.find_all("input")] == [
        "happened_on-day", "happened_on-month", "happened_on-year"]


def test_the_error_summary_links_to_the_day_box(app):
    page = render(app, {"happened_on": ["", "", ""]})
    link = page.select_one(".govuk-error-summary__list a")
    assert link.get_text(strip=True) == "Enter the date it happened"
    assert link["href"] == "#happened_on-day"
    assert page.find(id="happened_on-day") is not None
