"""Publishers upload expense lines: checked row by row, previewed, published on confirmation
(now or at a set time); a change to a published line needs a note and keeps what it said."""

import io
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from content.models import Expense, Revision
from content.publishing import publish_due
from portal.staff.models import AuditEvent
from tests import moments
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_queue import signed_in
from tests.moments import at_moments, uk_moment
from tests.staff_pages import errors_at_their_boxes, visible_text

GOOD = ("Date,Claimant,Category,Description,Amount\n"
        "27/03/2025,Police and Crime Commissioner,Travel,Rail fare to Leeds,£84.20\n"
        "2025-04-02,Deputy Police and Crime Commissioner,Subsistence,Lunch at a conference,12.50\n"
        "03/04/2025,Police and Crime Commissioner,Accommodation,Hotel in Leeds,\"1,104.00\"\n")


def upload(client, content: bytes, name="expenses.csv"):
    page = client.get("/staff/content/expenses").get_data(as_text=True)
    fields = {"csrf_token": csrf_token(page),
              "expenses": FileStorage(io.BytesIO(content), name, content_type="text/csv")}
    stream, length, boundary = stream_encode_multipart(fields, use_tempfile=False)
    return client.post("/staff/content/expenses", input_stream=stream, content_length=length,
                       content_type=f"multipart/form-data; boundary={boundary}")


def expenses(session):
    return session.scalar(select(func.count()).select_from(Expense))


def test_an_upload_is_previewed_with_totals_then_published_and_searchable(app, client,
                                                                         session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    response = upload(client, GOOD.encode())
    assert response.headers["Location"] == "/staff/content/expenses/check"
    page = client.get("/staff/content/expenses/check").get_data(as_text=True)
    assert "3 lines, £1,200.70 in all: 3 new, 0 changed" in page
    assert "2024-25" in page and "2025-26" in page and "Hotel in Leeds" in page
    assert expenses(session) == 0  # nothing published until confirmed
    page_token = csrf_token(page)
    done = client.post("/staff/content/expenses/check", data={"csrf_token": page_token})
    assert "3 lines published" in done.get_data(as_text=True)
    assert expenses(session) == 3
    found = client.get("/search?q=hotel+leeds").get_data(as_text=True)
    assert "Hotel in Leeds" in found
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "published expense lines")).one()
    assert event.detail["lines"] == 3
    # The staged file is gone: going back and confirming again publishes nothing twice.
    again = client.post("/staff/content/expenses/check", data={"csrf_token": page_token})
    assert again.headers["Location"] == "/staff/content/expenses"
    assert expenses(session) == 3


def test_every_bad_row_is_listed_and_nothing_is_published(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    bad = GOOD + "31/02/2025,Police and Crime Commissioner,Travel,Taxi,9.00\n" \
                 "01/05/2025,Police and Crime Commissioner,Travel,Taxi,about ten\n"
    response = upload(client, bad.encode())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The file has 2 problems" in page
    assert "line 5, field &#34;date&#34;" in page or 'line 5, field "date"' in page
    assert "line 6" in page and "amount" in page
    assert expenses(session) == 0
    assert "not in UTF-8" in upload(client, "Date,€".encode("cp1252")).get_data(as_text=True)
    assert "Select a CSV file" in client.post(
        "/staff/content/expenses",
        data={"csrf_token": csrf_token(client.get("/staff/content/expenses").get_data(
            as_text=True))}).get_data(as_text=True)


def test_only_publishers_can_publish(app, client):
    signed_in(app, client, "res@example.org", ["resolution"])
    assert client.get("/staff/content/expenses").status_code == 403
    assert client.get("/staff/content").status_code == 403


def test_a_published_expense_line_is_withdrawn_with_a_reason_shown_in_its_place(
        app, client, session, add_records):
    from tests import factories
    add_records(factories.expense("Taxi entered twice", reference="EXP-2025-00099"))
    signed_in(app, client, "pub@example.org", ["publisher"])
    assert "There is no expense line EXP-0" in client.get(
        "/staff/content/expenses/line?reference=EXP-0").get_data(as_text=True)
    page = client.get("/staff/content/expenses/line?reference=EXP-2025-00099")
    assert "Taxi entered twice" in page.get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    address = "/staff/content/expenses/line?reference=EXP-2025-00099"
    asked = client.post(address, data={"csrf_token": token, "action": "withdraw",
                                       "reason": "Entered twice"})
    assert "Are you sure you want to withdraw expense line EXP-2025-00099?" in \
        visible_text(asked)
    assert client.get("/expenses/EXP-2025-00099").status_code == 200  # not yet
    refused = client.post(address, data={"csrf_token": token, "action": "withdraw",
                                         "reason": "", "confirmed": "yes"})
    assert errors_at_their_boxes(refused) == {"reason": "Enter the reason for withdrawing it"}
    done = client.post(address, data={"csrf_token": token, "action": "withdraw",
                                      "reason": "Entered twice", "confirmed": "yes"})
    assert done.headers["Location"] == "/expenses/EXP-2025-00099"
    assert "Expense line EXP-2025-00099 withdrawn" in visible_text(
        client.get(done.headers["Location"]))
    gone = client.get("/expenses/EXP-2025-00099")
    assert gone.status_code == 410 and "Entered twice" in gone.get_data(as_text=True)
    assert "Taxi entered twice" not in client.get("/search?q=taxi").get_data(as_text=True)
    assert expenses(session) == 1  # kept, not deleted


WITH_REFERENCES = ("Reference,Date,Claimant,Category,Description,Amount\n"
                   "EXP-1,27/03/2025,Police and Crime Commissioner,Travel,Rail fare to Leeds,84.20\n"
                   "EXP-2,02/04/2025,Police and Crime Commissioner,Travel,Taxi,12.00\n")


def check_and_press(client, button="publish", **fields):
    page = client.get("/staff/content/expenses/check").get_data(as_text=True)
    return client.post("/staff/content/expenses/check",
                       data={"csrf_token": csrf_token(page), "action": button, **fields})


def test_changing_a_published_line_needs_a_note_and_keeps_what_it_said(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    check_and_press(client)
    corrected = WITH_REFERENCES.replace("Taxi,12.00", "Taxi to Leeds station,21.00")
    upload(client, corrected.encode())
    page = client.get("/staff/content/expenses/check").get_data(as_text=True)
    assert "0 new, 1 changed, 1 already published as they are" in page
    assert "Amount reimbursed: £12.00 becomes £21.00" in page
    assert "Description: Taxi becomes Taxi to Leeds station" in page
    refused = check_and_press(client)
    assert refused.status_code == 400
    assert "Say what changed" in refused.get_data(as_text=True)
    assert session.scalar(select(Expense.amount_pence).where(Expense.reference == "EXP-2")) \
        == 1200
    done = check_and_press(client, change_note="The receipt showed a higher fare")
    assert "1 changed" in done.get_data(as_text=True)
    line = client.get("/expenses/EXP-2").get_data(as_text=True)
    assert "£21.00" in line and "The receipt showed a higher fare" in line
    assert "The amount reimbursed was £12.00" in line and "The description was “Taxi”" in line
    revision = session.scalars(select(Revision).where(Revision.record_type == "expense")).one()
    assert revision.previous["amount_pence"] == 1200
    assert "Taxi to Leeds station" in client.get("/search?q=station").get_data(as_text=True)


@at_moments(moments.WINTER_NIGHT, moments.SUMMER_NIGHT, moments.YEAR_END,
            moments.NEW_YEAR_NIGHT)
def test_an_upload_can_be_scheduled_and_the_worker_publishes_it(app, client, session, clock):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    tomorrow = clock.today + timedelta(days=1)
    bad_time = check_and_press(client, "schedule", publish_on=f"{tomorrow:%d/%m/%Y}",
                               publish_time="9am")
    assert "Enter the time like 09:30" in bad_time.get_data(as_text=True)
    done = check_and_press(client, "schedule", publish_on=f"{tomorrow:%d/%m/%Y}",
                           publish_time="09:30")
    assert "Expense lines scheduled" in done.get_data(as_text=True)
    assert client.get("/expenses/EXP-1").status_code == 404
    assert "Rail fare" not in client.get("/search?q=rail+fare").get_data(as_text=True)
    due = uk_moment(tomorrow, "09:30")
    assert publish_due(session, now=due - timedelta(minutes=1)) == 0
    assert publish_due(session, now=due) == 2
    session.commit()
    assert client.get("/expenses/EXP-1").status_code == 200
    assert "Rail fare to Leeds" in client.get("/search?q=rail+fare").get_data(as_text=True)


def test_a_file_changing_published_lines_cannot_be_scheduled(app, client, session, clock):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    check_and_press(client)
    upload(client, WITH_REFERENCES.replace("12.00", "13.00").encode())
    tomorrow = clock.today + timedelta(days=1)
    refused = check_and_press(client, "schedule", publish_on=f"{tomorrow:%d/%m/%Y}",
                              publish_time="09:30", change_note="Corrected")
    assert refused.status_code == 400
    assert "changes 1 line(s) that are already published" in refused.get_data(as_text=True)
    assert session.scalar(select(Expense.amount_pence).where(Expense.reference == "EXP-2")) \
        == 1200


def test_a_withdrawn_line_in_a_new_file_stays_withdrawn(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    check_and_press(client)
    address = "/staff/content/expenses/line?reference=EXP-2"
    token = csrf_token(client.get(address).get_data(as_text=True))
    client.post(address, data={"csrf_token": token, "reason": "Claimed in error",
                               "confirmed": "yes"})
    upload(client, WITH_REFERENCES.encode())
    page = client.get("/staff/content/expenses/check").get_data(as_text=True)
    assert "1 line in this file was withdrawn before and will stay withdrawn: EXP-2" in page
    check_and_press(client)
    assert client.get("/expenses/EXP-2").status_code == 410


def test_one_published_line_is_corrected_with_a_note(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, WITH_REFERENCES.encode())
    check_and_press(client)
    address = "/staff/content/expenses/line?reference=EXP-1"
    page = client.get(address).get_data(as_text=True)
    assert 'value="84.20"' in page and 'value="Rail fare to Leeds"' in page
    fields = {"csrf_token": csrf_token(page), "action": "correct", "date": "27/03/2025",
              "claimant": "Police and Crime Commissioner", "category": "Travel",
              "description": "Rail fare to Leeds", "amount": "84.20"}
    unchanged = client.post(address, data=fields)
    assert unchanged.status_code == 400 and "Nothing has changed" in unchanged.get_data(
        as_text=True)
    no_note = client.post(address, data={**fields, "amount": "48.20"})
    assert no_note.status_code == 400 and "Say what changed" in no_note.get_data(as_text=True)
    bad = client.post(address, data={**fields, "amount": "lots", "claimant": ""})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'href="#amount"' in text and 'href="#claimant"' in text
    assert 'value="lots"' in text  # what was typed is shown again
    done = client.post(address, data={**fields, "amount": "48.20",
                                      "change_note": "The digits were the wrong way round"})
    assert done.headers["Location"] == "/expenses/EXP-1"
    line = client.get("/expenses/EXP-1").get_data(as_text=True)
    assert "£48.20" in line and "The digits were the wrong way round" in line
    assert "The amount reimbursed was £84.20" in line
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "corrected an expense line")).one()
    assert event.detail["changed"] == ["amount_pence"]
