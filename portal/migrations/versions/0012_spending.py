"""spending over the threshold, by the OPCC and the force

Revision ID: 0012
Revises: 0015
Create Date: 2026-12-02 10:10:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0015"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "spending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("body", sa.String(length=20), nullable=False),
        sa.Column("supplier", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("value_for_money", sa.String(length=60), nullable=False),
        sa.Column("value_for_money_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spending")),
        sa.UniqueConstraint("reference", name=op.f("uq_spending_reference")),
    )
    with op.batch_alter_table("spending", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spending_published_at"), ["published_at"])
        batch_op.create_index(batch_op.f("ix_spending_publish_at"), ["publish_at"])
        batch_op.create_index("ix_spending_date_id", ["date", "id", "published_at"])
        batch_op.create_index("ix_spending_date_totals", ["date", "supplier", "category",
                                                          "body", "amount_pence",
                                                          "published_at"])
        batch_op.create_index("ix_spending_supplier_totals", ["supplier", "date",
                                                              "amount_pence", "published_at"])
        batch_op.create_index("ix_spending_category_totals", ["category", "date", "supplier",
                                                              "amount_pence", "published_at"])
        batch_op.create_index("ix_spending_body_totals", ["body", "date", "supplier",
                                                          "category", "amount_pence",
                                                          "published_at"])


def downgrade() -> None:
    op.drop_table("spending")
