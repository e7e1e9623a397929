"""Public intake: complaint, compliment and review-request forms feeding the intake queue."""

from flask import Flask, render_template
from werkzeug.exceptions import RequestEntityTooLarge

from portal.intake import ending, models, outage  # noqa: F401  (routes; tables; the outage page)
from portal.intake.presentation import intake_error_summary, question_params
from portal.intake.views import bp


def _too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
    return render_template("intake/too_large.html"), 413


def init_app(app: Flask) -> None:
    from portal.security import csrf

    # Each form checks its own token, so an expired one re-shows the answers instead of
    # throwing them away.
    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.add_template_global(question_params)
    app.add_template_global(intake_error_summary)
    app.add_template_global(ending.answers_kept_for)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
