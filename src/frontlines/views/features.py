"""What every export writes about a place and an event: their attributes, geometries and colours.

The attributes of a place (a ``ControlStatus``) and of an event in the order every format writes
them, geometries snapped to the output grid as RFC 7946 objects, points only where both
coordinates are finite, and the colour of each side. Shared by :mod:`frontlines.views.exports`
(GeoJSON, GeoPackage), :mod:`frontlines.views.kml` and :mod:`frontlines.views.series`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import shapely
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry

from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Event, Evidence

# RFC 7946 recommends about 6 decimals at most; 5 is ~1 m, well below the
# precision of any report.
PRECISION = 5
_GRID = 10.0**-PRECISION

DEFAULT_SIDE_COLORS: dict[str, str] = {
    "government": "#d62728",
    "opposition": "#2ca02c",
    "sna": "#8c9d2a",
    "sdf": "#e6b800",
    "isis": "#3a3a3a",
    "turkey": "#17becf",
    "russia": "#1f3b8a",
    "us": "#1f77b4",
    "israel": "#4c72b0",
    CONTESTED: "#9467bd",
    UNKNOWN: "#bdbdbd",
}
# Colours for sides missing from both the caller's and the default palette.
_SPARE_COLORS = ("#8c564b", "#e377c2", "#ff7f0e", "#7f7f7f", "#bcbd22", "#393b79")


def side_color(side: str, side_colors: dict[str, str] | None = None) -> str:
    """The colour for a status: the caller's palette, then the defaults, then a stable spare."""
    if side_colors and side in side_colors:
        return side_colors[side]
    if side in DEFAULT_SIDE_COLORS:
        return DEFAULT_SIDE_COLORS[side]
    return _SPARE_COLORS[sum(map(ord, side)) % len(_SPARE_COLORS)]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _round_coords(obj: Any) -> Any:
    """Nested coordinate tuples as lists of floats rounded to PRECISION."""
    if isinstance(obj, tuple | list):
        return [_round_coords(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, PRECISION)
    return obj


def _clean(geom: BaseGeometry) -> BaseGeometry:
    """Snap to the output grid (keeping the geometry valid) and orient rings CCW."""
    if isinstance(geom, Point):
        return geom
    snapped = shapely.set_precision(geom, _GRID)
    return shapely.orient_polygons(snapped, exterior_cw=False)


def geometry_json(geom: BaseGeometry | None) -> dict[str, Any] | None:
    """A shapely geometry as an RFC 7946 geometry object (``None`` if empty)."""
    if geom is None or geom.is_empty:
        return None
    cleaned = _clean(geom)
    if cleaned.is_empty:
        return None
    gj = dict(mapping(cleaned))
    gj["coordinates"] = _round_coords(gj["coordinates"])
    return gj


def _feature(geom: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geom, "properties": props}


# The attributes of a place and of an event in every export, in this order.
_PLACE_FIELDS: tuple[str, ...] = (
    "place_id", "name", "status", "level", "since", "confidence", "evidence", "admin1", "kind", "basis", "reason",
)  # fmt: skip
_EVENT_FIELDS: tuple[str, ...] = (
    "id", "date", "event_type", "sub_event_type", "actor1", "actor1_side", "actor2",
    "actor2_side", "fatalities", "certainty", "location", "admin1", "doc",
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def span_texts(value: Any) -> Any:
    """A status's evidence spans as ``doc:start:end`` texts, in a list (anything that is not a list of
    spans is left as it is)."""
    if isinstance(value, tuple | list):
        return [str(v) if isinstance(v, Evidence) else v for v in value]
    return value


def _place_props(s: ControlStatus) -> dict[str, Any]:
    props = {name: _plain(getattr(s, name)) for name in _PLACE_FIELDS}
    props["evidence"] = span_texts(props["evidence"])
    return props | {"layer": "place"}


def _event_props(e: Event) -> dict[str, Any]:
    return {name: _plain(getattr(e, name)) for name in _EVENT_FIELDS} | {"layer": "event"}


def _has_point(lon: float | None, lat: float | None) -> bool:
    return lon is not None and lat is not None and math.isfinite(lon) and math.isfinite(lat)


def _point_json(lon: float | None, lat: float | None) -> dict[str, Any] | None:
    if lon is None or lat is None or not _has_point(lon, lat):
        return None
    return {"type": "Point", "coordinates": [round(lon, PRECISION), round(lat, PRECISION)]}
