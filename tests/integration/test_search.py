"""The search page, its downloads, and the index kept in step with the database, with
each search backend (`search_backend` below; PostgreSQL when TEST_DATABASE_URL is set)."""

import csv
import html
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from whoosh import index as whoosh_index

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
    Policy,
    Post,
    ScrutinyOutcome,
    SearchPending,
    Spending,
    StaffSnapshot,
    Tender,
)
from portal.indexing import search_index, sync_pending
from search.tantivy_engine import TantivyIndex
from tests import factories
from tests.search_backends import BACKENDS, chosen_backend

TITLE = re.compile(r'portal-record-list__title"><a class="govuk-link" href="([^"]+)">([^<]+)</a>')
FILES_ONLY = pytest.mark.parametrize("search_backend", ["tantivy", "whoosh"])


@pytest.fixture(params=BACKENDS)
def search_backend(request):
    return chosen_backend(request, request.param)


def titles(client, query_string):
    response = client.get("/search", query_string=query_string)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return [html.unescape(title) for _href, title in TITLE.findall(response.get_data(as_text=True))]


@pytest.fixture
def mixed_records(add_records):
    add_records(
        factories.decision("2024/003", title="Estates strategy for police buildings",
                           date="2024-05-01", category="Estates",
                           summary="Selling two police stations.", body="The estate is old."),
        factories.decision("2025/014", title="Award of the victims' services contract",
                           date="2025-03-05", body="Contracts for support services."),
        factories.decision("2025/020", title="Road safety partnership grant", date="2025-06-01",
                           decision_maker="Deputy Police and Crime Commissioner",
                           category="Grants", body="Speed cameras near schools."),
        factories.expense("Rail fare to the estates conference", date="2024-11-02"),
        factories.expense("Hotel for the victims' services summit", date="2025-04-20",
                          category="Accommodation", amount="120.00"),
        factories.policy("Estates and facilities policy", approved="2023-01-01"),
        factories.scrutiny("Custody visiting report", kind="Independent custody visiting report",
                           summary="Visitors checked the welfare of detained people.",
                           body="The use of force was recorded correctly."),
    )


def test_results_show_title_type_date_reference_and_a_highlighted_snippet(client, mixed_records):
    page = client.get("/search?q=speed+cameras").get_data(as_text=True)
    assert "<strong>1</strong> result for ‘speed cameras’" in page
    assert "Road safety partnership grant" in page
    assert "Decision · 2025/020 · 1 June 2025" in page
    assert "<mark>Speed</mark> <mark>cameras</mark> near schools." in page
    assert 'href="/decisions/2025-020"' in page


def test_a_reference_goes_straight_to_that_record(client, mixed_records, session):
    response = client.get("/search?q=2025/014")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/decisions/2025-014")
    expense = session.scalars(select(Expense).where(Expense.description.like("Hotel%"))).one()
    response = client.get("/search", query_string={"q": expense.reference.lower()})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/expenses/{expense.reference}"


def test_an_unknown_reference_is_searched_for_as_text(client, mixed_records):
    response = client.get("/search?q=2019/999")
    assert response.status_code == 200
    assert "No results for ‘2019/999’" in response.get_data(as_text=True)


def test_stemming_and_phrases_work_on_the_page(client, mixed_records):
    assert titles(client, {"q": "contract"}) == ["Award of the victims' services contract"]
    assert titles(client, {"q": '"use of force"'}) == ["Custody visiting report"]
    assert titles(client, {"q": '"force use"'}) == []


def test_filters_by_type_dates_category_and_person(client, mixed_records):
    assert set(titles(client, {"q": "estates", "type": "decision"})) == {
        "Estates strategy for police buildings"}
    assert set(titles(client, {"q": "victims", "from": "2025-04-01"})) == {
        "Hotel for the victims' services summit", "Road safety partnership grant"}
    assert set(titles(client, {"q": "victims", "to": "31/3/2025"})) == {
        "Award of the victims' services contract"}
    assert titles(client, {"type": "decision", "decision_maker":
                           "Deputy Police and Crime Commissioner"}) == [
        "Road safety partnership grant"]
    assert titles(client, {"type": "expense", "category": "Accommodation"}) == [
        "Hotel for the victims' services summit"]
    assert set(titles(client, {"financial_year": "2024-25"})) == {
        "Estates strategy for police buildings", "Award of the victims' services contract",
        "Rail fare to the estates conference", "Custody visiting report"}


def facet_counts(page, heading):
    section = page.split(heading, 1)[1].split("</ul>", 1)[0]
    return {label: int(number.replace(",", "")) for label, number in
            re.findall(r">([A-Za-z0-9£ ]+) \(([\d,]+)\)<", section)}


def test_facet_counts_equal_the_databases_own_counts(client, runner, session):
    assert runner.invoke(args=["demo"]).exit_code == 0
    page = client.get("/search").get_data(as_text=True)
    published = {
        "Decisions": select(func.count()).select_from(Decision),
        "Expenses": select(func.count()).select_from(Expense),
        "Policies": select(func.count()).select_from(Policy).where(Policy.is_current),
        "Scrutiny outcomes": select(func.count()).select_from(ScrutinyOutcome),
        "Meetings": select(func.count()).select_from(Meeting),
        "Senior staff and office holders": select(func.count()).select_from(Post),
        "Staff numbers": select(func.count()).select_from(StaffSnapshot),
        "Spending over £500": select(func.count()).select_from(Spending),
        "Crime and disorder reduction grants": select(func.count()).select_from(Grant),
        "Contracts": select(func.count()).select_from(Contract),
        "Invitations to tender": select(func.count()).select_from(Tender),
        "Gifts and hospitality": select(func.count()).select_from(GiftOffer),
        "Register of interests": select(func.count()).select_from(Interest),
        "Budget and precept": select(func.count()).select_from(Budget),
        "HMICFRS reports": select(func.count()).select_from(Inspection),
    }
    expected = {label: session.scalar(statement) for label, statement in published.items()}
    assert facet_counts(page, "Results by type") == expected
    by_year = facet_counts(page, "Results by year")
    assert sum(by_year.values()) == sum(expected.values())
    decisions_2025 = session.scalar(select(func.count()).select_from(Decision).where(
        Decision.date.between(date(2025, 1, 1), date(2025, 12, 31))))
    filtered = client.get("/search?type=decision").get_data(as_text=True)
    assert facet_counts(filtered, "Results by year")["2025"] == decisions_2025


def test_facet_links_apply_the_filter_and_keep_the_query(client, mixed_records):
    page = client.get("/search?q=estates").get_data(as_text=True)
    assert 'href="/search?q=estates&amp;type=policy">Policies (1)</a>' in page
    assert 'href="/search?q=estates&amp;from=2024-01-01&amp;to=2024-12-31">2024 (2)</a>' in page


def test_a_snippet_can_never_inject_markup(client, add_records):
    add_records(factories.decision("2025/030", title="Budget <b>bold</b> title",
                                   body="The budget `<img src=x onerror=alert(1)>` line."))
    page = client.get("/search?q=budget").get_data(as_text=True)
    assert "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Budget &lt;b&gt;bold&lt;/b&gt; title" in page


def test_a_misspelt_word_offers_a_suggestion(client, mixed_records):
    page = client.get("/search?q=custdy").get_data(as_text=True)
    assert 'Did you mean <a class="govuk-link" href="/search?q=custody">custody</a>?' in page


def test_zero_results_explain_what_to_try(client, mixed_records):
    page = client.get("/search?q=zebra&type=policy").get_data(as_text=True)
    assert "No results for ‘zebra’" in page
    assert "checking the spelling" in page
    assert 'href="/search?q=zebra">removing the filters</a>' in page


# Each of these is asked of one portal per backend, rather than of a portal built for each.
ODD_QUERIES = [
    "", " ", '"', '"unbalanced', "AND OR NOT", "NOT", "*", "?", "estates~", "title:estates",
    "\x00\x01\x1b[31m", "\u202eestates", "警察 犯罪", "شرطة", "Ж" * 600, "x" * 10_000,
    "<script>alert(1)</script>", "' OR 1=1 --", "%00", "((((", "-", '-"', "a b c d e f g h i j k l m n",
]
BAD_FILTERS = [
    ({"from": "31/02/2025"}, "The ‘from’ date"),
    ({"to": "tomorrow"}, "The ‘to’ date"),
    ({"from": "2025-05-01", "to": "2025-04-01"}, "must be on or after"),
    ({"type": "memo"}, "Type"),
    ({"sort": "random"}, "Sort order"),
    ({"page": "0"}, "Page"),
    ({"financial_year": "24/25/26"}, "financial year"),
]


def test_any_query_gives_a_page_never_an_error(client, mixed_records):
    for text in ODD_QUERIES:
        response = client.get("/search", query_string={"q": text})
        assert response.status_code == 200, text
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True), text


def test_a_bad_filter_is_a_400_page_that_says_what_to_fix(client, mixed_records):
    for query_string, message in BAD_FILTERS:
        response = client.get("/search", query_string={"q": "estates", **query_string})
        assert response.status_code == 400, query_string
        page = response.get_data(as_text=True)
        assert "There is a problem" in page and message in page, query_string
        assert client.get("/search.json", query_string=query_string).status_code == 400
        assert client.get("/search.csv", query_string=query_string).status_code == 400


def test_a_page_beyond_the_last_says_so(client, mixed_records):
    page = client.get("/search?q=estates&page=50").get_data(as_text=True)
    assert "There are only 1 page of results" in page


def test_downloads_hold_every_match_with_the_same_filters(client, add_records):
    add_records(*[factories.expense(f"Train ticket {n}", date=f"2025-01-{n:02d}")
                  for n in range(1, 31)],
                factories.decision("2025/040", title="Train station policing"))
    document = client.get("/search.json?q=train&type=expense").get_json()
    assert document["total"] == 30 and document["returned"] == 30
    assert document["limit"] == 10_000
    first = document["records"][0]
    assert first["type"] == "expense" and first["url"].startswith("http://portal.test/expenses/")
    assert {record["title"] for record in document["records"]} == {
        f"Train ticket {n}" for n in range(1, 31)}
    response = client.get("/search.csv?q=train&sort=newest")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert response.headers["Content-Type"].startswith("text/csv")
    assert len(rows) == 31
    assert rows[0]["title"] == "Train station policing"
    assert rows[1]["title"] == "Train ticket 30"
    assert list(rows[0]) == ["type", "reference", "title", "date", "category", "person",
                             "amount", "url"]


def test_each_collection_has_a_search_within_box(client, mixed_records):
    for address, kind in (("/decisions", "decision"), ("/expenses", "expense"),
                          ("/policies", "policy"), ("/scrutiny", "scrutiny")):
        page = client.get(address).get_data(as_text=True)
        form = page.split('class="portal-search-within', 1)[1].split("</form>", 1)[0]
        assert 'action="/search"' in form
        assert f'<input type="hidden" name="type" value="{kind}">' in form
    assert titles(client, {"type": "policy", "q": "estates"}) == ["Estates and facilities policy"]


def test_only_the_current_version_of_a_policy_is_found(client, add_records):
    add_records(factories.policy("Vetting policy", version="1.0", body="Old vetting rules."))
    add_records(factories.policy("Vetting policy", version="2.0", approved="2025-01-01",
                                 body="New vetting rules."))
    page = client.get("/search?q=vetting").get_data(as_text=True)
    assert "<strong>1</strong> result" in page
    assert 'href="/policies/vetting-policy"' in page


# The index kept in step with the database

@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


def test_changes_are_searchable_as_soon_as_they_are_committed(client, add_records, session,
                                                              app_context):
    add_records(factories.decision("2025/050", title="Drone unit funding"))
    assert titles(client, {"q": "drone"}) == ["Drone unit funding"]

    add_records(factories.decision("2025/050", title="Helicopter unit funding"))
    assert titles(client, {"q": "drone"}) == []
    assert titles(client, {"q": "helicopter"}) == ["Helicopter unit funding"]

    decision = session.scalars(select(Decision)).one()
    decision.published_at = None
    session.commit()
    assert titles(client, {"q": "helicopter"}) == []

    decision.published_at = decision.created_at
    session.commit()
    assert titles(client, {"q": "helicopter"}) == ["Helicopter unit funding"]

    session.delete(decision)
    session.commit()
    assert titles(client, {"q": "helicopter"}) == []
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0
    assert search_index().document_keys() == set()


@contextmanager
def written_by_another_process(index) -> Iterator[None]:
    """Another process holding the index's write lock meanwhile."""
    if isinstance(index, TantivyIndex):
        with TantivyIndex(index.folder).batch():
            yield
        return
    other_writer = whoosh_index.open_dir(str(index.live_directory)).writer()
    try:
        yield
    finally:
        other_writer.cancel()


@FILES_ONLY
def test_a_change_made_while_the_index_is_busy_stands_and_is_applied_later(
        app, client, add_records, session, app_context):
    with written_by_another_process(search_index()):
        add_records(factories.decision("2025/060", title="Mounted section review"))
    assert session.scalar(select(func.count()).select_from(Decision)) == 1
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 1
    assert titles(client, {"q": "mounted"}) == []

    # The next change drains the queue, so the index catches up.
    add_records(factories.expense("Saddle repairs"))
    assert titles(client, {"q": "mounted"}) == ["Mounted section review"]
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0


def test_reindex_rebuilds_from_the_database_and_drains_the_queue(app, runner, add_records,
                                                                 session, client, app_context,
                                                                 clock):
    add_records(*[factories.decision(f"2025/{n:03d}", title=f"Decision number {n}")
                  for n in range(1, 21)])
    index = search_index()
    index.apply([], removals=[f"decision:{n}" for n in range(1, 11)])  # the index drifted
    session.add(SearchPending(record_type="decision", record_id=999_999,
                              queued_at=clock.now))
    session.commit()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 20 published records." in result.output
    assert len(titles(client, {"q": "decision", "type": "decision"})) == 20
    assert session.scalar(select(func.count()).select_from(SearchPending)) == 0
    assert sync_pending(app.extensions["portal_db"].sessions, index) == 0


@FILES_ONLY
def test_db_upgrade_rebuilds_an_index_from_an_older_version(runner, add_records, client,
                                                            app_context):
    add_records(factories.decision("2025/070", title="Firearms licensing fees"))
    index = search_index()
    (index.live_directory / "SCHEMA_VERSION").write_text("1")
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "will be rebuilt" in result.output
    assert index.has_current_schema()
    assert titles(client, {"q": "firearms"}) == ["Firearms licensing fees"]


def cut_short(directory: Path) -> None:
    """Every file of an index cut short, as a full disk or a crash can leave them."""
    for path in directory.iterdir():
        if path.is_file() and path.name != "SCHEMA_VERSION":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@FILES_ONLY
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # Whoosh leaves damaged files to the GC
def test_reindex_repairs_a_damaged_index_and_the_running_portal_searches_again(
        app, runner, add_records, client, app_context):
    add_records(factories.decision("2025/080", title="Dog section kennels"))
    assert titles(client, {"q": "kennels"}) == ["Dog section kennels"]
    index = search_index()
    index.close()  # as a worker starting after the damage, with nothing open yet
    cut_short(index.live_directory)
    for _ in range(2):  # still broken, and still trying
        readiness = client.get("/readyz")
        assert readiness.status_code == 200  # the forms and records still work
        assert readiness.get_json()["degraded"] == ["search_index"]
        search_page = client.get("/search?q=kennels")
        assert search_page.status_code == 503
        assert "Search is not working at the moment" in search_page.get_data(as_text=True)
        assert client.get("/decisions").status_code == 200

    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 published records." in result.output
    assert client.get("/readyz").get_json()["status"] == "ready"
    assert titles(client, {"q": "kennels"}) == ["Dog section kennels"]


@FILES_ONLY
def test_reindex_rebuilds_when_the_index_folder_was_deleted(app, runner, add_records, client,
                                                            app_context):
    add_records(factories.decision("2025/090", title="Marine unit moorings"))
    index = search_index()
    index.close()
    for path in sorted(index.folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert titles(client, {"q": "moorings"}) == ["Marine unit moorings"]
