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
                 "body", "amount", "financial_implications", "exempt", "reasons",
                 "declarations_of_interest", "finance_officer_advice",
                 "monitoring_officer_advice"},
    "expense": {"type", "reference", "claimant", "date", "category", "description", "amount",
                "claim_reference", "claim_month"},
    "policy": {"type", "slug", "title", "version", "approved", "review_due", "owner", "summary",
               "body"},
    "scrutiny": {"type", "slug", "kind", "title", "date", "summary", "body", "actions"},
    "meeting": {"type", "slug", "body", "title", "date", "start_time", "place", "public",
                "summary", "agenda"},
    "post": {"type", "title", "date", "reports_to", "salary", "office_holder", "holder_name",
             "correspondence_address", "responsibilities", "name_withheld"},
    "workforce": {"type", "as_at", "headcount", "full_time_equivalent", "women_percent",
                  "sex_not_known_percent", "ethnic_minority_percent",
                  "ethnicity_not_known_percent", "disabled_percent",
                  "disability_not_known_percent", "notes"},
    "spending": {"type", "reference", "date", "body", "supplier", "purpose", "category",
                 "amount", "value_for_money", "value_for_money_reason"},
    "grant": {"type", "reference", "recipient", "fund", "purpose", "amount", "date",
              "conditions", "crime_reduction", "decision_reference"},
    "contract": {"type", "reference", "title", "supplier", "parties", "purpose", "value",
                 "start_date", "procurement_route"},
    "tender": {"type", "reference", "title", "description", "estimated_value", "issued_on",
               "closing_date", "how_to_respond"},
    "gift": {"type", "reference", "date", "recipient_type", "recipient_name", "recipient_role",
             "offered_by", "description", "kind", "value", "outcome", "reason"},
    "interest": {"type", "reference", "holder_name", "office", "category", "description",
                 "declared_on", "ended_on"},
    "budget": {"type", "financial_year", "total_budget", "band_d_precept", "total_precept",
               "approved_on", "decision_reference", "summary", "income", "spending"},
    "inspection": {"type", "slug", "title", "inspection_type", "date", "report_url",
                   "force_is_subject", "summary", "pcc_comments", "chief_constable_comments",
                   "response", "response_published_on", "response_owner_email",
                   "recommendations"},
}
# Keys some records of a type have: a partly exempt decision's, the meeting a decision or
# scrutiny outcome was taken at, a travel line's, a meeting's link and minutes.
OPTIONAL_KEYS = {
    "decision": {"options_considered", "exemption_ground", "withheld", "meeting",
                 "meeting_item"},
    "scrutiny": {"meeting", "meeting_item"},
    "contract": {"other_parties", "end_date", "tender_reference", "decision_reference"},
    "meeting": {"online_link", "minutes_status", "minutes_approved_on", "minutes"},
    "expense": {"amount_claimed", "not_reimbursed_reason", "origin", "destination",
                "travel_mode", "travel_class", "mileage", "nights", "accommodation"},
}
# Keys some demo records of a type leave out (a small contract has no tender).
ACTION_KEYS = {"action", "owner", "due", "status"}
KINDS = {"Accountability board meeting", "HMICFRS inspection response",
         "Independent custody visiting report", "Scrutiny panel", "Performance report"}
DECISION_MAKERS = {"Police and Crime Commissioner", "Deputy Police and Crime Commissioner",
                   "Chief Executive", "Chief Finance Officer"}
# Dates of things that happened; review_due and action due dates look ahead and may be later.
EVENT_DATE_FIELDS = ("date", "approved", "declared_on", "ended_on", "approved_on")


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
        assert ALLOWED_KEYS[record["type"]] <= set(record) <= ALLOWED_KEYS[record["type"]] \
            | OPTIONAL_KEYS.get(record["type"], set()), record
        for action in record.get("actions", []):
            assert set(action) == ACTION_KEYS
            assert action["status"] in {"open", "in progress", "complete"}
    for decision in of_type(records, "decision"):
        assert decision["decision_maker"] in DECISION_MAKERS
        assert isinstance(decision["exempt"], bool)


def test_dates_parse_and_nothing_happens_after_the_cutoff(records: list[dict]) -> None:
    # Meetings are announced before they happen; they are checked below.
    for record in (record for record in records if record["type"] != "meeting"):
        for name in EVENT_DATE_FIELDS:
            if record.get(name):
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
    assert all(decision["exemption_ground"] == "Commercially sensitive"
               and "Freedom of Information Act" in decision["withheld"] for decision in exempt)
    assert not any("exemption_ground" in decision for decision in decisions
                   if not decision["exempt"])


def test_text_is_varied_and_has_no_placeholders(records: list[dict]) -> None:
    # A meeting's "body" is the board or committee that meets, and a spending line's says
    # who spent the money: neither is text.
    bodies = Counter(record["body"] for record in records
                     if "body" in record and record["type"] not in ("meeting", "spending"))
    assert max(bodies.values()) <= 3
    text = json.dumps(records, ensure_ascii=False)
    assert "lorem" not in text.lower()
    assert not re.search(r"\{[a-z_0-9]*\}", text)
    for decision in of_type(records, "decision"):
        assert decision["body"].startswith("## Background")


def test_meetings_span_three_financial_years_and_some_are_still_to_come(records: list[dict]):
    meetings = of_type(records, "meeting")
    days = [date.fromisoformat(meeting["date"]) for meeting in meetings]
    assert min(days) <= date(2024, 4, 30) and max(days) >= date(2027, 1, 1)
    forthcoming = [m for m in meetings if date.fromisoformat(m["date"]) > CUTOFF]
    assert {m["body"] for m in forthcoming} >= {"Accountability board", "Police and Crime Panel"}
    assert all("minutes" not in m and m["agenda"] for m in forthcoming)
    held = [m for m in meetings if date.fromisoformat(m["date"]) < CUTOFF]
    assert all(m["minutes_status"] in {"draft", "approved"} for m in held)
    for meeting in held:
        if meeting["minutes_status"] == "approved":
            assert meeting["minutes_approved_on"] > meeting["date"]


def test_meetings_are_linked_both_ways_to_decisions_and_scrutiny_outcomes(records: list[dict]):
    meetings = {meeting["slug"]: meeting for meeting in of_type(records, "meeting")}
    linked = [record for record in records if record.get("meeting")]
    assert {record["type"] for record in linked} == {"decision", "scrutiny"}
    for record in linked:
        meeting = meetings[record["meeting"]]
        assert record["date"] == meeting["date"]
        assert 1 <= record["meeting_item"] <= len(meeting["agenda"])
def test_no_decision_repeats_in_its_body_a_section_its_page_gives_a_heading_of_its_own(
        records: list[dict]) -> None:
    own = {"reasons": "Reasons", "options_considered": "Options considered",
           "declarations_of_interest": "Declarations of interest",
           "financial_implications": "Financial implications",
           "finance_officer_advice": "Chief Finance Officer",
           "monitoring_officer_advice": "Monitoring Officer", "withheld": "Exempt information"}
    for decision in of_type(records, "decision"):
        body_headings = re.findall(r"^## (.+)$", decision["body"], flags=re.MULTILINE)
        assert not [heading for heading in body_headings
                    if any(words in heading for words in own.values())], decision["reference"]


def test_decisions_give_their_reasons_and_the_statutory_officers_advice(
        records: list[dict]) -> None:
    decisions = of_type(records, "decision")
    assert all(decision["reasons"] and decision["monitoring_officer_advice"]
               and decision["finance_officer_advice"] for decision in decisions)
    declared = [d for d in decisions if "declared no" not in d["declarations_of_interest"]]
    assert 0 < len(declared) < len(decisions) * 0.2


def test_some_expense_lines_were_not_reimbursed_in_full_and_say_why(
        records: list[dict]) -> None:
    lines = of_type(records, "expense")
    partly = [line for line in lines if "amount_claimed" in line]
    assert 0.01 <= len(partly) / len(lines) <= 0.08
    assert all(Decimal(line["amount_claimed"]) > Decimal(line["amount"])
               and line["not_reimbursed_reason"] for line in partly)
    assert all(line["claim_reference"].endswith(line["claim_month"]) for line in lines)
    mileage = [line for line in lines if line["category"] == "Mileage"]
    assert all(f"{line['mileage']} miles" in line["description"] for line in mileage)
    assert all(line["nights"] for line in lines if line["category"] == "Accommodation")
def test_each_budget_is_set_by_its_precept_decision_and_adds_up(records: list[dict]) -> None:
    decisions = {d["reference"]: d for d in of_type(records, "decision")}
    budgets = of_type(records, "budget")
    assert [b["financial_year"] for b in budgets] == ["2024-25", "2025-26", "2026-27"]
    for budget in budgets:
        decision = decisions[budget["decision_reference"]]
        assert decision["title"] == "Police precept for " + budget["financial_year"].replace(
            "-", "/")
        assert f"£{Decimal(budget['band_d_precept']):,.2f}" in decision["summary"]
        for rows in (budget["income"], budget["spending"]):
            assert sum(Decimal(row["amount"]) for row in rows) == Decimal(budget["total_budget"])


def test_the_registers_name_office_holders_and_never_a_member_of_staff(records: list[dict],
                                                                       ) -> None:
    offers = of_type(records, "gift")
    staff = [offer for offer in offers if offer["recipient_type"] == "Member of staff"]
    assert staff and all(offer["recipient_name"] is None and offer["recipient_role"]
                         for offer in staff)
    assert all(offer["recipient_name"] for offer in offers if offer not in staff)
    assert {"Accepted", "Declined"} == {offer["outcome"] for offer in offers}
    years = {offer["reference"].split("-")[1] for offer in offers}
    assert {"2024", "2025", "2026"} <= years
    interests = of_type(records, "interest")
    assert any(i["ended_on"] for i in interests) and any(not i["ended_on"] for i in interests)
