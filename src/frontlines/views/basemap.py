"""Context under the control map: neighbouring countries, coast, lakes, rivers and main roads.

A theater may ship ``basemap.geojson`` (built by ``scripts/build_basemap.py`` from Natural
Earth, public domain): features with a ``layer`` property (``country``, ``coast``, ``lake``,
``river``, ``road``) and a ``name``. Everything is drawn from that file: no tiles, no network.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from frontlines.errors import TheaterError

SEA = "#cfe1ee"
LAND = "#f1eee8"
BORDER = "#8a8a8a"
RIVER = "#4f8fc0"
ROAD = "#b07a3a"
_HALO = [patheffects.withStroke(linewidth=3, foreground="white")]

Named = tuple[str, BaseGeometry]


@dataclass(frozen=True, slots=True)
class Basemap:
    """The context layers of a theater, in lon/lat."""

    countries: list[Named] = field(default_factory=list)
    coast: list[BaseGeometry] = field(default_factory=list)
    lakes: list[Named] = field(default_factory=list)
    rivers: list[Named] = field(default_factory=list)
    roads: list[Named] = field(default_factory=list)
    attribution: str = ""

    def country(self, name: str) -> BaseGeometry | None:
        """The polygon of a country by name (None when absent)."""
        parts = [g for n, g in self.countries if n == name]
        return shapely.union_all(parts) if parts else None


def load_basemap(path: str | Path) -> Basemap:
    """Read a base map GeoJSON; raises TheaterError when it is unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        layers: dict[str, list[Named]] = {"country": [], "coast": [], "lake": [], "river": [], "road": []}
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            layer = props.get("layer")
            if layer in layers and feature.get("geometry"):
                layers[layer].append((str(props.get("name") or ""), shape(feature["geometry"])))
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise TheaterError(f"cannot read the base map {path}: {exc}") from exc
    return Basemap(layers["country"], [g for _, g in layers["coast"]], layers["lake"], layers["river"],
                   layers["road"], str(data.get("attribution", "")))


def polygon_path(geom: BaseGeometry) -> MplPath | None:
    """A matplotlib path for a (multi)polygon, holes included (None when it has no polygon)."""
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            c = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            c[0], c[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            verts.append(xy)
            codes.append(c)
    return MplPath(np.concatenate(verts), np.concatenate(codes)) if verts else None


def line_parts(geom: BaseGeometry) -> list[np.ndarray]:
    """Coordinate arrays of a geometry's lines (a polygon's boundary)."""
    if geom.geom_type.endswith("Polygon"):
        geom = shapely.boundary(geom)
    return [np.asarray(p.coords)[:, :2] for p in shapely.get_parts(geom)
            if p.geom_type in ("LineString", "LinearRing") and not p.is_empty]


def draw_under(ax: Axes, basemap: Basemap, theater_country: str) -> None:
    """Sea, land, neighbouring countries and the theater's country (white), under everything."""
    if basemap.coast or basemap.countries:
        ax.set_facecolor(SEA)
    for name, geom in basemap.countries:
        path = polygon_path(geom)
        if path is not None:
            face = "white" if name == theater_country else LAND
            ax.add_patch(PathPatch(path, facecolor=face, edgecolor="none", zorder=0))
    for _, geom in basemap.lakes:
        path = polygon_path(geom)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=SEA, edgecolor=RIVER, lw=0.4, zorder=0.5))


def draw_over(ax: Axes, basemap: Basemap, theater_country: str) -> None:
    """Borders, coast, rivers and roads over the control areas (lines only, so areas stay readable)."""
    for name, geom in basemap.countries:
        for line in line_parts(geom):
            ax.plot(line[:, 0], line[:, 1], color="#444444" if name == theater_country else BORDER,
                    lw=1.3 if name == theater_country else 0.8, zorder=2.5)
    for geom in basemap.coast:
        for line in line_parts(geom):
            ax.plot(line[:, 0], line[:, 1], color=RIVER, lw=0.8, zorder=2.5)
    for _, geom in basemap.rivers:
        for line in line_parts(geom):
            ax.plot(line[:, 0], line[:, 1], color=RIVER, lw=1.4, alpha=0.9, solid_capstyle="round", zorder=2.6)
    for _, geom in basemap.roads:
        for line in line_parts(geom):
            ax.plot(line[:, 0], line[:, 1], color=ROAD, lw=1.0, ls=(0, (6, 2)), alpha=0.8, zorder=2.7)


def country_labels(basemap: Basemap, theater_country: str, extent: Sequence[float],
                   avoid: BaseGeometry | None = None) -> list[tuple[str, float, float]]:
    """Neighbour names at a point well inside the visible part of each neighbour (outside ``avoid``,
    e.g. the legend's box)."""
    x0, y0, x1, y1 = extent
    view = box(*extent)
    if avoid is not None:
        view = view.difference(avoid)
    min_area = 0.01 * (x1 - x0) * (y1 - y0)
    out = []
    for name, geom in basemap.countries:
        if name == theater_country:
            continue
        visible = geom.intersection(view.buffer(-0.03 * (x1 - x0)))
        if visible.is_empty or visible.area < min_area:
            continue
        # The point farthest inside the visible part, so the name sits clear of the border.
        biggest = max(shapely.get_parts(visible), key=lambda g: g.area)
        p = polylabel(biggest, tolerance=0.05) if biggest.geom_type == "Polygon" else biggest.representative_point()
        out.append((name.upper(), p.x, p.y))
    return out


def river_labels(basemap: Basemap, extent: Sequence[float]) -> list[tuple[str, list[tuple[float, float, float]]]]:
    """Per named river, candidate label spots along its longest visible stretch (middle first),
    each ``(lon, lat, angle in degrees)``."""
    view = box(*extent)
    best: dict[str, tuple[float, Any]] = {}
    for name, geom in basemap.rivers:
        if not name:
            continue
        for part in shapely.get_parts(geom.intersection(view)):
            if part.geom_type == "LineString" and part.length > best.get(name, (0.0, None))[0]:
                best[name] = (part.length, part)
    out = []
    for name, (_, line) in best.items():
        spots = []
        for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            a = line.interpolate(f - 0.04, normalized=True)
            b = line.interpolate(f + 0.04, normalized=True)
            coslat = math.cos(math.radians(a.y))
            angle = math.degrees(math.atan2(b.y - a.y, (b.x - a.x) * coslat))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            mid = line.interpolate(f, normalized=True)
            spots.append((mid.x, mid.y, angle))
        out.append((name, spots))
    return out


def label_style() -> dict[str, Any]:
    """Shared text style for base map names."""
    return {"path_effects": _HALO, "zorder": 3}
