"""HMICFRS reports: the section 55 clock on the report's page and in the staff queue of
responses due, the refusal to publish a response that leaves a recommendation
unexplained, the recommendation tracker and its CSV, and the reminders `portal worker`
sends as the clock runs down."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from content.models import Inspection, InspectionReminder
from portal.intake.models import OutboxMessage
from tests import factories
from tests.integration.test_outbox import mail_server, smtp_port  # noqa: F401
from tests.integration.test_record_editors import boxes_as_shown, without
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import errors_at_their_boxes, soup, submit, visible_text

OWNER = "response.owner@fernshire-pcc.example"


def awaited(title: str, published: date, **fields) -> dict:
    """A report whose response is not yet published."""
    return factories.inspection(title, **{"date": published.isoformat(),
                                          "response_published_on": None,
                                          "response_owner_email": OWNER, **fields})


def report_id(session, title: str) -> int:
    return session.scalars(select(Inspection.id).where(Inspection.title == title)).one()


@pytest.fixture
def publisher(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])


# The report's page

def test_a_reports_page_shows_the_last_day_the_days_left_and_that_it_is_due_soon(
        client, add_records, clock):
    published = clock.today - timedelta(days=40)  # day 41 of 56
    add_records(awaited("Neighbourhood policing", published))
    page = visible_text(client.get("/hmicfrs-reports/neighbourhood-policing"))
    last = published + timedelta(days=55)
    assert "Due soon" in page
    assert f"{last.day} {last:%B %Y}" in page
    assert "15 days left" in page
    assert "The response has not been published yet" in page


def test_a_response_published_late_says_so(client, add_records):
    add_records(factories.inspection("Custody", date="2025-03-20",
                                     response_published_on="2025-05-22"))
    page = visible_text(client.get("/hmicfrs-reports/custody"))
    assert "Responded late" in page
    assert "Published 22 May 2025" in page
    assert "We accept every recommendation." in page


def test_a_report_of_which_the_force_is_not_a_subject_says_no_response_is_required(
        client, add_records):
    add_records(factories.inspection("State of Policing", force_is_subject=False,
                                     response_published_on=None, recommendations=[]))
    page = visible_text(client.get("/hmicfrs-reports/state-of-policing"))
    assert "not required to publish a response" in page
    assert "There is no 56-day clock" in page
    assert "Due soon" not in page and "Overdue" not in page


def test_the_response_owners_address_is_never_public(client, add_records):
    add_records(factories.inspection())
    for address in ("/hmicfrs-reports", "/hmicfrs-reports.csv", "/hmicfrs-reports.json",
                    "/hmicfrs-reports.atom", "/hmicfrs-reports/peel-2025-an-inspection-of-"
                    "fernshire-police", "/hmicfrs-reports/recommendations.csv"):
        assert "fernshire-pcc.example" not in client.get(address).get_data(as_text=True)


def test_what_is_done_about_each_recommendation_is_public_only_with_the_response(
        client, add_records, clock):
    add_records(awaited("Stalking", clock.today - timedelta(days=10)))
    drafted = "A new call-handling system goes live in March."
    for address in ("/hmicfrs-reports/stalking", "/hmicfrs-reports/recommendations",
                    "/hmicfrs-reports/recommendations.csv", "/hmicfrs-reports.json",
                    "/search?q=call-handling"):
        shown = client.get(address).get_data(as_text=True)
        assert drafted not in shown and "Head of Contact Management" not in shown, address
    page = visible_text(client.get("/hmicfrs-reports/stalking"))
    assert "Answer non-emergency calls within 3 minutes." in page
    assert "Published with the response to the report" in page
    assert tracker_rows(client, "?owner=Head+of+Contact+Management") == []


def test_a_recommendation_links_to_the_scrutiny_where_it_was_discussed(client, add_records):
    add_records(factories.scrutiny("Accountability board, February", slug="board-feb"))
    recommendations = factories.inspection()["recommendations"]
    recommendations[0]["scrutiny"] = ["board-feb"]
    add_records(factories.inspection(recommendations=recommendations))
    page = soup(client.get("/hmicfrs-reports/peel-2025-an-inspection-of-fernshire-police"))
    link = page.find("a", string="Accountability board, February")
    assert link is not None and link["href"] == "/scrutiny/board-feb"


# Publishing the response

def test_a_response_is_refused_while_a_recommendation_lacks_its_explanation(
        app, client, session, add_records, publisher, clock):
    rows = factories.inspection()["recommendations"]
    rows[0]["response"] = ""
    add_records(awaited("Stalking", clock.today - timedelta(days=10), recommendations=rows))
    address = f"/staff/content/hmicfrs-reports/{report_id(session, 'Stalking')}"
    sent = without(boxes_as_shown(client.get(address).get_data(as_text=True)),
                   "response_published_on", "change_note")
    today = clock.today
    refused = submit(client, address, "save", data=[
        *sent, ("change_note", "Response published"), ("response_published_on", str(today.day)),
        ("response_published_on", str(today.month)), ("response_published_on", str(today.year))])
    assert refused.status_code == 400
    errors = errors_at_their_boxes(refused)
    assert errors == {"rec_response_1": "Say what action has been or will be taken on "
                                        "recommendation 1, or why none: the response cannot "
                                        "be published without it"}
    session.expire_all()
    assert session.get(Inspection, report_id(session, "Stalking")).response_published_on is None


def test_once_every_recommendation_is_explained_the_response_is_published_on_time(
        app, client, session, add_records, publisher, clock):
    add_records(awaited("Stalking", clock.today - timedelta(days=10)))
    address = f"/staff/content/hmicfrs-reports/{report_id(session, 'Stalking')}"
    sent = without(boxes_as_shown(client.get(address).get_data(as_text=True)),
                   "response_published_on", "change_note")
    today = clock.today
    saved = submit(client, address, "save", data=[
        *sent, ("change_note", "Response published"), ("response_published_on", str(today.day)),
        ("response_published_on", str(today.month)), ("response_published_on", str(today.year))])
    assert saved.status_code == 302, visible_text(saved)[:1000]
    page = visible_text(client.get("/hmicfrs-reports/stalking"))
    assert "Responded on time" in page
    assert f"Published {today.day} {today:%B %Y}" in page


def test_the_import_refuses_a_response_that_leaves_a_recommendation_unexplained(
        runner, tmp_path):
    rows = factories.inspection()["recommendations"]
    rows[0]["response"] = ""
    source = tmp_path / "reports.jsonl"
    source.write_text(json.dumps(factories.inspection(recommendations=rows)) + "\n")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert "recommendation 1 response" in result.output


# The staff queue of responses due

def test_the_queue_lists_every_awaited_response_soonest_first_with_a_link_to_publish_it(
        client, session, add_records, publisher, clock):
    today = clock.today
    add_records(awaited("Contact management", today - timedelta(days=5)),
                awaited("Neighbourhood policing", today - timedelta(days=50)),
                awaited("Digital forensics", today - timedelta(days=70)),
                factories.inspection("PEEL, answered"),
                factories.inspection("State of Policing", force_is_subject=False,
                                     response_published_on=None, recommendations=[]))
    page = soup(client.get("/staff/content/hmicfrs-reports/responses-due"))
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in page.select("tbody tr")]
    assert [row[0] for row in rows] == [
        "Publish the response to Digital forensics",
        "Publish the response to Neighbourhood policing",
        "Publish the response to Contact management"]
    assert [row[4] for row in rows] == ["Overdue", "Due soon", "Response due"]
    assert rows[0][3] == "15 days late" and rows[1][3] == "5 days left"
    link = page.find("a", string="Publish the response to Digital forensics")
    assert link["href"] == (
        f"/staff/content/hmicfrs-reports/{report_id(session, 'Digital forensics')}")


def test_the_queue_is_linked_from_the_publishing_home(client, publisher):
    home = client.get("/staff/content").get_data(as_text=True)
    assert 'href="/staff/content/hmicfrs-reports/responses-due"' in home


# The recommendation tracker

def tracker_rows(client, query: str = "") -> list[list[str]]:
    page = soup(client.get(f"/hmicfrs-reports/recommendations{query}"))
    return [[cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in page.select("tbody tr")]


def test_the_tracker_lists_open_recommendations_across_reports_by_due_date(
        client, add_records):
    add_records(factories.inspection(), factories.inspection(
        "Custody inspection", recommendations=[
            {"label": "3", "finding": "recommendation", "text": "Offer every detainee a shower.",
             "response": "Accepted.", "owner": "Custody Inspector", "due": "2025-11-30",
             "status": "open"}]))
    rows = tracker_rows(client)
    assert [row[0] for row in rows] == [
        "Recommendation 3 : Offer every detainee a shower.",
        "Recommendation 1 : Answer non-emergency calls within 3 minutes."]
    assert rows[1][1] == "PEEL 2025: an inspection of Fernshire Police"
    assert rows[1][5] == "15 January 2026: New system in testing."


def test_the_tracker_filters_by_report_status_and_owner_in_the_address(client, add_records):
    add_records(factories.inspection(), factories.inspection(
        "Custody inspection", recommendations=[
            {"label": "3", "finding": "recommendation", "text": "Offer every detainee a shower.",
             "response": "Accepted.", "owner": "Custody Inspector", "status": "in progress"}]))
    assert [row[1] for row in tracker_rows(client, "?report=custody-inspection")] == [
        "Custody inspection"]
    assert [row[2] for row in tracker_rows(client, "?owner=Custody+Inspector")] == [
        "Custody Inspector"]
    closed = tracker_rows(client, "?status=closed")
    assert [row[0] for row in closed] == [
        "Area for improvement AFI 1 : Record the reasons for stop and search in full."]


def test_the_trackers_csv_has_the_rows_the_page_shows(client, add_records):
    add_records(factories.inspection())
    download = client.get("/hmicfrs-reports/recommendations.csv?status=in+progress")
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(row["label"], row["owner"], row["status"]) for row in rows] == [
        ("1", "Head of Contact Management", "in progress")]
    assert rows[0]["latest_progress"] == "2026-01-15: New system in testing."
    assert rows[0]["url"].endswith("/hmicfrs-reports/peel-2025-an-inspection-of-fernshire-police")


def test_a_bad_tracker_filter_is_explained_and_the_download_refuses_it(client):
    page = client.get("/hmicfrs-reports/recommendations?status=finished")
    assert page.status_code == 400
    assert "Status must be one of: open, in progress, closed" in visible_text(page)
    assert client.get("/hmicfrs-reports/recommendations.csv?status=finished").status_code == 400


# Reminders

def reminders(session) -> list[tuple[int, str]]:
    session.expire_all()
    return [(reminder.days_before, message.subject) for reminder, message in zip(
        session.scalars(select(InspectionReminder).order_by(InspectionReminder.id)),
        session.scalars(select(OutboxMessage).where(OutboxMessage.purpose == "hmicfrs reminder")
                        .order_by(OutboxMessage.id)), strict=True)]


def test_the_worker_reminds_the_owner_21_and_7_days_before_the_last_day_once_each(
        app, runner, session, add_records, clock, mail_server, smtp_port):  # noqa: F811
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_port)
    last = clock.today + timedelta(days=22)
    add_records(awaited("Vetting and misconduct", last - timedelta(days=55)))

    def worker_on(days_before: int) -> None:
        clock.shift(timedelta(days=(last - timedelta(days=days_before) - clock.today).days))
        result = runner.invoke(args=["worker", "--once"])
        assert result.exit_code == 0, result.output

    worker_on(22)
    assert reminders(session) == []
    worker_on(21)
    subject = f"Response due by {last:%A} {last.day} {last:%B %Y}: Vetting and misconduct"
    assert reminders(session) == [(21, subject)]
    worker_on(21)  # the worker runs every few seconds: still one reminder
    worker_on(8)
    assert reminders(session) == [(21, subject)]
    worker_on(7)
    assert reminders(session) == [(21, subject), (7, subject)]
    worker_on(0)
    worker_on(-1)
    assert len(reminders(session)) == 2
    sent = [message for _recipients, message in mail_server.messages]
    assert [message["To"] for message in sent] == [OWNER, OWNER]
    assert "(in 7 days)" in sent[1].get_payload()


def test_no_reminder_once_the_response_is_published(app, runner, session, add_records, clock):
    add_records(factories.inspection("Answered early",
                                     date=(clock.today - timedelta(days=49)).isoformat(),
                                     response_published_on=clock.today.isoformat()))
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    assert reminders(session) == []


def test_every_column_of_the_trackers_csv_is_explained_on_using_our_data(client, add_records):
    add_records(factories.inspection())
    header = client.get("/hmicfrs-reports/recommendations.csv").get_data(
        as_text=True).lstrip("\ufeff").splitlines()[0].split(",")
    page = soup(client.get("/using-our-data"))
    explained = [term.get_text(strip=True) for term in page.select("dt code")]
    assert set(header) <= set(explained)
    assert page.find("a", href="/hmicfrs-reports/recommendations.csv")


def test_a_report_with_no_owners_address_is_reminded_about_once_it_has_one(
        app, runner, session, add_records, clock):
    published = clock.today - timedelta(days=40)  # 15 days left: the 21-day reminder is due
    add_records(awaited("Digital forensics", published, response_owner_email=""))
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    assert reminders(session) == []
    add_records(awaited("Digital forensics", published))
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    assert [days for days, _subject in reminders(session)] == [21]


def test_the_period_and_the_reminder_days_are_settings(app, client, add_records, clock):
    app.config.update(HMICFRS_RESPONSE_DAYS=28, HMICFRS_REMINDER_DAYS=(10,))
    published = clock.today - timedelta(days=10)  # day 11 of 28: 17 days left
    add_records(awaited("Neighbourhood policing", published))
    page = visible_text(client.get("/hmicfrs-reports/neighbourhood-policing"))
    last = published + timedelta(days=27)
    assert f"{last.day} {last:%B %Y}" in page
    assert "17 days left" in page and "Response due" in page


def test_a_reports_publishing_page_shows_its_clock(client, session, add_records, publisher,
                                                   clock):
    add_records(awaited("Contact management", clock.today - timedelta(days=5)))
    page = visible_text(client.get(
        f"/staff/content/hmicfrs-reports/{report_id(session, 'Contact management')}"))
    assert "Response due" in page and "50 days left" in page
