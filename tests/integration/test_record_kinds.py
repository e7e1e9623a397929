"""Every kind of published record is held to the same standard: a kind declared in
`content/kinds.py` that is missing from search, the open data, the documentation, the
demo data, the import or staff publishing fails here, by name."""

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from flask import url_for
from sqlalchemy import select

from content.demo_data import generate_demo_records
from content.exports import COLUMN_MEANINGS
from content.kinds import KINDS, RecordKind, with_documents
from content.models import RecordFile
from portal.kinds import BY_NAME, PAGES
from tests import factories
from tests.integration.test_meta import PUBLIC_ROUTES
from tests.integration.test_staff_queue import signed_in

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ONE_OF_EACH = {"decision": factories.decision, "expense": factories.expense,
               "policy": factories.policy, "scrutiny": factories.scrutiny,
               "meeting": factories.meeting, "post": factories.post,
               "workforce": factories.workforce, "spending": factories.spending,
               "grant": factories.grant, "contract": factories.contract,
               "tender": factories.tender, "gift": factories.gift,
               "interest": factories.interest, "budget": factories.budget,
               "inspection": factories.inspection}
by_kind = pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)


def test_every_kind_has_its_web_side_and_an_example_record():
    assert {pages.kind.name for pages in PAGES} == {kind.name for kind in KINDS}
    assert set(ONE_OF_EACH) == {kind.name for kind in KINDS}


@by_kind
def test_a_kind_is_found_by_search_and_counted_in_its_facet(client, add_records,
                                                            kind: RecordKind):
    add_records(ONE_OF_EACH[kind.name]())
    page = BeautifulSoup(client.get("/search").get_data(as_text=True), "html.parser")
    facets = [link.get_text(" ", strip=True) for link in page.select("a")]
    assert f"{kind.plural} (1)" in facets
    narrowed = client.get("/search.json", query_string={"type": kind.name}).get_json()
    assert narrowed["total"] == 1
    assert narrowed["records"][0]["type"] == kind.name


@by_kind
def test_a_kind_has_csv_json_and_atom_downloads_of_its_collection(client, add_records,
                                                                  kind: RecordKind):
    add_records(ONE_OF_EACH[kind.name]())
    collection = BY_NAME[kind.name].collection
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/{collection}.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 and list(rows[0]) == [*kind.export_columns, "url"]
    document = json.loads(client.get(f"/{collection}.json").get_data(as_text=True))
    assert document["total"] == 1
    assert set(kind.export_columns) <= set(document["records"][0])
    feed = feedparser.parse(client.get(f"/{collection}.atom").get_data(as_text=True))
    assert feed.feed.title.endswith(kind.plural) or kind.plural in feed.feed.title
    assert len(feed.entries) == 1
    assert feed.entries[0].link == rows[0]["url"]
    assert client.get(feed.entries[0].link).status_code == 200


@by_kind
def test_a_kinds_open_data_columns_are_explained_on_using_our_data(client, kind: RecordKind):
    page = BeautifulSoup(client.get("/using-our-data").get_data(as_text=True), "html.parser")
    headings = [heading.get_text(strip=True) for heading in page.select("h3")]
    assert kind.plural in headings
    unexplained = [column for column in kind.export_columns if column not in COLUMN_MEANINGS]
    assert not unexplained


@by_kind
def test_a_kinds_addresses_are_in_the_route_snapshot_and_the_readme(kind: RecordKind):
    collection = BY_NAME[kind.name].collection
    for suffix in ("", ".csv", ".json", ".atom"):
        assert f"/{collection}{suffix}" in PUBLIC_ROUTES
    assert f"`/{collection}`" in README
    assert f'{{"type":"{kind.name}"' in README, f"the README shows no {kind.name} import line"


@by_kind
def test_a_kind_is_reachable_from_the_home_page_and_the_header(client, kind: RecordKind):
    collection = f"/{BY_NAME[kind.name].collection}"
    home = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    assert home.select_one(f'main a[href="{collection}"]'), f"{collection} is not on the home page"
    header = home.select_one('nav[aria-label="Main sections"]')
    assert header.select_one('a[href="/publications"]')
    everything = BeautifulSoup(client.get("/publications").get_data(as_text=True), "html.parser")
    for suffix in ("", ".csv", ".json", ".atom"):
        assert everything.select_one(f'main a[href="{collection}{suffix}"]'), \
            f"/publications does not link {collection}{suffix}"


@by_kind
def test_a_kind_is_in_the_demo_data(kind: RecordKind):
    assert any(record["type"] == kind.name for record in generate_demo_records())


@by_kind
def test_a_kind_imports_from_json_lines(runner, tmp_path, client, kind: RecordKind):
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(ONE_OF_EACH[kind.name]()) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    collection = BY_NAME[kind.name].collection
    assert client.get(f"/{collection}.json").get_json()["total"] == 1


@by_kind
def test_a_kind_has_a_staff_publishing_page_linked_from_the_content_home(app, client,
                                                                        kind: RecordKind):
    signed_in(app, client, "pub@example.org", ["publisher"])
    with app.test_request_context():
        address = url_for(BY_NAME[kind.name].staff_listing)
    home = client.get("/staff/content").get_data(as_text=True)
    assert f'href="{address}"' in home
    assert client.get(address).status_code == 200


@pytest.mark.parametrize("kind", list(with_documents()), ids=lambda kind: kind.name)
def test_a_record_found_through_its_pdf_shows_the_pdfs_words_highlighted(
        client, add_records, session, kind: RecordKind):
    add_records(ONE_OF_EACH[kind.name]())
    record = session.scalars(select(kind.model)).one()
    session.add(RecordFile(record_type=kind.name, record_id=record.id,
                           original_name="Evaluation.pdf", stored_name="a" * 32, size=10,
                           text="An independent evaluation of the quadbike marking scheme "
                                "found thefts fell by a third."))
    # As the staff page does: the record's search entry now includes the document's text.
    record.updated_at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    session.commit()
    page = BeautifulSoup(client.get("/search?q=quadbike").get_data(as_text=True),
                         "html.parser")
    snippet = page.select_one(".portal-snippet")
    assert snippet is not None
    assert [mark.get_text() for mark in snippet.select("mark")] == ["quadbike"]
    assert "marking scheme" in snippet.get_text()
