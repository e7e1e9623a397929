"""Error pages in the site's own style."""

import logging
from contextlib import suppress

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, TimeoutError
from werkzeug.exceptions import HTTPException

from portal.db import get_session
from portal.opendata import wants_data
from portal.request_log import current_request_id

log = logging.getLogger(__name__)
# Failures of the database itself (down, restarting, unreachable, out of connections), as
# opposed to mistakes in what was asked of it, which stay server errors.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, TimeoutError)


def _render_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    if wants_data():
        return {"error": {"status": status, "message": error.description}}, status
    template = {404: "errors/404.html", 400: "errors/400.html", 403: "errors/403.html",
                405: "errors/404.html"}.get(status, "errors/500.html")
    if isinstance(error, CSRFError):
        template = "errors/expired_form.html"
    return render_template(template, error=error, path=request.path), status


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _render_error)
    app.register_error_handler(500, _server_error)
    # The forms have their own page, which keeps what was typed (portal/intake/outage.py).
    for failure in DATABASE_UNAVAILABLE:
        app.register_error_handler(failure, _database_unavailable)


def _server_error(_error: Exception) -> ResponseReturnValue:
    """Nothing about the failure itself: only the reference its log lines carry."""
    if wants_data():
        return {"error": {"status": 500, "message": "Sorry, there is a problem with the "
                          "service. Try again later.", "reference": current_request_id()}}, 500
    return render_template("errors/500.html", reference=current_request_id()), 500


def _database_unavailable(error: Exception) -> ResponseReturnValue:
    """A plain "service unavailable" page while the database cannot be reached: nothing
    is wrong with what was asked, so it is a 503 that says to try again, not a 500. Only
    the failure's type is logged: its text can hold the database's address."""
    log.error("The database cannot be reached: %s", type(error).__qualname__)
    with suppress(*DATABASE_UNAVAILABLE):
        get_session().rollback()
    if wants_data():
        return {"error": {"status": 503, "message": "Sorry, the service is unavailable. "
                          "Try again in a few minutes.",
                          "reference": current_request_id()}}, 503
    return render_template("errors/503.html", reference=current_request_id()), 503
