"""The checks behind the publishing forms, without a request: every problem at once, and a
scrutiny action's problems named by the row the publisher sees."""

from datetime import UTC, date, datetime

from content.models import Decision, ScrutinyOutcome
from content.publishing import NOTE_NEEDED, check_decision, check_scrutiny

OUTCOME = {"kind": "Scrutiny panel", "title": "Use of force panel", "date": "2026-11-18",
           "summary": "", "body": "Findings."}
EMPTY_ROW = {"action": "", "owner": "", "due": "", "status": "open"}


def test_every_problem_of_every_action_row_is_reported_by_its_row_number():
    rows = [{"action": "Remind officers", "owner": "Chief Constable", "due": "",
             "status": "open"}, EMPTY_ROW,
            {"action": "Review custody", "owner": "", "due": "2027-02-30", "status": "open"},
            {"action": "", "owner": "Commissioner", "due": "", "status": "open"}]
    columns, actions, problems = check_scrutiny({**OUTCOME, "title": ""}, rows, None)
    assert (columns, actions) == ({}, [])
    assert set(problems) == {"title", "action 3 owner", "action 3 due", "action 4 action"}
    assert problems["action 3 owner"].startswith("is missing")


def test_empty_rows_are_left_out_of_the_actions_saved():
    rows = [EMPTY_ROW, {"action": "Remind officers", "owner": "Chief Constable",
                        "due": "2027-01-31", "status": "open"}, EMPTY_ROW]
    columns, actions, problems = check_scrutiny(OUTCOME, rows, None)
    assert problems == {} and columns["title"] == "Use of force panel"
    assert [(a["action"], a["due"].isoformat()) for a in actions] == [
        ("Remind officers", "2027-01-31")]


def test_a_decision_without_a_session_is_checked_field_by_field_only():
    draft = check_decision({"reference": "2026/001", "title": "", "date": "2026-02-31"})
    assert {"title", "date", "decision_maker", "category"} <= set(draft.problems)
    assert "reference" not in draft.problems


def test_markdown_that_would_take_too_long_to_render_is_a_problem_with_its_field():
    draft = check_decision({"reference": "2026/001", "title": "Rural crime",
                            "body": "Background " + "[" * 999 + "(" * 98_000})
    assert draft.problems["body"].startswith(
        "The text has square brackets [ or round brackets ( that are never closed.")


def test_a_missing_note_is_reported_with_the_other_problems_of_a_published_decision():
    published = Decision(reference="2026/001", title="Grant", date=date(2026, 11, 2),
                         decision_maker="Police and Crime Commissioner",
                         category="Commissioning", summary_markdown="", body_markdown="Body.",
                         financial_implications_markdown="", amount_pence=None, exempt=False,
                         published_at=datetime(2026, 11, 3, tzinfo=UTC))
    typed = {"reference": "2026/001", "title": "", "date": "2026-11-02",
             "decision_maker": "Police and Crime Commissioner", "category": "Commissioning",
             "body": "Body."}
    draft = check_decision(typed, decision=published)
    assert set(draft.problems) == {"title", "change_note"}
    assert draft.problems["change_note"] == NOTE_NEEDED
    assert check_decision({**typed, "title": "Grant"}, decision=published).problems == {}
    changed = check_decision({**typed, "title": "Grant for the hub"}, decision=published)
    assert changed.problems == {"change_note": NOTE_NEEDED}
    assert check_decision({**typed, "title": "Grant for the hub"}, decision=published,
                          note="Named the hub").problems == {}


def test_a_change_to_a_published_outcome_needs_a_note_even_beside_a_row_problem():
    published = ScrutinyOutcome(kind="Scrutiny panel", title="Use of force panel",
                                slug="2026-11-18-use-of-force-panel", date=date(2026, 11, 18),
                                summary_markdown="", body_markdown="Findings.",
                                published_at=datetime(2026, 11, 19, tzinfo=UTC))
    rows = [{"action": "Review custody", "owner": "", "due": "", "status": "open"}]
    *_, problems = check_scrutiny(OUTCOME, rows, published.slug, outcome=published)
    assert set(problems) == {"action 1 owner", "change_note"}
