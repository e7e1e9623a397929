"""The database goes away: the public listings and records answer a plain "service
unavailable" page (503) saying what to do next, never a server error, and come back with
it."""

import pytest

from tests import factories
from tests.integration.test_intake_outage import database_unreachable

PAGES = ["/", "/decisions", "/decisions/2025-014", "/expenses", "/policies",
         "/policies/complaints-handling", "/scrutiny", "/scrutiny/peel-response"]
DOWNLOADS = ["/decisions.json", "/decisions.csv", "/expenses.json", "/scrutiny.atom"]
INTERNALS = ("psycopg", "OperationalError", "Traceback", "127.0.0.1", "connection")


@pytest.fixture
def published(add_records):
    add_records(factories.decision(), factories.expense(),
                factories.policy(slug="complaints-handling"),
                factories.scrutiny(slug="peel-response"))


@pytest.mark.parametrize("address", PAGES)
def test_a_page_says_the_service_is_unavailable_and_what_to_do(app, client, published,
                                                               address):
    with database_unreachable(app):
        response = client.get(address)
    assert response.status_code == 503
    assert response.headers["Cache-Control"] == "no-store"  # no cache keeps the outage
    page = response.get_data(as_text=True)
    assert "<h1 class=\"govuk-heading-l\">Sorry, the service is unavailable</h1>" in page
    assert "Try again in a few minutes" in page and "call 999" in page
    assert not any(word in page for word in INTERNALS)
    assert client.get(address).status_code == 200  # and back once the database is


@pytest.mark.parametrize("address", DOWNLOADS)
def test_a_download_says_so_in_its_own_format_or_plainly(app, client, published, address):
    with database_unreachable(app):
        response = client.get(address)
    assert response.status_code == 503
    assert not any(word in response.get_data(as_text=True) for word in INTERNALS)
    if address.endswith(".json"):
        assert response.get_json()["error"]["status"] == 503


def test_only_the_kind_of_failure_is_logged(app, client, published, caplog):
    with database_unreachable(app):
        client.get("/decisions")
    logged = [record for record in caplog.records if record.name == "portal.errors"]
    assert [record.getMessage() for record in logged] == [
        "The database cannot be reached: OperationalError"]
