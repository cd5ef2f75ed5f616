"""Areas of control and front lines from point statuses.

Each place with a control status gets the Voronoi cell around it, clipped to
the theater boundary; cells of the same status are dissolved into one area per
status, and the shared edges between areas of different sides are the front
lines. All geometry work happens in a local equirectangular plane in
kilometres so that cells and buffers are not stretched east-west by the
longitude/latitude grid; results are handed back in lon/lat (WGS84).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from frontlines.errors import InputError
from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Place

Polygonal: TypeAlias = Polygon | MultiPolygon

# Kilometres per degree of latitude, and of longitude at the equator.
_KM_PER_DEG_LAT = 110.574
_KM_PER_DEG_LON = 111.320
# Points closer than this (km) share one Voronoi generator: GEOS is unstable on
# near-coincident sites and a metre is far below any gazetteer's precision.
_MERGE_KM = 0.001
# Areas are snapped to a 1 cm grid: each area is clipped to the boundary on its
# own, so the point where a shared edge meets the boundary can differ in the
# last bit between the two areas, which would break the shared-edge test.
_GRID_KM = 1e-5


@dataclass(frozen=True, slots=True)
class FrontLine:
    """A shared edge between two areas.

    ``kind`` is ``"front"`` between two opposing sides (``side_a`` < ``side_b``
    alphabetically) and ``"contested-edge"`` where a side's area meets a
    contested area (``side_b`` is then ``"contested"``).
    """

    side_a: str
    side_b: str
    geometry: MultiLineString
    kind: str = "front"


@dataclass(frozen=True)
class AreaSet:
    """Dissolved control areas, the lines between them and the per-place cells."""

    areas: dict[str, MultiPolygon] = field(default_factory=dict)
    front_lines: list[FrontLine] = field(default_factory=list)
    cells: list[tuple[str, Polygon]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Plane:
    """An affine lon/lat <-> km mapping centred on the theater.

    Affine, so shared vertices stay shared in both directions and the inverse
    is exact up to rounding.
    """

    lon0: float
    lat0: float
    kx: float
    ky: float

    @classmethod
    def around(cls, lons: np.ndarray, lats: np.ndarray) -> _Plane:
        lon0 = float((np.min(lons) + np.max(lons)) / 2)
        lat0 = float((np.min(lats) + np.max(lats)) / 2)
        kx = _KM_PER_DEG_LON * max(math.cos(math.radians(lat0)), 0.01)
        return cls(lon0, lat0, kx, _KM_PER_DEG_LAT)

    def fwd(self, coords: np.ndarray) -> np.ndarray:
        return np.column_stack(((coords[:, 0] - self.lon0) * self.kx, (coords[:, 1] - self.lat0) * self.ky))

    def inv(self, coords: np.ndarray) -> np.ndarray:
        return np.column_stack((coords[:, 0] / self.kx + self.lon0, coords[:, 1] / self.ky + self.lat0))

    def to_plane(self, geom: Any) -> Any:
        return shapely.transform(geom, self.fwd)

    def to_lonlat(self, geom: Any) -> Any:
        return shapely.transform(geom, self.inv)


def _lonlat_array(points: Sequence[tuple[float, float]]) -> np.ndarray:
    arr = np.asarray(points, dtype=float).reshape(-1, 2)
    if not np.all(np.isfinite(arr)):
        raise InputError("point coordinates must be finite numbers")
    return arr


def _polygonal(geom: BaseGeometry | None) -> MultiPolygon:
    """The polygon parts of any geometry as one MultiPolygon (empty if none)."""
    if geom is None or geom.is_empty:
        return MultiPolygon()
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    return MultiPolygon(polys)


def _single_or_multi(geom: MultiPolygon) -> Polygonal:
    return geom.geoms[0] if len(geom.geoms) == 1 else geom


def derive_boundary(points: Sequence[tuple[float, float]], buffer_km: float = 15.0) -> Polygon:
    """A theater boundary around gazetteer points ``(lon, lat)``.

    A concave hull of the points, buffered by ``buffer_km`` and simplified; a
    single valid polygon that covers every point. Used when the theater pack
    has no boundary file.
    """
    lonlat = _lonlat_array(points)
    if len(lonlat) == 0:
        raise InputError("cannot derive a boundary from no points")
    if buffer_km <= 0:
        raise InputError("buffer_km must be positive")
    plane = _Plane.around(lonlat[:, 0], lonlat[:, 1])
    xy = plane.fwd(lonlat)
    hull = shapely.concave_hull(shapely.multipoints(xy), ratio=0.3)
    shell = shapely.buffer(hull, buffer_km, quad_segs=4)
    # A simplification tolerance below the buffer keeps every point inside.
    shell = shapely.simplify(shell, buffer_km / 5, preserve_topology=True)
    parts = [p for p in shapely.get_parts(shapely.make_valid(shell)) if isinstance(p, Polygon)]
    poly = max(parts, key=lambda p: p.area) if parts else Polygon()
    if poly.is_empty or not shapely.covers(poly, shapely.multipoints(xy)):
        # Should not happen; the buffered convex hull is a safe fallback.
        poly = shapely.buffer(shapely.convex_hull(shapely.multipoints(xy)), buffer_km)
    poly = Polygon(poly.exterior)  # no holes: a theater is one piece of land
    return shapely.orient_polygons(plane.to_lonlat(poly))


def load_boundary(path: str | Path) -> Polygonal:
    """Read a theater boundary from a GeoJSON file.

    Accepts a FeatureCollection (the polygonal features are unioned), a Feature
    or a bare geometry; raises ``InputError`` if the file is unreadable or has
    no polygon.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read boundary file {p}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"boundary file {p} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"boundary file {p} is not a GeoJSON object")
    if data.get("type") == "FeatureCollection":
        raw = [f.get("geometry") for f in data.get("features") or [] if isinstance(f, dict)]
    elif data.get("type") == "Feature":
        raw = [data.get("geometry")]
    else:
        raw = [data]
    geoms = []
    for g in raw:
        if not g:
            continue
        try:
            geoms.append(shapely.make_valid(shape(g)))
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            shapely.errors.GEOSException,
        ) as exc:
            raise InputError(f"boundary file {p} has a bad geometry: {exc}") from exc
    area = _polygonal(shapely.union_all(geoms)) if geoms else MultiPolygon()
    if area.is_empty:
        raise InputError(f"boundary file {p} contains no polygon")
    return _single_or_multi(area)


@dataclass(slots=True)
class _Diagram:
    """A Voronoi diagram in the plane: one unclipped cell per distinct site."""

    plane: _Plane
    boundary: Polygonal  # in the plane
    sites: np.ndarray  # (m, 2) distinct sites, plane
    inverse: np.ndarray  # input index -> site index
    cells: np.ndarray  # (m,) Polygons, unclipped but extended past the boundary


def _diagram(lonlat: np.ndarray, boundary: Polygonal) -> _Diagram:
    bnd_ll = np.asarray(shapely.get_coordinates(boundary))
    every = np.vstack([bnd_ll, lonlat]) if len(lonlat) else bnd_ll
    plane = _Plane.around(every[:, 0], every[:, 1])
    bnd = plane.to_plane(boundary)
    shapely.prepare(bnd)
    xy = plane.fwd(lonlat) if len(lonlat) else np.empty((0, 2))
    keys = np.round(xy / _MERGE_KM)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    sites = xy[first]
    # A frame well beyond the boundary and sites, so no clipped cell edge ever
    # runs inside the boundary.
    x0, y0, x1, y1 = shapely.total_bounds(np.concatenate([[bnd], shapely.points(sites)]))
    pad = max(x1 - x0, y1 - y0, 1.0)
    frame = box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    if len(sites) == 1:
        cells = np.array([frame], dtype=object)
    else:
        vor = shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=frame)
        parts = shapely.get_parts(vor)
        # GEOS does not promise the cells come back in input order: find each
        # site's cell through a spatial index.
        tree = shapely.STRtree(parts)
        site_pts = shapely.points(sites)
        hit_site, hit_cell = tree.query(site_pts, predicate="intersects")
        cell_of = np.full(len(sites), -1, dtype=np.int64)
        cell_of[hit_site[::-1]] = hit_cell[::-1]  # first hit wins
        missing = np.flatnonzero(cell_of < 0)
        if len(missing):
            cell_of[missing] = tree.query_nearest(site_pts[missing], return_distance=False)[1]
        cells = parts[cell_of]
    return _Diagram(plane, bnd, sites, inverse.reshape(-1), cells)


def _clip(cells: np.ndarray, boundary: Polygonal) -> np.ndarray:
    """Cells clipped to the (prepared) boundary; only those crossing it are cut."""
    out = cells.copy()
    inside = shapely.contains_properly(boundary, cells)
    cut = np.flatnonzero(~inside)
    if len(cut):
        out[cut] = shapely.intersection(cells[cut], boundary)
    return out


def _dissolve(diag: _Diagram, labels: Sequence[str]) -> dict[str, MultiPolygon]:
    """Per label (one per site), the union of its cells clipped to the boundary (plane)."""
    lab = np.asarray(labels, dtype=object)
    out: dict[str, MultiPolygon] = {}
    for name in sorted(set(labels)):
        group = diag.cells[lab == name]
        # Voronoi cells are an exact coverage (shared vertices are identical),
        # so the fast coverage union applies; fall back if GEOS disagrees.
        merged = shapely.coverage_union_all(group)
        if not shapely.is_valid(merged):
            merged = shapely.union_all(group)
        area = _polygonal(shapely.set_precision(shapely.intersection(merged, diag.boundary), _GRID_KM))
        if not area.is_empty:
            out[name] = area
    return out


def voronoi_cells(points: Sequence[tuple[float, float]], boundary: Polygonal) -> list[Polygon]:
    """One Voronoi cell per ``(lon, lat)`` point, in input order, clipped to ``boundary``.

    Points at the same position (within a metre) share one cell. A point whose
    cell lies outside the boundary gets an empty polygon.
    """
    lonlat = _lonlat_array(points)
    if len(lonlat) == 0:
        return []
    diag = _diagram(lonlat, boundary)
    per_site = _site_cells(diag)
    return [per_site[i] for i in diag.inverse]


def _site_cells(diag: _Diagram) -> list[Polygon]:
    """Each site's cell clipped to the boundary, in lon/lat, as one Polygon.

    A cell cut in pieces by a ragged boundary keeps its largest piece; a cell
    outside the boundary is an empty polygon.
    """
    clipped = diag.plane.to_lonlat(_clip(diag.cells, diag.boundary))
    simple = (shapely.get_type_id(clipped) == 3) & ~shapely.is_empty(clipped)
    out: list[Polygon] = list(clipped)
    for i in np.flatnonzero(~simple):  # the few cells the boundary cut apart
        polys = _polygonal(clipped[i]).geoms
        out[i] = max(polys, key=lambda p: p.area) if polys else Polygon()
    return out


def _status_key(s: ControlStatus) -> tuple[bool, bool, float]:
    return (s.status != UNKNOWN, s.level == "assessed", s.confidence)


def _site_statuses(statuses: Sequence[ControlStatus], inverse: np.ndarray, m: int) -> list[str]:
    """One status per site; co-located places disagreeing equally make it contested."""
    best: list[ControlStatus | None] = [None] * m
    tied: list[set[str]] = [set() for _ in range(m)]
    for s, site in zip(statuses, inverse, strict=True):
        cur = best[site]
        if cur is None or _status_key(s) > _status_key(cur):
            best[site] = s
            tied[site] = {s.status}
        elif _status_key(s) == _status_key(cur):
            tied[site].add(s.status)
    return [CONTESTED if len(t) > 1 else (b.status if b else UNKNOWN) for b, t in zip(best, tied, strict=True)]


def _shared_edge(a: Polygonal, b: Polygonal) -> MultiLineString:
    """The line parts of the intersection of two areas' boundaries, merged."""
    touch = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(touch) if g.geom_type == "LineString" and not g.is_empty]
    if not lines:
        return MultiLineString()
    merged = shapely.line_merge(MultiLineString(lines))
    if merged.geom_type == "LineString":
        return MultiLineString([merged])
    return MultiLineString(list(shapely.get_parts(merged)))


def control_areas(statuses: Sequence[ControlStatus], boundary: Polygonal) -> AreaSet:
    """Dissolve place statuses into areas of control and derive the front lines.

    Every place gets its Voronoi cell clipped to ``boundary``; cells are
    dissolved per status (side ids, ``contested``, ``unknown``). Front lines
    are the shared edges between two different sides (``kind="front"``);
    where a side meets a contested area the edge is reported with
    ``side_b="contested"`` and ``kind="contested-edge"``. Edges with
    ``unknown`` areas are not reported. With no usable statuses the whole
    boundary is ``unknown``.
    """
    usable = [s for s in statuses if math.isfinite(s.lon) and math.isfinite(s.lat)]
    if not usable:
        whole = _polygonal(shapely.make_valid(boundary))
        return AreaSet(areas={UNKNOWN: whole} if not whole.is_empty else {})
    lonlat = np.array([(s.lon, s.lat) for s in usable], dtype=float)
    diag = _diagram(lonlat, boundary)
    site_status = _site_statuses(usable, diag.inverse, len(diag.sites))
    plane_areas = _dissolve(diag, site_status)

    sides = sorted(k for k in plane_areas if k not in (UNKNOWN, CONTESTED))
    fronts: list[FrontLine] = []
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            edge = _shared_edge(plane_areas[a], plane_areas[b])
            if not edge.is_empty:
                fronts.append(FrontLine(a, b, diag.plane.to_lonlat(edge), "front"))
    if CONTESTED in plane_areas:
        for a in sides:
            edge = _shared_edge(plane_areas[a], plane_areas[CONTESTED])
            if not edge.is_empty:
                fronts.append(FrontLine(a, CONTESTED, diag.plane.to_lonlat(edge), "contested-edge"))

    areas = {k: diag.plane.to_lonlat(v) for k, v in plane_areas.items()}
    site_cells = _site_cells(diag)
    cells = [(s.place_id, site_cells[i]) for s, i in zip(usable, diag.inverse, strict=True)]
    return AreaSet(areas=areas, front_lines=fronts, cells=cells)


def region_polygons(places: Sequence[Place], boundary: Polygonal, country: str | None = None) -> dict[str, Polygonal]:
    """Approximate admin1 (governorate) polygons from the gazetteer.

    The union of the Voronoi cells of the settlements of ``country`` (default:
    the most common country among the settlements) that share an ``admin1``.
    Settlements with no ``admin1`` still take part in the diagram so their
    ground is not given to a neighbour, but they form no region.
    """
    towns = [p for p in places if p.kind == "settlement" and math.isfinite(p.lon) and math.isfinite(p.lat)]
    if country is None and towns:
        country = Counter(p.country for p in towns).most_common(1)[0][0]
    towns = [p for p in towns if p.country == country]
    if not towns:
        return {}
    diag = _diagram(np.array([(p.lon, p.lat) for p in towns], dtype=float), boundary)
    # Co-located settlements: the majority admin1 of the site wins.
    votes: list[Counter[str]] = [Counter() for _ in range(len(diag.sites))]
    for p, site in zip(towns, diag.inverse, strict=True):
        votes[site][p.admin1] += 1
    labels = [v.most_common(1)[0][0] for v in votes]
    regions = _dissolve(diag, labels)
    return {name: _single_or_multi(diag.plane.to_lonlat(area)) for name, area in regions.items() if name}
