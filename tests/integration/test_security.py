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


def test_an_unexpected_failure_shows_the_site_styled_error_page(app, client):
    def broken() -> str:
        raise RuntimeError("something went wrong")

    app.add_url_rule("/broken-for-test", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/broken-for-test")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "something went wrong" not in page
