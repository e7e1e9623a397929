"""PostgreSQL full-text search tables (PostgreSQL only; nothing on SQLite)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:20:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CONFIG = "portal_search"
WEIGHTED = (
    f"setweight(to_tsvector('{CONFIG}'::regconfig, title), 'A') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, body), 'C') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, reference), 'B')"
)


def _try_extension(name: str) -> bool:
    """Install an extension if the server has it and we may; False (and carry on) if not."""
    connection = op.get_bind()
    available = connection.scalar(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = :name"),
        {"name": name})
    if not available:
        return False
    try:
        with connection.begin_nested():
            connection.execute(sa.text(f'CREATE EXTENSION IF NOT EXISTS "{name}"'))
    except sa.exc.DBAPIError:  # no privilege to install it: search works without it
        return False
    return True


def _schema_of(extension: str) -> str:
    """Where an installed extension's objects live, to name them wherever this schema is:
    an extension is installed once per database, perhaps in another schema."""
    return str(op.get_bind().scalar(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = :name"), {"name": extension}))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    if _try_extension("unaccent"):
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, "
                   f'hword_part, word WITH "{_schema_of("unaccent")}".unaccent, english_stem')
    op.create_table(
        "search_document",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("financial_year", sa.String(length=7), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=True),
        sa.Column("search_vector", postgresql.TSVECTOR(),
                  sa.Computed(WEIGHTED, persisted=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_search_document")),
    )
    op.create_index("ix_search_document_search_vector", "search_document", ["search_vector"],
                    postgresql_using="gin")
    op.create_index("ix_search_document_date", "search_document", ["date", "key"])
    op.create_index("ix_search_document_type_year", "search_document", ["type", "year"])
    op.create_table(
        "search_word",
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_word")),
    )
    if _try_extension("pg_trgm"):
        op.execute("CREATE INDEX ix_search_word_trigram ON search_word "
                   f'USING gin (word "{_schema_of("pg_trgm")}".gin_trgm_ops)')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("search_word")
    op.drop_table("search_document")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
