"""Schema migrations with Alembic, run from the `portal db` commands and the tests."""

from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect, text

from content.models import Base
from search import pg_schema

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def target_metadata(dialect: str) -> list[MetaData]:
    """What the schema should be: the records, plus the search tables on PostgreSQL."""
    return [Base.metadata, pg_schema.metadata] if dialect == "postgresql" else [Base.metadata]


def include_object(_object: Any, name: str | None, kind: str, _reflected: bool,
                   _compare_to: Any) -> bool:
    """Leave out of comparisons what migration 0010 makes only when the server allows it."""
    return not (kind == "index" and name == pg_schema.TRIGRAM_INDEX)


def _config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str = "-1") -> None:
    """Undo migrations: by default the latest one applied."""
    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def revisions() -> list[str]:
    """Every migration, oldest first."""
    scripts = ScriptDirectory.from_config(_config(None))
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def make_revision(engine: Engine, message: str) -> None:
    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)


@cache
def _shipped_heads() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(_config(None)).get_heads())


def is_at_head(engine: Engine) -> bool:
    """True when the database has every migration this version of the portal ships.

    Reads Alembic's version table directly: cheap and quiet enough to ask on every
    readiness probe.
    """
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        found = connection.scalars(text("SELECT version_num FROM alembic_version"))
        return frozenset(found) == _shipped_heads()
