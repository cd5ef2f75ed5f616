"""Views: what the CLI, the API and the web app show, built from the store and the theater.

Thin glue over :mod:`frontlines.control.ledger`, :mod:`frontlines.control.areas`,
:mod:`frontlines.views.exports` and :mod:`frontlines.views.maps`, so that every front end
computes a map or a timeline the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontlines.control.areas import AreaSet, control_areas, derive_boundary, load_boundary, region_polygons
from frontlines.control.ledger import Ledger, build_ledger
from frontlines.errors import ExportError, InputError
from frontlines.events.merging import merge_events
from frontlines.models import ControlStatus, Event
from frontlines.store.storage import Store
from frontlines.theater import Theater
from frontlines.views.exports import statuses_geojson, write_geojson, write_gpkg, write_kml


@lru_cache(maxsize=4)
def _boundary(theater_id: str, boundary_path: str | None, points: tuple[tuple[float, float], ...]) -> Any:
    if boundary_path:
        return load_boundary(Path(boundary_path))
    return derive_boundary(list(points))


def theater_boundary(theater: Theater) -> Any:
    """The theater's boundary: its boundary file, else its country in the base map, else one
    derived from its gazetteer."""
    if not theater.boundary_path:
        basemap = theater_basemap(theater)
        country = basemap.country(theater.country_name) if basemap is not None else None
        if country is not None and not country.is_empty:
            return country
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
    return build_ledger(theater, store.assertions(until), known_by=known_by)


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


def latest_day(snap: Snapshot) -> date | None:
    """The day a snapshot drawn "as of latest" shows: its newest status change or event."""
    days = [s.since for s in snap.statuses if s.since] + [e.date for e in snap.events if e.date]
    return max(days) if days else None


_EXPORT_TYPES = "use .png, .gif, .geojson, .gpkg or .kml"


def export_snapshot(snap: Snapshot, path: Path) -> None:
    """Write a snapshot as GeoJSON, GeoPackage or KML, by the file's suffix; the file names its day."""
    suffix = path.suffix.lower()
    day = snap.as_of or latest_day(snap)
    if suffix in (".geojson", ".json"):
        write_geojson(path, statuses_geojson(snap.statuses, snap.areas, snap.events, day))
    elif suffix == ".gpkg":
        write_gpkg(path, snap.statuses, snap.areas, snap.events, as_of=day)
    elif suffix == ".kml":
        write_kml(path, snap.statuses, snap.areas, snap.events, as_of=day)
    else:
        raise ExportError(f"{path}: unsupported output type {suffix!r}; {_EXPORT_TYPES}")


def export_range(store: Store, theater: Theater, start: date, end: date, path: Path) -> int:
    """Write every day from ``start`` to ``end`` to one GeoJSON, GeoPackage or KML file.

    Places get one feature per run of days with the same status (``valid_from``/``valid_to``),
    areas and front lines one set per day. Returns the number of days written.
    """
    from frontlines.views.series import status_runs, write_geojson_series, write_gpkg_series, write_kml_series

    suffix = path.suffix.lower()
    if suffix not in (".geojson", ".json", ".gpkg", ".kml"):
        raise ExportError(f"{path}: --from/--to writes .geojson, .gpkg or .kml, not {suffix!r}")
    days = days_between(start, end)
    ledger = ledger_from_store(store, theater, end)
    boundary = theater_boundary(theater)
    per_day = []
    day_areas = []
    for day in days:
        statuses = [s for s in ledger.as_of(day) if s.kind not in ("region", "country", "route")]
        per_day.append((day, statuses))
        day_areas.append((day, control_areas(statuses, boundary) if statuses else None))
    runs = status_runs(per_day)
    evs = merged_events(store, start, end)
    if suffix == ".gpkg":
        write_gpkg_series(path, runs, day_areas, evs)
    elif suffix == ".kml":
        write_kml_series(path, runs, day_areas, evs, start, end, theater.side_colors())
    else:
        write_geojson_series(path, runs, day_areas, evs, start, end)
    return len(days)


def _day(value: date | str | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{what}: {value!r} is not a day (YYYY-MM-DD)") from exc


class Database:
    """A stored frontlines database, read from Python: ``frontlines.open("out/demo.db")``.

    Events are merged across reports (one per happening); control comes from the ledger with the
    theater's baseline, as the CLI shows it.
    """

    def __init__(self, target: str, theater: Theater | str | None = None):
        from frontlines import settings
        from frontlines.store.storage import open_store
        from frontlines.theater import load_theater

        self.store = open_store(target, create=False)
        self.theater = theater if isinstance(theater, Theater) else load_theater(settings.THEATER.value(theater))

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def events(self, since: date | str | None = None, until: date | str | None = None) -> list[Event]:
        """Events from ``since`` to ``until`` (inclusive; open ends when None)."""
        return merged_events(self.store, _day(since, "since"), _day(until, "until"))

    def control(self, as_of: date | str | None = None, known_by: date | str | None = None) -> list[ControlStatus]:
        """Who holds what on a day (the latest statuses when ``as_of`` is None)."""
        day = _day(as_of, "as_of")
        ledger = ledger_from_store(self.store, self.theater, day, _day(known_by, "known_by"))
        return [s for s in ledger.as_of(day) if s.kind not in ("region", "country", "route")]

    def control_days(self, start: date | str, end: date | str) -> list[tuple[date | None, list[ControlStatus]]]:
        """Control on every day from ``start`` to ``end``."""
        d1, d2 = _day(start, "since"), _day(end, "until")
        assert d1 is not None and d2 is not None
        ledger = ledger_from_store(self.store, self.theater, d2)
        return [(d, [s for s in ledger.as_of(d) if s.kind not in ("region", "country", "route")])
                for d in days_between(d1, d2)]

    def to_dataframes(self, as_of: date | str | None = None, since: date | str | None = None,
                      until: date | str | None = None, *, geo: bool | None = None) -> Any:
        """``Frames(places, events, control)`` as pandas (Geo)DataFrames.

        Control is one day (``as_of``), every day from ``since`` to ``until`` when both are given
        and ``as_of`` is not, or else the latest statuses. Events run from ``since`` to ``until``
        (to ``as_of`` when only that is given). ``geo``: GeoDataFrames when geopandas is installed
        (None), always (True) or never (False).
        """
        from frontlines.events.acled import acled_context
        from frontlines.views.dataframes import frames

        day, first, last = _day(as_of, "as_of"), _day(since, "since"), _day(until, "until")
        if day is None and first is not None and last is not None:
            control_days = self.control_days(first, last)
        else:
            control_days = [(day, self.control(day))]
        evs = merged_events(self.store, first, last if last is not None else day)
        ctx = acled_context(self.theater, self.store.documents())
        return frames(self.store.places(), evs, control_days, ctx, geo)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The latest control statuses and all events as a GeoJSON FeatureCollection."""
        return statuses_geojson(self.control(), None, self.events())


def open_database(target: str, theater: Theater | str | None = None) -> Database:
    """Open a stored database for reading (``frontlines.open``)."""
    return Database(target, theater)


def readable_id(name: str, prefix: str = "user:") -> str:
    """A place id a person can read: ``Mazraat al-Qarmeh`` -> ``user:mazraat-al-qarmeh`` ('' without Latin letters)."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", folded))
    return prefix + slug if slug else ""


def check_user_place(theater: Theater, name: str, lat: float, lon: float, *, force: bool = False) -> list[str]:
    """Refuse a hand-added point outside the theater or within 1 km of a place of the same name
    (unless ``force``); return warnings (a likely latitude/longitude swap)."""
    import math

    from shapely.geometry import Point

    boundary = theater_boundary(theater)
    inside = boundary.covers(Point(lon, lat))
    swapped_inside = boundary.covers(Point(lat, lon))
    if not inside and not force:
        hint = f"; latitude and longitude look swapped: did you mean --lat {lon} --lon {lat}?" if swapped_inside else ""
        raise InputError(f"{name!r} at lat {lat}, lon {lon} lies outside the {theater.id} theater{hint} "
                         "(--force adds it anyway)")

    def km(p_lat: float, p_lon: float, q_lat: float, q_lon: float) -> float:
        dx = math.radians(q_lon - p_lon) * math.cos(math.radians((p_lat + q_lat) / 2))
        return 6371.0 * math.hypot(dx, math.radians(q_lat - p_lat))

    def neighbours(p_lat: float, p_lon: float) -> int:
        return sum(1 for p in theater.gazetteer.places
                   if abs(p.lat - p_lat) < 0.2 and abs(p.lon - p_lon) < 0.2 and km(p.lat, p.lon, p_lat, p_lon) <= 10)

    warnings = []
    if inside and swapped_inside and (lat, lon) != (lon, lat) and neighbours(lat, lon) == 0 and neighbours(lon, lat) > 0:
        warnings.append(f"no known place lies within 10 km of lat {lat}, lon {lon} but several do of lat {lon}, "
                        f"lon {lat}: are latitude and longitude swapped?")
    if not force:
        for cand in theater.gazetteer.lookup(name):
            place = cand.place
            if place.kind in ("region", "country", "route"):
                continue
            distance = km(place.lat, place.lon, lat, lon)
            if distance <= 1.0:
                raise InputError(f"{name!r} is already in the gazetteer as {place.name} ({place.id}), "
                                 f"{distance:.2f} km away (--force adds it anyway)")
    return warnings


_BASEMAP_CACHE: dict[str, Any] = {}


def theater_basemap(theater: Theater) -> Any:
    """The theater's base map (``basemap.geojson``: neighbours, coast, rivers, roads), or None."""
    from frontlines.views.basemap import load_basemap

    path = theater.folder / "basemap.geojson"
    if not path.is_file():
        return None
    key = str(path)
    if key not in _BASEMAP_CACHE:
        _BASEMAP_CACHE[key] = load_basemap(path)
    return _BASEMAP_CACHE[key]


def map_context(theater: Theater) -> dict[str, Any]:
    """Keyword arguments for ``render_map``/``render_animation``: base map, frame and country."""
    return {"basemap": theater_basemap(theater), "frame": theater.bbox, "country": theater.country_name}
