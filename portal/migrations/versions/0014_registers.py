"""gifts and hospitality, the register of interests, budget and precept

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 10:10:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: Union[str, Sequence[str], None] = "0013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _timestamp_indexes(table: str) -> None:
    for column in ("published_at", "publish_at"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "gift_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("recipient_type", sa.String(length=60), nullable=False),
        sa.Column("recipient_name", sa.String(length=120), nullable=False),
        sa.Column("recipient_role", sa.String(length=160), nullable=False),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("offered_by", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value_pence", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_gift_offer"),
        sa.UniqueConstraint("reference", name="uq_gift_offer_reference"),
    )
    for column in ("date", "recipient", "kind", "outcome"):
        op.create_index(f"ix_gift_offer_{column}", "gift_offer", [column])
    _timestamp_indexes("gift_offer")

    op.create_table(
        "interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("holder_name", sa.String(length=120), nullable=False),
        sa.Column("office", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_interest"),
        sa.UniqueConstraint("reference", name="uq_interest_reference"),
    )
    for column in ("holder_name", "category", "declared_on", "ended_on"):
        op.create_index(f"ix_interest_{column}", "interest", [column])
    _timestamp_indexes("interest")

    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=10), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("total_pence", sa.BigInteger(), nullable=False),
        sa.Column("band_d_pence", sa.BigInteger(), nullable=False),
        sa.Column("precept_pence", sa.BigInteger(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("decision_reference", sa.String(length=40), nullable=False),
        sa.Column("summary_markdown", sa.Text(), nullable=False),
        sa.Column("summary_html", sa.Text(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_budget"),
        sa.UniqueConstraint("slug", name="uq_budget_slug"),
        sa.UniqueConstraint("start_year", name="uq_budget_start_year"),
    )
    op.create_index("ix_budget_approved_on", "budget", ["approved_on"])
    _timestamp_indexes("budget")

    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=200), nullable=False),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["budget_id"], ["budget.id"], ondelete="CASCADE",
                                name="fk_budget_line_budget_id_budget"),
        sa.PrimaryKeyConstraint("id", name="pk_budget_line"),
    )
    op.create_index("ix_budget_line_budget_id", "budget_line", ["budget_id"])


def downgrade() -> None:
    op.drop_table("budget_line")
    op.drop_table("budget")
    op.drop_table("interest")
    op.drop_table("gift_offer")
