"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from content.models import Base


def test_the_migrated_schema_matches_the_models(app):
    engine = app.extensions["portal_db"].engine
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "write a migration for these model changes"
