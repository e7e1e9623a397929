"""Reading a date typed into day, month and year boxes: one message for the date, in the
Design System's words, and which of the boxes are wrong."""

from datetime import date

import pytest

from portal.forms import read_date_boxes


@pytest.mark.parametrize(("boxes", "message", "wrong"), [
    (["", "3", "2025"], "Date approved must include a day", ("day",)),
    (["5", "", ""], "Date approved must include a month and year", ("month", "year")),
    (["5", "13", "2025"], "Date approved must be a real date", ("month",)),
    (["32", "3", "2025"], "Date approved must be a real date", ("day",)),
    (["five", "March", "2025"], "Date approved must be a real date", ("day", "month")),
    (["5", "3", "25"], "Date approved: the year must have 4 numbers, like 2026", ("year",)),
    (["31", "2", "2025"], "Date approved must be a real date", ("day", "month")),
])
def test_a_wrong_date_has_one_message_and_marks_only_its_wrong_boxes(boxes, message, wrong):
    assert read_date_boxes(boxes, "Date approved") == (None, message, wrong)


def test_empty_boxes_are_no_date_and_leave_the_message_to_the_records_checks():
    assert read_date_boxes(["", "", ""], "Date approved") == (None, "",
                                                               ("day", "month", "year"))


def test_a_real_date_is_read_without_a_message():
    assert read_date_boxes(["5", "03", "2025"], "Date approved") == (date(2025, 3, 5), "", ())
