"""Error pages in the site's own style."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.opendata import wants_data
from portal.request_log import current_request_id


def _render_error(error: HTTPException) -> tuple[object, int]:
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


def _server_error(_error: Exception) -> tuple[object, int]:
    """Nothing about the failure itself: only the reference its log lines carry."""
    if wants_data():
        return {"error": {"status": 500, "message": "Sorry, there is a problem with the "
                          "service. Try again later.", "reference": current_request_id()}}, 500
    return render_template("errors/500.html", reference=current_request_id()), 500
