"""Publishing decisions: drafts, preview, publish, schedule, honest edits, withdrawal."""

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from content.models import Decision, RecordFile, Revision
from content.publishing import publish_due
from tests import factories, moments, pdf_samples
from tests.databases import postgres_url
from tests.intake_helpers import csrf_token
from tests.moments import at_moments, uk_moment
from tests.staff_pages import (
    attach,
    errors_at_their_boxes,
    submit,
    success_banner,
    value_of,
    visible_text,
)

# The decision forms choose a decision maker and category already in their lists.
pytestmark = pytest.mark.usefixtures("decision_lists")

DECISION = {"reference": "2026/101", "title": "Funding for the rural crime team",
            "date": ["3", "11", "2026"], "decision_maker": "Police and Crime Commissioner",
            "category": "Commissioning", "summary": "Two more **rural crime** officers.",
            "body": "## Background\n\nFarm thefts rose by a third.",
            "financial_implications": "", "amount": "98000.00"}


def the_decision(session):
    session.expire_all()
    return session.scalars(select(Decision).where(Decision.reference == "2026/101")).one()


def test_a_draft_is_not_public_until_published_then_is_searchable(client, session,
                                                                  publisher):
    response = submit(client, "/staff/content/decisions/new", "save", **DECISION)
    assert response.status_code == 302
    decision = the_decision(session)
    assert not decision.is_published and decision.date.isoformat() == "2026-11-03"
    assert client.get("/decisions/2026-101").status_code == 404
    assert "rural crime team" not in client.get("/search?q=rural").get_data(as_text=True)
    submit(client, f"/staff/content/decisions/{decision.id}", "publish", **DECISION)
    page = client.get("/decisions/2026-101").get_data(as_text=True)
    assert "<strong>rural crime</strong>" in page
    assert "Funding for the rural crime team" in client.get(
        "/search?q=rural+crime").get_data(as_text=True)


def test_the_preview_is_the_public_page_in_a_frame(client, session, publisher):
    response = submit(client, "/staff/content/decisions/new", "preview", **DECISION)
    page = response.get_data(as_text=True)
    assert 'class="portal-preview" aria-labelledby="preview-heading"' in page
    assert "<strong>rural crime</strong>" in page and "Decision 2026/101" in page
    assert session.scalars(select(Decision)).all() == []  # nothing saved


def test_every_problem_is_shown_at_once(client, publisher):
    response = submit(client, "/staff/content/decisions/new", "save",
                      **{**DECISION, "title": "", "date": ["31", "2", "2026"],
                         "amount": "lots"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter the title" in page and 'href="#title"' in page
    assert "Date of decision must be a real date" in page and 'href="#date-day"' in page
    assert "Amount in pounds" in page and 'href="#amount"' in page


def test_a_preview_of_markdown_too_slow_to_render_says_what_to_change_beside_its_box(
        client, session, publisher):
    # Rendered, this body took about 90 seconds: past the worker's 30-second timeout.
    body = "Background " + "[" * 999 + "(" * 98_000
    response = submit(client, "/staff/content/decisions/new", "preview",
                      **{**DECISION, "body": body})
    assert response.status_code == 400
    problem = errors_at_their_boxes(response)["body"]
    assert "square brackets [ or round brackets ( that are never closed" in problem
    assert "Close each [ with ] and each ( with )" in problem
    assert value_of(response, "body") == body  # what was typed is kept
    assert session.scalars(select(Decision)).all() == []


def test_changing_a_published_decision_needs_a_note_and_keeps_the_earlier_version(
        client, session, publisher):
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    decision = the_decision(session)
    address = f"/staff/content/decisions/{decision.id}"
    changed = {**DECISION, "amount": "96000.00"}
    refused = submit(client, address, "save", **changed)
    assert refused.status_code == 400
    assert "Say what changed" in refused.get_data(as_text=True)
    submit(client, address, "save", change_note="Corrected the amount", **changed)
    page = client.get("/decisions/2026-101").get_data(as_text=True)
    assert "£96,000.00" in page and "Corrected the amount" in page
    revision = session.scalars(select(Revision)).one()
    earlier = client.get(f"/decisions/2026-101/revisions/{revision.id}").get_data(as_text=True)
    assert "£98,000.00" in earlier and "Earlier version" in earlier
    # Saving without changes needs no note and adds no revision.
    assert submit(client, address, "save", **changed).status_code == 302
    assert len(session.scalars(select(Revision)).all()) == 1


def test_a_withdrawn_decision_says_when_and_why_and_leaves_search(client, session,
                                                                  publisher):
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    decision = the_decision(session)
    address = f"/staff/content/decisions/{decision.id}"
    assert f'href="{address}/withdraw"' in client.get(address).get_data(as_text=True)
    asked = client.get(f"{address}/withdraw")
    assert "Are you sure you want to withdraw decision 2026/101?" in visible_text(asked)
    assert value_of(asked, "reason") == ""
    not_confirmed = submit(client, f"{address}/withdraw", "", reason="Published by mistake")
    assert value_of(not_confirmed, "reason") == "Published by mistake"  # asked again
    assert client.get("/decisions/2026-101").status_code == 200  # not until confirmed
    refused = submit(client, f"{address}/withdraw", "", reason="", confirmed="yes")
    assert errors_at_their_boxes(refused) == {"reason": "Enter the reason for withdrawing it"}
    done = submit(client, f"{address}/withdraw", "", confirmed="yes",
                  reason="Published by mistake before the board met")
    assert done.headers["Location"] == address
    assert success_banner(client.get(done.headers["Location"])) == [
        "Decision 2026/101 withdrawn"]
    response = client.get("/decisions/2026-101")
    assert response.status_code == 410
    assert "Published by mistake before the board met" in response.get_data(as_text=True)
    assert "Funding for the rural crime team" not in client.get(
        "/search?q=rural").get_data(as_text=True)
    # Withdrawn already: the address goes back to the decision's page, asking nothing.
    assert client.get(f"{address}/withdraw").headers["Location"] == address
    submit(client, address, "publish", **DECISION)
    assert client.get("/decisions/2026-101").status_code == 200
    kinds = [r.kind for r in session.scalars(select(Revision).order_by(Revision.id))]
    assert kinds == ["withdrawn", "republished"]


@at_moments(*moments.SCHEDULING)
def test_a_scheduled_decision_is_published_when_its_time_comes(app, client, session,
                                                               publisher, clock):
    tomorrow = clock.today + timedelta(days=1)
    response = submit(client, "/staff/content/decisions/new", "schedule",
                      publish_on=tomorrow.strftime("%d/%m/%Y"), publish_time="09:30",
                      **DECISION)
    assert response.status_code == 302
    decision = the_decision(session)
    assert decision.publish_at is not None and not decision.is_published
    past = submit(client, f"/staff/content/decisions/{decision.id}", "schedule",
                  publish_on="1/1/2020", publish_time="09:00", **DECISION)
    assert "must be in the future" in past.get_data(as_text=True)
    assert publish_due(session) == 0
    due = uk_moment(tomorrow, "09:30")
    assert publish_due(session, now=due - timedelta(minutes=1)) == 0
    assert publish_due(session, now=due) == 1
    session.commit()
    assert client.get("/decisions/2026-101").status_code == 200
    assert "rural crime team" in client.get("/search?q=rural").get_data(as_text=True)


def test_the_worker_publishes_what_is_due(app, client, session, runner, publisher, clock):
    submit(client, "/staff/content/decisions/new", "save", **DECISION)
    decision = the_decision(session)
    decision.publish_at = clock.now - timedelta(minutes=1)
    session.commit()
    result = runner.invoke(args=["worker", "--once"])
    assert "Published 1 scheduled records." in result.output
    assert client.get("/decisions/2026-101").status_code == 200


def test_a_decision_page_does_only_what_its_buttons_say(client, session, publisher):
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    address = f"/staff/content/decisions/{the_decision(session).id}"
    # Withdrawing has an address of its own, where it is confirmed first.
    refused = submit(client, address, "withdraw", reason="Published by mistake",
                     confirmed="yes", **DECISION)
    assert refused.status_code == 400
    assert client.get("/decisions/2026-101").status_code == 200


def test_a_reference_can_be_used_only_once(client, publisher):
    submit(client, "/staff/content/decisions/new", "save", **DECISION)
    response = submit(client, "/staff/content/decisions/new", "save", **DECISION)
    assert "There is already a decision 2026/101" in response.get_data(as_text=True)




def test_a_pdf_published_with_a_decision_is_downloadable_and_its_text_searchable(
        client, session, publisher):
    from tests.pdf_samples import pdf_with_text
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    decision = the_decision(session)
    pdf = pdf_with_text("Evaluation of the quadbike marking scheme")
    staff_page = f"/staff/content/decisions/{decision.id}"
    assert attach(client, staff_page, pdf, "Evaluation report.pdf").status_code == 302
    page = client.get("/decisions/2026-101").get_data(as_text=True)
    assert "Evaluation report.pdf" in page
    found = client.get("/search?q=quadbike").get_data(as_text=True)
    assert "Funding for the rural crime team" in found
    link = page.split('href="/decisions/2026-101/documents/')[1].split('"')[0]
    response = client.get(f"/decisions/2026-101/documents/{link}")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == pdf
    response.close()
    refused = attach(client, staff_page, b"MZ not a pdf", "virus.pdf")
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "The selected file must be a PDF" in page


def test_a_document_is_removed_only_through_the_record_it_was_published_with(
        client, session, publisher):
    from tests.pdf_samples import pdf_with_text
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    first = the_decision(session)
    submit(client, "/staff/content/decisions/new", "publish",
           **{**DECISION, "reference": "2026/102"})
    other = session.scalars(select(Decision).where(Decision.reference == "2026/102")).one()
    attach(client, f"/staff/content/decisions/{first.id}", pdf_with_text("Quadbikes"))
    document = session.scalars(select(RecordFile)).one()
    elsewhere = f"/staff/content/decisions/{other.id}/documents/{document.id}/remove"
    assert client.get(elsewhere).status_code == 404
    page = client.get(f"/staff/content/decisions/{first.id}").get_data(as_text=True)
    assert client.post(elsewhere, data={"csrf_token": csrf_token(page),
                                        "confirmed": "yes"}).status_code == 404
    assert session.scalars(select(RecordFile)).one() == document


@pytest.mark.parametrize(("make_pdf", "named"), [
    (pdf_samples.pdf_with_javascript, "JavaScript"),
    (pdf_samples.pdf_with_disguised_javascript, "JavaScript"),
    (pdf_samples.pdf_with_launch_action, "an action that starts a program"),
    (pdf_samples.pdf_with_embedded_file, "embedded files"),
])
def test_a_pdf_with_active_content_is_refused_saying_what_it_contains(
        app, client, session, publisher, make_pdf, named):
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    staff_page = f"/staff/content/decisions/{the_decision(session).id}"
    refused = attach(client, staff_page, make_pdf(), "Evaluation report.pdf")
    page = visible_text(client.get(refused.headers["Location"]))
    assert (f"The selected file contains {named}, which could run on the computers of people "
            "who open it. Save it again without them") in page
    assert session.scalars(select(RecordFile)).all() == []
    assert not any(Path(app.config["DOCUMENTS_PATH"]).glob("*"))
    assert "Evaluation report.pdf" not in client.get("/decisions/2026-101").get_data(
        as_text=True)


def scheduled_decisions(add_records, session, count: int, due: datetime) -> None:
    add_records(*[factories.decision(f"2026/{n:03d}") for n in range(count)])
    for decision in session.scalars(select(Decision)):
        decision.published_at, decision.publish_at = None, due
    session.commit()


@pytest.mark.skipif(not postgres_url(), reason="row locks are PostgreSQL's: SQLite lets one "
                    "writer in at a time, so there is only ever one worker publishing")
def test_workers_publishing_at_once_publish_each_record_once(app, session, add_records, clock):
    scheduled_decisions(add_records, session, 30, clock.now - timedelta(minutes=1))
    sessions = app.extensions["portal_db"].sessions
    start, counts = threading.Barrier(3), []

    def worker() -> None:
        start.wait(timeout=60)
        with sessions() as worker_session:
            counts.append(publish_due(worker_session))
            worker_session.commit()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(counts) == 30 and len(counts) == 3
    session.expire_all()
    assert all(d.is_published for d in session.scalars(select(Decision)))


@pytest.mark.skipif(not postgres_url(), reason="row locks are PostgreSQL's: SQLite lets one "
                    "writer in at a time, so there is only ever one worker publishing")
def test_a_record_being_changed_is_published_in_the_next_round_without_waiting(
        app, session, add_records, clock):
    scheduled_decisions(add_records, session, 2, clock.now - timedelta(minutes=1))
    sessions = app.extensions["portal_db"].sessions
    with app.extensions["portal_db"].engine.connect() as publisher_saving:
        publisher_saving.execute(select(Decision.id).where(Decision.reference == "2026/000")
                                 .with_for_update())
        counts: list[int] = []

        def worker() -> None:
            with sessions() as worker_session:
                counts.append(publish_due(worker_session))
                worker_session.commit()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join(timeout=60)
        assert counts == [1], "the other record is published without waiting"
        publisher_saving.rollback()
    with sessions() as worker_session:
        assert publish_due(worker_session) == 1
        worker_session.commit()
