"""What a redaction keeps of a published version: the facts, with its words replaced by
the notice once (without a request or a database)."""

from datetime import date

from content.kinds import DECISION, EXPENSE, KINDS, SCRUTINY
from content.redaction import redacted_snapshot, removal_notice

NOTICE = removal_notice(date(2026, 3, 5), "  Personal data published by mistake ")


def test_the_notice_says_when_and_why():
    assert NOTICE == "Removed on 5 March 2026: Personal data published by mistake"


def test_a_decisions_earlier_words_go_and_its_facts_stay():
    before = {"title": "Complaint of Ms Pennyworth", "date": "2025-03-05",
              "decision_maker": "Police and Crime Commissioner", "category": "Commissioning",
              "summary_html": "<p>Ms Pennyworth</p>", "body_html": "<p>12 Acacia Road</p>",
              "financial_implications_html": "<p>£5 to Ms Pennyworth</p>",
              "amount_pence": 500, "exempt": False, "published_at": "2025-03-06T09:00:00"}
    after = redacted_snapshot(DECISION, before, NOTICE)
    assert after == before | {"title": NOTICE, "summary_html": "", "body_html": "",
                              "financial_implications_html": ""}
    assert before["title"] == "Complaint of Ms Pennyworth"  # a copy, never changed in place


def test_a_scrutiny_outcomes_actions_lose_their_words_but_keep_owner_due_date_and_status():
    before = {"kind": "Scrutiny panel", "title": "Ms Pennyworth's case", "date": "2025-02-10",
              "summary_html": "<p>x</p>", "body_html": "<p>y</p>",
              "actions": [{"action": "Apologise to Ms Pennyworth", "owner": "Chief Constable",
                           "status": "open", "due": "2025-06-30"}]}
    after = redacted_snapshot(SCRUTINY, before, NOTICE)
    assert after["actions"] == [{"action": NOTICE, "owner": "Chief Constable",
                                 "status": "open", "due": "2025-06-30"}]
    assert (after["title"], after["summary_html"], after["body_html"]) == (NOTICE, "", "")
    assert (after["kind"], after["date"]) == ("Scrutiny panel", "2025-02-10")


def test_an_expense_lines_description_is_its_only_words():
    before = {"date": "2025-03-05", "claimant": "Police and Crime Commissioner",
              "category": "Travel", "description": "Taxi to Ms Pennyworth's house",
              "amount_pence": 1250, "changed": ["description"]}
    assert redacted_snapshot(EXPENSE, before, NOTICE) == before | {"description": NOTICE}


def test_every_kind_declares_the_words_a_removal_replaces_and_they_are_its_columns():
    for kind in KINDS:
        assert kind.free_text, kind.name
        for name in kind.free_text:
            assert hasattr(kind.model, name) or hasattr(kind.model, f"{name}_markdown"), name
