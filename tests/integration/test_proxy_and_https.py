"""Forwarded headers are believed only from configured proxies; HTTPS when asked for."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request

from portal import create_app
from tests.conftest import AuditingClient

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "transparency.fernshire-pcc.example"}
# With FORCE_HTTPS the test client would otherwise default to https.
PLAIN = "http://localhost"


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    made: list[Flask] = []

    def make(**settings: Any) -> Flask:
        app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                          "SECRET_KEY": "test-secret-key",
                          "SEARCH_INDEX_PATH": str(tmp_path / "search"), **settings})
        app.test_client_class = AuditingClient

        @app.get("/whoami-for-test")
        def whoami() -> dict[str, str | None]:
            return {"address": request.remote_addr, "scheme": request.scheme,
                    "host": request.host}

        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["portal_db"].engine.dispose()


def test_forwarded_headers_are_ignored_unless_a_proxy_is_trusted(make_app):
    client = make_app().test_client()
    seen = client.get("/whoami-for-test", headers=FORWARDED).get_json()
    assert seen == {"address": "127.0.0.1", "scheme": "http", "host": "localhost"}


def test_the_trusted_proxys_headers_give_the_clients_address_and_scheme(make_app):
    client = make_app(TRUSTED_PROXIES=1).test_client()
    seen = client.get("/whoami-for-test", headers={
        **FORWARDED, "X-Forwarded-For": "198.51.100.7, 203.0.113.9"}).get_json()
    # Only the last hop is the trusted proxy's; the address before it could be made up.
    assert seen == {"address": "203.0.113.9", "scheme": "https",
                    "host": "transparency.fernshire-pcc.example"}


def test_without_https_nothing_is_redirected_or_marked_secure(make_app):
    client = make_app().test_client()
    page = client.get("/complaint/about")
    assert page.status_code == 200
    assert "Strict-Transport-Security" not in page.headers
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" not in cookie


def test_with_https_plain_http_is_redirected_keeping_the_method(make_app):
    client = make_app(FORCE_HTTPS=True).test_client()
    page = client.get("/decisions?year=2025", base_url=PLAIN)
    assert page.status_code == 301
    assert page.headers["Location"] == "https://localhost/decisions?year=2025"
    posted = client.post("/complaint/about", data={"about": "officer"}, base_url=PLAIN)
    assert posted.status_code == 308
    assert posted.headers["Location"] == "https://localhost/complaint/about"


def test_with_https_the_probes_still_answer_over_plain_http(make_app):
    client = make_app(FORCE_HTTPS=True).test_client()
    assert client.get("/healthz", base_url=PLAIN).status_code == 200
    assert client.get("/readyz", base_url=PLAIN).status_code == 200


def test_with_https_pages_carry_hsts_and_secure_cookies(make_app):
    client = make_app(FORCE_HTTPS=True).test_client()
    page = client.get("/complaint/about", base_url="https://localhost")
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = page.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]


def test_https_behind_a_trusted_proxy_is_recognised(make_app):
    client = make_app(FORCE_HTTPS=True, TRUSTED_PROXIES=1).test_client()
    page = client.get("/decisions", headers=FORWARDED, base_url=PLAIN)
    assert page.status_code == 200
    assert "Strict-Transport-Security" in page.headers


def test_a_forwarded_scheme_from_an_untrusted_client_is_not_believed(make_app):
    client = make_app(FORCE_HTTPS=True).test_client()
    page = client.get("/decisions", headers=FORWARDED, base_url=PLAIN)
    assert page.status_code == 301
    assert "Strict-Transport-Security" not in page.headers


@pytest.mark.parametrize("address", ["/", "/complaint/about", "/search?q=budget",
                                     "/staff/sign-in", "/no-such-page"])
def test_over_https_pages_still_have_no_inline_script(make_app, address):
    client = make_app(FORCE_HTTPS=True).test_client()
    page = client.get(address, base_url="https://localhost")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = page.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"
