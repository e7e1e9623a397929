"""Security headers on every response."""

import pytest


@pytest.mark.parametrize("address", ["/", "/decisions.csv", "/expenses.json", "/no-such-page",
                                     "/static/dist/portal.css"])
def test_every_response_carries_the_security_headers(client, address):
    response = client.get(address)
    response.close()
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(client):
    page = client.get("/").get_data(as_text=True)
    assert "<script>" not in page
    assert '<script type="module" src="/static/js/portal.mjs"></script>' in page


def test_the_health_check_answers(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
