"""managed lists of categories, decision makers, claimants and owners

Each list is seeded from the names records already use. Names that are near-duplicates
of each other ("grants", "Grants", "Grant") become the most used spelling, in the records
too, and the changed records are queued for the search index. Undoing the migration drops
the lists but leaves the merged spellings in the records.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:40:00

"""
from collections.abc import Sequence
from datetime import datetime
from typing import Union

import sqlalchemy as sa
from alembic import op

from content.dates import utcnow

# The same reduction of a name the portal uses, so the keys stored here are the ones it
# looks names up by.
from content.managed_lists import list_key

revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# (list, table, column, the record type the search index knows the table's records by),
# as the lists were on the day of this migration.
SOURCES = (
    ("decision-category", "decision", "category", "decision"),
    ("decision-maker", "decision", "decision_maker", "decision"),
    ("claimant", "expense", "claimant", "expense"),
    ("expense-category", "expense", "category", "expense"),
    ("policy-owner", "policy", "owner", "policy"),
)

list_value = sa.table(
    "list_value", sa.column("list_name", sa.String), sa.column("value", sa.String),
    sa.column("key", sa.String), sa.column("created_at", sa.DateTime(timezone=True)))
search_pending = sa.table(
    "search_pending", sa.column("record_type", sa.String), sa.column("record_id", sa.Integer),
    sa.column("queued_at", sa.DateTime(timezone=True)))


def upgrade() -> None:
    op.create_table(
        "list_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_value")),
        sa.UniqueConstraint("list_name", "key", name="uq_list_value_list_name_key"),
    )
    now = utcnow()
    for list_name, table_name, column_name, record_type in SOURCES:
        _seed(list_name, sa.table(table_name, sa.column("id", sa.Integer),
                                  sa.column(column_name, sa.String),
                                  sa.column("updated_at", sa.DateTime(timezone=True))),
              column_name, record_type, now)


def _preferred(counts: dict[str, int]) -> str:
    """The spelling a group of near-duplicates becomes: the most used; on a tie, one with
    capitals over one without, then the first alphabetically."""
    return min(counts, key=lambda name: (-counts[name], name == name.lower(), name))


def _seed(list_name: str, table: sa.TableClause, column_name: str, record_type: str,
          now: datetime) -> None:
    connection = op.get_bind()
    column = table.c[column_name]
    groups: dict[str, dict[str, int]] = {}
    for name, count in connection.execute(sa.select(column, sa.func.count()).group_by(column)):
        if name and list_key(name):
            groups.setdefault(list_key(name), {})[name] = count
    for key, counts in sorted(groups.items()):
        kept = _preferred(counts)
        connection.execute(sa.insert(list_value).values(
            list_name=list_name, value=kept, key=key, created_at=now))
        for other in sorted(set(counts) - {kept}):
            ids = list(connection.scalars(sa.select(table.c.id).where(column == other)))
            connection.execute(sa.update(table).where(column == other)
                               .values({column_name: kept, "updated_at": now}))
            if ids:
                connection.execute(sa.insert(search_pending), [
                    {"record_type": record_type, "record_id": record_id, "queued_at": now}
                    for record_id in ids])


def downgrade() -> None:
    op.drop_table("list_value")
