"""Limits on how often one client may send forms or try to sign in, and the page that
says when to try again. Counts live in RATELIMIT_STORAGE_URI (memory by default, Redis
when several processes serve the site).

If Redis cannot be reached the limits never switch off: each process counts on its own,
in memory, until Redis answers again (Flask-Limiter's in-memory fallback). The change is
logged each way, and `storage_degraded()` tells readiness about it.
"""

import logging
from datetime import UTC, datetime

from flask import Flask, Response, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage
from werkzeug.exceptions import TooManyRequests

from portal.templating import UK_TIME

log = logging.getLogger(__name__)

limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")
# A Redis that hangs must not hang every form and sign-in with it: give up after a second
# and count in memory instead.
REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class _Reported:
    """What this process last logged about the shared store, so each change is logged once."""

    degraded = False


def _too_many(error: TooManyRequests) -> tuple[str, int]:
    limit = limiter.current_limit
    try_after = (datetime.fromtimestamp(limit.reset_at, UTC).astimezone(UK_TIME)
                 if limit is not None else None)
    template = ("staff/too_many.html" if request.blueprint == "staff"
                else "intake/too_many.html")
    # A limit that explains itself says so in its own words (see `error_message`).
    limit_hit = getattr(error, "limit", None)
    explanation = error.description if getattr(limit_hit, "error_message", None) else None
    return render_template(template, error=error, try_after=try_after,
                           explanation=explanation), 429


def _counting_in_memory_for_now() -> bool:
    # Flask-Limiter keeps this only privately: it is set when the shared store fails and
    # cleared when a later check finds it answering again.
    return bool(getattr(limiter, "_storage_dead", False))


def _report(degraded: bool) -> None:
    if degraded == _Reported.degraded:
        return
    _Reported.degraded = degraded
    if degraded:
        log.warning("Rate limits cannot reach their shared storage: each process counts "
                    "on its own until it answers again")
    else:
        log.warning("Rate limits reach their shared storage again")


def _report_after_request(response: Response) -> Response:
    _report(_counting_in_memory_for_now())
    return response


def storage_degraded() -> bool:
    """Whether the rate limits are counted per process because their shared store (Redis)
    cannot be reached. Asks the store when it is thought to be up (taking at most a second
    or two), so readiness finds out even before a limited request does. Never True when the
    limits are configured to live in memory."""
    if _counting_in_memory_for_now():
        degraded = True
    elif isinstance(limiter.storage, MemoryStorage):
        degraded = False
    else:
        try:
            degraded = not limiter.storage.check()
        except Exception:  # the store failing in any way is what is being asked about
            degraded = True
    _report(degraded)
    return degraded


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Turning complainants away because a counter is down would be the worse failure, so
    # errors from the store never reach the person ...
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    # ... but the limits go on, counted in each process, rather than switching off.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    if str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis", "rediss")):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_TIMEOUTS)
    # The limiter is shared by every app made in this process (tests make many), and
    # Flask-Limiter keeps the first app's key prefix and the state of its store: neither
    # says anything about this app's.
    limiter._key_prefix = app.config.get("RATELIMIT_KEY_PREFIX", "")
    limiter.init_app(app)
    limiter._storage_dead = False
    _Reported.degraded = False
    app.register_error_handler(TooManyRequests, _too_many)
    app.after_request(_report_after_request)
