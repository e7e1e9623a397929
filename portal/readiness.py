"""Whether this process can serve the site: the checks behind `/readyz`.

A load balancer sends traffic only to a ready process. A failing check is named in
plain words; what went wrong inside (exception text, addresses, connection strings) is
logged by its type only and never shown, as the answer is public.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text

from portal.migrate import is_at_head
from search.backend import SearchBackend

log = logging.getLogger(__name__)
OK = "ok"


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(outcome == OK for outcome in self.checks.values())

    def as_json(self) -> dict[str, object]:
        return {"status": "ready" if self.ready else "not ready", "checks": self.checks}


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


def check_readiness(engine: Engine, index: SearchBackend) -> Readiness:
    return Readiness({
        "database": _run("database", lambda: _database(engine),
                         "the database cannot be reached"),
        "migrations": _run("migrations", lambda: _migrations(engine),
                           "the database schema could not be checked"),
        "search_index": _run("search_index", lambda: _search_index(index),
                             "the search index cannot be read"),
    })
