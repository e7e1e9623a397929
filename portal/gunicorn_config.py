"""gunicorn settings for `portal serve`, read from environment variables (see the README).

Sync workers, one thread each, by default. With SEARCH_BACKEND=whoosh, searches within
one process take turns on its single Whoosh searcher (a searcher shared between threads
is not thread-safe, so it is guarded by a lock), and each searcher holds hundreds of
megabytes at 100,000 records: more threads would queue for the searcher and more
searchers would cost memory, so the portal scales by worker processes. tantivy's searcher
(the default) may be shared between threads, so WEB_THREADS above 1 is an option there.
The app is loaded in each worker, not in the master (`preload_app` off), so no database
connection or open searcher is shared across a fork.
"""

import os

from portal.request_log import JsonFormatter

_threads = int(os.environ.get("WEB_THREADS") or 1)
_level = (os.environ.get("LOG_LEVEL") or "INFO").upper()

wsgi_app = "portal:create_app()"
bind = [os.environ.get("WEB_BIND") or "127.0.0.1:8000"]
workers = int(os.environ.get("WEB_WORKERS") or max(2, os.cpu_count() or 1))
threads = _threads
worker_class = "sync" if _threads == 1 else "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT") or 30)
graceful_timeout = 30
# Behind a reverse proxy that keeps connections open to the portal.
keepalive = 5
preload_app = False
# gunicorn's control socket sits at one path per user, which several servers on a
# machine would fight over; the portal is managed by signals and its service manager.
control_socket_disable = True

# The app decides which forwarded headers to believe (TRUSTED_PROXIES, through ProxyFix);
# gunicorn must not make its own guess about the scheme from them.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}

# The app writes one JSON line per request itself (with its request id), so gunicorn's
# own access log is off and its other messages are JSON too.
accesslog = None
errorlog = "-"
loglevel = _level.lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                            "stream": "ext://sys.stderr"}},
    "root": {"level": _level, "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": _level, "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": _level, "handlers": [], "propagate": False},
        "alembic.runtime.plugins": {"level": "WARNING"},
    },
}
