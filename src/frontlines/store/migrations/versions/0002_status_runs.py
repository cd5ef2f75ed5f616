"""status_runs: the ledger's status of each place, materialized as runs of days (valid_from..valid_to),
so an as-of query is one indexed range query instead of loading every assertion."""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from frontlines.store.storage import metadata

    metadata.tables["status_runs"].create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    op.drop_table("status_runs")
