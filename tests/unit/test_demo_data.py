"""The fictional demo data set: volumes, determinism and the JSON Lines import format."""

import json
import random
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from content.demo_data import generate_demo_records

CUTOFF = date(2026, 11, 22)
ALLOWED_KEYS = {
    "decision": {"type", "reference", "title", "date", "decision_maker", "category", "summary",
                 "body", "amount", "financial_implications", "exempt"},
    "expense": {"type", "reference", "claimant", "date", "category", "description", "amount"},
    "policy": {"type", "slug", "title", "version", "approved", "review_due", "owner", "summary",
               "body"},
    "scrutiny": {"type", "slug", "kind", "title", "date", "summary", "body", "actions"},
    "inspection": {"type", "slug", "title", "inspection_type", "date", "report_url",
                   "force_is_subject", "summary", "pcc_comments", "chief_constable_comments",
                   "response", "response_published_on", "response_owner_email",
                   "recommendations"},
}
ACTION_KEYS = {"action", "owner", "due", "status"}
KINDS = {"Accountability board meeting", "HMICFRS inspection response",
         "Independent custody visiting report", "Scrutiny panel", "Performance report"}
DECISION_MAKERS = {"Police and Crime Commissioner", "Deputy Police and Crime Commissioner",
                   "Chief Executive", "Chief Finance Officer"}
# Dates of things that happened; review_due and action due dates look ahead and may be later.
EVENT_DATE_FIELDS = ("date", "approved")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return generate_demo_records()


def of_type(records: list[dict], record_type: str) -> list[dict]:
    return [record for record in records if record["type"] == record_type]


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def test_counts_meet_the_minimums(records: list[dict]) -> None:
    assert len(of_type(records, "decision")) >= 150
    assert len(of_type(records, "expense")) >= 1500
    assert len({policy["slug"] for policy in of_type(records, "policy")}) >= 25
    assert len(of_type(records, "scrutiny")) >= 60


def test_expenses_span_exactly_three_financial_years(records: list[dict]) -> None:
    years = Counter(financial_year(date.fromisoformat(line["date"]))
                    for line in of_type(records, "expense"))
    assert set(years) == {2023, 2024, 2025}
    assert min(years.values()) >= 400


def test_policies_have_older_versions_listed_before_the_current_one(records: list[dict]) -> None:
    versions: dict[str, list[dict]] = {}
    for policy in of_type(records, "policy"):
        versions.setdefault(policy["slug"], []).append(policy)
    assert sum(len(listed) > 1 for listed in versions.values()) >= 5
    for listed in versions.values():
        approved = [policy["approved"] for policy in listed]
        assert approved == sorted(approved) and len(set(approved)) == len(approved)
        assert len({policy["version"] for policy in listed}) == len(listed)
    current = [listed[-1] for listed in versions.values()]
    overdue = [p for p in current if date.fromisoformat(p["review_due"]) < CUTOFF]
    assert 0 < len(overdue) < len(current)


def test_scrutiny_covers_every_kind_and_tracks_actions(records: list[dict]) -> None:
    scrutiny = of_type(records, "scrutiny")
    assert {item["kind"] for item in scrutiny} == KINDS
    for response in (item for item in scrutiny if item["kind"] == "HMICFRS inspection response"):
        assert 3 <= len(response["actions"]) <= 8
    boards = [item for item in scrutiny if item["kind"] == "Accountability board meeting"]
    assert all(board["actions"] for board in boards)
    actions = [action for item in scrutiny for action in item["actions"]]
    assert {action["status"] for action in actions} == {"open", "in progress", "complete"}
    assert any(action["status"] != "complete" and date.fromisoformat(action["due"]) < CUTOFF
               for action in actions)
    assert len({item["slug"] for item in scrutiny}) == len(scrutiny)


def test_the_same_seed_gives_the_same_records() -> None:
    assert generate_demo_records(7) == generate_demo_records(7)
    assert generate_demo_records() == generate_demo_records(2026)


def test_a_different_seed_gives_different_records(records: list[dict]) -> None:
    assert generate_demo_records(2027) != records


def test_the_global_random_generator_is_left_alone() -> None:
    random.seed(99)
    state = random.getstate()
    generate_demo_records(3)
    assert random.getstate() == state


def test_references_are_unique_and_well_formed(records: list[dict]) -> None:
    decisions = of_type(records, "decision")
    references = [decision["reference"] for decision in decisions]
    assert len(set(references)) == len(references)
    titles = [decision["title"] for decision in decisions]
    assert len(set(titles)) == len(titles)
    for decision in decisions:
        assert re.fullmatch(r"\d{4}/\d{3}", decision["reference"])
        assert decision["reference"][:4] == decision["date"][:4]
    expenses = of_type(records, "expense")
    references = [line["reference"] for line in expenses]
    assert len(set(references)) == len(references)
    for line in expenses:
        assert re.fullmatch(r"EXP-\d{4}-\d{5}", line["reference"])
        start = financial_year(date.fromisoformat(line["date"]))
        assert line["reference"][4:8] == str(start)


def test_records_have_only_the_import_format_keys(records: list[dict]) -> None:
    for record in records:
        assert set(record) == ALLOWED_KEYS[record["type"]], record
        for action in record.get("actions", []):
            assert set(action) == ACTION_KEYS
            assert action["status"] in {"open", "in progress", "complete"}
    for decision in of_type(records, "decision"):
        assert decision["decision_maker"] in DECISION_MAKERS
        assert isinstance(decision["exempt"], bool)


def test_dates_parse_and_nothing_happens_after_the_cutoff(records: list[dict]) -> None:
    for record in records:
        for name in EVENT_DATE_FIELDS:
            if name in record:
                assert date.fromisoformat(record[name]) <= CUTOFF, record
        if "review_due" in record:
            assert date.fromisoformat(record["review_due"]) > date.fromisoformat(
                record["approved"])
        for action in record.get("actions", []):
            assert date.fromisoformat(action["due"]) > date.fromisoformat(record["date"])
    scrutiny_days = [date.fromisoformat(item["date"]) for item in of_type(records, "scrutiny")]
    assert min(scrutiny_days) >= date(2023, 4, 1)
    assert max(scrutiny_days) <= date(2026, 10, 31)


def two_decimals(text: str) -> Decimal:
    assert re.fullmatch(r"\d+\.\d{2}", text), text
    return Decimal(text)


def test_amounts_are_exact_decimals_in_plausible_ranges(records: list[dict]) -> None:
    decisions = of_type(records, "decision")
    amounts = [two_decimals(d["amount"]) for d in decisions if d["amount"] is not None]
    assert 0.6 <= len(amounts) / len(decisions) <= 0.8
    assert all(Decimal(1000) <= amount <= Decimal(2_500_000) for amount in amounts)
    expenses = [two_decimals(line["amount"]) for line in of_type(records, "expense")]
    assert all(Decimal(0) < amount <= Decimal(500) for amount in expenses)
    assert sum(Decimal(3) <= amount <= Decimal(450) for amount in expenses) / len(expenses) > 0.95


def test_mileage_is_paid_at_45p_a_mile(records: list[dict]) -> None:
    mileage = [line for line in of_type(records, "expense") if line["category"] == "Mileage"]
    assert mileage
    for line in mileage:
        miles = int(re.search(r"(\d+) miles at 45p$", line["description"]).group(1))
        assert Decimal(line["amount"]) == miles * Decimal("0.45")


def test_some_decisions_are_partly_exempt(records: list[dict]) -> None:
    decisions = of_type(records, "decision")
    exempt = [decision for decision in decisions if decision["exempt"]]
    assert 0.02 <= len(exempt) / len(decisions) <= 0.08
    assert all("Freedom of Information Act" in decision["body"] for decision in exempt)


def test_text_is_varied_and_has_no_placeholders(records: list[dict]) -> None:
    bodies = Counter(record["body"] for record in records if "body" in record)
    assert max(bodies.values()) <= 3
    text = json.dumps(records, ensure_ascii=False)
    assert "lorem" not in text.lower()
    assert not re.search(r"\{[a-z_0-9]*\}", text)
    for decision in of_type(records, "decision"):
        assert decision["body"].startswith("## Background")
