"""The Resolution Team's queue and case page: clocks, workflow, history, files, audit."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.intake.models import CaseEvent, IntakeCase, OutboxMessage
from portal.staff import accounts
from portal.staff.models import AuditEvent
from tests import moments
from tests.intake_helpers import answer_everything, csrf_token


def signed_in(app, client, email, roles):
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        user = accounts.create_user(session, email, "a long enough password", roles)
        token = accounts.start_session(session, user, "complete").id
        session.commit()
    with client.session_transaction() as cookie:
        cookie["staff_session"] = token


# Where each form of the case page is sent, by the form's prefix.
CASE_FORMS = {"move": "status", "assign": "assignee", "categories": "categories",
              "contact": "contacts", "update": "updates", "note": "notes"}


def act(client, reference, form, **answers):
    """Send one of the case page's forms, as the page would (its boxes' names begin with
    the form's name)."""
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    data = {f"{form}-csrf_token": csrf_token(page),
            **{f"{form}-{name}": value for name, value in answers.items()}}
    return client.post(f"/staff/queue/{reference}/{CASE_FORMS[form]}", data=data)


def test_the_queue_lists_open_cases_with_their_next_deadline(client, cases, caseworker):
    page = client.get("/staff/queue").get_data(as_text=True)
    for case in cases.values():
        assert case.reference in page
    assert page.count("Acknowledge by") == 3
    assert "working days left" in page


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# Five working days after the day a case arrives in England, worked out by hand: weekends
# and England's bank holidays do not count.
ACKNOWLEDGE_BY = [
    pytest.param(moments.WINTER_NIGHT, date(2026, 12, 1), id="winter-0030"),
    pytest.param(moments.SUMMER_NIGHT, date(2026, 7, 21), id="summer-0030"),
    pytest.param(moments.CLOCKS_GO_FORWARD, date(2026, 4, 7), id="clocks-forward"),  # Easter
    pytest.param(moments.SUMMER_BANK_HOLIDAY, date(2026, 9, 7), id="bank-holiday"),
    pytest.param(moments.CHRISTMAS, date(2027, 1, 5), id="christmas"),  # and New Year's Day
    pytest.param(moments.NEW_YEAR_NIGHT, date(2026, 4, 10), id="year-start"),  # Easter
]


@pytest.mark.parametrize(("clock", "due"), ACKNOWLEDGE_BY, indirect=["clock"])
def test_a_case_is_due_five_working_days_after_the_day_it_arrives_then_overdue(
        app, client, session, clock, due):
    answer_everything(client, "compliment").send()
    told = client.get("/compliment/confirmation").get_data(as_text=True)
    assert f"by <strong>{long_date(due)}</strong> (within 5 working days)" in told
    reference = session.scalars(select(IntakeCase.reference)).one()
    signed_in(app, client, "case@example.org", ["resolution"])
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    assert f"Acknowledge by {long_date(due)} (5 working days left)" in page
    clock.shift(timedelta(days=(due - clock.moment.uk_day).days))
    signed_in(app, client, "on-the-day@example.org", ["resolution"])  # idle for days
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    assert f"Acknowledge by {long_date(due)} (due today)" in page and "Overdue" not in page
    clock.shift(timedelta(days=1))
    signed_in(app, client, "day-after@example.org", ["resolution"])
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    assert "Overdue</strong> Acknowledge by" in page
    assert reference in client.get("/staff/queue?overdue=yes").get_data(as_text=True)


def test_overdue_cases_stand_out_and_can_be_listed_alone(client, session, cases, caseworker,
                                                         clock):
    complaint = cases["complaint"]
    complaint.received_at = clock.now - timedelta(days=30)
    session.commit()
    page = client.get("/staff/queue?overdue=yes").get_data(as_text=True)
    assert complaint.reference in page and cases["review"].reference not in page
    assert "Overdue" in page and "working days overdue" in page
    urgent = client.get("/staff/queue").get_data(as_text=True)
    assert urgent.index(complaint.reference) < urgent.index(cases["review"].reference)


def test_the_queue_filters_by_type_status_and_assignee(client, cases, caseworker):
    page = client.get("/staff/queue?type=review").get_data(as_text=True)
    assert cases["review"].reference in page and cases["complaint"].reference not in page
    act(client, cases["compliment"].reference, "assign", assignee="me")
    mine = client.get("/staff/queue?assignee=me").get_data(as_text=True)
    assert cases["compliment"].reference in mine and cases["review"].reference not in mine
    assert client.get("/staff/queue?type=memo").status_code == 400


def test_the_case_page_shows_every_answer_and_support_needs_first(client, session, cases,
                                                                  caseworker):
    complaint = cases["complaint"]
    page = client.get(f"/staff/queue/{complaint.reference}").get_data(as_text=True)
    assert page.index("Support and adjustments needed") < page.index("Answers as submitted")
    assert "Letters in large print" in page
    assert "An officer was rude to me at the front desk." in page
    assert "alex@example.com" in page
    viewed = session.scalars(select(AuditEvent).where(AuditEvent.action == "viewed case")).all()
    assert [event.target for event in viewed] == [complaint.reference]


def test_evidence_with_javascript_is_kept_and_reaches_staff_only_as_a_download(
        app, client, session):
    # Complainants send what they have; the Resolution Team download it, never view it
    # in the portal, so active content in evidence is not a reason to lose it.
    from tests.integration.test_intake import upload
    from tests.pdf_samples import pdf_with_javascript
    journey = answer_everything(client, "complaint")
    evidence = pdf_with_javascript("Letter from the force")
    assert upload(client, "letter.pdf", evidence, "application/pdf").status_code == 302
    journey.send()
    client.delete_cookie("session", domain="portal.test")
    signed_in(app, client, "case@example.org", ["resolution"])
    complaint = session.scalars(select(IntakeCase)).one()
    response = client.get(f"/staff/queue/{complaint.reference}/files/"
                          f"{complaint.attachments[0].id}")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == evidence
    response.close()


def test_files_download_only_as_attachments_for_signed_in_staff(client, session, cases,
                                                                caseworker):
    complaint = cases["complaint"]
    attachment = complaint.attachments[0]
    address = f"/staff/queue/{complaint.reference}/files/{attachment.id}"
    response = client.get(address)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == b"%PDF-1.4 statement"
    response.close()
    assert client.get(f"/staff/queue/{cases['review'].reference}/files/{attachment.id}"
                      ).status_code == 404
    client.delete_cookie("session", domain="portal.test")
    assert client.get(address).status_code == 302


def test_a_complaint_moves_through_the_workflow_and_refuses_wrong_moves(client, session,
                                                                        cases, caseworker):
    reference = cases["complaint"].reference
    refused = act(client, reference, "move", status="closed")
    assert refused.status_code == 400
    assert "can only move to acknowledged" in refused.get_data(as_text=True)
    for status in ("acknowledged", "assessing", "service_recovery"):
        assert act(client, reference, "move", status=status).status_code == 302
    missing = act(client, reference, "move", status="closed", outcome="", note="")
    assert "Enter the outcome to close the case" in missing.get_data(as_text=True)
    assert "Enter a note to close the case" in missing.get_data(as_text=True)
    act(client, reference, "move", status="closed", outcome="Apology given",
        note="Resolved by phone")
    session.expire_all()
    case = session.scalars(select(IntakeCase).where(IntakeCase.reference == reference)).one()
    assert case.status == "closed" and case.outcome == "Apology given" and case.closed_at
    moves = [(e.detail["old"], e.detail["new"]) for e in case.events if e.kind == "status"]
    assert moves[-1] == ("service_recovery", "closed")
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    assert "None: the case is closed" in page


def test_categories_contact_log_notes_and_updates_are_kept_on_the_case(client, session, cases,
                                                                      caseworker):
    reference = cases["complaint"].reference
    act(client, reference, "categories",
        categories=["Individual behaviours", "Delivery of duties and service", "Made up"])
    act(client, reference, "contact", method="call", on=["1", "11", "2026"],
        summary="Spoke to Alex about what happened.")
    act(client, reference, "note", text="Check the front desk rota.")
    act(client, reference, "update", message="We have spoken to the officer.")
    assert "Enter a summary" in act(client, reference, "contact", method="call",
                                    on=["1", "11", "2026"], summary=" ").get_data(as_text=True)
    session.expire_all()
    case = session.scalars(select(IntakeCase).where(IntakeCase.reference == reference)).one()
    assert case.categories == ["Delivery of duties and service", "Individual behaviours"]
    kinds = [event.kind for event in session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id))]
    assert kinds == ["categories", "contact", "note", "update sent"]
    update = session.scalars(select(OutboxMessage).where(OutboxMessage.purpose == "update")).one()
    assert update.recipient == "alex@example.com" and reference in update.body
    assert case.last_update_at is not None
    page = client.get(f"/staff/queue/{reference}").get_data(as_text=True)
    assert "Spoke to Alex about what happened." in page and "Check the front desk rota." in page


def test_an_update_needs_an_email_address(client, cases, caseworker):
    response = act(client, cases["review"].reference, "update", message="Hello")
    assert "did not give an email address" in response.get_data(as_text=True)


def test_a_review_needs_recommendations_when_upheld(client, cases, caseworker):
    reference = cases["review"].reference
    for status in ("acknowledged", "reviewing"):
        act(client, reference, "move", status=status)
    response = act(client, reference, "move", status="upheld")
    assert "Enter the recommendations" in response.get_data(as_text=True)
    assert act(client, reference, "move", status="upheld",
               recommendations="Re-interview the witness").status_code == 302


def test_publishers_cannot_see_the_queue(app, client, cases):
    signed_in(app, client, "pub@example.org", ["publisher"])
    assert client.get("/staff/queue").status_code == 403
    assert client.get(f"/staff/queue/{cases['complaint'].reference}").status_code == 403


def test_the_csv_export_has_no_personal_details_unless_an_admin_asks(app, client, session,
                                                                    cases, caseworker):
    import csv
    response = client.get("/staff/queue.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert {row["reference"] for row in rows} == {case.reference for case in cases.values()}
    assert "email" not in rows[0] and "alex@example.com" not in response.get_data(as_text=True)
    assert client.get("/staff/queue.csv?personal=yes").status_code == 403
    signed_in(app, client, "admin@example.org", ["resolution", "admin"])
    response = client.get("/staff/queue.csv?personal=yes&type=complaint")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["email"] for row in rows] == ["alex@example.com"]
    exported = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "exported personal data")).one()
    assert exported.detail == {"cases": 1}


def test_retention_removes_personal_details_from_old_closed_cases(app, runner, session, cases,
                                                                  clock):
    from pathlib import Path
    complaint = cases["complaint"]
    stored = Path(app.config["UPLOAD_PATH"]) / complaint.attachments[0].stored_name
    assert stored.exists()
    keep_for = timedelta(days=app.config["RETENTION_DAYS"])
    complaint.status, complaint.outcome = "closed", "Apology given"
    complaint.closed_at = clock.now - keep_for - timedelta(minutes=1)
    cases["review"].status = "closed"
    cases["review"].closed_at = clock.now - keep_for + timedelta(minutes=1)
    session.commit()
    dry = runner.invoke(args=["retention", "--dry-run"])
    assert complaint.reference in dry.output and cases["review"].reference not in dry.output
    result = runner.invoke(args=["retention"])
    assert "Removed the personal details from 1 closed cases and deleted 1 files." in result.output
    session.expire_all()
    kept = session.scalars(select(IntakeCase).where(IntakeCase.id == complaint.id)).one()
    assert kept.answers == {"anonymised": "yes"} and kept.outcome == ""
    assert kept.attachments == [] and not stored.exists()
    assert session.scalars(select(OutboxMessage).where(
        OutboxMessage.case_id == complaint.id)).all() == []
    assert session.scalars(select(IntakeCase).where(
        IntakeCase.id == cases["review"].id)).one().answers.get("full_name") == "Sam Example"
    assert "0 closed cases" in runner.invoke(args=["retention"]).output


def test_a_subject_access_export_holds_the_persons_cases_and_files(app, client, session,
                                                                  cases):
    import json
    import zipfile
    signed_in(app, client, "admin@example.org", ["admin"])
    page = client.get("/staff/subject-access").get_data(as_text=True)
    results = client.post("/staff/subject-access", data={"csrf_token": csrf_token(page),
                                                         "who": "  ALEX@example.com "})
    response = client.post("/staff/subject-access/download", data={
        "export-csrf_token": csrf_token(page), "export-who": "  ALEX@example.com "})
    assert "Email address matches: alex@example.com" in results.get_data(as_text=True)
    assert response.headers["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    records = json.loads(archive.read("cases.json"))
    assert [record["reference"] for record in records] == [cases["complaint"].reference]
    assert records[0]["answers"]["full_name"] == "Alex Example"
    assert archive.read(records[0]["files"][0]) == b"%PDF-1.4 statement"
    nobody = client.post("/staff/subject-access", data={"csrf_token": csrf_token(page),
                                                        "who": "nobody@example.com"})
    assert "No cases were found" in nobody.get_data(as_text=True)
    searches = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "subject access search")).all()
    assert [event.detail for event in searches] == [{"cases": 1}, {"cases": 0}]
    assert "alex" not in json.dumps([event.detail for event in searches])
