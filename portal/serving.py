"""Serving behind a reverse proxy: which forwarded headers to believe, and HTTPS.

TRUSTED_PROXIES says how many proxies stand in front of the portal. Only then are their
X-Forwarded-* headers believed; with none (the default) a client could otherwise claim
any address in X-Forwarded-For and so escape the per-client rate limits.

With FORCE_HTTPS on, plain http is redirected to https (except the health checks, which
load balancers call directly), responses carry Strict-Transport-Security, and cookies
are marked Secure so a browser never sends them over plain http.
"""

from typing import Any

from flask import Flask, redirect, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

HSTS = "max-age=31536000; includeSubDomains"
# Load balancers probe these over plain http on the private network.
PROBES = {"/healthz", "/readyz"}


def _redirect_to_https() -> Response | None:
    if request.is_secure or request.path in PROBES:
        return None
    # 308 keeps the method and body, so a form posted over http is not lost as a GET.
    code = 301 if request.method in ("GET", "HEAD") else 308
    return redirect(request.url.replace("http://", "https://", 1), code=code)


def _add_hsts(response: Response) -> Response:
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _release_unsent_file(response: Response) -> Response:
    """A 304 ("you have it already") sends no body, and the WSGI server then never closes
    the file a static response opened: close it here rather than leave it to the garbage
    collector, one open file per revalidated stylesheet or icon."""
    if response.status_code == 304:
        response.close()
    return response


def init_app(app: Flask) -> None:
    app.after_request(_release_unsent_file)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        wrapped: Any = app.wsgi_app
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            wrapped, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)
    if app.config["FORCE_HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
        app.before_request(_redirect_to_https)
        app.after_request(_add_hsts)
