"""Schema migrations with Alembic, run from the `portal db` commands and the tests."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData

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


def make_revision(engine: Engine, message: str) -> None:
    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)
