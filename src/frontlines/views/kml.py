"""KML (Google Earth) of control areas, front lines, places and events, written with the stdlib's ElementTree.

Folders for areas, front lines, places and events, each styled by status (or event type); colours
as KML's ``aabbggrr``. Writers raise ``ExportError`` when a file cannot be produced.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
from frontlines.models import ControlStatus, Event
from frontlines.views.features import PRECISION, _clean, _event_props, _has_point, _iso, _place_props, side_color

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
    _kml_styles(doc, {s.status for s in statuses} | set(areas.areas if areas else ()), events, side_colors)

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


def _kml_styles(doc: ET.Element, statuses: set[str], events: Sequence[Event], side_colors: dict[str, str] | None) -> None:
    """The shared styles of a control document: one per status shown, the front lines, one per event type."""
    for status in sorted(statuses):
        _kml_style(doc, f"status-{status}", side_color(status, side_colors), 2, 0.35)
    _kml_style(doc, "front", "#111111", 4, 0.0)
    _kml_style(doc, "contested-edge", "#555555", 2, 0.0)
    for etype in sorted({e.event_type for e in events}):
        _kml_style(doc, _event_style(etype), _EVENT_COLORS.get(etype, "#444444"), 1, 0.0)


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
