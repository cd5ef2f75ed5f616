"""Areas of control, front lines, Voronoi cells and boundaries."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon, box

from frontlines.control.areas import (
    AreaSet,
    control_areas,
    derive_boundary,
    load_boundary,
    region_polygons,
    voronoi_cells,
)
from frontlines.errors import FrontlinesError
from frontlines.models import ControlStatus, Place

# A 10 x 10 grid of places 0.1 degree apart; the boundary is the box half a
# step outside the grid, so every Voronoi cell is a 0.1 x 0.1 degree square.
LONS = [36.0 + 0.1 * i for i in range(10)]
LATS = [34.0 + 0.1 * j for j in range(10)]
BOUNDARY = box(35.95, 33.95, 36.95, 34.95)
CONTESTED_AT = (2, 5)


def status(pid: str, lon: float, lat: float, side: str, confidence: float = 0.8) -> ControlStatus:
    return ControlStatus(pid, pid.upper(), lat, lon, side, "assessed", date(2024, 11, 30), confidence)


def grid_statuses() -> list[ControlStatus]:
    """Left half government, right half opposition, one contested place on the left."""
    out = []
    for i, lon in enumerate(LONS):
        for j, lat in enumerate(LATS):
            side = "government" if i < 5 else "opposition"
            if (i, j) == CONTESTED_AT:
                side = "contested"
            out.append(status(f"p{i}_{j}", lon, lat, side))
    return out


@pytest.fixture(scope="module")
def grid() -> AreaSet:
    return control_areas(grid_statuses(), BOUNDARY)


def test_areas_cover_the_boundary_without_overlap(grid: AreaSet) -> None:
    assert set(grid.areas) == {"government", "opposition", "contested"}
    union = shapely.union_all(list(grid.areas.values()))
    assert union.area == pytest.approx(BOUNDARY.area, rel=0.01)
    total = sum(a.area for a in grid.areas.values())
    assert total == pytest.approx(BOUNDARY.area, rel=1e-6)  # no double counting
    names = list(grid.areas)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert grid.areas[a].intersection(grid.areas[b]).area < 1e-9
    assert all(isinstance(a, MultiPolygon) and a.is_valid for a in grid.areas.values())


def test_area_sizes_follow_the_statuses(grid: AreaSet) -> None:
    cell = 0.1 * 0.1
    assert grid.areas["government"].area == pytest.approx(49 * cell, rel=1e-6)
    assert grid.areas["opposition"].area == pytest.approx(50 * cell, rel=1e-6)
    assert grid.areas["contested"].area == pytest.approx(cell, rel=1e-6)
    # The contested cell is a hole in the government area.
    (gov,) = grid.areas["government"].geoms
    assert len(gov.interiors) == 1


def test_one_front_between_the_two_sides(grid: AreaSet) -> None:
    fronts = [f for f in grid.front_lines if f.kind == "front"]
    assert len(fronts) == 1
    front = fronts[0]
    assert (front.side_a, front.side_b) == ("government", "opposition")
    assert isinstance(front.geometry, MultiLineString)
    assert front.geometry.length == pytest.approx(1.0, rel=0.01)  # the grid's full height
    xs = shapely.get_coordinates(front.geometry)[:, 0]
    assert np.allclose(xs, 36.45, atol=1e-6)


def test_contested_edges_are_not_fronts(grid: AreaSet) -> None:
    edges = [f for f in grid.front_lines if f.kind == "contested-edge"]
    assert [(e.side_a, e.side_b) for e in edges] == [("government", "contested")]
    assert edges[0].geometry.length == pytest.approx(0.4, rel=0.01)  # the cell's perimeter
    assert not any("contested" in (f.side_a, f.side_b) for f in grid.front_lines if f.kind == "front")


def test_cells_follow_the_statuses(grid: AreaSet) -> None:
    statuses = grid_statuses()
    assert [pid for pid, _ in grid.cells] == [s.place_id for s in statuses]
    for s, (_, cell) in zip(statuses, grid.cells, strict=True):
        assert cell.contains(Point(s.lon, s.lat))
        assert cell.area == pytest.approx(0.01, rel=1e-6)


def test_unknown_areas_make_no_front_lines() -> None:
    statuses = [
        status("a", 36.2, 34.5, "government"),
        status("b", 36.5, 34.5, "unknown"),
        status("c", 36.8, 34.5, "sdf"),
    ]
    result = control_areas(statuses, BOUNDARY)
    assert set(result.areas) == {"government", "unknown", "sdf"}
    assert result.front_lines == []  # unknown sits between them


def test_three_sides_meet() -> None:
    statuses = [
        status("a", 36.2, 34.2, "government"),
        status("b", 36.8, 34.2, "sdf"),
        status("c", 36.5, 34.8, "isis"),
    ]
    result = control_areas(statuses, BOUNDARY)
    pairs = {(f.side_a, f.side_b) for f in result.front_lines}
    assert pairs == {("government", "sdf"), ("government", "isis"), ("isis", "sdf")}


def test_colocated_places_that_disagree_are_contested() -> None:
    statuses = [
        status("a", 36.2, 34.5, "government"),
        status("b", 36.2, 34.5, "opposition"),
        status("c", 36.8, 34.5, "opposition"),
    ]
    result = control_areas(statuses, BOUNDARY)
    assert set(result.areas) == {"contested", "opposition"}
    assert result.cells[0][1].equals(result.cells[1][1])
    # A stronger report wins over a weaker one at the same spot.
    statuses[1] = status("b", 36.2, 34.5, "opposition", confidence=0.3)
    assert set(control_areas(statuses, BOUNDARY).areas) == {"government", "opposition"}


def test_no_statuses_leaves_everything_unknown() -> None:
    result = control_areas([], BOUNDARY)
    assert list(result.areas) == ["unknown"]
    assert result.areas["unknown"].area == pytest.approx(BOUNDARY.area)
    assert result.front_lines == [] and result.cells == []


def test_single_status_fills_the_boundary() -> None:
    result = control_areas([status("a", 36.2, 34.5, "government")], BOUNDARY)
    assert result.areas["government"].area == pytest.approx(BOUNDARY.area)


def test_voronoi_cells_keep_input_order() -> None:
    rng = np.random.default_rng(1)
    pts = [(float(x), float(y)) for x, y in zip(rng.uniform(36, 36.9, 300), rng.uniform(34, 34.9, 300), strict=True)]
    cells = voronoi_cells(pts, BOUNDARY)
    assert len(cells) == len(pts)
    assert all(c.contains(Point(p)) for c, p in zip(cells, pts, strict=True))
    assert sum(c.area for c in cells) == pytest.approx(BOUNDARY.area, rel=1e-6)
    order = rng.permutation(len(pts))
    shuffled = voronoi_cells([pts[i] for i in order], BOUNDARY)
    assert all(shuffled[k].equals_exact(cells[i], 1e-9) for k, i in enumerate(order))


def test_voronoi_duplicates_share_a_cell() -> None:
    cells = voronoi_cells([(36.2, 34.5), (36.8, 34.5), (36.2, 34.5)], BOUNDARY)
    assert cells[0].equals(cells[2])
    assert cells[0].area + cells[1].area == pytest.approx(BOUNDARY.area)


def test_point_outside_the_boundary_gets_an_empty_cell() -> None:
    cells = voronoi_cells([(36.5, 34.5), (40.0, 34.5)], BOUNDARY)
    assert cells[0].area == pytest.approx(BOUNDARY.area)
    assert isinstance(cells[1], Polygon) and cells[1].is_empty


def test_derive_boundary_covers_the_points_with_a_margin() -> None:
    rng = np.random.default_rng(2)
    pts = list(zip(rng.uniform(36, 40, 500), rng.uniform(33, 36, 500), strict=True))
    poly = derive_boundary(pts, buffer_km=15)
    assert isinstance(poly, Polygon) and poly.is_valid and not poly.interiors
    assert all(poly.contains(Point(p)) for p in pts)
    # Every point is ~15 km (here at least 10 km, ~0.09 degree latitude) from the edge.
    edge = poly.exterior
    assert min(edge.distance(Point(p)) for p in pts) > 10 / 111.32
    assert shapely.is_ccw(edge)


def test_derive_boundary_of_few_points() -> None:
    poly = derive_boundary([(36.0, 34.0), (36.5, 34.5)], buffer_km=5)
    assert poly.is_valid and poly.contains(Point(36.0, 34.0)) and poly.contains(Point(36.5, 34.5))
    with pytest.raises(FrontlinesError):
        derive_boundary([])


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_boundary_accepts_geojson_shapes(tmp_path: Path) -> None:
    geom = shapely.geometry.mapping(BOUNDARY)
    other = shapely.geometry.mapping(box(37, 34, 37.5, 34.5))
    bare = load_boundary(_write(tmp_path / "g.geojson", geom))
    assert bare.equals(BOUNDARY)
    feat = load_boundary(_write(tmp_path / "f.geojson", {"type": "Feature", "geometry": geom, "properties": {}}))
    assert feat.equals(BOUNDARY)
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": geom, "properties": {}},
            {"type": "Feature", "geometry": other, "properties": {}},
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [1, 2]},
                "properties": {},
            },
        ],
    }
    both = load_boundary(_write(tmp_path / "fc.geojson", fc))
    assert isinstance(both, MultiPolygon) and len(both.geoms) == 2
    assert both.area == pytest.approx(BOUNDARY.area + 0.25)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2]",
        json.dumps({"type": "Point", "coordinates": [1, 2]}),
        json.dumps({"type": "Polygon", "coordinates": "bad"}),
    ],
)
def test_load_boundary_rejects_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FrontlinesError, match=r"b\.geojson"):
        load_boundary(path)


def test_load_boundary_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrontlinesError, match="cannot read"):
        load_boundary(tmp_path / "nope.geojson")


def test_region_polygons_from_settlements() -> None:
    places = [
        Place(f"p{i}_{j}", "x", "settlement", lat, lon, admin1="West" if i < 4 else "East")
        for i, lon in enumerate(LONS)
        for j, lat in enumerate(LATS)
    ]
    # Facilities and places abroad must not carve their own cells.
    places.append(Place("base", "Base", "facility", 34.45, 36.62, admin1="West"))
    places.append(Place("abroad", "Abroad", "settlement", 34.45, 36.52, admin1="Elsewhere", country="LB"))
    regions = region_polygons(places, BOUNDARY)
    assert set(regions) == {"West", "East"}
    assert regions["West"].area == pytest.approx(0.4, rel=1e-6)
    assert regions["East"].area == pytest.approx(0.6, rel=1e-6)
    assert regions["West"].contains(Point(36.1, 34.5)) and regions["East"].contains(Point(36.8, 34.5))
    assert region_polygons([], BOUNDARY) == {}


def test_areas_are_in_lonlat_not_the_working_plane(grid: AreaSet) -> None:
    x0, y0, x1, y1 = shapely.total_bounds(list(grid.areas.values()))
    assert (x0, y0, x1, y1) == pytest.approx(BOUNDARY.bounds, abs=1e-6)  # ~10 cm
    assert math.isclose(grid.front_lines[0].geometry.bounds[1], 33.95, abs_tol=1e-6)
