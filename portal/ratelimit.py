"""Limits on how often one client may send forms or try to sign in, and the page that
says when to try again. Counts live in RATELIMIT_STORAGE_URI (memory by default, Redis
when several processes serve the site)."""

from datetime import UTC, datetime

from flask import Flask, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import TooManyRequests

from portal.templating import UK_TIME

limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")


def _too_many(error: TooManyRequests) -> tuple[str, int]:
    limit = limiter.current_limit
    try_after = (datetime.fromtimestamp(limit.reset_at, UTC).astimezone(UK_TIME)
                 if limit is not None else None)
    template = ("staff/too_many.html" if request.blueprint == "staff"
                else "intake/too_many.html")
    # A limit that explains itself says so in its own words (see `error_message`).
    limit = getattr(error, "limit", None)
    explanation = error.description if getattr(limit, "error_message", None) else None
    return render_template(template, error=error, try_after=try_after,
                           explanation=explanation), 429


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # If the shared store (Redis) cannot be reached, the limits stop counting for a while:
    # turning complainants away because a counter is down would be the worse failure.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)
    app.register_error_handler(TooManyRequests, _too_many)
