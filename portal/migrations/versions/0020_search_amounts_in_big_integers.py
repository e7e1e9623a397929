"""amounts in the PostgreSQL search index as big integers of pence

A budget's total runs to hundreds of millions of pounds, more pence than a 32-bit integer
holds. Only PostgreSQL keeps the index in the database (SQLite's integers are 64-bit).

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-02 11:55:00

"""
from collections.abc import Sequence
from typing import Union

from alembic import op

revision: str = "0020"
down_revision: Union[str, Sequence[str], None] = "0018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_document ALTER COLUMN amount_pence TYPE BIGINT")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_document ALTER COLUMN amount_pence TYPE INTEGER")
