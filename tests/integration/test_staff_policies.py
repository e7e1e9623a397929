"""Publishing policies: a new version supersedes the current one, which stays readable."""

import pytest
from sqlalchemy import select

from content.models import Policy
from tests import factories
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_queue import signed_in

VERSION = {"title": "Complaints handling policy", "version": "3.0", "approved": "20/11/2026",
           "review_due": "20/11/2028", "owner": "Chief Executive",
           "summary": "How we handle complaints.",
           "body": "## Purpose\n\nWe now reply within **five** working days."}


@pytest.fixture
def publisher(app, client, add_records):
    add_records(factories.policy("Complaints handling policy", version="2.1",
                                 approved="2024-05-01"))
    signed_in(app, client, "pub@example.org", ["publisher"])


def submit(client, address, action, **fields):
    page = client.get(address).get_data(as_text=True)
    return client.post(address, data={"csrf_token": csrf_token(page), "action": action,
                                      **fields})


ADDRESS = "/staff/content/policies/complaints-handling-policy/new-version"


def test_a_new_version_supersedes_the_current_one(client, session, publisher):
    form = client.get(ADDRESS).get_data(as_text=True)
    assert "The current version is 2.1" in form and "How we handle complaints" in form
    preview = submit(client, ADDRESS, "preview", **VERSION).get_data(as_text=True)
    assert "<strong>Preview.</strong>" in preview and "<strong>five</strong>" in preview
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
    ({"approved": "1/1/2020"}, "must come after version 2.1"),
    ({"owner": ""}, "Enter the owner"),
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
