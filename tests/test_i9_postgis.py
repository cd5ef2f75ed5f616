"""PostGIS on PostgreSQL (issue 9): place points stored as geometry(Point, 4326) with a GiST index
where the server has the extension; SQLite unchanged. A day's map can be cut to a bounding box on
either database, with the same answer."""

from __future__ import annotations

import math
import os
from datetime import date
from pathlib import Path

import pytest

from frontlines.control.status_runs import map_on
from frontlines.read.ingest import read_paths
from frontlines.store.batch import ingest_documents
from frontlines.store.storage import Store, metadata
from frontlines.views import ledger_from_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
BOX = (36.3, 35.5, 37.3, 36.4)  # west, south, east, north: the Aleppo-Idlib front


def _inside(statuses, box) -> set[str]:
    west, south, east, north = box
    return {s.place_id for s in statuses
            if not math.isnan(s.lat) and west <= s.lon <= east and south <= s.lat <= north}


def _check_boxes(store: Store, syria) -> None:
    ledger = ledger_from_store(store, syria)
    for day in (date(2024, 11, 30), date(2024, 12, 8), None):
        expected = ledger.as_of(day)
        got = map_on(store, day, bbox=BOX)
        assert set(got.place_id) == _inside(expected, BOX), day
        assert 0 < len(got) < len(expected)
        assert len(map_on(store, day, bbox=(0.0, 0.0, 1.0, 1.0))) == 0


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("gis") / "gis.db"))
    ingest_documents(read_paths([EXAMPLES]), store, "syria", workers=1, batch_size=8)
    return store


def test_sqlite_is_unchanged_and_boxes_read_lat_lon(sqlite_store: Store, syria) -> None:
    assert not sqlite_store.postgis
    with sqlite_store.engine.connect() as conn:
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(status_runs)")}
    assert "geom" not in columns and {"lat", "lon"} <= columns
    _check_boxes(sqlite_store, syria)


def _pg_store() -> Store:
    url = os.environ.get("FRONTLINES_TEST_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL: FRONTLINES_TEST_PG_URL is not set (.ci/run starts the server)")
        pytest.skip("PostgreSQL: FRONTLINES_TEST_PG_URL is not set (.ci/run starts a throwaway server)")
    store = Store(url)
    with store.engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    store.close()
    return Store(url)


def test_postgresql_stores_points_with_a_gist_index(syria) -> None:
    store = _pg_store()
    with store.engine.connect() as conn:
        available = conn.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").first()
    if not available:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostGIS (.ci/run installs Debian's postgis package)")
        pytest.skip("this PostgreSQL server has no PostGIS")
    assert store.postgis
    ingest_documents(read_paths([EXAMPLES]), store, "syria", workers=1, batch_size=8)
    with store.engine.connect() as conn:
        for table in ("status_runs", "place_mentions"):
            kind = conn.exec_driver_sql(
                "SELECT type FROM geometry_columns WHERE f_table_name = %(t)s AND f_geometry_column = 'geom'",
                {"t": table}).scalar()
            srid = conn.exec_driver_sql(
                "SELECT srid FROM geometry_columns WHERE f_table_name = %(t)s AND f_geometry_column = 'geom'",
                {"t": table}).scalar()
            assert (kind, srid) == ("POINT", 4326), table
            index = conn.exec_driver_sql("SELECT indexdef FROM pg_indexes WHERE indexname = %(n)s",
                                         {"n": f"ix_{table}_geom"}).scalar()
            assert index is not None and "gist" in index.lower(), table
            # every point is its row's lat/lon; rows with no point (known only by name) have none
            bad = conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE (geom IS NULL) <> (lat IS NULL OR lon IS NULL OR lat = 'NaN' "
                f"OR lon = 'NaN') OR (geom IS NOT NULL AND (ST_X(geom) <> lon OR ST_Y(geom) <> lat))").scalar()
            assert bad == 0, table
        assert conn.exec_driver_sql("SELECT count(*) FROM status_runs WHERE geom IS NOT NULL").scalar() > 0
    _check_boxes(store, syria)
    store.close()
