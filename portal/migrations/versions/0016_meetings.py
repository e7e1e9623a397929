"""meetings with their agendas and minutes, and the meeting a decision or scrutiny outcome
came from

Revision ID: 0016
Revises: 0019
Create Date: 2026-12-02 10:05:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: Union[str, Sequence[str], None] = "0019"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The records that can say which meeting (and which item of its agenda) they came from.
LINKED = ("decision", "scrutiny_outcome")


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("body", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("online_link", sa.String(length=500), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("summary_markdown", sa.Text(), nullable=False),
        sa.Column("summary_html", sa.Text(), nullable=False),
        sa.Column("minutes_status", sa.String(length=20), nullable=False),
        sa.Column("minutes_approved_on", sa.Date(), nullable=True),
        sa.Column("minutes_markdown", sa.Text(), nullable=False),
        sa.Column("minutes_html", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("slug", name=op.f("uq_meeting_slug")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for column in ("body", "date", "minutes_status", "published_at", "publish_at"):
            batch_op.create_index(batch_op.f(f"ix_meeting_{column}"), [column], unique=False)
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=160), nullable=False),
        sa.Column("report", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_agenda_item_meeting_id_meeting"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"],
                              unique=False)
    for table in LINKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("meeting", sa.String(length=160), nullable=True))
            batch_op.add_column(sa.Column("meeting_item", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_meeting"), ["meeting"], unique=False)


def downgrade() -> None:
    for table in LINKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_meeting"))
            batch_op.drop_column("meeting_item")
            batch_op.drop_column("meeting")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))
    op.drop_table("agenda_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for column in ("publish_at", "published_at", "minutes_status", "date", "body"):
            batch_op.drop_index(batch_op.f(f"ix_meeting_{column}"))
    op.drop_table("meeting")
