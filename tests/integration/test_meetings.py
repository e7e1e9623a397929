"""Meetings: announced before they are held, listed forthcoming first, linked both ways to
the decisions and scrutiny outcomes taken at them, with minutes that go from draft to
approved, and an iCalendar feed of the meetings still to come."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from content.importer import ImportRejected, parse_json_lines
from content.models import Meeting, RecordFile, Revision
from tests import factories, moments
from tests.staff_pages import errors_at_their_boxes, submit, success_banner

# The tests run on 24 November 2026 (UK time) unless they say otherwise.
PAST = factories.meeting("Accountability board, 13 October 2026", date="2026-10-13",
                         minutes_status="draft", minutes_approved_on=None)
SOON = factories.meeting("Accountability board, 8 December 2026", date="2026-12-08",
                         minutes_status="none", minutes_approved_on=None, minutes=None,
                         online_link="https://webcast.example.org/board")
LATER = factories.meeting("Police and Crime Panel, 11 February 2027", date="2027-02-11",
                          body="Police and Crime Panel", start_time="10:30",
                          minutes_status="none", minutes_approved_on=None, minutes=None)
SUMMER = factories.meeting("Accountability board, 8 June 2027", date="2027-06-08",
                           minutes_status="none", minutes_approved_on=None, minutes=None)


def titles(client, address: str) -> list[str]:
    page = BeautifulSoup(client.get(address).get_data(as_text=True), "html.parser")
    return [link.get_text(strip=True) for link in page.select(".portal-record-list__title a")]


def test_forthcoming_meetings_come_first_the_soonest_at_the_top_then_past_ones(client,
                                                                              add_records):
    older = factories.meeting("Accountability board, 8 September 2026", date="2026-09-08",
                              minutes_approved_on="2026-10-13")
    add_records(older, LATER, PAST, SOON)
    assert titles(client, "/meetings") == [SOON["title"], LATER["title"], PAST["title"],
                                           older["title"]]
    page = client.get("/meetings").get_data(as_text=True)
    assert page.count(">Forthcoming</strong>") == 2
    rows = client.get("/meetings.json").get_json()["records"]
    assert [row["title"] for row in rows] == [SOON["title"], LATER["title"], PAST["title"],
                                              older["title"]]


def test_the_listing_filters_by_body_forthcoming_or_past_and_minutes(client, add_records):
    add_records(PAST, SOON, LATER)
    assert titles(client, "/meetings?when=forthcoming") == [SOON["title"], LATER["title"]]
    assert titles(client, "/meetings?when=past") == [PAST["title"]]
    assert titles(client, "/meetings?body=Police+and+Crime+Panel") == [LATER["title"]]
    assert titles(client, "/meetings?minutes=draft") == [PAST["title"]]
    assert titles(client, "/meetings?year=2027") == [LATER["title"]]
    rows = client.get("/meetings.csv?when=forthcoming").get_data(as_text=True).splitlines()
    assert len(rows) == 3
    refused = client.get("/meetings?when=someday")
    assert refused.status_code == 400
    assert "Forthcoming or past must be one of: forthcoming, past" in \
        refused.get_data(as_text=True)


@moments.at_moments(moments.SUMMER_NIGHT)
def test_a_meeting_today_in_the_uk_is_still_forthcoming_before_utc_reaches_the_day(
        client, add_records):
    # 00:30 BST on 14 July is still 13 July in UTC.
    add_records(factories.meeting("Ethics committee, 14 July 2026", date="2026-07-14",
                                  body="Ethics committee", minutes_status="none",
                                  minutes_approved_on=None, minutes=None))
    assert titles(client, "/meetings?when=forthcoming") == ["Ethics committee, 14 July 2026"]


def test_a_meeting_page_gives_when_and_where_its_agenda_and_its_minutes(client, add_records):
    add_records(SOON, factories.meeting())
    page = BeautifulSoup(client.get("/meetings/accountability-board-2026-12-08")
                         .get_data(as_text=True), "html.parser")
    text = page.get_text(" ", strip=True)
    assert "8 December 2026" in text and "10:00 (UK time)" in text
    assert "Council Chamber, Ashbridge Town Hall" in text
    assert page.find("a", href="https://webcast.example.org/board") is not None
    assert [item.get_text(" ", strip=True).split(",")[0].strip() for item in
            page.select(".portal-agenda > li")] == ["Minutes of the last meeting",
                                                   "Victims' services performance"]
    assert "The minutes will be published after the meeting." in text
    assert page.find("a", href="/meetings/accountability-board-2026-12-08.ics") is not None
    held = client.get("/meetings/accountability-board-2025-02-10").get_data(as_text=True)
    assert "These minutes were approved on 10 March 2025." in held
    assert "The Commissioner and the Chief Constable." in held


def test_an_agenda_items_report_is_the_pdf_of_that_name_published_with_the_meeting(
        client, session, add_records):
    add_records(factories.meeting())
    meeting = session.scalars(select(Meeting)).one()
    session.add(RecordFile(record_type="meeting", record_id=meeting.id,
                           original_name="item-2-victims-services.pdf",
                           stored_name="b" * 32, size=2048, text="Victims' services report"))
    session.commit()
    document = session.scalars(select(RecordFile)).one()
    page = BeautifulSoup(client.get(f"/meetings/{meeting.slug}").get_data(as_text=True),
                         "html.parser")
    second_item = page.select(".portal-agenda > li")[1]
    report = second_item.find("a", href=f"/meetings/{meeting.slug}/documents/{document.id}")
    assert report.get_text(" ", strip=True) == "item-2-victims-services.pdf for item 2"
    assert "Report:" not in page.select(".portal-agenda > li")[0].get_text()


def test_a_private_meetings_minutes_say_why_they_are_published(client, add_records):
    add_records(factories.meeting(body="Ethics committee", public=False))
    page = client.get("/meetings/ethics-committee-2025-02-10").get_data(as_text=True)
    assert "This meeting was not held in public" in page
    assert "matters of significant public interest were discussed" in page


def test_decisions_and_outcomes_link_to_the_meeting_item_they_came_from_and_back(
        client, add_records):
    add_records(factories.meeting(),
                factories.decision(meeting="accountability-board-2025-02-10", meeting_item=2),
                factories.scrutiny(meeting="accountability-board-2025-02-10"))
    decision = BeautifulSoup(client.get("/decisions/2025-014").get_data(as_text=True),
                             "html.parser")
    taken_at = decision.find("dt", string=re.compile("Taken at")).find_next("dd")
    assert taken_at.get_text(" ", strip=True) == (
        "Accountability board: February 2025 , 10 February 2025, agenda item 2: "
        "Victims' services performance")
    assert taken_at.a["href"] == "/meetings/accountability-board-2025-02-10"
    outcome = client.get("/scrutiny/2025-02-10-response-to-the-peel-inspection")
    assert 'Came from: <a class="govuk-link" href="/meetings/accountability-board-2025-02-10"' \
        in outcome.get_data(as_text=True)
    meeting = BeautifulSoup(client.get("/meetings/accountability-board-2025-02-10")
                            .get_data(as_text=True), "html.parser")
    second_item = meeting.select(".portal-agenda > li")[1]
    assert second_item.find("a", href="/decisions/2025-014") is not None
    assert "From this item: 2025/014: Award of the victims' services contract" in \
        second_item.get_text(" ", strip=True)
    also = meeting.find("h2", string="Also from this meeting").find_next("ul")
    assert also.find("a", href="/scrutiny/2025-02-10-response-to-the-peel-inspection")
    rows = client.get("/decisions.json").get_json()["records"]
    assert (rows[0]["meeting"], rows[0]["meeting_item"]) == (
        "accountability-board-2025-02-10", 2)


def test_a_link_to_a_meeting_not_published_shows_no_meeting(client, add_records):
    add_records(factories.decision(meeting="accountability-board-2030-01-01"))
    assert "Taken at" not in client.get("/decisions/2025-014").get_data(as_text=True)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"minutes_approved_on": None}, "minutes_approved_on", "approved minutes need the date"),
    ({"minutes_status": "draft"}, "minutes_approved_on", "only given for approved minutes"),
    ({"minutes_approved_on": "2025-02-01"}, "minutes_approved_on", "on or after the day"),
    ({"place": None}, "place", "give the place, an online link, or both"),
    ({"online_link": "http://example.org"}, "online_link", "starting https://"),
    ({"start_time": "25:00"}, "start_time", "24-hour clock"),
    ({"agenda": [{"presenter": "Chief Constable"}]}, "item 1 title", "is missing"),
])
def test_a_meeting_that_cannot_be_right_is_refused_on_import(changes, field, message):
    with pytest.raises(ImportRejected) as refused:
        parse_json_lines(json.dumps(factories.meeting(**changes)))
    (problem,) = refused.value.problems
    assert field in (problem.field or "") and message in str(problem)


def test_an_agenda_item_needs_the_meeting_it_is_on():
    with pytest.raises(ImportRejected) as refused:
        parse_json_lines(json.dumps(factories.decision(meeting_item=3)))
    assert "say which meeting the agenda item is on" in str(refused.value.problems[0])


# The calendar feed

def unfolded(calendar: str) -> list[str]:
    """The content lines of an iCalendar file, unfolded as RFC 5545 section 3.1 says."""
    return calendar.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def events(calendar: str) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfolded(calendar):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def test_the_calendar_feed_holds_the_forthcoming_meetings_in_rfc_5545_form(client,
                                                                          add_records):
    add_records(PAST, SOON, SUMMER)
    response = client.get("/meetings.ics")
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    calendar = response.get_data(as_text=True)
    assert calendar.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert calendar.endswith("END:VCALENDAR\r\n")
    assert "\n" not in calendar.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in calendar.split("\r\n"))
    winter, summer = events(calendar)
    # 10:00 in December is 10:00 UTC; 10:00 in June (BST) is 09:00 UTC.
    assert winter["DTSTART"] == "20261208T100000Z" and summer["DTSTART"] == "20270608T090000Z"
    assert winter["SUMMARY"] == "Accountability board\\, 8 December 2026"
    assert winter["LOCATION"] == ("Council Chamber\\, Ashbridge Town Hall\\, "
                                  "https://webcast.example.org/board")
    assert winter["URL"] == "http://portal.test/meetings/accountability-board-2026-12-08"
    assert winter["UID"] != summer["UID"] and winter["UID"].endswith("@portal.test")
    assert re.fullmatch(r"\d{8}T\d{6}Z", winter["DTSTAMP"])
    assert winter["DESCRIPTION"] == ("Agenda:\\n1. Minutes of the last meeting\\n"
                                     "2. Victims' services performance")


def test_one_meeting_can_be_added_to_a_calendar_on_its_own(client, add_records):
    add_records(SOON)
    response = client.get("/meetings/accountability-board-2026-12-08.ics")
    assert response.headers["Content-Disposition"] == \
        'inline; filename="accountability-board-2026-12-08.ics"'
    (event,) = events(response.get_data(as_text=True))
    assert event["DTSTART"] == "20261208T100000Z"
    assert client.get("/meetings/no-such-meeting.ics").status_code == 404


# Publishing

MEETING_FORM = {
    "body": "", "new_body": "Joint audit committee",
    "title": "Joint audit committee, 18 November 2026", "date": ["18", "11", "2026"],
    "start_time": "14:00", "place": "Committee Room 2, Fernshire Police Headquarters",
    "online_link": "", "public": "y", "summary": "",
    "item_title_1": "Internal audit progress report", "item_presenter_1": "Head of Internal Audit",
    "item_report_1": "item-1-internal-audit.pdf",
    "item_title_2": "", "item_presenter_2": "", "item_report_2": "",
    "minutes_status": "none", "minutes_approved_on": ["", "", ""], "minutes": "",
}


def the_meeting(session) -> Meeting:
    session.expire_all()
    return session.scalars(select(Meeting)).one()


def test_a_meeting_is_announced_then_its_minutes_are_added_as_a_draft_then_approved(
        client, session, publisher):
    assert submit(client, "/staff/content/meetings/new", "publish",
                  **MEETING_FORM).status_code == 302
    meeting = the_meeting(session)
    address = f"/staff/content/meetings/{meeting.id}"
    assert [item.title for item in meeting.agenda] == ["Internal audit progress report"]
    public = client.get("/meetings/joint-audit-committee-2026-11-18").get_data(as_text=True)
    assert "Report: item-1-internal-audit.pdf (to follow)" in public
    draft = {**MEETING_FORM, "body": "Joint audit committee", "new_body": "",
             "minutes_status": "draft", "minutes": "## Present\n\nThe committee."}
    refused = submit(client, address, "save", **draft)
    assert errors_at_their_boxes(refused) == {
        "change_note": "Say what changed: the note is shown on the public page"}
    saved = submit(client, address, "save", change_note="Draft minutes added", **draft)
    assert success_banner(client.get(saved.headers["Location"]))
    public = client.get("/meetings/joint-audit-committee-2026-11-18").get_data(as_text=True)
    assert "These minutes have not yet been approved" in public
    assert "Draft minutes added" in public
    approved = {**draft, "minutes_status": "approved"}
    missing = submit(client, address, "save", change_note="Minutes approved", **approved)
    assert errors_at_their_boxes(missing) == {
        "minutes_approved_on-day": "Enter the date the minutes were approved"}
    submit(client, address, "save", change_note="Minutes approved",
           **{**approved, "minutes_approved_on": ["10", "3", "2027"]})
    meeting = the_meeting(session)
    assert (meeting.minutes_status, meeting.minutes_approved_on.isoformat()) == (
        "approved", "2027-03-10")
    notes = [revision.note for revision in session.scalars(
        select(Revision).where(Revision.record_type == "meeting").order_by(Revision.id))]
    assert notes == ["Draft minutes added", "Minutes approved"]


def test_minutes_wait_until_the_meeting_has_been_held(client, session, publisher):
    soon = {**MEETING_FORM, "date": ["25", "11", "2026"], "minutes_status": "draft",
            "minutes": "Written in advance."}
    refused = submit(client, "/staff/content/meetings/new", "save", **soon)
    assert errors_at_their_boxes(refused) == {
        "minutes_status": "Minutes can only be added once the meeting has been held"}
    today = {**soon, "date": ["24", "11", "2026"]}
    assert submit(client, "/staff/content/meetings/new", "save", **today).status_code == 302


def test_an_agenda_items_problem_is_shown_at_its_box(client, session, publisher):
    form = {**MEETING_FORM, "item_title_2": "", "item_presenter_2": "Chief Constable"}
    refused = submit(client, "/staff/content/meetings/new", "save", **form)
    assert errors_at_their_boxes(refused) == {"item_title_2": "Enter the title of item 2"}


def test_a_decision_can_only_be_linked_to_a_meeting_there_is(client, session, publisher,
                                                             add_records):
    add_records(factories.meeting())
    form = {"reference": "2026/100", "title": "Grant to the rural crime partnership",
            "date": ["10", "2", "2025"], "decision_maker": "",
            "new_decision_maker": "Police and Crime Commissioner", "category": "",
            "new_category": "Grants", "summary": "", "body": "", "financial_implications": "",
            "amount": "", "meeting": "accountability-board-1999-01-01", "meeting_item": "2"}
    refused = submit(client, "/staff/content/decisions/new", "save", **form)
    assert errors_at_their_boxes(refused) == {"meeting": "Choose a meeting from the list"}
    form["meeting"] = "accountability-board-2025-02-10"
    no_such_item = submit(client, "/staff/content/decisions/new", "save",
                          **{**form, "meeting_item": "3"})
    assert errors_at_their_boxes(no_such_item) == {
        "meeting_item": "The meeting has 2 agenda items: give the number of one of them"}
    assert submit(client, "/staff/content/decisions/new", "publish", **form).status_code == 302
    page = client.get("/decisions/2026-100").get_data(as_text=True)
    assert "Taken at" in page and "agenda item 2" in page



def test_a_meeting_is_previewed_as_its_page_will_show_it_and_withdrawn_with_a_reason(
        client, session, publisher):
    preview = submit(client, "/staff/content/meetings/new", "preview", **MEETING_FORM)
    page = preview.get_data(as_text=True)
    assert 'class="portal-preview"' in page and "Internal audit progress report" in page
    submit(client, "/staff/content/meetings/new", "publish", **MEETING_FORM)
    meeting = the_meeting(session)
    done = submit(client, f"/staff/content/meetings/{meeting.id}/withdraw", "",
                  reason="The meeting was cancelled", confirmed="yes")
    assert success_banner(client.get(done.headers["Location"])) == [
        f"Meeting “{MEETING_FORM['title']}” withdrawn"]
    gone = client.get("/meetings/joint-audit-committee-2026-11-18")
    assert gone.status_code == 410
    assert "The meeting was cancelled" in gone.get_data(as_text=True)
    assert client.get("/meetings/joint-audit-committee-2026-11-18.ics").status_code == 404


def test_the_meeting_before_its_minutes_were_added_stays_readable(client, session, publisher):
    submit(client, "/staff/content/meetings/new", "publish", **MEETING_FORM)
    meeting = the_meeting(session)
    submit(client, f"/staff/content/meetings/{meeting.id}", "save",
           change_note="Draft minutes added",
           **{**MEETING_FORM, "body": "Joint audit committee", "new_body": "",
              "minutes_status": "draft", "minutes": "## Present\n\nThe committee."})
    revision = session.scalars(select(Revision)).one()
    earlier = client.get(f"/meetings/joint-audit-committee-2026-11-18/revisions/{revision.id}")
    text = earlier.get_data(as_text=True)
    assert "Earlier version" in text and "Draft minutes added" in text
    assert "The minutes have not been published yet." in text
    assert "Internal audit progress report" in text
