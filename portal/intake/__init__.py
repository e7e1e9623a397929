"""Public intake: complaint, compliment and review-request forms feeding the intake queue."""

from datetime import UTC, datetime

from flask import Flask, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from portal.intake import models  # noqa: F401  (the tables belong to the metadata)
from portal.intake.presentation import intake_error_summary, question_params
from portal.intake.ratelimit import limiter
from portal.intake.views import bp
from portal.templating import UK_TIME


def _too_many(error: TooManyRequests) -> tuple[str, int]:
    limit = limiter.current_limit
    try_after = (datetime.fromtimestamp(limit.reset_at, UTC).astimezone(UK_TIME)
                 if limit is not None else None)
    template = ("staff/too_many.html" if request.blueprint == "staff"
                else "intake/too_many.html")
    return render_template(template, error=error, try_after=try_after), 429


def _too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
    return render_template("intake/too_large.html"), 413


def init_app(app: Flask) -> None:
    from portal.security import csrf

    # Each form checks its own token, so an expired one re-shows the answers instead of
    # throwing them away.
    csrf.exempt(bp)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    app.register_blueprint(bp)
    app.add_template_global(question_params)
    app.add_template_global(intake_error_summary)
    app.register_error_handler(TooManyRequests, _too_many)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
