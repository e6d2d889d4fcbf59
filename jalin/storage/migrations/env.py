"""Alembic environment: the engine is handed in by jalin.storage.db, never built from a file."""

from alembic import context

from jalin.storage.tables import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
