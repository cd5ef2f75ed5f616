"""Typed status evidence: a stored run's evidence became an object (spans, basis ids, reason) instead of a
list of ids and notes. Runs written before keep loading (their ids read as the basis), but they carry no
spans; this migration marks the places that have runs as stale, so the next refresh rewrites them once
with their spans. No table changes."""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if "status_runs" not in sa.inspect(bind).get_table_names():
        return
    bind.exec_driver_sql(
        "INSERT INTO stale_runs (place_id) SELECT DISTINCT place_id FROM status_runs "
        "WHERE place_id NOT IN (SELECT place_id FROM stale_runs)")


def downgrade() -> None:
    """Nothing to undo: the marks only ask for a refresh."""
