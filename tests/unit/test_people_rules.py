"""The rules of the office's people, without a database: who is senior, which reporting
lines are refused, and how the organisation chart is put together."""

from datetime import date

import pytest

from content.importer import parse_json_lines
from content.models import Post
from content.people import is_senior, organisation_chart, reporting_problem, reporting_problems

THRESHOLD = 5_820_000


@pytest.mark.parametrize(("office_holder", "salary", "senior"), [
    (False, 5_820_001, True), (False, 5_820_000, False), (False, None, False),
    (True, 8_670_000, False),
])
def test_a_senior_employee_is_paid_more_than_the_threshold(office_holder, salary, senior):
    assert is_senior(office_holder, salary, THRESHOLD) is senior


LINES = {"pcc": None, "chief-executive": "pcc", "head": "chief-executive", "officer": "head"}


@pytest.mark.parametrize(("slug", "reports_to", "problem"), [
    ("head", "pcc", None),
    ("pcc", "officer", "circle of reporting lines"),
    ("head", "head", "cannot report to itself"),
    ("head", "nobody", "There is no post “nobody”"),
    ("new-post", "officer", None),
])
def test_a_reporting_line_may_not_go_round_in_a_circle(slug, reports_to, problem):
    found = reporting_problem(slug, reports_to, LINES)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_every_post_in_a_circle_is_named():
    assert set(reporting_problems({"a": "b", "b": "c", "c": "a", "d": None, "e": "d"})) == {
        "a", "b", "c"}


def post(slug, title, reports_to=None, **fields):
    return Post(slug=slug, title=title, reports_to=reports_to, date=date(2026, 4, 1),
                office_holder=fields.get("office_holder", False),
                senior=fields.get("senior", False))


def test_the_chart_puts_office_holders_then_senior_staff_first_and_keeps_orphans():
    chart = organisation_chart([
        post("clerk", "Clerk", "pcc"),
        post("cfo", "Chief Finance Officer", "pcc", senior=True),
        post("dpcc", "Deputy Commissioner", "pcc", office_holder=True),
        post("pcc", "Commissioner", office_holder=True),
        # Reports to a post that is not published: it starts a tree of its own.
        post("analyst", "Analyst", "unpublished-head"),
    ])
    assert [(depth, item.title) for root in chart for depth, item in root.walk()] == [
        (0, "Commissioner"), (1, "Deputy Commissioner"), (1, "Chief Finance Officer"),
        (1, "Clerk"), (0, "Analyst")]


def test_staff_numbers_import_as_json_numbers_or_text_exactly():
    (record,) = parse_json_lines(
        '{"type":"workforce","as_at":"2026-03-31","headcount":34,"full_time_equivalent":31.6,'
        '"women_percent":61.8,"ethnic_minority_percent":"8.8%","disabled_percent":"5.9",'
        '"disability_not_known_percent":0.1}')
    values = record.values
    assert (values["headcount"], values["full_time_equivalent"], values["women_percent"],
            values["ethnic_minority_percent"], values["disability_not_known_percent"],
            values["sex_not_known_percent"]) == (34, 3160, 618, 88, 1, 0)
    assert values["slug"] == "2026-03-31"
