from alembic import context

from portal.intake import models as _intake_models  # noqa: F401
from portal.migrate import include_object, target_metadata
from portal.staff import models as _staff_models  # noqa: F401

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection,
                  target_metadata=target_metadata(connection.dialect.name),
                  include_object=include_object,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
