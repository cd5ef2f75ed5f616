"""Views: what the CLI, the API and the web app show, built from the store and the theater.

Thin glue over :mod:`frontlines.ledger`, :mod:`frontlines.areas`,
:mod:`frontlines.exports` and :mod:`frontlines.maps`, so that every front end
computes a map or a timeline the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontlines.areas import AreaSet, control_areas, derive_boundary, load_boundary, region_polygons
from frontlines.errors import ExportError, InputError
from frontlines.events import merge_events
from frontlines.exports import statuses_geojson, write_geojson, write_gpkg, write_kml
from frontlines.ledger import Ledger, baseline_assertions
from frontlines.models import ControlStatus, Event
from frontlines.storage import Store
from frontlines.theater import Theater


@lru_cache(maxsize=4)
def _boundary(theater_id: str, boundary_path: str | None, points: tuple[tuple[float, float], ...]) -> Any:
    if boundary_path:
        return load_boundary(Path(boundary_path))
    return derive_boundary(list(points))


def theater_boundary(theater: Theater) -> Any:
    """The theater's boundary: its boundary file, or one derived from its gazetteer."""
    points = tuple((p.lon, p.lat) for p in theater.gazetteer.places
                   if p.country == theater.country and p.kind in ("settlement", "facility"))
    return _boundary(theater.id, str(theater.boundary_path) if theater.boundary_path else None, points)


def theater_regions(theater: Theater) -> dict[str, Any]:
    """Governorate polygons (union of Voronoi cells of their places) for context on maps."""
    cached = _REGION_CACHE.get(theater.id)
    if cached is None:
        cached = region_polygons([p for p in theater.gazetteer.places if p.country == theater.country],
                                 theater_boundary(theater))
        _REGION_CACHE[theater.id] = cached
    return cached


_REGION_CACHE: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Control of a theater on one day: statuses, areas and that day's events."""

    as_of: date | None
    statuses: list[ControlStatus]
    areas: AreaSet | None
    events: list[Event]


def ledger_from_store(store: Store, theater: Theater, until: date | None = None, known_by: date | None = None) -> Ledger:
    """The ledger of every assertion in the store (valid up to ``until``; published by ``known_by``)."""
    return Ledger([*baseline_assertions(theater), *store.assertions(until)], theater.gazetteer, theater.actors.sides,
                  known_by=known_by)


def merged_events(store: Store, since: date | None = None, until: date | None = None) -> list[Event]:
    """Events from the store, one per happening across reports."""
    return merge_events(store.events(since, until), window_days=1)


def snapshot(store: Store, theater: Theater, as_of: date | None, *, with_areas: bool = True,
             known_by: date | None = None) -> Snapshot:
    """Control statuses, areas and events for a day (the latest data when ``as_of`` is None).

    ``known_by`` limits the evidence to what had been published by that day: the map as it could
    have been drawn then, rather than with hindsight.
    """
    ledger = ledger_from_store(store, theater, as_of, known_by)
    statuses = [s for s in ledger.as_of(as_of) if s.kind not in ("region", "country", "route")]
    day_events = merged_events(store, as_of, as_of) if as_of else merged_events(store)
    areas = control_areas(statuses, theater_boundary(theater)) if with_areas and statuses else None
    return Snapshot(as_of, statuses, areas, day_events)


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    if end < start:
        raise InputError(f"the end date {end} is before the start date {start}")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def export_snapshot(snap: Snapshot, path: Path) -> None:
    """Write a snapshot as GeoJSON, GeoPackage or KML, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        write_geojson(path, statuses_geojson(snap.statuses, snap.areas, snap.events, snap.as_of))
    elif suffix == ".gpkg":
        write_gpkg(path, snap.statuses, snap.areas, snap.events)
    elif suffix == ".kml":
        write_kml(path, snap.statuses, snap.areas, snap.events)
    else:
        raise ExportError(f"{path}: unsupported output type {suffix!r}; use .png, .gif, .geojson, .gpkg or .kml")
