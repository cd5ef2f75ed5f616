"""Schema migrations (Alembic), run by :class:`frontlines.store.storage.Store` when it opens a database.

The store takes a lock first (a PostgreSQL advisory lock or SQLite's ``BEGIN IMMEDIATE``) and
runs :func:`upgrade` on that connection, so concurrent ingests create the schema once. A new
migration goes in ``versions/`` with ``down_revision`` set to the previous one; set :data:`HEAD`.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

HEAD = "0007"
HERE = Path(__file__).resolve().parent


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``conn`` inside its open transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)
