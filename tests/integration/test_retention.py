"""Retention: once a closed case has been kept as long as the retention period allows,
nothing written about the person is left, only what the statistics need."""

import json
from datetime import timedelta

from sqlalchemy import select

from portal.intake.models import CaseEvent, IntakeCase
from tests.integration.test_staff_queue import act, signed_in

WRITTEN_ABOUT_ALEX = ("Alex", "front desk rota", "Apology given", "Resolved by phone",
                      "We have spoken to the officer", "Spoke to")


def work_the_complaint_to_a_close(client, reference):
    act(client, reference, "categories", categories=["Individual behaviours"])
    act(client, reference, "contact", method="call", on=["1", "11", "2026"],
        summary="Spoke to Alex about what happened.")
    act(client, reference, "note", text="Alex sounded upset; check the front desk rota.")
    act(client, reference, "update", message="We have spoken to the officer.")
    for status in ("acknowledged", "assessing", "service_recovery"):
        act(client, reference, "move", status=status)
    act(client, reference, "move", status="closed", outcome="Apology given to Alex",
        note="Resolved by phone with Alex")


def test_retention_clears_outcome_notes_and_contact_summaries_but_keeps_the_statistics(
        app, client, runner, session, cases, caseworker, clock):
    reference = cases["complaint"].reference
    work_the_complaint_to_a_close(client, reference)
    clock.shift(timedelta(days=app.config["RETENTION_DAYS"], hours=1))

    result = runner.invoke(args=["retention"])

    assert "Removed the personal details from 1 closed cases" in result.output
    session.expire_all()
    case = session.scalars(select(IntakeCase).where(IntakeCase.reference == reference)).one()
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                             .order_by(CaseEvent.id)).all()
    everything_kept = json.dumps([case.answers, case.outcome, [e.detail for e in events]])
    for words in WRITTEN_ABOUT_ALEX:
        assert words not in everything_kept
    assert case.outcome == ""
    assert (case.kind, case.categories, case.status) == (
        "complaint", ["Individual behaviours"], "closed")
    assert case.received_at and case.closed_at
    moves = [(event.detail["old"], event.detail["new"]) for event in events
             if event.kind == "status"]
    assert ("assessing", "service_recovery") in moves  # how it was resolved, as a code
    contact = next(event for event in events if event.kind == "contact")
    assert contact.detail == {"method": "call", "on": "2026-11-01"}
    assert [event.kind for event in events].count("note") == 1


def test_the_case_page_still_opens_after_retention(app, client, runner, cases, caseworker,
                                                   clock):
    reference = cases["complaint"].reference
    work_the_complaint_to_a_close(client, reference)
    clock.shift(timedelta(days=app.config["RETENTION_DAYS"], hours=1))
    runner.invoke(args=["retention"])
    signed_in(app, client, "next@example.org", ["resolution"])  # years on, a new sign-in

    page = client.get(f"/staff/queue/{reference}")

    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "The person’s answers were removed" in text
    assert "Alex" not in text and "Apology given" not in text
    assert "wrote a note (removed after the retention period)" in text
    assert "telephone call on 1 November 2026 (summary removed after the retention period)" \
        in text


def test_the_privacy_notice_says_how_long_cases_are_kept_and_what_goes(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "kept for 6 years after they are closed" in page
    assert "everything our staff wrote about you" in page
