"""Export control statuses, areas, front lines and events to files.

GeoJSON (RFC 7946), GeoPackage (through pyogrio, no geopandas), KML (stdlib
ElementTree) and an ACLED-compatible CSV. Writers raise ``ExportError`` when a
file cannot be produced.

A place carries what its status rests on in three attributes (``ControlStatus``'s fields):
``evidence``, the spans of text the deciding statements were read from (inside their sentences), each
written as ``doc:start:end`` (characters ``start`` to ``end`` of document ``doc``, as ``Evidence``
prints and parses them);
``basis``, the ids of the events (or statement assertions) behind it, which the event layer's
``id`` names; ``reason``, why an ``inferred`` status was inferred ("" otherwise). In GeoJSON
``evidence`` and ``basis`` are lists of those strings; GeoPackage and KML join them with ``;``.

The shared attributes and geometries are in :mod:`frontlines.views.features`, the KML writer in
:mod:`frontlines.views.kml` and the CSV writer in :mod:`frontlines.views.acled_csv`; this module
holds GeoJSON and GeoPackage and stays the import location of every export.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point
from shapely.geometry.base import BaseGeometry

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
from frontlines.models import ControlStatus, Event
from frontlines.views.acled_csv import ACLED_COLUMNS, CSV_COLUMNS, EXTRA_COLUMNS, disorder_type, event_row, write_events_csv
from frontlines.views.features import (
    _EVENT_FIELDS,
    _PLACE_FIELDS,
    DEFAULT_SIDE_COLORS,
    PRECISION,
    _event_props,
    _feature,
    _has_point,
    _iso,
    _place_props,
    _point_json,
    geometry_json,
    side_color,
    span_texts,
)
from frontlines.views.kml import KML_NS, kml_color, kml_document, write_kml

# The public names, those of the modules above included (callers import them from here).
__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "DEFAULT_SIDE_COLORS", "EXTRA_COLUMNS", "KML_NS", "PRECISION", "disorder_type",
    "event_row", "geometry_json", "kml_color", "kml_document", "side_color", "span_texts", "statuses_geojson",
    "write_events_csv", "write_geojson", "write_gpkg", "write_kml",
]


def statuses_geojson(
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None = None,
    events: Sequence[Event] = (),
    as_of: date | None = None,
) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of places, areas, front lines and events.

    Every feature has a ``layer`` property (``place``, ``area``, ``front_line``,
    ``event``). A place's ``evidence`` lists its text spans as ``doc:start:end``
    strings and ``basis`` the ids of its events or statements (see the module's docstring). Coordinates are lon/lat rounded to 5 decimals; polygon
    exteriors are counter-clockwise. Events without coordinates keep a null
    geometry rather than being dropped. ``as_of`` becomes a top-level member.
    """
    features: list[dict[str, Any]] = []
    if areas is not None:
        for status, area in sorted(areas.areas.items()):
            gj = geometry_json(area)
            if gj is not None:
                features.append(_feature(gj, {"status": status, "layer": "area"}))
        for fl in areas.front_lines:
            gj = geometry_json(fl.geometry)
            if gj is not None:
                props = {"side_a": fl.side_a, "side_b": fl.side_b, "kind": fl.kind}
                features.append(_feature(gj, props | {"layer": "front_line"}))
    for s in statuses:
        features.append(_feature(_point_json(s.lon, s.lat), _place_props(s)))
    for e in events:
        features.append(_feature(_point_json(e.lon, e.lat), _event_props(e)))
    fc: dict[str, Any] = {"type": "FeatureCollection"}
    if as_of is not None:
        fc["as_of"] = as_of.isoformat()
    fc["features"] = features
    return fc


def write_geojson(path: str | Path, fc: dict[str, Any]) -> None:
    """Write a FeatureCollection as UTF-8 JSON."""
    try:
        Path(path).write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


# --- GeoPackage -------------------------------------------------------------


def _columns(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, np.ndarray]:
    """Attribute arrays for pyogrio: numbers stay numeric, lists are joined with ``;``,
    everything else becomes a string (None as "")."""
    out: dict[str, np.ndarray] = {}
    for name in names:
        values = [row[name] for row in rows]
        if name in _DATE_FIELDS:
            out[name] = np.array([v or "NaT" for v in values], dtype="datetime64[D]")
        elif name in _INT_FIELDS:
            out[name] = np.array(values, dtype=np.int64)
        elif name in _FLOAT_FIELDS:
            out[name] = np.array(values, dtype=float)
        else:
            out[name] = np.array(
                [";".join(v) if isinstance(v, list) else "" if v is None else str(v) for v in values],
                dtype=object,
            )
    return out


_INT_FIELDS = frozenset({"fatalities", "sources"})
# GeoPackage DATE columns (QGIS's temporal controller reads them as dates, not text).
_DATE_FIELDS = frozenset({"since", "date", "as_of", "valid_from", "valid_to"})
_FLOAT_FIELDS = frozenset({"confidence"})


def _write_layer(
    path: Path,
    layer: str,
    geometry_type: str,
    geoms: Sequence[BaseGeometry | None],
    columns: dict[str, np.ndarray],
) -> None:
    # Imported here: GDAL is slow to load and only this writer needs it.
    from pyogrio import raw

    wkb = [None if g is None or g.is_empty else shapely.to_wkb(g) for g in geoms]
    raw.write(
        str(path),
        np.array(wkb, dtype=object),
        list(columns.values()),
        list(columns.keys()),
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        crs="EPSG:4326",
    )


def _multipolygon(geom: BaseGeometry) -> BaseGeometry:
    return MultiPolygon([geom]) if geom.geom_type == "Polygon" else geom


def _point(lon: float | None, lat: float | None) -> Point | None:
    return Point(lon, lat) if _has_point(lon, lat) else None


def write_gpkg(
    path: str | Path,
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None = None,
    events: Sequence[Event] = (),
    as_of: date | None = None,
) -> None:
    """Write a GeoPackage with layers ``places``, ``areas``, ``front_lines``, ``events``.

    An existing file is replaced. Dates are DATE fields; every layer has an ``as_of``
    DATE column naming the day drawn; a place's ``evidence`` spans (``doc:start:end``) and
    ``basis`` ids are joined with ``;``, its ``reason`` is text. Layers
    are written even when empty so readers find the same schema every time.
    """
    p = Path(path)
    area_items = sorted(areas.areas.items()) if areas else []
    fronts = areas.front_lines if areas else []
    day: dict[str, Any] = {"as_of": _iso(as_of)}
    front_rows = [{"side_a": f.side_a, "side_b": f.side_b, "kind": f.kind} | day for f in fronts]
    try:
        if p.exists():
            p.unlink()
        _write_layer(
            p, "places", "Point",
            [_point(s.lon, s.lat) for s in statuses],
            _columns([_place_props(s) | day for s in statuses], (*_PLACE_FIELDS, "as_of")),
        )  # fmt: skip
        _write_layer(
            p, "areas", "MultiPolygon",
            [_multipolygon(a) for _, a in area_items],
            _columns([{"status": k} | day for k, _ in area_items], ("status", "as_of")),
        )  # fmt: skip
        _write_layer(
            p, "front_lines", "MultiLineString",
            [MultiLineString(list(shapely.get_parts(f.geometry))) for f in fronts],
            _columns(front_rows, ("side_a", "side_b", "kind", "as_of")),
        )  # fmt: skip
        _write_layer(
            p, "events", "Point",
            [_point(e.lon, e.lat) for e in events],
            _columns([_event_props(e) | day for e in events], (*_EVENT_FIELDS, "as_of")),
        )  # fmt: skip
    except OSError as exc:
        raise ExportError(f"cannot write {p}: {exc.strerror or exc}") from exc
    except Exception as exc:  # pyogrio/GDAL raise their own exception types
        if type(exc).__module__.startswith(("pyogrio", "shapely")):
            raise ExportError(f"cannot write GeoPackage {p}: {exc}") from exc
        raise
