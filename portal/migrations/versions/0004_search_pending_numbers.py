"""search_pending numbers are never reused

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:05:00

"""
from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite only reuses the numbers of deleted rows without AUTOINCREMENT; PostgreSQL's
    # sequences never do, so there the table is left as it is.
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("search_pending", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass  # recreating the table is the whole change


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("search_pending", recreate="always"):
            pass  # recreating the table is the whole change
