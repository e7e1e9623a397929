"""The expense pages' forms: every problem at once, each linked to the box it is about and
shown beside it, what was typed kept, and a banner after each action."""

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from content.models import Expense
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_publishing import WITH_REFERENCES, check_and_press, upload
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import (
    date_boxes,
    errors_at_their_boxes,
    marked_boxes,
    soup,
    success_banner,
    value_of,
)

LINE = "/staff/content/expenses/line?reference=EXP-1"


def published_lines(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    check_and_press(client)


def correct(client, **fields):
    token = csrf_token(client.get(LINE).get_data(as_text=True))
    sent = MultiDict([("csrf_token", token), ("action", "correct")])
    for name, value in fields.items():
        sent.setlist(name, value if isinstance(value, list) else [value])
    return client.post(LINE, data=sent)


CORRECTION = {"date": ["27", "3", "2025"], "claimant": "Police and Crime Commissioner",
              "category": "Travel", "description": "Rail fare to Leeds", "amount": "48.20"}


def test_a_lines_form_shows_what_the_line_says_in_date_boxes(app, client, session):
    published_lines(app, client)
    page = client.get(LINE)
    assert date_boxes(page, "date") == ["27", "3", "2025"]
    assert value_of(page, "amount") == "84.20"
    assert value_of(page, "reference") == "EXP-1"


def test_every_problem_with_a_correction_is_shown_at_once_beside_its_box(app, client,
                                                                         session):
    published_lines(app, client)
    typed = {**CORRECTION, "date": ["27", "", "2025"], "claimant": "", "amount": "lots"}
    response = correct(client, **typed)
    assert response.status_code == 400
    errors = errors_at_their_boxes(response)
    assert errors["date-month"] == "Date must include a month"
    assert errors["claimant"] == "Choose a claimant, or add a new one"
    assert errors["amount"].startswith("Amount reimbursed in pounds")
    assert errors["change_note"].startswith("Say what changed")
    assert set(errors) == {"date-month", "claimant", "amount", "change_note"}
    assert date_boxes(response, "date") == ["27", "", "2025"]
    assert marked_boxes(response, "date") == ["month"]
    assert value_of(response, "amount") == "lots"
    assert value_of(response, "description") == "Rail fare to Leeds"
    assert soup(response).title.get_text().startswith("Error: ")
    assert session.scalar(select(Expense.amount_pence).where(
        Expense.reference == "EXP-1")) == 8420


def test_a_correction_with_its_note_is_public_at_once_and_says_so(app, client, session):
    published_lines(app, client)
    done = correct(client, **CORRECTION, change_note="The digits were the wrong way round")
    assert done.headers["Location"] == "/expenses/EXP-1"
    assert success_banner(client.get(done.headers["Location"])) == [
        "Expense line EXP-1 corrected: the change is public"]


def test_an_unknown_reference_is_an_error_at_the_reference_box(app, client, session):
    published_lines(app, client)
    response = client.get("/staff/content/expenses/line?reference=EXP-99")
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "reference": "There is no expense line EXP-99: check the reference on its page"}
    assert value_of(response, "reference") == "EXP-99"


def test_an_upload_without_a_file_links_to_the_file_box(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    token = csrf_token(client.get("/staff/content/expenses").get_data(as_text=True))
    response = client.post("/staff/content/expenses", data={"csrf_token": token})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"expenses": "Select a CSV file of expense lines"}


def test_a_file_changing_published_lines_reports_the_note_and_the_schedule_together(
        app, client, session):
    published_lines(app, client)
    upload(client, WITH_REFERENCES.replace("12.00", "13.00").encode())
    response = check_and_press(client, "schedule", publish_on=["1", "", "2099"],
                               publish_time="09:30")
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "change_note": "Say what changed: the note is shown on the public page",
        "publish_on-month": "Publication date must include a month"}
    assert date_boxes(response, "publish_on") == ["1", "", "2099"]
    assert value_of(response, "publish_time") == "09:30"
