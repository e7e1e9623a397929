"""Publishing scrutiny outcomes with their actions: drafts, corrections, withdrawal."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from content.models import Revision, ScrutinyOutcome
from content.publishing import publish_due
from tests import moments
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import errors_at_their_boxes, success_banner, visible_text

OUTCOME = {"kind": "Scrutiny panel", "title": "Use of force scrutiny panel, November 2026",
           "date": "18/11/2026", "summary": "The panel looked at 20 incidents.",
           "body": "## Findings\n\nBody-worn video was switched on in **18** of them.",
           "action_1": "Remind officers to switch on body-worn video", "owner_1": "Chief Constable",
           "due_1": "31/01/2027", "status_1": "open",
           "action_2": "", "owner_2": "", "due_2": "", "status_2": "open"}


@pytest.fixture
def publisher(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])


def submit(client, address, action, **fields):
    page = client.get(address).get_data(as_text=True)
    return client.post(address, data={"csrf_token": csrf_token(page), "action": action,
                                      **fields})


def the_outcome(session):
    session.expire_all()
    return session.scalars(select(ScrutinyOutcome)).one()


def test_an_outcome_with_actions_is_drafted_previewed_and_published(client, session,
                                                                    publisher):
    preview = submit(client, "/staff/content/scrutiny/new", "preview", **OUTCOME)
    page = preview.get_data(as_text=True)
    assert 'class="portal-preview"' in page and "Remind officers" in page
    assert submit(client, "/staff/content/scrutiny/new", "save", **OUTCOME).status_code == 302
    outcome = the_outcome(session)
    assert not outcome.is_published
    assert [(a.action, a.owner, a.due.isoformat()) for a in outcome.actions] == [
        ("Remind officers to switch on body-worn video", "Chief Constable", "2027-01-31")]
    slug = outcome.slug
    assert client.get(f"/scrutiny/{slug}").status_code == 404
    submit(client, f"/staff/content/scrutiny/{outcome.id}", "publish", **OUTCOME)
    assert "Remind officers" in client.get(f"/scrutiny/{slug}").get_data(as_text=True)
    assert "body-worn" in client.get("/search?q=body-worn+video").get_data(as_text=True)


def test_a_correction_needs_a_note_and_a_withdrawal_a_reason(client, session, publisher):
    submit(client, "/staff/content/scrutiny/new", "publish", **OUTCOME)
    outcome = the_outcome(session)
    address = f"/staff/content/scrutiny/{outcome.id}"
    done = {**OUTCOME, "status_1": "complete"}
    assert "Say what changed" in submit(client, address, "save", **done).get_data(as_text=True)
    submit(client, address, "save", change_note="The action is complete", **done)
    page = client.get(f"/scrutiny/{outcome.slug}").get_data(as_text=True)
    assert "The action is complete" in page
    revision = session.scalars(select(Revision)).one()
    assert revision.previous["actions"][0]["status"] == "open"
    earlier = client.get(f"/scrutiny/{outcome.slug}/revisions/{revision.id}")
    assert "Earlier version" in earlier.get_data(as_text=True)
    assert 'govuk-tag--yellow">Open</strong>' in earlier.get_data(as_text=True)
    current = client.get(f"/scrutiny/{outcome.slug}").get_data(as_text=True)
    assert 'govuk-tag--green">Complete</strong>' in current
    refused = submit(client, f"{address}/withdraw", "", reason=" ", confirmed="yes")
    assert errors_at_their_boxes(refused) == {"reason": "Enter the reason for withdrawing it"}
    asked = client.get(f"{address}/withdraw")
    assert f"Are you sure you want to withdraw scrutiny outcome “{OUTCOME['title']}”?" in \
        visible_text(asked)
    assert client.get(f"/scrutiny/{outcome.slug}").status_code == 200
    done = submit(client, f"{address}/withdraw", "", reason="Duplicate of the October report",
                  confirmed="yes")
    assert success_banner(client.get(done.headers["Location"])) == [
        f"Scrutiny outcome “{OUTCOME['title']}” withdrawn"]
    response = client.get(f"/scrutiny/{outcome.slug}")
    assert response.status_code == 410
    assert "Duplicate of the October report" in response.get_data(as_text=True)


# Later the same day in the UK, and that moment in UTC, written out by hand.
LATER_TODAY = [
    pytest.param(moments.SUMMER_EVENING, "23:45", datetime(2026, 7, 14, 22, 45, tzinfo=UTC),
                 id="summer-2330"),
    # 01:30 BST, and at 02:00 BST the clocks go back to 01:00: 02:00 GMT is 90 minutes on.
    pytest.param(moments.CLOCKS_GO_BACK, "02:00", datetime(2026, 10, 25, 2, 0, tzinfo=UTC),
                 id="clocks-back"),
]


@pytest.mark.parametrize(("clock", "time", "due"), LATER_TODAY, indirect=["clock"])
def test_an_outcome_scheduled_for_later_today_is_published_then(client, session, publisher,
                                                                 clock, time, due):
    today = clock.moment.uk_day
    response = submit(client, "/staff/content/scrutiny/new", "schedule", **OUTCOME,
                      publish_on=f"{today:%d/%m/%Y}", publish_time=time)
    assert response.status_code == 302
    outcome = the_outcome(session)
    assert outcome.publish_at == due and not outcome.is_published
    assert client.get(f"/scrutiny/{outcome.slug}").status_code == 404
    assert publish_due(session, now=due - timedelta(minutes=1)) == 0
    assert publish_due(session, now=due) == 1
    session.commit()
    assert "Remind officers" in client.get(f"/scrutiny/{outcome.slug}").get_data(as_text=True)


def test_problems_are_shown_together(client, publisher):
    response = submit(client, "/staff/content/scrutiny/new", "save",
                      **{**OUTCOME, "kind": "", "title": "", "owner_1": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter the type of scrutiny" in page and "Enter the title" in page
    assert "owner" in page


def test_a_pdf_published_with_an_outcome_is_downloadable_searchable_and_removable(
        client, session, publisher, app):
    from tests.integration.test_staff_decisions import attach
    from tests.pdf_samples import pdf_with_text
    submit(client, "/staff/content/scrutiny/new", "publish", **OUTCOME)
    outcome = the_outcome(session)
    staff_page = f"/staff/content/scrutiny/{outcome.id}"
    pdf = pdf_with_text("Dip sample of handcuffing records at Fernbridge custody suite")
    assert attach(client, staff_page, pdf, "Panel report.pdf").status_code == 302
    page = client.get(f"/scrutiny/{outcome.slug}").get_data(as_text=True)
    assert "Panel report.pdf" in page
    results = client.get("/search.json?q=handcuffing").get_json()["records"]
    assert [record["title"] for record in results] == [OUTCOME["title"]]
    link = page.split(f'href="/scrutiny/{outcome.slug}/documents/')[1].split('"')[0]
    response = client.get(f"/scrutiny/{outcome.slug}/documents/{link}")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == pdf
    response.close()
    assert client.get(f"/decisions/{outcome.slug}/documents/{link}").status_code == 404
    refused = attach(client, staff_page, b"MZ not a pdf", "virus.pdf")
    assert "The selected file must be a PDF" in client.get(
        refused.headers["Location"]).get_data(as_text=True)
    remove = f"{staff_page}/documents/{link}/remove"
    assert f'href="{remove}"' in client.get(staff_page).get_data(as_text=True)
    asked = client.get(remove)
    assert "Are you sure you want to remove Panel report.pdf?" in visible_text(asked)
    not_confirmed = client.post(remove, data={"csrf_token": csrf_token(
        asked.get_data(as_text=True))})
    assert "Are you sure" in visible_text(not_confirmed)  # asked again, nothing done
    assert client.get(f"/scrutiny/{outcome.slug}/documents/{link}").status_code == 200
    assert any(Path(app.config["DOCUMENTS_PATH"]).iterdir())
    removed = client.post(remove, data={
        "csrf_token": csrf_token(asked.get_data(as_text=True)), "confirmed": "yes"})
    assert removed.status_code == 302
    assert removed.headers["Location"] == f"{staff_page}#documents"
    assert success_banner(client.get(removed.headers["Location"])) == [
        "Panel report.pdf removed"]
    assert client.get(f"/scrutiny/{outcome.slug}/documents/{link}").status_code == 404
    assert client.get("/search.json?q=handcuffing").get_json()["total"] == 0
    assert not any((Path(app.config["DOCUMENTS_PATH"])).iterdir())
