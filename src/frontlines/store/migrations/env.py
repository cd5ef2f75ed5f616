"""Alembic environment: migrations run on the connection the store hands over (never a URL here)."""

from alembic import context

from frontlines.store.storage import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
