"""senior staff, office holders and staff numbers

Revision ID: 0015
Revises: 0017
Create Date: 2026-12-02 10:10:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: Union[str, Sequence[str], None] = "0017"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("office_holder", sa.Boolean(), nullable=False),
        sa.Column("holder_name", sa.String(length=200), nullable=False),
        sa.Column("name_withheld", sa.Boolean(), nullable=False),
        sa.Column("correspondence_address", sa.String(length=300), nullable=False),
        sa.Column("responsibilities_markdown", sa.Text(), nullable=False),
        sa.Column("responsibilities_html", sa.Text(), nullable=False),
        sa.Column("salary_pence", sa.Integer(), nullable=True),
        sa.Column("salary_to_pence", sa.Integer(), nullable=True),
        sa.Column("reports_to", sa.String(length=160), nullable=True),
        sa.Column("senior", sa.Boolean(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
        sa.UniqueConstraint("slug", name=op.f("uq_post_slug")),
    )
    for column in ("date", "reports_to", "published_at", "publish_at"):
        op.create_index(op.f(f"ix_post_{column}"), "post", [column], unique=False)
    op.create_table(
        "staff_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("fte_hundredths", sa.Integer(), nullable=False),
        sa.Column("women_tenths", sa.Integer(), nullable=False),
        sa.Column("sex_unknown_tenths", sa.Integer(), nullable=False),
        sa.Column("ethnic_minority_tenths", sa.Integer(), nullable=False),
        sa.Column("ethnicity_unknown_tenths", sa.Integer(), nullable=False),
        sa.Column("disabled_tenths", sa.Integer(), nullable=False),
        sa.Column("disability_unknown_tenths", sa.Integer(), nullable=False),
        sa.Column("notes_markdown", sa.Text(), nullable=False),
        sa.Column("notes_html", sa.Text(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_snapshot")),
        sa.UniqueConstraint("slug", name=op.f("uq_staff_snapshot_slug")),
        sa.UniqueConstraint("date", name=op.f("uq_staff_snapshot_date")),
    )
    for column in ("published_at", "publish_at"):
        op.create_index(op.f(f"ix_staff_snapshot_{column}"), "staff_snapshot", [column],
                        unique=False)


def downgrade() -> None:
    op.drop_table("staff_snapshot")
    op.drop_table("post")
