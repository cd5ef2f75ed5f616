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
"""

from __future__ import annotations

import csv
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point, mapping
from shapely.geometry.base import BaseGeometry

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
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


# --- KML --------------------------------------------------------------------

KML_NS = "http://www.opengis.net/kml/2.2"
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
_EVENT_ICON = "http://maps.google.com/mapfiles/kml/shapes/star.png"


def kml_color(color: str, alpha: float = 1.0) -> str:
    """``#rrggbb`` (or any matplotlib colour name) as KML ``aabbggrr``."""
    hexa = color.lstrip("#") if color.startswith("#") else ""
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    if len(hexa) not in (6, 8) or any(c not in "0123456789abcdefABCDEF" for c in hexa):
        try:
            from matplotlib.colors import to_hex
        except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
            raise ExportError(f"unknown colour {color!r}") from exc
        try:
            hexa = to_hex(color).lstrip("#")
        except ValueError as exc:
            raise ExportError(f"unknown colour {color!r}") from exc
    rr, gg, bb = hexa[0:2], hexa[2:4], hexa[4:6]
    return f"{round(alpha * 255):02x}{bb}{gg}{rr}".lower()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    return el


def _kml_coords(coords: Any) -> str:
    return " ".join(f"{x:.{PRECISION}f},{y:.{PRECISION}f}" for x, y, *_ in coords)


def _kml_style(doc: ET.Element, style_id: str, color: str, line_width: float, fill_alpha: float) -> None:
    style = _sub(doc, "Style", id=style_id)
    icon = _sub(style, "IconStyle")
    _sub(icon, "color", kml_color(color))
    _sub(icon, "scale", "0.8")
    _sub(_sub(icon, "Icon"), "href", _EVENT_ICON if style_id.startswith("event") else _ICON)
    line = _sub(style, "LineStyle")
    _sub(line, "color", kml_color(color))
    _sub(line, "width", f"{line_width:g}")
    poly = _sub(style, "PolyStyle")
    _sub(poly, "color", kml_color(color, fill_alpha))


def _time_span(pm: ET.Element, start: date, end: date) -> None:
    span = _sub(pm, "TimeSpan")
    _sub(span, "begin", start.isoformat())
    _sub(span, "end", end.isoformat())


def _kml_point(folder: ET.Element, name: str, description: str, style: str, data: dict[str, Any],
               point: tuple[Any, Any], *, stamp: date | None = None, span: tuple[date, date] | None = None) -> None:
    """One point Placemark, its elements in KML's order: name, description, its day (``stamp``) or days
    (``span``), style, data, point (lon, lat)."""
    pm = _sub(folder, "Placemark")
    _sub(pm, "name", name)
    _sub(pm, "description", description)
    if span is not None:
        _time_span(pm, *span)
    elif stamp is not None:
        _sub(_sub(pm, "TimeStamp"), "when", stamp.isoformat())
    _sub(pm, "styleUrl", style)
    _extended(pm, data)
    _sub(_sub(pm, "Point"), "coordinates", _kml_coords([point]))


def _extended(pm: ET.Element, data: dict[str, Any]) -> None:
    ext = _sub(pm, "ExtendedData")
    for key, value in data.items():
        if value in (None, "", []):
            continue
        text = ";".join(value) if isinstance(value, list) else str(value)
        _sub(_sub(ext, "Data", name=key), "value", text)


def _kml_lines(pm: ET.Element, geom: BaseGeometry) -> None:
    """The line parts of a geometry as one KML MultiGeometry (front lines)."""
    multi = _sub(pm, "MultiGeometry")
    for line in shapely.get_parts(_clean(geom)):
        if line.geom_type == "LineString" and not line.is_empty:
            _sub(_sub(multi, "LineString"), "coordinates", _kml_coords(line.coords))


def _kml_polygons(pm: ET.Element, geom: BaseGeometry) -> None:
    cleaned = _clean(geom)
    multi = _sub(pm, "MultiGeometry")
    for poly in shapely.get_parts(cleaned):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        el = _sub(multi, "Polygon")
        outer = _sub(_sub(el, "outerBoundaryIs"), "LinearRing")
        _sub(outer, "coordinates", _kml_coords(poly.exterior.coords))
        for ring in poly.interiors:
            inner = _sub(_sub(el, "innerBoundaryIs"), "LinearRing")
            _sub(inner, "coordinates", _kml_coords(ring.coords))


_EVENT_COLORS = {
    "Battles": "#b30000",
    "Explosions/Remote violence": "#ff7f00",
    "Violence against civilians": "#6a3d9a",
    "Strategic developments": "#1f78b4",
    "Protests": "#33a02c",
    "Riots": "#e31a1c",
}


def kml_document(
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None = None,
    events: Sequence[Event] = (),
    side_colors: dict[str, str] | None = None,
    name: str = "frontlines",
    as_of: date | None = None,
) -> ET.Element:
    """The KML tree: folders for areas, front lines, places and events, styled by status.

    ``as_of`` names the day drawn, in the document's name and its ExtendedData.
    """
    root = ET.Element("kml", xmlns=KML_NS)
    doc = _sub(root, "Document")
    _sub(doc, "name", f"{name}: control as of {as_of.isoformat()}" if as_of else name)
    if as_of is not None:
        _extended(doc, {"as_of": as_of.isoformat()})
    used = {s.status for s in statuses} | set(areas.areas if areas else ())
    for status in sorted(used):
        _kml_style(doc, f"status-{status}", side_color(status, side_colors), 2, 0.35)
    _kml_style(doc, "front", "#111111", 4, 0.0)
    _kml_style(doc, "contested-edge", "#555555", 2, 0.0)
    for etype in sorted({e.event_type for e in events}):
        _kml_style(doc, _event_style(etype), _EVENT_COLORS.get(etype, "#444444"), 1, 0.0)

    if areas is not None:
        folder = _sub(doc, "Folder")
        _sub(folder, "name", "Areas of control")
        for status, area in sorted(areas.areas.items()):
            pm = _sub(folder, "Placemark")
            _sub(pm, "name", status)
            _sub(pm, "styleUrl", f"#status-{status}")
            _kml_polygons(pm, area)
        folder = _sub(doc, "Folder")
        _sub(folder, "name", "Front lines")
        for fl in areas.front_lines:
            pm = _sub(folder, "Placemark")
            _sub(pm, "name", f"{fl.side_a} / {fl.side_b}")
            _sub(pm, "styleUrl", f"#{fl.kind}")
            _kml_lines(pm, fl.geometry)

    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Places")
    for s in statuses:
        if not _has_point(s.lon, s.lat):
            continue
        _kml_point(folder, s.name, f"{s.status} ({s.level}) since {_iso(s.since) or 'unknown date'}",
                   f"#status-{s.status}", _place_props(s), (s.lon, s.lat))

    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Events")
    for e in events:
        if not _has_point(e.lon, e.lat):
            continue
        _kml_point(folder, f"{e.event_type}: {e.location}", e.text, f"#{_event_style(e.event_type)}", _event_props(e),
                   (e.lon, e.lat), stamp=e.date)
    return root


def _event_style(event_type: str) -> str:
    return "event-" + "".join(c if c.isalnum() else "-" for c in event_type.lower())


def write_kml(
    path: str | Path,
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None = None,
    events: Sequence[Event] = (),
    side_colors: dict[str, str] | None = None,
    as_of: date | None = None,
) -> None:
    """Write a KML file (Google Earth) of areas, front lines, places and events."""
    _write_kml_tree(path, kml_document(statuses, areas, events, side_colors, as_of=as_of))


def _write_kml_tree(path: str | Path, root: ET.Element) -> None:
    tree = ET.ElementTree(root)
    ET.indent(tree)
    try:
        tree.write(str(path), encoding="utf-8", xml_declaration=True)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


# --- ACLED-style CSV --------------------------------------------------------

# ACLED's export header, in its order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
# Our columns after ACLED's: sides, certainty and the evidence span.
EXTRA_COLUMNS: tuple[str, ...] = (
    "actor1_side", "actor2_side", "certainty", "claimed_by", "wounded", "captured",
    "plover_event", "plover_mode", "cameo_root", "doc", "start", "end",
)  # fmt: skip
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """ACLED's disorder type for an event type (riots depend on the sub-event type)."""
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    return _DISORDER.get(event_type, "")


# CSV columns filled straight from the Event field of the same name.
_SAME_NAME = (
    "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
    "geo_precision", "source", "fatalities", "actor1_side", "actor2_side", "certainty",
    "claimed_by", "wounded", "captured", "plover_event", "plover_mode", "cameo_root", "doc",
    "start", "end",
)  # fmt: skip


def event_row(e: Event, country: str, iso: int, region: str) -> dict[str, Any]:
    """One event as a CSV row keyed by ``CSV_COLUMNS``; unknown values are blank."""
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS, "")
    for name in _SAME_NAME:
        value = getattr(e, name)
        row[name] = "" if value is None else value
    if e.lat is not None and e.lon is not None and _has_point(e.lon, e.lat):
        row.update(latitude=f"{e.lat:.4f}", longitude=f"{e.lon:.4f}")
    row.update(
        event_id_cnty=e.id,
        event_date=_iso(e.date) or "",
        year=e.date.year if e.date else "",
        disorder_type=disorder_type(e.event_type, e.sub_event_type),
        civilian_targeting="Civilians targeted" if e.actor2_side == "civilians" else "",
        iso=iso,
        region=region,
        country=country,
        notes=e.text,
    )
    return row


def write_events_csv(
    fileobj: IO[str],
    events: Sequence[Event],
    country: str,
    iso: int,
    region: str,
) -> None:
    """Write events as ACLED-style CSV: the ACLED columns, then ours (``EXTRA_COLUMNS``); ``country``, ``iso`` and
    ``region`` are the theater's (``Theater.country_name``, ``.iso``, ``.region``).

    ``fileobj`` is a text stream; open files with ``newline=""`` as the csv
    module expects.
    """
    writer = csv.DictWriter(fileobj, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for e in events:
        writer.writerow(event_row(e, country, iso, region))
