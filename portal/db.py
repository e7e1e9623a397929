"""One database session per request, closed (and rolled back if not committed) at the end."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from content.freshness import track_content_changes


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]


def make_engine(url: str) -> Engine:
    # Parameters are complainants' answers: keep them out of error messages and logs.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(with_installed_driver(url), pool_pre_ping=True,
                         hide_parameters=True)


def with_installed_driver(url: str) -> str:
    """Hosting platforms hand out `postgres://` or `postgresql://` URLs, which SQLAlchemy
    would open with psycopg2; the portal installs psycopg (version 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def init_app(app: Flask) -> None:
    track_content_changes()
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["portal_db"] = Database(engine, sessionmaker(engine, expire_on_commit=False))
    app.teardown_appcontext(_close_session)


def database() -> Database:
    return current_app.extensions["portal_db"]


def get_session() -> Session:
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


P = ParamSpec("P")
R = TypeVar("R")


def unit_of_work(view: Callable[P, R]) -> Callable[P, R]:
    """The one place a view's changes are committed: once the view has returned, so a
    page that shows an error still keeps what it recorded (such as an audit entry), and
    never when it raised, which rolls everything back. What the view asked to do
    `once_committed` is done after the commit, and only if it succeeded."""
    @wraps(view)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            response = view(*args, **kwargs)
        except BaseException:
            get_session().rollback()
            raise
        get_session().commit()
        for action in g.pop("once_committed", []):
            action()
        return response
    return run


def once_committed(action: Callable[[], object]) -> None:
    """Do `action` once this request's changes are committed (by `unit_of_work`), such as
    deleting a file that a deleted row named: never while the row might yet stay."""
    g.setdefault("once_committed", []).append(action)


def _close_session(_error: BaseException | None) -> None:
    # Kept in `g`, not popped: a streamed download reads on after the view has returned,
    # which begins a new transaction on this same session, and its app context tears down
    # a second time when the stream ends. Closing again then gives that connection back.
    session = g.get("db_session")
    if session is not None:
        session.close()
