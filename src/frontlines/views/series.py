"""Exports over a range of days, for GIS time sliders (QGIS's temporal controller, Google Earth).

A place's status is written once per run of days with the same status and level, with
``valid_from``/``valid_to`` (inclusive) dates; areas and front lines are written once per day,
each with its ``date`` and the same two fields; events carry their day (to ``date_end`` for a
span). GeoPackage fields are DATE, KML features carry a ``TimeSpan``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiLineString

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
from frontlines.models import ControlStatus, Event
from frontlines.views.exports import _columns, _multipolygon, _point, _write_layer, write_geojson
from frontlines.views.features import (
    _EVENT_FIELDS,
    _PLACE_FIELDS,
    _event_props,
    _feature,
    _has_point,
    _place_props,
    _point_json,
    geometry_json,
)
from frontlines.views.kml import (
    KML_NS,
    _event_style,
    _extended,
    _kml_lines,
    _kml_point,
    _kml_polygons,
    _kml_styles,
    _sub,
    _time_span,
    _write_kml_tree,
)

DayAreas = tuple[date, AreaSet | None]
_SPAN = ("valid_from", "valid_to")


@dataclass(frozen=True, slots=True)
class StatusRun:
    """A place's status over consecutive days (``valid_to`` inclusive); the last day's record."""

    status: ControlStatus
    valid_from: date
    valid_to: date


def status_runs(days: Sequence[tuple[date, Sequence[ControlStatus]]]) -> list[StatusRun]:
    """Collapse day-by-day statuses into runs of the same status and level per place.

    A place missing on a day (not yet known) ends its run; the days must be consecutive and sorted.
    """
    open_runs: dict[str, StatusRun] = {}
    done: list[StatusRun] = []
    for day, statuses in days:
        seen = set()
        for s in statuses:
            seen.add(s.place_id)
            run = open_runs.get(s.place_id)
            if run is not None and (run.status.status, run.status.level) == (s.status, s.level):
                open_runs[s.place_id] = StatusRun(s, run.valid_from, day)
            else:
                if run is not None:
                    done.append(run)
                open_runs[s.place_id] = StatusRun(s, day, day)
        for pid in [p for p in open_runs if p not in seen]:
            done.append(open_runs.pop(pid))
    done.extend(open_runs.values())
    return sorted(done, key=lambda r: (r.status.place_id, r.valid_from))


def _span(start: date, end: date | None) -> dict[str, str]:
    return {"valid_from": start.isoformat(), "valid_to": (end or start).isoformat()}


def _run_props(r: StatusRun) -> dict[str, Any]:
    return _place_props(r.status) | _span(r.valid_from, r.valid_to)


def _event_span(e: Event) -> dict[str, Any]:
    if e.date is None:
        return {"valid_from": None, "valid_to": None}
    return _span(e.date, e.date_end)


def series_geojson(runs: Sequence[StatusRun], day_areas: Sequence[DayAreas], events: Sequence[Event],
                   start: date, end: date) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection for a range of days (top-level ``from`` and ``to``)."""
    features: list[dict[str, Any]] = []
    for day, areas in day_areas:
        if areas is None:
            continue
        span = {"date": day.isoformat()} | _span(day, day)
        for status, area in sorted(areas.areas.items()):
            gj = geometry_json(area)
            if gj is not None:
                features.append(_feature(gj, {"status": status, "layer": "area"} | span))
        for fl in areas.front_lines:
            gj = geometry_json(fl.geometry)
            if gj is not None:
                props = {"side_a": fl.side_a, "side_b": fl.side_b, "kind": fl.kind, "layer": "front_line"}
                features.append(_feature(gj, props | span))
    for r in runs:
        features.append(_feature(_point_json(r.status.lon, r.status.lat), _run_props(r)))
    for e in events:
        features.append(_feature(_point_json(e.lon, e.lat), _event_props(e) | _event_span(e)))
    return {"type": "FeatureCollection", "from": start.isoformat(), "to": end.isoformat(), "features": features}


def write_geojson_series(path: str | Path, runs: Sequence[StatusRun], day_areas: Sequence[DayAreas],
                         events: Sequence[Event], start: date, end: date) -> None:
    """Write :func:`series_geojson` to a file."""
    write_geojson(path, series_geojson(runs, day_areas, events, start, end))


def write_gpkg_series(path: str | Path, runs: Sequence[StatusRun], day_areas: Sequence[DayAreas],
                      events: Sequence[Event]) -> None:
    """A GeoPackage for a range of days: ``places`` (one row per status run), ``areas`` and
    ``front_lines`` (one set per day) and ``events``, all with DATE ``valid_from``/``valid_to``."""
    p = Path(path)
    area_rows: list[dict[str, Any]] = []
    area_geoms = []
    front_rows: list[dict[str, Any]] = []
    front_geoms = []
    for day, areas in day_areas:
        if areas is None:
            continue
        span = {"date": day.isoformat()} | _span(day, day)
        for status, area in sorted(areas.areas.items()):
            area_rows.append({"status": status} | span)
            area_geoms.append(_multipolygon(area))
        for fl in areas.front_lines:
            front_rows.append({"side_a": fl.side_a, "side_b": fl.side_b, "kind": fl.kind} | span)
            front_geoms.append(MultiLineString(list(shapely.get_parts(fl.geometry))))
    try:
        if p.exists():
            p.unlink()
        _write_layer(p, "places", "Point", [_point(r.status.lon, r.status.lat) for r in runs],
                     _columns([_run_props(r) for r in runs], (*_PLACE_FIELDS, *_SPAN)))
        _write_layer(p, "areas", "MultiPolygon", area_geoms, _columns(area_rows, ("status", "date", *_SPAN)))
        _write_layer(p, "front_lines", "MultiLineString", front_geoms,
                     _columns(front_rows, ("side_a", "side_b", "kind", "date", *_SPAN)))
        _write_layer(p, "events", "Point", [_point(e.lon, e.lat) for e in events],
                     _columns([_event_props(e) | _event_span(e) for e in events], (*_EVENT_FIELDS, *_SPAN)))
    except OSError as exc:
        raise ExportError(f"cannot write {p}: {exc.strerror or exc}") from exc
    except Exception as exc:  # pyogrio/GDAL raise their own exception types
        if type(exc).__module__.startswith(("pyogrio", "shapely")):
            raise ExportError(f"cannot write GeoPackage {p}: {exc}") from exc
        raise


def kml_series_document(runs: Sequence[StatusRun], day_areas: Sequence[DayAreas], events: Sequence[Event],
                        start: date, end: date, side_colors: dict[str, str] | None = None,
                        name: str = "frontlines") -> ET.Element:
    """The KML tree for a range of days: a folder per day of areas and front lines, places and
    events, every placemark with a ``TimeSpan`` so Google Earth's time slider plays it."""
    root = ET.Element("kml", xmlns=KML_NS)
    doc = _sub(root, "Document")
    _sub(doc, "name", f"{name}: control {start.isoformat()} to {end.isoformat()}")
    _extended(doc, {"from": start.isoformat(), "to": end.isoformat()})
    _kml_styles(doc, {r.status.status for r in runs} | {s for _, a in day_areas if a for s in a.areas}, events, side_colors)
    for day, areas in day_areas:
        if areas is None:
            continue
        folder = _sub(doc, "Folder")
        _sub(folder, "name", f"Areas and front lines, {day.isoformat()}")
        for status, area in sorted(areas.areas.items()):
            pm = _sub(folder, "Placemark")
            _sub(pm, "name", f"{status}, {day.isoformat()}")
            _time_span(pm, day, day)
            _sub(pm, "styleUrl", f"#status-{status}")
            _kml_polygons(pm, area)
        for fl in areas.front_lines:
            pm = _sub(folder, "Placemark")
            _sub(pm, "name", f"{fl.side_a} / {fl.side_b}, {day.isoformat()}")
            _time_span(pm, day, day)
            _sub(pm, "styleUrl", f"#{fl.kind}")
            _kml_lines(pm, fl.geometry)
    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Places")
    for r in runs:
        s = r.status
        if not _has_point(s.lon, s.lat):
            continue
        _kml_point(folder, s.name, f"{s.status} ({s.level}) from {r.valid_from} to {r.valid_to}", f"#status-{s.status}",
                   _run_props(r), (s.lon, s.lat), span=(r.valid_from, r.valid_to))
    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Events")
    for e in events:
        if not _has_point(e.lon, e.lat) or e.date is None:
            continue
        _kml_point(folder, f"{e.event_type}: {e.location}", e.text, f"#{_event_style(e.event_type)}",
                   _event_props(e) | _event_span(e), (e.lon, e.lat), span=(e.date, e.date_end or e.date))
    return root


def write_kml_series(path: str | Path, runs: Sequence[StatusRun], day_areas: Sequence[DayAreas],
                     events: Sequence[Event], start: date, end: date,
                     side_colors: dict[str, str] | None = None) -> None:
    """Write :func:`kml_series_document` to a file."""
    _write_kml_tree(path, kml_series_document(runs, day_areas, events, start, end, side_colors))

