"""PostGIS points on PostgreSQL: place_mentions.geom and status_runs.geom, geometry(Point, 4326)
generated from lat/lon (no writer changes), each with a GiST index. Only where the server has the
PostGIS extension and this role may create it; SQLite and a PostgreSQL without PostGIS are unchanged
(the map's bounding-box filter then reads lat/lon)."""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("place_mentions", "status_runs")
# NULL for places known only by name (no point: lat/lon NULL or NaN).
POINT = ("CASE WHEN lat IS NULL OR lon IS NULL OR lat = 'NaN' OR lon = 'NaN' THEN NULL "
         "ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END")


def postgis(bind: sa.Connection) -> bool:
    """Whether PostGIS is installed in this database, installing it when the server has it."""
    if bind.dialect.name != "postgresql":
        return False
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").first():
        return True
    if not bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").first():
        return False
    try:
        with bind.begin_nested():  # a savepoint: a refusal (no privilege) leaves the migration going
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if not postgis(bind):
        return
    for table in TABLES:
        has = bind.exec_driver_sql("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                                   "AND table_name = %(t)s "
                                   "AND column_name = 'geom'", {"t": table}).first()
        if not has:
            op.execute(f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS ({POINT}) STORED")
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_geom ON {table} USING gist (geom)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_geom")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom")
