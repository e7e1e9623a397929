"""HTTP caching over every address: anonymous public pages and downloads may be kept by a
shared cache for a short time and are revalidated with an ETag (304 Not Modified); forms,
staff pages, health checks and anything that touches a visitor's session are no-store.

Every address the portal answers needs an example below, so a new page cannot be added
without its caching being checked.
"""

from pathlib import Path

import pytest
from flask import template_rendered
from sqlalchemy import event, select, update

from content.freshness import data_version
from content.kinds import BY_NAME
from content.models import (
    Budget,
    Contract,
    Decision,
    Expense,
    GiftOffer,
    Grant,
    Inspection,
    Interest,
    Meeting,
    Post,
    RecordFile,
    Revision,
    ScrutinyOutcome,
    Spending,
    StaffSnapshot,
    Tender,
)
from portal.staff import accounts
from tests import factories
from tests.integration.test_staff_access import address, sign_in_as

KIND = "/<any(complaint, compliment, review):kind>"
PUBLIC, NO_STORE = "public", "no-store"
DECISION = "/decisions/2025-014"
POLICY = "/policies/complaints-handling-policy"
SCRUTINY = "/scrutiny/2025-02-10-response-to-the-peel-inspection"
MEETING = "/meetings/accountability-board-2025-02-10"
POST = "/our-people/chief-executive-and-monitoring-officer"
STAFF_COUNT = "/workforce/2026-03-31"
GRANT, CONTRACT, TENDER = "/grants/gr-2025-007", "/contracts/c-2025-031", "/tenders/t-2024-009"
GIFT = "/gifts-and-hospitality/GH-2025-001"
INTEREST = "/register-of-interests/ROI-0001"
BUDGET = "/budget/2025-26"
INSPECTION = "/hmicfrs-reports/peel-2025-an-inspection-of-fernshire-police"

# Each address the public can reach, with examples of it and what caches may do with them.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "/": [("/", PUBLIC)],
    "/accessibility": [("/accessibility", PUBLIC)],
    "/complaints-and-compliments": [("/complaints-and-compliments", PUBLIC)],
    "/privacy": [("/privacy", PUBLIC)],
    "/publications": [("/publications", PUBLIC)],
    "/using-our-data": [("/using-our-data", PUBLIC)],
    "/healthz": [("/healthz", NO_STORE)],
    "/readyz": [("/readyz", NO_STORE)],
    "/decisions": [("/decisions", PUBLIC), ("/decisions?year=2025", PUBLIC)],
    "/decisions.atom": [("/decisions.atom", PUBLIC)],
    "/decisions.csv": [("/decisions.csv", PUBLIC)],
    "/decisions.json": [("/decisions.json", PUBLIC), ("/decisions.json?page=1", PUBLIC)],
    "/decisions/<path:identifier>": [(DECISION, PUBLIC), ("/decisions/1999-999", PUBLIC)],
    "/decisions/<path:identifier>/revisions/<int:revision_id>": [
        (DECISION + "/revisions/{decision_revision}", PUBLIC)],
    "/decisions/<path:identifier>/documents/<int:document_id>": [
        (DECISION + "/documents/{decision_document}", PUBLIC)],
    "/expenses": [("/expenses", PUBLIC)],
    "/expenses.atom": [("/expenses.atom", PUBLIC)],
    "/expenses.csv": [("/expenses.csv", PUBLIC)],
    "/expenses.json": [("/expenses.json", PUBLIC)],
    "/expenses/<reference>": [("/expenses/{expense}", PUBLIC)],
    "/policies": [("/policies", PUBLIC)],
    "/policies.atom": [("/policies.atom", PUBLIC)],
    "/policies.csv": [("/policies.csv", PUBLIC)],
    "/policies.json": [("/policies.json", PUBLIC)],
    "/policies/<slug>": [(POLICY, PUBLIC)],
    "/policies/<slug>/versions/<version>": [(POLICY + "/versions/2.1", PUBLIC)],
    "/spending": [("/spending", PUBLIC), ("/spending?month=2026-11", PUBLIC)],
    "/spending.atom": [("/spending.atom", PUBLIC)],
    "/spending.csv": [("/spending.csv", PUBLIC)],
    "/spending.json": [("/spending.json", PUBLIC)],
    "/spending/totals.csv": [("/spending/totals.csv", PUBLIC)],
    "/spending/<reference>": [("/spending/FP-2026-118204", PUBLIC)],
    "/spending/<reference>/revisions/<int:revision_id>": [
        ("/spending/FP-2026-118204/revisions/{spending_revision}", PUBLIC)],
    "/grants": [("/grants", PUBLIC), ("/grants?financial_year=2025-26", PUBLIC)],
    "/grants.atom": [("/grants.atom", PUBLIC)],
    "/grants.csv": [("/grants.csv", PUBLIC)],
    "/grants.json": [("/grants.json", PUBLIC)],
    "/grants/<slug>": [(GRANT, PUBLIC)],
    "/grants/<slug>/revisions/<int:revision_id>": [
        (GRANT + "/revisions/{grant_revision}", PUBLIC)],
    "/contracts": [("/contracts", PUBLIC), ("/contracts?financial_year=2025-26", PUBLIC)],
    "/contracts.atom": [("/contracts.atom", PUBLIC)],
    "/contracts.csv": [("/contracts.csv", PUBLIC)],
    "/contracts.json": [("/contracts.json", PUBLIC)],
    "/contracts/<slug>": [(CONTRACT, PUBLIC)],
    "/contracts/<slug>/revisions/<int:revision_id>": [
        (CONTRACT + "/revisions/{contract_revision}", PUBLIC)],
    "/contracts/<slug>/documents/<int:document_id>": [
        (CONTRACT + "/documents/{contract_document}", PUBLIC)],
    "/tenders": [("/tenders", PUBLIC), ("/tenders?financial_year=2025-26", PUBLIC)],
    "/tenders.atom": [("/tenders.atom", PUBLIC)],
    "/tenders.csv": [("/tenders.csv", PUBLIC)],
    "/tenders.json": [("/tenders.json", PUBLIC)],
    "/tenders/<slug>": [(TENDER, PUBLIC)],
    "/tenders/<slug>/revisions/<int:revision_id>": [
        (TENDER + "/revisions/{tender_revision}", PUBLIC)],
    "/tenders/<slug>/documents/<int:document_id>": [
        (TENDER + "/documents/{tender_document}", PUBLIC)],
    "/scrutiny": [("/scrutiny", PUBLIC)],
    "/scrutiny.atom": [("/scrutiny.atom", PUBLIC)],
    "/scrutiny.csv": [("/scrutiny.csv", PUBLIC)],
    "/scrutiny.json": [("/scrutiny.json", PUBLIC)],
    "/scrutiny/<slug>": [(SCRUTINY, PUBLIC)],
    "/scrutiny/<slug>/revisions/<int:revision_id>": [
        (SCRUTINY + "/revisions/{scrutiny_revision}", PUBLIC)],
    "/scrutiny/<slug>/documents/<int:document_id>": [
        (SCRUTINY + "/documents/{scrutiny_document}", PUBLIC)],
    "/meetings": [("/meetings", PUBLIC), ("/meetings?when=forthcoming", PUBLIC)],
    "/meetings.atom": [("/meetings.atom", PUBLIC)],
    "/meetings.csv": [("/meetings.csv", PUBLIC)],
    "/meetings.json": [("/meetings.json", PUBLIC)],
    "/meetings.ics": [("/meetings.ics", PUBLIC)],
    "/meetings/<slug>": [(MEETING, PUBLIC)],
    "/meetings/<slug>.ics": [(MEETING + ".ics", PUBLIC)],
    "/meetings/<slug>/revisions/<int:revision_id>": [
        (MEETING + "/revisions/{meeting_revision}", PUBLIC)],
    "/meetings/<slug>/documents/<int:document_id>": [
        (MEETING + "/documents/{meeting_document}", PUBLIC)],
    "/our-people": [("/our-people", PUBLIC), ("/our-people?group=Senior+staff", PUBLIC)],
    "/our-people.atom": [("/our-people.atom", PUBLIC)],
    "/our-people.csv": [("/our-people.csv", PUBLIC)],
    "/our-people.json": [("/our-people.json", PUBLIC)],
    "/our-people/<slug>": [(POST, PUBLIC)],
    "/our-people/<slug>/revisions/<int:revision_id>": [(POST + "/revisions/{post_revision}",
                                                        PUBLIC)],
    "/our-people/chart": [("/our-people/chart", PUBLIC)],
    "/workforce": [("/workforce", PUBLIC)],
    "/workforce.atom": [("/workforce.atom", PUBLIC)],
    "/workforce.csv": [("/workforce.csv", PUBLIC)],
    "/workforce.json": [("/workforce.json", PUBLIC)],
    "/workforce/<slug>": [(STAFF_COUNT, PUBLIC)],
    "/workforce/<slug>/revisions/<int:revision_id>": [
        (STAFF_COUNT + "/revisions/{workforce_revision}", PUBLIC)],
    "/gifts-and-hospitality": [("/gifts-and-hospitality", PUBLIC),
                               ("/gifts-and-hospitality?outcome=Declined", PUBLIC)],
    "/gifts-and-hospitality.atom": [("/gifts-and-hospitality.atom", PUBLIC)],
    "/gifts-and-hospitality.csv": [("/gifts-and-hospitality.csv", PUBLIC)],
    "/gifts-and-hospitality.json": [("/gifts-and-hospitality.json", PUBLIC)],
    "/gifts-and-hospitality/<reference>": [(GIFT, PUBLIC)],
    "/gifts-and-hospitality/<reference>/revisions/<int:revision_id>": [
        (GIFT + "/revisions/{gift_revision}", PUBLIC)],
    "/register-of-interests": [("/register-of-interests", PUBLIC),
                               ("/register-of-interests?on=2025-03-31", PUBLIC)],
    "/register-of-interests.atom": [("/register-of-interests.atom", PUBLIC)],
    "/register-of-interests.csv": [("/register-of-interests.csv?on=2025-03-31", PUBLIC)],
    "/register-of-interests.json": [("/register-of-interests.json", PUBLIC)],
    "/register-of-interests/<reference>": [(INTEREST, PUBLIC)],
    "/register-of-interests/<reference>/revisions/<int:revision_id>": [
        (INTEREST + "/revisions/{interest_revision}", PUBLIC)],
    "/budget": [("/budget", PUBLIC)],
    "/budget.atom": [("/budget.atom", PUBLIC)],
    "/budget.csv": [("/budget.csv", PUBLIC)],
    "/budget.json": [("/budget.json", PUBLIC)],
    "/budget/<slug>": [(BUDGET, PUBLIC)],
    "/budget/<slug>/revisions/<int:revision_id>": [
        (BUDGET + "/revisions/{budget_revision}", PUBLIC)],
    "/budget/<slug>/documents/<int:document_id>": [
        (BUDGET + "/documents/{budget_document}", PUBLIC)],
    "/hmicfrs-reports": [("/hmicfrs-reports", PUBLIC)],
    "/hmicfrs-reports.atom": [("/hmicfrs-reports.atom", PUBLIC)],
    "/hmicfrs-reports.csv": [("/hmicfrs-reports.csv", PUBLIC)],
    "/hmicfrs-reports.json": [("/hmicfrs-reports.json", PUBLIC)],
    "/hmicfrs-reports/<slug>": [(INSPECTION, PUBLIC)],
    "/hmicfrs-reports/<slug>/revisions/<int:revision_id>": [
        (INSPECTION + "/revisions/{inspection_revision}", PUBLIC)],
    "/hmicfrs-reports/<slug>/documents/<int:document_id>": [
        (INSPECTION + "/documents/{inspection_document}", PUBLIC)],
    "/hmicfrs-reports/recommendations": [("/hmicfrs-reports/recommendations?status=open",
                                          PUBLIC)],
    "/hmicfrs-reports/recommendations.csv": [("/hmicfrs-reports/recommendations.csv", PUBLIC)],
    "/search": [("/search?q=victims", PUBLIC), ("/search", PUBLIC)],
    "/search.csv": [("/search.csv?q=victims", PUBLIC)],
    "/search.json": [("/search.json?q=victims", PUBLIC)],
    "/static/<path:filename>": [("/static/favicon.svg", PUBLIC),
                                ("/static/dist/portal.css", PUBLIC)],
    "/complaint": [("/complaint", PUBLIC)],
    "/compliment": [("/compliment", PUBLIC)],
    "/review": [("/review", PUBLIC)],
    f"{KIND}/<slug>": [("/complaint/about", NO_STORE), ("/review/reference", NO_STORE)],
    f"{KIND}/check": [("/complaint/check", NO_STORE)],
    f"{KIND}/confirmation": [("/compliment/confirmation", NO_STORE)],
    f"{KIND}/delete-answers": [("/complaint/delete-answers", NO_STORE)],
    f"{KIND}/answers-deleted": [("/complaint/answers-deleted", NO_STORE)],
    f"{KIND}/timed-out": [("/complaint/timed-out", NO_STORE)],
    f"{KIND}/answers-status": [("/complaint/answers-status", NO_STORE)],
}


@pytest.fixture
def published(app, add_records, session):
    """One record of each kind, with an earlier version and a PDF where a kind has them;
    the numbers the example addresses need."""
    add_records(factories.decision(), factories.expense(), factories.policy(),
                factories.scrutiny(), factories.meeting(), factories.post(),
                factories.workforce(), factories.spending(), factories.grant(),
                factories.contract(), factories.tender(), factories.gift(),
                factories.interest(), factories.budget(), factories.inspection())
    numbers = {"expense": session.scalars(select(Expense.reference)).one()}
    for kind, model in (("post", Post), ("workforce", StaffSnapshot)):
        record = session.scalars(select(model)).one()
        revision = Revision(record_type=kind, record_id=record.id, kind="edited",
                            note="Corrected a typing mistake",
                            previous=BY_NAME[kind].keep(record))
        session.add(revision)
        session.flush()
        numbers[f"{kind}_revision"] = revision.id
    folder = Path(app.config["DOCUMENTS_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    for kind, model in (("decision", Decision), ("scrutiny", ScrutinyOutcome),
                        ("meeting", Meeting), ("grant", Grant), ("contract", Contract),
                        ("tender", Tender), ("gift", GiftOffer), ("interest", Interest),
                        ("budget", Budget), ("inspection", Inspection)):
        record = session.scalars(select(model)).one()
        revision = Revision(record_type=kind, record_id=record.id, kind="edited",
                            note="Corrected a typing mistake",
                            previous=BY_NAME[kind].keep(record))
        session.add(revision)
        session.flush()
        numbers[f"{kind}_revision"] = revision.id
        if not BY_NAME[kind].carries_documents:
            continue
        stored = f"{kind}-minutes".ljust(32, "0")
        (folder / stored).write_bytes(b"%PDF-1.4 minutes")
        document = RecordFile(record_type=kind, record_id=record.id, stored_name=stored,
                              original_name="Minutes.pdf", size=16, text="")
        session.add(document)
        session.flush()
        numbers[f"{kind}_document"] = document.id
    line = session.scalars(select(Spending)).one()
    correction = Revision(record_type="spending", record_id=line.id, kind="edited",
                          note="Amount corrected", previous=BY_NAME["spending"].keep(line))
    session.add(correction)
    session.flush()
    numbers["spending_revision"] = correction.id
    session.commit()
    return numbers


def public_addresses(app):
    return {rule.rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and not rule.rule.startswith("/staff")}


def test_every_address_the_public_can_reach_has_a_caching_example(app):
    missing = public_addresses(app) - set(EXAMPLES)
    assert not missing, f"add an example to EXAMPLES for {sorted(missing)}"
    assert not set(EXAMPLES) - public_addresses(app), "EXAMPLES names an address that is gone"


def caching_problems(client, path, expected):
    response = client.get(path)
    cache_control = response.headers.get("Cache-Control")
    if expected == NO_STORE:
        return [] if cache_control == "no-store" else [f"{path}: Cache-Control {cache_control}"]
    if response.status_code not in (200, 404) or cache_control != "public, max-age=0, s-maxage=300":
        return [f"{path}: {response.status_code}, Cache-Control {cache_control}"]
    if "Set-Cookie" in response.headers or "Cookie" in response.headers.get("Vary", ""):
        return [f"{path}: a public page that touches the session"]
    etag = response.headers.get("ETag")
    if not etag:
        return [f"{path}: no ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    if again.status_code != 304 or again.get_data() != b"":
        return [f"{path}: revalidating with its ETag gave {again.status_code}"]
    if again.headers.get("Cache-Control") != cache_control:
        return [f"{path}: the 304 says Cache-Control {again.headers.get('Cache-Control')}"]
    return []


def test_public_pages_are_cacheable_and_revalidate_and_the_rest_is_never_stored(
        app, published):
    client = app.test_client()  # a visitor with no cookie at all
    problems = []
    for examples in EXAMPLES.values():
        for path, expected in examples:
            problems += caching_problems(client, path.format(**published), expected)
            client.delete_cookie("session", domain="portal.test")
    assert not problems, "\n".join(problems)


def test_the_time_public_pages_may_be_kept_is_a_setting(app, client):
    app.config["PUBLIC_CACHE_SECONDS"] = 30
    assert client.get("/decisions").headers["Cache-Control"] == "public, max-age=0, s-maxage=30"
    app.config["PUBLIC_CACHE_SECONDS"] = 0
    assert client.get("/decisions").headers["Cache-Control"] == "public, no-cache"


def test_every_staff_page_is_never_stored_signed_in_or_not(app, client):
    rules = [rule for rule in app.url_map.iter_rules()
             if rule.rule.startswith("/staff") and "GET" in rule.methods]
    assert rules
    for rule in rules:
        response = client.get(address(rule))
        assert response.headers["Cache-Control"] == "no-store", rule.rule
    sign_in_as(app, client, ["admin", "publisher", "resolution"])
    for rule in rules:
        response = client.get(address(rule))
        assert response.headers["Cache-Control"] == "no-store", rule.rule


def test_a_public_page_that_reads_the_visitors_session_is_not_cached(app, client):
    with client.session_transaction() as cookie:
        cookie["_flashes"] = [("done", "Decision 2025/014 published")]
    response = client.get("/decisions")
    assert "Decision 2025/014 published" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_streamed_download_changes_its_etag_when_the_data_changes(app, client,
                                                                    add_records):
    add_records(factories.decision())
    first = client.get("/decisions.csv")
    assert first.headers["ETag"].startswith('W/"')  # fingerprinted before streaming
    same = client.get("/decisions.csv", headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304
    add_records(factories.decision("2025/015", title="Estates strategy"))
    changed = client.get("/decisions.csv", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert "Estates strategy" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != first.headers["ETag"]


def test_a_page_revalidates_to_its_new_content_once_a_record_changes(client, add_records):
    add_records(factories.decision())
    first = client.get("/decisions")
    add_records(factories.decision(title="A corrected title"))
    changed = client.get("/decisions", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert "A corrected title" in changed.get_data(as_text=True)


def test_an_unchanged_page_is_answered_304_before_it_reads_a_record_or_renders(
        app, client, add_records):
    add_records(factories.decision())
    first = client.get("/decisions/2025-014")
    statements: list[str] = []
    rendered: list[str] = []

    def seen(_connection, _cursor, statement, *_arguments):
        statements.append(statement)

    engine = app.extensions["portal_db"].engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with template_rendered.connected_to(lambda _app, template, context: rendered.append(
                template.name), app):
            again = client.get("/decisions/2025-014",
                               headers={"If-None-Match": first.headers["ETag"]})
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert again.status_code == 304
    assert rendered == []
    assert not [statement for statement in statements if "decision" in statement.lower()]
    assert len(statements) <= 2, statements


def test_a_change_made_by_a_bulk_statement_changes_every_pages_etag(app, client, session,
                                                                    add_records):
    add_records(factories.decision())
    first = client.get("/decisions")
    session.execute(update(Decision).values(title="Retitled in bulk"))
    session.commit()
    changed = client.get("/decisions", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert "Retitled in bulk" in changed.get_data(as_text=True)


def test_a_change_rolled_back_leaves_the_etag_as_it_was(client, session, add_records):
    add_records(factories.decision())
    first = client.get("/decisions")
    session.execute(update(Decision).values(title="Never saved"))
    session.rollback()
    same = client.get("/decisions", headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304


def test_only_a_change_to_what_the_public_sees_moves_the_data_version(session, add_records):
    # Staff accounts and case work share the database but appear on no public page: a
    # change to them must neither change the pages' ETags nor wait on the version's row.
    before = data_version(session)
    accounts.create_user(session, "new@example.org", "a long enough password", ["publisher"])
    session.commit()
    assert data_version(session) == before
    add_records(factories.decision())
    assert data_version(session) != before
