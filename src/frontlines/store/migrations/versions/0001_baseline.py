"""Baseline: the six tables of schema version 1 (documents, place_mentions, unresolved, events,
assertions, meta). Databases made before migrations existed already hold them: only what is
missing is created, then the version is recorded."""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("documents", "place_mentions", "unresolved", "events", "assertions", "meta")


def upgrade() -> None:
    from frontlines.store.storage import metadata

    metadata.create_all(op.get_bind(), tables=[metadata.tables[n] for n in TABLES], checkfirst=True)


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
