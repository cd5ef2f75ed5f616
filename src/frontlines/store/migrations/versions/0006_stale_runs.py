"""stale_runs: the places whose status runs are older than their assertions. A write of assertions
marks their places in the same transaction; a refresh of the runs clears the marks it covered. While
any mark is left (an ingest killed before its refresh, a report added through the desk), the runs
do not answer and queries fall back to the ledger built from the assertions."""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "stale_runs" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table("stale_runs", sa.Column("place_id", sa.String(64), primary_key=True))
    # A database with runs and assertions from before this migration: its runs were kept up to date
    # batch by batch, except after reports added through the desk, which did not refresh them. Mark
    # every place with assertions, so that the next refresh recomputes them once.
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT 1 FROM status_runs LIMIT 1").first():
        bind.exec_driver_sql("INSERT INTO stale_runs (place_id) SELECT DISTINCT place_id FROM assertions")


def downgrade() -> None:
    op.drop_table("stale_runs")
