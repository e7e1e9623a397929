"""A live portal with the demo data, served on a free local port, and Debian's Chromium."""

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from portal import create_app
from portal.ratelimit import limiter
from tests import moments
from tests.clock import travel_to
from tests.databases import fresh_schema, in_schema, postgres_url

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'portal.sqlite3'}"
    postgres = postgres_url()
    if postgres:
        # A schema of its own: the other tests empty the public one as they go.
        fresh_schema(postgres, "browser")
        url = in_schema(postgres, "browser")
    os.environ["INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "browser-test-secret",
                      "INTAKE_SUBMISSION_LIMIT": "1000 per minute",
                      "DEMO_SPENDING_PER_MONTH": 10})
    # As `make run` does: the demo data, then the search index built from it. The demo's
    # cases arrived in the days before now: the now the tests run at.
    with travel_to(moments.DEFAULT):
        loaded = app.test_cli_runner().invoke(args=["demo"])
    assert loaded.exit_code == 0, loaded.output
    return app


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    app = live_app
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(autouse=True)
def fresh_rate_limits(live_app: Flask) -> None:
    """Every test starts at the same moment, so the sign-ins of the tests before would
    all count as made in the same minute as this test's."""
    limiter.reset()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (run scripts/ensure-chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_without_javascript(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()
