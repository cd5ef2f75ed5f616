"""ACLED columns that come from theater data rather than from the report text.

The pipeline gives an event its actors, place, date and evidence. ACLED's export also wants
the actor types (``inter1``/``inter2``/``interaction``), the district (``admin2``), an id of the
form ``SYR1234``, the scale of the sources, tags and a timestamp. These come from the actor
dictionary (``inter`` of actors and sides), the theater's ``acled.toml`` (ISO3 code, source
scales, district seats) and the stored documents (publication dates). See the column table in
the README for what stays blank and why.
"""

from __future__ import annotations

import csv
import hashlib
import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import IO, Any

from frontlines.errors import TheaterError
from frontlines.models import Document, Event
from frontlines.theater import Theater
from frontlines.views.exports import CSV_COLUMNS, event_row

# ACLED's actor types in the order of their old numeric codes (1 = State forces ... 8 = External);
# an interaction names the lower code first ("State forces-Rebel group").
INTER_ORDER: tuple[str, ...] = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces",
)  # fmt: skip


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction text: both types, lower code first, or "<type> only"."""
    if not inter1 and not inter2:
        return ""
    if not inter1 or not inter2:
        return f"{inter1 or inter2} only"

    def rank(t: str) -> int:
        return INTER_ORDER.index(t) if t in INTER_ORDER else len(INTER_ORDER)

    a, b = sorted((inter1, inter2), key=rank)
    return f"{a}-{b}"


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    dx = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    dy = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(dx, dy)


@dataclass(slots=True)
class AcledContext:
    """What the ACLED columns need from a theater and the documents behind the events."""

    iso3: str
    iso: int
    country: str
    region: str
    inter_by_name: dict[str, str]
    side_inter: dict[str, str]
    districts: dict[str, list[tuple[str, float, float]]]  # admin1 -> (district, lon, lat) of its seat
    max_km: float
    admin1_points: dict[str, tuple[float, float]]  # admin1 -> (lon, lat) of the governorate's point
    scale_by_profile: dict[str, str]
    default_scale: str
    theater: Theater
    published: dict[str, date] = field(default_factory=dict)  # doc id -> publication day

    def inter(self, actor: str, side: str) -> str:
        """The ACLED actor type of an actor name (its dictionary entry, else its side's type)."""
        if not actor:
            return ""
        found = self.inter_by_name.get(actor.casefold())
        if found is None:
            resolved = self.theater.actors.resolve(actor)
            found = resolved.inter if resolved is not None else ""
        if found in ("", "Other"):
            found = self.side_inter.get(side, "")
        return found

    def admin2(self, admin1: str, lon: float | None, lat: float | None) -> str:
        """The district whose seat is nearest (within ``max_km``) in the same governorate."""
        if lon is None or lat is None or admin1 not in self.districts:
            return ""
        best = min(((_km(lon, lat, x, y), name) for name, x, y in self.districts[admin1]), default=None)
        return best[1] if best is not None and best[0] <= self.max_km else ""

    def source_scale(self, sources: Sequence[str]) -> str:
        """ACLED source scale: the scales of the event's source groups, joined with "-"."""
        scales: list[str] = []
        for s in sources:
            profile = self.theater.source_profile(s)
            scale = self.scale_by_profile.get(profile.name, self.default_scale)
            if scale not in scales:
                scales.append(scale)
        order = ("Local partner", "Subnational", "National", "Regional", "International", "New media", "Other")
        scales.sort(key=lambda s: order.index(s) if s in order else len(order))
        return "-".join(scales)


def _read_acled_toml(theater: Theater) -> dict[str, Any]:
    path = theater.folder / "acled.toml"
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TheaterError(f"cannot read {path}: {exc}") from exc


def _side_inters(theater: Theater) -> dict[str, str]:
    path = theater.folder / "actors.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {s["id"]: s.get("inter", "") for s in data.get("side", []) if "id" in s}


def acled_context(theater: Theater, documents: Iterable[Document] = ()) -> AcledContext:
    """Build the context once per export (reads ``acled.toml`` and the side types)."""
    data = _read_acled_toml(theater)
    side_inter = _side_inters(theater)
    inter_by_name = {a.name.casefold(): a.inter for a in theater.actors.actors.values()}
    for side in theater.actors.sides.values():
        if side.label:
            inter_by_name.setdefault(side.label.casefold(), side_inter.get(side.id, ""))
    for side in theater.actors.sides.values():
        inter_by_name.setdefault(side.name.casefold(), side_inter.get(side.id, ""))
    districts: dict[str, list[tuple[str, float, float]]] = {}
    table = dict(data.get("districts", {}))
    max_km = float(table.pop("max_km", 100.0))
    for admin1, seats in table.items():
        if not isinstance(seats, dict):
            continue
        for district, seat in seats.items():
            hits = [c.place for c in theater.gazetteer.lookup(seat)
                    if c.place.admin1 == admin1 and c.place.kind == "settlement"]
            if not hits:
                raise TheaterError(f"acled.toml: the seat {seat!r} of district {district!r} is not a place of {admin1}")
            districts.setdefault(admin1, []).append((district, hits[0].lon, hits[0].lat))
    admin1_points = {p.admin1: (p.lon, p.lat) for p in theater.gazetteer.places
                     if p.kind == "region" and p.feature == "governorate" and p.admin1}
    scales = dict(data.get("source_scale", {}))
    default_scale = str(scales.pop("default", "Other"))
    ctx = AcledContext(
        iso3=str(data.get("iso3", theater.country)), iso=theater.iso, country=theater.country_name,
        region=theater.region, inter_by_name=inter_by_name, side_inter=side_inter, districts=districts,
        max_km=max_km, admin1_points=admin1_points, scale_by_profile=scales, default_scale=default_scale,
        theater=theater,
    )
    ctx.published = {d.id: d.published for d in documents if d.published}
    return ctx


def event_number(event_id: str) -> int:
    """A stable number for an event id (the same id gives the same number on every run)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:7], 16)


def _tags(e: Event) -> str:
    tags: list[str] = []
    if e.event_type in ("Protests", "Riots"):
        tags.append("crowd size=no report")  # ACLED's form when a report gives no size
    if e.certainty in ("claimed", "disputed", "uncertain"):
        who = e.claimed_by or ""
        tags.append(f"{e.certainty} by {who}" if e.certainty == "claimed" and who else e.certainty)
    if e.relation:
        tags.append(f"location: {e.relation}")
    return "; ".join(tags)


def acled_row(e: Event, ctx: AcledContext) -> dict[str, Any]:
    """One event as a row of ``CSV_COLUMNS`` with the ACLED columns filled from theater data.

    Events without a point take their governorate's point with ``geo_precision`` 3; events with
    neither a point nor a governorate are unlocated: blank coordinates and blank precision.
    """
    row = event_row(e, ctx.country, ctx.iso, ctx.region)
    inter1 = ctx.inter(e.actor1, e.actor1_side)
    inter2 = ctx.inter(e.actor2, e.actor2_side)
    row.update(inter1=inter1, inter2=inter2, interaction=interaction(inter1, inter2))
    row["event_id_cnty"] = f"{ctx.iso3}{event_number(e.id)}"
    lon, lat = e.lon, e.lat
    if lon is None or lat is None:
        point = ctx.admin1_points.get(e.admin1)
        if point is not None:
            lon, lat = point
            row.update(latitude=f"{lat:.4f}", longitude=f"{lon:.4f}", geo_precision=3)
        else:
            row["geo_precision"] = ""
    row["admin2"] = ctx.admin2(e.admin1, lon, lat) if row["geo_precision"] != 3 else ""
    sources = list(e.sources) or ([e.source] if e.source else [])
    row["source"] = "; ".join(sources)
    row["source_scale"] = ctx.source_scale(sources) if sources else ""
    row["tags"] = _tags(e)
    days = [ctx.published[d] for d in {e.doc, *(x.doc for x in e.evidence)} if d in ctx.published]
    if days:
        row["timestamp"] = int(datetime.combine(max(days), time(0), tzinfo=UTC).timestamp())
    return row


def acled_rows(events: Sequence[Event], ctx: AcledContext) -> list[dict[str, Any]]:
    """Rows for many events; a number shared by two ids (rare) gets a suffix so ids stay unique."""
    rows = [acled_row(e, ctx) for e in events]
    seen: dict[str, int] = {}
    for row in rows:
        key = row["event_id_cnty"]
        if key in seen:
            seen[key] += 1
            row["event_id_cnty"] = f"{key}{seen[key]}"
        else:
            seen[key] = 0
    return rows


def write_acled_csv(fileobj: IO[str], events: Sequence[Event], ctx: AcledContext) -> None:
    """Write events as CSV: ACLED's 31 columns filled from theater data, then ours (``EXTRA_COLUMNS``)."""
    writer = csv.DictWriter(fileobj, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(acled_rows(events, ctx))


def unlocated(events: Sequence[Event], ctx: AcledContext) -> list[Event]:
    """Events that have neither a point nor a governorate (ACLED would not record them)."""
    return [e for e in events if (e.lon is None or e.lat is None) and e.admin1 not in ctx.admin1_points]


__all__ = ["CSV_COLUMNS", "AcledContext", "acled_context", "acled_row", "acled_rows", "interaction", "unlocated", "write_acled_csv"]
