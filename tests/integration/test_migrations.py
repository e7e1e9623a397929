"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal.migrate import include_object, target_metadata


def test_the_migrated_schema_matches_the_models(app):
    engine = app.extensions["portal_db"].engine
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        differences = compare_metadata(context, target_metadata(connection.dialect.name))
    assert differences == [], "write a migration for these model changes"
