"""Schema migrations with Alembic, run from the `portal db` commands and the tests."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
