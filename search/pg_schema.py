"""The PostgreSQL search tables (made by migration 0010, on PostgreSQL only).

`search_document` holds one row per record with a generated, weighted `tsvector`
(title A, text C, reference B) under a GIN index. `search_word` lists the whole words seen,
for "Did you mean" by trigram similarity. Both live in their own MetaData: they exist
only on PostgreSQL, and only when this backend's migration has run there.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    Computed,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

# A copy of PostgreSQL's English configuration that also folds accents when the unaccent
# extension can be installed (so "café" finds "cafe"); plain English stemming otherwise.
TEXT_CONFIG = "portal_search"
# Made by the migration only where pg_trgm can be installed, so it is not in the metadata.
TRIGRAM_INDEX = "ix_search_word_trigram"

metadata = MetaData(naming_convention={"pk": "pk_%(table_name)s"})

_WEIGHTED = (
    f"setweight(to_tsvector('{TEXT_CONFIG}'::regconfig, title), 'A') || "
    f"setweight(to_tsvector('{TEXT_CONFIG}'::regconfig, body), 'C') || "
    f"setweight(to_tsvector('{TEXT_CONFIG}'::regconfig, reference), 'B')"
)

search_document = Table(
    "search_document", metadata,
    Column("key", String(40), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("reference", String(200), nullable=False),
    Column("date", Date, nullable=False),
    Column("year", Integer, nullable=False),
    Column("financial_year", String(7), nullable=False),
    Column("category", String(200), nullable=False),
    Column("person", String(200), nullable=False),
    Column("amount_pence", BigInteger, nullable=True),
    Column("search_vector", TSVECTOR, Computed(_WEIGHTED, persisted=True), nullable=True),
    Index("ix_search_document_search_vector", "search_vector", postgresql_using="gin"),
    Index("ix_search_document_date", "date", "key"),
    Index("ix_search_document_type_year", "type", "year"),
)

search_word = Table(
    "search_word", metadata,
    Column("word", String(100), primary_key=True),
)
