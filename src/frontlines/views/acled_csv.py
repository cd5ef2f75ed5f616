"""Events as ACLED-style CSV: ACLED's export columns in ACLED's order, then ours."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from frontlines.models import Event
from frontlines.views.features import _has_point, _iso

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
