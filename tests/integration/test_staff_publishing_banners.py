"""Every publishing action says what it did, in a success banner on the page it ends on
(the record's staff page, or the public page it has just changed)."""

import pytest
from sqlalchemy import select

from content.models import Decision, Policy, ScrutinyOutcome
from tests import factories
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_decisions import DECISION, attach, submit
from tests.integration.test_staff_publishing import (
    WITH_REFERENCES,
    check_and_press,
    upload,
)
from tests.integration.test_staff_queue import signed_in
from tests.integration.test_staff_scrutiny import OUTCOME
from tests.pdf_samples import pdf_with_text
from tests.staff_pages import success_banner

# The decision forms choose a decision maker and category already in their lists.
pytestmark = pytest.mark.usefixtures("decision_lists")

# A moment typed in UK summer time, years away whatever day the tests run.
LATER = {"publish_on": "1/6/2099", "publish_time": "10:00"}


def lands_on(client, response):
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return success_banner(client.get(response.headers["Location"]))


def test_a_decision_says_when_it_is_saved_published_corrected_and_scheduled(
        app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    new = "/staff/content/decisions/new"
    assert lands_on(client, submit(client, new, "save", **DECISION)) == [
        "Decision 2026/101 saved. It is not published"]
    decision = session.scalars(select(Decision)).one()
    address = f"/staff/content/decisions/{decision.id}"
    assert lands_on(client, submit(client, address, "publish", **DECISION)) == [
        "Decision 2026/101 published"]
    assert lands_on(client, submit(client, address, "save", **{
        **DECISION, "title": "Funding for the rural crime unit",
        "change_note": "Corrected the unit's name"})) == [
        "Decision 2026/101 corrected: the change is public"]
    other = {**DECISION, "reference": "2026/102"}
    assert lands_on(client, submit(client, new, "schedule", **other, **LATER)) == [
        "Decision 2026/102 scheduled to publish on 1 June 2099 at 10:00"]


def test_a_document_says_when_it_is_published_with_a_record(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    decision = session.scalars(select(Decision)).one()
    staff_page = f"/staff/content/decisions/{decision.id}"
    response = attach(client, staff_page, pdf_with_text("Rural crime plan"), "Plan.pdf")
    assert lands_on(client, response) == ["Plan.pdf published"]


def test_a_scrutiny_outcome_says_it_was_published(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher"])
    response = submit(client, "/staff/content/scrutiny/new", "publish", **OUTCOME)
    assert lands_on(client, response) == [f"Scrutiny outcome “{OUTCOME['title']}” published"]
    assert session.scalars(select(ScrutinyOutcome)).one().is_published


def test_a_policy_version_says_it_was_published_on_the_public_page_it_lands_on(
        app, client, session, add_records):
    add_records(factories.policy("Complaints handling policy", version="2.1",
                                 approved="2024-05-01"))
    signed_in(app, client, "pub@example.org", ["publisher"])
    address = "/staff/content/policies/complaints-handling-policy/new-version"
    version = {"title": "Complaints handling policy", "approved": "20/11/2026",
               "review_due": "20/11/2028", "owner": "Chief Executive", "summary": "",
               "body": "## Purpose\n\nHow we handle complaints."}
    published = submit(client, address, "publish", version="3.0", **version)
    assert published.headers["Location"] == "/policies/complaints-handling-policy"
    assert lands_on(client, published) == ["Complaints handling policy, version 3.0, published"]
    scheduled = submit(client, address, "schedule", version="4.0", **version, **LATER)
    assert lands_on(client, scheduled) == [
        "Complaints handling policy, version 4.0, scheduled to publish on 1 June 2099 at "
        "10:00"]
    waiting = session.scalars(select(Policy).where(Policy.version == "4.0")).one()
    versions = "/staff/content/policies/complaints-handling-policy"
    token = csrf_token(client.get(versions).get_data(as_text=True))
    cancelled = client.post(versions, data={"csrf_token": token, "version": waiting.id,
                                            "action": "cancel"})
    assert lands_on(client, cancelled) == [
        "Version 4.0 of Complaints handling policy cancelled: it will not be published"]


def test_expense_lines_say_when_they_are_uploaded_published_and_corrected(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])
    assert lands_on(client, upload(client, WITH_REFERENCES.encode())) == [
        "File uploaded and checked. Nothing is published until you publish it"]
    assert success_banner(check_and_press(client)) == ["2 expense lines published"]
    address = "/staff/content/expenses/line?reference=EXP-1"
    page = client.get(address).get_data(as_text=True)
    corrected = client.post(address, data={
        "csrf_token": csrf_token(page), "action": "correct", "date": "27/03/2025",
        "claimant": "Police and Crime Commissioner", "category": "Travel",
        "description": "Rail fare to Leeds", "amount": "48.20",
        "change_note": "The receipt says £48.20"})
    assert corrected.headers["Location"] == "/expenses/EXP-1"  # the public page
    assert lands_on(client, corrected) == ["Expense line EXP-1 corrected: the change is public"]


def test_a_visitor_without_a_session_is_never_given_one_by_the_banner(client, add_records):
    add_records(factories.policy())
    response = client.get("/policies")
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
