"""status_runs.tile: an interval index for as-of queries (see storage.run_tile). The runs are a
cache of the ledger: those stored before this migration are dropped and rebuilt by the next
ingest (or status_runs.refresh)."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("status_runs")}
    if "tile" not in columns:  # a database made by 0002 on a newer metadata already has it
        op.execute("DELETE FROM status_runs")
        op.add_column("status_runs", sa.Column("tile", sa.BigInteger()))
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("status_runs")}
    if "ix_status_runs_tile" not in indexes:
        op.create_index("ix_status_runs_tile", "status_runs", ["tile"])


def downgrade() -> None:
    op.drop_index("ix_status_runs_tile", "status_runs")
    op.drop_column("status_runs", "tile")
