"""A staff form sent from a page open too long is shown again with what was typed and a
GOV.UK error, and nothing is done; a password or code is never shown again."""

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from content.models import Decision, Policy
from portal.intake.models import CaseEvent
from portal.staff.expiry import EXPIRED
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_decisions import DECISION
from tests.integration.test_staff_sign_in import (  # noqa: F401  (make_user is a fixture)
    PASSWORD,
    enter_code,
    make_user,
    set_up_two_factor,
)
from tests.staff_pages import errors_at_their_boxes, value_of

# The decision forms choose a decision maker and category already in their lists.
pytestmark = pytest.mark.usefixtures("decision_lists")

# Form tokens last a day (WTF_CSRF_TIME_LIMIT); a sign-in ends after 30 idle minutes.
A_DAY_AND_MORE = timedelta(hours=25)
IDLE_TOO_LONG = timedelta(minutes=31)


def sign_in_again(client, clock, email, secret=None):
    """The person's sign-in ends while they type (half an hour without a request), and they
    sign in again in another tab: every page open from before has a token of the old one."""
    clock.shift(IDLE_TOO_LONG)
    page = client.get("/staff/sign-in").get_data(as_text=True)
    response = client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                                   "email": email, "password": PASSWORD})
    if secret:
        response = enter_code(client, pyotp.TOTP(secret).now())
    assert response.status_code == 302 and "sign-in" not in response.location


def test_the_sign_in_page_keeps_the_email_address_and_never_the_password(client, clock,
                                                                          make_user):  # noqa: F811
    make_user("pat@example.org", "publisher")
    token = csrf_token(client.get("/staff/sign-in").get_data(as_text=True))
    clock.shift(A_DAY_AND_MORE)
    response = client.post("/staff/sign-in", data={
        "csrf_token": token, "email": "pat@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"password": EXPIRED}
    assert value_of(response, "email") == "pat@example.org"
    assert PASSWORD not in response.get_data(as_text=True)
    assert client.get("/staff").status_code == 302  # not signed in


def signed_in_with_two_factor(client, session, email):
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page), "email": email,
                                        "password": PASSWORD})
    secret, _response = set_up_two_factor(client, session, email)
    return secret


def test_the_code_page_asks_for_a_new_code_and_never_shows_the_old_one(
        client, clock, session, make_user):  # noqa: F811
    make_user("pat@example.org", "resolution")
    secret = signed_in_with_two_factor(client, session, "pat@example.org")
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(
        client.get("/staff").get_data(as_text=True))})
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                        "email": "pat@example.org", "password": PASSWORD})
    old_token = csrf_token(client.get("/staff/sign-in/code").get_data(as_text=True))
    # Signed in with the password again in another tab: the first tab's code page is stale.
    clock.shift(timedelta(minutes=2))
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                        "email": "pat@example.org", "password": PASSWORD})
    code = pyotp.TOTP(secret).now()
    response = client.post("/staff/sign-in/code", data={"csrf_token": old_token, "code": code})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"code": EXPIRED}
    assert value_of(response, "code") == "" and code not in response.get_data(as_text=True)
    assert client.get("/staff").status_code == 302  # not signed in with that code


def test_a_decision_typed_while_the_sign_in_ended_is_shown_again_and_not_saved(
        client, clock, session, make_user):  # noqa: F811
    make_user("pub@example.org", "publisher")
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                        "email": "pub@example.org", "password": PASSWORD})
    token = csrf_token(client.get("/staff/content/decisions/new").get_data(as_text=True))
    sign_in_again(client, clock, "pub@example.org")
    response = client.post("/staff/content/decisions/new",
                           data={"csrf_token": token, "action": "publish", **DECISION})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"reference": EXPIRED}
    assert value_of(response, "title") == DECISION["title"]
    assert value_of(response, "body") == DECISION["body"]
    assert session.scalars(select(Decision)).all() == []
    # Pressing the button again, on the page shown, does it.
    again = csrf_token(response.get_data(as_text=True))
    done = client.post("/staff/content/decisions/new",
                       data={"csrf_token": again, "action": "publish", **DECISION})
    assert done.status_code == 302
    assert session.scalars(select(Decision.title)).all() == [DECISION["title"]]


def test_a_new_policy_typed_while_the_sign_in_ended_is_shown_again_and_not_published(
        client, clock, session, make_user):  # noqa: F811
    make_user("pub@example.org", "publisher")
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                        "email": "pub@example.org", "password": PASSWORD})
    token = csrf_token(client.get("/staff/content/policies/new").get_data(as_text=True))
    sign_in_again(client, clock, "pub@example.org")
    typed = {"title": "Complaints handling policy", "version": "1.0",
             "approved": "1/10/2026", "review_due": "1/10/2028", "owner": "Chief Executive",
             "summary": "", "body": "## Purpose\n\nHow we handle complaints."}
    response = client.post("/staff/content/policies/new",
                           data={"csrf_token": token, "action": "publish", **typed})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"title": EXPIRED}
    assert value_of(response, "body") == typed["body"]
    assert session.scalars(select(Policy)).all() == []


# What each of the case page's forms sends, and where.
CASE_FORMS = {
    "note": ("notes", {"text": "Rang the station: no answer."}),
    "move": ("status", {"status": "assessing", "note": "Called them back"}),
    "assign": ("assignee", {"assignee": "me"}),
    "categories": ("categories", {"categories": "Other"}),
    "contact": ("contacts", {"method": "phone", "on-day": "1", "on-month": "11",
                             "on-year": "2026", "summary": "Left a message"}),
    "update": ("updates", {"message": "We have passed your complaint on."}),
}


@pytest.mark.parametrize("form", CASE_FORMS)
def test_each_form_on_the_case_page_keeps_what_was_typed_and_does_nothing(
        client, clock, session, cases, make_user, form):  # noqa: F811
    make_user("case@example.org", "resolution")
    secret = signed_in_with_two_factor(client, session, "case@example.org")
    reference = cases["complaint"].reference
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    before = len(session.scalars(select(CaseEvent)).all())
    sign_in_again(client, clock, "case@example.org", secret)
    address, answers = CASE_FORMS[form]
    response = client.post(f"/staff/queue/{reference}/{address}", data={
        f"{form}-csrf_token": csrf_token(page),
        **{f"{form}-{name}": value for name, value in answers.items()}})
    assert response.status_code == 400
    assert EXPIRED in errors_at_their_boxes(response).values()
    if form == "note":
        assert value_of(response, "note-text") == answers["text"]
    session.expire_all()
    assert len(session.scalars(select(CaseEvent)).all()) == before


def test_a_button_with_no_form_behind_it_still_refuses_a_stale_page(client, clock, session,
                                                                     make_user):  # noqa: F811
    make_user("pub@example.org", "publisher")
    page = client.get("/staff/sign-in").get_data(as_text=True)
    client.post("/staff/sign-in", data={"csrf_token": csrf_token(page),
                                        "email": "pub@example.org", "password": PASSWORD})
    token = csrf_token(client.get("/staff").get_data(as_text=True))
    sign_in_again(client, clock, "pub@example.org")
    response = client.post("/staff/sign-out", data={"csrf_token": token})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert client.get("/staff").status_code == 200  # still signed in
