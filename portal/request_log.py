"""Structured logs: one JSON object per line, each tagged with the request it belongs to.

A request id is taken from a well-formed incoming `X-Request-Id` (so a reverse proxy's id
follows the request through) or made here, returned in the response header and put on
every log line written while the request is handled.

Complainants' answers must never reach the logs, so a request line holds the method and
the path only: never the query string, form fields, headers or cookies. Exceptions are
logged as their type and stack frames, without their message, because messages often
quote the values that failed (an email address, a name).
"""

import json
import logging
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_app_context, request
from werkzeug.wrappers import Response

REQUEST_ID_HEADER = "X-Request-Id"
# Letters, digits and a little punctuation: enough for UUIDs and the ids proxies make,
# too little to forge extra log fields or carry anything personal of any length.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")
log = logging.getLogger("portal.requests")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, pid, then the request's fields when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        line.update(_request_fields())
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, trace = record.exc_info
            line["exception"] = kind.__qualname__
            line["stack"] = "".join(traceback.format_tb(trace))
        return json.dumps(line, ensure_ascii=False, default=str)


def _request_fields() -> dict[str, Any]:
    # Kept in `g`, which outlives the request context: the session is closed (and its
    # rollback logged) in the app context's teardown, after the request has gone.
    if not has_app_context():
        return {}
    return g.get("request_fields", {})


def current_request_id() -> str | None:
    return _request_fields().get("request_id")


def _start_request() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_fields = {
        "request_id": incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex,
        "method": request.method,
        "path": request.path,
    }
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    request_id = current_request_id()
    if request_id:
        response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started", time.perf_counter())
    log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    })
    return response


def configure_logging(level: str) -> None:
    """Send every logger's lines to standard error as JSON (once per process)."""
    root = logging.getLogger()
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(level.upper())
    # Alembic announces each of its plugins as it loads them, in every process.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def init_app(app: Flask) -> None:
    # First in line, so that a request turned away by a later hook is still logged with an id.
    app.before_request_funcs.setdefault(None, []).insert(0, _start_request)
    app.after_request(_finish_request)
    if not app.testing:
        configure_logging(app.config["LOG_LEVEL"])
