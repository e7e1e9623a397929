"""What a decision record and a PCC/DPCC expense line say beyond their basics: a decision's
reasons, options, declarations of interest, the statutory officers' advice and what is
withheld from a partly exempt one; an expense line's claim, the amounts claimed and not
reimbursed with why, and its travel and accommodation. Each is on the record's page, in
the downloads, in search, in the staff forms, in corrections and in redaction."""

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from content.models import Decision, Expense, Revision
from tests import factories
from tests.integration.test_redaction import removal_notice, remove_text
from tests.integration.test_staff_access import sign_in_as
from tests.integration.test_staff_decisions import DECISION
from tests.integration.test_staff_expense_forms import CORRECTION, correct, published_lines
from tests.staff_pages import errors_at_their_boxes, submit, visible_text

FULL_DECISION = factories.decision(
    reasons="Victims waited **too long** for support.",
    options_considered="- Extend the current contract\n- Tender a new service",
    declarations_of_interest="The Commissioner declared no interest.",
    financial_implications="The cost is met from the victims' services grant.",
    finance_officer_advice="The Chief Finance Officer confirms the budget is available.",
    monitoring_officer_advice="The Monitoring Officer confirms the decision is lawful.",
    exempt=True, exemption_ground="commercially sensitive",
    withheld="The bidders' prices, in the confidential appendix.")

TRAIN = factories.expense(
    "Rail fare to the APCC general meeting", reference="EXP-2025-00017", amount="84.20",
    amount_claimed="120.50", not_reimbursed_reason="First class fare; standard class paid",
    claim_reference="DPCC/2025-04", claim_month="2025-04", origin="Ashbridge",
    destination="Westminster", travel_mode="Rail", travel_class="Standard")
HOTEL = factories.expense(
    "Hotel for the APCC general meeting", reference="EXP-2025-00018", category="Accommodation",
    amount="159.00", nights=1, accommodation="Hotel, bed and breakfast")

SECTIONS = ("Reasons for the decision", "Options considered", "Financial implications",
            "Advice of the Chief Finance Officer", "Advice of the Monitoring Officer",
            "Declarations of interest", "What is withheld")


def headings(page: str) -> list[str]:
    return [line.split(">", 1)[1].split("<", 1)[0]
            for line in page.split('<h2 class="govuk-heading-m"')[1:]]


def test_a_decisions_page_shows_each_of_its_sections_once_under_its_own_heading(
        client, add_records):
    add_records(FULL_DECISION)
    response = client.get("/decisions/2025-014")
    page = response.get_data(as_text=True)
    shown = headings(page)
    for section in SECTIONS:
        assert shown.count(section) == 1, section
    assert shown.index("Reasons for the decision") < shown.index("Advice of the Monitoring Officer")
    words = visible_text(response)
    assert "Victims waited too long for support." in words
    assert ("Part of this decision is not published because it is exempt from publication: "
            "commercially sensitive") in words
    assert "The bidders' prices, in the confidential appendix." in words


def test_a_decision_without_them_shows_no_empty_sections(client, add_records):
    add_records(factories.decision())
    shown = headings(client.get("/decisions/2025-014").get_data(as_text=True))
    assert not set(shown) & set(SECTIONS)


def test_a_decisions_new_fields_are_in_its_downloads_and_search(client, add_records):
    add_records(FULL_DECISION)
    row = client.get("/decisions.json").get_json()["records"][0]
    assert row["reasons"] == "Victims waited too long for support."
    assert row["exemption_ground"] == "Commercially sensitive"
    assert row["withheld"] == "The bidders' prices, in the confidential appendix."
    assert row["monitoring_officer_advice"] == (
        "The Monitoring Officer confirms the decision is lawful.")
    table = list(csv.DictReader(io.StringIO(client.get("/decisions.csv").get_data(
        as_text=True))))
    assert table[0]["finance_officer_advice"] == (
        "The Chief Finance Officer confirms the budget is available.")
    assert client.get("/search.json?q=tender").get_json()["total"] == 1  # options considered


def test_only_a_partly_exempt_decision_has_a_ground_for_withholding(runner, tmp_path):
    source = tmp_path / "decisions.jsonl"
    source.write_text(json.dumps(factories.decision(exemption_ground="Legal advice")) + "\n",
                      encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert 'line 1, field "exemption_ground": is only for a decision part of which is exempt' \
        in result.output
    source.write_text(json.dumps(factories.decision(exempt=True,
                                                    exemption_ground="Secret")) + "\n",
                      encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert 'field "exemption_ground": must be one of: Personal information, ' \
        "Commercially sensitive, Legal advice, Law enforcement" in result.output


@pytest.mark.usefixtures("decision_lists")
def test_a_publisher_writes_them_in_the_decision_form_and_a_correction_keeps_the_old(
        client, session, publisher):
    typed = {**DECISION, "reasons": "Farm thefts rose by a third.",
             "options_considered": "- Do nothing", "declarations_of_interest": "None.",
             "finance_officer_advice": "Affordable.", "monitoring_officer_advice": "Lawful.",
             "exempt": "y", "exemption_ground": "Law enforcement",
             "withheld": "The patrol routes."}
    assert submit(client, "/staff/content/decisions/new", "publish", **typed).status_code == 302
    decision = session.scalars(select(Decision)).one()
    assert (decision.reasons_html, decision.exemption_ground, decision.withheld_markdown) == (
        "<p>Farm thefts rose by a third.</p>", "Law enforcement", "The patrol routes.")
    address = f"/staff/content/decisions/{decision.id}"
    submit(client, address, "save", change_note="Gave the full reasons",
           **{**typed, "reasons": "Farm thefts rose by a third in a year."})
    revision = session.scalars(select(Revision)).one()
    earlier = client.get(f"/decisions/2026-101/revisions/{revision.id}").get_data(as_text=True)
    assert "Farm thefts rose by a third.</p>" in earlier
    assert "in a year" in client.get("/decisions/2026-101").get_data(as_text=True)


@pytest.mark.usefixtures("decision_lists")
def test_a_ground_for_withholding_without_an_exempt_part_is_refused_beside_its_box(
        client, session, publisher):
    response = submit(client, "/staff/content/decisions/new", "save",
                      **{**DECISION, "exemption_ground": "Personal information"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response)["exemption_ground"].endswith(
        "is only for a decision part of which is exempt from publication: mark it exempt, "
        "or leave this out")
    assert session.scalars(select(Decision)).all() == []


def test_an_expense_lines_page_shows_the_claim_and_the_journey(client, add_records):
    add_records(TRAIN, HOTEL)
    words = visible_text(client.get("/expenses/EXP-2025-00017"))
    for shown in ("Amount reimbursed £84.20", "Amount claimed £120.50",
                  "Amount not reimbursed £36.30: First class fare; standard class paid",
                  "Claim DPCC/2025-04", "Month of claim April 2025", "From Ashbridge",
                  "To Westminster", "How they travelled Rail", "Class of travel Standard"):
        assert shown in words, shown
    hotel = visible_text(client.get("/expenses/EXP-2025-00018"))
    assert "Amount not reimbursed None: the claim was reimbursed in full" in hotel
    assert "Nights 1" in hotel and "Accommodation Hotel, bed and breakfast" in hotel
    assert "Mileage" not in hotel and "From" not in hotel


def test_an_expense_lines_new_fields_are_in_its_downloads_and_search(client, add_records):
    add_records(TRAIN, HOTEL)
    rows = {row["reference"]: row for row in client.get("/expenses.json").get_json()["records"]}
    train = rows["EXP-2025-00017"]
    assert (train["amount"], train["amount_claimed"], train["amount_not_reimbursed"]) == (
        "84.20", "120.50", "36.30")
    assert (train["claim_month"], train["origin"], train["travel_class"]) == (
        "2025-04", "Ashbridge", "Standard")
    assert (rows["EXP-2025-00018"]["nights"], rows["EXP-2025-00018"]["mileage"]) == (1, None)
    table = list(csv.DictReader(io.StringIO(client.get("/expenses.csv").get_data(
        as_text=True))))
    assert {row["amount_not_reimbursed"] for row in table} == {"36.30", "0.00"}
    assert client.get("/search.json?q=westminster").get_json()["total"] == 1


def test_an_expense_line_in_the_old_format_was_reimbursed_in_full(client, add_records):
    add_records(factories.expense(reference="EXP-1"))
    row = client.get("/expenses.json").get_json()["records"][0]
    assert (row["amount"], row["amount_claimed"], row["amount_not_reimbursed"]) == (
        "84.20", "84.20", "0.00")
    assert row["claim_reference"] is None and row["nights"] is None


@pytest.mark.parametrize(("change", "expected"), [
    ({"amount_claimed": "80.00"},
     'field "amount_claimed": cannot be less than the amount reimbursed'),
    ({"amount_claimed": "90.00"},
     'field "not_reimbursed_reason": is missing: say why part of the claim was not '
     "reimbursed"),
    ({"not_reimbursed_reason": "Alcohol"},
     'field "not_reimbursed_reason": is only for a claim not reimbursed in full'),
    ({"claim_month": "April"}, 'field "claim_month": must be a month'),
    ({"mileage": "forty"}, 'field "mileage": must be a whole number'),
    ({"nights": -1}, 'field "nights": must be a whole number'),
])
def test_an_expense_lines_amounts_and_details_are_checked(runner, tmp_path, change, expected):
    source = tmp_path / "expenses.jsonl"
    source.write_text(json.dumps(factories.expense(**change)) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert f"line 1, {expected}" in result.output


def test_old_json_lines_still_import_and_find_the_lines_they_made(runner, tmp_path, session):
    """A file written before lines had claims and journeys imports as it did, and imported
    again updates the same lines instead of adding copies."""
    old = (factories.expense(), factories.expense("Taxi to the station", amount=12))
    source = tmp_path / "old.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in old), encoding="utf-8")
    first = runner.invoke(args=["import", str(source)])
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    again = runner.invoke(args=["import", str(source)])
    assert "0 new" in again.output and "2 unchanged" in again.output
    lines = session.scalars(select(Expense).order_by(Expense.amount_pence)).all()
    assert [(line.amount_pence, line.amount_claimed_pence) for line in lines] == [
        (1200, 1200), (8420, 8420)]


def test_money_in_json_is_read_exactly_as_a_number_or_as_text(runner, tmp_path, session):
    source = tmp_path / "money.jsonl"
    source.write_text(
        '{"type":"expense","reference":"EXP-A","claimant":"Deputy Police and Crime '
        'Commissioner","date":"2025-03-05","category":"Travel","description":"Rail fare",'
        '"amount":84.2,"amount_claimed":100.35,"not_reimbursed_reason":"First class"}\n'
        '{"type":"expense","reference":"EXP-B","claimant":"Deputy Police and Crime '
        'Commissioner","date":"2025-03-05","category":"Travel","description":"Taxi",'
        '"amount":"84.2"}\n'
        '{"type":"decision","reference":"2025/014","title":"Grant","date":"2025-03-05",'
        '"decision_maker":"Police and Crime Commissioner","category":"Grants",'
        '"amount":0.29}\n', encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    amounts = dict(session.execute(select(Expense.reference, Expense.amount_pence)).all())
    assert amounts == {"EXP-A": 8420, "EXP-B": 8420}
    assert session.scalar(select(Expense.amount_claimed_pence).where(
        Expense.reference == "EXP-A")) == 10035
    # 0.29 is 0.28999… as a float: read through one, it would be 28 pence.
    assert session.scalar(select(Decision.amount_pence)) == 29


def test_money_with_more_than_two_decimal_places_names_the_line_and_field(runner, tmp_path,
                                                                          session):
    source = tmp_path / "money.jsonl"
    source.write_text(json.dumps(factories.expense()) + "\n"
                      + json.dumps(factories.expense("Taxi"))[:-1] + ', "amount_claimed": '
                      "84.205}\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert 'line 2, field "amount_claimed": "84.205" has more than two decimal places' \
        in result.output
    assert session.scalars(select(Expense)).all() == []  # one bad line imports nothing


def test_a_spreadsheet_of_lines_may_have_the_claim_and_journey_columns(runner, tmp_path,
                                                                        session):
    source = tmp_path / "expenses.csv"
    source.write_text(
        "Date,Claimant,Category,Description,Amount,Amount claimed,Not reimbursed reason,"
        "Claim month,Origin,Destination,Travel mode,Mileage,Cost centre\n"
        "05/03/2025,Police and Crime Commissioner,Mileage,Visit to Marden Vale,\"£18.00\","
        "£18.00,,03/2025,Ashbridge,Marden Vale,Own car,40,OPCC01\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    assert "Columns not imported: cost centre." in result.output
    line = session.scalars(select(Expense)).one()
    assert (line.mileage, line.destination, line.claim_month.isoformat(),
            line.amount_claimed_pence) == (40, "Marden Vale", "2025-03-01", 1800)


def test_a_publisher_corrects_a_lines_claim_and_its_page_says_what_it_was(app, client,
                                                                           session):
    published_lines(app, client)
    response = correct(client, **CORRECTION, amount_claimed="60.00",
                       not_reimbursed_reason="Booked an advance fare late", origin="Ashbridge",
                       destination="Leeds", travel_mode="Rail", claim_month="2025-04",
                       change_note="Added the claim")
    assert response.status_code == 302, errors_at_their_boxes(response)
    words = visible_text(client.get("/expenses/EXP-1"))
    assert "Amount not reimbursed £11.80: Booked an advance fare late" in words
    assert "The amount claimed was £84.20." in words
    assert "The place the journey started was not given." in words
    refused = correct(client, **CORRECTION, amount_claimed="40.00", change_note="Oops")
    assert errors_at_their_boxes(refused)["amount_claimed"].startswith(
        "Amount claimed in pounds cannot be less than the amount reimbursed")


def test_words_of_the_new_fields_are_removed_by_a_redaction(app, client, session, add_records,
                                                            clock):
    add_records(factories.decision(declarations_of_interest="Ms Pennyworth is his sister."),
                factories.expense(reference="EXP-1", origin="Ms Pennyworth's house"))
    sign_in_as(app, client, ["admin"])
    for kind, model, page in (("decision", Decision, "/decisions/2025-014"),
                              ("expense", Expense, "/expenses/EXP-1")):
        record = session.scalars(select(model)).one()
        remove_text(client, f"/staff/content/{kind}/{record.id}/remove-text", version="current",
                    reason="Personal data published by mistake", confirmed="yes")
        text = client.get(page).get_data(as_text=True)
        assert "Pennyworth" not in text, kind
        assert removal_notice(clock) in text


def test_the_readmes_import_examples_import(runner, tmp_path, session):
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Import formats", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]
    source = tmp_path / "example.jsonl"
    source.write_text(example.replace("…", "An example"), encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    lines = dict(session.execute(select(Expense.reference, Expense.amount_claimed_pence)).all())
    assert lines == {"EXP-2025-00017": 8420, "EXP-2025-00018": 12050}
