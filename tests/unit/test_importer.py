"""Import validation: the whole file is checked first and every problem names its line."""

import json

import pytest

from content.importer import ImportRejected, parse_expense_csv, parse_json_lines
from content.kinds import NAMES
from tests import factories


def lines(*records) -> str:
    return "\n".join(json.dumps(record) for record in records) + "\n"


def problems_in(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        parse_json_lines(text)
    return [str(problem) for problem in rejected.value.problems]


def test_a_good_file_gives_one_record_per_line():
    records = parse_json_lines(lines(factories.decision(), factories.expense(), factories.policy(),
                                     factories.scrutiny()))
    assert [record.type for record in records] == ["decision", "expense", "policy", "scrutiny"]
    decision = records[0].values
    assert decision["amount"] == 12500000
    assert decision["body"][1].startswith('<h2 id="section-background">')


def test_blank_lines_are_ignored_and_line_numbers_still_count_them():
    text = lines(factories.decision()) + "\n" + json.dumps(factories.decision(title=""))
    assert problems_in(text) == ['line 3, field "title": must be some text']


@pytest.mark.parametrize(("change", "expected"), [
    ({"date": "2025-02-30"}, 'field "date": "2025-02-30" is not a real date'),
    ({"amount": "12.345"}, 'field "amount": "12.345" has more than two decimal places'),
    ({"amount": 84.205}, 'field "amount": "84.205" has more than two decimal places'),
    ({"amount": "lots"}, 'field "amount": "lots" is not an amount of money'),
    ({"colour": "blue"}, 'field "colour": is not a field we know'),
    ({"type": "minutes"}, 'field "type": must be one of: ' + ', '.join(NAMES)),
    ({"exempt": "no"}, 'field "exempt": must be true or false'),
    ({"reference": None}, 'field "reference": is missing'),
    ({"title": "x" * 301}, 'field "title": must be 300 characters or fewer'),
    ({"body": "x" * 100_001}, 'field "body": The text is 100,001 characters long'),
    ({"summary": "[" * 999 + "(" * 98_000},
     'field "summary": The text has square brackets [ or round brackets ( that are never '
     'closed. Close each [ with ] and each ( with )'),
])
def test_each_kind_of_bad_decision_field_is_named(change, expected):
    record = factories.decision() | change
    if change.get("reference", "") is None:
        del record["reference"]
    (problem,) = problems_in(lines(record))
    assert problem.startswith("line 1, ")
    assert expected in problem


def test_a_line_that_is_not_json_is_reported_with_its_line():
    (problem,) = problems_in(lines(factories.expense()) + '{"type": "expense",\n')
    assert problem.startswith("line 2: is not valid JSON")


def test_a_line_that_is_not_an_object_is_reported():
    (problem,) = problems_in("[1, 2]\n")
    assert problem == "line 1: must be a JSON object, {…}"


def test_scrutiny_actions_are_checked_one_by_one():
    record = factories.scrutiny()
    record["actions"][1]["status"] = "sort of done"
    (problem,) = problems_in(lines(record))
    assert 'field "action 2 status": must be one of: open, in progress, complete' in problem


def test_an_unknown_scrutiny_kind_is_refused_but_common_names_are_understood():
    assert "must be one of" in problems_in(lines(factories.scrutiny(kind="Chat")))[0]
    (record,) = parse_json_lines(lines(factories.scrutiny(kind="HMICFRS response")))
    assert record.values["kind"] == "HMICFRS inspection response"


def test_the_same_record_twice_in_one_file_is_refused():
    (problem,) = problems_in(lines(factories.decision(), factories.decision()))
    assert problem == "line 2: repeats the record on line 1 (same reference or slug)"


def test_every_problem_in_the_file_is_reported_not_just_the_first():
    found = problems_in(lines(factories.decision(date="soon"), factories.expense(),
                              factories.expense(amount="lots")))
    assert [problem.split(",")[0] for problem in found] == ["line 1", "line 3"]


def test_policy_versions_of_one_policy_are_distinct_records():
    records = parse_json_lines(lines(factories.policy(version="1.0", approved="2022-01-01"),
                                     factories.policy(version="2.1")))
    assert {record.values["slug"] for record in records} == {"complaints-handling-policy"}


def test_expense_lines_without_a_reference_get_a_stable_one():
    first = parse_json_lines(lines(factories.expense()))[0].values["reference"]
    again = parse_json_lines(lines(factories.expense()))[0].values["reference"]
    other = parse_json_lines(lines(factories.expense(amount="84.21")))[0].values["reference"]
    assert first == again != other


def test_expenses_are_read_from_csv_the_way_opccs_keep_them():
    text = ("\ufeffDate,Claimant,Category,Description,Amount,Approved by\r\n"
            '05/03/2025,Police and Crime Commissioner,Travel,"Rail fare, Ashbridge to London","£1,084.20",CFO\r\n'
            "2025-03-06,Deputy Police and Crime Commissioner,Subsistence,Lunch,12.5,CFO\r\n")
    notes: list[str] = []
    first, second = parse_expense_csv(text, notes)
    assert first.values["date"].isoformat() == "2025-03-05"
    assert first.values["amount"] == 108420
    assert second.values["amount"] == 1250
    assert notes == ["Columns not imported: approved by."]


def test_a_csv_without_a_needed_column_names_it():
    with pytest.raises(ImportRejected) as rejected:
        parse_expense_csv("date,claimant,category,description\n2025-03-05,PCC,Travel,Taxi\n")
    assert str(rejected.value.problems[0]) == (
        'line 1, field "amount": column is missing from the header row; '
        "it needs date, claimant, category, description, amount")


def test_a_bad_csv_row_names_its_line_and_column():
    text = "date,claimant,category,description,amount\n2025-03-05,PCC,Travel,Taxi,9.00\n31/02/2025,PCC,Travel,Taxi,9.00\n"
    with pytest.raises(ImportRejected) as rejected:
        parse_expense_csv(text)
    (problem,) = rejected.value.problems
    assert str(problem).startswith('line 3, field "date": "31/02/2025" is not a real date')


def test_money_written_as_a_json_number_is_read_from_its_text_not_through_a_float():
    text = ('{"type": "expense", "claimant": "Deputy Police and Crime Commissioner", '
            '"date": "2025-03-05", "category": "Travel", "description": "Rail", '
            '"amount": 84.2}\n'
            '{"type": "decision", "reference": "2025/014", "title": "Grant", '
            '"date": "2025-03-05", "decision_maker": "Police and Crime Commissioner", '
            '"category": "Grants", "amount": 1234567.29}\n')
    expense, decision = (record.values for record in parse_json_lines(text))
    # As a float, 1234567.29 is really 1234567.29000000003725…: never exact pence.
    assert expense["amount"] == 8420 and decision["amount"] == 123456729
