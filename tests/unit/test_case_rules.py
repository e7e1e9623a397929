"""Case clocks in working days, and the workflow's allowed moves."""

from datetime import date

import pytest

from portal.intake.clocks import add_working_days, next_deadline, working_days_between
from portal.intake.rules import is_outside_complaint_time_limit, new_reference, review_deadline
from portal.intake.workflow import (
    TransitionRefused,
    allowed_next,
    check_transition,
    transition_problems,
)


def test_working_days_skip_weekends_and_england_and_wales_bank_holidays():
    # Thursday 24 December 2026: Christmas (Fri), weekend, Boxing Day observed (Mon 28th).
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 5)  # and New Year
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Easter
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4
    assert working_days_between(date(2027, 1, 4), date(2026, 12, 24)) == -4


@pytest.mark.parametrize(("kind", "status", "what", "due"), [
    ("complaint", "received", "Acknowledge", date(2026, 3, 9)),
    ("complaint", "acknowledged", "Make initial contact and assess", date(2026, 3, 16)),
    ("complaint", "assessing", "Send an update", date(2026, 3, 30)),
    ("review", "reviewing", "Conclude the review", date(2026, 4, 13)),
    ("compliment", "passed_on", "Pass on and close", date(2026, 3, 9)),
])
def test_each_case_has_its_next_deadline(kind, status, what, due):
    deadline = next_deadline(kind, status, received=date(2026, 3, 2), last_update=None,
                             today=date(2026, 3, 10))
    assert (deadline.what, deadline.due) == (what, due)


def test_deadlines_say_how_long_is_left_or_how_late_they_are():
    received = date(2026, 3, 2)  # a Monday; acknowledge by Monday 9 March
    assert next_deadline("complaint", "received", received, None,
                         date(2026, 3, 5)).describe() == "2 working days left"
    assert next_deadline("complaint", "received", received, None,
                         date(2026, 3, 9)).describe() == "due today"
    late = next_deadline("complaint", "received", received, None, date(2026, 3, 11))
    assert late.overdue and late.describe() == "2 working days overdue"
    assert next_deadline("complaint", "closed", received, None, date(2026, 3, 11)) is None


def test_an_update_resets_the_28_day_clock():
    deadline = next_deadline("complaint", "service_recovery", date(2026, 1, 5),
                             last_update=date(2026, 2, 20), today=date(2026, 3, 1))
    assert deadline.due == date(2026, 3, 20)


def test_the_workflow_allows_only_the_next_steps_and_says_why_not():
    assert allowed_next("complaint", "assessing") == (
        "service_recovery", "referred_to_psd", "signposted", "passed_to_panel")
    with pytest.raises(TransitionRefused, match="can only move to acknowledged"):
        check_transition("complaint", "received", "closed")
    with pytest.raises(TransitionRefused, match="Enter the outcome to close the case"):
        check_transition("complaint", "signposted", "closed", outcome="", note="x")
    with pytest.raises(TransitionRefused, match="recommendations"):
        check_transition("review", "reviewing", "upheld")
    with pytest.raises(TransitionRefused, match="cannot move on"):
        check_transition("compliment", "closed", "received")
    check_transition("review", "reviewing", "upheld", recommendations="Apologise")


def test_a_refused_move_names_every_missing_answer_and_the_box_it_belongs_to():
    assert transition_problems("complaint", "signposted", "closed", outcome=" ", note="") == {
        "outcome": "Enter the outcome to close the case",
        "note": "Enter a note to close the case"}
    assert transition_problems("review", "reviewing", "upheld") == {
        "recommendations": "Enter the recommendations when a review is upheld"}
    assert list(transition_problems("complaint", "received", "closed")) == ["status"]
    assert transition_problems("complaint", "signposted", "closed", "Apology", "Done") == {}


def test_references_are_short_random_and_unambiguous():
    references = {new_reference("complaint") for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert reference[:2] == "C-" and len(reference) == 11
        assert not set(reference[2:].replace("-", "")) & set("01ILOUV")


def test_the_review_deadline_counts_28_days_from_the_day_after_the_letter():
    assert review_deadline(date(2026, 1, 31)) == date(2026, 2, 28)


def test_the_complaint_time_limit_is_12_calendar_months():
    today = date(2026, 11, 23)
    assert not is_outside_complaint_time_limit(date(2025, 11, 23), today)
    assert is_outside_complaint_time_limit(date(2025, 11, 22), today)
    assert not is_outside_complaint_time_limit(date(2024, 2, 29), date(2025, 2, 28))
