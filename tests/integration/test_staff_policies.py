"""Publishing policies: a new version supersedes the current one, which stays readable; a
version can be scheduled, and withdrawn with a reason."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from content.models import Policy
from content.publishing import publish_due
from tests import factories, moments
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_decisions import submit
from tests.integration.test_staff_publishing_forms import preview_frame
from tests.integration.test_staff_queue import signed_in
from tests.moments import at_moments, uk_moment
from tests.staff_pages import (
    date_boxes,
    errors_at_their_boxes,
    kept_by_preview,
    marked_boxes,
    soup,
    success_banner,
    value_of,
    visible_text,
)

VERSION = {"title": "Complaints handling policy", "version": "3.0",
           "approved": ["20", "11", "2026"], "review_due": ["20", "11", "2028"],
           "owner": "Chief Executive",
           "summary": "How we handle complaints.",
           "body": "## Purpose\n\nWe now reply within **five** working days."}


@pytest.fixture
def publisher(app, client, add_records):
    add_records(factories.policy("Complaints handling policy", version="2.1",
                                 approved="2024-05-01"))
    signed_in(app, client, "pub@example.org", ["publisher"])


ADDRESS = "/staff/content/policies/complaints-handling-policy/new-version"


def test_a_new_version_supersedes_the_current_one(client, session, publisher):
    form = client.get(ADDRESS).get_data(as_text=True)
    assert "The current version is 2.1" in form and "How we handle complaints" in form
    preview = submit(client, ADDRESS, "preview", **VERSION).get_data(as_text=True)
    assert "<strong>five</strong>" in preview
    response = submit(client, ADDRESS, "publish", **VERSION)
    assert response.headers["Location"] == "/policies/complaints-handling-policy"
    versions = {p.version: p.is_current for p in session.scalars(select(Policy))}
    assert versions == {"2.1": False, "3.0": True}
    page = client.get("/policies/complaints-handling-policy").get_data(as_text=True)
    assert "Policy, version 3.0" in page
    older = client.get("/policies/complaints-handling-policy/versions/2.1")
    assert "This version has been superseded" in older.get_data(as_text=True)
    assert "five" in client.get("/search?q=complaints+five").get_data(as_text=True)


@pytest.mark.parametrize(("changes", "message"), [
    ({"version": "2.1"}, "Version 2.1 already exists"),
    ({"version": "1.5"}, "must come after version 2.1"),
    ({"approved": ["1", "1", "2020"]}, "must come after version 2.1"),
    ({"owner": ""}, "Choose a policy owner, or add a new one"),
])
def test_a_version_that_would_not_supersede_is_refused(client, publisher, changes, message):
    response = submit(client, ADDRESS, "publish", **{**VERSION, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_new_policy_can_be_added(client, session, publisher):
    response = submit(client, "/staff/content/policies/new", "publish",
                      **{**VERSION, "title": "Gifts and hospitality policy", "version": "1.0"})
    assert response.headers["Location"] == "/policies/gifts-and-hospitality-policy"
    same = submit(client, "/staff/content/policies/new", "publish", **VERSION)
    assert "publish a new version of it instead" in same.get_data(as_text=True)


def found(client, words):
    """How many published records a search for these words finds."""
    return client.get("/search.json", query_string={"q": words}).get_json()["total"]


def version_action(client, slug, version_id, action, **fields):
    address = f"/staff/content/policies/{slug}"
    token = csrf_token(client.get(address).get_data(as_text=True))
    return client.post(address, data={"csrf_token": token, "version": version_id,
                                      "action": action, **fields})


def version_of(session, number):
    return session.scalars(select(Policy).where(Policy.version == number)).one()


@at_moments(*moments.SCHEDULING)
def test_a_new_version_can_be_scheduled_and_stays_out_of_sight_until_then(client, session,
                                                                       publisher, clock):
    tomorrow = clock.today + timedelta(days=1)
    due = uk_moment(tomorrow, "09:30")
    response = submit(client, ADDRESS, "schedule", **VERSION,
                      publish_on=f"{tomorrow:%d/%m/%Y}", publish_time="09:30")
    assert response.headers["Location"] == "/staff/content/policies/complaints-handling-policy"
    staff_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Scheduled" in staff_page and "Version 3.0" in staff_page
    public = client.get("/policies/complaints-handling-policy").get_data(as_text=True)
    assert "Policy, version 2.1" in public and "Version 3.0" not in public
    assert client.get("/policies/complaints-handling-policy/versions/3.0").status_code == 404
    assert found(client, "complaints five") == 0
    assert publish_due(session, now=due - timedelta(minutes=1)) == 0
    assert publish_due(session, now=due) == 1
    session.commit()
    assert {p.version: p.is_current for p in session.scalars(select(Policy))} == {
        "2.1": False, "3.0": True}
    assert "Policy, version 3.0" in client.get(
        "/policies/complaints-handling-policy").get_data(as_text=True)
    assert found(client, "complaints five") == 1


def test_a_scheduled_version_can_be_published_at_once_or_cancelled(client, session, publisher,
                                                                   clock):
    tomorrow = clock.today + timedelta(days=1)
    submit(client, ADDRESS, "schedule", **VERSION, publish_on=f"{tomorrow:%d/%m/%Y}",
           publish_time="09:30")
    version_action(client, "complaints-handling-policy", version_of(session, "3.0").id,
                   "publish")
    session.expire_all()
    assert version_of(session, "3.0").is_current
    submit(client, ADDRESS, "schedule", **{**VERSION, "version": "3.1"},
           publish_on=f"{tomorrow:%d/%m/%Y}", publish_time="10:00")
    version_action(client, "complaints-handling-policy", version_of(session, "3.1").id,
                   "cancel")
    session.expire_all()
    assert {p.version for p in session.scalars(select(Policy))} == {"2.1", "3.0"}
    refused = version_action(client, "complaints-handling-policy",
                             version_of(session, "3.0").id, "cancel")
    assert refused.status_code == 400
    assert "Only a version waiting to be published can be cancelled" in refused.get_data(
        as_text=True)


def test_withdrawing_the_current_version_makes_the_one_before_current_again(
        client, session, publisher):
    submit(client, ADDRESS, "publish", **VERSION)
    newest = version_of(session, "3.0")
    refused = version_action(client, "complaints-handling-policy", newest.id, "withdraw",
                             reason="", confirmed="yes")
    assert refused.status_code == 400
    assert errors_at_their_boxes(refused) == {"reason": "Enter the reason for withdrawing it"}
    asked = version_action(client, "complaints-handling-policy", newest.id, "withdraw",
                           reason="Approved by mistake before the board met")
    assert "Are you sure you want to withdraw version 3.0 of Complaints handling policy?" \
        in visible_text(asked)
    done = version_action(client, "complaints-handling-policy", newest.id, "withdraw",
                          reason="Approved by mistake before the board met", confirmed="yes")
    assert success_banner(client.get(done.headers["Location"])) == [
        "Version 3.0 of Complaints handling policy withdrawn"]
    session.expire_all()
    assert {p.version: p.is_current for p in session.scalars(select(Policy))} == {
        "2.1": True, "3.0": False}
    page = client.get("/policies/complaints-handling-policy").get_data(as_text=True)
    assert "Policy, version 2.1" in page
    assert "Version 3.0, withdrawn" in page and "Approved by mistake" in page
    gone = client.get("/policies/complaints-handling-policy/versions/3.0")
    assert gone.status_code == 410
    assert "This version of the policy was withdrawn" in gone.get_data(as_text=True)
    assert found(client, "complaints five") == 0
    assert found(client, "complaints handling") == 1
    # A new version still has to come after the withdrawn one.
    again = submit(client, ADDRESS, "publish", **VERSION)
    assert "Version 3.0 already exists" in again.get_data(as_text=True)


def test_withdrawing_the_only_version_withdraws_the_policy(client, session, publisher):
    only = version_of(session, "2.1")
    version_action(client, "complaints-handling-policy", only.id, "withdraw",
                   reason="Replaced by the national complaints guidance", confirmed="yes")
    gone = client.get("/policies/complaints-handling-policy")
    assert gone.status_code == 410
    page = gone.get_data(as_text=True)
    assert "This policy was withdrawn" in page and "national complaints guidance" in page
    assert "Complaints handling policy" not in client.get("/policies").get_data(as_text=True)
    listing = client.get("/staff/content/policies").get_data(as_text=True)
    assert "None published" in listing


def test_every_problem_with_a_new_version_is_beside_its_box_and_what_was_typed_is_kept(
        client, publisher):
    typed = {**VERSION, "title": "", "version": "", "approved": ["31", "2", "2026"],
             "review_due": ["1", "", "2028"], "owner": ""}
    response = submit(client, "/staff/content/policies/new", "publish", **typed)
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "title": "Enter the title", "version": "Enter the version number",
        "approved-day": "Date approved must be a real date",
        "review_due-month": "Review due must include a month",
        "owner": "Choose a policy owner, or add a new one"}
    assert date_boxes(response, "approved") == ["31", "2", "2026"]
    assert date_boxes(response, "review_due") == ["1", "", "2028"]
    assert marked_boxes(response, "review_due") == ["month"]
    assert value_of(response, "body") == VERSION["body"]
    assert soup(response).title.get_text().startswith("Error: Add a policy")


def test_a_schedule_is_checked_with_the_version_and_kept(client, publisher):
    response = submit(client, ADDRESS, "schedule", **VERSION, publish_on=["1", "6", ""],
                      publish_time="09:30")
    assert errors_at_their_boxes(response) == {
        "publish_on-year": "Publication date must include a year"}
    assert date_boxes(response, "publish_on") == ["1", "6", ""]
    assert value_of(response, "publish_time") == "09:30"
    past = submit(client, ADDRESS, "schedule", **VERSION, publish_on=["1", "6", "2020"],
                  publish_time="09:30")
    assert errors_at_their_boxes(past) == {
        "publish_on-day": "The publication time must be in the future"}


def test_the_policy_preview_is_the_public_page_in_a_frame_with_publish_and_edit(
        client, session, publisher):
    response = submit(client, ADDRESS, "preview", **VERSION)
    assert response.status_code == 200
    page, frame = preview_frame(response)
    assert page.title.get_text().startswith(
        "Preview: Complaints handling policy, version 3.0 – Publishing – Staff")
    text = frame.get_text(" ", strip=True)
    assert "Policy, version 3.0" in text and "Not published yet." in text
    assert "Version 2.1" in text  # the version it supersedes stays listed
    assert "back button" not in visible_text(response)
    assert {p.version for p in session.scalars(select(Policy))} == {"2.1"}
    kept = kept_by_preview(page)
    edit = submit(client, ADDRESS, "edit", data=kept)
    assert edit.status_code == 200 and ".govuk-error-summary" not in edit.get_data(as_text=True)
    assert value_of(edit, "version") == "3.0"
    assert date_boxes(edit, "approved") == VERSION["approved"]
    published = submit(client, ADDRESS, "publish", data=kept)
    assert published.headers["Location"] == "/policies/complaints-handling-policy"
    assert success_banner(client.get(published.headers["Location"])) == [
        "Complaints handling policy, version 3.0, published"]


@at_moments(moments.SUMMER_NIGHT)
def test_a_review_due_yesterday_in_uk_time_is_overdue_on_the_staff_list(
        app, client, add_records, clock):
    # Just after midnight in summer it is still yesterday in UTC: the list must go by the
    # day it is in England and Wales.
    yesterday = clock.today - timedelta(days=1)
    add_records(factories.policy("Lone working policy", version="1.0",
                                 approved="2024-05-01", review_due=yesterday.isoformat()))
    signed_in(app, client, "pub@example.org", ["publisher"])
    listing = soup(client.get("/staff/content/policies"))
    row = listing.find("a", string="Lone working policy").find_parent("tr")
    assert "Overdue" in row.get_text(" ", strip=True)
