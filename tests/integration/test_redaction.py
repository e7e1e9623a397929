"""An administrator can take down text published by mistake: the words of one published
version are replaced by "Removed on <date>: <reason>" everywhere the public can read them
(the record's page, its earlier versions, search, downloads and feeds), the fact of the
correction stays, and the audit log says who did it."""

import json

import pytest
from sqlalchemy import select

from content.expense_uploads import plan_upload, publish_upload
from content.importer import parse_record
from content.models import (
    Budget,
    Decision,
    Expense,
    GiftOffer,
    Interest,
    Policy,
    RecordFile,
    Revision,
    ScrutinyOutcome,
)
from content.publishing import check_decision, save_decision, withdraw
from portal.kinds import permalink
from portal.staff.models import AuditEvent, StaffUser
from tests import factories
from tests.intake_helpers import csrf_token
from tests.integration.test_staff_access import sign_in_as
from tests.search_backends import BACKENDS, chosen_backend

NAME = "Pennyworth"
REASON = "Personal data published by mistake"
# Every address where the public can read a decision's words (searched for another word
# of the same sentence: a search page repeats the words searched for).
PUBLIC_PLACES = ("/decisions/2025-014", "/decisions.csv", "/decisions.json", "/decisions.atom",
                 "/search?q=upheld", "/search.json?q=upheld", "/search.csv?q=upheld")


EACH_SEARCH_BACKEND = pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)


@pytest.fixture
def search_backend(request):
    """Whoosh, or each backend for the tests marked so (PostgreSQL's needs its database)."""
    return chosen_backend(request, getattr(request, "param", "whoosh"))


def removal_notice(clock) -> str:
    return f"Removed on {clock.today.day} {clock.today:%B %Y}: {REASON}"


@pytest.fixture
def corrected_decision(add_records, session):
    """A decision that named a person in its body, corrected once (the earlier version
    named them too), with a document whose searchable text names them."""
    add_records(factories.decision(
        "2025/014", body=f"The complaint of Ms Jane {NAME} of 12 Acacia Road was upheld."))
    decision = session.scalars(select(Decision)).one()
    typed = {name: value for name, value in factories.decision(
        "2025/014", body=f"The complaint of Ms {NAME} was upheld; the fund pays.").items()
        if name != "type"}
    note = "Said what the fund pays for"
    draft = check_decision(typed, session, decision, note=note)
    assert draft.problems == {}
    save_decision(session, decision, draft, note=note)
    session.add(RecordFile(record_type="decision", record_id=decision.id,
                           original_name="letter.pdf", stored_name="0123456789abcdef",
                           size=10, text=f"Letter to Ms {NAME}"))
    decision.title = "Award of the victims' services contract "  # so it is indexed again
    session.commit()
    return decision


def earlier_version(session, decision) -> Revision:
    return session.scalars(select(Revision).where(Revision.kind == "edited")).one()


def remove_text(client, form_page, **answers):
    page = client.get(form_page).get_data(as_text=True)
    return client.post(form_page, data={"csrf_token": csrf_token(page), **answers})


def confirm_removal(client, address, version):
    asked = remove_text(client, address, version=version, reason=REASON)
    assert asked.status_code == 200
    assert "Are you sure you want to remove the text of this decision?" in asked.get_data(
        as_text=True)
    return remove_text(client, address, version=version, reason=REASON, confirmed="yes")


def everything_public(client, session, decision) -> str:
    revision = earlier_version(session, decision)
    pages = [*PUBLIC_PLACES, f"/decisions/2025-014/revisions/{revision.id}"]
    return "\n".join(client.get(page).get_data(as_text=True) for page in pages)


@EACH_SEARCH_BACKEND
def test_an_admin_removes_a_name_from_every_version_and_every_public_place(
        app, client, session, corrected_decision, clock):
    decision = corrected_decision
    revision = earlier_version(session, decision)
    assert NAME in everything_public(client, session, decision)
    assert client.get(f"/search.json?q={NAME}").get_json()["total"] == 1
    assert client.get("/search.json?q=Acacia").get_json()["total"] == 0  # not the current

    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/decision/{decision.id}/remove-text"
    done = confirm_removal(client, address, str(revision.id))
    assert done.status_code == 302 and done.headers["Location"] == address
    banner = client.get(address).get_data(as_text=True)
    assert "Text removed from decision 2025/014 (as it was published before the change" in \
        banner
    assert confirm_removal(client, address, "current").status_code == 302
    client.delete_cookie("session", domain="portal.test")
    client.delete_cookie("staff_session", domain="portal.test")

    shown = everything_public(client, session, decision)
    assert NAME not in shown and "Acacia" not in shown
    assert client.get(f"/search.json?q={NAME}").get_json()["total"] == 0
    notice = removal_notice(clock)
    page = client.get("/decisions/2025-014").get_data(as_text=True)
    assert notice in page and "2025/014" in page
    # The earlier version stays at its address, saying what was removed and when.
    earlier = client.get(f"/decisions/2025-014/revisions/{revision.id}").get_data(as_text=True)
    assert notice in earlier and "Said what the fund pays for" in earlier
    assert client.get("/search.json?q=removed+mistake").get_json()["total"] == 1
    # Nothing keeps the name in the database either.
    session.expire_all()
    kept = [json.dumps(row.previous) for row in session.scalars(select(Revision))]
    kept += [document.text for document in session.scalars(select(RecordFile))]
    kept += [getattr(decision, column.key) or "" for column in Decision.__table__.columns
             if column.type.python_type is str]
    assert not [text for text in kept if NAME in text]
    redactions = session.scalars(select(Revision).where(Revision.kind == "redacted")
                                 .order_by(Revision.id)).all()
    assert [(r.note, r.previous) for r in redactions] == [
        (REASON, {"version": str(revision.id)}), (REASON, {"version": "current"})]


def test_each_removal_is_in_the_audit_log(app, client, session, corrected_decision):
    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/decision/{corrected_decision.id}/remove-text"
    confirm_removal(client, address, "current")
    entry = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "removed published text")).one()
    assert entry.target == "2025/014"
    assert entry.detail == {"kind": "decision", "version": "current", "reason": REASON}
    admin = session.scalar(select(StaffUser).where(StaffUser.email == "admin@example.org"))
    assert entry.user_id == admin.id


@pytest.mark.parametrize("roles", [["publisher"], ["resolution"], ["publisher", "resolution"]])
def test_only_admins_can_remove_published_text(app, client, session, corrected_decision,
                                               roles):
    sign_in_as(app, client, roles)
    address = f"/staff/content/decision/{corrected_decision.id}/remove-text"
    assert client.get(address).status_code == 403
    token = csrf_token(client.get("/staff").get_data(as_text=True))
    refused = client.post(address, data={"csrf_token": token, "version": "current",
                                         "reason": REASON, "confirmed": "yes"})
    assert refused.status_code == 403
    assert NAME in client.get("/decisions/2025-014").get_data(as_text=True)
    assert not session.scalars(select(AuditEvent).where(
        AuditEvent.action == "removed published text")).all()


def test_nothing_is_removed_until_the_confirmation_is_pressed(app, client, session,
                                                              corrected_decision):
    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/decision/{corrected_decision.id}/remove-text"
    asked = remove_text(client, address, version="current", reason=REASON)
    assert asked.status_code == 200 and "Yes, remove the text" in asked.get_data(as_text=True)
    assert NAME in client.get("/decisions/2025-014").get_data(as_text=True)
    assert not session.scalars(select(Revision).where(Revision.kind == "redacted")).all()


def test_the_reason_and_the_version_are_needed_and_each_error_links_to_its_box(
        app, client, session, corrected_decision):
    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/decision/{corrected_decision.id}/remove-text"
    response = remove_text(client, address, reason="   ")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#version">Select the version that has the text</a>' in page
    assert '<a href="#reason">Enter the reason for removing the text</a>' in page
    assert 'id="version-error"' in page and 'id="reason-error"' in page
    kept = remove_text(client, address, reason=REASON).get_data(as_text=True)
    assert REASON in kept  # what was typed stays
    unknown = remove_text(client, address, version="999999", reason=REASON, confirmed="yes")
    assert unknown.status_code == 400
    assert '<a href="#version">Select the version that has the text</a>' in unknown.get_data(
        as_text=True)
    too_long = remove_text(client, address, version="current", reason="x" * 251)
    assert "The reason must be 250 characters or fewer" in too_long.get_data(as_text=True)
    assert NAME in client.get("/decisions/2025-014").get_data(as_text=True)


def test_a_draft_that_was_never_published_has_no_text_to_remove(app, client, session,
                                                                corrected_decision):
    corrected_decision.published_at = None
    session.commit()
    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/decision/{corrected_decision.id}/remove-text"
    assert client.get(address).status_code == 404
    assert client.get("/staff/content/nothing/1/remove-text").status_code == 404


WORDS = {
    "expense": (factories.expense(f"Taxi to Ms {NAME}'s house"), Expense, "/expenses"),
    "policy": (factories.policy(summary=f"Ask Ms {NAME} on extension 4321."), Policy, "/policies"),
    "scrutiny": (factories.scrutiny(summary=f"Ms {NAME} told the board.", actions=[
        {"action": f"Apologise to Ms {NAME}", "owner": "Chief Constable",
         "due": "2025-06-30", "status": "open"}]), ScrutinyOutcome, "/scrutiny"),
    "gift": (factories.gift(reason=f"Ms {NAME} runs the club."), GiftOffer,
             "/gifts-and-hospitality"),
    "interest": (factories.interest(f"Director of {NAME} Holdings Ltd"), Interest,
                 "/register-of-interests"),
    "budget": (factories.budget(spending=[
        {"heading": f"Settlement with Ms {NAME}", "amount": "10000000.00"},
        {"heading": "Police officer pay", "amount": "240000000.00"}]), Budget, "/budget"),
}


@EACH_SEARCH_BACKEND
@pytest.mark.parametrize("kind", sorted(WORDS))
def test_the_text_of_every_kind_of_record_can_be_removed(app, client, session, add_records,
                                                         clock, kind):
    raw, model, collection = WORDS[kind]
    add_records(raw)
    published = session.scalars(select(model)).one()
    with app.test_request_context():
        public_page = permalink(published)
    places = (public_page, f"{collection}.csv", f"{collection}.json", f"{collection}.atom")
    # The page and the JSON hold everything; the CSV and the feed hold what fits them.
    shown = [place for place in places if NAME in client.get(place).get_data(as_text=True)]
    assert public_page in shown and f"{collection}.json" in shown
    assert client.get(f"/search.json?q={NAME}").get_json()["total"] == 1
    sign_in_as(app, client, ["admin"])
    address = f"/staff/content/{kind}/{published.id}/remove-text"
    assert remove_text(client, address, version="current", reason=REASON,
                       confirmed="yes").status_code == 302
    client.delete_cookie("staff_session", domain="portal.test")
    for place in places:
        assert NAME not in client.get(place).get_data(as_text=True), place
    assert client.get(f"/search.json?q={NAME}").get_json()["total"] == 0
    assert removal_notice(clock) in client.get(public_page).get_data(as_text=True)


def test_an_admin_starts_from_the_address_of_the_page_with_the_text(
        app, client, session, corrected_decision, add_records):
    add_records(factories.policy(), factories.policy(version="3.0", approved="2025-01-01"))
    revision = earlier_version(session, corrected_decision)
    sign_in_as(app, client, ["admin"])
    assert "Remove text published by mistake" in client.get("/staff").get_data(as_text=True)
    pages = {
        f"https://portal.test/decisions/2025-014/revisions/{revision.id}":
            f"/staff/content/decision/{corrected_decision.id}/remove-text?version={revision.id}",
        "/decisions/2025/014": f"/staff/content/decision/{corrected_decision.id}/remove-text"
                               "?version=current",
    }
    for address, start in pages.items():
        found = remove_text(client, "/staff/remove-text", address=address)
        assert found.status_code == 302 and found.headers["Location"] == start, address
    chosen = client.get(pages["/decisions/2025/014"].replace("current", str(revision.id)))
    assert f'value="{revision.id}" checked' in chosen.get_data(as_text=True)
    older = session.scalar(select(Policy).where(Policy.version == "2.1"))
    found = remove_text(client, "/staff/remove-text",
                        address="/policies/complaints-handling-policy/versions/2.1")
    assert found.headers["Location"] == (f"/staff/content/policy/{older.id}/remove-text"
                                         "?version=current")
    for elsewhere in ("/expenses/EXP-nothing", "/search?q=budget", "not an address"):
        refused = remove_text(client, "/staff/remove-text", address=elsewhere)
        assert refused.status_code == 400
        assert "Enter the address of a published record" in refused.get_data(as_text=True)


def test_an_expense_lines_earlier_description_can_be_removed(app, client, session,
                                                             add_records, clock):
    add_records(factories.expense(f"Taxi to Ms {NAME}'s house", reference="EXP-1"))
    corrected = parse_record(factories.expense("Taxi to a meeting", reference="EXP-1"), 1)
    publish_upload(session, plan_upload(session, [corrected]), note="Said what it was for")
    session.commit()
    line = session.scalars(select(Expense)).one()
    revision = session.scalars(select(Revision)).one()
    assert NAME in client.get("/expenses/EXP-1").get_data(as_text=True)
    sign_in_as(app, client, ["admin"])
    remove_text(client, f"/staff/content/expense/{line.id}/remove-text",
                version=str(revision.id), reason=REASON, confirmed="yes")
    page = client.get("/expenses/EXP-1").get_data(as_text=True)
    assert NAME not in page
    assert f"The description was “{removal_notice(clock)}”" in page
    assert "Taxi to a meeting" in page


def test_the_title_of_a_withdrawn_record_can_be_removed_from_its_address(
        app, client, session, add_records, clock):
    add_records(factories.decision("2025/020", title=f"Complaint by Ms {NAME}"))
    withdraw(session, session.scalars(select(Decision)).one(), "Published by mistake")
    session.commit()
    assert NAME in client.get("/decisions/2025-020").get_data(as_text=True)
    sign_in_as(app, client, ["admin"])
    found = remove_text(client, "/staff/remove-text", address="/decisions/2025-020")
    start = found.headers["Location"]
    assert remove_text(client, start, version="current", reason=REASON,
                       confirmed="yes").status_code == 302
    withdrawn = client.get("/decisions/2025-020")
    assert withdrawn.status_code == 410
    assert NAME not in withdrawn.get_data(as_text=True)
    assert removal_notice(clock) in withdrawn.get_data(as_text=True)
