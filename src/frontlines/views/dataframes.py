"""pandas DataFrames (and GeoPandas GeoDataFrames) of places, events and control.

``Extraction.to_dataframes()`` and ``frontlines.open(db).to_dataframes()`` both end here, so a
notebook gets the same columns whichever way the data came. Events keep ACLED's column order
first (then ours), dates are ``datetime64`` and counts are nullable integers. With geopandas
installed (``pip install 'frontlines[geo]'``) each frame with coordinates becomes a
GeoDataFrame of points in EPSG:4326; without it the frames are plain DataFrames with
``longitude``/``latitude`` columns.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from frontlines.events.acled import AcledContext, acled_rows
from frontlines.models import ControlStatus, Event, PlaceMention
from frontlines.views.exports import CSV_COLUMNS

# Event columns after ACLED's and EXTRA_COLUMNS: the merged record's own fields.
EVENT_TAIL: tuple[str, ...] = ("event_id", "date_end", "place_id", "sources", "evidence", "relation")
CONTROL_COLUMNS: tuple[str, ...] = (
    "date", "place_id", "name", "status", "level", "since", "confidence", "sources", "admin1", "kind",
    "longitude", "latitude",
)  # fmt: skip
PLACE_COLUMNS: tuple[str, ...] = (
    "doc", "start", "end", "mention", "place_id", "name", "kind", "admin1", "score", "geo_precision",
    "relation", "anchor_id", "longitude", "latitude",
)  # fmt: skip

_INT_EVENT = ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "wounded", "captured",
              "start", "end")
_FLOAT_EVENT = ("latitude", "longitude")


def geopandas_available() -> bool:
    """Whether GeoDataFrames can be made (the optional ``geo`` extra is installed)."""
    return importlib.util.find_spec("geopandas") is not None


@dataclass(frozen=True, slots=True)
class Frames:
    """The three frames; iterate or unpack as ``places, events, control``."""

    places: pd.DataFrame
    events: pd.DataFrame
    control: pd.DataFrame

    def __iter__(self) -> Any:
        return iter((self.places, self.events, self.control))


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.replace("", None), format="%Y-%m-%d").astype("datetime64[s]")


def _ints(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None)).astype("Int64")


def _floats(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None)).astype("float64")


def _geo(df: pd.DataFrame, geo: bool | None) -> pd.DataFrame:
    if geo is False or (geo is None and not geopandas_available()):
        return df
    import geopandas as gpd

    points = gpd.points_from_xy(df["longitude"], df["latitude"], crs="EPSG:4326")
    # A row without coordinates gets an empty geometry rather than POINT (nan nan).
    missing = df["longitude"].isna() | df["latitude"].isna()
    geometry = gpd.GeoSeries(points, index=df.index, crs="EPSG:4326")
    geometry[missing] = None
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def events_frame(events: Sequence[Event], ctx: AcledContext, geo: bool | None = None) -> pd.DataFrame:
    """Events: ACLED's 31 columns in ACLED's order, our columns after them, typed."""
    rows = acled_rows(events, ctx)
    for row, e in zip(rows, events, strict=True):
        row.update(event_id=e.id, date_end=e.date_end.isoformat() if e.date_end else "", place_id=e.place_id,
                   sources="; ".join(e.sources), evidence="; ".join(map(str, e.evidence)), relation=e.relation)
    df = pd.DataFrame(rows, columns=[*CSV_COLUMNS, *EVENT_TAIL])
    for name in ("event_date", "date_end"):
        df[name] = _dates(df[name])
    for name in _INT_EVENT:
        df[name] = _ints(df[name])
    for name in _FLOAT_EVENT:
        df[name] = _floats(df[name])
    return _geo(df, geo)


def control_frame(days: Sequence[tuple[date | None, Sequence[ControlStatus]]], geo: bool | None = None) -> pd.DataFrame:
    """Control statuses, one row per place and day (``date`` is the as-of day, NaT for "latest")."""
    rows = [
        {"date": day.isoformat() if day else "", "place_id": s.place_id, "name": s.name, "status": s.status,
         "level": s.level, "since": s.since.isoformat() if s.since else "", "confidence": s.confidence,
         "sources": len(s.basis), "admin1": s.admin1, "kind": s.kind,
         "longitude": s.lon, "latitude": s.lat}
        for day, statuses in days for s in statuses
    ]
    df = pd.DataFrame(rows, columns=list(CONTROL_COLUMNS))
    df["date"] = _dates(df["date"])
    df["since"] = _dates(df["since"])
    df["sources"] = _ints(df["sources"])
    for name in ("confidence", "longitude", "latitude"):
        df[name] = _floats(df[name])
    return _geo(df, geo)


def places_frame(mentions: Sequence[PlaceMention], geo: bool | None = None) -> pd.DataFrame:
    """Place mentions: where in which document a place was named, and the point it resolved to."""
    rows = [
        {"doc": p.doc, "start": p.start, "end": p.end, "mention": p.mention, "place_id": p.place_id, "name": p.name,
         "kind": p.kind, "admin1": p.admin1, "score": p.score, "geo_precision": p.geo_precision,
         "relation": p.relation, "anchor_id": p.anchor_id, "longitude": p.lon, "latitude": p.lat}
        for p in mentions
    ]
    df = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    for name in ("start", "end", "geo_precision"):
        df[name] = _ints(df[name])
    for name in ("score", "longitude", "latitude"):
        df[name] = _floats(df[name])
    return _geo(df, geo)


def frames(
    mentions: Sequence[PlaceMention],
    events: Sequence[Event],
    control_days: Sequence[tuple[date | None, Sequence[ControlStatus]]],
    ctx: AcledContext,
    geo: bool | None = None,
) -> Frames:
    """All three frames."""
    return Frames(places_frame(mentions, geo), events_frame(events, ctx, geo), control_frame(control_days, geo))


__all__ = ["CONTROL_COLUMNS", "EVENT_TAIL", "PLACE_COLUMNS", "Frames", "control_frame", "events_frame",
           "frames", "geopandas_available", "places_frame"]
