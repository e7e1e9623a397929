"""The decision and scrutiny-outcome forms: every problem at once, each linked to the box it
is about and shown beside it, what was typed kept; the preview framed, with Publish and Edit."""

import pytest
from sqlalchemy import select

from content.models import Decision, ScrutinyOutcome
from tests.integration.test_staff_decisions import DECISION, submit
from tests.integration.test_staff_queue import signed_in
from tests.integration.test_staff_scrutiny import OUTCOME
from tests.staff_pages import (
    date_boxes,
    errors_at_their_boxes,
    kept_by_preview,
    marked_boxes,
    soup,
    value_of,
    visible_text,
)

# The decision forms choose a decision maker and category already in their lists.
pytestmark = pytest.mark.usefixtures("decision_lists")

NEW_DECISION = "/staff/content/decisions/new"
NEW_OUTCOME = "/staff/content/scrutiny/new"


@pytest.fixture
def publisher(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])


def test_a_duplicate_reference_is_reported_with_every_other_problem(client, publisher):
    assert submit(client, NEW_DECISION, "save", **DECISION).status_code == 302
    response = submit(client, NEW_DECISION, "save",
                      **{**DECISION, "title": "", "decision_maker": "", "amount": "lots"})
    assert response.status_code == 400
    errors = errors_at_their_boxes(response)
    assert errors["reference"] == "There is already a decision 2026/101"
    assert errors["title"] == "Enter the title"
    assert errors["decision_maker"] == "Choose a decision maker, or add a new one"
    assert errors["amount"].startswith("Amount in pounds: \"lots\" is not an amount")
    assert set(errors) == {"reference", "title", "decision_maker", "amount"}


def test_every_decision_error_is_beside_its_box_and_what_was_typed_is_kept(client, publisher):
    typed = {**DECISION, "reference": "", "title": "", "date": ["31", "2", "2026"],
             "amount": "lots", "category": "", "exempt": "y"}
    response = submit(client, NEW_DECISION, "publish", **typed)
    errors = errors_at_their_boxes(response)
    assert set(errors) == {"reference", "title", "date-day", "category", "amount"}
    assert errors["date-day"] == "Date of decision must be a real date"
    assert date_boxes(response, "date") == ["31", "2", "2026"]
    for box in ("amount", "decision_maker", "summary", "body"):
        assert value_of(response, box) == typed[box]
    assert value_of(response, "exempt") == "y"
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    for box in errors:
        group = page.find(id=box).find_parents(class_="govuk-form-group")[-1]
        assert "govuk-form-group--error" in group["class"]
        described = page.find(id=box).get("aria-describedby") or page.find(id=box).find_parent(
            "fieldset")["aria-describedby"]
        assert f"{box.removesuffix('-day')}-error" in described


@pytest.mark.parametrize(("typed", "message", "first", "marked"), [
    (["", "11", "2026"], "Date of decision must include a day", "day", ["day"]),
    (["3", "", ""], "Date of decision must include a month and year", "month",
     ["month", "year"]),
    (["3", "13", "2026"], "Date of decision must be a real date", "month", ["month"]),
    (["3", "11", "26"], "Date of decision: the year must have 4 numbers, like 2026", "year",
     ["year"]),
    (["", "", ""], "Enter the date of decision", "day", ["day", "month", "year"]),
])
def test_a_wrong_date_is_one_message_leading_to_its_first_wrong_box(client, publisher, typed,
                                                                    message, first, marked):
    response = submit(client, NEW_DECISION, "preview", **{**DECISION, "date": typed})
    assert errors_at_their_boxes(response) == {f"date-{first}": message}
    assert marked_boxes(response, "date") == marked
    assert date_boxes(response, "date") == typed


def test_an_action_rows_errors_name_the_row_and_link_to_its_boxes(client, publisher):
    typed = {**OUTCOME, "title": "",
             "action_2": "", "owner_2": "", "due_2": "", "status_2": "open",
             "action_3": "Report stop and search by ethnicity", "owner_3": "",
             "due_3": ["40", "1", "2027"], "status_3": "open",
             "action_4": "", "owner_4": "Chief Constable", "due_4": "", "status_4": "open"}
    response = submit(client, NEW_OUTCOME, "save", **typed)
    assert response.status_code == 400
    errors = errors_at_their_boxes(response)
    assert errors["title"] == "Enter the title"
    assert errors["owner_3"] == "Enter the owner of action 3"
    assert errors["due_3-day"] == "Due date of action 3 must be a real date"
    assert errors["action_4"] == "Enter action 4"
    assert set(errors) == {"title", "owner_3", "due_3-day", "action_4"}
    assert value_of(response, "action_3") == "Report stop and search by ethnicity"
    assert date_boxes(response, "due_3") == ["40", "1", "2027"]
    assert marked_boxes(response, "due_3") == ["day"]
    assert value_of(response, "owner_4") == "Chief Constable"
    assert value_of(response, "action_1") == OUTCOME["action_1"]
    page = soup(response)
    assert [row.find("input")["id"] for row in page.select(".portal-action-row")] == [
        "action_1", "action_2", "action_3", "action_4"]  # the empty row stays, to fill in


def test_the_scrutiny_form_offers_empty_rows_and_drops_the_empty_ones(client, session,
                                                                      publisher):
    page = soup(client.get(NEW_OUTCOME))
    assert len(page.select(".portal-action-row")) == 3
    assert submit(client, NEW_OUTCOME, "save", **OUTCOME).status_code == 302
    outcome = session.scalars(select(ScrutinyOutcome)).one()
    assert len(outcome.actions) == 1
    edit = soup(client.get(f"/staff/content/scrutiny/{outcome.id}"))
    assert len(edit.select(".portal-action-row")) == 4
    assert edit.find(id="owner_1")["value"] == "Chief Constable"


def preview_frame(response):
    page = soup(response)
    frame = page.select_one("section.portal-preview")
    assert frame is not None, "the preview is in a frame"
    heading = page.find(id=frame["aria-labelledby"])
    assert heading.get_text(strip=True) == "Preview" and frame in heading.parents
    return page, frame


def test_a_decision_preview_is_framed_and_its_buttons_publish_or_edit(client, session,
                                                                      publisher):
    typed = {**DECISION, "exempt": "y"}
    response = submit(client, NEW_DECISION, "preview", **typed)
    assert response.status_code == 200
    page, frame = preview_frame(response)
    assert page.title.get_text().startswith("Preview: Funding for the rural crime team – "
                                            "Publishing – Staff")
    assert page.h1.get_text(strip=True) == "Preview: Funding for the rural crime team"
    text = frame.get_text(" ", strip=True)
    assert "Not published yet." in text and "Published ." not in text
    assert "rural crime" in text and "Decision 2026/101" in text
    assert "back button" not in visible_text(response)
    assert session.scalars(select(Decision)).all() == []
    kept = kept_by_preview(page)
    assert [value for name, value in kept if name == "date"] == typed["date"]
    edit = submit(client, NEW_DECISION, "edit", data=kept)
    assert edit.status_code == 200 and ".govuk-error-summary" not in edit.get_data(as_text=True)
    for box in ("reference", "title", "summary", "body", "amount"):
        assert value_of(edit, box) == typed[box]
    assert date_boxes(edit, "date") == typed["date"]
    assert value_of(edit, "exempt") == "y"
    published = submit(client, NEW_DECISION, "publish", data=kept)
    assert published.status_code == 302
    decision = session.scalars(select(Decision)).one()
    assert decision.is_published and decision.exempt and decision.title == typed["title"]


def test_a_scrutiny_preview_is_framed_and_publishes_what_was_previewed(client, session,
                                                                       publisher):
    response = submit(client, NEW_OUTCOME, "preview", **OUTCOME)
    page, frame = preview_frame(response)
    assert page.title.get_text().startswith(f"Preview: {OUTCOME['title']} – Publishing")
    assert "Not published yet." in frame.get_text(" ", strip=True)
    assert frame.find("td", string=OUTCOME["action_1"]) is not None
    kept = kept_by_preview(page)
    edit = submit(client, NEW_OUTCOME, "edit", data=kept)
    assert value_of(edit, "owner_1") == "Chief Constable"
    assert date_boxes(edit, "due_1") == OUTCOME["due_1"]
    assert submit(client, NEW_OUTCOME, "publish", data=kept).status_code == 302
    outcome = session.scalars(select(ScrutinyOutcome)).one()
    assert outcome.is_published and outcome.actions[0].owner == "Chief Constable"


def test_a_change_to_a_published_decision_without_a_note_is_one_of_every_problem(
        client, session, publisher):
    submit(client, NEW_DECISION, "publish", **DECISION)
    address = f"/staff/content/decisions/{session.scalars(select(Decision)).one().id}"
    for action in ("preview", "save"):
        response = submit(client, address, action, **{**DECISION, "title": "",
                                                      "amount": "lots"})
        errors = errors_at_their_boxes(response)
        assert set(errors) == {"title", "amount", "change_note"}, action
        assert errors["change_note"] == ("Say what changed: the note is shown on the public "
                                         "page"), action


def test_a_duplicate_outcome_is_reported_with_every_other_problem_before_saving(
        client, session, publisher):
    assert submit(client, NEW_OUTCOME, "save", **OUTCOME).status_code == 302
    for action in ("preview", "save"):
        response = submit(client, NEW_OUTCOME, action, **{**OUTCOME, "owner_1": ""})
        assert response.status_code == 400
        assert errors_at_their_boxes(response) == {
            "title": "There is already a scrutiny outcome with this title and date",
            "owner_1": "Enter the owner of action 1"}, action
    assert len(session.scalars(select(ScrutinyOutcome)).all()) == 1
