"""HTTP caching over every address: anonymous public pages and downloads may be kept by a
shared cache for a short time and are revalidated with an ETag (304 Not Modified); forms,
staff pages, health checks and anything that touches a visitor's session are no-store.

Every address the portal answers needs an example below, so a new page cannot be added
without its caching being checked.
"""

from pathlib import Path

import pytest
from sqlalchemy import select

from content.kinds import BY_NAME
from content.models import (
    Decision,
    Expense,
    Inspection,
    RecordFile,
    Revision,
    ScrutinyOutcome,
)
from tests import factories
from tests.integration.test_staff_access import address, sign_in_as

KIND = "/<any(complaint, compliment, review):kind>"
PUBLIC, NO_STORE = "public", "no-store"
DECISION = "/decisions/2025-014"
POLICY = "/policies/complaints-handling-policy"
SCRUTINY = "/scrutiny/2025-02-10-response-to-the-peel-inspection"
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
    "/scrutiny": [("/scrutiny", PUBLIC)],
    "/scrutiny.atom": [("/scrutiny.atom", PUBLIC)],
    "/scrutiny.csv": [("/scrutiny.csv", PUBLIC)],
    "/scrutiny.json": [("/scrutiny.json", PUBLIC)],
    "/scrutiny/<slug>": [(SCRUTINY, PUBLIC)],
    "/scrutiny/<slug>/revisions/<int:revision_id>": [
        (SCRUTINY + "/revisions/{scrutiny_revision}", PUBLIC)],
    "/scrutiny/<slug>/documents/<int:document_id>": [
        (SCRUTINY + "/documents/{scrutiny_document}", PUBLIC)],
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
                factories.scrutiny(), factories.inspection())
    numbers = {"expense": session.scalars(select(Expense.reference)).one()}
    folder = Path(app.config["DOCUMENTS_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    for kind, model in (("decision", Decision), ("scrutiny", ScrutinyOutcome),
                        ("inspection", Inspection)):
        record = session.scalars(select(model)).one()
        revision = Revision(record_type=kind, record_id=record.id, kind="edited",
                            note="Corrected a typing mistake",
                            previous=BY_NAME[kind].keep(record))
        stored = f"{kind}-minutes".ljust(32, "0")
        (folder / stored).write_bytes(b"%PDF-1.4 minutes")
        document = RecordFile(record_type=kind, record_id=record.id, stored_name=stored,
                              original_name="Minutes.pdf", size=16, text="")
        session.add_all([revision, document])
        session.flush()
        numbers[f"{kind}_revision"], numbers[f"{kind}_document"] = revision.id, document.id
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
