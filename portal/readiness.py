"""Whether this process can serve the site: the checks behind `/readyz`.

A load balancer sends traffic only to a ready process, so readiness covers only what every
page needs: the database, at the schema this version expects. Search and the shared
rate-limit store are checked too, but a process without them still serves the listings,
records and complaint forms, so their failure makes it "degraded" (for monitoring), never
"not ready": taking it out of service would take the forms down with search.

A failing check is named in plain words; what went wrong inside (exception text,
addresses, connection strings) is logged by its type only and never shown, as the answer
is public.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text

from portal.migrate import is_at_head
from portal.ratelimit import storage_degraded
from search.backend import SearchBackend

log = logging.getLogger(__name__)
OK = "ok"
# What every page needs; the other checks only degrade the service.
NEEDED = ("database", "migrations")


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(self.checks[name] == OK for name in NEEDED)

    @property
    def degraded(self) -> list[str]:
        """The checks that failed without stopping the process serving the site."""
        return [name for name, outcome in self.checks.items()
                if outcome != OK and name not in NEEDED]

    @property
    def status(self) -> str:
        if not self.ready:
            return "not ready"
        return "degraded" if self.degraded else "ready"

    def as_json(self) -> dict[str, object]:
        return {"status": self.status, "checks": self.checks, "degraded": self.degraded}


def _run(name: str, check: Callable[[], str], failing: str) -> str:
    try:
        return check()
    except Exception as error:
        log.warning("Readiness check %s failed: %s", name, type(error).__qualname__)
        return failing


def _database(engine: Engine) -> str:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return OK


def _migrations(engine: Engine) -> str:
    return OK if is_at_head(engine) else "the database schema is not the latest: run " \
                                          "`portal db upgrade`"


def _search_index(index: SearchBackend) -> str:
    index.document_count()
    return OK


def _rate_limits() -> str:
    # Memory is always there; a shared store (Redis) is pinged. While it cannot be reached
    # the limits are still counted, but by each process on its own.
    return OK if not storage_degraded() else (
        "the rate-limit store cannot be reached: limits are counted by each process")


def check_readiness(engine: Engine, index: SearchBackend) -> Readiness:
    """Each check's outcome (the rate-limit store checked is this process's)."""
    return Readiness({
        "database": _run("database", lambda: _database(engine),
                         "the database cannot be reached"),
        "migrations": _run("migrations", lambda: _migrations(engine),
                           "the database schema could not be checked"),
        "search_index": _run("search_index", lambda: _search_index(index),
                             "the search index cannot be read"),
        "rate_limits": _run("rate_limits", _rate_limits,
                            "the rate-limit store cannot be reached"),
    })
