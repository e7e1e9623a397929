"""HTTP caching: what a browser, reverse proxy or CDN may keep, and for how long.

Anonymous public pages and downloads are the same for everyone, so a shared cache (a
reverse proxy or CDN) may keep them for PUBLIC_CACHE_SECONDS, and every one of them
carries an ETag so that a cache or browser holding a copy is answered "304 Not
Modified" when nothing changed. Everything else (forms, staff pages, health checks,
errors, and any response that reads, sets or changes the session cookie) is `no-store`:
it may be personal, and a shared cache must never hand one person's page to another.
"""

import hashlib
from functools import cache

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin

from content.dates import uk_today
from content.freshness import data_version
from portal.config import PROJECT_ROOT
from portal.db import get_session

PUBLIC_BLUEPRINTS = {"public"}
# Public pages outside those blueprints: static files, and the forms' start pages (the
# pages after them take a person's answers).
PUBLIC_ENDPOINTS = {"static", "intake.complaint", "intake.compliment", "intake.review"}
# Load balancers ask these for the state of this process at this moment.
NEVER_CACHED = {"public.healthz", "public.readyz"}
# Answers that stay right for anyone who asks the same address again.
CACHEABLE_STATUSES = {200, 301, 308, 404, 410}
NO_STORE = "no-store"


def is_public_address() -> bool:
    endpoint = request.endpoint or ""
    if endpoint in NEVER_CACHED or request.method not in ("GET", "HEAD"):
        return False
    return endpoint in PUBLIC_ENDPOINTS or request.blueprint in PUBLIC_BLUEPRINTS


class SessionAwareCaching(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, and a last word on caching once the session is
    saved: only then is it known whether the page read the session (a banner, a form
    token) or sets the cookie, and such a page must never reach a shared cache. (Asking
    the session earlier would itself count as reading it.)"""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        super().save_session(app, session, response)
        if session.accessed or "Set-Cookie" in response.headers:
            response.headers["Cache-Control"] = NO_STORE


def public_cache_control() -> str:
    """Shared caches (s-maxage) keep a copy for the configured time; browsers (max-age=0)
    ask again each time with the ETag, so a person who has just seen a correction
    published never meets their own browser's older copy, and pays only a 304."""
    seconds = int(current_app.config["PUBLIC_CACHE_SECONDS"])
    return f"public, max-age=0, s-maxage={seconds}" if seconds > 0 else "public, no-cache"


@cache
def code_fingerprint() -> str:
    """The code and templates this process serves: a release changes streamed downloads
    without changing any data."""
    digest = hashlib.sha256()
    for folder in ("portal", "content", "search"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".xml") and path.is_file():
                digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def settings_fingerprint(app: Flask) -> str:
    """The settings a page may show (the office's name, its address), as served."""
    if "portal_settings_fingerprint" not in app.extensions:
        shown = sorted((name, repr(value)) for name, value in app.config.items()
                       if isinstance(value, (str, int, bool, type(None))))
        app.extensions["portal_settings_fingerprint"] = hashlib.sha256(
            repr(shown).encode()).hexdigest()[:16]
    return str(app.extensions["portal_settings_fingerprint"])


def version_etag() -> str:
    """A public page or download reads the same while its address, the published data, the
    day in England and Wales, the code and the settings do: an ETag known before anything
    is rendered, or streamed."""
    parts = [request.host_url, request.full_path, data_version(get_session()),
             uk_today().isoformat(), code_fingerprint(), settings_fingerprint(current_app)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


# Search pages also depend on the search index, which a rebuild changes without changing
# the database: their ETag is taken from what they say.
ANSWERED_FROM_THE_INDEX = {"public.search", "public.search_csv", "public.search_json"}


def validated_by_version() -> bool:
    """A page whose ETag is `version_etag`: the public site's own pages, for visitors who
    hold no session (a session can carry a banner meant for one person)."""
    return (is_public_address() and request.blueprint in PUBLIC_BLUEPRINTS
            and request.endpoint not in ANSWERED_FROM_THE_INDEX
            and current_app.config["SESSION_COOKIE_NAME"] not in request.cookies)


def answer_unchanged() -> Response | None:
    """A 304 for a browser or cache that already holds this page as it stands, decided
    before the page reads or renders anything."""
    if not request.if_none_match or not validated_by_version():
        return None
    etag = version_etag()
    if not request.if_none_match.contains_weak(etag):
        return None
    response = current_app.response_class(status=304)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = public_cache_control()
    return response


def apply_cache_policy(response: Response) -> Response:
    if not is_public_address() or "Set-Cookie" in response.headers or (
            response.status_code not in CACHEABLE_STATUSES and response.status_code != 304):
        response.headers["Cache-Control"] = NO_STORE
        return response
    response.headers["Cache-Control"] = public_cache_control()
    if response.status_code == 304:  # answered already (a file sent with send_file)
        return response
    if "ETag" not in response.headers:
        if response.is_streamed or validated_by_version():
            response.set_etag(version_etag(), weak=True)
        else:
            response.add_etag()
    response.make_conditional(request)  # changes the response itself, to a 304 if it can
    return response


def init_app(app: Flask) -> None:
    app.session_interface = SessionAwareCaching()
    app.before_request(answer_unchanged)
    app.after_request(apply_cache_policy)
