"""status_runs: one covering index for a day's map (tile, first day, last day and the columns a map
needs), so the as-of query reads the index alone; it replaces the tile index (its first column)."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAP_INDEX = ("tile", "valid_from", "valid_to", "kind", "place_id", "status", "level", "since", "confidence")


def upgrade() -> None:
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("status_runs")}
    if "ix_status_runs_map" not in indexes:  # a database made by 0002 on a newer metadata already has it
        op.create_index("ix_status_runs_map", "status_runs", list(MAP_INDEX))
    if "ix_status_runs_tile" in indexes:
        op.drop_index("ix_status_runs_tile", "status_runs")


def downgrade() -> None:
    op.create_index("ix_status_runs_tile", "status_runs", ["tile"])
    op.drop_index("ix_status_runs_map", "status_runs")
